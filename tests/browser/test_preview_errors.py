"""A broken entry during `mkdocs serve`: the preview shows the German error list in the browser
instead of hanging, and shows the site again by itself once the file is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from praxis.mkdocs_plugin.preview import ERROR_TITLE, build_error_message, error_page
from site_build import copy_project, preview_server

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


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path / "project")
    with preview_server(project, "--dirty") as url:
        yield url, project


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


@pytest.mark.browser
@pytest.mark.slow
def test_the_preview_starts_with_a_broken_entry_and_shows_the_site_once_it_is_fixed(
    chromium, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    entry = project / ENTRY
    good = entry.read_text("utf-8")
    entry.write_text(good.replace("title:", "\ttitle:", 1), "utf-8")
    with preview_server(project, "--dirty") as url:
        page = chromium.new_page()
        try:
            page.goto(url + PAGE)
            page.get_by_role("heading", name=ERROR_TITLE).wait_for()
            assert "Tabulator" in page.locator("main").inner_text()
            entry.write_text(good, "utf-8")
            heading = page.get_by_role("heading", level=1).filter(has_text="Lindenau")
            heading.wait_for(timeout=60_000)  # reloaded by itself
            assert page.get_by_role("heading", name=ERROR_TITLE).count() == 0
        finally:
            page.close()
