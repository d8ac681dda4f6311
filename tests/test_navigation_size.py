"""Entries never enter the navigation: its markup is the same with 20 and with 80 entries.

MkDocs renders the whole navigation into every page. With entries listed there, 500 entries made
105 MB of HTML (FACTS.md); taxonomy and list pages lead to entries instead. If anyone adds entries
to the navigation, every page grows with the corpus and this test fails.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.synthetic import copy_vocabularies, write_corpus

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary[ "]')
TODAY = dt.date(2026, 6, 1)


def _build(tmp_path: Path, count: int) -> Path:
    project = tmp_path / f"n{count}"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    copy_vocabularies(REPO, project)
    write_corpus(project, count, seed=1, today=TODAY)
    site = project / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return site


def primary_nav(html: str) -> str:
    """The `<nav class="md-nav md-nav--primary">` element with everything nested in it."""
    match = PRIMARY_NAV.search(html)
    assert match, "no primary navigation found"
    depth, position = 0, match.start()
    for tag in re.finditer(r"<(/?)nav\b", html[position:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.index(">", position + tag.end()) + 1
            return html[position:end]
    raise AssertionError("unclosed navigation")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("navigation")
    return _build(tmp_path, 20), _build(tmp_path, 80)


def _entry_pages(site: Path) -> set[str]:
    return {
        p.parent.relative_to(site).as_posix() for p in site.glob("praxisbeispiele/*/index.html")
    }


def test_start_page_navigation_does_not_grow_with_entries(sites: tuple[Path, Path]) -> None:
    small, large = sites
    nav_small = primary_nav((small / "index.html").read_text(encoding="utf-8"))
    nav_large = primary_nav((large / "index.html").read_text(encoding="utf-8"))
    assert len(nav_small.encode()) == len(nav_large.encode())
    assert nav_small == nav_large
    assert len(_entry_pages(large)) > len(_entry_pages(small)) > 0


def test_entry_page_navigation_does_not_grow_and_lists_no_entries(
    sites: tuple[Path, Path],
) -> None:
    small, large = sites
    # The first 20 entries of the larger corpus are the smaller corpus (same seed).
    page = sorted(_entry_pages(small))[0]
    nav_small = primary_nav((small / page / "index.html").read_text(encoding="utf-8"))
    nav_large = primary_nav((large / page / "index.html").read_text(encoding="utf-8"))
    assert nav_small == nav_large
    for other in _entry_pages(large):
        assert f"/{other}/" not in nav_large
