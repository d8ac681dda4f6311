/* Instant results under the header's search field, from the same index as the Praxisfinder.
 *
 * Nothing is fetched before the reader types: the engine loads on the first keystroke. Enter
 * (or the button) submits the plain form and opens the Praxisfinder with the query, which also
 * works without JavaScript. Arrow down moves into the results, Escape closes them. */
import { factsLine, find, siteRoot } from "./suche.js";

const SHOWN = 6;
const form = document.querySelector("[data-praxis-search]");

if (form && window.fetch) {
  const root = siteRoot(form.getAttribute("data-base"));
  const input = form.querySelector("input[name=q]");
  const panel = form.querySelector("[data-panel]");
  const status = form.querySelector("[data-status]");
  const list = form.querySelector("[data-results]");
  const all = form.querySelector("[data-all]");
  const finder = all.getAttribute("href");
  let typing = null;
  let run = 0;

  function close() {
    panel.hidden = true;
  }

  function open() {
    panel.hidden = false;
  }

  function item(data) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    const title = document.createElement("span");
    title.className = "praxis-search__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    const meta = document.createElement("span");
    meta.className = "praxis-search__meta";
    meta.textContent = factsLine(data.meta, false);
    link.appendChild(title);
    link.appendChild(meta);
    li.appendChild(link);
    return li;
  }

  async function update() {
    const token = ++run;
    const text = input.value.trim();
    if (!text) {
      list.textContent = "";
      status.textContent = "";
      close();
      return;
    }
    all.href = finder + "?q=" + encodeURIComponent(text);
    try {
      const outcome = await find(root, text);
      if (token !== run) { return; }
      const found = outcome.search.results;
      const data = await Promise.all(found.slice(0, SHOWN).map((r) => r.data()));
      if (token !== run) { return; }
      list.textContent = "";
      data.forEach((d) => list.appendChild(item(d)));
      const n = found.length;
      let line = n === 0 ? "Keine Ergebnisse für „" + text + "“." :
        (n === 1 ? "1 Ergebnis" : n.toLocaleString("de-DE") + " Ergebnisse") +
        (outcome.note ? " für „" + outcome.term + "“" : "");
      if (outcome.note === "typo") { line = "Meinten Sie „" + outcome.term + "“? " + line + "."; }
      status.textContent = line;
      all.textContent = n > SHOWN ? "Alle " + n.toLocaleString("de-DE") + " Ergebnisse im Praxisfinder" :
        "Im Praxisfinder filtern";
      all.href = finder + "?q=" + encodeURIComponent(outcome.note === "typo" ? outcome.term : text);
      open();
    } catch (error) {
      if (token === run) {
        status.textContent = "Die Suche ist gerade nicht erreichbar. Enter öffnet den Praxisfinder.";
        open();
      }
    }
  }

  input.addEventListener("input", () => {
    escaped = false;
    window.clearTimeout(typing);
    typing = window.setTimeout(update, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !panel.hidden) {
      const first = panel.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  panel.addEventListener("keydown", (event) => {
    const links = Array.from(panel.querySelectorAll("a"));
    const index = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && index >= 0 && index < links.length - 1) {
      event.preventDefault();
      links[index + 1].focus();
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      (index === 0 ? input : links[index - 1]).focus();
    }
  });
  let escaped = false;  // Escape closes the results until the reader types again
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      escaped = true;
      close();
      input.focus();
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) { close(); }
  });
  input.addEventListener("focus", () => {
    if (!escaped && (list.children.length || status.textContent)) { open(); }
  });
}
