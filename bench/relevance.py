"""Search quality on the judged German queries: recall@5 and top-1 per query, class and overall.

    .venv/bin/python bench/relevance.py                      # the portal search (Pagefind)
    .venv/bin/python bench/relevance.py --json out.json      # also every ranking as JSON
    .venv/bin/python bench/relevance.py --site site/          # an already built site

The queries and their judged answers are in tests/search/queries.yml (judging rules in its
header). A backend turns a built site into a search function, query → ranked result URLs (or
entry ids); every result takes a rank, and results that are not entry pages (overviews, term
pages, the guide) are never relevant. Adding an engine means adding one function to BACKENDS:

    @contextlib.contextmanager
    def pagefind(site: Path) -> Iterator[SearchFunction]:
        ...index the site, start a browser...
        yield lambda query: [...result URLs, best first...]

Metrics, for one query with the set R of relevant entries (`relevant` plus `also_relevant`):
recall@5 = |R ∩ first 5 results| / min(5, |R|); top-1 = the first result is in R.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probes import CHROMIUM, CHROMIUM_ARGS, _static_server

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "search" / "queries.yml"
# Every judged set: the first, and one by a second judge (see the head of each file).
QUERY_SETS = (QUERIES, REPO / "tests" / "search" / "queries-second-judge.yml")
K = 5

# The query classes of queries.yml, in report order, with their German names for the table.
CLASSES: dict[str, str] = {
    "exact": "Wortlaut",
    "inflection": "Beugung (Plural, Fall)",
    "transliteration": "Umschrift (ae/oe/ue/ss)",
    "compound": "Komposita",
    "summary-only": "nur in der Zusammenfassung",
    "factbox-only": "nur im Steckbrief",
    "term-label": "Begriff eines Vokabulars",
    "synonym": "Synonym",
    "typo": "Tippfehler",
    "multi-word": "mehrere Wörter",
    "title": "Titel",
}

SearchFunction = Callable[[str], Sequence[str]]
# A backend: a built site → a context that yields the search function and cleans up after.
Backend = Callable[[Path], contextlib.AbstractContextManager[SearchFunction]]


# -- queries and metrics ----------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    relevant: tuple[str, ...]
    also_relevant: tuple[str, ...] = ()
    why: str = ""

    @property
    def all_relevant(self) -> frozenset[str]:
        return frozenset(self.relevant) | frozenset(self.also_relevant)


def load_queries(path: Path = QUERIES) -> list[Query]:
    """Read queries.yml; a malformed query raises ValueError naming it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise ValueError(f"{path}: expected a mapping with a list `queries`")
    queries = []
    for number, raw in enumerate(data["queries"], 1):
        where = f"{path.name}, query {number}"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: not a mapping")
        text, kind = raw.get("query"), raw.get("class")
        relevant = raw.get("relevant")
        also = raw.get("also_relevant") or []
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: `query` must be a non-empty string")
        if kind not in CLASSES:
            raise ValueError(f"{where} ({text!r}): unknown class {kind!r}")
        ids = [*(relevant or []), *also]
        if not relevant or not all(isinstance(i, str) for i in ids):
            raise ValueError(f"{where} ({text!r}): `relevant` must be a non-empty list of ids")
        if len(ids) != len(set(ids)):
            raise ValueError(f"{where} ({text!r}): an id is listed twice")
        if len(relevant) > K:
            raise ValueError(f"{where} ({text!r}): more than {K} in `relevant`; use also_relevant")
        if bool(also) != bool(raw.get("more_relevant", False)):
            raise ValueError(f"{where} ({text!r}): `more_relevant` and `also_relevant` disagree")
        queries.append(Query(text, kind, tuple(relevant), tuple(also), str(raw.get("why", ""))))
    return queries


@dataclass(frozen=True)
class Outcome:
    query: Query
    ranked: tuple[str, ...]  # entry ids, or the site path of a result that is no entry
    recall: float
    top1: bool
    first_hit: int | None  # rank (1-based) of the first relevant result, if any


