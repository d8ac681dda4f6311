"""The built site in a real browser: one strict build and one Chromium for the whole session.

Every page opened through the `visit` fixture runs behind a request guard: a request to any
host other than the local test server is recorded and blocked, and the test fails at teardown.
The figures (pages and states checked, axe violations, requests) are printed at the end of the
run, so a reviewer sees what "accessible and private" was measured on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from praxis.corpus import load_corpus
from praxis.editions import PUBLIC, edition_types
from praxis.municipalities import directory
from praxis.taxonomy import build_index
from site_build import built_site

from .browser_pages import (
    DESKTOP,
    GUIDE_PAGES,
    HAND_WRITTEN,
    LOCAL_SCHEMES,
    REPO,
    TALLY,
    Visit,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.requests:
        return
    terminalreporter.write_sep("-", "Barrierefreiheit und Datenschutz im Browser")
    terminalreporter.write_line(
        f"axe-core {TALLY.axe_version} (WCAG 2.0/2.1 A und AA): "
        f"{len(TALLY.axe_runs)} Seiten-Zustände geprüft, "
        f"{TALLY.violations} Verstöße"
    )
    terminalreporter.write_line(
        f"Anfragen: {TALLY.requests} an den lokalen Server, "
        f"{len(TALLY.foreign)} an fremde Hosts"
        + (": " + ", ".join(sorted(set(TALLY.foreign))[:10]) if TALLY.foreign else "")
    )


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a web server would: a missing page gets 404.html and 404."""

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or self.command != "GET" or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return built_site()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def page_paths(site_dir: Path) -> dict[str, str]:
    """Page type → the path of one real page of that type in the shipped example content.

    Entries: the longest of each type (most markup to check). Term pages: the term with the
    most entries, so the page shows a real list."""
    corpus = load_corpus(REPO).for_edition(PUBLIC)  # the public site (internal: own tests)
    published = [e for e in corpus.entries if not e.draft]
    index = build_index(published, corpus.vocabularies)
    paths = {"start": "", "praxisfinder": "praxisfinder/", "404": "gibt-es-nicht/unterseite/"}
    for content_type in edition_types(PUBLIC):
        paths[f"liste-{content_type.url_path}"] = f"{content_type.url_path}/"
        of_type = [e for e in published if e.type is content_type]
        if of_type:
            longest = max(of_type, key=lambda e: (len(e.body), e.id))
            paths[f"eintrag-{content_type.key}"] = longest.url_path
    for taxonomy in (t for t in index.taxonomies if t.has_pages):
        paths[f"uebersicht-{taxonomy.path}"] = f"{taxonomy.path}/"
        top = max(taxonomy.vocabulary.terms, key=lambda t: index.count(taxonomy, t))
        paths[f"begriff-{taxonomy.path}"] = f"{taxonomy.path}/{top.id}/"
    for name in (*HAND_WRITTEN, *GUIDE_PAGES):
        paths[name] = f"{name}/"
    paths["daten"] = "daten/"
    paths["statistik"] = "statistik/"
    for content_type in edition_types(PUBLIC):
        mine = [e for e in published if e.type is content_type]
        if content_type.regions and mine:  # the Land served by the most centres
            lands = [land for e in mine for land in e.fields.get(content_type.regions) or ()]
            if lands:
                busiest = max(sorted(set(lands)), key=lands.count)
                paths[f"land-{content_type.url_path}"] = f"{content_type.url_path}/{busiest}/"
        if content_type.directory:
            places = directory(published, mine)
            plain = next((p for p in places if p.profile is None), None)
            if plain is not None:
                paths[f"ort-{content_type.url_path}"] = plain.path
                state = plain.state or "ohne-bundesland"
                paths[f"verzeichnis-{content_type.url_path}"] = (
                    f"{content_type.url_path}/bundesland/{state}/"
                )
    return paths


def _guard(site_url: str, visit: Visit, route: Route) -> None:
    url = route.request.url
    if url == site_url or url.startswith(site_url + "/") or url.startswith(LOCAL_SCHEMES):
        visit.local.append(url)
        route.continue_()
    else:
        visit.foreign.append(url)
        route.abort("blockedbyclient")


@pytest.fixture
def visit(chromium: Browser, site_url: str) -> Iterator[Callable[..., Visit]]:
    """Open a path of the site in a fresh context (no stored palette, no cache)."""
    visits: list[Visit] = []

    def open_page(
        path: str,
        *,
        scheme: str = "light",
        viewport: dict[str, int] = DESKTOP,
        wait_until: str = "load",
        javascript: bool = True,
    ) -> Visit:
        context = chromium.new_context(
            color_scheme=scheme, viewport=viewport, locale="de-DE", java_script_enabled=javascript
        )
        page = context.new_page()
        opened = Visit(page)
        visits.append(opened)
        context.route("**/*", functools.partial(_guard, site_url, opened))
        page.goto(f"{site_url}/{path}", wait_until=wait_until)
        return opened

    yield open_page
    for opened in visits:
        opened.page.context.close()
    foreign = [url for opened in visits for url in opened.foreign]
    TALLY.requests += sum(len(opened.local) for opened in visits)
    TALLY.foreign += foreign
    assert foreign == [], "Anfragen an fremde Hosts:\n" + "\n".join(foreign)
