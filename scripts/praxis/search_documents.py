"""What the portal's search indexes: one small HTML document per published entry and page.

The engine (Pagefind, see `search_index.py`) stems German words, matches ä, ae and a alike and
finds words by their beginning ("Schutz" finds "Schutzkonzept"). What it cannot know is added
here, at build time, so that every query stays one plain engine search in the browser:

- the summary, the fact box and the labels of an entry's terms with their synonyms ("Hass im
  Netz" for `hassrede`), weighted above the body text;
- the later parts of compound words ("Konzept" in "Schutzkonzepte"), split against a lexicon
  of the words the corpus uses on their own;
- the few values a result line shows, as Pagefind meta data.

The body goes to the engine as its words, each once and without common words: the title,
summary and term names weigh many times more than a body's fifth "Beratung" (the relevance
queries meet their aims either way), while every repetition cost the indexer time and memory
(at 5,000 entries 22 s and 1.47 GB with whole bodies, about half with this).

The finder's facets and sort keys are not given to the engine: `entry_table` writes them as a
small table the browser filters, counts and sorts itself (docs/betrieb/suche.md).

The same lexicon becomes the word list the browser reads when a query finds nothing, to offer
"Meinten Sie …?" for a typo and to split a compound the entries spell apart. Plain data in,
HTML strings out: no MkDocs here.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from .export import FACETS
from .model import ContentType, Entry
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
# The finder's table writes facet value n as the character VALUE_BASE + n ("0" is value 0).
VALUE_BASE = 0x30

# Words a query drops (suche.js STOP_WORDS, same list): the body is indexed without them.
_STOP_WORDS = (
    "aber als am an auch auf aus bei beim bin bis da damit dann das dass dem den der des die "
    "dies diese dieser doch du durch ein eine einem einen einer eines er es für gegen hat "
    "haben ich ihr im in ist ja kann können man mit nach nicht noch nur ob oder sich sie sind "
    "so über um und uns unter vom von vor wann war was welche welcher wenn wer wie wir wird "
    "wo wozu zu zum zur gibt geht machen mache tun "
    "mein meine meinem meinen meiner meines unser unsere unserem unseren unserer unseres "
    "dein deine euer eure ihre ihrem ihren ihrer ihres sein seine seinem seinen seiner seines "
    "mir mich dir dich ihm ihn ihnen soll sollen sollte sollten muss müssen möchte möchten "
    "will wollen könnte könnten darf dürfen bitte etwas hier dort jemand welches"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# What the engine indexes as one word: letters and digits, hyphenated parts kept together.
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page: its text in weighted parts, its filters, sort keys and meta."""

    url: str  # site path without leading slash, e.g. "praxisbeispiele/x/"
    title: str
    kind: str  # a content type key or PAGE_KIND
    summary: str = ""
    terms: tuple[str, ...] = ()  # labels and synonyms of the entry's terms
    # Other names of its type ("Schulung"): findable, but weighing no more than a body word, so
    # that "Schulen" (schools, a prefix of "Schulung") does not pull every training up.
    kind_names: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()  # the fact box's free text: municipality, provider, funding …
    body: str = ""  # the body's words as plain text (`markdown_text`)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: Mapping[str, str] = field(default_factory=dict)
    meta: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Every word a reader could search for, as plain text (for the lexicon)."""
        return " ".join(
            (self.title, self.summary, *self.terms, *self.kind_names, *self.facts, self.body)
        )


# Markdown whose characters are not words a reader sees: a link's target and title
# (`](https://…)`), a reference definition's line (`[1]: https://…`, not a footnote's text),
# a heading's attribute list (`{#ablauf}`).
_LINK_TARGET = re.compile(r'\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)')
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S.*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\{[:#.][^}\n]*\}")


def markdown_text(body: str) -> str:
    """An entry body's words straight from its Markdown, without rendering it.

    The engine gets a body as its distinct words (`index_words`), so emphasis, list marks and
    heading hashes do not matter: the tokenizer skips them. What must go is text a reader
    never sees: link targets, reference definitions and attribute lists. This lets the
    index be built while the pages are still being written (measured at 5,000 entries: the
    same judged results as from the rendered bodies).
    """
    text = _REFERENCE.sub(" ", body)
    text = _LINK_TARGET.sub("] ", text)
    return html.unescape(_ATTRIBUTES.sub(" ", text))


@dataclass(frozen=True)
class PageText:
    """A hand-written page: site path, title and its Markdown source (see `page_document`)."""

    url: str
    title: str
    markdown: str


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
        """The part is a lexicon word, perhaps with an inflection ending added, or one the
        lexicon has only inflected: "rede" in "Hassrede" when the entries write "reden"."""
        return any(
            part.endswith(ending) and part[: len(part) - len(ending)] in self for ending in ENDINGS
        ) or any(part + ending in self for ending in ENDINGS if ending)

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
                if stem in self or (fuge == "" and self.known_stem(stem)):
                    return (stem, tail)
                inner = self.parts(stem)
                if inner:
                    return (*inner, tail)
        return ()

    def compounds(self) -> dict[str, tuple[str, ...]]:
        """Every compound among the lexicon's words, with its parts."""
        return {w: parts for w in self.counts if (parts := self.parts(w))}

    def word_list(self, limit: int = WORD_LIST_LIMIT) -> list[tuple[str, int]]:
        """The most used words (at least MIN_PART letters), for typo and compound help."""
        ranked = sorted(
            ((w, n) for w, n in self.counts.items() if MIN_PART <= len(w) <= 40),
            key=lambda item: (-item[1], item[0]),
        )
        return ranked[:limit]


