"""The Praxisfinder is the portal's search results page: words and facets in the address,
ranked results, counts that add up, Back that undoes, and a way without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from praxis.corpus import entry_files, load_corpus
from praxis.editions import PUBLIC
from praxis.taxonomy import build_index
from relevance_module import load_relevance

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser]

# Every public content type's folder, as the type table declares them.
FOLDERS = tuple(sorted({t.folder for t, _ in entry_files(REPO) if not t.internal}))
UPDATED = """() => {
  const root = document.querySelector('[data-praxisfinder]');
  const status = root.querySelector('[data-status]').textContent;
  return !root.hasAttribute('aria-busy') && status !== ''
    && !status.startsWith('Ergebnisse werden geladen');
}"""


def published(folders: tuple[str, ...] = FOLDERS) -> dict[str, dict]:
    """Entry id -> raw front matter of every published public entry in these folders."""
    found = {}
    for folder in folders:
        for path in (REPO / folder).glob("*.md"):
            block = path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)
            if data.get("draft") != "true" and data.get("visibility") != "intern":
                found[path.stem] = data
    return found


def entries_with(field: str, *terms: str) -> set[str]:
    def values(data: dict) -> list[str]:
        value = data
        for part in field.split("."):
            value = value.get(part, {}) if isinstance(value, dict) else {}
        return [value] if isinstance(value, str) else list(value or [])

    return {i for i, data in published().items() if set(terms) & set(values(data))}


@pytest.fixture(scope="module")
def finder_tab(chromium):
    """One tab for the finder tests, each of which loads the finder anew: a fresh context per
    test would start a renderer process each time (about 0.7 s of CPU)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    yield context.new_page()
    context.close()


def open_finder(page, base: str, address: str = ""):
    page.goto(f"{base}/praxisfinder/{address}")
    page.wait_for_function(UPDATED)
    return page


def settle(page, before: str) -> None:
    """Wait until the finder has answered a change made after the address was `before`."""
    page.wait_for_function("(before) => window.location.href !== before", arg=before, polling=20)
    page.wait_for_function(UPDATED, polling=20)


def result_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "[data-praxisfinder] [data-results] a", "links => links.map(a => new URL(a.href).pathname)"
    )
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]  # "" for the start page


def total(page) -> int:
    status = page.locator("[data-praxisfinder] [data-status]").inner_text()
    match = re.match(r"([\d.]+) Ergebnis", status)
    return int(match.group(1).replace(".", "")) if match else 0


def count_of(page, param: str, value: str) -> int:
    return int(page.locator(f"#pf-{param}-{value} ~ label [data-count]").inner_text())


def test_filters_from_the_address_list_exactly_the_matching_entries(finder_tab, example_site_url):
    page = open_finder(finder_tab, example_site_url, "?thema=hassrede")
    expected = entries_with("topics", "hassrede")
    assert set(result_ids(page)) == expected
    assert total(page) == len(expected)
    assert page.locator("#pf-thema-hassrede").is_checked()


def test_several_values_of_a_facet_add_up_and_facets_narrow_each_other(
    finder_tab, example_site_url
):
    page = open_finder(finder_tab, example_site_url, "?thema=hassrede&thema=desinformation")
    either = entries_with("topics", "hassrede", "desinformation")
    assert set(result_ids(page)) == either
    assert len(either) > len(entries_with("topics", "hassrede"))
    # The counts of a chosen facet say what each further value would add.
    assert count_of(page, "thema", "hassrede") == len(entries_with("topics", "hassrede"))
    # Another facet narrows: AND across facets.
    state = "sachsen"
    both = either & entries_with("municipality.state", state)
    assert count_of(page, "land", state) == len(both)
    before = page.url
    page.locator(f"#pf-land-{state}").check()
    settle(page, before)
    assert set(result_ids(page)) == both


