"""Everything works with the keyboard alone: the skip link comes first and lands on the content,
Tab reaches the search, the navigation, the content and the footer without getting stuck, and
on a phone the menu opens, can be walked through and closes again.

Every stop must also be visible: a link that takes focus while it is hidden off-screen or
behind the open menu leaves a keyboard user without orientation (WCAG 2.4.7, 2.4.3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser_pages import PHONE, page_path

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser]

# What the focused element is, where it is, and whether a sighted user can see it.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const probe = e.matches('.md-option') ? e.nextElementSibling : e;
  const box = probe.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const area = e.closest('.md-skip') ? 'skip'
    : e.closest('[data-praxis-search]') ? 'search'
    : e.closest('.md-tabs') ? 'tabs'
    : e.closest('.md-sidebar--primary') ? 'nav'
    : e.closest('#inhalt') ? 'content'
    : e.closest('.praxis-footer__legal') ? 'legal'
    : e.closest('.md-footer') ? 'footer'
    : e.closest('.md-header') ? 'header' : 'other';
  return {
    area,
    name: (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' '),
    html: e.outerHTML.slice(0, 120),
    visible: probe.checkVisibility({visibilityProperty: true}) && box.width > 0
      && box.bottom > 0 && box.right > 0 && box.left < innerWidth && box.top < innerHeight
      // a Land of the map (an SVG link) may have its centre outside itself (Bremen's two parts)
      && (e instanceof SVGElement || (!!hit && (probe.contains(hit) || hit.contains(probe)))),
    inDrawer: !!e.closest('.md-sidebar--primary'),
    x: r.left,
  };
}"""

# Visibility is judged once panels and overlays stand still (e.g. the search overlay has faded
# out); colour transitions of the focused link itself do not matter.
SETTLED = """() => document.getAnimations().every(a => a.playState !== 'running'
  || /color|shadow|outline|decoration|fill/.test(a.transitionProperty || ''))"""


# Every key other than Tab that these tests press moves focus, some of it a moment later (the
# menu script focuses a panel's first link after its transition has begun): wait for the move.
REMEMBER_FOCUS = "() => { window.__praxisFocusBefore = document.activeElement; }"
FOCUS_MOVED = "() => document.activeElement !== window.__praxisFocusBefore"


def press(page: Page, key: str) -> dict | None:
    page.evaluate(REMEMBER_FOCUS)
    page.keyboard.press(key)
    page.wait_for_function(FOCUS_MOVED, polling=20, timeout=3000)
    page.wait_for_function(SETTLED, polling=20, timeout=3000)
    return page.evaluate(FOCUSED)


def tab_through(page: Page, until: str = "Datenschutz", limit: int = 250) -> list[dict]:
    """Press Tab up to the last footer link (or the first stop in area `until`)."""
    stops = []
    for _ in range(limit):
        stop = press(page, "Tab")
        if stop is None:
            break
        stops.append(stop)
        if stop["area"] == until or stop["name"] == until:
            break
    return stops


def invisible(stops: list[dict]) -> list[str]:
    return [f"{s['area']}: {s['html']}" for s in stops if not s["visible"]]


