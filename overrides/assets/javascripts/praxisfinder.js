/* Praxisfinder: the search results page. Words and facets in, ranked entries out.
 *
 * - Facets: several values per facet (OR within a facet, AND across facets); every count says
 *   how many results that value would give together with the query and the other facets;
 *   values that would give none are disabled, not hidden.
 * - The address holds the query, the sort and every chosen value (?q=…&thema=a&thema=b); each
 *   change is a new history step, so Back undoes it, and a shared link restores it.
 * - Results are written with textContent only (never innerHTML). */
import { factsLine, find, loadEngine, moreResults, siteRoot } from "./suche.js";

const PAGE = 20;
// Fewer results than this: also show those matching part of the query, apart.
const FEW = 5;
const root = document.querySelector("[data-praxisfinder]");

if (root && window.fetch && window.URLSearchParams) {
  const siteBase = siteRoot(root.getAttribute("data-base"));
  const form = root.querySelector("form");
  const query = form.elements.q;
  const sortField = form.elements.sort;
  const status = root.querySelector("[data-status]");
  const note = root.querySelector("[data-note]");
  const list = root.querySelector("[data-results]");
  const more = root.querySelector("[data-more]");
  const active = root.querySelector("[data-active]");
  const chips = root.querySelector("[data-chips]");
  const facetsBox = root.querySelector("[data-facets]");
  const partialBox = root.querySelector("[data-partial-box]");
  const partialList = root.querySelector("[data-partial]");
  const activeCount = root.querySelector("[data-active-count]");
  const facets = Array.from(root.querySelectorAll("[data-facet]")).map((fieldset) => ({
    param: fieldset.getAttribute("data-facet"),
    legend: fieldset.querySelector("legend").textContent.trim(),
    boxes: Array.from(fieldset.querySelectorAll("input[type=checkbox]")),
  }));
  // Without words, the finder lists entries; hand-written pages appear only for a query.
  const entryKinds = (facets.find((facet) => facet.param === "art") || { boxes: [] })
    .boxes.map((box) => box.value).filter((kind) => kind !== "seite");
  let results = [];
  let shown = 0;
  let run = 0;
  let typing = null;

  const SORTS = { neu: { datum: "desc" }, titel: { titel: "asc" } };

  function labelOf(box) {
    return box.parentNode.querySelector("[data-label]").textContent;
  }

  function chosen() {
    const filters = {};
    facets.forEach((facet) => {
      const values = facet.boxes.filter((box) => box.checked).map((box) => box.value);
      if (values.length) { filters[facet.param] = values; }
    });
    return filters;
  }

  function engineFilters(selection, without) {
    const filters = {};
    Object.keys(selection).forEach((param) => {
      if (param !== without) { filters[param] = { any: selection[param] }; }
    });
    return filters;
  }

  function address() {
    const params = new URLSearchParams();
    if (query.value.trim()) { params.set("q", query.value.trim()); }
    const selection = chosen();
    facets.forEach((facet) => (selection[facet.param] || []).forEach((v) => params.append(facet.param, v)));
    if (sortField.value) { params.set("sort", sortField.value); }
    const text = params.toString();
    return text ? "?" + text : window.location.pathname;
  }

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    sortField.value = SORTS[params.get("sort")] ? params.get("sort") : "";
    facets.forEach((facet) => {
      const values = params.getAll(facet.param);
      facet.boxes.forEach((box) => { box.checked = values.indexOf(box.value) >= 0; });
    });
  }

  function remember() {
    const next = address();
    const current = window.location.search || window.location.pathname;
    if (next !== current) { window.history.pushState(null, "", next); }
  }

  function plural(n, one, many) {
    return n === 1 ? "1 " + one : n.toLocaleString("de-DE") + " " + many;
  }

  function item(data) {
    const li = document.createElement("li");
    const heading = document.createElement("p");
    heading.className = "praxis-finder__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    const meta = data.meta || {};
    const facts = factsLine(meta, true);
    if (facts) {
      const line = document.createElement("p");
      line.className = "praxis-finder__meta";
      line.textContent = facts;
      li.appendChild(line);
    }
    if (meta.summary) {
      const summary = document.createElement("p");
      summary.textContent = meta.summary;
      li.appendChild(summary);
    }
    return li;
  }

  async function showMore(focusFirst) {
    const from = shown;
    const slice = results.slice(from, from + PAGE);
    const token = run;
    const data = await Promise.all(slice.map((r) => r.data()));
    if (token !== run) { return; }
    data.forEach((d) => list.appendChild(item(d)));
    shown = from + slice.length;
    more.hidden = shown >= results.length;
    more.classList.toggle("praxis-finder__more--hidden", more.hidden);
    if (focusFirst && list.children[from]) {
      list.children[from].querySelector("a").focus();
    }
  }

  function updateCounts(counts) {
    facets.forEach((facet) => {
      const values = counts[facet.param] || {};
      facet.boxes.forEach((box) => {
        const n = values[box.value] || 0;
        box.parentNode.querySelector("[data-count]").textContent = String(n);
        box.disabled = n === 0 && !box.checked;
        box.parentNode.classList.toggle("praxis-finder__option--empty", box.disabled);
      });
    });
  }

  function updateChips(selection) {
    chips.textContent = "";
    let total = 0;
    facets.forEach((facet) => {
      facet.boxes.filter((box) => box.checked).forEach((box) => {
        total += 1;
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "praxis-finder__chip";
        button.textContent = facet.legend + ": " + labelOf(box) + " ✕";
        button.setAttribute("aria-label", "Filter " + facet.legend + ": " + labelOf(box) + " entfernen");
        button.addEventListener("click", () => {
          box.checked = false;
          changed();
          status.focus();
        });
        li.appendChild(button);
        chips.appendChild(li);
      });
    });
    active.hidden = total === 0;
    activeCount.textContent = total ? "(" + total + " aktiv)" : "";
    return selection;
  }

  function describe(outcome, total) {
    const typed = query.value.trim();
    note.hidden = true;
    note.textContent = "";
    if (outcome.note && typed) {
      const text = {
        typo: "Keine Treffer für „" + typed + "“. Meinten Sie „" + outcome.term + "“? Gezeigt werden die Treffer dafür.",
        split: "Keine Treffer für „" + typed + "“ als ein Wort. Gezeigt werden Treffer für „" + outcome.term + "“.",
        partial: "Kein Eintrag enthält alle Wörter. Gezeigt werden Treffer für „" + outcome.term + "“.",
      }[outcome.note];
      note.textContent = text;
      note.hidden = false;
    }
    let line = plural(total, "Ergebnis", "Ergebnisse");
    if (typed) { line += " für „" + (outcome.note ? outcome.term : typed) + "“"; }
    if (total === 0) {
      line = typed ? "Keine Ergebnisse für „" + typed + "“." : "Keine Ergebnisse.";
      const filtered = Object.keys(chosen()).length;
      line += filtered ? " Entfernen Sie einen Filter oder versuchen Sie ein anderes Wort." :
        " Versuchen Sie ein anderes oder allgemeineres Wort.";
    }
    status.textContent = line;
  }

  async function update() {
    const token = ++run;
    const selection = updateChips(chosen());
    const sort = SORTS[sortField.value] || (query.value.trim() ? null : SORTS.neu);
    const options = { filters: engineFilters(selection) };
    if (!query.value.trim() && !selection.art && entryKinds.length) {
      options.filters.art = { any: entryKinds };
    }
    if (sort) { options.sort = sort; }
    root.setAttribute("aria-busy", "true");
    try {
      const outcome = await find(siteBase, query.value, options);
      if (token !== run) { return; }
      const pagefind = await loadEngine(siteBase);
      // A chosen facet's own counts: the results with every other facet, plus that value.
      const counts = Object.assign({}, outcome.search.filters);
      for (const param of Object.keys(selection)) {
        const filters = engineFilters(selection, param);
        if (param !== "art" && options.filters.art && !selection.art) { filters.art = options.filters.art; }
        const others = await pagefind.search(outcome.term, { filters });
        counts[param] = others.filters[param] || {};
      }
      if (token !== run) { return; }
      updateCounts(counts);
      results = outcome.search.results;
      shown = 0;
      list.textContent = "";
      describe(outcome, results.length);
      partialList.textContent = "";
      partialBox.hidden = true;
      await showMore(false);
      const partial = await moreResults(siteBase, outcome, options, FEW);
      if (token !== run || !partial.length) { return; }
      const data = await Promise.all(partial.slice(0, 10).map((r) => r.data()));
      if (token !== run) { return; }
      data.forEach((d) => partialList.appendChild(item(d)));
      partialBox.hidden = false;
    } catch (error) {
      if (token === run) {
        status.textContent = "Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.";
      }
    } finally {
      if (token === run) { root.removeAttribute("aria-busy"); }
    }
  }

  function changed() {
    remember();
    update();
  }

  form.hidden = false;
  const fallback = root.querySelector("[data-noscript]");
  if (fallback) { fallback.remove(); }
  const wide = window.matchMedia("(min-width: 60em)");
  facetsBox.open = wide.matches;
  status.textContent = "Ergebnisse werden geladen …";
  readAddress();

  form.addEventListener("change", (event) => {
    if (event.target === query) { return; }
    changed();
  });
  query.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(changed, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typing);
    changed();
  });
  root.querySelector("[data-clear]").addEventListener("click", () => {
    facets.forEach((facet) => facet.boxes.forEach((box) => { box.checked = false; }));
    changed();
    status.focus();
  });
  more.addEventListener("click", () => showMore(true));
  window.addEventListener("popstate", () => {
    readAddress();
    update();
  });
  loadEngine(siteBase).then((pagefind) => pagefind.filters()).then(update, update);
}
