"""Every page type passes axe-core's WCAG 2.0/2.1 A and AA rules with zero violations, in the
light and the dark scheme and on a 375 px phone with the menu open, and with the search open.

BITV 2.0 refers to EN 301 549, which requires WCAG 2.1 level AA. axe finds only what a machine
can find (contrast, names, roles, structure); the keyboard tests and a manual review cover more.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from browser_tally import TALLY

from .browser_pages import DESKTOP, LISTING_PAGE_TYPES, PHONE, load_fresh, page_path, settle

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
STATES = ("hell", "dunkel", "handy-menue")
SEARCH_QUERY = "Rassismus"


def axe_violations(page: Page, label: str) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    settle(page)
    response = Axe().run(page, options=AXE_OPTIONS).response
    violations = response["violations"]
    TALLY.axe_version = response["testEngine"]["version"]
    TALLY.axe_runs.append(label)
    TALLY.violations += sum(len(v["nodes"]) for v in violations)
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """Rule, element and axe's own message (with the measured contrast) for each finding."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = "; ".join(check["message"] for check in checks)
            lines.append(f"  {' '.join(map(str, node['target']))}\n    {message}")
    return "\n".join(lines)


def wait_until_ready(page: Page, page_type: str) -> None:
    """Pages that fill themselves in the browser are checked once they are filled."""
    if page_type == "praxisfinder":
        page.locator("[data-praxisfinder] [data-results] a").first.wait_for()
        page.wait_for_function(
            "() => !document.querySelector('[data-praxisfinder]').hasAttribute('aria-busy')"
        )


def open_menu(page: Page) -> None:
    page.locator('.md-header label[for="__drawer"]').click()
    page.wait_for_function(
        "() => document.getElementById('__drawer').checked && "
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )


def enter_state(page: Page, state: str, *, first: bool) -> None:
    """Bring the open page into a state as a reader gets it: loaded with the system's dark mode
    on (Material follows `prefers-color-scheme` while no palette is stored), or loaded on a
    phone. The page is loaded again in its tab, which costs a fraction of a fresh browser
    context, without the palette Material stored on the first load; CSP violations of every
    load reach the console, which the `visit` fixture watches.

    Motion is reduced: Material then switches every transition off, so the phone menu is open
    at once instead of after its slide (0.3 s per state, 15 s per run). axe measures the end
    state, whose colours and layout are the same either way."""
    dark = state == "dunkel"
    page.emulate_media(color_scheme="dark" if dark else "light", reduced_motion="reduce")
    page.set_viewport_size(PHONE if state == "handy-menue" else DESKTOP)
    if not first:
        load_fresh(page, page.url)
    scheme = page.get_attribute("body", "data-md-color-scheme")
    assert scheme == ("slate" if dark else "default"), state


def menu_on_the_phone(page: Page, state: str) -> None:
    if state == "handy-menue":
        open_menu(page)


def violations_in_states(
    page: Page, label: str, prepare: Callable[[Page, str], None] = menu_on_the_phone
) -> dict[str, str]:
    """axe in every state of an open page, in order, each prepared by `prepare` (by default:
    the menu opened on the phone); returns the described violations by state."""
    found = {}
    for number, state in enumerate(STATES):
        enter_state(page, state, first=number == 0)
        prepare(page, state)
        violations = axe_violations(page, f"{label}/{state}")
        if violations:
            found[state] = describe(violations)
    return found


def describe_states(found: dict[str, str]) -> str:
    return "\n".join(f"{state}: {description}" for state, description in found.items())


def check_page_type(visit, page_paths: dict[str, str], site_dir: Path, page_type: str) -> None:
    path = page_path(page_paths, site_dir, page_type)
    page = visit(path).page

    def prepare(page: Page, state: str) -> None:
        wait_until_ready(page, page_type)
        menu_on_the_phone(page, state)

    found = violations_in_states(page, page_type, prepare)
    assert found == {}, f"/{path}:\n{describe_states(found)}"


@pytest.mark.parametrize("page_type", LISTING_PAGE_TYPES)
def test_page_has_no_wcag_violations_light_dark_and_on_a_phone(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    """Start, entry, list, term, finder, data and directory pages (the text pages:
    test_axe_text_pages.py)."""
    check_page_type(visit, page_paths, site_dir, page_type)


def test_open_search_with_results_has_no_wcag_violations(visit) -> None:
    page = visit("").page
    query = page.locator("#praxis-suche")
    first_result = page.locator("[data-praxis-search] [data-results] a").first

    def search(page: Page, state: str) -> None:
        """Results shown in every state (on the phone, too, without the menu)."""
        if not first_result.is_visible():
            query.click()
            query.fill("")
            query.press_sequentially(SEARCH_QUERY)
        first_result.wait_for()

    found = violations_in_states(page, "suche", search)
    assert found == {}, f"Suche „{SEARCH_QUERY}“:\n{describe_states(found)}"


@pytest.mark.parametrize(
    "page_type", ["start", "eintrag-praxisbeispiel", "eintrag-material", "liste-praxisbeispiele"]
)
def test_page_reflows_at_320_px_without_sideways_scrolling(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    """WCAG 1.4.10: at 400 % zoom (320 CSS px) nothing but wide tables may scroll sideways."""
    opened = visit(
        page_path(page_paths, site_dir, page_type), viewport={"width": 320, "height": 640}
    )
    width = opened.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"/{page_path(page_paths, site_dir, page_type)}: {width}"


# The start page's heading in nearly its background's colour, light or dark.
PALE_HEADING = """() => {
  const dark = document.body.getAttribute('data-md-color-scheme') === 'slate';
  document.querySelector('h1').style.color = dark ? '#2a2a33' : '#eeeeee';
}"""


def test_the_check_finds_a_contrast_violation_in_every_state(visit) -> None:
    """The checks above can fail: text made pale in each state is found in each state."""
    from axe_playwright_python.sync_playwright import Axe

    page = visit("").page
    found = {}
    for number, state in enumerate(STATES):
        enter_state(page, state, first=number == 0)
        menu_on_the_phone(page, state)
        page.evaluate(PALE_HEADING)
        settle(page)
        response = Axe().run(page, options=AXE_OPTIONS).response  # not tallied: planted
        found[state] = [v["id"] for v in response["violations"]]
    assert found == {state: ["color-contrast"] for state in STATES}
