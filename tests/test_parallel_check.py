"""A check spread over several processes reports exactly what a single process reports.

`praxis check` reads large corpora in forked workers that send back slimmed entries; the rules
over all entries then run on those. If a slimmed entry lacked something a rule reads, problems
would silently go missing, so this compares both ways of reading on a corpus full of mistakes.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from praxis import corpus
from praxis.corpus import load_corpus
from praxis.synthetic import write_corpus

TODAY = dt.date(2026, 6, 1)


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{path.name}: {pattern!r} not found"
    path.write_text(changed, encoding="utf-8")


@pytest.fixture
def flawed_root(content_root: Path) -> Path:
    """60 synthetic entries, six of them with mistakes only visible after reading them all."""
    files = write_corpus(content_root, 60, seed=3, today=TODAY)
    with_related = [p for p in files if "\nrelated: [" in p.read_text(encoding="utf-8")]
    draft, pointing_to_draft, dangling, stale, bad_term, duplicated = with_related[:6]
    _edit(draft, r"^title:", "draft: true\ntitle:")
    _edit(pointing_to_draft, r"^related: \[.*\]$", f"related: [{draft.stem}]")
    _edit(dangling, r"^related: \[.*\]$", "related: [gibt-es-nicht]")
    _edit(stale, r"^reviewed: .*$", "reviewed: 2021-02-03")
    _edit(bad_term, r"^modules: \[", "modules: [modul-9, ")
    twin_folder = "practices" if duplicated.parent.name != "practices" else "content/trainings"
    shutil.copy(duplicated, content_root / twin_folder / duplicated.name)
    return content_root


def _record_readers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Log the process id of every file read; forked workers inherit the patch."""
    original = corpus.read_entry

    def reading(*args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(corpus, "read_entry", reading)


def test_workers_report_the_same_problems_as_one_process(
    flawed_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 10)
    alone = load_corpus(flawed_root, today=TODAY, workers=1)
    readers = tmp_path / "readers.log"
    _record_readers(monkeypatch, readers)
    together = load_corpus(flawed_root, today=TODAY, workers=2, problems_only=True)

    pids = set(readers.read_text(encoding="utf-8").split())
    assert pids and str(os.getpid()) not in pids, "the check did not run in workers"
    assert [p.text() for p in together.problems] == [p.text() for p in alone.problems]
    assert {p.rule for p in alone.problems} >= {
        "related-target",
        "review-due",
        "vocabulary-term",
        "id-unique",
    }
    assert [e.id for e in together.entries] == [e.id for e in alone.entries]


def test_a_check_keeps_the_same_slim_entries_in_one_process_as_in_many(
    flawed_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rule that read more than the slim entries hold must fail in small tests too, not only
    # on corpora large enough for workers.
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 10)
    one = load_corpus(flawed_root, today=TODAY, workers=1, problems_only=True)
    many = load_corpus(flawed_root, today=TODAY, workers=2, problems_only=True)
    assert [(e.id, e.fields, e.lines, e.body) for e in one.entries] == [
        (e.id, e.fields, e.lines, e.body) for e in many.entries
    ]
    assert all(not e.body and "title" not in e.fields for e in one.entries)


def test_the_number_of_workers_can_be_pinned_for_comparable_benchmarks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRAXIS_WORKERS", "2")
    assert corpus.default_workers() == 2
    for ignored in ("0", "zwei", ""):
        monkeypatch.setenv("PRAXIS_WORKERS", ignored)
        assert 1 <= corpus.default_workers() <= 8


def test_reading_leaves_the_cycle_collector_as_it_found_it(flawed_root: Path) -> None:
    assert gc.isenabled()
    load_corpus(flawed_root, today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        load_corpus(flawed_root, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
