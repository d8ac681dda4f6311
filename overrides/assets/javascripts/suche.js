/* The portal's search, shared by the header search and the Praxisfinder.
 *
 * Pagefind does the searching: German stemming, ä/ae/a alike, word beginnings, an index
 * fetched in chunks by the words typed. The build adds what it cannot know
 * (docs/betrieb/suche.md), and writes a table of every document's facet values, date and
 * title order (`loadTable`): facets, counts and sorting are worked out in the browser from it,
 * so a query is one engine search. This layer also helps a query that finds nothing:
 * - it drops common words ("wie", "für") when other words remain;
 * - a word the index does not know is split into known words ("Demokratieförderung" when the
 *   entries write "Förderung der Demokratie") or replaced by the nearest known word
 *   ("Rasissmus" → "Rassismus"), from the word list the build writes;
 * - when all words together find nothing, it keeps the most telling words that still match.
 * The word list is fetched only then. Results are never written as HTML by this module. */

const STOP_WORDS = new Set((
  "aber als am an auch auf aus bei beim bin bis da damit dann das dass dem den der des die " +
  "dies diese dieser doch du durch ein eine einem einen einer eines er es für gegen hat " +
  "haben ich ihr im in ist ja kann können man mit nach nicht noch nur ob oder sich sie sind " +
  "so über um und uns unter vom von vor wann war was welche welcher wenn wer wie wir wird " +
  "wo wozu zu zum zur gibt geht machen mache tun " +
  "mein meine meinem meinen meiner meines unser unsere unserem unseren unserer unseres " +
  "dein deine euer eure ihre ihrem ihren ihrer ihres sein seine seinem seinen seiner seines " +
  "mir mich dir dich ihm ihn ihnen soll sollen sollte sollten muss müssen möchte möchten " +
  "will wollen könnte könnten darf dürfen bitte etwas hier dort jemand welches"
).split(" "));
const MIN_PART = 4;
const FUGEN = ["es", "en", "s", "n", "e", ""];
const ENDINGS = ["", "e", "n", "s", "en", "er", "es", "ern"];

let engine = null;
let wordList = null;
let termList = null;
let table = null;
const shards = new Map();
const fragments = new Map();
const SIGNATURE = "pagefind_dcd";
const VALUE_BASE = 0x30;

/** The site's root as an absolute URL ending in "/", from a relative base such as "../". */
export function siteRoot(base) {
  return new URL(base || "./", window.location.href).href;
}

/** Pagefind, loaded once, on first use (never before a query or the finder needs it). */
export function loadEngine(root) {
  if (!engine) {
    engine = import(root + "pagefind/pagefind.js").then(async (pagefind) => {
      // Ranking (docs/betrieb/suche.md): a document is its distinct words plus weighted
      // blocks, so its length says little; judged queries improved with less length penalty
      // (0.5 instead of 0.75) and quicker saturation of repeated words (1.0 instead of 1.4).
      await pagefind.options({
        basePath: root + "pagefind/",
        baseUrl: new URL(root).pathname,
        ranking: { pageLength: 0.5, termSaturation: 1.0 },
      });
      await pagefind.init();
      return pagefind;
    });
    engine.catch(() => { engine = null; });
  }
  return engine;
}

/**
 * The finder's table of every indexed document (suche/eintraege.json, written by the build),
 * loaded once: `rowOf` maps a Pagefind result id to its row; rows are ordered newest first;
 * `titles[row]` is the row's place in title order; `values[row]` its facet values as numbers,
 * `number(param, id)` the number of a facet value and `facetOf[number]` the facet it belongs to.
 */
export function loadTable(root) {
  if (!table) {
    table = fetch(root + "suche/eintraege.json")
      .then((response) => {
        if (!response.ok) { throw new Error("suche/eintraege.json: " + response.status); }
        return response.json();
      })
      .then((data) => {
        const numbers = new Map();
        const facetOf = [];
        data.facets.forEach((facet, index) => facet.values.forEach((value) => {
          numbers.set(facet.param + "=" + value, facetOf.length);
          facetOf.push(index);
        }));
        const ids = data.ids.map((id) => data.prefix + id);
        return {
          facets: data.facets,
          ids,
          titles: data.titles,
          // Value n is written as the character "0" + n (search_documents.entry_table).
          values: data.values.map((text) => Array.from(text, (c) => c.charCodeAt(0) - VALUE_BASE)),
          facetOf,
          rowOf: new Map(ids.map((id, row) => [id, row])),
          number: (param, value) => numbers.get(param + "=" + value),
        };
      });
    table.catch(() => { table = null; });
  }
  return table;
}

