"""The judged search queries (tests/search/*.yml) stay valid as the examples change.

Every judged id must be a published example entry, and every query class keeps enough queries
to say something. This checks the query set, never how well a search engine answers it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from praxis.corpus import load_corpus
from relevance_module import load_relevance

REPO = Path(__file__).resolve().parent.parent
MIN_PER_CLASS = 3
MIN_QUERIES = 45


@pytest.fixture(scope="module")
def rel() -> ModuleType:
    return load_relevance()


@pytest.fixture(scope="module", params=load_relevance().QUERY_SETS, ids=lambda p: p.stem)
def queries(rel: ModuleType, request: pytest.FixtureRequest) -> list:
    return rel.load_queries(request.param)


def test_every_judged_id_is_a_published_example_entry(queries: list) -> None:
    corpus = load_corpus(REPO)
    published = {e.id for e in corpus.entries if not e.draft}
    unknown = sorted(
        f"{q.text!r}: {entry}"
        for q in queries
        for entry in q.all_relevant
        if entry not in published
    )
    assert unknown == []


def test_every_class_has_enough_queries(rel: ModuleType, queries: list) -> None:
    counts = Counter(q.kind for q in queries)
    assert {kind: counts[kind] for kind in rel.CLASSES if counts[kind] < MIN_PER_CLASS} == {}
    assert len(queries) >= MIN_QUERIES


def test_queries_are_unique(queries: list) -> None:
    texts = Counter(q.text.casefold() for q in queries)
    assert [text for text, count in texts.items() if count > 1] == []
