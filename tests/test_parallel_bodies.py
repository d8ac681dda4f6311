"""Entry bodies rendered in worker processes: links to their sections are checked as in a serial
build, and the workers leave the page-writing process its core. (That a parallel build writes
the same bytes as a serial one: test_build_integrity.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.bodies import WORKER_NICENESS, ParallelBodies, render_body

REPO = Path(__file__).resolve().parent.parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


ENTRY = "praxisbeispiele/allianz-gegen-hass-stadt-lindenau.md"


def build(
    tmp_path: Path,
    name: str,
    parallel: bool,
    anchor: str = "ziele",
    own_anchor: str = "ziele",
    succeeds: bool = True,
) -> tuple[Path, str]:
    """Build the example site; a docs page and the entry itself link to a section of ENTRY."""
    project = tmp_path / name
    project.mkdir()
    for item in ("mkdocs.yml", "docs", "overrides", "content", "practices"):
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / item)
    config = project / "mkdocs.yml"
    text = (
        config.read_text("utf-8")
        .replace(
            "      review_months: 24\n",
            f"      review_months: 24\n      parallel: {str(parallel).lower()}\n"
            "      parallel_min_entries: 1\n",
        )
        .replace("not_in_nav: |\n", "not_in_nav: |\n  /verweis.md\n")
    )
    config.write_text(text, "utf-8")
    # A hand-written page may link to a section of an entry; MkDocs checks that anchor.
    (project / "docs" / "verweis.md").write_text(
        f"# Verweis\n\nSiehe die [Ziele]({ENTRY}#{anchor}).\n", "utf-8"
    )
    # The validator allows an entry to link to its own sections; MkDocs checks those too.
    with (project / "practices" / Path(ENTRY).name).open("a", encoding="utf-8") as entry:
        entry.write(f"\nMehr dazu unter [Ziele](#{own_anchor}).\n")
    site = tmp_path / f"{name}-site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert (result.returncode == 0) is succeeds, result.stderr
    return site, result.stderr


def test_links_to_a_missing_section_of_an_entry_fail_the_strict_build_in_parallel_too(
    tmp_path: Path,
) -> None:
    # The link to #ziele above passes; one to a section the entry lacks must not.
    _, log = build(tmp_path, "parallel", parallel=True, anchor="gibt-es-nicht", succeeds=False)
    assert "Prozessen umgewandelt" in log
    assert f"den es auf der Seite `{ENTRY}` nicht gibt" in log  # MkDocs' message, in German


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_an_entry_linking_to_a_section_it_lacks_fails_the_strict_build(
    tmp_path: Path, parallel: bool
) -> None:
    _, log = build(tmp_path, "site", parallel, own_anchor="gibt-es-nicht", succeeds=False)
    # The check that starts every build renders such a body and names the line, in German.
    assert "practices/allianz-gegen-hass-stadt-lindenau.md:" in log
    assert "Der Link `#gibt-es-nicht` zeigt auf keinen Abschnitt dieses Eintrags" in log


def test_body_workers_leave_the_page_writing_process_its_core() -> None:
    """A worker lowers its priority once it renders bodies, so on two cores the process writing
    pages is not slowed (5,000 entries: 16.0 s with, 18.0–19.0 s without). Work queued ahead
    of the bodies (the search documents, on the way to Pagefind) keeps the build's priority."""
    # Linux caps niceness at 19; a test run that is already niced still sees the workers lowered.
    base = os.getpriority(os.PRIO_PROCESS, 0)
    expected = min(base + WORKER_NICENESS, 19)
    bodies = ParallelBodies(workers=1)  # one worker: tasks run in the order they were queued
    try:
        before = bodies.pool.apply_async(os.getpriority, (os.PRIO_PROCESS, 0))
        bodies.submit([("a", "# Titel\n\nText"), ("b", "Mehr *Text*")])
        assert "<em>Text</em>" in bodies.get("b").html
        after = bodies.pool.apply_async(os.getpriority, (os.PRIO_PROCESS, 0))
        assert (before.get(timeout=30), after.get(timeout=30)) == (base, expected)
        bodies.submit([("c", "Noch mehr")])  # lowered once, not again
        assert bodies.get("c").html
        again = bodies.pool.apply_async(os.getpriority, (os.PRIO_PROCESS, 0))
        assert again.get(timeout=30) == expected
    finally:
        bodies.close()


def test_workers_render_when_the_system_refuses_a_lower_priority(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(increment: int) -> int:
        raise PermissionError("nice")

    monkeypatch.setattr(os, "nice", refuse)  # the forked workers inherit the refusal
    bodies = ParallelBodies(workers=2)
    bodies.submit([("a", "Noch *Text*")])
    try:
        assert "<em>Text</em>" in bodies.get("a").html
    finally:
        bodies.close()


def test_a_body_offers_the_anchors_mkdocs_would_check_links_against() -> None:
    body = render_body("## Ziele\n\n### Eigener Anker {#anker}\n\nText[^1]\n\n[^1]: Quelle\n")
    assert {"ziele", "anker", "fn:1", "fnref:1"} <= set(body.anchors)
    assert [t["id"] for t in body.toc_tokens] == ["ziele"]
    assert 'id="anker"' in body.html  # kept by the sanitiser, so the anchor exists on the page
    second = render_body("## Vorgehen\n")  # a reused renderer forgets the previous body
    assert second.anchors == ["vorgehen"]
    assert render_body("   \n").anchors == []  # Markdown skips blank texts entirely


def test_a_body_reports_its_links_to_its_own_sections_and_no_others() -> None:
    text = "## Ziele\n\n[oben](#ziele), [fehlt](#fehlt), [Seite](https://example.org/#ziele)\n"
    assert render_body(text).anchor_links == {"ziele": "#ziele", "fehlt": "#fehlt"}
    assert render_body("Kein Verweis\n").anchor_links == {}


def test_bodies_submitted_in_parts_come_back_in_order_with_work_between_them() -> None:
    bodies = ParallelBodies(workers=2)
    try:
        bodies.submit([("a", "Erster *Teil*")])
        between = bodies.pool.apply_async(sum, ([1, 2],))  # the search documents, in the build
        bodies.submit([("b", "Zweiter *Teil*")])
        assert "<em>Teil</em>" in bodies.get("b").html  # waits past the first part
        assert "<em>Teil</em>" in bodies.get("a").html
        assert between.get(timeout=60) == 3
        with pytest.raises(KeyError):
            bodies.get("c")
    finally:
        bodies.close()