/** Rows of search results, in their order; results the table does not know are left out. */
export function rowsOf(found, results) {
  const rows = [];
  results.forEach((result) => {
    const row = found.rowOf.get(result.id);
    if (row !== undefined) { rows.push(row); }
  });
  return rows;
}

/**
 * What a result line shows (url, meta: title, art, summary, kommune, land, datum), read from
 * the document's Pagefind fragment without loading the engine: gzip, a signature, then JSON.
 * Null when the browser cannot unpack it (no DecompressionStream).
 */
export function fragmentData(root, id) {
  if (!fragments.has(id)) {
    const loaded = (async () => {
      if (typeof DecompressionStream === "undefined") { return null; }
      const response = await fetch(root + "pagefind/fragment/" + id + ".pf_fragment");
      if (!response.ok) { throw new Error(id + ": " + response.status); }
      const packed = new Response(response.body.pipeThrough(new DecompressionStream("gzip")));
      const text = await packed.text();
      const data = JSON.parse(text.startsWith(SIGNATURE) ? text.slice(SIGNATURE.length) : text);
      const path = new URL(root).pathname;
      data.url = (path + String(data.url || "")).replace(/\/{2,}/g, "/");
      return data;
    })();
    loaded.catch(() => fragments.delete(id));
    fragments.set(id, loaded);
  }
  return fragments.get(id);
}

/** Folded word → {word, count}: the spelling used most, for corrections and splitting. */
function loadWords(root) {
  if (!wordList) {
    wordList = fetch(root + "suche/woerter.json")
      .then((response) => (response.ok ? response.json() : { words: [], counts: [] }))
      .then((data) => {
        const words = new Map();
        data.words.forEach((word, index) => {
          const key = fold(word);
          if (!words.has(key)) { words.set(key, { word, count: data.counts[index] || 1 }); }
        });
        return words;
      })
      .catch(() => new Map());
  }
  return wordList;
}

/** Folded name ("hass im netz") → [filter, id] of the facet values a reader may name. */
function loadTerms(root) {
  if (!termList) {
    termList = fetch(root + "suche/begriffe.json")
      .then((response) => (response.ok ? response.json() : { terms: [] }))
      .then((data) => {
        const names = new Map();
        data.terms.forEach((term) => term.names.forEach((name) => {
          const key = queryWords(name).map(fold).join(" ");
          if (key && !names.has(key)) { names.set(key, [term.filter, term.id]); }
        }));
        return names;
      })
      .catch(() => new Map());
  }
  return termList;
}

/** When the query names a facet value ("Modul 2", "Sachsen", "Hass im Netz"), the entries
 *  that carry it come first; the others follow in their order. The set stays the same. */
async function carriersFirst(root, words, search) {
  const named = (await loadTerms(root)).get(words.map(fold).join(" "));
  if (!named || search.results.length < 2) { return search; }
  let found;
  try {
    found = await loadTable(root);
  } catch (error) {
    return search;
  }
  const number = found.number(named[0], named[1]);
  const carries = (result) => {
    const row = found.rowOf.get(result.id);
    return row !== undefined && found.values[row].indexOf(number) >= 0;
  };
  const results = search.results.filter(carries).concat(search.results.filter((r) => !carries(r)));
  return Object.assign({}, search, { results });
}

/** A result titled exactly as the query ("Facharbeitskreis Rechtsextremismus") comes first,
 *  if it is among the first five: a longer title with the same words may score higher. Only
 *  for queries of several words (the result lines of the first few are loaded anyway). */
async function titleFirst(words, search) {
  if (words.length < 2) { return search; }
  const wanted = words.map(fold).join(" ");
  const top = search.results.slice(0, 5);
  const data = await Promise.all(top.map((result) => result.data().catch(() => null)));
  const titled = (d) => queryWords((d && d.meta && d.meta.title) || "").map(fold).join(" ");
  const index = data.findIndex((d) => titled(d) === wanted);
  if (index <= 0) { return search; }
  const results = search.results.slice();
  results.unshift(results.splice(index, 1)[0]);
  return Object.assign({}, search, { results });
}