@pytest.mark.parametrize("page_type", ["start", "eintrag-praxisbeispiel", "liste-praxisbeispiele"])
def test_first_tab_is_the_skip_link_and_it_lands_on_the_content(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    page = visit(page_path(page_paths, site_dir, page_type)).page
    first = press(page, "Tab")
    assert first is not None and first["area"] == "skip"
    assert first["name"] == "Zum Inhalt springen"
    assert first["visible"], "Der Sprunglink ist beim Fokussieren nicht zu sehen."
    press(page, "Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    after = press(page, "Tab")
    assert after is not None and after["area"] == "content", after
    heading = page.locator("#inhalt h1").first
    assert heading.is_visible()


@pytest.mark.parametrize("page_type", ["start", "eintrag-praxisbeispiel", "uebersicht-themen"])
def test_tab_reaches_search_navigation_content_and_footer_in_order(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    page = visit(page_path(page_paths, site_dir, page_type)).page
    stops = tab_through(page)
    areas = [s["area"] for s in stops]
    assert areas[0] == "skip"
    for area in ("search", "tabs", "content", "legal"):
        assert area in areas, f"Mit Tab nicht erreichbar: {area} ({areas})"
    assert areas.index("search") < areas.index("tabs") < areas.index("content")
    assert areas.index("content") < areas.index("legal")
    assert stops[-1]["name"] == "Datenschutz", "Der Fokus bleibt vor dem Seitenende hängen."
    assert invisible(stops) == []
    unnamed = [s["name"] for s in stops if s["name"] in ("", "¶")]
    assert unnamed == [], "Tab-Stopps ohne verständlichen Namen"
    assert [s["name"] for s in stops if s["area"] == "legal"] == [
        "Barrierefreiheit",
        "Leichte Sprache",
        "Impressum",
        "Datenschutz",
    ]
    back = press(page, "Shift+Tab")
    assert back is not None and back["name"] == "Impressum"


def test_every_sidebar_link_is_reachable_on_a_wide_screen(
    visit, page_paths: dict[str, str], site_dir: Path
) -> None:
    page = visit(page_path(page_paths, site_dir, "ueber")).page
    shown = page.eval_on_selector_all(
        ".md-sidebar--primary a[href]",
        "links => links.filter(a => a.checkVisibility({visibilityProperty: true}))"
        ".map(a => a.textContent.trim().replace(/\\s+/g, ' '))",
    )
    assert shown, "Die Seitenleiste zeigt keine Links."
    reached = [s["name"] for s in tab_through(page, until="content") if s["area"] == "nav"]
    assert reached == shown


def test_phone_menu_opens_walks_and_closes_with_the_keyboard(
    visit, page_paths: dict[str, str], site_dir: Path
) -> None:
    page = visit(page_path(page_paths, site_dir, "ueber"), viewport=PHONE).page
    assert press(page, "Tab")["area"] == "skip"
    menu = press(page, "Tab")
    assert menu["name"] == "Menü" and menu["visible"]
    button = page.locator('.md-header label[for="__drawer"]')
    assert button.get_attribute("role") == "button"
    assert button.get_attribute("aria-expanded") == "false"

    # The menu opens on the current section, focus on its "back" button.
    back = press(page, "Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert button.get_attribute("aria-expanded") == "true"
    assert back["inDrawer"] and back["visible"], back
    assert back["name"].startswith("Zurück: ")
    section = press(page, "Enter")
    assert section["inDrawer"] and section["visible"]
    assert section["name"] == back["name"].removeprefix("Zurück: ")
    walked = [press(page, "Shift+Tab") for _ in range(4)]
    assert all(s["inDrawer"] and s["visible"] for s in walked), walked
    assert len({s["name"] for s in walked}) == 4

    press(page, "Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate(FOCUSED)["name"] == "Menü"


def test_closed_phone_menu_takes_no_focus_and_leaving_the_open_menu_closes_it(
    visit, page_paths: dict[str, str], site_dir: Path
) -> None:
    page = visit(page_path(page_paths, site_dir, "liste-praxisbeispiele"), viewport=PHONE).page
    stops = tab_through(page)
    assert not [s for s in stops if s["inDrawer"]], "Links im geschlossenen Menü nehmen Fokus an."
    assert invisible([s for s in stops if s["area"] != "search"]) == []

    page.goto(page.url)
    press(page, "Tab")
    press(page, "Tab")
    press(page, "Space")
    assert page.evaluate("document.getElementById('__drawer').checked")
    for _ in range(40):
        stop = press(page, "Tab")
        if stop is None or not stop["inDrawer"]:
            break
    assert stop is not None and stop["visible"], stop
    assert not page.evaluate("document.getElementById('__drawer').checked")


def test_search_works_with_the_keyboard(visit) -> None:
    opened = visit("")
    page = opened.page
    stops = []
    for _ in range(10):
        stop = press(page, "Tab")
        stops.append(stop)
        if stop and stop["area"] == "search":
            break
    assert stops[-1]["area"] == "search", stops
    page.keyboard.type("Rassismus")
    page.locator("[data-praxis-search] [data-results] a").first.wait_for()
    result = press(page, "ArrowDown")
    assert result is not None and result["area"] == "search" and result["visible"]
    assert page.evaluate("document.activeElement.matches('[data-results] a')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "**")
    assert page.locator("h1").first.is_visible()
