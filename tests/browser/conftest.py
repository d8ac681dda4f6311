"""The built site in a real browser: one strict build and one Chromium for the whole session.

Every page opened through the `visit` fixture runs behind a request guard: a request to any
host other than the local test server is recorded and blocked, and the test fails at teardown.
The figures (pages and states checked, axe violations, requests) are printed at the end of the
run (tests/browser_tally.py), so a reviewer sees what "accessible and private" was measured on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser_tally import TALLY
from conftest import LoopbackServer
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
    POLICY_LISTENER,
    REPO,
    Visit,
    load_fresh,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Route


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
    server = LoopbackServer(("127.0.0.1", 0), handler)
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


class Tab:
    """One browser tab that the tests' visits share, one after another.

    Opening a page in a fresh context starts a renderer process, which costs about 0.7 s of CPU
    (measured: 16 visits took 17.5 s of CPU in fresh contexts, 6.3 s in one tab). A visit in
    this tab starts as a fresh one would: the site's local storage is cleared (no stored
    palette), the colour scheme, media and viewport are set anew, and the HTTP cache
    plays no part (request interception switches it off). A tab whose page was closed, or that
    a test left on another address, is replaced by a new one."""

    def __init__(self, chromium: Browser, site_url: str) -> None:
        self.site_url = site_url
        self.context = chromium.new_context(locale="de-DE", viewport=DESKTOP)
        self.context.add_init_script(POLICY_LISTENER)
        self.context.route("**/*", self._route)
        self.current: Visit | None = None
        self.between = Visit(None)  # type: ignore[arg-type]
        self._page: Page | None = None

    def _route(self, route: Route) -> None:
        # Between two tests the page left behind may still ask for a file (a lazy image, a
        # resize reacting to the next viewport). Aborting that would log a console error that
        # arrives during the next visit and fails a test that did nothing wrong; so a local
        # request goes through, and a foreign one is blocked and kept for the next check.
        _guard(self.site_url, self.current or self.between, route)

    def _on_console(self, message: ConsoleMessage) -> None:
        if self.current is not None:
            _console_error(self.current, message)

    def _on_pageerror(self, error: object) -> None:
        if self.current is not None:
            self.current.page_errors.append(str(error))

    def page(self) -> Page:
        if self._page is None or self._page.is_closed():
            self._page = self.context.new_page()
            self._page.on("console", self._on_console)
            self._page.on("pageerror", self._on_pageerror)
        return self._page

    def open(self, visit: Visit, url: str, scheme: str, viewport: dict[str, int], wait: str):
        page = visit.page
        # The visit owns the tab before the media and viewport change, so whatever the page
        # left behind does in reaction counts towards (and is checked with) this visit.
        self.current = visit
        page.emulate_media(
            media="null", color_scheme=scheme, reduced_motion="null", forced_colors="null"
        )
        page.set_viewport_size(viewport)
        load_fresh(page, url, wait)

    def stray_foreign(self) -> list[str]:
        """Foreign requests the tab blocked between two visits (reported with the next test)."""
        stray, self.between.foreign, self.between.local = self.between.foreign, [], []
        return stray

    def leave(self) -> None:
        """After a test: a page left on another address is given up."""
        page, self.current = self._page, None
        if page is not None and not page.is_closed() and not page.url.startswith(self.site_url):
            page.close()


@pytest.fixture(scope="session")
def tab(chromium: Browser, site_url: str) -> Iterator[Tab]:
    shared = Tab(chromium, site_url)
    yield shared
    shared.context.close()


def _guard(site_url: str, visit: Visit, route: Route) -> None:
    url = route.request.url
    if url == site_url or url.startswith(site_url + "/") or url.startswith(LOCAL_SCHEMES):
        visit.local.append(url)
        route.continue_()
    else:
        visit.foreign.append(url)
        route.abort("blockedbyclient")


@pytest.fixture
def visit(chromium: Browser, site_url: str, tab: Tab) -> Iterator[Callable[..., Visit]]:
    """Open a path of the site as in a fresh browser (no stored palette, no cache).

    Every visit runs under the site's Content-Security-Policy with a listener set before the
    page's own scripts: at the end of the test a policy violation, an uncaught exception or a
    console error on any page it opened fails the test, as a request to another host does. So
    every page type, in every state the browser tests bring it into, is also a policy test.

    Visits share one tab (`Tab`); a visit without JavaScript gets a context of its own. A test
    that opens a second page has the first one checked before the tab moves on."""
    visits: list[Visit] = []
    broken: list[str] = []
    checked: set[int] = set()
    own_contexts = []

    def check(opened: Visit) -> None:
        """Each visit is checked once: when the tab moves on, or at the end of the test."""
        if id(opened) not in checked:
            checked.add(id(opened))
            broken.extend(_policy_problems(site_url, opened))

    def open_page(
        path: str,
        *,
        scheme: str = "light",
        viewport: dict[str, int] = DESKTOP,
        wait_until: str = "load",
        javascript: bool = True,
    ) -> Visit:
        url = f"{site_url}/{path}"
        if javascript:
            page = tab.page()
            for earlier in visits:
                if earlier.page is page:
                    check(earlier)
            opened = Visit(page)
            visits.append(opened)
            tab.open(opened, url, scheme, viewport, wait_until)
            return opened
        context = chromium.new_context(
            color_scheme=scheme, viewport=viewport, locale="de-DE", java_script_enabled=False
        )
        own_contexts.append(context)
        page = context.new_page()
        opened = Visit(page)
        visits.append(opened)
        context.route("**/*", functools.partial(_guard, site_url, opened))
        page.on("console", functools.partial(_console_error, opened))
        page.goto(url, wait_until=wait_until)  # type: ignore[arg-type]
        return opened

    yield open_page
    for opened in visits:
        check(opened)
    tab.leave()
    for context in own_contexts:
        context.close()
    foreign = [url for opened in visits for url in opened.foreign] + tab.stray_foreign()
    TALLY.requests += sum(len(opened.local) for opened in visits)
    TALLY.policy_pages += len(visits)
    TALLY.foreign += foreign
    assert foreign == [], "Anfragen an fremde Hosts:\n" + "\n".join(foreign)
    assert broken == [], "Unter der Content-Security-Policy:\n" + "\n".join(broken)


def _console_error(opened: Visit, message: ConsoleMessage) -> None:
    # The 404 page is served with status 404, which Chromium reports as a console error.
    if message.type == "error" and not (
        "status of 404" in message.text and message.location.get("url") == opened.page.url
    ):
        opened.console_errors.append(message.text)


def _policy_problems(site_url: str, opened: Visit) -> list[str]:
    """What went wrong on one visited page: policy violations, exceptions, console errors, and
    Material's scripts (files under the policy) not having run."""
    page = opened.page
    where = page.url
    problems = [f"{where}: Fehler in der Konsole: {text}" for text in opened.console_errors]
    problems += [f"{where}: Ausnahme: {text}" for text in opened.page_errors]
    if page.is_closed() or not where.startswith(site_url + "/"):
        return problems
    from playwright.sync_api import Error as PlaywrightError

    try:
        found = page.evaluate(
            "() => [window.__csp || null, window.__md_scope ? window.__md_scope.pathname : null]"
        )
    except PlaywrightError:  # the test sent the page elsewhere and it is still leaving
        return problems
    if found[0] is None:  # JavaScript off: nothing can run, so nothing can break the policy
        return problems
    violations, scope = found
    problems += [f"{where}: Verstoß gegen die Richtlinie: {v}" for v in violations]
    if scope != "/":  # Material's scripts ran and keep their storage for the whole site
        problems.append(f"{where}: Materials Skripte sind nicht gelaufen (__md_scope: {scope})")
    return problems
