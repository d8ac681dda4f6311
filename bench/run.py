"""`make bench`: build synthetic corpora of several sizes, ours against bare Material, and report.

For each size this measures, in one run on one machine:

- the bare YAML floor: read, split and `yaml.load(CSafeLoader)` every front matter;
- `praxis check` of all entries;
- the full build as `make site` runs it (`mkdocs build --strict` into a new folder, the old one
  deleted only later; see trash.py), and the same corpus built by bare Material for MkDocs with
  its search and tags plugins (the baseline);
- peak memory, pages, site bytes, the largest and the median HTML page;
- search speed in headless Chromium (search_speed.py), ours against Material's search on the
  baseline site: search data fetched before the first keystroke, bytes of the Praxisfinder's
  first query with a facet and of its first load, time from the last keystroke to the header
  search's results, time of a facet change; and the size of the search bundle on disk;
- once, the live preview: seconds from saving an entry to `mkdocs serve` serving the change.

It prints a table and writes everything as JSON (default `.bench/results.json`). Ratios are
ours / reference: below 1.0 we are faster or smaller.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ProcessRun, lunr_transfer, machine, run_process, site_stats, taking_turns
from probes import preview
from projects import REPO, make_baseline, make_ours
from search_speed import QUERY_COUNT
from search_speed import measure as search_speed
from trash import Trash

from praxis.corpus import WORKERS_VARIABLE, entry_files

BIN = Path(sys.executable).parent
FLOOR_SCRIPT = Path(__file__).resolve().parent / "floor.py"

# The goals, stated for 5,000 entries and judged at the largest size measured.
CHECK_MAX_SECONDS = 2.0
CHECK_MAX_FLOOR_RATIO = 1.5
BUILD_MAX_RATIO = 1.0
PAGE_MAX_BYTES = 100_000
MEMORY_MAX_MB = 1024
PREVIEW_MAX_SECONDS = 3.0
SEARCH_DATA_BEFORE_TYPING_MAX_BYTES = 0
FIRST_QUERY_FACET_MAX_BYTES = 300_000
FINDER_LOAD_MAX_BYTES = 500_000
RESULTS_MAX_MS = 1000
FACET_CHANGE_MAX_MS = 200
# The goals were set for a 2-core machine; more workers would flatter the ratios, because the
# YAML floor and the Material baseline use one core.
REFERENCE_WORKERS = 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    today = args.today or dt.date.today()
    if args.workers:  # every process started below (check, build, preview) inherits this
        os.environ[WORKERS_VARIABLE] = str(args.workers)
    results: dict[str, Any] = {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "seed": args.seed,
        "today": today.isoformat(),
        "repeat": args.repeat,
        "build_repeat": args.build_repeat,
        "workers": args.workers or None,
        "internal_share": args.internal_share,
        "sizes": [],
    }
    trash = Trash(work / ".bench-trash")  # nothing is deleted while builds are timed
    try:
        for count in sizes:
            results["sizes"].append(bench_size(count, args, work, today, trash))
        preview_size = args.preview if args.preview is not None else _default_preview(sizes)
        if preview_size:
            results["preview"] = bench_preview(preview_size, args, work, today)
    finally:
        _say("deleting the replaced sites and corpora")
        trash.empty()
    results["goals"] = goals(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\nJSON: {args.json}")
    missed = missed_goals(results["goals"])
    if args.strict and missed:
        print(f"\nGoals missed or not measured: {'; '.join(missed)}", file=sys.stderr)
        return 1
    return 0


def missed_goals(found: list[dict[str, Any]]) -> list[str]:
    """The goals a strict run fails on: every goal not known to be met. A goal that could not be
    measured (no baseline, a zero reference, a probe that did not run) is a failed measurement,
    never a pass."""
    failed = []
    for g in found:
        if g["met"] is True:
            continue
        value = g["value"] if g["met"] is False else "not measured"
        failed.append(f"{g['goal']} at {g['entries']}: {value} (limit {g['limit']})")
    return failed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,5000", help="entry counts (default 1000,5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="reference date of the synthetic corpus (default: today)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the floor and of praxis check; the fastest counts",
    )
    parser.add_argument(
        "--internal-share",
        type=float,
        default=0.0,
        help="share of internal entries (0.1: every tenth; the public build leaves them out and "
        "audits its output for them; default 0)",
    )
    parser.add_argument("--work", type=Path, default=REPO / ".bench" / "work")
    parser.add_argument("--json", type=Path, default=REPO / ".bench" / "results.json")
    parser.add_argument("--no-baseline", action="store_true", help="skip the Material baseline")
    parser.add_argument(
        "--no-search",
        "--no-pagefind",  # its old name
        dest="no_search",
        action="store_true",
        help="skip the search speed measurement in the browser",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=QUERY_COUNT,
        help=f"queries typed into each site's search for its speed (default {QUERY_COUNT})",
    )
    parser.add_argument(
        "--preview",
        type=int,
        default=None,
        help="entries for the preview measurement (0: skip; default: 1000 if "
        "measured, else the smallest size)",
    )
    parser.add_argument(
        "--preview-rounds", type=int, default=3, help="edits timed per preview mode (default 3)"
    )
    parser.add_argument(
        "--build-repeat",
        type=int,
        default=3,
        help="builds of ours and of the baseline, taking turns; the fastest counts (default 3)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=REFERENCE_WORKERS,
        help=f"processes for praxis check and the build (default {REFERENCE_WORKERS}, the "
        "reference machine's cores, so runs on bigger machines stay comparable; 0: all cores)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when a goal is missed or could not be measured (for scheduled CI "
        "runs)",
    )
    return parser


def _default_preview(sizes: list[int]) -> int:
    return 1000 if 1000 in sizes else min(sizes, default=0)


def _say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_size(
    count: int, args: argparse.Namespace, work: Path, today: dt.date, trash: Trash
) -> dict[str, Any]:
    folder = work / f"n{count}"
    _say(f"{count} entries: generating corpus (seed {args.seed})")
    trash.discard(folder / "ours")
    ours = make_ours(folder / "ours", count, args.seed, today, args.internal_share)
    result: dict[str, Any] = {"entries": count}

    _say(f"{count} entries: YAML floor and praxis check (best of {args.repeat}, taking turns)")
    result.update(
        taking_turns(
            {
                "floor": lambda: run_process(
                    [sys.executable, str(FLOOR_SCRIPT), str(ours)], cwd=ours
                ),
                "check": lambda: run_process(
                    [str(BIN / "praxis"), "--root", str(ours), "check"], cwd=ours
                ),
            },
            args.repeat,
        )
    )

    site, base_site = folder / "ours-site", folder / "baseline-site"

    def build(project: Path, output: Path, *options: str) -> ProcessRun:
        trash.discard(output)  # every build writes a new folder, as `make site` does
        command = [str(BIN / "mkdocs"), "build", *options, "--site-dir", str(output)]
        return run_process(command, cwd=project, env=_env())

    builds = {"ours": lambda: build(ours, site, "--strict")}
    if not args.no_baseline:
        trash.discard(folder / "baseline")
        baseline = make_baseline(ours, folder / "baseline")
        builds["baseline"] = lambda: build(baseline, base_site)
    _say(
        f"{count} entries: building ours (mkdocs build --strict, as make site)"
        + (" and the baseline (bare Material, search + tags)" if not args.no_baseline else "")
        + f", best of {args.build_repeat}, taking turns"
    )
    for name, measured in taking_turns(builds, args.build_repeat).items():
        built = site if name == "ours" else base_site
        result[name] = {**measured, **site_stats(built), "lunr": lunr_transfer(built)}
    if not args.no_search:
        _say(f"{count} entries: search speed in Chromium (ours and Material's search)")
        result["search"] = search_speed(site, None if args.no_baseline else base_site, args.queries)
    result["ratios"] = ratios(result)
    return result


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SITE_URL", None)
    return env


def ratios(result: dict[str, Any]) -> dict[str, float | None]:
    ours, base = result["ours"], result.get("baseline")

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a is not None and b else None

    out = {"check_to_floor": ratio(result["check"]["seconds"], result["floor"]["seconds"])}
    if base:
        out.update(
            {
                "build": ratio(ours["seconds"], base["seconds"]),
                "peak_rss": ratio(ours["peak_rss_mb"], base["peak_rss_mb"]),
                "pages": ratio(ours["pages"], base["pages"]),
                "site_bytes": ratio(ours["site_bytes"], base["site_bytes"]),
                "largest_html": ratio(ours["largest_html_bytes"], base["largest_html_bytes"]),
                "median_html": ratio(ours["median_html_bytes"], base["median_html_bytes"]),
            }
        )
        ours_search, material = _search(result, "ours"), _search(result, "material")
        out.update(
            {
                "search_first_query": ratio(
                    (ours_search.get("first_query_facet") or {}).get("bytes"),
                    (material.get("first_query") or {}).get("bytes"),
                ),
                "search_latency": ratio(
                    (ours_search.get("header_latency") or {}).get("median_ms"),
                    (material.get("header_latency") or {}).get("median_ms"),
                ),
            }
        )
        if base["seconds"] and base["pages"]:
            out["build_per_page"] = ratio(
                ours["seconds"] / ours["pages"], base["seconds"] / base["pages"]
            )
    return out


def _search(result: dict[str, Any], site: str) -> dict[str, Any]:
    """One site's search speed figures ("ours" or "material"); empty when not measured."""
    return (result.get("search") or {}).get(site) or {}


