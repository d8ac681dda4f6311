"""Fast preview and build progress.

- Under `mkdocs serve --dirty`, saving one entry rebuilds that entry's page, not every generated
  page (the live preview at 1,000 entries went from about 10 s to under 2 s).
- Long builds say how far they are, once per 1,000 pages; small builds stay quiet.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from praxis.editor_docs import site_files
from praxis.progress import Progress
from praxis.synthetic import copy_vocabularies, write_corpus
from praxis.vocabulary import load_vocabularies
from site_build import search_documents

REPO = Path(__file__).resolve().parent.parent


def test_progress_reports_every_thousand_pages_of_a_long_build() -> None:
    lines: list[str] = []
    progress = Progress(2500, lines.append, clock=lambda: 0.0)
    for _ in range(2500):
        progress.step()
    assert lines == [
        "praxis: 1.000 von 2.500 Seiten geschrieben (0 s)",
        "praxis: 2.000 von 2.500 Seiten geschrieben (0 s)",
    ]


def test_progress_is_silent_for_small_builds() -> None:
    lines: list[str] = []
    progress = Progress(1000, lines.append)
    for _ in range(1000):
        progress.step()
    assert lines == []


def _project(tmp_path: Path, count: int) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    copy_vocabularies(REPO, project)
    write_corpus(project, count, seed=1, today=dt.date(2026, 6, 1))
    return project


def _hand_written_output(docs: Path) -> set[str]:
    """The HTML files written from docs/: a dirty build may write them again (MkDocs compares
    their sources' times); they are not generated from entries."""
    found = {"404.html"}
    for source in docs.rglob("*.md"):
        stem = source.relative_to(docs).with_suffix("").as_posix()
        found.add("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
    return found


def _html_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


@pytest.mark.slow
def test_dirty_rebuild_renders_only_the_edited_entry(tmp_path: Path) -> None:
    project = _project(tmp_path, 15)
    site = tmp_path / "site"
    entry = sorted((project / "practices").glob("*.md"))[0]
    page = f"praxisbeispiele/{entry.stem}/index.html"

    def dirty_build() -> None:  # what `mkdocs serve --dirty` does on every change
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        build(config, dirty=True)

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        dirty_build()
        before = _html_times(site)
        entry.write_text(entry.read_text(encoding="utf-8") + "\nNeu ergänzter Absatz.\n", "utf-8")
        dirty_build()
        after = _html_times(site)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # plugins outlive this test
    rebuilt = {path for path, time in after.items() if before.get(path) != time}
    # Every generated page (entries, lists, overviews and term pages of every taxonomy, the
    # Praxisfinder, the guide) must stay as it was; only the edited entry is written again.
    # The editors' guide (three pages made from the schema and the rule catalogue, not from
    # entries) is written again on every dirty build; it is named here so nothing else can be.
    guide = {f"{uri.removesuffix('.md')}/index.html" for uri in site_files(load_vocabularies(
        project)[0]) if uri.endswith(".md")}  # fmt: skip
    # The open-data page (made from the vocabularies and the count of entries) likewise.
    guide |= {"daten/index.html"}
    # The editor's page (/redaktion/, a file made from the type table, not from entries) too.
    guide |= {"redaktion/index.html"}
    generated = set(after) - _hand_written_output(project / "docs") - guide
    assert len(generated) > 60 and any(p.startswith("bundeslaender/") for p in generated)
    assert rebuilt & generated == {page}
    assert "Neu ergänzter Absatz." in (site / page).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_preview_rebuild_ends_before_its_search_index_which_follows_by_itself(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path, 15)
    site = tmp_path / "site"
    entry = sorted((project / "practices").glob("*.md"))[0]
    temporary = tmp_path / "tmp"
    temporary.mkdir()

    def dirty_build() -> None:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        dirty_build()  # the first build of a preview has its index at once
        assert "Zauberwortfinder" not in _indexed_words(site)
        entry.write_text(entry.read_text("utf-8") + "\nEin Zauberwortfinder.\n", "utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TMPDIR", str(temporary))
            tempfile.tempdir = None  # read TMPDIR again
            dirty_build()
            tempfile.tempdir = None
        deadline = time.monotonic() + 120
        while "Zauberwortfinder" not in _indexed_words(site):
            assert time.monotonic() < deadline, "the preview's index was never rebuilt"
            time.sleep(0.2)
    finally:
        config.plugins.on_shutdown()
        config.plugins.on_startup(command="build", dirty=False)  # plugins outlive this test
    assert list(temporary.iterdir()) == []  # the index process left nothing behind


def _indexed_words(site: Path) -> str:
    """Every word Pagefind stored for the site's pages (its fragments' contents)."""
    try:
        return " ".join(doc.get("content", "") for doc in search_documents(site).values())
    except (OSError, ValueError):  # the index is being written
        return ""
