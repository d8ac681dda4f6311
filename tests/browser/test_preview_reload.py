"""The editor's preview (`mkdocs serve`) reloads by itself after a save, under the portal's
Content-Security-Policy: MkDocs' own inline reload script would be blocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_build import copy_project, preview_server

ENTRY = "practices/allianz-gegen-hass-stadt-lindenau.md"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path / "project")
    with preview_server(project) as url:
        yield url, project


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
