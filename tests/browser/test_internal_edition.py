"""The internal edition's own page kinds in a real browser: the "Intern" banner is visible on
every kind, and axe-core finds no WCAG 2.0/2.1 A or AA violation, in the light and the dark
scheme and on a phone with the menu open. Requests to other hosts fail the test as on the public
site."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

from site_build import BUILD_ENV, REPO

from .browser_pages import DESKTOP
from .conftest import SiteHandler
from .test_axe_pages import describe_states, open_menu, violations_in_states, wait_until_ready

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = [pytest.mark.browser]

# One page of each kind only the internal edition has, from the shipped examples.
PAGES = {
    "start": "",
    "liste-gesuche": "gesuche-und-angebote/",
    "eintrag-gesuch": "gesuche-und-angebote/angebot-hospitation-clearingstelle-talheim/",
    "liste-austauschprotokolle": "austauschprotokolle/",
    "eintrag-austauschprotokoll": "austauschprotokolle/protokoll-austauschtreffen-herbst-2026/",
    "interne-seite": "austausch/",
    "praxisfinder": "praxisfinder/",
}


@pytest.fixture(scope="module")
def internal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("intern") / "site"
    env = {**BUILD_ENV, "PRAXIS_AUSGABE": "intern"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    shutil.rmtree(site, ignore_errors=True)


def _local_only(base: str, foreign: list[str], route: Route) -> None:
    url = route.request.url
    if url.startswith((base + "/", "data:", "blob:")) or url == base:
        route.continue_()
    else:
        foreign.append(url)
        route.abort("blockedbyclient")


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_internal_page_kinds_are_marked_and_pass_axe_light_dark_and_on_a_phone(
    chromium: Browser, internal_url: str, kind: str
) -> None:
    context = chromium.new_context(color_scheme="light", viewport=DESKTOP, locale="de-DE")
    foreign: list[str] = []
    context.route("**/*", functools.partial(_local_only, internal_url, foreign))
    try:
        page = context.new_page()
        response = page.goto(f"{internal_url}/{PAGES[kind]}", wait_until="load")
        assert response is not None and response.status == 200
        wait_until_ready(page, kind)
        banner = page.locator(".md-banner .praxis-intern")
        banner.wait_for(state="visible")
        assert banner.inner_text().startswith("Intern")
        if kind.startswith("eintrag-"):  # entries of the internal edition only say so
            page.get_by_role("note").filter(has_text="Nur intern").wait_for(state="visible")

        def prepare(page: Page, state: str) -> None:
            if state == "handy-menue":  # the drawer with the navigation's "Intern" section
                open_menu(page)
                # A page inside the section shows it opened, with "Intern" as the drawer's title.
                drawer = page.locator(
                    ".md-sidebar--primary :is(.md-nav__link, .md-nav__title):visible",
                    has_text="Intern",
                )
                drawer.first.wait_for()
            banner.wait_for(state="visible")

        found = violations_in_states(page, f"intern/{kind}", prepare)
        assert found == {}, describe_states(found)
    finally:
        context.close()
    assert foreign == []
