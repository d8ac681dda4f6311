"""What the portal's search indexes: one small HTML document per published entry and page.

The engine (Pagefind, see `search_index.py`) stems German words, matches ä, ae and a alike and
finds words by their beginning ("Schutz" finds "Schutzkonzept"). What it cannot know is added
here, at build time, so that every query stays one plain engine search in the browser:

- the summary, the fact box and the labels of an entry's terms with their synonyms ("Hass im
  Netz" for `hassrede`), weighted above the body text;
- the later parts of compound words ("Konzept" in "Schutzkonzepte"), split against a lexicon
  of the words the corpus uses on their own;
- the finder's facets as filters, sort keys, and the few values a result line shows.

The same lexicon becomes the word list the browser reads when a query finds nothing, to offer
"Meinten Sie …?" for a typo and to split a compound the entries spell apart. Plain data in,
HTML strings out: no MkDocs here.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .content_types import CONTENT_TYPES
from .export import FACETS
from .model import Entry
from .taxonomy import Taxonomy, term_values, title_key

# The filter for the content type, beside the taxonomy facets of `export.FACETS`.
TYPE_FILTER = "art"
# Hand-written pages are searchable too, as their own kind, ranked after the entries.
PAGE_KIND = "seite"
PAGE_KIND_LABEL = "Seite"
SORT_DATE = "datum"
SORT_TITLE = "titel"
# Pagefind multiplies a word's score by the weight of the element it stands in (default 1).
WEIGHTS = {"title": 10.0, "summary": 5.0, "terms": 4.0, "facts": 3.0, "parts": 1.0, "page": 0.5}
SUMMARY_CHARS = 240
# Compound parts: both sides at least this long, so "Beratungsstelle" splits, "Verwaltung" not.
MIN_PART = 4
MIN_COMPOUND = 2 * MIN_PART
# Linking sounds between compound parts ("Beratung-s-stelle", "Schule-n-…"), longest first.
FUGEN = ("es", "en", "s", "n", "e", "")
# Inflection endings a later part may carry beyond the lexicon form ("Konzept-e").
ENDINGS = ("", "e", "n", "s", "en", "er", "es", "ern")
WORD_LIST_LIMIT = 40_000

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page: its text in weighted parts, its filters, sort keys and meta."""

    url: str  # site path without leading slash, e.g. "praxisbeispiele/x/"
    title: str
    kind: str  # a content type key or PAGE_KIND
    summary: str = ""
    terms: tuple[str, ...] = ()  # labels and synonyms of the entry's terms
    facts: tuple[str, ...] = ()  # the fact box's free text: municipality, provider, funding …
    body_html: str = ""  # sanitised HTML of the body
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: Mapping[str, str] = field(default_factory=dict)
    meta: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Every word a reader could search for, as plain text (for the lexicon)."""
        body = html.unescape(_TAG.sub(" ", self.body_html))
        return " ".join((self.title, self.summary, *self.terms, *self.facts, body))


@dataclass(frozen=True)
class PageText:
    """A hand-written page as the renderer has it: site path, title and HTML content."""

    url: str
    title: str
    html: str


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_FOLD_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(word: str) -> str:
    """A lower-case word as search compares it: "Bürgermeister" and "Buergermeister" alike.
    Must match `fold` in overrides/assets/javascripts/suche.js."""
    folded = word.lower().translate(_FOLD)
    for pair, single in _FOLD_PAIRS:
        folded = folded.replace(pair, single)
    return folded


def shard_key(folded: str) -> str:
    """The word list shard of a folded word: its first two letters when they are a–z."""
    key = folded[:2]
    return key if len(key) == 2 and key.isascii() and key.isalpha() else "_"


def words(text: str) -> list[str]:
    """Lower-case words of a text; hyphenated words give their parts."""
    return [w.lower() for w in _WORD.findall(text)]


# -- compounds -----------------------------------------------------------------------------------


class Lexicon:
    """Words the corpus uses on their own, with the number of documents that use each."""

    def __init__(self, document_words: Iterable[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        for found in document_words:
            counts.update(set(found))
        self.counts = counts
        self._split = lru_cache(maxsize=None)(self._split_uncached)

    def __contains__(self, word: str) -> bool:
        return len(word) >= MIN_PART and word in self.counts

    def known_stem(self, part: str) -> bool:
        """The part is a lexicon word, perhaps with an inflection ending added."""
        return any(
            part.endswith(ending) and part[: len(part) - len(ending)] in self for ending in ENDINGS
        )

    def parts(self, word: str) -> tuple[str, ...]:
        """The parts of a compound ("schutzkonzepte" → "schutz", "konzepte"); () if none."""
        if len(word) < MIN_COMPOUND:
            return ()
        return self._split(word)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        # The longest known last part first: "beratungsstelle" → "beratungs|stelle".
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if not self.known_stem(tail):
                continue
            for fuge in FUGEN:
                if fuge and not head.endswith(fuge):
                    continue
                stem = head[: len(head) - len(fuge)] if fuge else head
                if len(stem) < MIN_PART:
                    continue
                if stem in self:
                    return (stem, tail)
                inner = self.parts(stem)
                if inner:
                    return (*inner, tail)
        return ()

    def word_list(self, limit: int = WORD_LIST_LIMIT) -> list[tuple[str, int]]:
        """The most used words (at least MIN_PART letters), for typo and compound help."""
        ranked = sorted(
            ((w, n) for w, n in self.counts.items() if MIN_PART <= len(w) <= 40),
            key=lambda item: (-item[1], item[0]),
        )
        return ranked[:limit]


def compound_parts(text_words: Iterable[str], lexicon: Lexicon) -> list[str]:
    """Parts of the compounds among some words, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for word in dict.fromkeys(text_words):
        for part in lexicon.parts(word):
            if part != word:
                seen.setdefault(part, None)
    return list(seen)


