"""`praxis new`: a template with every field that fails the check until it is filled in."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from praxis.cli import main
from praxis.content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.scaffold import (
    BODY_HINT,
    BODY_SECTIONS,
    ScaffoldError,
    entry_id_from_title,
    plan_entry,
    unique_entry_id,
    write_entry,
)
from praxis.schema import FIELD_BY_NAME, Field, Kind, fields_for
from praxis.vocabulary import load_vocabularies

TODAY = dt.date(2026, 11, 2)
# An empty `regions: []` of an advice centre also leaves it without a Land (region-missing).
PLACEHOLDER_RULES = {"field-empty", "field-required", "body-template-hint", "region-missing"}
VALUES = {
    "praxisbeispiel": {
        "modules": ["modul-1"],
        "topics": ["hassrede"],
        "target_groups": ["verwaltung"],
        "municipality.state": "bayern",
    },
    "empfehlung": {"modules": ["modul-2"]},
    "material": {"formats": ["online"], "topics": ["rassismus", "hassrede"]},
    "veranstaltung": {"modules": ["modul-3a"], "event_kind": "austauschtreffen"},
    "beratungsstelle": {"help_kinds": ["opferberatung"], "regions": ["sachsen"]},
    "kommune": {"municipality.state": "hessen"},
    "netzwerk": {"topics": ["rechtsextremismus"]},
    "gesuch": {"modules": ["modul-3a"], "request_kind": "angebot"},
    "austauschprotokoll": {"modules": ["modul-3a"]},
}


def vocabularies(root: Path):
    found, problems = load_vocabularies(root)
    assert problems == []
    return found


def problems_of(root: Path, path: Path):
    return load_corpus(root, only=[path], today=TODAY).problems


def _example_yaml(spec: Field) -> str:
    if spec.kind in (Kind.TERMS, Kind.ENTRY_IDS):
        return "[" + ", ".join(spec.example) + "]"
    if spec.kind in (Kind.TEXT, Kind.PHONE):
        return json.dumps(spec.example, ensure_ascii=False)
    return str(spec.example)


# Fields naming another entry (`profile`, `network`), top-level or in a block.
REFERENCES = {
    spec.name for top in FIELD_BY_NAME.values() for spec in (top, *top.children) if spec.refers_to
}

# A named person is allowed in internal entries only, and with consent (`personal-name`).
NEEDS_CONSENT = {"person"}


def fill_in(text: str, content_type: str) -> str:
    """Do what an editor does: replace every placeholder with a real value or text."""
    fields = {f.name: f for f in fields_for(content_type)}
    lines, parent = [], None
    for line in text.split("\n"):
        match = re.match(r"^(\s*)(- )?(\w+): (\"\"|\[\])$", line)
        if match and match.group(3) in REFERENCES:
            continue  # optional, and names an entry that must exist: the editor deletes it
        if match and match.group(3) in NEEDS_CONSENT:
            continue  # a person's name needs documented consent: the editor deletes it
        if match:
            indent, dash, key, empty = match.groups()
            spec = fields[key] if not indent else parent.child(key)
            if empty == '""' or spec.required(content_type):
                line = f"{indent}{dash or ''}{key}: {_example_yaml(spec)}"
        elif re.match(r"^\w+:$", line):
            parent = fields[line[:-1]]
        elif line.startswith(BODY_HINT):
            line = "Die Verwaltung hat mit den Beratungsstellen einen festen Ablauf vereinbart."
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("content_type", [t.key for t in CONTENT_TYPES])
def test_template_fails_until_filled_then_passes(content_root: Path, content_type: str) -> None:
    entry = plan_entry(
        content_root,
        content_type,
        "Runder Tisch gegen Hass in Talheim",
        vocabularies(content_root),
        VALUES[content_type],
        TODAY,
    )
    write_entry(entry)
    assert entry.path.parent == content_root / CONTENT_TYPE_BY_KEY[content_type].folder

    unfilled = problems_of(content_root, entry.path)
    assert unfilled, "an unfilled template must never pass the check"
    assert {p.rule for p in unfilled} <= PLACEHOLDER_RULES
    file_lines = entry.text.split("\n")
    for problem in unfilled:  # every problem points at a placeholder the editor can see
        line = file_lines[problem.line - 1]
        assert '""' in line or line.endswith("[]") or line.startswith(BODY_HINT), problem

    entry.path.write_text(fill_in(entry.text, content_type), encoding="utf-8")
    assert [p for p in problems_of(content_root, entry.path) if p.is_error] == []


@pytest.mark.parametrize("content_type", [t.key for t in CONTENT_TYPES])
def test_template_names_every_field_and_lists_every_allowed_id(
    content_root: Path, content_type: str
) -> None:
    vocabs = vocabularies(content_root)
    text = plan_entry(content_root, content_type, "Titel", vocabs, today=TODAY).text
    for spec in fields_for(content_type):
        assert re.search(rf"^{spec.name}:", text, re.M), spec.name
        for child in spec.children:
            assert re.search(rf"^\s+(- )?{child.name}:", text, re.M), child.name
        if spec.vocabulary:
            for term in vocabs[spec.vocabulary].terms:
                assert re.search(
                    rf"^#\s+{re.escape(term.id)}\s+{re.escape(term.label)}$", text, re.M
                )
    for section in BODY_SECTIONS[content_type]:
        assert f"\n## {section.title}\n" in text


def test_practice_sections_are_the_recommended_ones() -> None:
    assert [s.title for s in BODY_SECTIONS["praxisbeispiel"]] == [
        "Ausgangslage",
        "Ziele",
        "Vorgehen",
        "Beteiligte",
        "Ergebnisse und Wirkung",
        "Stolpersteine",
        "Übertragbarkeit",
        "Kontakt",
    ]


def test_given_values_are_written_and_quoted_safely(content_root: Path) -> None:
    title = 'Zitat: "Nie wieder" – #Hass & Hetze'
    entry = plan_entry(
        content_root,
        "praxisbeispiel",
        title,
        vocabularies(content_root),
        {"municipality.name": "Gemeinde Öd: Nord", "topics": ["hassrede"]},
        TODAY,
    )
    write_entry(entry)
    parsed = load_corpus(content_root, today=TODAY).entries[0]
    assert parsed.fields["title"] == title
    assert parsed.fields["municipality"]["name"] == "Gemeinde Öd: Nord"
    assert parsed.fields["topics"] == ["hassrede"]
    assert parsed.fields["published"] == TODAY


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Öffentlichkeitsarbeit für Großstädte", "oeffentlichkeitsarbeit-fuer-grossstaedte"),
        ("Ümit's Übersicht: Maßnahmen!", "uemits-uebersicht-massnahmen"),
        ("ÄRGER über Hass", "aerger-ueber-hass"),
        ("!!!", "eintrag"),
    ],
)
def test_id_is_derived_from_the_title_with_german_transliteration(
    title: str, expected: str
) -> None:
    assert entry_id_from_title(title) == expected


def test_long_titles_give_short_ids_cut_at_a_word() -> None:
    entry_id = entry_id_from_title("Kommunale Allianz " * 10)
    assert len(entry_id) <= 60
    assert entry_id.endswith("allianz")


def test_ids_never_collide_across_all_three_folders(content_root: Path) -> None:
    vocabs = vocabularies(content_root)
    (content_root / "content/trainings/runder-tisch.md").write_text("x", encoding="utf-8")
    (content_root / "content/recommendations/runder-tisch-2.md").write_text("x", encoding="utf-8")
    first = plan_entry(content_root, "praxisbeispiel", "Runder Tisch", vocabs, today=TODAY)
    assert first.entry_id == "runder-tisch-3"
    write_entry(first)
    second = plan_entry(content_root, "empfehlung", "Runder Tisch", vocabs, today=TODAY)
    assert second.entry_id == "runder-tisch-4"


def test_reserved_ids_get_a_suffix() -> None:
    assert unique_entry_id("index", set()) == "index-2"
    assert unique_entry_id("seite-2", {"seite-2-2"}) == "seite-2-3"


def test_an_advice_centre_named_like_a_land_gets_an_id_its_land_page_does_not_have(
    content_root: Path,
) -> None:
    entry = plan_entry(
        content_root, "beratungsstelle", "Sachsen", vocabularies(content_root), today=TODAY
    )
    assert entry.entry_id == "sachsen-2"  # /hilfe/sachsen/ is the page of the Land


def test_an_own_id_longer_than_the_check_allows_is_refused(content_root: Path) -> None:
    with pytest.raises(ScaffoldError, match="höchstens 80 Zeichen"):
        plan_entry(content_root, "material", "Kurs", vocabularies(content_root), entry_id="a" * 81)


def test_suffix_keeps_the_id_short() -> None:
    base = "a" * 60
    assert unique_entry_id(base, {base}) == "a" * 58 + "-2"


def test_existing_file_is_never_overwritten(content_root: Path) -> None:
    entry = plan_entry(content_root, "material", "Kurs", vocabularies(content_root), today=TODAY)
    entry.path.write_text("Eigener Text", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_entry(entry)
    assert entry.path.read_text(encoding="utf-8") == "Eigener Text"


# --- command line ------------------------------------------------------------------------------


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def test_new_with_flags_creates_the_file(
    content_root: Path, no_terminal: None, capsys: pytest.CaptureFixture
) -> None:
    code = main(
        [
            "--root",
            str(content_root),
            "new",
            "praxisbeispiel",
            "Clearingstelle Süd",
            "--modul",
            "modul-2",
            "--thema",
            "clearingverfahren,Meldestellen",
            "--thema",
            "hassrede",
            "--zielgruppe",
            "Kommunalverwaltung",
            "--bundesland",
            "Baden-Württemberg",
            "--kommunentyp",
            "landkreis",
            "--kommune",
            "Landkreis Talheim",
            "--beispiel",
        ]
    )
    assert code == 0
    path = content_root / "practices" / "clearingstelle-sued.md"
    out = capsys.readouterr().out
    assert "Angelegt: practices/clearingstelle-sued.md" in out
    # `praxis` is not on the PATH: the next step names commands that work in the project folder.
    assert "make check" in out
    assert ".venv/bin/praxis check practices/clearingstelle-sued.md" in out
    assert not re.search(r"(?<![/\w])praxis check", out)
    entry = load_corpus(content_root, today=TODAY).entries[0]
    assert entry.path == "practices/clearingstelle-sued.md"
    assert entry.fields["topics"] == ["clearingverfahren", "meldestellen", "hassrede"]
    assert entry.fields["target_groups"] == ["verwaltung"]
    assert entry.fields["municipality"] == {
        "name": "Landkreis Talheim",
        "type": "landkreis",
        "state": "baden-wuerttemberg",
    }
    assert entry.example is True
    assert path.read_text(encoding="utf-8").startswith("---\n# Neuer Eintrag: Praxisbeispiel.")


def test_missing_flags_without_a_terminal_leave_placeholders(
    content_root: Path, no_terminal: None
) -> None:
    assert main(["--root", str(content_root), "new", "empfehlung", "Lagebild"]) == 0
    path = content_root / "content" / "recommendations" / "lagebild.md"
    rules = {p.rule for p in problems_of(content_root, path)}
    assert "field-required" in rules  # modules, topics, target_groups are still []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["praxisbeispiel", "T", "--thema", "hassrde"], "Meinten Sie „hassrede“?"),
        (["empfehlung", "T", "--format", "online"], "--format gibt es nicht für Empfehlung"),
        (["material", "   "], "Der Titel ist leer"),
        (["material", "T", "--kennung", "Mein_Eintrag"], "nicht erlaubt"),
        (["praxisbeispiel"], "Bitte Art und Titel angeben"),
    ],
)
def test_wrong_values_are_usage_errors_in_german(
    content_root: Path,
    no_terminal: None,
    capsys: pytest.CaptureFixture,
    args: list[str],
    message: str,
) -> None:
    assert main(["--root", str(content_root), "new", *args]) == 2
    assert message in capsys.readouterr().err
    assert not list(content_root.glob("practices/*.md"))
    assert not list(content_root.glob("content/*/*.md"))


def test_own_id_that_exists_is_refused_with_a_free_alternative(
    content_root: Path, no_terminal: None, capsys: pytest.CaptureFixture
) -> None:
    (content_root / "practices" / "talheim.md").write_text("x", encoding="utf-8")
    assert main(["--root", str(content_root), "new", "material", "T", "--kennung", "talheim"]) == 2
    assert "Frei wäre: talheim-2" in capsys.readouterr().err


def test_draft_flag_and_values_of_other_types(content_root: Path, no_terminal: None) -> None:
    root = str(content_root)
    assert main(["--root", root, "new", "material", "Kurs", "--entwurf", "--format", "online"]) == 0
    entry = load_corpus(content_root, today=TODAY).entries[0]
    assert (entry.draft, entry.example, entry.fields["formats"]) == (True, False, ["online"])
    with pytest.raises(ScaffoldError, match="`formats` gibt es nicht für Empfehlung"):
        plan_entry(content_root, "empfehlung", "T", vocabularies(content_root),
                   {"formats": ["online"]})  # fmt: skip


def test_print_only_writes_no_file(
    content_root: Path, no_terminal: None, capsys: pytest.CaptureFixture
) -> None:
    assert main(["--root", str(content_root), "new", "material", "Kurs", "--ausgeben"]) == 0
    assert capsys.readouterr().out.startswith("---\n# Neuer Eintrag: Material.")
    assert not list((content_root / "content" / "trainings").iterdir())


# --- interactive, through a pseudo-terminal ----------------------------------------------------


class Terminal:
    """A tiny expect: run a command on a pseudo-terminal, wait for text, type answers."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = os.openpty()
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"did not see {text!r}; screen:\n{self.seen[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"ended before {text!r}; screen:\n{self.seen[-2000:]}")
                self.seen += chunk.decode("utf-8", "replace")
        self.seen = self.seen[self.seen.index(text) + len(text) :]

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def close(self) -> int:
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        os.close(self.master)
        return code