def bench_preview(
    count: int, args: argparse.Namespace, work: Path, today: dt.date
) -> dict[str, Any]:
    folder = work / f"n{count}"
    project = folder / "ours"
    if not project.is_dir():
        project = make_ours(project, count, args.seed, today, args.internal_share)
    content_type, entry = next((t, p) for t, p in entry_files(project) if t.key == "praxisbeispiel")
    url_path = f"{content_type.url_path}/{entry.stem}/"
    result: dict[str, Any] = {"entries": count, "entry": entry.relative_to(project).as_posix()}
    for mode, extra in (("serve", ()), ("serve_dirty", ("--dirty",))):
        _say(f"preview at {count} entries: mkdocs {' '.join(('serve', *extra))}")
        result[mode] = preview(project, entry, url_path, args.preview_rounds, extra)
    return result


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every goal, always: one that could not be measured is listed with `met: None`."""
    found: list[dict[str, Any]] = []

    def goal(name: str, entries: int | None, value: Any, limit: float, strict: bool) -> None:
        """`strict`: the value must stay below the limit; otherwise it may reach it."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            met = None
        else:
            met = value < limit if strict else value <= limit
        found.append({"goal": name, "entries": entries, "value": value, "limit": limit, "met": met})

    # The issue sets its goals for 5,000 entries: they are judged at the largest size measured.
    # Smaller sizes stay in the table; there, fixed costs (start-up, process pool) dominate.
    sizes = sorted(results["sizes"], key=lambda s: s["entries"])[-1:] or [{"entries": None}]
    for size in sizes:
        n = size["entries"]
        check = (size.get("check") or {}).get("seconds")
        ratios_ = size.get("ratios") or {}
        ours = size.get("ours") or {}
        goal("praxis check seconds", n, check, CHECK_MAX_SECONDS, True)
        goal(
            "praxis check / YAML floor",
            n,
            ratios_.get("check_to_floor"),
            CHECK_MAX_FLOOR_RATIO,
            False,
        )
        goal("build / Material baseline", n, ratios_.get("build"), BUILD_MAX_RATIO, False)
        goal("largest HTML page bytes", n, ours.get("largest_html_bytes"), PAGE_MAX_BYTES, True)
        memories = [ours.get("peak_rss_mb"), (size.get("check") or {}).get("peak_rss_mb")]
        memory = None if None in memories else max(memories)
        goal("peak memory MB", n, memory, MEMORY_MAX_MB, True)
        search = _search(size, "ours")
        goal(
            "search data before first keystroke bytes",
            n,
            (search.get("before_typing") or {}).get("search_bytes"),
            SEARCH_DATA_BEFORE_TYPING_MAX_BYTES,
            False,
        )
        goal(
            "first query with facet, search bytes",  # data, engine, scripts and style
            n,
            (search.get("first_query_facet") or {}).get("search_total_bytes"),
            FIRST_QUERY_FACET_MAX_BYTES,
            False,
        )
        goal(
            "Praxisfinder first load bytes",
            n,
            (search.get("finder_initial") or {}).get("bytes"),
            FINDER_LOAD_MAX_BYTES,
            False,
        )
        goal(
            "header search results median ms",
            n,
            (search.get("header_latency") or {}).get("median_ms"),
            RESULTS_MAX_MS,
            False,
        )
        goal(
            "facet change median ms",
            n,
            (search.get("facet_latency") or {}).get("median_ms"),
            FACET_CHANGE_MAX_MS,
            False,
        )
    p = results.get("preview") or {}
    medians = [p[m]["median_seconds"] for m in ("serve", "serve_dirty") if m in p]
    best = min(medians) if medians and None not in medians else None
    goal("preview seconds (best mode)", p.get("entries"), best, PREVIEW_MAX_SECONDS, True)
    return found