# -- nouns and their adjectives ------------------------------------------------------------------

# "Rassismus" and "rassistische" name one thing, and readers search either; the engine's stemmer
# does not join them ("rassismus", "rassist"). Each document also gets the other form.
_ISTISCH = re.compile(r"^(\w{3,}?)istisch(?:e|en|er|es|em)?$")
_ISCH = re.compile(r"^(\w{4,}?)isch(?:e|en|er|es|em)?$")
_ISMUS = "ismus"


def paired_forms(found: Sequence[str]) -> list[str]:
    """The other form of each -ismus noun and -istisch adjective among a document's words
    ("rassistischen" → "rassismus", "extremismus" → "extremistisch"): a fixed pair, so every
    form made is a German word."""
    made: dict[str, None] = {}
    for word in found:
        if match := _ISTISCH.match(word):
            made[match[1] + _ISMUS] = None
        elif word.endswith(_ISMUS) and len(word) >= 2 * MIN_PART:
            made[word[: -len(_ISMUS)] + "istisch"] = None
    have = set(found)
    return [form for form in made if form not in have]


_GERMAN_LETTERS = frozenset("äöüß")
_DOTLESS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae"})


def plain_forms(found: Sequence[str]) -> list[str]:
    """Words of other languages as typed on a German keyboard: "Irkçılığa" → "irkciliga",
    "Ayrımcılık" → "ayrimcilik". The engine folds ä, ö, ü itself, but not ç, ş, ğ, ı or é."""
    made: dict[str, None] = {}
    for word in found:
        if word.isascii() or all(c.isascii() or c in _GERMAN_LETTERS for c in word):
            continue
        decomposed = unicodedata.normalize("NFKD", word.translate(_DOTLESS))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        if plain != word and plain.isascii() and plain.isalpha():
            made[plain] = None
    return list(made)


def noun_forms(found: Sequence[str], lexicon: Lexicon) -> list[str]:
    """The -ismus noun of an -isch adjective ("antisemitische" → "antisemitismus") when another
    document uses that noun: "politisch" has none, so only nouns the corpus knows are made."""
    have = set(found)
    made = (
        match[1] + _ISMUS
        for word in found
        if (match := _ISCH.match(word)) and not _ISTISCH.match(word)
    )
    return [form for form in dict.fromkeys(made) if form in lexicon.counts and form not in have]


# -- documents -------------------------------------------------------------------------------


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + " …"


def entry_document(
    entry: Entry, taxonomies: Sequence[Taxonomy], facts: Sequence[str]
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
        kind_names=entry.type.search_names,
        facts=tuple(f for f in facts if f),
        body=markdown_text(entry.body),
        filters=filters,
        sort={
            SORT_DATE: published.isoformat() if published else "0000-00-00",
            SORT_TITLE: title_key(entry.title),
        },
        meta=meta,
    )


def page_document(page: PageText) -> SearchDocument:
    """A hand-written page: searchable, but below every entry (see WEIGHTS["page"]). Its words
    come from its Markdown (HTML tags dropped), so the index can start before MkDocs has
    rendered any page."""
    return SearchDocument(
        url=page.url,
        title=page.title,
        kind=PAGE_KIND,
        body=markdown_text(_TAG.sub(" ", page.markdown)),
        filters={TYPE_FILTER: (PAGE_KIND,)},
        sort={SORT_DATE: "0000-00-00", SORT_TITLE: title_key(page.title)},
        meta={"title": page.title, "art": PAGE_KIND_LABEL},
    )


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def body_words(text: str) -> dict[str, str]:
    """A body's distinct words, lower case, in first-seen order, each with its first spelling:
    letters and digits, hyphenated parts kept together ("Hass-im-Netz"), numbers ("130")."""
    distinct: dict[str, str] = {}
    for token in dict.fromkeys(_TOKEN.findall(text)):
        distinct.setdefault(token.lower(), token)
    return distinct