def judge(query: Query, ranked: Sequence[str], k: int = K) -> Outcome:
    """Score one ranking (entry ids; anything else is a non-relevant result)."""
    relevant = query.all_relevant
    found = {result for result in ranked[:k] if result in relevant}
    first = next((rank for rank, r in enumerate(ranked, 1) if r in relevant), None)
    return Outcome(
        query=query,
        ranked=tuple(ranked),
        recall=len(found) / min(k, len(relevant)),
        top1=bool(ranked) and ranked[0] in relevant,
        first_hit=first,
    )


@dataclass(frozen=True)
class Score:
    queries: int
    recall: float  # mean recall@5
    top1: int  # queries whose first result is relevant

    @property
    def top1_share(self) -> float:
        return self.top1 / self.queries if self.queries else 0.0


def score(outcomes: Sequence[Outcome]) -> Score:
    if not outcomes:
        return Score(0, 0.0, 0)
    return Score(
        queries=len(outcomes),
        recall=sum(o.recall for o in outcomes) / len(outcomes),
        top1=sum(o.top1 for o in outcomes),
    )


def by_class(outcomes: Sequence[Outcome]) -> dict[str, Score]:
    """Scores per query class, in the order of CLASSES (classes without queries left out)."""
    return {
        kind: score(chosen)
        for kind in CLASSES
        if (chosen := [o for o in outcomes if o.query.kind == kind])
    }


def weakness(outcome: Outcome) -> tuple[float, bool, int]:
    """Sort key, weakest first: lower recall, then a missed top-1, then a later first hit."""
    return (outcome.recall, outcome.top1, -(outcome.first_hit or 10_000))


def worst(outcomes: Sequence[Outcome], count: int = 10) -> list[Outcome]:
    """The weakest queries. Among equally weak ones the classes take turns (in the order of
    CLASSES, each class's queries in file order), so a list of ties shows every kind of miss."""
    chosen: list[Outcome] = []
    for _, group in itertools.groupby(sorted(outcomes, key=weakness), key=weakness):
        tied = list(group)
        queues = {kind: [o for o in tied if o.query.kind == kind] for kind in CLASSES}
        while any(queues.values()):
            chosen += [queue.pop(0) for queue in queues.values() if queue]
        if len(chosen) >= count:
            break
    return chosen[:count]


# -- results → entry ids ----------------------------------------------------------------------


def entry_paths(root: Path = REPO) -> dict[str, str]:
    """Site path of every published entry ("praxisbeispiele/<id>/") → its id."""
    from praxis.corpus import load_corpus

    corpus = load_corpus(root)
    return {e.url_path: e.id for e in corpus.entries if not e.draft}


def to_entry(result: str, paths: Mapping[str, str]) -> str:
    """An entry id for a result URL, path or id; other results keep their site path."""
    if result in paths.values():
        return result
    path = urlsplit(result).path.strip("/")
    path = f"{path}/" if path else "/"
    return paths.get(path, path)


def evaluate(
    queries: Sequence[Query], search: SearchFunction, paths: Mapping[str, str]
) -> list[Outcome]:
    return [judge(q, [to_entry(r, paths) for r in search(q.text)]) for q in queries]


