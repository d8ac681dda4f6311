"""`praxis check --format github|json`: problems where editors and tools look, with exit codes."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pytest

from praxis import cli, corpus
from praxis.cli import main

# The day the check runs on; dates in the fixtures are written relative to it.
TODAY = dt.date(2026, 11, 22)
OLD = dt.date(2023, 10, 5)  # 37 months before TODAY: due for review

GOOD = """\
---
title: "Runder Tisch"
summary: "Verwaltung und Beratung treffen sich monatlich."
modules: [modul-1]
topics: [hassrede]
target_groups: [verwaltung]
published: {published}
municipality:
  name: "Stadt Lindenau"
  type: gemeinde
  state: bayern
---

## Ausgangslage

Die Stadt hat einen Runden Tisch eingerichtet.
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """`praxis check` judges review dates against TODAY, not the day the tests happen to run."""
    monkeypatch.setattr(cli, "load_corpus", functools.partial(corpus.load_corpus, today=TODAY))


def write(root: Path, name: str, text: str) -> Path:
    path = root / "practices" / name
    path.write_text(text, encoding="utf-8")
    return path


def good(published: dt.date | None = None) -> str:
    return GOOD.format(published=(published or TODAY).isoformat())


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), "check", *args])


def test_github_format_prints_one_annotation_per_problem(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good().replace("[hassrede]", "[hasrede]"))
    assert run(content_root, "--format", "github") == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "::error file=practices/runder-tisch.md,line=5,title=vocabulary-term::`hasrede` ist kein "
        "bekannter Begriff für `topics` (Themen). Meinten Sie `hassrede`?"
    ]


def test_github_format_reports_warnings_as_warnings_and_exits_zero(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good(OLD))
    assert run(content_root, "--format", "github") == 0
    assert capsys.readouterr().out.splitlines() == [
        "::warning file=practices/runder-tisch.md,line=7,title=review-due::Zuletzt geprüft am "
        "05.10.2023, vor 37 Monaten (Frist: 24 Monate). Prüfen Sie den Eintrag und tragen Sie "
        "das Datum unter `reviewed` ein."
    ]


def test_github_format_escapes_what_would_break_the_command(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    # A file name with a comma and a message with a percent sign and a colon.
    write(content_root, "a,b.md", good().replace("[hassrede]", "[100%]"))
    assert run(content_root, "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith("::error file=practices/a%2Cb.md,line=") for line in lines)
    assert any("`100%25` ist kein bekannter Begriff" in line for line in lines)
    for line in lines:  # properties end at the first `::` after the command
        properties = line[len("::error ") : line.index("::", 2)]
        assert "%2C" in properties and ":" not in properties.replace("::", "")


def test_github_format_prints_nothing_for_clean_content(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good())
    assert run(content_root, "--format", "github") == 0
    assert capsys.readouterr().out == ""


def test_json_format_is_pure_json_with_every_field(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good().replace("state: bayern", "state: Bayern"))
    write(content_root, "alt.md", good(OLD))
    assert run(content_root, "--format", "json") == 1
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert captured.err == ""  # the text summary never mixes into machine output
    assert rows == [
        {
            "path": "practices/alt.md",
            "line": 7,
            "rule": "review-due",
            "message": "Zuletzt geprüft am 05.10.2023, vor 37 Monaten (Frist: 24 Monate). "
            "Prüfen Sie den Eintrag und tragen Sie das Datum unter `reviewed` ein.",
            "severity": "warning",
        },
        {
            "path": "practices/runder-tisch.md",
            "line": 11,
            "rule": "vocabulary-term",
            "message": "`Bayern` ist kein bekannter Begriff für `state` (Bundesland). "
            "Meinten Sie `bayern`?",
            "severity": "error",
        },
    ]


def test_json_format_of_clean_content_is_an_empty_list(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good())
    assert run(content_root, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_text_format_ends_with_a_summary_on_stderr(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    write(content_root, "runder-tisch.md", good().replace("[modul-1]", "[]"))
    assert run(content_root) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("practices/runder-tisch.md:4: Fehler: ")
    assert captured.err.strip() == "Geprüft: 1 Datei, 1 Fehler, 0 Warnungen."


def test_unknown_format_is_a_usage_error(content_root: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(content_root, "--format", "xml")
    assert exit_info.value.code == 2
    assert "Aufruf fehlerhaft" in capsys.readouterr().err


@pytest.mark.parametrize("form", ["text", "github"])
def test_a_quoted_value_cannot_forge_a_line_or_colour_the_terminal(
    content_root: Path, capsys: pytest.CaptureFixture, form: str
) -> None:
    forged = '"x\\npractices/andere.md:1: Fehler: gefälscht [fake]\\u001b[31m"'
    write(content_root, "runder-tisch.md", good().replace("[hassrede]", f"[hassrede, {forged}]"))
    assert run(content_root, "--format", form) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    lines = [line for line in out.splitlines() if "Fehler" in line or "::error" in line]
    own = ("practices/runder-tisch.md:5: Fehler:", "::error file=practices/runder-tisch.md,line=5")
    assert lines and all(line.startswith(own) for line in lines)
    assert any("\\npractices/andere.md:1: Fehler: gefälscht" in line for line in lines)