# -- report -----------------------------------------------------------------------------------


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def _bytes(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} MB"
    return f"{value / 1000:.1f} KB"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, {m['cpu_model']}, {m['memory_gb']} GB RAM; Python "
        f"{m['python']}, MkDocs {m['mkdocs']}, Material {m['mkdocs_material']}, PyYAML "
        f"{m['pyyaml']} (libyaml: {m['libyaml']}), Pagefind {m['pagefind'] or '–'}",
        f"Corpus: seed {results['seed']}, reference date {results['today']}; "
        f"workers: {results.get('workers') or 'all cores'}",
    ]
    for size in results["sizes"]:
        ours, base = size["ours"], size.get("baseline") or {}
        r = size["ratios"]
        rows = [
            (
                "praxis check (reference: YAML floor)",
                _s(size["check"]["seconds"]),
                _s(size["floor"]["seconds"]),
                _x(r["check_to_floor"]),
            ),
            (
                "full build (make site)",
                _s(ours["seconds"]),
                _s(base.get("seconds")),
                _x(r.get("build")),
            ),
            (
                "build time per page",
                _ms(ours["seconds"], ours["pages"]),
                _ms(base.get("seconds"), base.get("pages")),
                _x(r.get("build_per_page")),
            ),
            (
                "peak memory (build)",
                _mb(ours["peak_rss_mb"]),
                _mb(base.get("peak_rss_mb")),
                _x(r.get("peak_rss")),
            ),
            (
                "pages (HTML files)",
                str(ours["pages"]),
                str(base.get("pages", "–")),
                _x(r.get("pages")),
            ),
            (
                "site bytes",
                _bytes(ours["site_bytes"]),
                _bytes(base.get("site_bytes")),
                _x(r.get("site_bytes")),
            ),
            (
                "largest HTML page",
                _bytes(ours["largest_html_bytes"]),
                _bytes(base.get("largest_html_bytes")),
                _x(r.get("largest_html")),
            ),
            (
                "median HTML page",
                _bytes(ours["median_html_bytes"]),
                _bytes(base.get("median_html_bytes")),
                _x(r.get("median_html")),
            ),
        ]
        rows += _search_rows(size)
        lines.append("")
        lines.append(f"{size['entries']:,} entries".replace(",", "."))
        lines.append(_table(("metric", "ours", "Material", "ratio"), rows))
    if "preview" in results:
        p = results["preview"]
        lines.append("")
        lines.append(
            f"Live preview at {p['entries']:,} entries (save entry → page served)".replace(",", ".")
        )
        for mode in ("serve", "serve_dirty"):
            if mode in p:
                q = p[mode]
                lines.append(
                    f"  {q['command']:<22} first build {_s(q['first_build_seconds'])}, "
                    f"edit → page: {', '.join(_s(s) for s in q['edit_to_page_seconds'])}"
                )
    lines.append("")
    lines.append("Goals")
    for g in results["goals"]:
        state = {True: "met", False: "MISSED", None: "not measured"}[g["met"]]
        lines.append(
            f"  [{state:^12}] {g['goal']} at {g['entries']}: {g['value']} (limit {g['limit']})"
        )
    return "\n".join(lines)


