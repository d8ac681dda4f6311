"""Similar entries: curated links first, then those sharing the rarest subject terms."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from praxis.corpus import load_corpus
from praxis.render import SiteRenderer
from praxis.similar import SUBJECT_FIELDS
from praxis.synthetic import copy_vocabularies, write_corpus
from praxis.taxonomy import build_index, term_values

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)


def _renderer(root: Path):
    corpus = load_corpus(root, today=TODAY)
    index = build_index(corpus.published, corpus.vocabularies)
    return corpus, SiteRenderer(corpus.entries, corpus.vocabularies, index)


def _similar(renderer, entry) -> list[str]:
    rows = {r["field"]: r for r in renderer.fact_box(entry)["rows"]}
    return [v["path"] for v in rows.get("similar", {}).get("values", [])]


def _terms(entry) -> set[tuple[str, str]]:
    return {(f, t) for f in SUBJECT_FIELDS for t in term_values(entry, f)}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("korpus")
    copy_vocabularies(REPO, root)
    write_corpus(root, 120, seed=7, today=TODAY)
    return _renderer(root)


def test_similar_entries_share_terms_and_are_never_the_entry_a_draft_or_a_curated_link() -> None:
    corpus, renderer = _renderer(REPO)
    by_path = {e.url_path: e for e in corpus.entries}
    for entry in corpus.published:
        found = _similar(renderer, entry)
        assert len(found) <= 5
        curated = set(entry.fields.get("related") or ())
        for path in found:
            other = by_path[path]
            assert other.id != entry.id and other.id not in curated and not other.draft
            assert _terms(other) & _terms(entry), (entry.id, other.id)


def test_rarer_shared_terms_rank_first(synthetic) -> None:
    corpus, renderer = synthetic
    published = corpus.published
    frequency: dict[tuple[str, str], int] = {}
    for entry in published:
        for term in _terms(entry):
            frequency[term] = frequency.get(term, 0) + 1
    by_path = {e.url_path: e for e in published}

    def score(entry, other) -> float:
        return sum(
            math.log(len(published) / frequency[t])
            for t in _terms(entry) & _terms(other)
            if frequency[t] > 1
        )

    checked = 0
    for entry in published[:40]:
        found = [by_path[p] for p in _similar(renderer, entry)]
        scores = [round(score(entry, other), 9) for other in found]
        assert scores == sorted(scores, reverse=True), entry.id
        checked += bool(found)
    assert checked >= 30


def test_the_list_is_the_same_in_every_build(synthetic) -> None:
    corpus, renderer = synthetic
    again = SiteRenderer(corpus.entries, corpus.vocabularies, renderer.index)
    for entry in corpus.published[:30]:
        assert _similar(renderer, entry) == _similar(again, entry)
