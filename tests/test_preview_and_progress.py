"""Fast preview and build progress.

- Under `mkdocs serve --dirty`, saving one entry rebuilds that entry's page, not every generated
  page (the live preview at 1,000 entries went from about 10 s to under 2 s).
- Long builds say how far they are, once per 1,000 pages; small builds stay quiet.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from praxis.progress import Progress
from praxis.synthetic import copy_vocabularies, write_corpus

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
    generated = {
        p
        for p in rebuilt
        if p.split("/")[0]
        in {
            "praxisbeispiele",
            "empfehlungen",
            "materialien",
            "themen",
            "module",
            "zielgruppen",
            "akteure",
        }
    }
    assert generated == {page}
    assert "Neu ergänzter Absatz." in (site / page).read_text(encoding="utf-8")
