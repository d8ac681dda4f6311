"""The Praxisfinder filters in the browser and says how many entries it found."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser]


FOLDERS = ("practices", "content/recommendations", "content/trainings")


def published(folders: tuple[str, ...] = FOLDERS) -> dict[str, dict]:
    """Entry id -> raw front matter of every published entry in these folders."""
    found = {}
    for folder in folders:
        for path in (REPO / folder).glob("*.md"):
            block = path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)
            if data.get("draft") != "true":
                found[path.stem] = data
    return found


def practices_with(field: str, term: str) -> set[str]:
    return {entry_id for entry_id, data in published().items() if term in data.get(field, [])}


def wait_for_results(page, count: int) -> None:
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-results] li').length === {count}"
    )


def result_ids(page) -> set[str]:
    hrefs = page.eval_on_selector_all("[data-results] a", "links => links.map(a => a.href)")
    return {href.rstrip("/").rsplit("/", 1)[1] for href in hrefs}


def test_filter_from_the_address_lists_exactly_the_matching_entries(chromium, example_site_url):
    page = chromium.new_page()
    page.goto(f"{example_site_url}/praxisfinder/?thema=hassrede")
    expected = practices_with("topics", "hassrede")
    status = page.locator("[data-status]")
    status.filter(has_text="gefunden").wait_for()
    assert status.inner_text() == f"{len(expected)} Einträge gefunden."
    assert result_ids(page) == expected
    assert page.locator("#pf-thema").input_value() == "hassrede"
    page.close()


def test_choosing_filters_and_words_narrows_and_reset_restores(chromium, example_site_url):
    page = chromium.new_page()
    page.goto(f"{example_site_url}/praxisfinder/")
    page.locator("[data-status]").filter(has_text="gefunden").wait_for()
    everything = result_ids(page)
    assert everything == set(published())
    materials = set(published(("content/trainings",)))  # the type filter: materials only
    assert 0 < len(materials) < len(everything)
    page.select_option("#pf-art", "material")
    wait_for_results(page, len(materials))
    assert result_ids(page) == materials
    assert "art=material" in page.url
    page.fill("#pf-suche", "antisemitismus")
    wait_for_results(page, 1)
    assert result_ids(page) == {"training-antisemitismus-erkennen-verwaltung"}
    page.get_by_role("button", name="Filter zurücksetzen").click()
    wait_for_results(page, len(everything))
    assert result_ids(page) == everything
    page.close()


def test_without_javascript_the_finder_points_to_the_overview_pages(chromium, example_site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{example_site_url}/praxisfinder/")
    note = page.locator("[data-noscript]")
    assert note.is_visible()
    assert note.locator("a").count() >= 3
    assert not page.locator("form.praxis-finder__form").is_visible()
    context.close()


def test_actor_filter_from_a_fact_box_link_lists_the_entries_with_that_actor(
    chromium, example_site_url
):
    page = chromium.new_page()
    page.goto(f"{example_site_url}/praxisfinder/?akteur=polizei")
    expected = practices_with("actors", "polizei")
    page.locator("[data-status]").filter(has_text="gefunden").wait_for()
    assert result_ids(page) == expected
    assert page.locator("#pf-akteur").input_value() == "polizei"
    page.close()


@pytest.mark.parametrize(
    ("words", "field", "term"),
    [
        ("Hass im Netz", "topics", "hassrede"),  # a synonym from content/vocabularies/topics.yml
        ("Fake News", "topics", "desinformation"),
        ("Öffentlichkeitsarbeit", "topics", "oeffentlichkeitsarbeit"),  # a term's label
    ],
)
def test_words_find_entries_through_their_terms_labels_and_synonyms(
    chromium, example_site_url, words: str, field: str, term: str
):
    expected = practices_with(field, term)
    assert expected
    page = chromium.new_page()
    page.goto(f"{example_site_url}/praxisfinder/")
    page.locator("[data-status]").filter(has_text="gefunden").wait_for()
    page.locator("#pf-suche").fill(words)
    page.wait_for_function(
        "count => document.querySelectorAll('[data-results] li').length >= count",
        arg=len(expected),
    )
    assert expected <= result_ids(page)
    page.close()


def test_a_state_is_found_by_its_name(chromium, example_site_url):
    states = {
        entry_id: data["municipality"]["state"]
        for entry_id, data in published().items()
        if isinstance(data.get("municipality"), dict) and data["municipality"].get("state")
    }
    state = "sachsen"
    expected = {entry_id for entry_id, value in states.items() if value == state}
    label = yaml.safe_load((REPO / "content/vocabularies/states.yml").read_text("utf-8"))
    name = next(t["label"] for t in label["terms"] if t["id"] == state)
    page = chromium.new_page()
    page.goto(f"{example_site_url}/praxisfinder/")
    page.locator("[data-status]").filter(has_text="gefunden").wait_for()
    page.locator("#pf-suche").fill(name)
    page.wait_for_function(
        "count => document.querySelectorAll('[data-results] li').length >= count",
        arg=max(len(expected), 1),
    )
    assert expected and expected <= result_ids(page)
    page.close()
