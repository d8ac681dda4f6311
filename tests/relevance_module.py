"""bench/relevance.py as a module for the tests of the judged search queries."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def load_relevance() -> ModuleType:
    """Load the benchmark script once; it adds its own folder to sys.path, which is undone."""
    saved = list(sys.path)
    try:
        spec = importlib.util.spec_from_file_location(
            "bench_relevance", REPO / "bench" / "relevance.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path[:] = saved