function shardKey(folded) {
  const key = folded.slice(0, 2);
  return /^[a-z]{2}$/.test(key) ? key : "_";
}

function loadShard(root, key) {
  if (!shards.has(key)) {
    shards.set(key, fetch(root + "suche/woerter/" + key + ".json")
      .then((response) => (response.ok ? response.json() : []))
      .catch(() => []));
  }
  return shards.get(key);
}

/** Whether the index knows a word: as it is, as the beginning of a word (the engine matches
 *  beginnings), or as a known word with an ending added ("Moscheen" for "Moschee"). */
export async function isKnown(root, word) {
  const folded = fold(word);
  if (folded.length < 3 || /\d/.test(folded)) { return true; }  // numbers, "Modul 2"
  const list = await loadShard(root, shardKey(folded));
  return list.some((known) => known === folded ||
    (folded.length >= 3 && known.startsWith(folded)) ||
    (known.length >= MIN_PART && folded.startsWith(known) && folded.length - known.length <= 3));
}

/** The line under a result's title: kind, municipality, Bundesland (and date, if asked). */
export function factsLine(meta, withDate) {
  const m = meta || {};
  return [m.art, m.kommune, m.land, withDate ? m.datum : null].filter(Boolean).join(" · ");
}

/** Lower-case words of a query, without common words unless nothing else is left. */
export function queryWords(text) {
  const all = (String(text || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
  const meaningful = all.filter((word) => !STOP_WORDS.has(word));
  return meaningful.length ? meaningful : all;
}

/** As search_documents.fold: "Bürgermeister" and "Buergermeister" alike. */
export function fold(word) {
  return word.toLowerCase().replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss")
    .replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
}

function known(words, part) {
  return part.length >= MIN_PART && words.has(part);
}  // `words`: a Map or Set of folded words

/** As search_documents.Lexicon.known_stem: a known word with or without an ending. */
function knownStem(words, part) {
  return ENDINGS.some((end) => part.endsWith(end) && known(words, part.slice(0, part.length - end.length))) ||
    ENDINGS.some((end) => end && known(words, part + end));
}

/** The parts of a compound, as the build splits them (search_documents.Lexicon). */
export function splitCompound(word, words) {
  if (word.length < 2 * MIN_PART) { return null; }
  for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut += 1) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (!knownStem(words, tail)) { continue; }
    for (const fuge of FUGEN) {
      if (fuge && !head.endsWith(fuge)) { continue; }
      const stem = fuge ? head.slice(0, head.length - fuge.length) : head;
      if (stem.length < MIN_PART) { continue; }
      if (known(words, stem) || (!fuge && knownStem(words, stem))) { return [stem, tail]; }
      const inner = splitCompound(stem, words);
      if (inner) { return inner.concat([tail]); }
    }
  }
  return null;
}

/** Optimal string alignment distance, stopping early above `limit`. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) { return limit + 1; }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The known word nearest to a misspelt one (1 edit for short words, 2 for longer), the more
 *  frequent on a tie; null when none is near. */
export function nearestWord(word, words) {
  const folded = fold(word);
  const limit = folded.length <= 5 ? 1 : 2;
  let best = null;
  let bestDistance = limit + 1;
  let bestCount = 0;
  for (const [candidate, entry] of words) {
    if (candidate === folded) { continue; }
    const d = distance(folded, candidate, limit);
    if (d < bestDistance || (d === bestDistance && d <= limit && entry.count > bestCount)) {
      best = entry.word;
      bestDistance = d;
      bestCount = entry.count;
    }
  }
  return bestDistance <= limit ? best : null;
}

async function count(pagefind, term) {
  const found = await pagefind.search(term);
  return found.results.length;
}

/**
 * Search as a reader means it: one engine search over everything (no filters; the finder
 * filters with its table). Returns {term, search, note} where `term` is the query that was
 * run (it may differ from what was typed: see `note`) and `search` Pagefind's answer.
 */
