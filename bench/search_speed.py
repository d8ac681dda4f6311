"""Search speed in headless Chromium: the portal's search against Material's on the baseline site.

    .venv/bin/python bench/search_speed.py --ours SITE --baseline SITE [--json out.json]

Measured on already built sites, each served by the benchmark's static server:

1. before the first keystroke: the start page and an entry page, loaded until the network is
   idle; every request is recorded. Ours must fetch nothing from `/pagefind/` or `/suche/`;
   Material fetches its whole `search/search_index.json` (and the lunr worker) at page load.
2. the first query with one facet set: `/praxisfinder/?q=Schule&thema=<id>` in a fresh
   browser context (empty cache), every byte until the results show, and of them the search's
   own (its data, engine, scripts and style). Material's counterpart: the start page loaded
   and "Schule" typed into its header search.
3. the Praxisfinder's first load without a query, every byte until the results show.
4. results after the last keystroke: 20 German queries from the corpus's word list typed into
   the header search of the start page, from the last keystroke until the panel's status is
   written for that query; the same queries in Material's header search.
5. facet changes: 10 checkboxes of the Praxisfinder toggled one after the other (at most two
   filters active at once), from the click until the update has finished (`aria-busy` gone,
   status written).

Bytes are counted as a web server that compresses would send them: the static server sends
files as they are, so HTML, CSS, JavaScript, JSON and SVG count as their gzip size (level 6,
as for the other figures of the benchmark); Pagefind's index files (`.pf_*`) and its
WebAssembly (`.pagefind`) are compressed already and count as sent. Response bodies only, no
headers. Times are taken in the page (`performance.now()` in event listeners and a
MutationObserver), so the polling from Python does not add to them; every wait is a condition,
never a fixed pause.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import folder_size, gzip_size
from probes import CHROMIUM, CHROMIUM_ARGS, _static_server
from relevance import FINDER_ANSWERED, RESULT_META, SEARCH_INPUT

FIRST_QUERY = "Schule"
FACET_FILTER = "thema"
QUERY_COUNT = 20
TOGGLES = 10
TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 900}  # wide: the Praxisfinder shows its facets open
# Sent compressed by any ordinary web server; everything else counts as sent.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}
OURS_SEARCH_DATA = ("/pagefind/", "/suche/")
# The search's own scripts and style (the engine's script is under /pagefind/, counted as data).
OURS_SEARCH_CODE = (
    "/assets/javascripts/suche",
    "/assets/javascripts/praxisfinder",
    "/assets/stylesheets/praxisfinder",
)
MATERIAL_SEARCH = ("/search/", "/assets/javascripts/workers/search", "/assets/javascripts/lunr/")
# Words of the corpus's word list that say little on their own (besides suche.js's stop words).
COMMON_WORDS = {
    "werden", "wurde", "wurden", "können", "haben", "einem", "einer", "eines", "nicht", "keine",
    "dabei", "bevor", "danach", "noch", "nach", "sich", "dass", "eine", "auch", "wenn", "sind",
    "seite", "viele", "kurze", "später", "heute", "immer", "sowie", "durch", "diese", "dieser",
    "zwischen", "welche", "ihren", "ihrer", "einen", "worden", "wieder", "schon", "ersten",
}  # fmt: skip


# -- transfer ---------------------------------------------------------------------------------


class Traffic:
    """Every request a browser context makes, counted as a compressing server would send it."""

    def __init__(self, site: Path, base: str) -> None:
        self.site = site
        self.base = base
        self.finished: list[Any] = []
        self.failed: list[str] = []
        self._gzip: dict[Path, int] = {}

    def watch(self, context: Any) -> None:
        context.on("requestfinished", lambda request: self.finished.append(request))
        context.on("requestfailed", lambda request: self.failed.append(request.url))

    def mark(self) -> int:
        return len(self.finished)

    def rows(self, start: int = 0) -> list[dict[str, Any]]:
        out = []
        for request in self.finished[start:]:
            url = request.url
            if not url.startswith(("http://", "https://")):
                continue  # data: URLs are part of a file already counted
            sent = request.sizes()["responseBodySize"]
            if not url.startswith(self.base):
                out.append({"path": url, "kind": "external", "sent": sent, "bytes": sent})
                continue
            path = unquote(urlsplit(url).path)
            file = self.site / path.lstrip("/")
            if path.endswith("/"):
                file = file / "index.html"
            counted = sent
            if file.suffix in COMPRESSIBLE and file.is_file():
                if file not in self._gzip:
                    self._gzip[file] = gzip_size(file)
                counted = self._gzip[file]
            out.append({"path": path, "kind": _kind(file), "sent": sent, "bytes": counted})
        return out

    def summary(self, start: int = 0, search: tuple[str, ...] = ()) -> dict[str, Any]:
        rows = self.rows(start)
        kinds: dict[str, int] = {}
        for row in rows:
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["bytes"]
        found = [r for r in rows if r["path"].startswith(search)] if search else []
        largest = sorted(rows, key=lambda r: -r["bytes"])[:6]
        return {
            "requests": len(rows),
            "bytes": sum(r["bytes"] for r in rows),
            "sent_bytes": sum(r["sent"] for r in rows),
            "by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
            "search_requests": [r["path"] for r in found],
            "search_bytes": sum(r["bytes"] for r in found),
            "largest": [{"path": r["path"], "bytes": r["bytes"]} for r in largest],
            "external_requests": sum(1 for r in rows if r["kind"] == "external"),
            "failed_requests": list(self.failed),
        }


def _kind(file: Path) -> str:
    if file.suffix.startswith(".pf_"):  # pf_meta, pf_index, pf_filter, pf_fragment
        return "pagefind " + file.suffix.removeprefix(".pf_")
    if file.suffix == ".pagefind":
        return "wasm"
    return {".html": "html", ".css": "css", ".js": "js", ".json": "json"}.get(file.suffix, "other")


@contextlib.contextmanager
def _browser(site: Path) -> Iterator[tuple[Any, str]]:
    from playwright.sync_api import sync_playwright

    with _static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser, base
        finally:
            browser.close()


@contextlib.contextmanager
def _fresh(browser: Any, site: Path, base: str) -> Iterator[tuple[Any, Traffic]]:
    """A new context (empty cache) with one page, its requests recorded."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    traffic = Traffic(site, base)
    traffic.watch(context)
    try:
        yield context.new_page(), traffic
    finally:
        context.close()


