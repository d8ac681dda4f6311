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

QUERIES = 4  # typed into each site's search (make bench: 20)
SITE_METRICS = (
    "seconds",
    "peak_rss_mb",
    "pages",
    "site_bytes",
    "largest_html_bytes",
    "median_html_bytes",
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
            "--queries",
            str(QUERIES),
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
    # Only the baseline has Material's search (lunr); ours has Pagefind instead.
    lunr = size["baseline"]["lunr"]
    assert lunr["first_query_bytes"] > lunr["js_gzip_bytes"] > 0
    assert size["ours"]["lunr"] == {"available": False}
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


def test_search_speed_is_measured_for_ours_and_material(results: tuple[dict, str]) -> None:
    data, table = results
    search = data["sizes"][0]["search"]
    # Chromium and Playwright come with the test set-up: missing means a broken one, never a skip.
    assert search["available"], search["reason"]
    ours, material = search["ours"], search["material"]
    assert ours["bundle"]["pagefind_files"] > 0 and ours["bundle"]["suche_bytes"] > 0
    paths = [p["path"] for p in ours["before_typing"]["pages"]]
    assert paths[0] == "/" and paths[1].startswith("/praxisbeispiele/")
    assert ours["before_typing"]["search_bytes"] is not None
    for part in ("first_query_facet", "finder_initial"):
        assert ours[part]["bytes"] > ours[part]["search_bytes"] > 0, part
    assert ours["finder_initial"]["results_shown"] > 0
    assert material["first_query"]["bytes"] > material["first_query"]["search_bytes"] > 0
    assert material["before_typing"]["search_bytes"] > 0  # lunr's index comes with the page
    for latency in (ours["header_latency"], material["header_latency"]):
        assert len(latency["queries"]) == len(search["typed_queries"]) == QUERIES
        assert 0 < latency["median_ms"] <= latency["max_ms"]
    assert ours["facet_latency"]["toggles"] and ours["facet_latency"]["median_ms"] > 0
    assert "results after last key, median" in table and "facet change, median" in table
