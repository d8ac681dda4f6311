"""The relevance benchmark's arithmetic on small hand-made rankings (no site, no browser).

recall@5 = relevant entries among the first 5 results / min(5, number relevant); top-1 = the
first result is relevant. Results that are not entries take a rank and are never relevant.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from relevance_module import load_relevance

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rel() -> ModuleType:
    return load_relevance()


def query(rel: ModuleType, relevant, also=(), kind="exact", text="q"):
    return rel.Query(text, kind, tuple(relevant), tuple(also))


def test_perfect_ranking(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b"]), ["a", "b", "x"])
    assert (outcome.recall, outcome.top1, outcome.first_hit) == (1.0, True, 1)


def test_order_within_the_first_five_does_not_change_recall(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b"]), ["x", "y", "b", "z", "a"])
    assert outcome.recall == 1.0
    assert outcome.top1 is False
    assert outcome.first_hit == 3


def test_a_relevant_entry_on_rank_six_does_not_count(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b"]), ["x1", "x2", "x3", "x4", "b", "a"])
    assert outcome.recall == 0.5
    assert outcome.first_hit == 5


def test_non_entry_results_take_rank_positions(rel: ModuleType) -> None:
    ranked = ["mitwirken/felder/", "ueber/", "/", "datenschutz/", "impressum/", "a"]
    outcome = rel.judge(query(rel, ["a"]), ranked)
    assert (outcome.recall, outcome.top1, outcome.first_hit) == (0.0, False, 6)


def test_no_results(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b", "c"]), [])
    assert (outcome.recall, outcome.top1, outcome.first_hit) == (0.0, False, None)


def test_a_repeated_result_counts_once(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b"]), ["a", "a", "a"])
    assert outcome.recall == 0.5


def test_partial_recall(rel: ModuleType) -> None:
    outcome = rel.judge(query(rel, ["a", "b", "c"]), ["c", "x", "a"])
    assert outcome.recall == pytest.approx(2 / 3)
    assert outcome.top1 is True


def test_more_than_five_relevant_divides_by_five(rel: ModuleType) -> None:
    judged = query(rel, ["a", "b", "c", "d", "e"], also=["f", "g"])
    assert rel.judge(judged, ["a", "b", "c", "d", "e"]).recall == 1.0
    # an entry from also_relevant is a hit, for recall and for top-1
    outcome = rel.judge(judged, ["g", "f", "x", "a", "y"])
    assert outcome.recall == pytest.approx(3 / 5)
    assert outcome.top1 is True


def test_scores_per_class_and_overall(rel: ModuleType) -> None:
    outcomes = [
        rel.judge(query(rel, ["a"], kind="exact"), ["a"]),
        rel.judge(query(rel, ["a", "b"], kind="exact"), ["x", "a"]),
        rel.judge(query(rel, ["a"], kind="typo"), []),
    ]
    classes = rel.by_class(outcomes)
    assert list(classes) == ["exact", "typo"]  # the order of CLASSES, empty classes left out
    assert classes["exact"] == rel.Score(queries=2, recall=0.75, top1=1)
    assert classes["typo"] == rel.Score(queries=1, recall=0.0, top1=0)
    total = rel.score(outcomes)
    assert total.queries == 3
    assert total.recall == pytest.approx(1.5 / 3)
    assert total.top1 == 1
    assert total.top1_share == pytest.approx(1 / 3)
    assert rel.score([]) == rel.Score(0, 0.0, 0)


def test_worst_takes_the_weakest_and_lets_classes_take_turns_among_ties(rel: ModuleType) -> None:
    outcomes = [
        rel.judge(query(rel, ["a"], kind="exact", text="good"), ["a"]),
        rel.judge(query(rel, ["a"], kind="exact", text="late"), ["x", "a"]),
        rel.judge(query(rel, ["a"], kind="typo", text="typo 1"), []),
        rel.judge(query(rel, ["a"], kind="typo", text="typo 2"), []),
        rel.judge(query(rel, ["a"], kind="synonym", text="synonym"), ["x"]),
    ]
    names = [o.query.text for o in rel.worst(outcomes, 4)]
    # the three misses first, one per class before the second typo; then a late first hit
    assert names == ["synonym", "typo 1", "typo 2", "late"]


def test_results_map_to_entry_ids(rel: ModuleType) -> None:
    paths = {"praxisbeispiele/a-b/": "a-b", "materialien/c/": "c"}
    base = "http://127.0.0.1:8123"
    assert rel.to_entry(f"{base}/praxisbeispiele/a-b/", paths) == "a-b"
    assert rel.to_entry(f"{base}/praxisbeispiele/a-b/?h=hass", paths) == "a-b"
    assert rel.to_entry(f"{base}/materialien/c/#ablauf", paths) == "c"
    assert rel.to_entry("c", paths) == "c"  # a backend may answer with ids
    assert rel.to_entry(f"{base}/praxisbeispiele/", paths) == "praxisbeispiele/"
    assert rel.to_entry(f"{base}/praxisbeispiele/seite-2/", paths) == "praxisbeispiele/seite-2/"
    assert rel.to_entry(f"{base}/", paths) == "/"


def test_evaluate_maps_urls_before_judging(rel: ModuleType) -> None:
    paths = {"empfehlungen/a/": "a"}
    outcomes = rel.evaluate(
        [query(rel, ["a"])], lambda text: ["http://h/ueber/", "http://h/empfehlungen/a/"], paths
    )
    assert outcomes[0].ranked == ("ueber/", "a")
    assert (outcomes[0].recall, outcomes[0].top1) == (1.0, False)


def test_report_is_german_and_lists_every_class_with_queries(rel: ModuleType) -> None:
    outcomes = [
        rel.judge(query(rel, ["a"], kind="exact", text="Lagebild"), ["a"]),
        rel.judge(query(rel, ["a"], kind="typo", text="Lagbild"), ["ueber/"]),
    ]
    text = rel.report(outcomes, "Titel", worst_count=1)
    assert "exact – Wortlaut" in text and "typo – Tippfehler" in text
    assert "synonym" not in text
    assert "Gesamt" in text and "0,50" in text and "1/2 (50 %)" in text
    assert "„Lagbild“ (typo)" in text and "Treffer: ueber/" in text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("queries: [{query: x, class: nope, relevant: [a]}]", "unknown class"),
        ("queries: [{query: '', class: exact, relevant: [a]}]", "non-empty string"),
        ("queries: [{query: x, class: exact, relevant: []}]", "non-empty list"),
        ("queries: [{query: x, class: exact, relevant: [a, a]}]", "twice"),
        ("queries: [{query: x, class: exact, relevant: [a, b, c, d, e, f]}]", "also_relevant"),
        ("queries: [{query: x, class: exact, relevant: [a], also_relevant: [b]}]", "disagree"),
        ("queries: [{query: x, class: exact, relevant: [a], more_relevant: true}]", "disagree"),
        ("[]", "mapping"),
    ],
)
def test_malformed_queries_are_refused(
    rel: ModuleType, tmp_path: Path, raw: str, message: str
) -> None:
    path = tmp_path / "queries.yml"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        rel.load_queries(path)
