"""Shared test helpers: the repository root and a factory for small content trees."""

from __future__ import annotations

import shutil
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def vocabularies() -> dict:
    """The repository's vocabularies, which must load without problems."""
    from praxis.vocabulary import load_vocabularies

    found, problems = load_vocabularies(REPO)
    assert problems == []
    return found


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    """A content tree with the real vocabularies and no entries."""
    shutil.copytree(REPO / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    for folder in ("practices", "content/recommendations", "content/trainings"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    return tmp_path


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LoopbackServer(ThreadingHTTPServer):
    """A test web server that stays quiet when the browser drops a connection it no longer
    needs (a page left while its files were still loading)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_directory(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) in a background thread; returns the server."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = LoopbackServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_of(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (browser downloads are blocked here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium fehlt: `make browser` installiert das Debian-Paket.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def example_site_url():
    """The shipped example content (one build per session, see site_build.py) on loopback."""
    from site_build import built_site

    server = serve_directory(built_site())
    yield url_of(server)
    server.shutdown()


# --- the browser tests' closing figures, over every test process ------------------------------


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A pytest-xdist worker hands its tally to the controller."""
    from browser_tally import TALLY

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["browser_tally"] = TALLY.as_data()


def pytest_testnodedown(node: object, error: object) -> None:
    """The controller adds up what each worker counted (pytest-xdist's hook)."""
    from browser_tally import TALLY

    data = getattr(node, "workeroutput", {}).get("browser_tally")
    if data:
        TALLY.add(data)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from browser_tally import TALLY

    lines = TALLY.summary()
    if lines:
        terminalreporter.write_sep("-", "Barrierefreiheit und Datenschutz im Browser")
        for line in lines:
            terminalreporter.write_line(line)
