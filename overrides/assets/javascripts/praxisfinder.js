/* Praxisfinder: the search results page. Words and facets in, ranked entries out.
 *
 * - Facets: several values per facet (OR within a facet, AND across facets); every count says
 *   how many results that value would give together with the query and the other facets;
 *   values that would give none are disabled, not hidden.
 * - Filtering, counting and sorting happen here, on the build's table of every document
 *   (suche.js `loadTable`). Without words the search engine is never loaded; with words it
 *   runs one search, once per query: changing a facet or the sort asks it nothing.
 * - A result line comes from the document's fragment (title, facts, summary), fetched only for
 *   the results shown.
 * - The address holds the query, the sort and every chosen value (?q=…&thema=a&thema=b); each
 *   change is a new history step, so Back undoes it, and a shared link restores it.
 * - Results are written with textContent only (never innerHTML). */
import { factsLine, find, fragmentData, loadTable, moreResults, rowsOf, siteRoot } from "./suche.js";

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
  const PAGE_KIND = "seite";
  let results = [];  // table rows, in the order shown
  let shown = 0;
  let run = 0;
  let typing = null;
  let searched = { text: null, outcome: null };  // the engine's answer to the current words

  const SORTS = { neu: true, titel: true };

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

  function item(data, row) {
    const li = document.createElement("li");
    const heading = document.createElement("p");
    heading.className = "praxis-finder__title";
    const link = document.createElement("a");
    const meta = (data && data.meta) || {};
    link.href = data ? data.url : siteBase;
    link.textContent = meta.title || (data ? data.url : "Eintrag " + (row + 1));
    heading.appendChild(link);
    li.appendChild(heading);
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

  /** The data of some rows' result lines, in their order: from the engine for the results
   *  of a query (it has them already), else read from the fragment directly. */
  let engineResults = new Map();
  function lines(found, rows) {
    return Promise.all(rows.map((row) => {
      const id = found.ids[row];
      const loaded = engineResults.has(id) ? engineResults.get(id).data() : fragmentData(siteBase, id);
      return loaded.catch(() => null);
    }));
  }

  async function showMore(found, focusFirst) {
    const from = shown;
    const slice = results.slice(from, from + PAGE);
    const token = run;
    const data = await lines(found, slice);
    if (token !== run) { return; }
    data.forEach((d, i) => list.appendChild(item(d, slice[i])));
    shown = from + slice.length;
    more.hidden = shown >= results.length;
    more.classList.toggle("praxis-finder__more--hidden", more.hidden);
    if (focusFirst && list.children[from]) {
      list.children[from].querySelector("a").focus();
    }
  }

  /**
   * The rows of `base` that match every chosen facet (any of its chosen values), and for
   * every facet value the number of results it would give: with the other facets as chosen,
   * and its own facet's choice replaced by it (OR within a facet, AND across facets).
   */
  function tally(found, base, selection) {
    const chosenFacets = Object.keys(selection).map((param) => ({
      facet: found.facets.findIndex((f) => f.param === param),
      numbers: new Set(selection[param].map((v) => found.number(param, v))),
    }));
    const counts = new Map();
    const add = (number) => counts.set(number, (counts.get(number) || 0) + 1);
    const matching = [];
    base.forEach((row) => {
      const values = found.values[row];
      let missed = -1;
      let misses = 0;
      for (const chosenFacet of chosenFacets) {
        if (!values.some((n) => chosenFacet.numbers.has(n))) {
          misses += 1;
          missed = chosenFacet.facet;
          if (misses > 1) { break; }
        }
      }
      if (misses === 0) {
        matching.push(row);
        values.forEach(add);
      } else if (misses === 1) {
        values.forEach((n) => { if (found.facetOf[n] === missed) { add(n); } });
      }
    });
    return { matching, counts };
  }

  function updateCounts(found, counts) {
    facets.forEach((facet) => {
      facet.boxes.forEach((box) => {
        const n = counts.get(found.number(facet.param, box.value)) || 0;
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
    if (outcome && outcome.note && typed) {
      const text = {
        typo: "Keine Treffer für „" + typed + "“. Meinten Sie „" + outcome.term + "“? Gezeigt werden die Treffer dafür.",
        split: "Keine Treffer für „" + typed + "“ als ein Wort. Gezeigt werden Treffer für „" + outcome.term + "“.",
        partial: "Kein Eintrag enthält alle Wörter. Gezeigt werden Treffer für „" + outcome.term + "“.",
      }[outcome.note];
      note.textContent = text;
      note.hidden = false;
    }
    let line = plural(total, "Ergebnis", "Ergebnisse");
    if (typed) { line += " für „" + (outcome && outcome.note ? outcome.term : typed) + "“"; }
    if (total === 0) {
      line = typed ? "Keine Ergebnisse für „" + typed + "“." : "Keine Ergebnisse.";
      const filtered = Object.keys(chosen()).length;
      line += filtered ? " Entfernen Sie einen Filter oder versuchen Sie ein anderes Wort." :
        " Versuchen Sie ein anderes oder allgemeineres Wort.";
    }
    status.textContent = line;
  }

  /** The engine's answer to the words, asked once per query (a facet change reuses it). */
  function search(text) {
    if (searched.text !== text) {
      searched = { text, outcome: find(siteBase, text) };
      searched.outcome.catch(() => { searched = { text: null, outcome: null }; });
    }
    return searched.outcome;
  }

  function ordered(found, rows, sort) {
    if (sort === "neu") { return rows.slice().sort((a, b) => a - b); }  // rows: newest first
    if (sort === "titel") { return rows.slice().sort((a, b) => found.titles[a] - found.titles[b]); }
    return rows;  // relevance: the engine's order
  }

  async function update() {
    const token = ++run;
    const selection = updateChips(chosen());
    const typed = query.value.trim();
    root.setAttribute("aria-busy", "true");
    try {
      const [found, outcome] = await Promise.all([loadTable(siteBase), typed ? search(typed) : null]);
      if (token !== run) { return; }
      let base;
      engineResults = new Map();
      if (outcome) {
        base = rowsOf(found, outcome.search.results);
        engineResults = new Map(outcome.search.results.map((r) => [r.id, r]));
      } else {
        base = found.ids.map((_, row) => row);
        if (!selection.art) {  // without words: entries only, unless a kind is chosen
          const page = found.number("art", PAGE_KIND);
          base = base.filter((row) => found.values[row].indexOf(page) < 0);
        }
      }
      const { matching, counts } = tally(found, base, selection);
      updateCounts(found, counts);
      const sort = SORTS[sortField.value] ? sortField.value : (typed ? "" : "neu");
      results = ordered(found, matching, sort);
      shown = 0;
      list.textContent = "";
      describe(outcome, results.length);
      partialList.textContent = "";
      partialBox.hidden = true;
      await showMore(found, false);
      if (!outcome || results.length >= FEW) { return; }
      const partial = await moreResults(siteBase, outcome);
      if (token !== run) { return; }
      partial.forEach((r) => engineResults.set(r.id, r));
      const rows = tally(found, rowsOf(found, partial), selection).matching.slice(0, 10);
      if (!rows.length) { return; }
      const data = await lines(found, rows);
      if (token !== run) { return; }
      data.forEach((d, i) => partialList.appendChild(item(d, rows[i])));
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
  more.addEventListener("click", () => loadTable(siteBase).then((found) => showMore(found, true)));
  window.addEventListener("popstate", () => {
    readAddress();
    update();
  });
  update();
}
