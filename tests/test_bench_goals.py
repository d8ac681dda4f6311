"""The benchmark's verdict: which goals a run missed, and when a scheduled run turns red."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setattr(sys, "path", list(sys.path))  # bench/run.py adds its folder
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_strict_runs_fail_only_on_goals_measured_and_missed(bench: ModuleType) -> None:
    # The scheduled CI run uses `--strict`: a slower check must turn it red, while a goal that
    # could not be measured (no baseline built) must not.
    goals = [
        {
            "goal": "praxis check / YAML floor",
            "entries": 5000,
            "value": 1.7,
            "limit": 1.5,
            "met": False,
        },
        {
            "goal": "build / Material baseline",
            "entries": 5000,
            "value": None,
            "limit": 1.0,
            "met": None,
        },
        {"goal": "peak memory MB", "entries": 5000, "value": 460, "limit": 1024, "met": True},
    ]
    assert bench.missed_goals(goals) == ["praxis check / YAML floor at 5000: 1.7 (limit 1.5)"]
    assert bench.missed_goals(goals[1:]) == []


def test_goals_are_judged_at_the_largest_size_and_unmeasured_ratios_are_not_missed(
    bench: ModuleType,
) -> None:
    def size(entries: int, check: float, floor: float | None, build: float | None) -> dict:
        return {
            "entries": entries,
            "check": {"seconds": check, "peak_rss_mb": 50},
            "ratios": {
                "check_to_floor": None if floor is None else check / floor,
                "build": build,
            },
            "ours": {"largest_html_bytes": 56_000, "peak_rss_mb": 460},
        }

    results = {"sizes": [size(1000, 0.3, 0.1, 1.2), size(5000, 0.8, None, None)]}
    verdicts = {g["goal"]: g for g in bench.goals(results)}
    assert {g["entries"] for g in verdicts.values()} == {5000}  # 1,000's 3× and 1.2× not judged
    assert verdicts["praxis check / YAML floor"]["met"] is None
    assert verdicts["build / Material baseline"]["met"] is None
    assert bench.missed_goals(list(verdicts.values())) == []
