"""`praxis check`: every problem at once, sorted, as `path:line: Fehler: …`, with exit codes."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest

from praxis import cli, corpus
from praxis.cli import main

BAD = Path(__file__).parent / "corpus" / "bad"
# The day the check runs on. The fixtures were reviewed on 2026-02-01: with the real date, their
# review warnings would join the output from 2028-02-01 on.
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """`praxis check` judges review dates against TODAY, not the day the tests happen to run."""
    monkeypatch.setattr(cli, "load_corpus", functools.partial(corpus.load_corpus, today=TODAY))
    return TODAY


def add_case(root: Path, name: str) -> None:
    shutil.copytree(BAD / name, root, dirs_exist_ok=True)


def test_clean_content_exits_zero(content_root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(content_root), "check"]) == 0
    assert "0 Fehler" in capsys.readouterr().err


def test_errors_exit_one_and_are_sorted_by_path_and_line(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    for name in ("vocab-topic-typo", "body-script", "yaml-duplicate-key", "personal-gmail"):
        add_case(content_root, name)
    assert main(["--root", str(content_root), "check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    assert keys == sorted(keys)
    assert all(": Fehler: " in line for line in lines)
    assert lines[0].startswith("practices/body-script.md:25: Fehler: HTML")


def test_single_file_reports_only_that_file(
    content_root: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_case(content_root, "vocab-topic-typo")
    add_case(content_root, "body-script")
    monkeypatch.chdir(content_root)
    assert main(["check", "practices/vocab-topic-typo.md"]) == 1
    out = capsys.readouterr().out
    assert "vocab-topic-typo.md:5" in out
    assert "body-script" not in out


def test_path_outside_the_project_is_a_usage_error(
    content_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(content_root)
    assert main(["check", "../elsewhere.md"]) == 2
    assert "außerhalb des Projektordners" in capsys.readouterr().err


def test_missing_file_and_unknown_option_are_usage_errors(
    content_root: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_root)
    assert main(["check", "practices/gibt-es-nicht.md"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--gibt-es-nicht"])
    assert exit_info.value.code == 2
    assert "Aufruf fehlerhaft" in capsys.readouterr().err


def test_no_project_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(tmp_path), "check"]) == 2