def _search_rows(size: dict[str, Any]) -> list[tuple[str, ...]]:
    """The search speed rows of one size's table (search_speed.py; Material: the baseline)."""
    search = size.get("search") or {}
    if not search.get("available", True) or not search:
        reason = search.get("reason", "skipped (--no-search)")
        return [("search speed", "not measured", reason, "")]
    ours, material = _search(size, "ours"), _search(size, "material")

    def get(part: Any, *keys: str) -> Any:
        for key in keys:
            part = part.get(key) if isinstance(part, dict) else None
        return part

    rows: list[tuple[str, ...]] = []

    def row(label: str, a: float | None, b: float | None, unit: Callable[[Any], str]) -> None:
        rows.append((label, unit(a), unit(b), _x(_ratio(a, b))))

    row(
        "search data before 1st keystroke",
        get(ours, "before_typing", "search_bytes"),
        get(material, "before_typing", "search_bytes"),
        _bytes,
    )
    row(
        "1st query, all bytes (ours: finder+facet)",
        get(ours, "first_query_facet", "bytes"),
        get(material, "first_query", "bytes"),
        _bytes,
    )
    row(
        "  of which search data and engine",
        get(ours, "first_query_facet", "search_bytes"),
        get(material, "first_query", "search_bytes"),
        _bytes,
    )
    row(
        "  search data, engine, scripts, style",
        get(ours, "first_query_facet", "search_total_bytes"),
        get(material, "first_query", "search_bytes"),
        _bytes,
    )
    row("Praxisfinder 1st load, all bytes", get(ours, "finder_initial", "bytes"), None, _bytes)
    row(
        "results after last key, median",
        get(ours, "header_latency", "median_ms"),
        get(material, "header_latency", "median_ms"),
        _milliseconds,
    )
    row(
        "results after last key, max",
        get(ours, "header_latency", "max_ms"),
        get(material, "header_latency", "max_ms"),
        _milliseconds,
    )
    row("facet change, median", get(ours, "facet_latency", "median_ms"), None, _milliseconds)
    row("facet change, max", get(ours, "facet_latency", "max_ms"), None, _milliseconds)
    row(
        "search bundle on disk (raw)",
        get(ours, "bundle", "bytes"),
        get(material, "bundle", "bytes"),
        _bytes,
    )
    return rows


def _milliseconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _ms(seconds: float | None, pages: int | None) -> str:
    return "–" if not seconds or not pages else f"{seconds / pages * 1000:.2f} ms"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    out = []
    for index, row in enumerate((header, *rows)):
        out.append(
            "  ".join(
                str(c).ljust(w) if i == 0 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
