"""What `praxis check PATH…` looks at, and the operator's vocabularies checked like content.

A named folder is walked exactly like the full check walks it, and the check never reports
less for a file or folder than the full check reports for it. Nothing is skipped in silence:
hidden entry files and files that are no regular files are named, and none is waited on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.cli import main
from site_build import copy_project, strict_build

REPO = Path(__file__).resolve().parent.parent
BAD = REPO / "tests/corpus/bad/body-attr-onclick/practices/body-attr-onclick.md"
GOOD = REPO / "tests/corpus/bad/date-future/practices/date-future.md"


def _good_text() -> str:
    return GOOD.read_text("utf-8").replace("reviewed: 2099-01-01", "reviewed: 2026-02-01")


@pytest.fixture
def project(content_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(BAD, content_root / "practices" / "kaputt.md")
    (content_root / "practices" / "gut.md").write_text(_good_text(), "utf-8")
    monkeypatch.chdir(content_root)
    return content_root


def _check(capsys: pytest.CaptureFixture, *paths: str) -> tuple[int, list[str], str]:
    code = main(["check", *paths])
    captured = capsys.readouterr()
    return code, [line for line in captured.out.splitlines() if ": Fehler: " in line], captured.err


@pytest.mark.parametrize("named", [".", "practices", "practices/", "./practices/../practices"])
def test_a_folder_reports_what_the_full_check_reports_there(
    project: Path, capsys: pytest.CaptureFixture, named: str
) -> None:
    full_code, full, _ = _check(capsys)
    code, found, summary = _check(capsys, named)
    assert full_code == code == 1
    assert found == [line for line in full if line.startswith("practices/")] or named == "."
    assert found and all("kaputt.md" in line for line in found)
    if named == ".":
        assert found == full
        assert "Geprüft: 2 Dateien" in summary


def test_a_file_reports_exactly_its_own_problems(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    code, found, summary = _check(capsys, "practices/kaputt.md")
    assert code == 1 and found and all(line.startswith("practices/kaputt.md:") for line in found)
    assert "Geprüft: 1 Datei," in summary
    assert _check(capsys, "practices/gut.md")[0] == 0


def test_a_file_outside_the_entry_folders_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    (project / "notiz.md").write_text(_good_text(), "utf-8")
    code, _, err = _check(capsys, "notiz.md")
    assert code == 2 and "in keinem Eintragsordner" in err


def test_a_hidden_entry_file_is_named_not_skipped(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    (project / "practices" / ".entwurf.md").write_text(_good_text(), "utf-8")
    (project / "practices" / ".DS_Store").write_bytes(b"\x00\x01")
    code, found, _ = _check(capsys, "practices")
    hidden = [line for line in found if line.startswith("practices/.entwurf.md:1:")]
    assert code == 1 and len(hidden) == 1 and "versteckte Datei" in hidden[0]
    assert "entwurf.md" in hidden[0].split("etwa in", 1)[1]
    assert not [line for line in found if ".DS_Store" in line]


def test_a_named_pipe_is_reported_and_never_blocks_the_check(project: Path) -> None:
    os.mkfifo(project / "practices" / "rohr.md")
    result = subprocess.run(
        [sys.executable, "-m", "praxis", "check", "practices"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "practices/rohr.md:1: Fehler: Das ist keine gewöhnliche Datei" in result.stdout


# -- vocabularies --------------------------------------------------------------------------


def _vocabulary_problems(root: Path) -> list[tuple[str, int, str]]:
    from praxis.vocabulary import load_vocabularies

    _, problems = load_vocabularies(root)
    return [(p.path, p.line, p.message) for p in problems]


def _edit(root: Path, name: str, old: str, new: str) -> Path:
    path = root / "content" / "vocabularies" / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("../../ausserhalb", "nicht erlaubt"),
        ("/etc", "nicht erlaubt"),
        ("themen/unter", "nicht erlaubt"),
        ("Themen", "nicht erlaubt"),
        ("praxisbeispiele", "schon für"),
        ("assets", "schon für"),
        ("module", "schon für"),
    ],
)
def test_a_vocabulary_path_must_be_one_free_folder_name(
    content_root: Path, path: str, reason: str
) -> None:
    file = _edit(content_root, "topics.yml", "path: themen", f"path: {path}")
    problems = _vocabulary_problems(content_root)
    assert [(p, line) for p, line, _ in problems] == [
        ("content/vocabularies/topics.yml", _line_of(file, "path:"))
    ]
    assert reason in problems[0][2]


@pytest.mark.parametrize("term_id", ["index", "seite-2"])
def test_term_ids_that_name_other_pages_are_refused(content_root: Path, term_id: str) -> None:
    file = _edit(content_root, "topics.yml", "id: hassrede", f"id: {term_id}")
    problems = _vocabulary_problems(content_root)
    assert [(p, line) for p, line, _ in problems] == [
        ("content/vocabularies/topics.yml", _line_of(file, f"id: {term_id}"))
    ]
    assert "reserviert" in problems[0][2]


def test_a_hand_written_page_that_would_replace_a_generated_one_fails_the_build(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "themen.md").write_text("# Themen\n\nEigene Seite.\n", "utf-8")
    result = strict_build(project, tmp_path / "s")
    assert result.returncode == 1
    # The check finds it first: the vocabulary's path is the new page's address.
    assert (
        "content/vocabularies/topics.yml:3: Fehler: Der Pfad `themen` wird schon für die Seite "
        "docs/themen.md verwendet" in result.stderr
    )
    assert "Traceback" not in result.stderr


# -- smaller promises ----------------------------------------------------------------------


def test_a_decomposed_file_name_gets_the_german_suggestion() -> None:
    from unicodedata import normalize

    from praxis.rules.files import suggest_file_name

    assert suggest_file_name(normalize("NFD", "Übung für Ämter.md")) == "uebung-fuer-aemter.md"


def test_a_very_long_key_is_named_as_such(content_root: Path) -> None:
    from praxis.frontmatter import parse

    text = "---\ntitle: x\n" + "schluessel" * 120 + ": wert\n---\nText\n"
    (problem,) = parse(text, "practices/x.md")[1]
    assert problem.line == 3 and "Feldname ist 1200 Zeichen lang" in problem.message


def test_terms_carry_their_synonyms(content_root: Path) -> None:
    from praxis.vocabulary import load_vocabularies

    vocabularies, problems = load_vocabularies(content_root)
    assert problems == []
    assert "Hass im Netz" in vocabularies["topics"].get("hassrede").synonyms


@pytest.mark.parametrize(
    ("synonyms", "reason"),
    [("Hetze", "ist eine Liste"), ("[Hetze, hetze]", "doppelt"), ('["<b>x</b>"]', "ohne `<`")],
)
def test_bad_synonyms_are_reported_at_their_line(
    content_root: Path, synonyms: str, reason: str
) -> None:
    file = _edit(
        content_root,
        "topics.yml",
        "synonyms: [Hass im Netz, Hetze, Hasskommentare, Hate Speech, Hasskriminalität, "
        "Hate Crime, Hasspostings]",
        f"synonyms: {synonyms}",
    )
    problems = _vocabulary_problems(content_root)
    assert [(p, line) for p, line, _ in problems] == [
        ("content/vocabularies/topics.yml", _line_of(file, f"synonyms: {synonyms}"))
    ]
    assert reason in problems[0][2]


@pytest.mark.parametrize(
    ("term", "old", "new"),
    [
        ("antisemitismus", "label: Antisemitismus", 'label: "Anti<b>semi</b>tismus"'),
        (
            "rassismus",
            "description: Rassismus in seinen individuellen, institutionellen und strukturellen "
            "Formen.",
            "description: Rassismus, siehe [Mehr](javascript:alert(1)).",
        ),
    ],
)
def test_vocabulary_texts_are_plain_text(content_root: Path, term: str, old: str, new: str) -> None:
    file = _edit(content_root, "topics.yml", old, new)
    problems = _vocabulary_problems(content_root)
    assert [(p, line) for p, line, _ in problems] == [
        ("content/vocabularies/topics.yml", _line_of(file, f"- id: {term}"))
    ]
    assert "reiner Text" in problems[0][2]


def test_vocabulary_text_stays_literal_in_the_guide(tmp_path: Path) -> None:
    """The guide lists every term in Markdown tables; braces, stars or brackets in a description
    are text there, not an attribute list or emphasis, so check and build agree."""
    project = copy_project(tmp_path / "project")
    topics = project / "content" / "vocabularies" / "topics.yml"
    lines = topics.read_text("utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if "description: Rassismus in seinen" in line]
    lines[index] = '    description: "Rassismus {: onclick=alert(1) } *Formen* [x] _y_"'
    topics.write_text("\n".join(lines), "utf-8")
    assert _vocabulary_problems(project) == []
    result = strict_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    guide = (tmp_path / "site" / "mitwirken" / "felder" / "index.html").read_text("utf-8")
    assert "Rassismus {: onclick=alert(1) } *Formen* [x] _y_" in guide


def test_a_broken_vocabulary_is_one_error_at_its_line_not_one_per_entry(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    file = _edit(project, "topics.yml", "label: Hassrede", "label: [Hassrede")
    code, errors, _ = _check(capsys)
    assert code == 1
    vocabulary = [e for e in errors if e.startswith("content/vocabularies/")]
    assert vocabulary == [e for e in errors if "topics.yml" in e]
    assert len(vocabulary) == 1 and vocabulary[0].startswith(
        f"content/vocabularies/topics.yml:{_line_of(file, 'label: [Hassrede')}: Fehler: Die Datei"
    )
    assert not [e for e in errors if "vocabulary-missing" in e]


def test_checking_one_entry_names_the_broken_vocabulary_it_depends_on(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    _edit(project, "topics.yml", "label: Hassrede", "label: [Hassrede")
    code, errors, _ = _check(capsys, "practices/gut.md")
    assert code == 1
    assert [e.split(":")[0] for e in errors] == ["content/vocabularies/topics.yml"]


def test_a_vocabulary_path_taken_by_a_hand_written_page_is_named_in_the_vocabulary(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    file = _edit(project, "target_groups.yml", "path: zielgruppen", "path: ueber")
    problems = _vocabulary_problems(project)
    assert [(p, line) for p, line, _ in problems] == [
        ("content/vocabularies/target_groups.yml", _line_of(file, "path: ueber"))
    ]
    assert "docs/ueber.md" in problems[0][2]
