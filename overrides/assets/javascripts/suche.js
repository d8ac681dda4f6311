/* The portal's search, shared by the header search and the Praxisfinder.
 *
 * Pagefind does the searching: German stemming, ä/ae/a alike, word beginnings, filters with
 * counts, sorting, an index fetched in chunks by the words typed. The build adds what it
 * cannot know (docs/betrieb/suche.md). This layer only helps a query that finds nothing:
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
  "wo wozu zu zum zur gibt geht machen mache tun"
).split(" "));
const MIN_PART = 4;
const FUGEN = ["es", "en", "s", "n", "e", ""];
const ENDINGS = ["", "e", "n", "s", "en", "er", "es", "ern"];

let engine = null;
let wordList = null;

/** The site's root as an absolute URL ending in "/", from a relative base such as "../". */
export function siteRoot(base) {
  return new URL(base || "./", window.location.href).href;
}

/** Pagefind, loaded once, on first use (never before a query or the finder needs it). */
export function loadEngine(root) {
  if (!engine) {
    engine = import(root + "pagefind/pagefind.js").then(async (pagefind) => {
      await pagefind.options({ basePath: root + "pagefind/", baseUrl: new URL(root).pathname });
      await pagefind.init();
      return pagefind;
    });
    engine.catch(() => { engine = null; });
  }
  return engine;
}

function loadWords(root) {
  if (!wordList) {
    wordList = fetch(root + "suche/woerter.json")
      .then((response) => (response.ok ? response.json() : { words: [], counts: [] }))
      .then((data) => {
        const counts = new Map();
        data.words.forEach((word, index) => counts.set(word, data.counts[index] || 1));
        return counts;
      })
      .catch(() => new Map());
  }
  return wordList;
}

/** Lower-case words of a query, without common words unless nothing else is left. */
export function queryWords(text) {
  const all = (String(text || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
  const meaningful = all.filter((word) => !STOP_WORDS.has(word));
  return meaningful.length ? meaningful : all;
}

export function fold(word) {
  return word.replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss")
    .replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
}

function known(words, part) {
  return part.length >= MIN_PART && words.has(part);
}

function knownStem(words, part) {
  return ENDINGS.some((end) => part.endsWith(end) && known(words, part.slice(0, part.length - end.length)));
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
      if (known(words, stem)) { return [stem, tail]; }
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
  const limit = word.length <= 5 ? 1 : 2;
  const folded = fold(word);
  let best = null;
  let bestDistance = limit + 1;
  let bestCount = 0;
  for (const [candidate, count] of words) {
    if (candidate === word) { continue; }
    const d = distance(folded, fold(candidate), limit);
    if (d < bestDistance || (d === bestDistance && d <= limit && count > bestCount)) {
      best = candidate;
      bestDistance = d;
      bestCount = count;
    }
  }
  return bestDistance <= limit ? best : null;
}

async function count(pagefind, term, options) {
  const found = await pagefind.search(term, options);
  return found.results.length;
}

/**
 * Search as a reader means it. Returns {term, search, note} where `term` is the query that
 * was run (it may differ from what was typed: see `note`) and `search` Pagefind's answer.
 */
export async function find(root, text, options) {
  const pagefind = await loadEngine(root);
  const typed = queryWords(text);
  if (!typed.length) {
    return { term: null, search: await pagefind.search(null, options), note: null };
  }
  const term = typed.join(" ");
  const search = await pagefind.search(term, options);
  if (search.results.length) {
    return { term, search, note: null };
  }
  // Words the whole index does not know: a compound spelled apart, or a typo.
  const words = await loadWords(root);
  const fixed = [];
  const replaced = [];
  for (const word of typed) {
    if (await count(pagefind, word, {})) {
      fixed.push(word);
      continue;
    }
    const parts = splitCompound(word, words);
    if (parts) {
      fixed.push(...parts);
      continue;
    }
    const near = nearestWord(word, words);
    if (near) {
      fixed.push(near);
      replaced.push(near);
    }
  }
  let kept = fixed;
  if (kept.length && kept.join(" ") !== term) {
    const retry = await pagefind.search(kept.join(" "), options);
    if (retry.results.length) {
      return { term: kept.join(" "), search: retry, note: replaced.length ? "typo" : "split", typed: text };
    }
  }
  // Several words that never stand together: keep the rarest ones that still match together.
  if (kept.length > 1) {
    const counted = [];
    for (const word of kept) {
      const n = await count(pagefind, word, options);
      if (n) { counted.push([word, n]); }
    }
    counted.sort((a, b) => a[1] - b[1]);
    let chosen = [];
    for (const [word] of counted) {
      const trial = chosen.concat([word]);
      if (!chosen.length || await count(pagefind, trial.join(" "), options)) { chosen = trial; }
    }
    if (chosen.length) {
      const partial = await pagefind.search(chosen.join(" "), options);
      if (partial.results.length) {
        return { term: chosen.join(" "), search: partial, note: replaced.length ? "typo" : "partial", typed: text };
      }
    }
  }
  return { term, search, note: null };
}