# -- report -----------------------------------------------------------------------------------


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def report(outcomes: Sequence[Outcome], title: str, worst_count: int = 10) -> str:
    """The German table: per class and overall, then the weakest queries with their results."""
    rows = [("Klasse", "Anfragen", "Recall@5", "Top-1")]
    for kind, s in by_class(outcomes).items():
        top = f"{s.top1}/{s.queries} ({_percent(s.top1, s.queries)})"
        rows.append((f"{kind} – {CLASSES[kind]}", str(s.queries), _number(s.recall), top))
    total = score(outcomes)
    top = f"{total.top1}/{total.queries} ({_percent(total.top1, total.queries)})"
    rows.append(("Gesamt", str(total.queries), _number(total.recall), top))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [title, ""]
    for number, row in enumerate(rows):
        if number == len(rows) - 1:
            lines.append("  ".join("-" * w for w in widths))
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", f"Die {worst_count} schwächsten Anfragen (Treffer 1–5; * = relevant):"]
    for o in worst(outcomes, worst_count):
        shown = ", ".join(f"{r}{'*' if r in o.query.all_relevant else ''}" for r in o.ranked[:K])
        first = "kein relevanter Treffer"
        if o.first_hit:
            first = f"erster relevanter Treffer auf Rang {o.first_hit}"
        lines.append(
            f"- „{o.query.text}“ ({o.query.kind}): Recall@5 {_number(o.recall)}, "
            f"Top-1 {'ja' if o.top1 else 'nein'}, {first}"
        )
        lines.append(f"    Treffer: {shown or 'keine'}")
        lines.append(f"    erwartet: {', '.join(o.query.relevant)}")
    return "\n".join(lines)


def as_json(outcomes: Sequence[Outcome], backend: str, extra: Mapping[str, Any]) -> dict:
    total = score(outcomes)
    return {
        "backend": backend,
        **extra,
        "overall": {"queries": total.queries, "recall_at_5": total.recall, "top1": total.top1},
        "classes": {
            kind: {"queries": s.queries, "recall_at_5": s.recall, "top1": s.top1}
            for kind, s in by_class(outcomes).items()
        },
        "queries": [
            {
                "query": o.query.text,
                "class": o.query.kind,
                "recall_at_5": o.recall,
                "top1": o.top1,
                "first_hit": o.first_hit,
                "results": list(o.ranked[:10]),
                "relevant": list(o.query.relevant),
                "also_relevant": list(o.query.also_relevant),
            }
            for o in outcomes
        ],
    }


# -- the example site and the backends --------------------------------------------------------


def build_site(folder: Path) -> Path:
    """The example site, built as the tests build it (`mkdocs build --strict`)."""
    site = folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return site


# Material's search: the header field, its result list and the result count above it.
SEARCH_INPUT = "input.md-search__input"
RESULT_META = ".md-search-result__meta"
RESULT_ITEMS = ".md-search-result__list > li.md-search-result__item"
# Polled in the page; functions, not expressions: the site's Content-Security-Policy forbids eval.
META_IS = "(text) => document.querySelector('.md-search-result__meta')?.textContent === text"
ANSWERED = """([placeholder, none]) => {
  const meta = document.querySelector('.md-search-result__meta');
  if (!meta || meta.textContent === placeholder) return false;
  const items = document.querySelectorAll('.md-search-result__list > li');
  return meta.textContent === none || items.length > 0;
}"""
RESULT_LINKS = """(items) => items.map(
  (item) => item.querySelector('a.md-search-result__link')?.href ?? ''
)"""


@contextlib.contextmanager
def material(site: Path) -> Iterator[SearchFunction]:
    """Material's own search (lunr in a web worker), typed into the header of the start page.

    Material reads the field on `keyup`. Each query is put into the field whole and one key is
    released, so exactly one search runs; the field is emptied the same way before, and the
    list shows the placeholder again. The answer is therefore the first change of the result
    count after the placeholder: waited for as a condition, with no fixed pause. Every result
    item is one page (sections of the page are folded into it), so items are ranks.
    """
    from playwright.sync_api import sync_playwright

    with _static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
            page.goto(f"{base}/")
            config = json.loads(page.text_content("#__config") or "{}")
            words = config.get("translations", {})
            placeholder = words.get("search.result.placeholder", "Suchbegriff eingeben")
            none = words.get("search.result.none", "Keine passenden Dokumente")
            box = page.locator(SEARCH_INPUT)
            box.click()

            def enter(text: str) -> None:
                box.fill(text)
                box.press("End")

            def search(query: str) -> list[str]:
                enter("")
                page.wait_for_function(META_IS, arg=placeholder, polling=20, timeout=30_000)
                enter(query)
                page.wait_for_function(ANSWERED, arg=[placeholder, none], polling=20)
                return page.eval_on_selector_all(RESULT_ITEMS, RESULT_LINKS)

            yield search
        finally:
            browser.close()