def test_counts_add_up_and_empty_values_cannot_be_chosen(finder_tab, example_site_url):
    page = open_finder(finder_tab, example_site_url, "?q=Rassismus")
    found = total(page)
    assert found > 0
    kinds = [box.get_attribute("value") for box in page.locator("[data-facet=art] input").all()]
    assert "seite" in kinds
    assert sum(count_of(page, "art", kind) for kind in kinds) == found
    # A value that would leave nothing is shown as such and cannot be chosen.
    page.goto(f"{example_site_url}/praxisfinder/?land=thueringen")
    page.wait_for_function(UPDATED)
    assert total(page) == len(entries_with("municipality.state", "thueringen")) == 1
    disabled = page.locator("[data-facet=thema] input:disabled")
    assert disabled.count() > 0
    assert all(count_of(page, "thema", box.get_attribute("value")) == 0 for box in disabled.all())


def test_back_undoes_the_last_change_and_a_filter_can_be_removed(finder_tab, example_site_url):
    page = open_finder(finder_tab, example_site_url, "?q=Schule")
    first = result_ids(page)
    before = page.url
    page.locator("#pf-art-material").check()
    settle(page, before)
    assert "art=material" in page.url
    narrowed = result_ids(page)
    assert narrowed and set(narrowed) < set(first) | set(narrowed)
    assert all(i in published(("content/trainings",)) for i in narrowed)
    before = page.url
    page.go_back()
    page.wait_for_function("(b) => window.location.href !== b", arg=before)
    page.wait_for_function(UPDATED)
    assert not page.locator("#pf-art-material").is_checked()
    assert result_ids(page) == first
    # The chip of an active filter removes it.
    page.goto(f"{example_site_url}/praxisfinder/?thema=hassrede")
    page.wait_for_function(UPDATED)
    before = page.url
    page.get_by_role("button", name=re.compile(r"^Filter .*: Hassrede entfernen$")).click()
    settle(page, before)
    assert "thema=" not in page.url
    assert len(result_ids(page)) == min(20, len(published()))


def test_the_result_count_is_on_the_first_screen_and_sorting_by_title_works(
    finder_tab, example_site_url
):
    page = open_finder(finder_tab, example_site_url, "?sort=titel")
    box = page.locator("[data-praxisfinder] [data-status]").bounding_box()
    assert box is not None and box["y"] + box["height"] < 900
    titles = page.eval_on_selector_all(
        "[data-praxisfinder] [data-results] .praxis-finder__title a",
        "links => links.map(a => a.textContent)",
    )
    fold = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
    keys = [t.lower().translate(fold) for t in titles]
    assert len(keys) == 20 and keys == sorted(keys)


def test_more_results_appear_on_request_and_the_button_hides_at_the_end(
    finder_tab, example_site_url
):
    page = open_finder(finder_tab, example_site_url)
    more = page.locator("[data-more]")
    assert len(result_ids(page)) == 20 and more.is_visible()
    more.click()
    page.wait_for_function(
        "(n) => document.querySelectorAll('[data-praxisfinder] [data-results] > li').length === n",
        arg=len(published()),
    )
    assert not more.is_visible()
    # Focus moves to the first new result, so keyboard users continue where they were.
    assert page.evaluate("document.activeElement.closest('li') !== null")


def test_every_example_entry_is_found_first_by_its_own_title(finder_tab, example_site_url):
    page = finder_tab
    search = load_relevance().finder_search(page, example_site_url)  # typed one after another
    missed = {}
    for entry_id, data in sorted(published().items()):
        search(data["title"])
        if result_ids(page)[:1] != [entry_id]:
            missed[data["title"]] = result_ids(page)[:3]
    assert missed == {}


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("Rasissmus", "Rassismus"), ("Krisenkomunikation", "Krisenkommunikation")],
)
def test_a_typo_gets_a_suggestion_and_its_results(finder_tab, example_site_url, query, suggestion):
    page = open_finder(finder_tab, example_site_url, f"?q={quote(query)}")
    note = page.locator("[data-note]")
    assert f"Meinten Sie „{suggestion}“?" in note.inner_text()
    assert total(page) > 0


