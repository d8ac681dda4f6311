"""The navigation of pages outside `nav` is rendered once per folder depth and reused
(praxis.mkdocs_plugin.shared_fragments). A reader must not be able to tell: from every page,
the tabs and the sidebar lead to the same places, and only a page in `nav` marks itself."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from praxis.mkdocs_plugin.shared_fragments import SharedFragments
from site_build import built_site

HREF = re.compile(r'href="([^"]*)"')


def navigation(site: Path, url: str) -> tuple[list[str], str]:
    """The tabs' and primary sidebar's link targets as site paths, and their HTML."""
    html = (site / url / "index.html").read_text("utf-8")
    start = html.index('<nav class="md-tabs"')
    end = html.index("md-sidebar--secondary")
    part = html[start:end]
    targets = [
        posixpath.normpath(posixpath.join("/" + url, href)) + "/"
        for href in HREF.findall(part)
        if not href.startswith(("#", "http"))
    ]
    return targets, part


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_every_page_leads_to_the_same_places(site: Path) -> None:
    reference, _ = navigation(site, "ueber/")  # a page in `nav`, rendered in full
    for url in (
        "praxisbeispiele/allianz-gegen-hass-stadt-lindenau/",  # an entry, two folders deep
        "themen/hassrede/",  # a term page
        "praxisfinder/",  # one folder deep
        "mitwirken/felder/",  # a guide page outside `nav`
    ):
        targets, _ = navigation(site, url)
        assert targets == reference, url


def test_only_a_page_in_nav_is_marked_active(site: Path) -> None:
    _, in_nav = navigation(site, "ueber/")
    _, entry = navigation(site, "praxisbeispiele/allianz-gegen-hass-stadt-lindenau/")
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
    assert shared("nav", two_deep, render) == shared("nav", two_deep, render) == "<nav>1</nav>"
    shared.begin(["", "ueber/"])  # the next build of the preview starts afresh
    assert shared("nav", two_deep, render) == "<nav>2</nav>"
