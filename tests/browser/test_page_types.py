"""The browser tests cover every kind of page the site has, and a missing kind fails them.

PAGE_TYPES is derived from the content types, the vocabularies and docs/ (browser_pages.py);
this checks it against the built site from the other side: every HTML page of the site must
belong to one of the page types, so a new kind of page cannot stay out of the axe, keyboard,
print and privacy tests unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from praxis.content_types import CONTENT_TYPES
from praxis.editor_policy import EDITOR_PAGE

from .browser_pages import (
    GUIDE_PAGES,
    HAND_WRITTEN,
    PAGE_TYPES,
    REPO,
    TAXONOMIES,
    VOCABULARIES,
    page_path,
)

PAGINATED = re.compile(r"(.+)/seite-\d+")
LANDS = set(VOCABULARIES["states"].ids)


def page_type_of(page: str) -> str | None:
    """The page type of a site page, given as its folder ("themen/hassrede") or file name."""
    if page == "":
        return "start"
    if page == "404.html":
        return "404"
    page = PAGINATED.sub(r"\1", page)
    if page in ("daten", "statistik"):  # generated pages of their own
        return page
    head, _, rest = page.partition("/")
    for content_type in CONTENT_TYPES:
        directory = re.fullmatch(rf"{re.escape(content_type.url_path)}/bundesland/[^/]+", page)
        if content_type.directory and directory:
            return f"verzeichnis-{content_type.url_path}"
    for content_type in CONTENT_TYPES:
        if head != content_type.url_path or not rest or "/" in rest:
            continue
        if content_type.regions and rest in LANDS:
            return f"land-{content_type.url_path}"
        folder = REPO / content_type.folder
        if content_type.directory and not (folder / f"{rest}.md").is_file():
            return f"ort-{content_type.url_path}"
    for content_type in CONTENT_TYPES:
        if page == content_type.url_path:
            return f"liste-{content_type.url_path}"
        if re.fullmatch(rf"{re.escape(content_type.url_path)}/[^/]+", page):
            return f"eintrag-{content_type.key}"
    for taxonomy in TAXONOMIES:
        if page == taxonomy:
            return f"uebersicht-{taxonomy}"
        if re.fullmatch(rf"{re.escape(taxonomy)}/[^/]+", page):
            return f"begriff-{taxonomy}"
    if page in (*HAND_WRITTEN, *GUIDE_PAGES, "praxisfinder"):
        return page
    return None


def test_every_page_of_the_site_has_a_page_type(site_dir: Path) -> None:
    pages = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")]
    # The editor is an application, not a page of the portal; test_editor.py drives it.
    pages = [page for page in pages if page != EDITOR_PAGE]
    folders = [p.removesuffix("index.html").rstrip("/") if p != "404.html" else p for p in pages]
    types = {page: page_type_of(page) for page in folders}
    assert [page for page, kind in types.items() if kind is None] == []
    assert set(types.values()) == set(PAGE_TYPES), "Seitentypen ohne Seite in der Website"


def test_page_types_follow_the_content_types_and_vocabularies() -> None:
    # The public site's types; the internal-only ones: test_internal_edition.py.
    for content_type in (t for t in CONTENT_TYPES if not t.internal):
        assert f"eintrag-{content_type.key}" in PAGE_TYPES
        assert f"liste-{content_type.url_path}" in PAGE_TYPES
    assert {"uebersicht-themen", "begriff-bundeslaender", "mitwirken/felder"} <= set(PAGE_TYPES)
    assert len(PAGE_TYPES) == len(set(PAGE_TYPES))


def test_a_page_type_without_a_page_fails_instead_of_skipping(site_dir: Path) -> None:
    """A content type without published examples or a renamed taxonomy has no path."""
    try:
        with pytest.raises(pytest.fail.Exception, match="keine Seite vom Typ eintrag-neu"):
            page_path({}, site_dir, "eintrag-neu")
    except pytest.skip.Exception:
        pytest.fail("Ein fehlender Seitentyp wird übersprungen statt als Fehler gemeldet.")
    with pytest.raises(pytest.fail.Exception, match="fehlt in der gebauten Website"):
        page_path({"uebersicht-themen": "themen-alt/"}, site_dir, "uebersicht-themen")
