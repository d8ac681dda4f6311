"""Every bad entry in tests/corpus/bad is rejected with exactly the expected rule, path and line.

Each case folder mirrors a content root. The expectations in tests/corpus/cases.yml were written
by hand; a case passes only if the validator reports exactly those problems, nothing more.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from praxis.corpus import load_corpus

CORPUS = Path(__file__).parent / "corpus"
CASES: dict[str, dict] = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 22)  # fixed, so that review-date warnings do not change with time


def copy_case(name: str, root: Path) -> None:
    shutil.copytree(CORPUS / "bad" / name, root, dirs_exist_ok=True)


def test_corpus_has_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert sorted(CASES) == sorted(p.name for p in (CORPUS / "bad").iterdir())


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_entry_is_rejected_exactly_as_expected(name: str, content_root: Path) -> None:
    copy_case(name, content_root)
    corpus = load_corpus(content_root, today=TODAY)
    found = sorted(f"{p.path}:{p.line}:{p.rule}" for p in corpus.errors)
    assert found == sorted(CASES[name]["expect"])
    for problem in corpus.errors:
        assert problem.message.strip(), "every problem explains itself"


# Cases whose one mistake legitimately breaks more than one rule, with the reason. Any other
# case expects exactly one rule: a second expectation is usually a side effect of an unclean
# fixture copied from the output, and hides whether the case still tests its own rule.
SEVERAL_RULES = {
    "body-autolink-javascript": "an autolink shows its address as the link text",
    "field-unknown-typo": "the misspelt key is unknown and the real one is missing",
    "field-hangul-filler-title": "the filler is a forbidden character, and all it leaves is empty",
    "yaml-anchor-alias": "an anchor and the alias that uses it",
    "yaml-billion-laughs": "anchors and aliases on keys the schema does not know",
}


def test_each_case_tests_one_rule_unless_listed() -> None:
    several = {
        name
        for name, case in CASES.items()
        if len({expected.rsplit(":", 1)[1] for expected in case["expect"]}) > 1
    }
    assert several == set(SEVERAL_RULES)
