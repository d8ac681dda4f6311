"""Measuring tools for the benchmark: one child process, one built site, one search bundle.

Times are wall-clock seconds of a whole child process (interpreter start included, as an editor or
CI sees them). Peak memory is the child's own maximum resident set size, read with `os.wait4`, so
each measurement is independent of the ones before it (`RUSAGE_CHILDREN` would keep the maximum of
all children so far).
"""

from __future__ import annotations

import gzip
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

KB = 1000
MB = 1000 * 1000


@dataclass
class ProcessRun:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str

    def summary(self) -> dict[str, Any]:
        return {"seconds": round(self.seconds, 3), "peak_rss_mb": round(self.peak_rss_mb, 1)}


def run_process(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> ProcessRun:
    """Run one command to its end; its wall time, peak memory, exit code and output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    run = ProcessRun(seconds, usage.ru_maxrss / 1024, process.returncode, text)
    if check and run.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} (in {cwd}) failed with exit code {run.returncode}:\n"
            + text[-4000:]
        )
    return run


def best_of(runs: list[ProcessRun]) -> ProcessRun:
    """The fastest of repeated runs: the least disturbed by whatever else the machine did."""
    return min(runs, key=lambda r: r.seconds)


def taking_turns(
    commands: dict[str, Callable[[], ProcessRun]], repeat: int
) -> dict[str, dict[str, Any]]:
    """Run each command `repeat` times, taking turns (A, B, A, B, …).

    A slow spell of the machine then hits both sides of a ratio alike instead of one block of
    runs. The fastest run of each counts; peak memory is the highest of all runs, and every
    run's time is kept so the spread can be read from the results.
    """
    runs: dict[str, list[ProcessRun]] = {name: [] for name in commands}
    for _ in range(max(1, repeat)):
        for name, command in commands.items():
            runs[name].append(command())
    return {
        name: {
            **best_of(done).summary(),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in done), 1),
            "runs_seconds": [round(r.seconds, 3) for r in done],
        }
        for name, done in runs.items()
    }


def site_stats(site: Path) -> dict[str, Any]:
    """Pages, bytes, and the largest and median HTML page of a built site."""
    total = 0
    html: list[tuple[int, str]] = []
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            size = path.stat().st_size
            total += size
            if name.endswith(".html"):
                html.append((size, path.relative_to(site).as_posix()))
    html.sort()
    largest = html[-1] if html else (0, "")
    return {
        "pages": len(html),
        "site_bytes": total,
        "html_bytes": sum(size for size, _ in html),
        "largest_html_bytes": largest[0],
        "largest_html_page": largest[1],
        "median_html_bytes": int(statistics.median(size for size, _ in html)) if html else 0,
        "pages_over_100kb": sum(1 for size, _ in html if size >= 100 * KB),
    }


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def lunr_transfer(site: Path, languages: tuple[str, ...] = ("de",)) -> dict[str, Any]:
    """What Material's built-in search makes every reader download before the first result.

    The theme fetches `search/search_index.json` on page load and hands it to a web worker, which
    loads lunr and the language's stemmer. Sizes are given raw and gzip-compressed (level 6, what
    a typical web server sends).
    """
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return {"available": False}
    scripts = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    scripts += [lunr / "lunr.stemmer.support.min.js"]
    scripts += [lunr / f"lunr.{lang}.min.js" for lang in languages if lang != "en"]
    scripts = [s for s in scripts if s.is_file()]
    index_gzip = gzip_size(index)
    js_gzip = sum(gzip_size(s) for s in scripts)
    return {
        "available": True,
        "index_bytes": index.stat().st_size,
        "index_gzip_bytes": index_gzip,
        "js_gzip_bytes": js_gzip,
        "first_query_bytes": index_gzip + js_gzip,
    }


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def machine() -> dict[str, Any]:
    """The machine and the versions a figure was measured with."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        import yaml

        libyaml = hasattr(yaml, "CSafeLoader")
    except ImportError:  # pragma: no cover
        libyaml = False
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu or platform.processor(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "pyyaml": _version("pyyaml"),
        "libyaml": libyaml,
        "pagefind": _version("pagefind"),
        "executable": sys.executable,
    }


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
