"""The editor's preview (`mkdocs serve`) reloads by itself after a save, under the portal's
Content-Security-Policy: MkDocs' own inline reload script would be blocked."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_build import BUILD_ENV, copy_project

ENTRY = "practices/allianz-gegen-hass-stadt-lindenau.md"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=BUILD_ENV,
    )
    try:
        for line in server.stderr:  # ready once MkDocs says it serves
            if "Serving on" in line:
                break
        else:
            pytest.fail("mkdocs serve did not start")
        yield f"http://127.0.0.1:{port}/", project
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_reloads_after_a_save_without_policy_violations(chromium, preview) -> None:
    url, project = preview
    page = chromium.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        page.goto(url + "praxisbeispiele/allianz-gegen-hass-stadt-lindenau/")
        page.wait_for_function("() => document.readyState === 'complete'")
        page.evaluate("() => { window.__before_reload = true; }")
        entry = project / ENTRY
        entry.write_text(entry.read_text("utf-8") + "\nEin neuer Satz aus der Vorschau.\n", "utf-8")
        # The page reloads itself: the marker is gone and the new sentence is there.
        page.wait_for_function(
            "() => !window.__before_reload"
            " && document.body.innerText.includes('Ein neuer Satz aus der Vorschau.')",
            timeout=60_000,
        )
        assert violations == []
    finally:
        page.close()