export async function find(root, text) {
  const typed = queryWords(text);
  if (!typed.length) {
    return { term: null, search: { results: [] }, note: null };
  }
  const pagefind = await loadEngine(root);
  const term = typed.join(" ");
  const [search, known] = await Promise.all([
    pagefind.search(term),
    Promise.all(typed.map((word) => isKnown(root, word))),
  ]);
  if (search.results.length && known.every(Boolean)) {
    return { term, search: await titleFirst(typed, await carriersFirst(root, typed, search)), note: null, words: typed };
  }
  // Words the index does not know (the engine may still answer them loosely): a compound
  // spelled apart in the entries, or a typo.
  const words = await loadWords(root);
  const fixed = [];
  const replaced = [];
  const heads = new Set();  // the last part of a split compound names what is sought
  let split = false;
  // A suggestion is written as the reader wrote the word: "Rasissmus" → "Rassismus".
  const written = new Map((String(text).match(/[\p{L}\p{N}]+/gu) || []).map((w) => [w.toLowerCase(), w]));
  const likeTyped = (word, typedWord) => {
    const original = written.get(typedWord) || "";
    return original && original[0] !== original[0].toLowerCase() ?
      word.charAt(0).toUpperCase() + word.slice(1) : word;
  };
  for (const [index, word] of typed.entries()) {
    if (known[index]) {
      fixed.push(word);
      continue;
    }
    const parts = splitCompound(fold(word), words);
    if (parts) {
      fixed.push(...parts.map((part) => likeTyped(words.get(part)?.word || part, word)));
      heads.add(fixed[fixed.length - 1]);
      split = true;
      continue;
    }
    const near = nearestWord(word, words);
    if (near) {
      fixed.push(likeTyped(near, word));
      replaced.push(near);
    } else if (typed.length === 1) {
      fixed.push(word);
    }
  }
  let kept = fixed;
  if (kept.length && kept.join(" ") !== term) {
    const retry = await pagefind.search(kept.join(" "));
    if (retry.results.length) {
      const note = replaced.length ? "typo" : (split ? "split" : "partial");
      return { term: kept.join(" "), search: retry, note, typed: text, words: kept };
    }
  }
  // Several words that never stand together: keep the rarest ones that still match together,
  // the head of a split compound first ("Hasskriminalitätsmeldestelle": a Meldestelle).
  if (kept.length > 1) {
    const counted = [];
    for (const word of kept) {
      const n = await count(pagefind, word);  // eslint-disable-line no-await-in-loop
      if (n) { counted.push([word, n]); }
    }
    counted.sort((a, b) => Number(heads.has(b[0])) - Number(heads.has(a[0])) || a[1] - b[1]);
    let chosen = [];
    for (const [word] of counted) {
      const trial = chosen.concat([word]);
      if (!chosen.length || await count(pagefind, trial.join(" "))) { chosen = trial; }
    }
    if (chosen.length) {
      const partial = await pagefind.search(chosen.join(" "));
      if (partial.results.length) {
        return {
          term: chosen.join(" "), search: partial, note: replaced.length ? "typo" : "partial",
          typed: text, words: kept,
        };
      }
    }
  }
  return { term, search, note: null, words: kept.length ? kept : typed };
}

/**
 * For few results (the caller decides): more that match part of the query, to show after
 * them and apart from them (they are not counted in the facets). Each word of a query of
 * several words (all of them, also those a search that kept only some left out), and the
 * parts of a long word ("Polizeidaten" → "Polizei Daten"), is searched alone; pages matching
 * more of them come first.
 */
export async function moreResults(root, outcome) {
  const main = outcome.search.results;
  if (!outcome.term) { return []; }
  const pagefind = await loadEngine(root);
  const words = outcome.words && outcome.words.length ? outcome.words : queryWords(outcome.term);
  const terms = words.length > 1 ? words.slice() : [];
  if (words.some((word) => word.length >= 2 * MIN_PART)) {
    const list = await loadWords(root);
    words.forEach((word) => {
      const parts = splitCompound(fold(word), list);
      if (parts) {
        const spelled = parts.map((part) => list.get(part)?.word || part);
        terms.push(spelled.join(" "));
        terms.push(spelled[spelled.length - 1]);  // the head alone: "Befragung" of a compound
      }
    });
  }
  const seen = new Set(main.map((r) => r.id));
  const found = new Map();
  for (const term of terms) {
    const search = await pagefind.search(term);  // eslint-disable-line no-await-in-loop
    search.results.forEach((result) => {
      if (seen.has(result.id)) { return; }
      const entry = found.get(result.id) || { result, hits: 0, score: 0 };
      entry.hits += 1;
      entry.score += result.score;
      found.set(result.id, entry);
    });
  }
  return Array.from(found.values())
    .sort((a, b) => b.hits - a.hits || b.score - a.score)
    .map((entry) => entry.result);
}
