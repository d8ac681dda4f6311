"""`make bench` end to end at a tiny size, so the benchmark cannot rot between the runs that matter.

Only the shape of the results is checked, never a timing: this machine's speed is not a property
of the code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

SITE_METRICS = (
    "seconds",
    "peak_rss_mb",
    "pages",
    "site_bytes",
    "largest_html_bytes",
    "median_html_bytes",
    "lunr",
)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    work = tmp_path_factory.mktemp("bench")
    output = work / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--sizes",
            "30",
            "--repeat",
            "1",
            "--build-repeat",
            "2",
            "--preview",
            "30",
            "--preview-rounds",
            "1",
            "--work",
            str(work / "work"),
            "--json",
            str(output),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert not (work / "work" / ".bench-trash").exists()  # replaced output is deleted at the end
    return json.loads(output.read_text(encoding="utf-8")), run.stdout


def test_every_metric_is_reported_for_ours_and_the_baseline(results: tuple[dict, str]) -> None:
    data, _ = results
    (size,) = data["sizes"]
    assert size["entries"] == 30
    for name in ("floor", "check"):
        assert size[name]["seconds"] > 0 and size[name]["peak_rss_mb"] > 0
    for name in ("ours", "baseline"):  # built twice, taking turns; the fastest counts
        assert len(size[name]["runs_seconds"]) == 2
        assert size[name]["seconds"] == min(size[name]["runs_seconds"])
    for site in ("ours", "baseline"):
        assert all(size[site][metric] for metric in SITE_METRICS), site
        assert size[site]["lunr"]["first_query_bytes"] > size[site]["lunr"]["js_gzip_bytes"] > 0
    # Ours generates term and list pages on top of the 30 entries; the baseline has one tags page.
    assert size["ours"]["pages"] > size["baseline"]["pages"] >= 30
    for ratio in ("check_to_floor", "build", "pages", "largest_html", "search_first_query"):
        assert size["ratios"][ratio] > 0


def test_the_machine_the_preview_and_the_goals_are_reported(results: tuple[dict, str]) -> None:
    data, table = results
    assert data["machine"]["cpus"] >= 1 and data["machine"]["mkdocs"]
    assert data["workers"] == 2  # the reference machine's cores, whatever runs the benchmark
    preview = data["preview"]
    for mode in ("serve", "serve_dirty"):
        assert len(preview[mode]["edit_to_page_seconds"]) == 1
    goals = {g["goal"] for g in data["goals"]}
    assert {"praxis check / YAML floor", "build / Material baseline", "peak memory MB"} <= goals
    assert "largest HTML page" in table and "Goals" in table


def test_pagefind_is_evaluated_when_it_is_installed(results: tuple[dict, str]) -> None:
    data, _ = results
    pagefind = data["sizes"][0]["pagefind"]
    # Installed by the test extras: missing means a broken set-up, never a skip.
    assert pagefind["available"], pagefind["reason"]
    assert pagefind["bundle_files"] > 0 and pagefind["index_seconds"] > 0
