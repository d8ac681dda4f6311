"""Every rule the code can report is documented, and every documented rule can be triggered."""

from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from praxis.corpus import load_corpus
from praxis.rules.catalogue import RULE_BY_ID, RULES

REPO = Path(__file__).resolve().parent.parent

PACKAGE = REPO / "scripts" / "praxis"
CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "cases.yml").read_text("utf-8"))
VALID = Path(__file__).parent / "corpus" / "bad" / "date-future" / "practices" / "date-future.md"


def rule_ids_in_code() -> set[str]:
    """String constants passed as the rule of a Problem or a checker report."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"Problem": 2, "report": 1}.get(name)
            if position is not None and len(node.args) > position:
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def test_every_reported_rule_is_in_the_catalogue() -> None:
    assert rule_ids_in_code() - set(RULE_BY_ID) == set()


def test_every_catalogued_rule_is_used_by_the_code() -> None:
    assert set(RULE_BY_ID) - rule_ids_in_code() == set()


# Rules whose failing fixture cannot be a committed file; each has its own test below.
NOT_IN_CORPUS = {
    "file-symlink",
    "file-size",
    "file-read",
    "file-folder",
    "vocabulary",
    "vocabulary-missing",
    "map-geometry",  # the map file, not an entry: tests/test_home_and_map.py
    "review-due",
    "date-order",  # a warning on dates: tests/test_review_dates.py
    "municipality-profile-twice",  # a warning: tests/test_municipalities.py
    "valid-until",  # a warning on a date: tests/test_editions.py
    "build-lost",
    "build-audit",
    "output-policy",  # the built site, not an entry: tests/test_output_policy.py
    "build-leak",  # the built site: tests/test_leak_audit.py
    "visibility-value",  # a hand-written page in docs/: tests/test_editions.py
}


def test_every_content_rule_has_a_failing_fixture_in_the_corpus() -> None:
    covered = {line.rsplit(":", 1)[1] for case in CASES.values() for line in case["expect"]}
    assert {r.id for r in RULES} - NOT_IN_CORPUS - covered == set()


def _valid_text() -> str:
    return VALID.read_text("utf-8").replace("reviewed: 2099-01-01", "reviewed: 2026-02-01")


def _rules(root: Path, today: dt.date = dt.date(2026, 11, 22)) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.rule) for p in load_corpus(root, today=today).problems]


def test_valid_base_entry_has_no_problems(content_root: Path) -> None:
    (content_root / "practices" / "gut.md").write_text(_valid_text(), "utf-8")
    assert _rules(content_root) == []


def test_symlinked_entry_is_rejected(content_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(_valid_text(), "utf-8")
    os.symlink(outside, content_root / "practices" / "verlinkt.md")
    assert _rules(content_root) == [("practices/verlinkt.md", 1, "file-symlink")]


def test_oversized_entry_is_rejected(content_root: Path) -> None:
    text = _valid_text() + ("Sehr langer Text. " * 60_000)
    (content_root / "practices" / "riesig.md").write_text(text, "utf-8")
    assert _rules(content_root) == [("practices/riesig.md", 1, "file-size")]


def test_subfolder_in_entry_folder_is_reported(content_root: Path) -> None:
    (content_root / "practices" / "unterordner").mkdir()
    assert _rules(content_root) == [("practices/unterordner", 1, "file-folder")]


def test_broken_vocabulary_is_reported_with_its_line(content_root: Path) -> None:
    topics = content_root / "content" / "vocabularies" / "topics.yml"
    text = topics.read_text("utf-8").replace("id: hassrede", "id: Hass Rede")
    topics.write_text(text, "utf-8")
    line = text.splitlines().index("  - id: Hass Rede") + 1
    problems = [p for p in _rules(content_root) if p[2] == "vocabulary"]
    assert problems == [("content/vocabularies/topics.yml", line, "vocabulary")]


def test_missing_vocabulary_is_reported(content_root: Path) -> None:
    (content_root / "content" / "vocabularies" / "states.yml").unlink()
    (content_root / "practices" / "gut.md").write_text(_valid_text(), "utf-8")
    assert ("practices/gut.md", 12, "vocabulary-missing") in _rules(content_root)


@pytest.mark.parametrize(
    ("today", "expected"), [(dt.date(2028, 1, 31), []), (dt.date(2028, 2, 1), ["review-due"])]
)
def test_review_is_due_after_24_months(content_root: Path, today: dt.date, expected) -> None:
    (content_root / "practices" / "gut.md").write_text(_valid_text(), "utf-8")
    assert [r for _, _, r in _rules(content_root, today)] == expected


def test_a_linked_entry_folder_is_reported_and_not_read(content_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "anderswo"
    outside.mkdir()
    (outside / "gut.md").write_text(_valid_text(), "utf-8")
    (content_root / "practices").rmdir()
    os.symlink(outside, content_root / "practices")
    corpus = load_corpus(content_root, today=dt.date(2026, 11, 22))
    assert [(p.path, p.rule) for p in corpus.problems] == [("practices", "file-symlink")]
    assert corpus.entries == []


def test_a_linked_vocabulary_is_reported_and_not_read(content_root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    os.symlink(secret, content_root / "content" / "vocabularies" / "geheim.yml")
    found = [(p.path, p.rule) for p in load_corpus(content_root).problems]
    assert found == [("content/vocabularies/geheim.yml", "file-symlink")]
