"""The public build's last check: no trace of an internal entry or page in its output.

The public edition is made from a filtered view of the corpus (`Corpus.for_edition`). This audit
does not trust that view: it takes every internal entry (`editions.is_internal`, asked
independently) and hand-written internal page, derives canaries from them — the address, the
id, the title and a few sentences that public text does not share — and searches every file the
build wrote: pages, lists, the finder's data, Pagefind's gzip'd fragments and indexes, JSON and
CSV exports, feeds, calendars, the sitemap, JSON-LD, redirects and the 404 page. Any hit fails
the build.

Files are searched in a normalised form (entities decoded, JSON and iCalendar escapes undone,
iCalendar lines unfolded, bare tags removed, case folded, whitespace collapsed) so that escaping
cannot hide a leak. Large sites are searched by several processes.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ahocorasick_rs import AhoCorasick

from .content_types import CONTENT_TYPES
from .editions import HandWrittenPage
from .model import Entry, Vocabulary
from .problems import Problem
from .schema import FIELDS

# Files that hold no text worth searching (their strings would not be readable anyway).
BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".wasm"}
)
GZIP_MAGIC = b"\x1f\x8b"
PAGEFIND_SIGNATURE = b"pagefind_dcd"
# A sentence is a canary when it is long enough to be the entry's own and plain enough to be
# printed as written (no Markdown markup that the page would turn into tags).
PHRASE_MIN_WORDS = 6
# A title shorter than this ("Protokoll", "Hospitation") may well stand in public text.
TELLING_MIN_WORDS = 3
PHRASES_PER_ENTRY = 3
PLAIN_SENTENCE = re.compile(r"^[\w ,.;:!?()„“”\"'’–-]+$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Tags without attributes (`<p>`, `</strong>`) may split a sentence; tags with attributes stay,
# since their values (links, meta descriptions) can carry an id or a title.
BARE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\s*/?>")
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
ICS_ESCAPE = re.compile(r"\\([,;\\nN])")
ICS_FOLD = re.compile(r"\r?\n[ \t]")


@dataclass(frozen=True)
class Canary:
    """A string that must not appear in the public output, and where it comes from."""

    needle: str  # normalised
    source: str  # the internal entry's or page's path
    what: str  # "Kennung", "Titel", "Textstelle", "Adresse"


def normalise(text: str) -> str:
    return " ".join(html.unescape(text).casefold().split())


def canaries(
    internal: Sequence[Entry],
    public: Sequence[Entry],
    pages: Sequence[HandWrittenPage] = (),
    docs_folder: str = "docs",
    public_texts: Iterable[str] = (),
    public_addresses: Iterable[str] = (),
) -> list[Canary]:
    """The canaries of every internal entry and page. A title or sentence is left out when it
    is too short to be telling (under three words) or when public text contains it too: a
    public entry, `public_texts` (vocabularies, public pages) or the field table's examples.
    Either would be a false alarm; the id still stands for the entry. An address the public
    site has a page of its own at (`public_addresses`: a municipality's page, made from public
    entries naming it, where the internal edition has the profile) is no canary either."""
    # (canary, whether it must be telling): addresses always count; ids, titles and sentences
    # only when public text does not contain them, titles only from three words on.
    listed: list[tuple[Canary, bool]] = []
    for entry in internal:
        listed.append((Canary(entry.url_path.rstrip("/").casefold(), entry.path, "Adresse"), False))
        if "-" in entry.id:  # a one-word id (`hospitation`) may be any word of public text
            listed.append((Canary(entry.id.casefold(), entry.path, "Kennung"), True))
        texts = [("Titel", entry.title)] + [("Textstelle", p) for p in _phrases(entry)]
        listed.extend((Canary(normalise(text), entry.path, what), True) for what, text in texts)
    for page in pages:
        source = f"{docs_folder}/{page.src_uri}"
        listed.append((Canary(page_url(page.src_uri).casefold(), source, "Adresse"), False))
        listed.append((Canary(normalise(page.title), source, "Titel"), True))
    own = {address.strip("/").casefold() for address in public_addresses}
    listed = [(c, check) for c, check in listed if not (c.what == "Adresse" and c.needle in own)]
    shared = "\n".join(
        [
            *(normalise(f"{e.title}\n{e.summary}\n{e.body}") for e in public),
            *(normalise(str(e.value("municipality.name") or "")) for e in public),
            *(normalise(text) for text in public_texts),
            *_field_examples(),
        ]
    )
    # One pass over the public text for all of them (a search per canary took time growing
    # with internal entries times public text).
    needles = {c.needle for c, check in listed if check and c.needle}
    in_public = set(Needles(needles).hits(shared)) if needles else set()
    return [c for c, check in listed if c.needle and (not check or _telling(c, in_public))]


def _telling(canary: Canary, in_public: set[str]) -> bool:
    if not canary.needle or canary.needle in in_public:
        return False
    return canary.what == "Kennung" or len(canary.needle.split()) >= TELLING_MIN_WORDS


def public_texts(
    vocabularies: Mapping[str, Vocabulary], docs_dir: Path, internal: Iterable[str] = ()
) -> Iterator[str]:
    """Text the public site shows besides entries: the vocabularies, the content types' names
    and the public hand-written pages (`internal`: the src_uris of the internal ones)."""
    for vocabulary in vocabularies.values():
        yield f"{vocabulary.title}\n{vocabulary.description}\n{vocabulary.path}"
        for term in vocabulary.terms:
            # The id too: it stands in public addresses and data (`kollegiale-beratung`), and an
            # internal entry of the same name would otherwise be reported as leaked there.
            yield "\n".join((term.id, term.label, term.description, *term.synonyms))
    for content_type in CONTENT_TYPES:
        yield "\n".join(
            (content_type.key, content_type.url_path, content_type.singular, content_type.plural)
        )
        yield content_type.description
    hidden = set(internal)
    for path in sorted(docs_dir.rglob("*.md")):
        if path.relative_to(docs_dir).as_posix() not in hidden:
            yield path.read_text(encoding="utf-8", errors="replace")


def page_url(src_uri: str) -> str:
    """`betrieb/intern.md` → `betrieb/intern/` (directory URLs); `a/index.md` → `a/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _phrases(entry: Entry) -> list[str]:
    """The summary and the first few plain sentences of the body."""
    found = [s for s in SENTENCE_END.split(entry.summary) if _plain(s)]
    for paragraph in re.split(r"\n\s*\n", entry.body):
        if paragraph.lstrip().startswith(("#", "|", "-", "*", ">", "<", "1.")):
            continue
        text = " ".join(paragraph.split())
        found.extend(s for s in SENTENCE_END.split(text) if _plain(s))
        if len(found) >= PHRASES_PER_ENTRY + 1:
            break
    return found[: PHRASES_PER_ENTRY + 1]


def _plain(sentence: str) -> bool:
    return len(sentence.split()) >= PHRASE_MIN_WORDS and bool(PLAIN_SENTENCE.match(sentence))


def _field_examples() -> Iterator[str]:
    for spec in FIELDS:
        for field in (spec, *spec.children):
            if isinstance(field.example, str):
                yield normalise(field.example)


# Below this many files one process searches them all (a pool costs more than it saves).
PARALLEL_MIN_FILES = 2000
_SHARED: dict[str, object] = {}
# Pages and feeds repeat most of their lines (head, navigation, footer, the same entry in many
# feeds): a line seen in an earlier file of the same process is not searched again (at 1,000
# entries 59 MB became 21 MB). A hit then only says that something leaked; the report of every
# file it reached comes from a second search without this shortcut.
DEDUPLICATED = frozenset({".html", ".xml"})
_SEEN: set[int] = set()


def audit_leaks(site_dir: Path, found: Sequence[Canary], workers: int = 1) -> list[Problem]:
    """Every file of the built site that contains a canary: one problem per file and canary."""
    if not found:
        return []
    by_needle: dict[str, list[Canary]] = {}
    for canary in found:
        by_needle.setdefault(canary.needle, []).append(canary)
    pattern = Needles(by_needle)
    files = sorted(
        p for p in site_dir.rglob("*") if p.is_file() and p.suffix.lower() not in BINARY_SUFFIXES
    )
    found_by_file = _search_all(files, pattern, workers, dedupe=True)
    if any(found_by_file):  # a leak: name every file it reached
        found_by_file = _search_all(files, pattern, workers, dedupe=False)
    problems: list[Problem] = []
    for path, needles in zip(files, found_by_file, strict=True):
        rel = path.relative_to(site_dir).as_posix()
        for needle in needles:
            for canary in by_needle[needle]:
                problems.append(
                    Problem(
                        rel,
                        1,
                        "build-leak",
                        f"Die öffentliche Seite enthält {canary.what} des internen Inhalts "
                        f"{canary.source}: „{needle[:80]}“. Nichts wird veröffentlicht.",
                    )
                )
    return problems


def _search_all(files: list[Path], pattern: Needles, workers: int, dedupe: bool) -> list[list[str]]:
    """The canaries found in each file, in order; forked workers for large sites."""
    _SHARED.update(pattern=pattern, dedupe=dedupe)
    try:
        if workers <= 1 or len(files) < PARALLEL_MIN_FILES or not hasattr(os, "fork"):
            _start_worker()
            return [_search_one(path) for path in files]
        import multiprocessing  # here: small sites, the usual case, never start a pool

        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker) as pool:
            return pool.map(_search_one, files, chunksize=64)
    finally:
        _SHARED.clear()
        _SEEN.clear()


def _start_worker() -> None:
    _SEEN.clear()


def _search_one(path: Path) -> list[str]:
    seen = _SEEN if _SHARED["dedupe"] else None
    return _SHARED["pattern"].hits(readable_text(path, seen))  # type: ignore[attr-defined]


class Needles:
    """Many literal strings searched at once (Aho-Corasick, one pass over the text whatever
    their number: three times faster than one regular expression built as a trie)."""

    def __init__(self, needles: Iterable[str]) -> None:
        self.needles = sorted({n for n in needles if n})
        self._automaton = AhoCorasick(self.needles) if self.needles else None

    def hits(self, text: str) -> list[str]:
        """The needles found in `text` as whole words: not inside a longer word or id.
        Every occurrence is looked at, overlapping ones included."""
        if self._automaton is None:
            return []
        try:
            matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate, e.g. from a JSON escape `\ud800`
            text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
            matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        found: set[str] = set()
        for index, start, end in matches:
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if _outside_word(before) and _outside_word(after):
                found.add(self.needles[index])
        return sorted(found)


def _outside_word(char: str) -> bool:
    return not (char.isalnum() or char in "_-")


def readable_text(path: Path, seen: set[int] | None = None) -> str:
    """A file's text in the normalised form the canaries are searched in; with `seen`, pages
    and feeds without the lines already searched in another file."""
    raw = path.read_bytes()
    if raw.startswith(GZIP_MAGIC):
        with contextlib.suppress(OSError, EOFError):  # not gzip after all: search it as is
            raw = gzip.decompress(raw)
    raw = raw.removeprefix(PAGEFIND_SIGNATURE)
    suffix = path.suffix.lower()
    if seen is not None and suffix in DEDUPLICATED:
        raw = _unseen(raw, seen)
    text = raw.decode("utf-8", errors="replace")
    if suffix == ".ics":
        text = ICS_ESCAPE.sub(_ics_unescape, ICS_FOLD.sub("", text))
    elif text.lstrip()[:1] in ("{", "["):
        text = "\n".join(_json_strings(text)) or text
    if "\\u" in text:  # most files have no JSON escape; looking costs a tenth of replacing
        text = JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "<" in text:
        text = BARE_TAG.sub("", text)
    return normalise(text)


def _unseen(raw: bytes, seen: set[int]) -> bytes:
    kept = []
    for line in raw.split(b"\n"):
        key = hash(line)
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return b"\n".join(kept)


def _ics_unescape(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def _json_strings(text: str) -> Iterable[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return [text]
    found: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found.extend(k for k in value if isinstance(k, str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found
