"""Every page type passes axe-core's WCAG 2.0/2.1 A and AA rules with zero violations, in the
light and the dark scheme and on a 375 px phone with the menu open, and with the search open.

BITV 2.0 refers to EN 301 549, which requires WCAG 2.1 level AA. axe finds only what a machine
can find (contrast, names, roles, structure); the keyboard tests and a manual review cover more.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .browser_pages import PAGE_TYPES, PHONE, TALLY, Visit, page_path, settle

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


def open_in_state(visit, path: str, state: str) -> Visit:
    if state == "dunkel":
        opened = visit(path, scheme="dark")
    elif state == "handy-menue":
        opened = visit(path, viewport=PHONE)
    else:
        opened = visit(path)
    scheme = opened.page.get_attribute("body", "data-md-color-scheme")
    assert scheme == ("slate" if state == "dunkel" else "default")
    return opened


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_wcag_violations(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str, state: str
) -> None:
    path = page_path(page_paths, site_dir, page_type)
    opened = open_in_state(visit, path, state)
    wait_until_ready(opened.page, page_type)
    if state == "handy-menue":
        open_menu(opened.page)
    violations = axe_violations(opened.page, f"{page_type}/{state}")
    assert violations == [], f"/{path} ({state}):\n{describe(violations)}"


@pytest.mark.parametrize("state", STATES)
def test_open_search_with_results_has_no_wcag_violations(visit, state: str) -> None:
    opened = open_in_state(visit, "", state)
    page = opened.page
    query = page.locator("#praxis-suche")
    query.click()
    query.press_sequentially(SEARCH_QUERY)
    page.locator("[data-praxis-search] [data-results] a").first.wait_for()
    violations = axe_violations(page, f"suche/{state}")
    assert violations == [], f"Suche „{SEARCH_QUERY}“ ({state}):\n{describe(violations)}"


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
