"""The search field in every page's header: nothing loads before the first keystroke, instant
results come from the portal's index, Enter opens the Praxisfinder with the query."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser]
ANSWERED = """() => {
  const status = document.querySelector('[data-praxis-search] [data-status]');
  const panel = document.querySelector('[data-praxis-search] [data-panel]');
  return status.textContent !== '' && !panel.hidden;
}"""


def test_instant_results_load_the_index_only_after_typing(chromium, example_site_url):
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(f"{example_site_url}/", wait_until="networkidle")
    assert not [p for p in requests if p.startswith(("/pagefind/", "/suche/"))]
    field = page.get_by_role("searchbox", name="Portal durchsuchen")
    field.click()
    field.press_sequentially("Moscheen")
    page.wait_for_function(ANSWERED, polling=20)
    assert any(p.startswith("/pagefind/") for p in requests)
    links = page.locator("[data-praxis-search] [data-results] a")
    assert links.count() >= 1
    first = urlsplit(links.first.get_attribute("href")).path
    assert first.startswith(("/praxisbeispiele/", "/empfehlungen/", "/materialien/"))
    # Arrow down reaches the results, Escape closes them and returns to the field.
    field.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('[data-results]') !== null")
    page.keyboard.press("Escape")
    assert page.locator("[data-praxis-search] [data-panel]").is_hidden()
    assert page.evaluate("document.activeElement.id") == "praxis-suche"
    page.close()


def test_enter_opens_the_praxisfinder_with_the_query(chromium, example_site_url):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{example_site_url}/ueber/")
    field = page.get_by_role("searchbox", name="Portal durchsuchen")
    field.fill("Clearingverfahren")
    field.press("Enter")
    page.wait_for_url("**/praxisfinder/?q=Clearingverfahren")
    page.wait_for_function(
        "() => document.querySelector('[data-praxisfinder] [data-results] a') !== null"
    )
    assert page.locator("#pf-q").input_value() == "Clearingverfahren"
    page.close()


def test_without_javascript_the_header_form_still_leads_to_the_finder(chromium, example_site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{example_site_url}/")
    page.get_by_role("searchbox", name="Portal durchsuchen").fill("Hassrede")
    page.locator("[data-praxis-search]").get_by_role("button", name="Suchen").click()
    page.wait_for_url("**/praxisfinder/?q=Hassrede")
    assert page.locator("[data-noscript] a").count() > 5
    context.close()
