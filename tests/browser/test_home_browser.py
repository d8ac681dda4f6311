"""The start page's first screen and the map, in Chromium, without JavaScript as well."""

from __future__ import annotations

import pytest

from .browser_pages import Visit

pytestmark = [pytest.mark.browser]

FIRST_SCREEN = (
    "#praxis-hub-suche",
    ".praxis-hub__help a[href$='hilfe/']",
    *(f".praxis-tiles li:nth-child({n})" for n in range(1, 7)),
)


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 800}, {"width": 375, "height": 667}],
    ids=["laptop", "handy"],
)
@pytest.mark.parametrize("javascript", [True, False], ids=["mit-js", "ohne-js"])
def test_search_help_and_all_six_modules_are_on_the_first_screen(
    visit, viewport: dict[str, int], javascript: bool
) -> None:
    opened: Visit = visit("", viewport=viewport, javascript=javascript)
    for selector in FIRST_SCREEN:
        box = opened.page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (selector, box)


def test_every_land_of_the_map_is_a_named_link_reached_by_the_tab_key(visit) -> None:
    opened: Visit = visit("bundeslaender/")
    page = opened.page
    names = page.locator(".praxis-map__svg a").evaluate_all(
        "links => links.map(a => a.getAttribute('aria-label'))"
    )
    assert len(names) == 16 and all(": " in n for n in names)
    page.locator(".praxis-map__svg a").first.focus()
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == names[0]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == names[1]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/bundeslaender/" in page.url and page.url.rstrip("/").split("/")[-1] != "bundeslaender"
