"""No test result depends on the day the suite runs.

The tests that run the check (review dates, future dates, templates with today's date) are run
again in a Python whose clock shows another day (tests/tools/timetravel/sitecustomize.py): a test
that reads the real date where it should set one fails here today, not on the day its fixtures
grow old. A leap day far ahead also catches date arithmetic that breaks on 29 February.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TIMETRAVEL = REPO / "tests" / "tools" / "timetravel"
DATE_SENSITIVE = [
    "tests/test_cli.py",
    "tests/test_cli_formats.py",
    "tests/test_review_dates.py",
    "tests/test_bad_corpus.py",
    "tests/test_rule_catalogue.py",
    "tests/test_json_schema.py",
    "tests/test_scaffold.py",
    "tests/test_valid_entries.py",
    "tests/test_editor_docs.py",
    "tests/test_export.py",
    "tests/test_synthetic.py",
    "tests/test_events.py",
    "tests/test_type_table.py",
]
OTHER_DAY = "2040-02-29"


def on_day(day: str, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(TIMETRAVEL), "PRAXIS_TODAY": day}
    return subprocess.run(
        [sys.executable, *command], cwd=REPO, capture_output=True, text=True, env=env, check=False
    )


def test_the_clock_shows_the_other_day_in_every_process() -> None:
    probe = (
        "import datetime, subprocess, sys, yaml\n"
        "child = subprocess.run([sys.executable, '-c', 'import datetime; "
        "print(datetime.date.today())'], capture_output=True, text=True).stdout.strip()\n"
        "print(datetime.date.today(), datetime.datetime.now().date(), child,\n"
        "      isinstance(yaml.safe_load('d: 2025-01-02')['d'], datetime.date))\n"
    )
    result = on_day(OTHER_DAY, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [OTHER_DAY, OTHER_DAY, OTHER_DAY, "True"]


def test_date_sensitive_tests_pass_on_another_day() -> None:
    files = [path for path in DATE_SENSITIVE if (REPO / path).is_file()]
    assert len(files) == len(DATE_SENSITIVE), "a listed test file was renamed: update the list"
    result = on_day(
        OTHER_DAY,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not slow and not browser",
        # reads the shared site build only; building it again here would double the cost
        "--deselect",
        "tests/test_review_dates.py::test_every_entry_page_shows_when_it_was_last_checked",
        *files,
    )
    summary = "\n".join(result.stdout.splitlines()[-25:])
    assert result.returncode == 0, f"Am {OTHER_DAY} schlagen Tests fehl:\n{summary}"
    assert " passed" in summary and "skipped" not in summary, summary
