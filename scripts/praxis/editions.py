"""Two editions from one repository: the public site and the internal one.

The internal edition is for the model municipalities' peer exchange (KomMA Zusatzmodul 3a): it
shows everything, including entries marked `visibility: intern`, the internal-only types
(`ContentType.internal`) and hand-written pages marked `visibility: intern`. The public edition
shows none of them.

What an edition shows is decided here and nowhere else: the build takes `Corpus.for_edition`
(which asks `visible_in`) and every output — pages, lists, counts, finder, search, exports,
feeds, calendars, sitemap, JSON-LD — is made from that view. `leak_audit.py` checks the result
with `is_internal`, independently of the view.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .content_types import CONTENT_TYPES
from .frontmatter import parse
from .model import ContentType, Entry
from .problems import Problem

PUBLIC = "oeffentlich"
INTERNAL = "intern"
EDITIONS = (PUBLIC, INTERNAL)
# `PRAXIS_AUSGABE=intern mkdocs build` builds the internal edition (`make site-intern`).
EDITION_VARIABLE = "PRAXIS_AUSGABE"
VISIBILITY = "visibility"


class EditionError(ValueError):
    """An edition name that is neither `oeffentlich` nor `intern` (German message)."""


def choose_edition(configured: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """The edition to build: `PRAXIS_AUSGABE` if set, else the plugin option, else public.

    An unknown name stops the build instead of falling back to a default: a typo in the
    internal pipeline must not quietly build (and publish) something else.
    """
    chosen = (environ.get(EDITION_VARIABLE) or configured or PUBLIC).strip()
    if chosen not in EDITIONS:
        source = EDITION_VARIABLE if environ.get(EDITION_VARIABLE) else "edition (mkdocs.yml)"
        raise EditionError(
            f"Unbekannte Ausgabe `{chosen}` in {source}. Erlaubt sind `{PUBLIC}` (die "
            f"öffentliche Seite, Standard) und `{INTERNAL}` (die interne Ausgabe)."
        )
    return chosen


def is_internal(entry: Entry) -> bool:
    """Whether an entry belongs to the internal edition only."""
    return entry.type.internal or entry.fields.get(VISIBILITY) == INTERNAL


def visible_in(entry: Entry, edition: str) -> bool:
    """Whether an edition shows an entry: the internal one shows all, the public one no
    internal entry."""
    return edition == INTERNAL or not is_internal(entry)


def edition_types(edition: str) -> tuple[ContentType, ...]:
    """The content types an edition has pages for (lists, nav): internal-only types only in the
    internal edition, so the public site has not even an empty list of them."""
    return tuple(t for t in CONTENT_TYPES if edition == INTERNAL or not t.internal)


@dataclass(frozen=True)
class HandWrittenPage:
    """A page in docs/ marked `visibility: intern`."""

    src_uri: str
    title: str


def internal_pages(docs_dir: Path) -> tuple[list[HandWrittenPage], list[Problem]]:
    """The hand-written pages marked `visibility: intern`, and every wrong `visibility` value.

    MkDocs' own front-matter reader swallows YAML errors, so a broken block would silently make
    an internal page public: such pages are reported instead.
    """
    found: list[HandWrittenPage] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        rel = f"{docs_dir.name}/{src_uri}"
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        if not _NEAR_VISIBILITY.search(text):
            continue
        if not text.startswith("---"):
            if text.lstrip().startswith("---"):
                problems.append(
                    Problem(
                        rel,
                        1,
                        "visibility-value",
                        "Der Kopf der Seite (`---`) muss in Zeile 1 beginnen; MkDocs liest ihn "
                        "sonst nicht, und die Seite würde öffentlich. Löschen Sie die Leerzeilen "
                        "davor.",
                    )
                )
            continue
        fm, parsed = parse(text, rel)
        if not fm.ok:
            problems.extend(parsed)
            continue
        for key in fm.data:
            if key != VISIBILITY and _NEAR_VISIBILITY.fullmatch(f"{key}:"):
                problems.append(
                    Problem(
                        rel,
                        fm.lines.get((key,), 1),
                        "visibility-value",
                        f"`{key}` ist nicht das Feld `{VISIBILITY}` (so, klein geschrieben); die "
                        "Seite würde öffentlich. Schreiben Sie `visibility: intern`.",
                    )
                )
        value = fm.data.get(VISIBILITY)
        if value is None:
            continue
        if value not in (PUBLIC, INTERNAL):
            problems.append(
                Problem(
                    rel,
                    fm.lines.get((VISIBILITY,), 1),
                    "visibility-value",
                    f"`visibility: {value}` gibt es nicht. Schreiben Sie `visibility: {INTERNAL}` "
                    f"(nur interne Ausgabe) oder lassen Sie das Feld weg (öffentlich).",
                )
            )
        elif value == INTERNAL:
            title = str(fm.data.get("title") or _first_heading(fm.body) or src_uri)
            found.append(HandWrittenPage(src_uri, title))
    return found, problems


# The key `visibility` and what an editor may write for it: another case, a typo, German.
_NEAR_VISIBILITY = re.compile(
    r"(?im)^[ \t]*(?:vis[a-z]{0,3}b[a-z]{0,2}l?[a-z]{0,3}t[a-z]{0,2}y?|sichtbarkeit)[ \t]*:"
)


# Local targets a page links to or embeds: Markdown links and images, reference definitions,
# and `href`/`src` of raw HTML.
_LOCAL_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]+)|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|(?:href|src)=[\"']([^\"']+)",
    re.MULTILINE,
)


def internal_only_files(docs_dir: Path, internal: list[HandWrittenPage]) -> list[str]:
    """Files in docs/ (not pages) that only internal pages link to, or that lie in the folder
    of an internal section (`austausch/index.md`): the public edition leaves them out, as it
    leaves out the pages. A contact list attached to an internal page is internal too."""
    internal_uris = {page.src_uri for page in internal}
    sections = [uri[: -len("index.md")] for uri in internal_uris if uri.endswith("index.md")]
    linked_from: dict[str, set[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        for match in _LOCAL_TARGET.finditer(text):
            target = next(group for group in match.groups() if group)
            if ":" in target.split("/", 1)[0] or target.startswith(("#", "/")):
                continue  # another site, mailto:, an anchor, or a site-absolute path
            target = target.split("#", 1)[0].split("?", 1)[0]
            resolved = os.path.normpath(os.path.join(os.path.dirname(src), target))
            if target and not resolved.endswith(".md") and not resolved.startswith(".."):
                linked_from.setdefault(resolved.replace(os.sep, "/"), set()).add(src)
    dropped = {uri for uri, pages in linked_from.items() if pages <= internal_uris}
    for section in sections:
        for path in (docs_dir / section).rglob("*"):
            if path.is_file() and path.suffix != ".md":
                dropped.add(path.relative_to(docs_dir).as_posix())
    public_links = {uri for uri, pages in linked_from.items() if pages - internal_uris}
    return sorted(uri for uri in dropped - public_links if (docs_dir / uri).is_file())


def _first_heading(markdown: str) -> str:
    for line in markdown.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return ""
