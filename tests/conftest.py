"""Shared test helpers: the repository root and a factory for small content trees."""

from __future__ import annotations

import shutil
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


def serve_directory(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) in a background thread; returns the server."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
