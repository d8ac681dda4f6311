"""The parts of pages outside `nav` that do not depend on the page (header, tabs, sidebar,
footer) are rendered once per folder depth and reused (praxis.mkdocs_plugin.shared_fragments).
A reader must not be able to tell: from every page, they lead to the same places, the header
names the page itself, and only a page in `nav` marks itself."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from praxis.mkdocs_plugin.shared_fragments import FILL, SharedFragments
from site_build import built_site

HREF = re.compile(r'(?:href|action)="([^"]*)"')
TOPIC = re.compile(
    r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>'
)


def targets(url: str, html: str) -> list[str]:
    """Link targets as site paths (fragments and other hosts left out)."""
    return [
        posixpath.normpath(posixpath.join("/" + url, href.split("#")[0])) + "/"
        for href in HREF.findall(html)
        if not href.startswith(("#", "http", "mailto:", "tel:"))
    ]


def shared_parts(site: Path, url: str) -> tuple[list[str], str]:
    """Where the header, tabs, primary sidebar and the footer's legal links lead, and their
    HTML (the table of contents and the content between them are the page's own)."""
    html = (site / url / "index.html").read_text("utf-8")
    head = html[html.index('<header class="md-header"') : html.index("md-sidebar--secondary")]
    foot = html[html.index('<div class="md-footer-meta') : html.index("</footer>")]
    return targets(url, head) + targets(url, foot), head + foot


def pages(site: Path) -> list[str]:
    return sorted(
        path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
        if path.parent != site and not path.parent.name.startswith("redaktion")
    )


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_every_page_leads_to_the_same_places(site: Path) -> None:
    """Every page of the site, whichever page of its depth was rendered first: pages beside a
    linked one (/barrierefreiheit/, /hilfe/bayern/) used to be where a link reads differently."""
    reference, _ = shared_parts(site, "ueber/")  # a page in `nav`, rendered in full
    checked = 0
    for url in pages(site):
        html = (site / url / "index.html").read_text("utf-8")
        if '<header class="md-header"' not in html:  # the editor, redirects
            continue
        found, _ = shared_parts(site, url)
        assert found == reference, url
        checked += 1
    assert checked > 150


def test_the_header_names_each_page_itself(site: Path) -> None:
    for url, title in (
        ("praxisbeispiele/allianz-gegen-hass-stadt-lindenau/", "Allianz gegen Rassismus und Hass"),
        ("themen/hassrede/", "Hassrede"),
        ("barrierefreiheit/", "Barrierefreiheit"),
    ):
        html = (site / url / "index.html").read_text("utf-8")
        topic = TOPIC.search(html)
        assert topic is not None and title in topic.group(1), url
        assert FILL not in html


def test_only_a_page_in_nav_is_marked_active(site: Path) -> None:
    _, in_nav = shared_parts(site, "ueber/")
    _, entry = shared_parts(site, "praxisbeispiele/allianz-gegen-hass-stadt-lindenau/")
    assert "md-nav__link--active" in in_nav
    assert "md-nav__link--active" not in entry and "md-tabs__item--active" not in entry


def test_a_fragment_is_rendered_once_per_depth_and_never_for_pages_in_nav() -> None:
    shared = SharedFragments()
    shared.begin(["", "ueber/"])
    calls: list[str] = []

    def render() -> str:
        calls.append("x")
        return f"<nav>{len(calls)}</nav>"

    assert shared.key("ueber/") is None and shared.key("") is None
    two_deep = shared.key("praxisbeispiele/a/")
    assert two_deep == shared.key("themen/b/") != shared.key("praxisfinder/")
    assert (
        shared("nav", two_deep, caller=render)
        == shared("nav", two_deep, caller=render)
        == "<nav>1</nav>"
    )
    shared.begin(["", "ueber/"])  # the next build of the preview starts afresh
    assert shared("nav", two_deep, caller=render) == "<nav>2</nav>"


def test_a_fragment_s_page_specific_text_is_filled_in_per_page() -> None:
    shared = SharedFragments()
    shared.begin([])
    key = shared.key("themen/a/")
    assert key is not None
    first = shared("header", key, "A &amp; B", caller=lambda: f"<h1>{FILL}</h1>")
    second = shared("header", key, "C", caller=lambda: "never rendered")
    assert (first, second) == ("<h1>A &amp; B</h1>", "<h1>C</h1>")