def _page_paths(ours: Path) -> list[str]:
    """The start page and the first Praxisbeispiel's page, as site paths."""
    entries = sorted(p.parent for p in (ours / "praxisbeispiele").glob("*/index.html"))
    paths = ["/"]
    if entries:
        paths.append(f"/praxisbeispiele/{entries[0].name}/")
    return paths


# -- 1. before the first keystroke ------------------------------------------------------------


def before_typing(
    browser: Any,
    site: Path,
    base: str,
    paths: list[str],
    search: tuple[str, ...],
    code: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Each page loaded until the network is idle, nothing typed: what was fetched for search
    (`search`: the search data's folders; `code`: scripts of the search that may load early)."""
    pages = []
    for path in paths:
        if not (site / path.lstrip("/") / "index.html").is_file():
            continue
        with _fresh(browser, site, base) as (page, traffic):
            page.goto(base + path, wait_until="networkidle", timeout=TIMEOUT_MS)
            summary = traffic.summary(search=search)
            if code:
                rows = traffic.rows()
                summary["search_code_bytes"] = sum(
                    r["bytes"] for r in rows if r["path"].startswith(code)
                )
            pages.append({"path": path, **summary})
    return {
        "pages": pages,
        "search_requests": sum(len(p["search_requests"]) for p in pages),
        # the most any one page fetched
        "search_bytes": max((p["search_bytes"] for p in pages), default=None),
        "search_code_bytes": max((p.get("search_code_bytes", 0) for p in pages), default=None),
    }


# -- 2. and 3. Praxisfinder loads -------------------------------------------------------------


def finder_load(browser: Any, site: Path, base: str, address: str) -> dict[str, Any]:
    """Every byte from opening `address` in an empty cache until the results show."""
    with _fresh(browser, site, base) as (page, traffic):
        page.goto(base + address, timeout=TIMEOUT_MS)
        page.wait_for_function(FINDER_ANSWERED, polling=20, timeout=TIMEOUT_MS)
        elapsed = page.evaluate("() => performance.now()")
        status = page.text_content("[data-praxisfinder] [data-status]")
        results = page.locator(".praxis-finder__results a").count()
        summary = traffic.summary(search=OURS_SEARCH_DATA)
        code = sum(r["bytes"] for r in traffic.rows() if r["path"].startswith(OURS_SEARCH_CODE))
    return {
        "address": address,
        **summary,
        # The search's own bytes: its data and engine, and its scripts and style.
        "search_code_bytes": code,
        "search_total_bytes": summary["search_bytes"] + code,
        "ms_to_results": round(elapsed),
        "status": status,
        "results_shown": results,
    }


def facet_value(site: Path, name: str = FACET_FILTER) -> str | None:
    """The first value of facet `name` that the build lists (site/suche/begriffe.json)."""
    data = json.loads((site / "suche" / "begriffe.json").read_text(encoding="utf-8"))
    return next((t["id"] for t in data["terms"] if t["filter"] == name), None)


# -- 4. results after the last keystroke ------------------------------------------------------


def queries(site: Path, count: int = QUERY_COUNT) -> list[str]:
    """`count` different queries from the word list the build writes: single words spread over
    the 300 most frequent meaningful words, the last quarter of them pairs of two such words."""
    data = json.loads((site / "suche" / "woerter.json").read_text(encoding="utf-8"))
    ranked = sorted(zip(data["counts"], data["words"], strict=True), key=lambda cw: -cw[0])
    words = [w for _, w in ranked if len(w) >= 5 and w.isalpha() and w not in COMMON_WORDS]
    pool = words[:300]
    n = min(count, len(pool))
    chosen = [pool[i * len(pool) // n] for i in range(n)]
    singles = n - n // 4
    return chosen[:singles] + [f"{chosen[singles + i]} {chosen[i]}" for i in range(n - singles)]


# In the page: the time of the last keystroke (an `input` event) and of the status being written
# by the update that ran for the whole query. suche-kopf.js first points its "all results" link
# at ?q=<the query> and only then searches; an update still running for a shorter prefix may no
# longer write the status once a newer one has started. So the first status change after the
# link named the whole query is the answer to it.
OURS_SETUP = """() => {
  const form = document.querySelector('[data-praxis-search]');
  const input = form.querySelector('input[name=q]');
  const status = form.querySelector('[data-status]');
  const all = form.querySelector('[data-all]');
  window.__speed = null;
  input.addEventListener('input', () => {
    if (window.__speed) { window.__speed.lastInput = performance.now(); }
  }, true);
  new MutationObserver((records) => {
    const s = window.__speed;
    if (!s || s.done !== null) { return; }
    for (const r of records) {
      if (r.target === all) {
        if ((all.getAttribute('href') || '').endsWith(s.want)) { s.armed = true; }
      } else if (s.armed && status.contains(r.target)) {
        s.done = performance.now();
        s.text = status.textContent;
        return;
      }
    }
  }).observe(form, {attributes: true, attributeFilter: ['href'], childList: true,
                    characterData: true, subtree: true});
}"""
OURS_ARM = """(query) => {
  window.__speed = {want: '?q=' + encodeURIComponent(query.trim()), lastInput: null,
                    armed: false, done: null, text: null};
}"""
DONE = "() => window.__speed && window.__speed.done !== null"
RESULT = "() => window.__speed"


def ours_latency(browser: Any, site: Path, base: str, typed: list[str]) -> dict[str, Any]:
    """Each query typed key by key into the header search of the start page."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle", timeout=TIMEOUT_MS)
        page.evaluate(OURS_SETUP)
        page.click("#praxis-suche")
        rows = []
        for query in typed:
            page.evaluate(OURS_ARM, query)
            page.keyboard.press("Control+A")
            page.keyboard.type(query)
            page.wait_for_function(DONE, polling=20, timeout=TIMEOUT_MS)
            rows.append(_row(query, page.evaluate(RESULT), "lastInput"))
    finally:
        context.close()
    return _latencies(rows)


# Material searches on `keyup`. As in relevance.py, the whole query is put into the field and
# one key is released, so exactly one search runs (its best case: typed key by key, it would
# search after every key); the field is emptied the same way before, until the placeholder
# shows again. The answer is the first change of the result count after that key.
MATERIAL_SETUP = """(placeholder) => {
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  window.__speed = null;
  input.addEventListener('keyup', () => {
    if (window.__speed) { window.__speed.keyup = performance.now(); }
  }, true);
  new MutationObserver(() => {
    const s = window.__speed;
    if (!s || s.keyup === null || s.done !== null || meta.textContent === placeholder) { return; }
    s.done = performance.now();
    s.text = meta.textContent;
  }).observe(meta, {childList: true, characterData: true, subtree: true});
}"""
MATERIAL_ARM = "() => { window.__speed = {keyup: null, done: null, text: null}; }"
META_IS = "(text) => document.querySelector('.md-search-result__meta')?.textContent === text"


def _material_page(page: Any, base: str) -> tuple[Any, str]:
    page.goto(base + "/", wait_until="networkidle", timeout=TIMEOUT_MS)
    config = json.loads(page.text_content("#__config") or "{}")
    placeholder = config.get("translations", {}).get("search.result.placeholder", "")
    page.evaluate(MATERIAL_SETUP, placeholder)
    box = page.locator(SEARCH_INPUT)
    box.click()
    page.wait_for_selector(RESULT_META, state="attached", timeout=TIMEOUT_MS)
    return box, placeholder


def _material_query(page: Any, box: Any, placeholder: str, query: str) -> dict[str, Any]:
    page.evaluate("() => { window.__speed = null; }")
    box.fill("")
    box.press("End")
    page.wait_for_function(META_IS, arg=placeholder, polling=20, timeout=TIMEOUT_MS)
    page.evaluate(MATERIAL_ARM)
    box.fill(query)
    box.press("End")
    page.wait_for_function(DONE, polling=20, timeout=TIMEOUT_MS)
    return page.evaluate(RESULT)


def material_latency(browser: Any, site: Path, base: str, typed: list[str]) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    try:
        page = context.new_page()
        box, placeholder = _material_page(page, base)
        rows = [_row(q, _material_query(page, box, placeholder, q), "keyup") for q in typed]
    finally:
        context.close()
    return _latencies(rows)


def material_first_query(browser: Any, site: Path, base: str, query: str) -> dict[str, Any]:
    """Every byte from opening Material's start page in an empty cache to its first answer."""
    with _fresh(browser, site, base) as (page, traffic):
        box, placeholder = _material_page(page, base)
        answer = _material_query(page, box, placeholder, query)
        summary = traffic.summary(search=MATERIAL_SEARCH)
    return {"address": "/", "query": query, **summary, "status": answer["text"]}


def _row(query: str, state: dict[str, Any], start: str) -> dict[str, Any]:
    return {"query": query, "ms": round(state["done"] - state[start], 1), "status": state["text"]}


def _latencies(rows: list[dict[str, Any]]) -> dict[str, Any]:
    times = [r["ms"] for r in rows]
    return {
        "queries": rows,
        "median_ms": round(statistics.median(times), 1) if times else None,
        "max_ms": max(times, default=None),
        "first_ms": times[0] if times else None,
    }


# -- 5. facet changes -------------------------------------------------------------------------


FACET_SETUP = """() => {
  const root = document.querySelector('[data-praxisfinder]');
  const status = root.querySelector('[data-status]');
  window.__speed = null;
  root.addEventListener('click', (event) => {
    const s = window.__speed;
    if (s && s.clicked === null && event.target.matches('input[type=checkbox]')) {
      s.clicked = performance.now();
    }
  }, true);
  new MutationObserver((records) => {
    const s = window.__speed;
    if (!s || s.clicked === null || s.done !== null) { return; }
    for (const r of records) {
      if (r.type === 'attributes' && r.target === root) {
        if (root.hasAttribute('aria-busy')) { s.busy = true; }
      } else if (status.contains(r.target)) {
        s.status = true;
      }
    }
    if (s.busy && s.status && !root.hasAttribute('aria-busy')) {
      s.done = performance.now();
      s.text = status.textContent;
    }
  }).observe(root, {attributes: true, attributeFilter: ['aria-busy'], childList: true,
                    characterData: true, subtree: true});
}"""
FACET_ARM = """() => {
  window.__speed = {clicked: null, busy: false, status: false, done: null, text: null};
}"""
FACETS = """() => Array.from(document.querySelectorAll('[data-praxisfinder] [data-facet]')).map(
  (fieldset) => ({
    param: fieldset.getAttribute('data-facet'),
    boxes: Array.from(fieldset.querySelectorAll('input[type=checkbox]')).map((box) => ({
      value: box.value,
      checked: box.checked,
      disabled: box.disabled,
      count: Number(box.parentNode.querySelector('[data-count]')?.textContent || 0),
    })),
  }))"""


def facet_latency(
    browser: Any, site: Path, base: str, word: str, toggles: int = TOGGLES
) -> dict[str, Any]:
    """Checkboxes toggled one after the other on the Praxisfinder opened with `word`.

    At most two filters are active at once, from different facets in turn: check a, check b,
    uncheck a, check c, uncheck b, … Each new one is the value with the most results then."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    rows = []
    try:
        page = context.new_page()
        page.goto(f"{base}/praxisfinder/?q={quote(word)}", timeout=TIMEOUT_MS)
        page.wait_for_function(FINDER_ANSWERED, polling=20, timeout=TIMEOUT_MS)
        page.evaluate(FACET_SETUP)
        active: list[tuple[str, str]] = []
        turn = 0
        for _ in range(toggles):
            facets = page.evaluate(FACETS)
            if len(active) >= 2:
                param, value = active.pop(0)
                action = "uncheck"
            else:
                choice = _next_value(facets, turn, {p for p, _ in active})
                if choice is None:
                    break
                turn = choice[2] + 1
                param, value = choice[0], choice[1]
                active.append((param, value))
                action = "check"
            page.evaluate(FACET_ARM)
            page.locator(f'input[type=checkbox][name="{param}"][value="{value}"]').click()
            page.wait_for_function(DONE, polling=20, timeout=TIMEOUT_MS)
            state = page.evaluate(RESULT)
            rows.append(
                {
                    "toggle": f"{action} {param}={value}",
                    "ms": round(state["done"] - state["clicked"], 1),
                    "status": state["text"],
                }
            )
    finally:
        context.close()
    times = [r["ms"] for r in rows]
    return {
        "word": word,
        "toggles": rows,
        "median_ms": round(statistics.median(times), 1) if times else None,
        "max_ms": max(times, default=None),
    }


def _next_value(
    facets: list[dict[str, Any]], turn: int, busy: set[str]
) -> tuple[str, str, int] | None:
    """From facet number `turn` on (round robin), one without an active value: its enabled,
    unchecked value with the most results."""
    for offset in range(len(facets)):
        index = (turn + offset) % len(facets)
        facet = facets[index]
        if facet["param"] in busy:
            continue
        boxes = [b for b in facet["boxes"] if not b["checked"] and not b["disabled"] and b["count"]]
        if boxes:
            best = max(boxes, key=lambda b: b["count"])
            return facet["param"], best["value"], index
    return None


# -- both sites -------------------------------------------------------------------------------


def measure_ours(site: Path, typed: list[str] | None = None) -> dict[str, Any]:
    typed = typed if typed is not None else queries(site)
    value = facet_value(site)
    files, size = folder_size(site / "pagefind")
    words_files, words_size = folder_size(site / "suche")
    first = f"/praxisfinder/?q={quote(FIRST_QUERY)}"
    if value:
        first += f"&{FACET_FILTER}={quote(value)}"
    result: dict[str, Any] = {
        "bundle": {
            "pagefind_files": files,
            "pagefind_bytes": size,
            "suche_files": words_files,
            "suche_bytes": words_size,
            "bytes": size + words_size,
        }
    }
    steps: dict[str, Callable[[Any, str], dict[str, Any]]] = {
        "before_typing": lambda b, base: before_typing(
            b, site, base, _page_paths(site), OURS_SEARCH_DATA, OURS_SEARCH_CODE
        ),
        "first_query_facet": lambda b, base: finder_load(b, site, base, first),
        "finder_initial": lambda b, base: finder_load(b, site, base, "/praxisfinder/"),
        "header_latency": lambda b, base: ours_latency(b, site, base, typed),
        "facet_latency": lambda b, base: facet_latency(b, site, base, typed[0] if typed else "a"),
    }
    with _browser(site) as (browser, base):
        for name, step in steps.items():
            result[name] = step(browser, base)
    return result


def measure_material(site: Path, typed: list[str], paths: list[str]) -> dict[str, Any]:
    index = site / "search" / "search_index.json"
    result: dict[str, Any] = {
        "bundle": {"bytes": index.stat().st_size if index.is_file() else None},
    }
    with _browser(site) as (browser, base):
        result["before_typing"] = before_typing(browser, site, base, paths, MATERIAL_SEARCH)
        result["first_query"] = material_first_query(browser, site, base, FIRST_QUERY)
        result["header_latency"] = material_latency(browser, site, base, typed)
    return result


def measure(ours: Path, baseline: Path | None = None, count: int = QUERY_COUNT) -> dict[str, Any]:
    """Everything above for ours and, when given, for Material's search on the baseline site,
    with `count` typed queries; `{"available": False, "reason": …}` when no browser can run."""
    if not CHROMIUM.exists():
        return {"available": False, "reason": f"{CHROMIUM} fehlt"}
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return {"available": False, "reason": "playwright nicht installiert"}
    typed = queries(ours, count)
    # Other work on the machine slows the browser: the load average says whether there was any.
    result: dict[str, Any] = {"available": True, "typed_queries": typed, "load_before": _load()}
    result["ours"] = measure_ours(ours, typed)
    if baseline is not None:
        result["material"] = measure_material(baseline, typed, _page_paths(ours))
    result["load_after"] = _load()
    return result


def _load() -> list[float] | None:
    """The machine's load average over 1, 5 and 15 minutes."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        return None


def summary(result: dict[str, Any]) -> str:
    """A few lines for the terminal."""
    if not result.get("available"):
        return f"search speed not measured: {result.get('reason')}"
    ours, material = result["ours"], result.get("material") or {}

    def kb(value: float | None) -> str:
        return "–" if value is None else f"{value / 1000:.1f} KB"

    def ms(part: dict[str, Any] | None, key: str) -> str:
        value = (part or {}).get(key)
        return "–" if value is None else f"{value:.0f} ms"

    lines = [
        f"search data before the first keystroke: ours {kb(ours['before_typing']['search_bytes'])}"
        f" ({ours['before_typing']['search_requests']} requests), Material "
        f"{kb((material.get('before_typing') or {}).get('search_bytes'))}",
        f"first query with one facet: search's own bytes "
        f"{kb(ours['first_query_facet'].get('search_total_bytes'))}, all bytes "
        f"{kb(ours['first_query_facet']['bytes'])}; "
        f"Material's first query: {kb((material.get('first_query') or {}).get('bytes'))}",
        f"Praxisfinder first load (all bytes): {kb(ours['finder_initial']['bytes'])}",
        f"results after the last keystroke: ours median {ms(ours['header_latency'], 'median_ms')},"
        f" max {ms(ours['header_latency'], 'max_ms')}; Material median "
        f"{ms(material.get('header_latency'), 'median_ms')}, max "
        f"{ms(material.get('header_latency'), 'max_ms')}",
        f"facet change: median {ms(ours['facet_latency'], 'median_ms')}, max "
        f"{ms(ours['facet_latency'], 'max_ms')}",
        f"search bundle on disk: ours {kb(ours['bundle']['bytes'])}, Material "
        f"{kb((material.get('bundle') or {}).get('bytes'))}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--ours", type=Path, required=True, help="this project's built site")
    parser.add_argument("--baseline", type=Path, help="the bare-Material site of the same corpus")
    parser.add_argument("--json", type=Path, help="write every figure as JSON")
    args = parser.parse_args(argv)
    result = measure(args.ours.resolve(), args.baseline.resolve() if args.baseline else None)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        args.json.write_text(text, encoding="utf-8")
    print(summary(result))
    return 0 if result.get("available") else 1


if __name__ == "__main__":
    sys.exit(main())
