"""Every page links the pages a German public body must publish, and names who runs the site.

Checked on every HTML page of the built site (not just one per type), plus the footer
template alone for escaping and for the marker shown while the operator is not configured."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from praxis.editor_policy import EDITOR_PAGE

from .browser_pages import REPO

LEGAL = [
    ("Barrierefreiheit", "barrierefreiheit/"),
    ("Leichte Sprache", "leichte-sprache/"),
    ("Impressum", "impressum/"),
    ("Datenschutz", "datenschutz/"),
]
MISSING = "[Angabe fehlt: Betreiber]"


class LegalNav(HTMLParser):
    """The links of <nav aria-label="Rechtliches"> and the operator line of the footer."""

    def __init__(self) -> None:
        super().__init__()
        self.navs = 0
        self.links: list[tuple[str, str]] = []
        self.operator = ""
        self._depth = 0
        self._href: str | None = None
        self._text = ""
        self._in_operator = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and values.get("aria-label") == "Rechtliches":
            self.navs += 1
            self._depth = 1
        elif tag == "nav" and self._depth:
            self._depth += 1
        if tag == "a" and self._depth:
            self._href, self._text = values.get("href") or "", ""
        if tag == "p" and "praxis-footer__operator" in (values.get("class") or ""):
            self._in_operator = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append((" ".join(self._text.split()), self._href))
            self._href = None
        if tag == "p":
            self._in_operator = False

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data
        if self._in_operator:
            self.operator += data


def resolve(page: Path, site: Path, href: str) -> Path:
    """Where a link on a built page points inside the site (directory URLs → index.html)."""
    if href.startswith("/"):
        target = href.lstrip("/")
    else:
        folder = page.parent.relative_to(site).as_posix()
        target = posixpath.normpath(posixpath.join(folder, href))
    return site / target / "index.html"


def test_every_page_links_the_legal_pages_and_names_the_operator(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    problems = []
    for page in pages:
        rel = page.relative_to(site_dir).as_posix()
        if rel == EDITOR_PAGE:  # the editor is an application for logged-in editors, noindex
            continue
        parsed = LegalNav()
        parsed.feed(page.read_text("utf-8"))
        if parsed.navs != 1:
            problems.append(f"{rel}: {parsed.navs} Fußzeilen-Navigationen „Rechtliches“")
            continue
        if [text for text, _ in parsed.links] != [text for text, _ in LEGAL]:
            problems.append(f"{rel}: Links {parsed.links}")
            continue
        for (text, href), (_, expected) in zip(parsed.links, LEGAL, strict=True):
            target = resolve(page, site_dir, href)
            if target != site_dir / expected / "index.html" or not target.is_file():
                problems.append(f"{rel}: „{text}“ führt nach {href}")
        if not " ".join(parsed.operator.split()).startswith("Ein Angebot von "):
            problems.append(f"{rel}: keine Angabe zum Betreiber")
    assert problems == []


def render_footer(operator: object) -> str:
    """The footer partial alone, with MkDocs' `url` filter reduced to a prefix."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "overrides"), undefined=jinja2.Undefined
    )
    environment.filters["url"] = lambda path: "/" + path
    template = environment.get_template("partials/copyright.html")
    return template.render(config={"extra": {"operator": operator}})


@pytest.mark.parametrize("operator", [None, {}, {"name": None}, {"name": "  "}])
def test_missing_operator_is_marked_not_left_blank(operator: object) -> None:
    assert MISSING in render_footer(operator)


def test_operator_name_is_shown_escaped() -> None:
    html = render_footer({"name": 'Stadt <script>alert(1)</script> & "Co"'})
    assert MISSING not in html
    assert "<script>" not in html
    assert "Stadt &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in html


def test_built_site_marks_the_missing_operator_of_the_example_configuration(
    site_dir: Path,
) -> None:
    from mkdocs.config import load_config

    name = (load_config(str(REPO / "mkdocs.yml")).extra.get("operator") or {}).get("name")
    footer = (site_dir / "index.html").read_text("utf-8")
    if name:
        assert MISSING not in footer
    else:
        assert MISSING in footer
