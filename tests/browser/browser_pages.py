"""Page types, viewports and the run tally shared by the browser tests and their fixtures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from praxis.content_types import CONTENT_TYPES
from praxis.editions import internal_pages
from praxis.editor_docs import site_files, template_pages
from praxis.taxonomy import taxonomies_from_schema
from praxis.vocabulary import load_vocabularies

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _hand_written() -> tuple[str, ...]:
    """Every public hand-written page in docs/ (the start page is its own type)."""
    pages = []
    internal = {page.src_uri for page in internal_pages(REPO / "docs")[0]}
    for path in sorted((REPO / "docs").rglob("*.md")):
        if path.relative_to(REPO / "docs").as_posix() in internal:
            continue
        name = path.relative_to(REPO / "docs").with_suffix("").as_posix()
        name = name.removesuffix("/index")
        if name != "index":
            pages.append(name)
    return tuple(pages)


def _guide_pages() -> tuple[str, ...]:
    """The pages of the editors' guide that the build generates from the schema and rules."""
    return tuple(
        sorted(
            path.removesuffix(".md") for path in site_files(VOCABULARIES) if path.endswith(".md")
        )
    )


VOCABULARIES, _ = load_vocabularies(REPO)
# Derived from the content types, the vocabularies and docs/: a new kind of entry, a new
# taxonomy or a new page joins every browser test by itself. A kind with no page in the built
# site (a content type without published examples, a renamed taxonomy) fails, never skips.
TAXONOMIES = tuple(t.path for t in taxonomies_from_schema(VOCABULARIES) if t.has_pages)
HAND_WRITTEN = _hand_written()
GUIDE_PAGES = _guide_pages()
# The public site's types; the internal edition's pages: test_internal_edition.py.
PUBLIC_TYPES = tuple(t for t in CONTENT_TYPES if not t.internal)
PAGE_TYPES = (
    "start",
    *(f"eintrag-{t.key}" for t in PUBLIC_TYPES),
    *(f"liste-{t.url_path}" for t in PUBLIC_TYPES),
    *(f"uebersicht-{t}" for t in TAXONOMIES),
    *(f"begriff-{t}" for t in TAXONOMIES),
    "praxisfinder",
    "daten",
    "statistik",
    *(f"land-{t.url_path}" for t in PUBLIC_TYPES if t.regions),
    *(f"ort-{t.url_path}" for t in PUBLIC_TYPES if t.directory),
    *(f"verzeichnis-{t.url_path}" for t in PUBLIC_TYPES if t.directory),
    *HAND_WRITTEN,
    *GUIDE_PAGES,
    "404",
)


def _one_template_page() -> tuple[str, ...]:
    """The guide pages, with the longest of the generated template pages (one per content type,
    `mitwirken/vorlagen/<art>`) standing for them all: one generator, one layout, and only
    the plain text of their code block differs (as the longest entry stands for its type)."""
    templates = {
        path.removesuffix(".md"): text for path, text in template_pages(VOCABULARIES).items()
    }
    longest = max(sorted(templates), key=lambda path: len(templates[path]))
    return tuple(page for page in GUIDE_PAGES if page not in templates or page == longest)


# Split in two for the accessibility tests, so two test processes can share the work.
TEXT_PAGE_TYPES = (*HAND_WRITTEN, *_one_template_page())
LISTING_PAGE_TYPES = tuple(t for t in PAGE_TYPES if t not in (*HAND_WRITTEN, *GUIDE_PAGES))


def page_path(page_paths: dict[str, str], site_dir: Path, page_type: str) -> str:
    """The path for a page type; fails when the site has no such page (e.g. a content type
    without published examples, or a renamed taxonomy): a missing page is never a skip."""
    path = page_paths.get(page_type)
    if path is None:
        pytest.fail(f"Die Beispielinhalte enthalten keine Seite vom Typ {page_type}.")
    if page_type != "404" and not (site_dir / path / "index.html").is_file():
        pytest.fail(f"Die Seite /{path} fehlt in der gebauten Website.")
    return path


@dataclass
class Visit:
    """One page in its own browser context, with every request it made and what went wrong."""

    page: Page
    local: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


# Set before the page's own scripts: every violation of the Content-Security-Policy is kept.
POLICY_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
  });
});
"""


def load_fresh(page: Page, url: str, wait_until: str = "load") -> None:
    """Load `url` in an open tab as a first visit: the site's local storage (Material keeps the
    palette there) is cleared once the last document has gone, so nothing it wrote on leaving
    survives. (The site keeps nothing in session storage.)"""
    from urllib.parse import urlsplit

    page.goto("about:blank")
    parts = urlsplit(url)
    session = page.context.new_cdp_session(page)
    try:
        session.send(
            "Storage.clearDataForOrigin",
            {"origin": f"{parts.scheme}://{parts.netloc}", "storageTypes": "local_storage"},
        )
    finally:
        session.detach()
    page.goto(url, wait_until=wait_until)  # type: ignore[arg-type]


def settle(page: Page) -> None:
    """Wait until transitions have finished: colours measured mid-fade are not the real ones."""
    page.wait_for_function(
        # a function, not an expression: the site's Content-Security-Policy forbids eval
        "() => document.getAnimations().every(a => a.playState !== 'running')",
        polling=20,
        timeout=5000,
    )