def test_words_that_find_nothing_say_so_and_suggest_what_to_do(finder_tab, example_site_url):
    page = open_finder(finder_tab, example_site_url, "?q=Xylophonqqq")
    assert (
        page.locator("[data-praxisfinder] [data-status]")
        .inner_text()
        .startswith("Keine Ergebnisse für „Xylophonqqq“.")
    )
    assert result_ids(page) == []


def test_without_javascript_the_finder_links_every_overview(chromium, example_site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{example_site_url}/praxisfinder/")
    links = page.eval_on_selector_all(
        "[data-noscript] a", "links => links.map(a => new URL(a.href).pathname)"
    )
    corpus = load_corpus(REPO).for_edition(PUBLIC)
    index = build_index(corpus.published, corpus.vocabularies)
    expected = {f"/{t.path}/" for t in index.taxonomies if t.has_pages}
    expected |= {f"/{e.type.url_path}/" for e in corpus.published}
    assert set(links) == expected
    assert page.locator("form.praxis-finder__form").is_hidden()
    context.close()


def test_on_a_phone_the_facets_sit_in_a_closed_disclosure(chromium, example_site_url):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{example_site_url}/praxisfinder/")
    page.wait_for_function(UPDATED)
    facets = page.locator("[data-facets]")
    assert facets.get_attribute("open") is None
    assert page.locator("#pf-thema-hassrede").is_hidden()
    page.locator("[data-facets] > summary").click()
    assert page.locator("#pf-thema-hassrede").is_visible()
    page.close()


def test_without_words_the_finder_loads_no_search_engine(chromium, example_site_url):
    """Facets, counts and the newest entries come from the build's table; a result line from
    its fragment. The engine (script, WebAssembly, index) loads only for words."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{example_site_url}/praxisfinder/?thema=hassrede")
    page.wait_for_function(UPDATED)
    before = page.url
    page.locator("#pf-sort").select_option("titel")
    settle(page, before)
    search = [u for u in requested if "/pagefind/" in u]
    assert search and all("/pagefind/fragment/" in u for u in search), search
    assert len(search) <= len(entries_with("topics", "hassrede"))
    assert any(u.endswith("/suche/eintraege.json") for u in requested)
    # Words load the engine; the result lines still show title, facts and summary.
    before = page.url
    page.fill("#pf-q", "Schule")
    page.locator("#pf-q").press("Enter")
    settle(page, before)
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested)
    first = page.locator("[data-praxisfinder] [data-results] > li").first
    assert first.locator(".praxis-finder__meta").inner_text()
    context.close()


def test_with_words_the_counts_say_what_a_value_would_give(finder_tab, example_site_url):
    page = open_finder(finder_tab, example_site_url, "?q=Rassismus&thema=hassrede")
    found = total(page)
    assert found > 0
    kinds = [box.get_attribute("value") for box in page.locator("[data-facet=art] input").all()]
    assert sum(count_of(page, "art", kind) for kind in kinds) == found
    # The chosen value's own count is its results with the words and the other facets.
    assert count_of(page, "thema", "hassrede") == found
    # Each offered value of another facet gives exactly as many results as its count says.
    offered = [
        box.get_attribute("value")
        for box in page.locator("[data-facet=land] input:not(:disabled)").all()
    ]
    assert offered
    value = offered[0]
    expected = count_of(page, "land", value)
    before = page.url
    page.locator(f"#pf-land-{value}").check()
    settle(page, before)
    assert total(page) == expected
    assert set(result_ids(page)) <= entries_with("municipality.state", value)


def test_a_very_long_query_wraps_on_a_phone_instead_of_widening_the_page(
    chromium, example_site_url
):
    word = "Antidiskriminierungsberatungsstellenvernetzungsinitiativenfoerderprogrammrichtlinie"
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{example_site_url}/praxisfinder/?q={word}")
    page.wait_for_function(UPDATED)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
