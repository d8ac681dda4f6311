"""The Content-Security-Policy in a real browser: the site's features still work under it, and
script injected into a built page is blocked and reported.

That no page breaks the policy is checked wherever a browser test opens one: the `visit` fixture
(conftest.py) listens for `securitypolicyviolation` events before the page's own scripts run,
and a violation, a console error or an uncaught exception fails the test. The accessibility
tests open every page type in three states that way, the phone menu included.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import serve_directory, url_of
from praxis.output_policy import check_html

from .browser_pages import DESKTOP, POLICY_LISTENER

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Route

pytestmark = [pytest.mark.browser]


@dataclass
class View:
    """One page under the policy, with what went wrong while it ran."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def violations(self) -> list[dict[str, object]]:
        return self.page.evaluate("() => window.__csp")


@contextmanager
def opened(
    chromium: Browser, base_url: str, path: str, viewport: dict[str, int] = DESKTOP
) -> Iterator[View]:
    """Open `path` in a fresh context (no cache, no stored palette) with the listener set."""
    context = chromium.new_context(viewport=viewport, locale="de-DE", color_scheme="light")
    context.add_init_script(POLICY_LISTENER)
    page = context.new_page()
    view = View(page)

    def guard(route: Route) -> None:
        if route.request.url.startswith((base_url + "/", "data:", "blob:")):
            route.continue_()
        else:
            view.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            view.console_errors.append(message.text)

    context.route("**/*", guard)
    page.on("console", on_console)
    page.on("pageerror", lambda error: view.page_errors.append(str(error)))
    try:
        page.goto(f"{base_url}/{path}", wait_until="load")
        yield view
    finally:
        context.close()
    assert view.foreign == [], view.foreign


def assert_clean(view: View, *, not_found: bool = False) -> None:
    """No violation, no console error (bar the 404 status of a missing page), no exception."""
    errors = [text for text in view.console_errors if not (not_found and "status of 404" in text)]
    assert view.violations() == []
    assert errors == []
    assert view.page_errors == []


def test_search_finds_entries_under_the_policy(chromium: Browser, site_url: str) -> None:
    with opened(chromium, site_url, "") as view:
        view.page.locator("#praxis-suche").fill("Rassismus")
        results = view.page.locator("[data-praxis-search] [data-results] a")
        results.first.wait_for()
        assert results.count() > 0
        assert_clean(view)


def test_praxisfinder_filters_under_the_policy(chromium: Browser, site_url: str) -> None:
    with opened(chromium, site_url, "praxisfinder/") as view:
        status = view.page.locator("[data-praxisfinder] [data-status]")
        status.filter(has_text="Ergebnis").wait_for()
        view.page.locator("[data-praxisfinder] [data-results] li").first.wait_for()
        everything = view.page.locator("[data-praxisfinder] [data-results] li").count()
        before = status.inner_text()
        view.page.locator("#pf-art-material").check()
        view.page.wait_for_function(
            "(before) => { const root = document.querySelector('[data-praxisfinder]');"
            " const text = root.querySelector('[data-status]').textContent;"
            " return text !== before && !root.hasAttribute('aria-busy'); }",
            arg=before,
        )
        links = view.page.eval_on_selector_all(
            "[data-praxisfinder] [data-results] a",
            "links => links.map(a => new URL(a.href).pathname)",
        )
        assert 0 < len(links) < everything
        assert all(link.startswith("/materialien/") for link in links)
        assert_clean(view)


def test_palette_toggle_works_and_is_kept_under_the_policy(
    chromium: Browser, site_url: str
) -> None:
    with opened(chromium, site_url, "ueber/") as view:
        page = view.page
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == "default"
        page.locator('label[for="__palette_1"]').click()
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        # The stored choice is applied by the palette script (a file now) on the next page.
        page.goto(f"{site_url}/impressum/", wait_until="load")
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        assert_clean(view)


def test_injected_script_is_blocked_and_reported(
    chromium: Browser, site_dir: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    target = site / "ueber" / "index.html"
    injected = target.read_text("utf-8").replace(
        "</body>",
        '<img src="/nonexistent.png" alt="" onerror="window.__pwned = 1">'
        "<script>window.__pwned2 = 1</script></body>",
        1,
    )
    target.write_text(injected, "utf-8")
    # The build's own check would have stopped this page before it shipped.
    reasons = [p.message for p in check_html(injected, "ueber/index.html")]
    assert any(r.startswith("Ereignis-Attribut onerror an <img>") for r in reasons), reasons
    assert any(r.startswith("Inline-Skript") for r in reasons), reasons
    server = serve_directory(site)
    try:
        with opened(chromium, url_of(server), "ueber/") as view:
            page = view.page
            # Both are reported: the inline script at once, the handler when the image fails.
            page.wait_for_function("() => window.__csp.length >= 2")
            directives = sorted(str(v["directive"]) for v in view.violations())
            assert directives == ["script-src-attr", "script-src-elem"]
            assert page.evaluate("() => [window.__pwned, window.__pwned2]") == [None, None]
            # The image was requested and failed, so its error handler was due.
            assert page.evaluate(
                "() => { const image = document.querySelector('img[src=\"/nonexistent.png\"]');"
                " return image.complete && image.naturalWidth === 0; }"
            )
    finally:
        server.shutdown()
