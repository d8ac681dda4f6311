"""The benchmark's verdict: which goals a run missed, and when a scheduled run turns red.

A strict run (the weekly CI measurement) is green only when every goal was measured and met: a
goal that could not be measured (no baseline, a zero reference, a probe that did not run) is a
failed measurement, never a pass.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SEARCH_GOALS = {
    "search data before first keystroke bytes",
    "first query with facet, search bytes",
    "Praxisfinder first load bytes",
    "header search results median ms",
    "facet change median ms",
}
GOAL_NAMES = {
    "praxis check seconds",
    "praxis check / YAML floor",
    "build / Material baseline",
    "largest HTML page bytes",
    "peak memory MB",
    "preview seconds (best mode)",
    *SEARCH_GOALS,
}


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setattr(sys, "path", list(sys.path))  # bench/run.py adds its folder
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def size(entries: int, check: float, floor: float | None, ours: float, base: float | None) -> dict:
    """One size's results in the shape bench_size() writes, with ratios computed by hand."""
    return {
        "entries": entries,
        "check": {"seconds": check, "peak_rss_mb": 50},
        "floor": {"seconds": floor},
        "ours": {"seconds": ours, "largest_html_bytes": 56_000, "peak_rss_mb": 460},
        "ratios": {
            "check_to_floor": round(check / floor, 3) if floor else None,
            "build": round(ours / base, 3) if base else None,
        },
        "search": search(),
    }


def search(median_ms: float = 300.0, before_typing: int = 0) -> dict:
    """search_speed.measure()'s answer, in the parts the goals read."""
    return {
        "available": True,
        "ours": {
            "before_typing": {"search_bytes": before_typing, "search_requests": 0},
            "first_query_facet": {
                "bytes": 250_000,
                "search_bytes": 150_000,
                "search_total_bytes": 200_000,
            },
            "finder_initial": {"bytes": 450_000},
            "header_latency": {"median_ms": median_ms, "max_ms": 700.0},
            "facet_latency": {"median_ms": 90.0, "max_ms": 150.0},
            "bundle": {"bytes": 20_000_000},
        },
        "material": {
            "before_typing": {"search_bytes": 2_000_000},
            "first_query": {"bytes": 2_100_000, "search_bytes": 2_000_000},
            "header_latency": {"median_ms": 150.0, "max_ms": 400.0},
            "bundle": {"bytes": 30_000_000},
        },
    }


PREVIEW = {
    "entries": 1000,
    "serve": {"median_seconds": 2.5},
    "serve_dirty": {"median_seconds": 1.2},
}


def test_a_run_that_measured_and_met_every_goal_passes(bench: ModuleType) -> None:
    results = {"sizes": [size(5000, 0.8, 0.6, 15.0, 16.0)], "preview": PREVIEW}
    verdicts = bench.goals(results)
    assert {g["goal"] for g in verdicts} == GOAL_NAMES
    assert all(g["met"] is True for g in verdicts), verdicts
    assert bench.missed_goals(verdicts) == []


def test_a_missed_goal_fails_a_strict_run(bench: ModuleType) -> None:
    results = {"sizes": [size(5000, 0.9, 0.5, 15.0, 16.0)], "preview": PREVIEW}  # check 1.8x
    assert bench.missed_goals(bench.goals(results)) == [
        "praxis check / YAML floor at 5000: 1.8 (limit 1.5)"
    ]


@pytest.mark.parametrize(
    ("name", "results"),
    [
        ("build / Material baseline", {"sizes": [size(5000, 0.8, 0.6, 15.0, None)]}),
        ("build / Material baseline", {"sizes": [size(5000, 0.8, 0.6, 15.0, 0.0)]}),
        ("praxis check / YAML floor", {"sizes": [size(5000, 0.8, None, 15.0, 16.0)]}),
        ("praxis check / YAML floor", {"sizes": [size(5000, 0.8, 0.0, 15.0, 16.0)]}),
    ],
    ids=["no-baseline", "zero-baseline", "no-floor", "zero-floor"],
)
def test_an_unmeasured_ratio_is_a_failed_measurement(
    bench: ModuleType, name: str, results: dict
) -> None:
    results["preview"] = PREVIEW
    verdicts = {g["goal"]: g for g in bench.goals(results)}
    assert verdicts[name]["met"] is None
    assert bench.missed_goals(list(verdicts.values())) == [
        f"{name} at 5000: not measured (limit {verdicts[name]['limit']})"
    ]


def test_a_goal_whose_probe_did_not_run_is_listed_and_fails(bench: ModuleType) -> None:
    verdicts = {g["goal"]: g for g in bench.goals({"sizes": [size(5000, 0.8, 0.6, 15.0, 16.0)]})}
    assert set(verdicts) == GOAL_NAMES  # no preview measured: the goal is still there
    assert verdicts["preview seconds (best mode)"]["met"] is None
    assert len(bench.missed_goals(list(verdicts.values()))) == 1
    nothing = bench.goals({"sizes": []})
    assert {g["goal"] for g in nothing} == GOAL_NAMES
    assert len(bench.missed_goals(nothing)) == len(GOAL_NAMES)


