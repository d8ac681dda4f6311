"""A broken entry during `mkdocs serve`: the preview shows the German error list in the browser
instead of hanging, and shows the site again by itself once the file is fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from praxis.mkdocs_plugin.preview import ERROR_TITLE, build_error_message, error_page
from site_build import BUILD_ENV, copy_project

ENTRY = "practices/allianz-gegen-hass-stadt-lindenau.md"
PAGE = "praxisbeispiele/allianz-gegen-hass-stadt-lindenau/"


def test_error_page_lists_each_problem_escaped() -> None:
    message = (
        "Die Inhalte enthalten 1 Fehler; die Seite wird nicht gebaut:\n"
        "practices/x.md:3: Fehler: `<script>` ist nicht erlaubt [body-raw-html]"
    )
    page = error_page(message)
    assert f"<h1>{ERROR_TITLE}</h1>" in page
    assert "<code>practices/x.md:3: Fehler: `&lt;script&gt;` ist nicht erlaubt" in page
    assert "<script>" not in page


def test_the_plugins_message_survives_mkdocs_abort() -> None:
    from mkdocs.exceptions import Abort, PluginError

    try:
        try:
            raise PluginError("Die Inhalte enthalten 1 Fehler")
        except PluginError:
            raise Abort("Aborted with a BuildError!") from None
    except Abort as error:
        assert build_error_message(error) == "Die Inhalte enthalten 1 Fehler"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
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


@pytest.mark.browser
@pytest.mark.slow
def test_a_broken_entry_shows_its_errors_and_the_fix_brings_the_page_back(
    chromium, preview
) -> None:
    url, project = preview
    page = chromium.new_page()
    try:
        page.goto(url + PAGE)
        page.get_by_role("heading", level=1).first.wait_for()
        title = page.get_by_role("heading", level=1).first.inner_text()
        entry = project / ENTRY
        good = entry.read_text("utf-8")
        entry.write_text(good.replace("title:", "title: [kaputt", 1), "utf-8")
        error = page.get_by_role("heading", name=ERROR_TITLE)
        error.wait_for(timeout=60_000)  # reloaded by itself
        assert ENTRY in page.locator("main").inner_text()
        assert "Fehler" in page.locator("main").inner_text()
        entry.write_text(good, "utf-8")
        page.get_by_role("heading", name=title, level=1).wait_for(timeout=60_000)
        assert page.get_by_role("heading", name=ERROR_TITLE).count() == 0
    finally:
        page.close()
