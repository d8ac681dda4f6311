"""The build checks its own output: nothing valid is lost, nothing is listed by mistake.

Expectations are derived from the entries' fields directly, not from the taxonomy index that
produced the pages, so a bug in the index or the renderer shows up as a mismatch here.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from .content_types import CONTENT_TYPES
from .model import ContentType, Entry
from .municipalities import directory
from .problems import Problem
from .render import PageSpec, page_url
from .taxonomy import Taxonomy, term_values

HREF = re.compile(r'href="([^"#?]*)')
TITLE = re.compile(r"<title>([^<]*)</title>")
HEAD_BYTES = 8192  # the <title> stands in the first few kilobytes


def output_file(site_dir: Path, src_uri: str) -> Path:
    """Where MkDocs (with directory URLs) writes a page: `a/b.md` → `a/b/index.html`."""
    return site_dir / page_url(src_uri) / "index.html"


def _linked_entries(html: str, page_url: str, entry_urls: dict[str, str]) -> set[str]:
    found: set[str] = set()
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    for href in HREF.findall(html):
        if "://" in href or href.startswith(("mailto:", "tel:")):
            continue
        target = posixpath.normpath(posixpath.join(base, href)).lstrip("./")
        entry_id = entry_urls.get(target.rstrip("/") + "/")
        if entry_id:
            found.add(entry_id)
    return found


def audit_site(
    site_dir: Path,
    entries: Sequence[Entry],
    taxonomies: Iterable[Taxonomy],
    pages: Sequence[PageSpec],
) -> list[Problem]:
    """Compare the written site with what the entries' fields say it must contain."""
    problems: list[Problem] = []
    published = [e for e in entries if not e.draft]
    for entry in published:
        if not output_file(site_dir, entry.src_uri).is_file():
            problems.append(
                Problem(
                    entry.path,
                    1,
                    "build-lost",
                    f"Für `{entry.id}` wurde keine Seite erzeugt (erwartet: /{entry.url_path}).",
                )
            )
    problems.extend(replaced_pages(site_dir, pages))
    entry_urls = {e.url_path: e.id for e in published}
    expected: dict[str, set[str]] = defaultdict(set)
    for taxonomy in taxonomies:
        if not taxonomy.has_pages:
            continue
        for entry in published:
            for term_id in term_values(entry, taxonomy.field):
                expected[f"{taxonomy.path}/{term_id}"].add(entry.id)
    for content_type in CONTENT_TYPES:
        expected[content_type.url_path] = {e.id for e in published if e.type is content_type}
        expected.update(_region_expectations(content_type, published, taxonomies))
    profiles = [e for e in published if e.type.directory]
    drafts = [e.id for e in entries if e.type.directory and e.draft]
    for place in directory(published, profiles, drafts):
        if place.profile is None:  # a profile's page is an entry page, checked as such
            expected[f"kommunen/{place.key}"] = {e.id for e in place.entries}
    found: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        if page.kind not in ("term", "list", "region", "municipality"):
            continue
        group = _group_of(page)
        found.setdefault(group, set())
        path = output_file(site_dir, page.src_uri)
        if not path.is_file():
            problems.append(
                Problem(page.src_uri, 1, "build-lost", "Die Seite wurde nicht geschrieben.")
            )
            continue
        html = path.read_text(encoding="utf-8")
        found[group] |= _linked_entries(html, page_url(page.src_uri), entry_urls)
    for group, ids in expected.items():
        have = found.get(group, set())
        for missing in sorted(ids - have):
            problems.append(
                Problem(
                    f"/{group}/",
                    1,
                    "build-audit",
                    f"Der Eintrag `{missing}` fehlt auf dieser Seite, obwohl er den Begriff trägt.",
                )
            )
        for extra in sorted(have - ids):
            problems.append(
                Problem(
                    f"/{group}/",
                    1,
                    "build-audit",
                    f"Der Eintrag `{extra}` steht auf dieser Seite, trägt den Begriff aber nicht.",
                )
            )
    return problems


def _region_expectations(
    content_type: ContentType, published: Sequence[Entry], taxonomies: Sequence[Taxonomy]
) -> dict[str, set[str]]:
    """`hilfe/sachsen` -> the entries serving Sachsen or everywhere."""
    taxonomy = next((t for t in taxonomies if t.field == content_type.regions), None)
    if taxonomy is None:
        return {}
    mine = [e for e in published if e.type is content_type]
    everywhere = {
        e.id for e in mine if content_type.everywhere and e.fields.get(content_type.everywhere)
    }
    return {
        f"{content_type.url_path}/{term.id}": everywhere
        | {e.id for e in mine if term.id in term_values(e, taxonomy.field)}
        for term in taxonomy.vocabulary.terms
    }


def replaced_pages(site_dir: Path, pages: Sequence[PageSpec]) -> list[Problem]:
    """Generated pages whose output is missing or shows another page (its title differs):
    something else was written to the same file after it."""
    problems = []
    for page in pages:
        if page.draft:
            continue
        path = output_file(site_dir, page.src_uri)
        try:
            with path.open("rb") as handle:
                head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            problems.append(
                Problem(page.src_uri, 1, "build-lost", "Die Seite wurde nicht geschrieben.")
            )
            continue
        title = TITLE.search(head)
        shown = html.unescape(title.group(1)) if title else ""
        if not shown.startswith(page.title):
            problems.append(
                Problem(
                    page.src_uri,
                    1,
                    "build-audit",
                    f"Unter /{page_url(page.src_uri)} steht nicht diese Seite („{page.title}“), "
                    f"sondern „{shown}“: eine andere Datei hat sie ersetzt.",
                )
            )
    return problems


def _group_of(page: PageSpec) -> str:
    """All pages of one paginated list share a group: `themen/rassismus`, `praxisbeispiele`."""
    if page.kind == "list":
        return next(t.url_path for t in CONTENT_TYPES if t.key == page.data["content_type"])
    return page.src_uri.split("/seite-")[0].removesuffix(".md")


def output_clashes(sources_and_outputs: Iterable[tuple[str, str]]) -> list[str]:
    """Output files that more than one source would write (`a/index.md` and `a.md` both give
    `a/index.html`): the later one would silently replace the earlier."""
    writers: dict[str, list[str]] = defaultdict(list)
    for source, output in sources_and_outputs:
        writers[output].append(source)
    return [
        f"{output}: " + ", ".join(sorted(sources))
        for output, sources in sorted(writers.items())
        if len(sources) > 1
    ]


def unsafe_links(docs_dir: Path, src_uris: Iterable[str]) -> list[str]:
    """Hand-written files that are symbolic links (MkDocs would copy their target into the site)."""
    found = []
    for uri in src_uris:
        path = docs_dir / uri
        if path.is_symlink() or any(parent.is_symlink() for parent in _parents(path, docs_dir)):
            found.append(f"docs/{uri}")
    return found


def _parents(path: Path, stop: Path) -> Iterable[Path]:
    current = path.parent
    while current != stop and stop in current.parents:
        yield current
        current = current.parent