def test_interactive_mode_asks_for_what_is_missing(content_root: Path) -> None:
    term = Terminal([sys.executable, "-m", "praxis", "new"], content_root)
    try:
        term.expect("Ihre Wahl (1, 2 oder 3): ")
        term.answer("1")
        term.expect("Titel des Eintrags: ")
        term.answer("Runder Tisch gegen Hass in Großstadt")
        term.expect("Kurzbeschreibung (leer lassen: später ausfüllen): ")
        term.answer("Ein Runder Tisch bringt Verwaltung und Beratung zusammen.")
        term.expect("Ihre Wahl (Nummern mit Komma")  # modules
        term.answer("1, 3")
        term.expect("Ihre Wahl (Nummern mit Komma")  # topics
        term.answer("99")
        term.expect("Die Nummer 99 gibt es nicht")
        term.answer("hassrede")
        term.expect("Ihre Wahl (Nummern mit Komma")  # target groups
        term.answer("")
        term.expect("Bitte wählen Sie mindestens einen Eintrag.")
        term.answer("1")
        term.expect("leer lassen: keine Angabe")  # actors are optional
        term.answer("")
        term.expect("Name (leer lassen: später ausfüllen): ")
        term.answer("Stadt Großstadt")
        term.expect("Ihre Wahl (eine Nummer): ")  # municipality type
        term.answer("2")
        term.expect("Ihre Wahl (eine Nummer): ")  # state
        term.answer("berlin")
        term.expect("Stelle (leer lassen: später ausfüllen): ")
        term.answer("")
        term.expect("Angelegt: practices/runder-tisch-gegen-hass-in-grossstadt.md")
    finally:
        code = term.close()
    assert code == 0
    entry = load_corpus(content_root, today=TODAY).entries[0]
    assert entry.fields["modules"] == ["modul-1", "modul-3"]
    assert entry.fields["topics"] == ["hassrede"]
    assert entry.fields["target_groups"] == ["verwaltung"]
    assert entry.fields["municipality"] == {
        "name": "Stadt Großstadt",
        "type": "kreisfreie-stadt",
        "state": "berlin",
    }
    assert entry.fields["summary"].startswith("Ein Runder Tisch")


