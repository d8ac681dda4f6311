"""Valid entries pass without a single problem, and values keep the form they were written in."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from praxis.corpus import load_corpus

REPO = Path(__file__).resolve().parent.parent

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
TODAY = dt.date(2026, 11, 22)
PLACES = {
    "praxisbeispiel-vollstaendig.md": "practices",
    "empfehlung-minimal.md": "content/recommendations",
    "material-vollstaendig.md": "content/trainings",
}


def load_valid(content_root: Path):
    for name, folder in PLACES.items():
        shutil.copy(FIXTURES / name, content_root / folder / name)
    return load_corpus(content_root, today=TODAY)


def test_valid_fixtures_have_no_problems(content_root: Path) -> None:
    corpus = load_valid(content_root)
    assert [p.text() for p in corpus.problems] == []
    assert len(corpus.entries) == 3


def test_values_keep_their_written_form(content_root: Path) -> None:
    entry = next(e for e in load_valid(content_root).entries if e.type.key == "praxisbeispiel")
    assert "Postleitzahl 01067" in entry.summary
    assert entry.summary.endswith("die Antwort no bleiben Text.")
    assert entry.fields["contact"]["phone"] == "0301234567"
    assert entry.fields["published"] == dt.date(2025, 3, 14)
    assert entry.fields["example"] is True
    assert entry.fields["draft"] is False
    assert entry.fields["topics"] == ["hassrede", "rassismus"]


def test_lines_of_keys_and_list_items_are_kept(content_root: Path) -> None:
    entry = next(e for e in load_valid(content_root).entries if e.type.key == "praxisbeispiel")
    assert entry.line_of("title") == 2
    assert entry.line_of("topics", 1) == 9
    assert entry.line_of("municipality", "state") == 16
    assert entry.body_line == 35


def test_bom_and_crlf_are_accepted(content_root: Path) -> None:
    entry = next(e for e in load_valid(content_root).entries if e.type.key == "material")
    assert entry.title == "Material mit BOM und CRLF"
    assert "\r" not in entry.body


def test_shipped_example_content_is_valid_and_complete() -> None:
    corpus = load_corpus(REPO, today=TODAY)
    assert [p.text() for p in corpus.errors] == []
    counts = {key: sum(e.type.key == key for e in corpus.entries) for key in PLACES_KEYS}
    assert counts["praxisbeispiel"] >= 10
    assert counts["empfehlung"] >= 5
    assert counts["material"] >= 5
    assert all(e.example for e in corpus.entries)
    modules = {m for e in corpus.entries for m in e.fields.get("modules", ())}
    assert modules == set(corpus.vocabularies["modules"].ids)
    assert len({t for e in corpus.entries for t in e.fields["topics"]}) >= 12


PLACES_KEYS = ("praxisbeispiel", "empfehlung", "material")


def test_example_entries_have_realistic_length() -> None:
    for entry in load_corpus(REPO, today=TODAY).entries:
        assert len(entry.body.split()) >= 150, entry.path
