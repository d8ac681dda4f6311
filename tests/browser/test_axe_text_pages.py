"""The hand-written pages and the editors' guide pass axe-core's WCAG 2.0/2.1 A and AA rules
with zero violations, light, dark and on a phone with the menu open (as test_axe_pages.py, in a
module of its own so that two test processes share the work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser_pages import TEXT_PAGE_TYPES
from .test_axe_pages import check_page_type

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("page_type", TEXT_PAGE_TYPES)
def test_text_page_has_no_wcag_violations_light_dark_and_on_a_phone(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    check_page_type(visit, page_paths, site_dir, page_type)