def test_interactive_mode_is_skipped_when_flags_give_everything(content_root: Path) -> None:
    term = Terminal(
        [
            sys.executable,
            "-m",
            "praxis",
            "new",
            "empfehlung",
            "Lagebild",
            "--modul",
            "modul-2",
            "--thema",
            "lagebild",
            "--zielgruppe",
            "verwaltung",
        ],
        content_root,
    )
    try:
        term.expect("Angelegt: content/recommendations/lagebild.md")
    finally:
        assert term.close() == 0


def test_end_of_input_aborts_without_a_file(content_root: Path) -> None:
    term = Terminal([sys.executable, "-m", "praxis", "new", "material"], content_root)
    try:
        term.expect("Titel des Eintrags: ")
        os.write(term.master, b"\x04")  # Ctrl-D
        term.expect("Abgebrochen")
    finally:
        assert term.close() == 130
    assert not list((content_root / "content" / "trainings").iterdir())


def test_field_table_still_has_the_fields_the_scaffold_asks_for() -> None:
    from praxis.scaffold import FLAG_FOR_FIELD, field_at

    for dotted in FLAG_FOR_FIELD:
        assert any(field_at(t.key, dotted) for t in CONTENT_TYPES), dotted
    assert FIELD_BY_NAME["published"].kind is Kind.DATE
