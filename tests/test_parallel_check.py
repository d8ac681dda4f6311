"""A check spread over several processes reports exactly what a single process reports.

`praxis check` reads large corpora in forked workers that send back slimmed entries; the rules
over all entries then run on those. If a slimmed entry lacked something a rule reads, problems
would silently go missing, so this compares both ways of reading on a corpus full of mistakes.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import shutil
from pathlib import Path

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


def test_workers_report_the_same_problems_as_one_process(
    flawed_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 10)
    alone = load_corpus(flawed_root, today=TODAY, workers=1)
    together = load_corpus(flawed_root, today=TODAY, workers=2, problems_only=True)

    assert all(not e.body for e in together.entries), "the check did not run in workers"
    assert [p.text() for p in together.problems] == [p.text() for p in alone.problems]
    assert {p.rule for p in alone.problems} >= {
        "related-target",
        "review-due",
        "vocabulary-term",
        "id-unique",
    }
    assert [e.id for e in together.entries] == [e.id for e in alone.entries]


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