# -- documents -------------------------------------------------------------------------------


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + " …"


def entry_document(
    entry: Entry, taxonomies: Sequence[Taxonomy], body_html: str, facts: Sequence[str]
) -> SearchDocument:
    """The search document of a published entry; `facts` are its fact box's free texts."""
    by_field = {t.field: t for t in taxonomies}
    # The type's names are words readers search for ("Fortbildung" in the plural of Material).
    terms: list[str] = [entry.type.singular, entry.type.plural]
    filters: dict[str, tuple[str, ...]] = {TYPE_FILTER: (entry.type.key,)}
    for param, field_name in FACETS:
        taxonomy = by_field.get(field_name)
        if taxonomy is None:
            continue
        values = term_values(entry, field_name)
        if values:
            filters[param] = values
    for taxonomy in taxonomies:
        for term_id in term_values(entry, taxonomy.field):
            term = taxonomy.vocabulary.get(term_id)
            if term is not None:
                terms.append(term.label)
                terms.extend(term.synonyms)
    municipality = entry.fields.get("municipality") or {}
    state = by_field.get("municipality.state")
    state_term = state.vocabulary.get(municipality.get("state", "")) if state else None
    published = entry.fields.get("published")
    meta = {
        "title": entry.title,
        "art": entry.type.singular,
        "summary": _short(entry.summary),
    }
    if municipality.get("name"):
        meta["kommune"] = str(municipality["name"])
    if state_term is not None:
        meta["land"] = state_term.label
    if published:
        meta["datum"] = f"{published.day:02d}.{published.month:02d}.{published.year}"
    return SearchDocument(
        url=entry.url_path,
        title=entry.title,
        kind=entry.type.key,
        summary=entry.summary,
        terms=tuple(dict.fromkeys(terms)),
        facts=tuple(f for f in facts if f),
        body_html=body_html,
        filters=filters,
        sort={
            SORT_DATE: published.isoformat() if published else "0000-00-00",
            SORT_TITLE: title_key(entry.title),
        },
        meta=meta,
    )


