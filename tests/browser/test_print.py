"""An entry prints as a clean Steckbrief: no navigation, search or footer; the fact box whole;
web addresses written out; at most two A4 pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from praxis.content_types import CONTENT_TYPES

from .browser_pages import page_path

pytestmark = [pytest.mark.browser]

ENTRY_TYPES = [f"eintrag-{t.key}" for t in CONTENT_TYPES if not t.internal]
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")
HIDDEN_IN_PRINT = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    ".praxis-skip",
)
AFTER = "(a) => getComputedStyle(a, '::after').content"


def test_print_shows_the_entry_and_hides_the_navigation(
    visit, page_paths: dict[str, str], site_dir: Path
) -> None:
    page = visit(page_path(page_paths, site_dir, "eintrag-praxisbeispiel")).page
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert page.locator(selector).first.is_hidden(), f"{selector} wird mitgedruckt."
    assert page.locator("h1").first.is_visible()
    factbox = page.locator(".praxis-factbox")
    assert factbox.is_visible()
    assert factbox.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    source = page.locator(".praxis-print-source")
    assert source.is_visible() and "/praxisbeispiele/" in source.inner_text()

    external = page.locator('.praxis-factbox a[href^="http"]').first
    href = external.get_attribute("href")
    assert external.evaluate(AFTER) == f'" ({href})"', "Die Webadresse fehlt im Ausdruck."
    internal = page.locator('.praxis-factbox a[href^="../"]').first
    assert internal.evaluate(AFTER) in ("none", "normal")


def test_screen_shows_no_print_only_text(visit, page_paths: dict[str, str], site_dir: Path):
    page = visit(page_path(page_paths, site_dir, "eintrag-praxisbeispiel")).page
    assert page.locator(".praxis-print-source").is_hidden()
    link = page.locator('.praxis-factbox a[href^="http"]').first
    assert link.evaluate(AFTER) in ("none", "normal")


@pytest.mark.parametrize("page_type", ENTRY_TYPES)
def test_entry_prints_on_at_most_two_a4_pages(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    """The longest entry of each type (see page_paths): if it fits, shorter ones do."""
    page = visit(page_path(page_paths, site_dir, page_type)).page
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = len(PDF_PAGE.findall(pdf))
    assert 1 <= pages <= 2, f"{page.url} druckt auf {pages} Seiten."