def index_words(distinct: Mapping[str, str]) -> str:
    """A body as the engine gets it: each word once, as first written, without common words."""
    return " ".join(token for key, token in distinct.items() if key not in STOP_WORDS)


def lexicon_words(distinct: Iterable[str]) -> list[str]:
    """The lexicon's words among distinct lower-case tokens: runs of letters (as `words`)."""
    found: list[str] = []
    for token in distinct:
        if token.isalpha():
            found.append(token)
        else:
            found.extend(_WORD.findall(token))
    return found


def document_html(doc: SearchDocument, parts: Sequence[str], body: str | None = None) -> str:
    """The document as the indexer reads it: meta in the head (not searchable), weighted text
    in the body. `body`: the body's words from `index_words` (computed when not given). No
    element has an id: Pagefind would store each heading as an anchor in every result."""
    head = [f"<title>{html.escape(doc.title)}</title>"]
    for name, value in doc.meta.items():
        head.append(f'<meta data-pagefind-meta="{name}[content]" content="{_attr(value)}">')
    page = doc.kind == PAGE_KIND
    kind = CONTENT_TYPE_BY_KEY.get(doc.kind)
    scale = WEIGHTS["page"] if page else (kind.search_weight if kind else 1.0)

    def block(tag: str, text: str, weight: float) -> str:
        return f'<{tag} data-pagefind-weight="{weight * scale:g}">{html.escape(text)}</{tag}>'

    body_text = index_words(body_words(doc.body)) if body is None else body
    parts_ = [block("h1", doc.title, WEIGHTS["title"])]
    if doc.summary:
        parts_.append(block("p", doc.summary, WEIGHTS["summary"]))
    if doc.terms:
        parts_.append(block("p", " · ".join(doc.terms), WEIGHTS["terms"]))
    if doc.facts:
        parts_.append(block("p", " · ".join(doc.facts), WEIGHTS["facts"]))
    if body_text:
        parts_.append(block("p", body_text, 1.0))
    if parts or doc.kind_names:
        parts_.append(block("p", " ".join((*doc.kind_names, *parts)), WEIGHTS["parts"]))
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        + "".join(head)
        + '</head><body><main data-pagefind-body="">'
        + "".join(parts_)
        + "</main></body></html>"
    )


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class TableRow:
    """What the finder needs of a document without asking the engine: its facet values, its
    date and its title for sorting."""

    url: str
    kind: str
    filters: Mapping[str, tuple[str, ...]]
    date: str
    title_key: str


@dataclass(frozen=True)
class SearchCorpus:
    """Everything the indexer and the browser need: documents as HTML, and the word lists.

    - `word_list_json`: the most used words with their document counts, read by the browser
      only when a query has a word the index does not know (typo, compound spelled apart);
    - `shards`: every word in folded form, in small files by its first two letters, so a
      query can tell cheaply whether each of its words is known at all (the engine also
      answers unknown words with loose matches, which must not hide a typo);
    - `table_json`: the finder's table of every document (see `entry_table`)."""

    documents: dict[str, str]  # site path → HTML
    word_list: list[tuple[str, int]]
    shards: dict[str, list[str]]
    terms: list[dict[str, object]] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    facets: list[tuple[str, list[str]]] = field(default_factory=list)

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

    def table_json(self, page_ids: Mapping[str, str]) -> str:
        """The table with each document's engine id; `page_ids`: site path → Pagefind's id."""
        return _json(entry_table(self.rows, self.facets, page_ids))


def entry_table(
    rows: Sequence[TableRow],
    facets: Sequence[tuple[str, Sequence[str]]],
    page_ids: Mapping[str, str],
) -> dict[str, object]:
    """The Praxisfinder's table of every indexed document, so that it filters, counts and
    sorts in the browser: without words it never loads the engine, with words it runs one
    search and looks up each result here.

    Rows are ordered newest first (hand-written pages last), so the order "Neueste zuerst" is
    the row order. Columns, one value per row:
    - `ids`: Pagefind's page id (its fragment's name), the key of a search result, without the
      `prefix` all ids share (the language, "de_");
    - `titles`: the row's place in title order (A–Z);
    - `values`: the row's facet values as numbers, written as one character each (code
      VALUE_BASE + n, a third smaller than lists of numbers): `facets` lists each facet's
      values in turn, and value number n is the n-th of all of them together.
    A document the engine did not index (no id) is left out."""
    numbers: dict[tuple[str, str], int] = {}
    for param, values in facets:
        for value in values:
            numbers[(param, value)] = len(numbers)
    kept = [r for r in rows if r.url in page_ids]
    kept.sort(key=lambda r: (r.kind == PAGE_KIND, _negated(r.date), r.title_key, r.url))
    by_title = sorted(range(len(kept)), key=lambda i: (kept[i].title_key, kept[i].url))
    title_rank = [0] * len(kept)
    for rank, index in enumerate(by_title):
        title_rank[index] = rank
    ids = [page_ids[r.url] for r in kept]
    prefix = ids[0][: ids[0].find("_") + 1] if ids else ""  # the language: "de_"
    if not all(i.startswith(prefix) for i in ids):
        prefix = ""
    return {
        "version": 2,
        "facets": [{"param": param, "values": list(values)} for param, values in facets],
        "prefix": prefix,
        "ids": [i[len(prefix) :] for i in ids],
        "titles": title_rank,
        "values": [
            "".join(
                chr(VALUE_BASE + n)
                for n in sorted(
                    numbers[(param, value)]
                    for param, found in r.filters.items()
                    for value in found
                    if (param, value) in numbers
                )
            )
            for r in kept
        ],
    }


