"""Hilfe für Betroffene: a page per Bundesland that a person in need can use without
JavaScript, emergency numbers first, and advice centres shown where entries touch their topics."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from praxis.content_types import CONTENT_TYPE_BY_KEY
from praxis.corpus import load_corpus
from praxis.editor_policy import EDITOR_PAGE
from praxis.render import SiteRenderer
from praxis.taxonomy import build_index
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent
CENTRES = CONTENT_TYPE_BY_KEY["beratungsstelle"]


@pytest.fixture(scope="module")
def pages():
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30))
    index = build_index(corpus.published, corpus.vocabularies)
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index)
    return {p.src_uri: p for p in renderer.pages()}


def test_every_land_has_a_help_page(pages) -> None:
    lands = [uri for uri, page in pages.items() if page.kind == "region"]
    assert len(lands) == 16
    assert all(uri.startswith("hilfe/") for uri in lands)


def test_a_land_lists_its_own_centres_and_the_nationwide_ones_and_no_others(pages) -> None:
    sachsen = pages["hilfe/sachsen.md"]
    assert set(sachsen.listed) == {"opferberatung-nordland", "hass-im-netz-hilfe-bundesweit"}
    # Its own first, then the nationwide ones.
    assert sachsen.listed.index("opferberatung-nordland") < sachsen.listed.index(
        "hass-im-netz-hilfe-bundesweit"
    )
    nrw = pages["hilfe/nordrhein-westfalen.md"]
    assert "opferberatung-nordland" not in nrw.listed
    assert "antidiskriminierungsbuero-westfalen-sued" in nrw.listed


def test_a_land_page_groups_centres_by_kind_of_help_with_jump_links(pages) -> None:
    data = pages["hilfe/sachsen.md"].data
    kinds = [g["key"] for g in data["groups"]]
    assert kinds[0] == "opferberatung"
    assert "hass-im-netz" in kinds
    assert [j["key"] for j in data["jump"]] == kinds
    assert data["emergency"][0] == {"number": "110", "label": "Polizei"}


def test_a_long_land_page_is_split_and_its_jump_links_lead_to_the_page_of_each_kind() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30))
    index = build_index(corpus.published, corpus.vocabularies)
    # Page size 4: a Land page holds one place; Sachsen has two (its own and a nationwide one).
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, 4)
    saxony = [
        p for p in renderer.pages() if p.src_uri.split(".")[0].split("/seite")[0] == "hilfe/sachsen"
    ]
    assert [p.src_uri for p in saxony] == ["hilfe/sachsen.md", "hilfe/sachsen/seite-2.md"]
    assert [p.listed for p in saxony] == [
        ("opferberatung-nordland",),
        ("hass-im-netz-hilfe-bundesweit",),
    ]
    first, second = (p.data for p in saxony)
    jump = {j["key"]: j["path"] for j in first["jump"]}
    assert jump["opferberatung"] is None  # on this page
    assert jump["hass-im-netz"] == "hilfe/sachsen/seite-2/"
    assert second["pager"]["previous"] == "hilfe/sachsen/"
    # A kind both places offer counts both, on every page.
    assert {g["key"]: g["count"] for g in second["groups"]}["psychosoziale-beratung"] == 2


def test_a_land_without_its_own_centre_still_names_the_nationwide_ones(pages) -> None:
    assert pages["hilfe/bremen.md"].listed == ("hass-im-netz-hilfe-bundesweit",)


def test_an_entry_about_a_place_shows_help_in_its_land_on_shared_topics(pages) -> None:
    page = pages["praxisbeispiele/clearingstelle-landkreis-talheim.md"]
    rows = {r["field"]: r for r in page.data["rows"]}
    help_row = rows["help_nearby"]
    assert help_row["label"] == "Hilfe für Betroffene in Baden-Württemberg"
    assert {v["path"] for v in help_row["values"]} == {"hilfe/hass-im-netz-hilfe-bundesweit/"}


def test_the_help_page_puts_emergency_numbers_before_anything_else() -> None:
    html = (built_site() / "hilfe" / "index.html").read_text("utf-8")
    article = html.split("<h1", 1)[1]
    assert article.index('href="tel:110"') < article.index("Hilfe in Ihrem Bundesland")
    assert re.search(r'<a href="[./]*hilfe/sachsen/">Sachsen</a>', html)


def test_every_page_links_help_for_those_affected_in_its_header() -> None:
    site = built_site()
    # The editor (/redaktion/) is Decap's own page for editors, not a page of the portal.
    pages = [
        p
        for p in site.rglob("index.html")
        if "mitwirken" not in p.parts and p.relative_to(site).as_posix() != EDITOR_PAGE
    ][:400]
    assert len(pages) > 50
    for page in pages:
        header = page.read_text("utf-8").split("</header>", 1)[0]
        assert 'class="praxis-help-link"' in header, page
        assert "Hilfe<span" in header