# The portal's own search: the Praxisfinder opened with ?q=…, as Enter in the header leads there.
FINDER_ANSWERED = """() => {
  const root = document.querySelector('[data-praxisfinder]');
  const status = root && root.querySelector('[data-status]');
  return !!status && !root.hasAttribute('aria-busy') && status.textContent !== ''
    && !status.textContent.startsWith('Ergebnisse werden geladen');
}"""
FINDER_LINKS = "(links) => links.map((a) => a.href)"


# The address holds the query: sending it pushes the address and marks the finder busy at once.
QUERY_IN_ADDRESS = """(query) =>
  (new URLSearchParams(window.location.search).get('q') || '') === query.trim()"""


def finder_search(page: Any, base: str) -> SearchFunction:
    """Search through the Praxisfinder in an open browser page, on a site served at `base`.

    The first query opens the finder with the query in its address, as a shared link does; each
    further one is typed into its field and sent with Enter, as a reader searches again. So
    the finder and its search engine load once for all queries, not once per query."""
    from urllib.parse import quote

    field = page.locator("[data-praxisfinder] form [name=q]")

    def search(query: str) -> list[str]:
        if "/praxisfinder/" not in page.url:
            page.goto(f"{base}/praxisfinder/?q={quote(query)}")
        else:
            field.fill(query)
            field.press("Enter")
        page.wait_for_function(QUERY_IN_ADDRESS, arg=query, polling=20, timeout=30_000)
        page.wait_for_function(FINDER_ANSWERED, polling=20, timeout=30_000)
        return page.eval_on_selector_all(".praxis-finder__results a", FINDER_LINKS)

    return search


@contextlib.contextmanager
def portal(site: Path) -> Iterator[SearchFunction]:
    """The portal's search (Pagefind with the praxis layer), through the Praxisfinder page."""
    from playwright.sync_api import sync_playwright

    with _static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
            yield finder_search(page, base)
        finally:
            browser.close()


BACKENDS: dict[str, Backend] = {"material": material, "portal": portal}


# -- command line -----------------------------------------------------------------------------


def run(
    backend: str, queries: Sequence[Query], site: Path | None = None
) -> tuple[list[Outcome], float]:
    """Every query through one backend (building the example site unless one is given);
    returns the outcomes and the seconds the queries took."""
    paths = entry_paths()
    with contextlib.ExitStack() as stack:
        if site is None:
            folder = Path(tempfile.mkdtemp(prefix="praxis-relevance-"))
            stack.callback(shutil.rmtree, folder, ignore_errors=True)
            site = build_site(folder)
        search = stack.enter_context(BACKENDS[backend](site))
        start = time.monotonic()
        outcomes = evaluate(queries, search, paths)
        return outcomes, time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=sorted(BACKENDS), default="portal")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write every ranking and score as JSON")
    args = parser.parse_args(argv)
    queries = load_queries(args.queries)
    outcomes, seconds = run(args.backend, queries, args.site.resolve() if args.site else None)
    from measure import machine

    versions = machine()
    today = dt.date.today()
    title = (
        f"Suchqualität am {today:%d.%m.%Y}: {len(queries)} Anfragen, Backend {args.backend} "
        f"(MkDocs {versions['mkdocs']}, Material {versions['mkdocs_material']}, "
        f"{seconds:.1f} s für alle Anfragen)"
    )
    print(report(outcomes, title, args.worst))
    if args.json:
        extra = {"date": today.isoformat(), "machine": versions, "seconds": seconds}
        data = as_json(outcomes, args.backend, extra)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