def page_document(page: PageText) -> SearchDocument:
    """A hand-written page: searchable, but below every entry (see WEIGHTS["page"])."""
    return SearchDocument(
        url=page.url,
        title=page.title,
        kind=PAGE_KIND,
        body_html=page.html,
        filters={TYPE_FILTER: (PAGE_KIND,)},
        sort={SORT_DATE: "0000-00-00", SORT_TITLE: title_key(page.title)},
        meta={"title": page.title, "art": PAGE_KIND_LABEL},
    )


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def document_html(doc: SearchDocument, parts: Sequence[str]) -> str:
    """The document as the indexer reads it: meta, filters and sort keys in the head (not
    searchable), weighted text in the body."""
    head = [f"<title>{html.escape(doc.title)}</title>"]
    for name, values in doc.filters.items():
        head.extend(
            f'<meta data-pagefind-filter="{name}[content]" content="{_attr(v)}">' for v in values
        )
    for name, value in doc.sort.items():
        head.append(f'<meta data-pagefind-sort="{name}[content]" content="{_attr(value)}">')
    for name, value in doc.meta.items():
        head.append(f'<meta data-pagefind-meta="{name}[content]" content="{_attr(value)}">')
    page = doc.kind == PAGE_KIND
    scale = WEIGHTS["page"] if page else 1.0

    def block(tag: str, text: str, weight: float) -> str:
        return f'<{tag} data-pagefind-weight="{weight * scale:g}">{html.escape(text)}</{tag}>'

    body = [block("h1", doc.title, WEIGHTS["title"])]
    if doc.summary:
        body.append(block("p", doc.summary, WEIGHTS["summary"]))
    if doc.terms:
        body.append(block("p", " · ".join(doc.terms), WEIGHTS["terms"]))
    if doc.facts:
        body.append(block("p", " · ".join(doc.facts), WEIGHTS["facts"]))
    weight = f' data-pagefind-weight="{scale:g}"' if page else ""
    body.append(f"<div{weight}>{doc.body_html}</div>")
    if parts:
        body.append(block("p", " ".join(parts), WEIGHTS["parts"]))
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        + "".join(head)
        + '</head><body><main data-pagefind-body="">'
        + "".join(body)
        + "</main></body></html>"
    )


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class SearchCorpus:
    """Everything the indexer and the browser need: documents as HTML, and the word lists.

    - `word_list_json`: the most used words with their document counts, read by the browser
      only when a query has a word the index does not know (typo, compound spelled apart);
    - `shards`: every word in folded form, in small files by its first two letters, so a
      query can tell cheaply whether each of its words is known at all (the engine also
      answers unknown words with loose matches, which must not hide a typo)."""

    documents: dict[str, str]  # site path → HTML
    word_list: list[tuple[str, int]]
    shards: dict[str, list[str]]
    terms: list[dict[str, object]] = field(default_factory=list)

    def terms_json(self) -> str:
        return _json({"version": 1, "terms": self.terms})

    def word_list_json(self) -> str:
        return _json(
            {
                "version": 1,
                "words": [w for w, _ in self.word_list],
                "counts": [n for _, n in self.word_list],
            }
        )

    def shard_files(self) -> dict[str, str]:
        return {key: _json(sorted(found)) for key, found in self.shards.items()}


def search_corpus(
    documents: Sequence[SearchDocument], taxonomies: Sequence[Taxonomy] = ()
) -> SearchCorpus:
    """Split compounds against the lexicon of all documents and write each as HTML."""
    texts = [words(doc.text()) for doc in documents]
    lexicon = Lexicon(texts)
    rendered = {
        doc.url: document_html(doc, compound_parts(found, lexicon))
        for doc, found in zip(documents, texts, strict=True)
    }
    shards: dict[str, set[str]] = {}
    for word in lexicon.counts:
        folded = fold(word)
        shards.setdefault(shard_key(folded), set()).add(folded)
    return SearchCorpus(
        rendered,
        lexicon.word_list(),
        {k: sorted(v) for k, v in shards.items()},
        term_names(taxonomies),
    )


def term_names(taxonomies: Sequence[Taxonomy]) -> list[dict[str, object]]:
    """Every facet value with the names a reader may type for it (label, synonyms, and for
    content types both numbers): a query that names one ranks what carries it first."""
    by_field = {t.field: t for t in taxonomies}
    names: list[dict[str, object]] = [
        {"filter": TYPE_FILTER, "id": t.key, "names": [t.singular, t.plural]} for t in CONTENT_TYPES
    ]
    for param, field_name in FACETS:
        taxonomy = by_field.get(field_name)
        if taxonomy is None:
            continue
        names.extend(
            {"filter": param, "id": term.id, "names": [term.label, *term.synonyms]}
            for term in taxonomy.vocabulary.terms
        )
    return names
