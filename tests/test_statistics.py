"""/statistik/: the figures add up, and each chart's figures stand in its table too."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from praxis.corpus import load_corpus
from praxis.statistics import statistics
from praxis.taxonomy import build_index
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent


def test_entries_by_type_and_by_year_add_up_to_all_published_entries() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30))
    index = build_index(corpus.published, corpus.vocabularies)
    charts = {c["key"]: c for c in statistics(corpus.published, index)}
    assert charts["inhaltsarten"]["total"] == len(corpus.published)
    assert charts["jahre"]["total"] == len(corpus.published)
    longest = max(charts["module"]["rows"], key=lambda r: r["count"])
    assert longest["width"] == charts["module"]["bar_width"]


def test_every_chart_is_named_described_and_repeated_as_a_table() -> None:
    html = (built_site() / "statistik" / "index.html").read_text("utf-8")
    charts = re.findall(r'<svg class="praxis-stats__chart"[^>]*role="img"', html)
    tables = re.findall(r"<caption>[^<]+\(Tabelle\)</caption>", html)
    assert len(charts) == len(tables) >= 4
    described = re.findall(r'<desc id="[^"]+">([^<]+)</desc>', html)
    for description in described:
        for part in description.split("; "):
            label, count = part.rsplit(": ", 1)
            assert re.search(rf">{re.escape(label)}(</a>)?</th><td>{count}</td>", html), part
