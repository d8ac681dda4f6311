"""The synthetic corpus generator: deterministic, valid, and covering every vocabulary term.

Benchmarks and scale tests are only comparable if they measure the same input, and only
meaningful if that input is what editors would write: entries that pass `praxis check` cleanly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from praxis.cli import main
from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.editions import is_internal
from praxis.json_schema import entry_schema
from praxis.synthetic import WORDS_MAX, WORDS_MIN, count_words, synthesize, write_corpus
from praxis.taxonomy import build_index
from praxis.vocabulary import load_vocabularies

TODAY = dt.date(2026, 6, 1)


def _texts(root: Path, count: int, seed: int) -> list[tuple[str, str]]:
    vocabularies, _ = load_vocabularies(root)
    return [(e.relative_path, e.text) for e in synthesize(vocabularies, count, seed, TODAY)]


def test_same_seed_gives_the_same_corpus_and_another_seed_another(content_root: Path) -> None:
    first = _texts(content_root, 40, seed=7)
    assert first == _texts(content_root, 40, seed=7)
    assert first != _texts(content_root, 40, seed=8)


def test_a_larger_corpus_starts_with_the_smaller_one(content_root: Path) -> None:
    # Scale tests compare N and 4N entries: the first N must be the very same entries.
    assert _texts(content_root, 80, seed=1)[:20] == _texts(content_root, 20, seed=1)


def test_generated_entries_pass_the_validator_without_any_problem(content_root: Path) -> None:
    written = write_corpus(content_root, 120, seed=3, today=TODAY)
    corpus = load_corpus(content_root, today=TODAY)
    assert len(corpus.entries) == len(written) == 120
    assert [p.text() for p in corpus.problems] == []
    public_types = {t.key for t in CONTENT_TYPES if not t.internal}
    assert {e.type.key for e in corpus.entries} == public_types
    assert not any(is_internal(e) for e in corpus.entries), "internal entries only on request"


def test_an_internal_share_makes_that_share_internal_and_still_valid(content_root: Path) -> None:
    # The benchmark's public build with 10 % internal entries: they must be valid (named
    # persons with consent, no public entry naming an internal one) and of every internal kind.
    write_corpus(content_root, 120, seed=3, today=TODAY, internal_share=0.1)
    corpus = load_corpus(content_root, today=TODAY)
    assert [p.text() for p in corpus.problems] == []
    internal = [e for e in corpus.entries if is_internal(e)]
    assert len(internal) == 12
    assert {e.type.key for e in corpus.entries} == {t.key for t in CONTENT_TYPES}
    assert any(not e.type.internal for e in internal), "public types marked intern, too"


def _with_booleans(value):
    if isinstance(value, dict):
        return {k: _with_booleans(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_booleans(v) for v in value]
    return {"true": True, "false": False}.get(value, value)


def test_generated_front_matter_matches_the_published_json_schema(content_root: Path) -> None:
    # The JSON Schemas are what editors' tools check against; synthetic entries must pass too.
    vocabularies, _ = load_vocabularies(content_root)
    validators = {
        t.key: Draft202012Validator(entry_schema(t.key, vocabularies)) for t in CONTENT_TYPES
    }
    for entry in synthesize(vocabularies, 40, seed=4, today=TODAY):
        block = entry.text.split("\n---\n", 1)[0].removeprefix("---\n")
        # Every scalar a string, as we parse; `true`/`false` booleans, as editors' tools read.
        data = _with_booleans(yaml.load(block, Loader=yaml.BaseLoader))
        errors = [e.message for e in validators[entry.content_type.key].iter_errors(data)]
        assert errors == [], entry.id


def test_every_vocabulary_term_is_used_at_a_hundred_entries(content_root: Path) -> None:
    write_corpus(content_root, 100, seed=1, today=TODAY, internal_share=0.1)
    corpus = load_corpus(content_root, today=TODAY)
    index = build_index(corpus.entries, corpus.vocabularies)
    unused = [
        f"{taxonomy.name}:{term.id}"
        for taxonomy in index.taxonomies
        for term in taxonomy.vocabulary.terms
        if index.count(taxonomy, term) == 0
    ]
    # `visibility: oeffentlich` is what a missing field means; nobody needs to write it.
    assert unused == ["visibility:oeffentlich"]
    assert {t.name for t in index.taxonomies} == set(corpus.vocabularies)


def test_bodies_have_500_to_800_words_and_structure(content_root: Path) -> None:
    vocabularies, _ = load_vocabularies(content_root)
    for entry in synthesize(vocabularies, 60, seed=5, today=TODAY):
        body = entry.text.split("\n---\n", 1)[1]
        assert WORDS_MIN <= count_words(body) <= WORDS_MAX, entry.id
        assert "\n## " in body and "](https://" in body and "!!! note" in body


def test_praxis_synth_writes_a_valid_corpus_and_never_into_existing_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "korpus"
    assert main(["synth", "--count", "12", "--seed", "2", "--out", str(out)]) == 0
    assert (out / "content" / "vocabularies" / "topics.yml").is_file()
    assert len(list(out.rglob("*.md"))) == 12
    assert main(["--root", str(out), "check"]) == 0
    assert main(["synth", "--count", "3", "--out", str(out)]) == 2
    assert "enthält schon Einträge" in capsys.readouterr().err
    assert len(list(out.rglob("*.md"))) == 12