def test_search_speed_goals_are_judged_and_zero_bytes_is_met(bench: ModuleType) -> None:
    one = size(5000, 0.8, 0.6, 15.0, 16.0)
    one["search"] = search(median_ms=1200.0, before_typing=0)
    verdicts = {g["goal"]: g for g in bench.goals({"sizes": [one], "preview": PREVIEW})}
    assert verdicts["search data before first keystroke bytes"]["met"] is True
    assert bench.missed_goals(list(verdicts.values())) == [
        "header search results median ms at 5000: 1200.0 (limit 1000)"
    ]
    one["search"] = search(before_typing=1)  # one byte of index before typing is a miss
    verdicts = {g["goal"]: g for g in bench.goals({"sizes": [one], "preview": PREVIEW})}
    assert verdicts["search data before first keystroke bytes"]["met"] is False


@pytest.mark.parametrize(
    "skipped",
    [None, {"available": False, "reason": "/usr/bin/chromium fehlt"}],
    ids=["no-search", "no-browser"],
)
def test_search_goals_not_measured_are_failed_measurements(
    bench: ModuleType, skipped: dict | None
) -> None:
    one = size(5000, 0.8, 0.6, 15.0, 16.0)
    one["search"] = skipped
    verdicts = {g["goal"]: g for g in bench.goals({"sizes": [one], "preview": PREVIEW})}
    assert {name for name, g in verdicts.items() if g["met"] is None} == SEARCH_GOALS
    assert len(bench.missed_goals(list(verdicts.values()))) == len(SEARCH_GOALS)


def test_the_search_rows_show_ours_against_material(bench: ModuleType) -> None:
    one = size(5000, 0.8, 0.6, 15.0, 16.0)
    rows = {row[0]: row[1:] for row in bench._search_rows(one)}
    assert rows["search data before 1st keystroke"][:2] == ("0.0 KB", "2.0 MB")
    assert rows["results after last key, median"] == ("300 ms", "150 ms", "2.00×")
    assert rows["facet change, median"][:2] == ("90 ms", "–")
    one["search"] = None
    assert bench._search_rows(one)[0][:2] == ("search speed", "not measured")


def test_goals_are_judged_at_the_largest_size_only(bench: ModuleType) -> None:
    # At 1,000 entries the check takes 3x the floor and the build 1.2x Material: not judged.
    results = {"sizes": [size(1000, 0.3, 0.1, 1.2, 1.0), size(5000, 0.8, 0.6, 15.0, 16.0)]}
    results["preview"] = PREVIEW
    verdicts = [g for g in bench.goals(results) if g["goal"] != "preview seconds (best mode)"]
    assert {g["entries"] for g in verdicts} == {5000}
    assert bench.missed_goals(verdicts) == []


def test_the_ratios_of_a_zero_or_missing_reference_are_not_measured(bench: ModuleType) -> None:
    site = {
        "seconds": 2.0,
        "peak_rss_mb": 100,
        "pages": 10,
        "site_bytes": 1000,
        "largest_html_bytes": 100,
        "median_html_bytes": 50,
        "lunr": {"first_query_bytes": 20},
    }
    zero = {**site, "seconds": 0.0}
    result = {"check": {"seconds": 1.0}, "floor": {"seconds": 0.0}, "ours": site, "baseline": zero}
    ratios = bench.ratios(result)
    assert ratios["check_to_floor"] is None and ratios["build"] is None
    assert ratios["pages"] == 1.0


def test_strict_main_exits_1_when_the_baseline_was_not_measured(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The weekly run end to end, with the measurements replaced: green when everything was
    measured and met, red when a goal could not be measured."""
    measured = {"baseline": 16.0}

    def fake_size(count, args, work, today, trash):
        return size(count, 0.8, 0.6, 15.0, measured["baseline"])

    def fake_preview(count, args, work, today):
        return {**PREVIEW, "entries": count}

    monkeypatch.setattr(bench, "bench_size", fake_size)
    monkeypatch.setattr(bench, "bench_preview", fake_preview)
    monkeypatch.setattr(bench, "report", lambda results: "Bericht")
    argv = ["--sizes", "5000", "--work", str(tmp_path / "w"), "--json", str(tmp_path / "r.json")]
    assert bench.main([*argv, "--strict"]) == 0
    measured["baseline"] = None
    assert bench.main(argv) == 0  # without --strict the table is only a report
    assert bench.main([*argv, "--strict"]) == 1
    assert "build / Material baseline at 5000: not measured" in capsys.readouterr().err
