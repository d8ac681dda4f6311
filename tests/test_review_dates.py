"""Review dates: old entries are reported as warnings (never errors) and every page shows them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from praxis.cli import main
from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.rules.review import DEFAULT_REVIEW_MONTHS, months_between
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
ENTRY = """\
---
title: "Runder Tisch"
summary: "Verwaltung und Beratung treffen sich monatlich."
modules: [modul-1]
topics: [hassrede]
target_groups: [verwaltung]
published: 2020-01-15
{extra}municipality:
  name: "Stadt Lindenau"
  type: gemeinde
  state: bayern
---

## Ausgangslage

Die Stadt hat einen Runden Tisch eingerichtet.
"""


def problems(root: Path, extra: str = "", months: int = DEFAULT_REVIEW_MONTHS):
    (root / "practices" / "runder-tisch.md").write_text(ENTRY.format(extra=extra), "utf-8")
    return load_corpus(root, today=TODAY, review_months=months).problems


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (dt.date(2024, 11, 22), dt.date(2026, 11, 22), 24),
        (dt.date(2024, 11, 23), dt.date(2026, 11, 22), 23),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 0),
        (dt.date(2024, 1, 31), dt.date(2024, 3, 1), 1),
    ],
)
def test_months_are_counted_in_whole_calendar_months(
    earlier: dt.date, later: dt.date, months: int
) -> None:
    assert months_between(earlier, later) == months


def test_default_period_is_24_months() -> None:
    assert DEFAULT_REVIEW_MONTHS == 24


@pytest.mark.parametrize(
    ("reviewed", "warned"),
    [("2024-11-22", True), ("2024-11-23", False), ("2023-01-01", True), ("2026-11-01", False)],
)
def test_old_review_dates_warn_from_the_period_on(
    content_root: Path, reviewed: str, warned: bool
) -> None:
    found = problems(content_root, f"reviewed: {reviewed}\n")
    assert [p.rule for p in found] == (["review-due"] if warned else [])
    assert all(not p.is_error for p in found)
    if warned:
        assert found[0].line == 8  # the `reviewed` line
        assert "Zuletzt geprüft am" in found[0].message


def test_without_review_date_the_publication_date_counts(content_root: Path) -> None:
    (problem,) = problems(content_root)
    assert (problem.rule, problem.line, problem.is_error) == ("review-due", 7, False)
    assert "15.01.2020" in problem.message


def test_period_is_configurable(content_root: Path) -> None:
    assert problems(content_root, "reviewed: 2026-01-01\n", months=12) == []
    assert [p.rule for p in problems(content_root, "reviewed: 2025-10-01\n", months=12)] == [
        "review-due"
    ]


def test_drafts_are_not_reported(content_root: Path) -> None:
    assert problems(content_root, "draft: true\n") == []


def test_future_review_date_is_an_error(content_root: Path) -> None:
    (problem,) = problems(content_root, "reviewed: 2027-01-01\n")
    assert (problem.rule, problem.is_error) == ("date-future", True)


def test_command_line_warns_but_exits_zero(
    content_root: Path, capsys: pytest.CaptureFixture
) -> None:
    (content_root / "practices" / "runder-tisch.md").write_text(ENTRY.format(extra=""), "utf-8")
    assert main(["--root", str(content_root), "check"]) == 0
    captured = capsys.readouterr()
    assert ": Warnung: Zuletzt geprüft am 15.01.2020" in captured.out
    assert "0 Fehler, 1 Warnung." in captured.err
    recent = dt.date.today().replace(day=1).isoformat()
    text = ENTRY.format(extra=f"reviewed: {recent}\n")
    (content_root / "practices" / "runder-tisch.md").write_text(text, "utf-8")
    assert main(["--root", str(content_root), "check", "--review-months", "1000"]) == 0
    assert "0 Warnungen" in capsys.readouterr().err


def test_review_months_must_be_a_number(content_root: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(content_root), "check", "--review-months", "zwei"])
    assert exit_info.value.code == 2


def published_entries() -> list[tuple[str, str, str]]:
    """(url path, expected ISO date, file) for every published public example entry."""
    found = []
    for kind in (t for t in CONTENT_TYPES if not t.internal):
        for path in sorted((REPO / kind.folder).glob("*.md")):
            block = path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)  # strings only, like the validator
            if data.get("draft") == "true" or data.get("visibility") == "intern":
                continue
            checked = data.get("reviewed") or data["published"]
            found.append((f"{kind.url_path}/{path.stem}", checked, path.name))
    return found


def test_every_entry_page_shows_when_it_was_last_checked() -> None:
    site = built_site()
    entries = published_entries()
    assert len(entries) >= 3
    for url_path, iso, name in entries:
        page = (site / url_path / "index.html").read_text("utf-8")
        match = re.search(r'Zuletzt geprüft: <time datetime="([0-9-]+)">([^<]+)</time>', page)
        assert match, name
        assert match.groups() == (iso, f"{dt.date.fromisoformat(iso):%d.%m.%Y}"), name


def test_a_review_before_the_publication_is_a_warning_at_the_review_date(
    content_root: Path,
) -> None:
    found = problems(content_root, "reviewed: 2019-06-01\n")
    order = [p for p in found if p.rule == "date-order"]
    assert [(p.line, p.is_error) for p in order] == [(8, False)]
    assert "01.06.2019" in order[0].message and "15.01.2020" in order[0].message


def test_a_publication_date_in_the_future_is_an_error_even_with_a_review_date(
    content_root: Path,
) -> None:
    text = ENTRY.format(extra="reviewed: 2026-01-01\n").replace("2020-01-15", "2027-01-15")
    (content_root / "practices" / "runder-tisch.md").write_text(text, "utf-8")
    found = load_corpus(content_root, today=TODAY).problems
    assert ("date-future", 7, True) in [(p.rule, p.line, p.is_error) for p in found]


def test_records_of_a_day_ask_for_no_review() -> None:
    """An event or the minutes of a meeting do not go out of date; their age is no warning."""
    from praxis.content_types import CONTENT_TYPE_BY_KEY

    assert not CONTENT_TYPE_BY_KEY["veranstaltung"].review
    assert not CONTENT_TYPE_BY_KEY["austauschprotokoll"].review
    corpus = load_corpus(REPO, today=dt.date(2031, 1, 1))
    due = {p.path.split("/")[1] for p in corpus.problems if p.rule == "review-due"}
    assert "veranstaltungen" not in due and "austauschprotokolle" not in due
    assert "recommendations" in due  # the others still do