def _negated(date: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-int(part) for part in date.split("-"))


def table_facets(
    taxonomies: Sequence[Taxonomy], types: Sequence[ContentType] = CONTENT_TYPES
) -> list[tuple[str, list[str]]]:
    """The facets of the table and their values: content types (and hand-written pages), then
    `export.FACETS` with every term of their vocabularies."""
    by_field = {t.field: t for t in taxonomies}
    facets = [(TYPE_FILTER, [t.key for t in types] + [PAGE_KIND])]
    for param, field_name in FACETS:
        taxonomy = by_field.get(field_name)
        if taxonomy is not None:
            facets.append((param, [term.id for term in taxonomy.vocabulary.terms]))
    return facets


def search_corpus(
    documents: Sequence[SearchDocument], taxonomies: Sequence[Taxonomy] = ()
) -> SearchCorpus:
    """Split compounds against the lexicon of all documents and write each as HTML."""
    # Internal-only types are facets only where their documents are (the internal edition):
    # the public search does not even name them.
    kinds = {doc.kind for doc in documents}
    types = [t for t in CONTENT_TYPES if not t.internal or t.key in kinds]
    texts = []
    bodies = []
    for doc in documents:
        distinct = body_words(doc.body)
        bodies.append(index_words(distinct))
        head = words(" ".join((doc.title, doc.summary, *doc.terms, *doc.kind_names, *doc.facts)))
        texts.append(list(dict.fromkeys(head + lexicon_words(distinct))))
    # Other forms of a document's words: noun/adjective pairs, other languages' letters plain.
    forms = [paired_forms(found) + plain_forms(found) for found in texts]
    lexicon = Lexicon(found + more for found, more in zip(texts, forms, strict=True))
    compounds = lexicon.compounds()
    rendered = {}
    for doc, found, more, body in zip(documents, texts, forms, bodies, strict=True):
        parts = dict.fromkeys(p for w in found if w in compounds for p in compounds[w] if p != w)
        parts.update(dict.fromkeys(more + noun_forms(found, lexicon)))
        rendered[doc.url] = document_html(doc, list(parts), body)
    shards: dict[str, set[str]] = {}
    for word in lexicon.counts:
        folded = fold(word)
        shards.setdefault(shard_key(folded), set()).add(folded)
    rows = [
        TableRow(
            url="/" + doc.url,
            kind=doc.kind,
            filters=doc.filters,
            date=doc.sort.get(SORT_DATE, "0000-00-00"),
            title_key=doc.sort.get(SORT_TITLE, ""),
        )
        for doc in documents
    ]
    return SearchCorpus(
        rendered,
        lexicon.word_list(),
        {k: sorted(v) for k, v in shards.items()},
        term_names(taxonomies, types),
        rows,
        table_facets(taxonomies, types),
    )


def term_names(
    taxonomies: Sequence[Taxonomy], types: Sequence[ContentType] = CONTENT_TYPES
) -> list[dict[str, object]]:
    """Every facet value with the names a reader may type for it (label, synonyms, and for
    content types both numbers): a query that names one ranks what carries it first."""
    by_field = {t.field: t for t in taxonomies}
    names: list[dict[str, object]] = [
        {"filter": TYPE_FILTER, "id": t.key, "names": [t.singular, t.plural, *t.search_names]}
        for t in types
    ]
    for param, field_name in FACETS:
        taxonomy = by_field.get(field_name)
        if taxonomy is None:
            continue
        names.extend(
            {"filter": param, "id": term.id, "names": [*label_names(term.label), *term.synonyms]}
            for term in taxonomy.vocabulary.terms
        )
    return names


def label_names(label: str) -> list[str]:
    """A label and, for one of the form "Modul 2: Antirassistische Strategiekonzepte", each of
    its two halves: readers type either ("Modul 2")."""
    head, colon, tail = label.partition(":")
    if not colon or not head.strip() or not tail.strip():
        return [label]
    return [label, head.strip(), tail.strip()]
