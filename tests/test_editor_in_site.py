"""The editor in the built site (once the plugin passes `extra.editor` to `site_files`): its
files are there, its page passes the output rules under its own policy, and it is in neither
the search, the sitemap nor the navigation."""

from __future__ import annotations

from praxis.editor_bundle import SCRIPT_NAME
from praxis.editor_config import CONFIG, PAGE
from praxis.editor_policy import check_editor_page
from site_build import built_site, search_documents


def test_the_built_site_serves_the_editor_under_its_own_policy() -> None:
    site = built_site()
    for name in (PAGE, CONFIG, f"redaktion/{SCRIPT_NAME}", "redaktion/redaktion.js"):
        assert (site / name).is_file(), name
    page = (site / PAGE).read_bytes()
    assert check_editor_page(page, PAGE) == []
    assert b'<meta name="robots" content="noindex, nofollow">' in page


def test_the_editor_is_in_no_search_sitemap_or_navigation() -> None:
    site = built_site()
    assert not [url for url in search_documents(site) if url.startswith("/redaktion/")]
    assert ":8000/redaktion/</loc>" not in (site / "sitemap.xml").read_text("utf-8")
    assert 'href="redaktion/"' not in (site / "index.html").read_text("utf-8")
