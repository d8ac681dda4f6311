"""Which edition shows what: the public one never an internal entry or page, the internal one all.

Editors mark entries and hand-written pages `visibility: intern`; requests/offers and exchange
reports are internal by type. These tests state what the check and the edition view promise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from praxis.corpus import load_corpus
from praxis.editions import (
    EDITION_VARIABLE,
    INTERNAL,
    PUBLIC,
    EditionError,
    choose_edition,
    edition_types,
    internal_pages,
)

TODAY = dt.date(2026, 11, 22)
CASES = Path(__file__).parent / "corpus" / "bad"
PUBLIC_ENTRY = (CASES / "related-missing" / "practices" / "related-missing.md").read_text("utf-8")
REQUEST = (
    CASES / "visibility-link" / "content" / "gesuche" / "gesuch-meldestelle-land.md"
).read_text("utf-8")


def _public(related: str = "", extra: str = "") -> str:
    text = PUBLIC_ENTRY.replace("related: [gibt-es-nicht]\n", related)
    return text.replace("example: true\n", f"example: true\n{extra}")


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_the_edition_comes_from_the_environment_then_the_option_and_is_public_by_default() -> None:
    assert choose_edition("", {}) == PUBLIC
    assert choose_edition(INTERNAL, {}) == INTERNAL
    assert choose_edition(PUBLIC, {EDITION_VARIABLE: INTERNAL}) == INTERNAL


def test_a_misspelt_edition_stops_instead_of_building_another() -> None:
    with pytest.raises(EditionError, match="Unbekannte Ausgabe `internal` in PRAXIS_AUSGABE"):
        choose_edition("", {EDITION_VARIABLE: "internal"})


def test_the_public_view_leaves_out_internal_entries_and_types(content_root: Path) -> None:
    _write(content_root, "practices/oeffentlich.md", _public())
    _write(content_root, "practices/vertraulich.md", _public(extra="visibility: intern\n"))
    _write(content_root, "practices/ausdruecklich.md", _public(extra="visibility: oeffentlich\n"))
    _write(content_root, "content/gesuche/gesuch.md", REQUEST)
    corpus = load_corpus(content_root, today=TODAY)
    assert corpus.errors == []
    public = {e.id for e in corpus.for_edition(PUBLIC).entries}
    assert public == {"oeffentlich", "ausdruecklich"}
    everything = {e.id for e in corpus.for_edition(INTERNAL).entries}
    assert everything == {"oeffentlich", "ausdruecklich", "vertraulich", "gesuch"}
    assert all(not t.internal for t in edition_types(PUBLIC))
    assert {t.key for t in edition_types(INTERNAL)} >= {"gesuch", "austauschprotokoll"}


def test_an_unknown_visibility_is_an_error_with_its_line(content_root: Path) -> None:
    _write(content_root, "practices/geheim.md", _public(extra="visibility: geheim\n"))
    problems = [(p.path, p.line, p.rule) for p in load_corpus(content_root, today=TODAY).errors]
    assert problems == [("practices/geheim.md", 18, "vocabulary-term")]


def test_internal_types_have_no_visibility_to_set(content_root: Path) -> None:
    # A request is internal by its type; `visibility: oeffentlich` must not publish it.
    text = REQUEST.replace("example: true\n", "example: true\nvisibility: oeffentlich\n")
    _write(content_root, "content/gesuche/gesuch.md", text)
    rules = {p.rule for p in load_corpus(content_root, today=TODAY).errors}
    assert rules == {"field-unknown"}


def test_a_public_event_naming_an_internal_network_is_an_error(content_root: Path) -> None:
    network = (REPO_CONTENT / "netzwerke" / "facharbeitskreis-rechtsextremismus.md").read_text(
        "utf-8"
    )
    event = REPO_CONTENT / "veranstaltungen" / "facharbeitskreis-rechtsextremismus-maerz-2027.md"
    _write(
        content_root,
        "content/netzwerke/facharbeitskreis-rechtsextremismus.md",
        _without_related(network).replace("example: true\n", "example: true\nvisibility: intern\n"),
    )
    text = _without_related(event.read_text("utf-8"))
    _write(content_root, "content/veranstaltungen/treffen.md", text)
    errors = load_corpus(content_root, today=TODAY).errors
    line = 1 + text.split("\n").index(
        next(line for line in text.split("\n") if line.startswith("network:"))
    )
    assert [(p.path, p.line, p.rule) for p in errors] == [
        ("content/veranstaltungen/treffen.md", line, "visibility-link")
    ]
    assert "interner Eintrag" in errors[0].message


def test_an_internal_entry_may_name_a_consenting_person_and_link_public_ones(
    content_root: Path,
) -> None:
    _write(content_root, "practices/oeffentlich.md", _public())
    request = REQUEST.replace(
        "  email: integration@landkreis-talheim.example\n",
        "  email: integration@landkreis-talheim.example\n  person: Maria Beispiel (fiktiv)\n"
        "  consent: true\n  consent_date: 2026-09-30\n",
    ).replace("example: true\n", "example: true\nrelated: [oeffentlich]\n")
    _write(content_root, "content/gesuche/gesuch.md", request)
    assert load_corpus(content_root, today=TODAY).errors == []


def test_hand_written_pages_marked_intern_are_found_and_wrong_values_reported(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    _write(docs, "offen.md", "# Offen\n\nFür alle.\n")
    _write(docs, "austausch/index.md", "---\nvisibility: intern\n---\n\n# Unter uns\n\nText.\n")
    _write(docs, "titel.md", "---\ntitle: Vertraulich\nvisibility: intern\n---\n\nText.\n")
    _write(docs, "falsch.md", "---\ntitle: Falsch\nvisibility: privat\n---\n\nText.\n")
    pages, problems = internal_pages(docs)
    assert [(p.src_uri, p.title) for p in pages] == [
        ("austausch/index.md", "Unter uns"),
        ("titel.md", "Vertraulich"),
    ]
    assert [(p.path, p.line, p.rule) for p in problems] == [
        ("docs/falsch.md", 3, "visibility-value")
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nVisibility: intern\n---\n\nText.\n", 2),
        ("---\ntitle: X\nvisiblity: intern\n---\n\nText.\n", 3),
        ("---\nsichtbarkeit: intern\n---\n\nText.\n", 2),
        ("\n---\nvisibility: intern\n---\n\nText.\n", 1),
    ],
)
def test_a_page_meant_to_be_internal_but_not_read_so_is_an_error(
    tmp_path: Path, text: str, line: int
) -> None:
    """A typo in the key, or the block not on line 1, would publish the page: never silently."""
    docs = tmp_path / "docs"
    _write(docs, "absprachen.md", text)
    pages, problems = internal_pages(docs)
    assert pages == []
    assert [(p.path, p.line, p.rule) for p in problems] == [
        ("docs/absprachen.md", line, "visibility-value")
    ]


REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"


def _without_related(text: str) -> str:
    """An example entry on its own: its `related` entries are not in the test's content."""
    return "\n".join(line for line in text.split("\n") if not line.startswith("related:"))


@pytest.mark.parametrize(
    ("today", "expected"), [(dt.date(2027, 6, 30), []), (dt.date(2027, 7, 1), ["valid-until"])]
)
def test_a_request_past_its_date_is_reported_for_deletion(
    content_root: Path, today: dt.date, expected: list[str]
) -> None:
    _write(content_root, "content/gesuche/gesuch.md", REQUEST)
    problems = load_corpus(content_root, today=today).problems
    assert [p.rule for p in problems] == expected
    assert all(not p.is_error for p in problems)
    if expected:
        assert problems[0].line == REQUEST.split("\n").index("valid_until: 2027-06-30") + 1


def test_files_only_internal_pages_link_to_stay_out_of_the_public_edition(tmp_path: Path) -> None:
    from praxis.editions import internal_only_files

    docs = tmp_path / "docs"
    _write(docs, "austausch.md", "---\nvisibility: intern\n---\n\n[Liste](anlagen/kontakte.csv)\n")
    _write(docs, "anlagen/kontakte.csv", "Name;Telefon\n")
    _write(docs, "offen.md", "# Offen\n\n![Plakat](anlagen/plakat.png) [L](anlagen/beide.pdf)\n")
    _write(docs, "anlagen/plakat.png", "x")
    _write(docs, "anlagen/beide.pdf", "x")
    _write(docs, "kreis/index.md", "---\nvisibility: intern\n---\n\n# Kreis\n")
    _write(docs, "kreis/protokoll.pdf", "x")
    _write(docs, "intern2.md", '---\nvisibility: intern\n---\n\n<a href="anlagen/beide.pdf">x</a>')
    pages, _ = internal_pages(docs)
    assert internal_only_files(docs, pages) == ["anlagen/kontakte.csv", "kreis/protokoll.pdf"]


def test_an_expired_request_says_so_and_no_longer_names_its_contact_person() -> None:
    import datetime as dt

    from praxis.render import SiteRenderer
    from praxis.taxonomy import build_index

    corpus = load_corpus(REPO_CONTENT.parent, today=dt.date(2026, 11, 30))
    index = build_index(corpus.published, corpus.vocabularies)

    def rows(today: dt.date) -> dict[str, list[str]]:
        renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, today=today)
        entry = renderer.by_id["gesuch-meldestelle-laendlicher-raum"]
        return {r["field"]: [v["text"] for v in r["values"]] for r in renderer.field_rows(entry)}

    current, expired = rows(dt.date(2027, 1, 1)), rows(dt.date(2027, 7, 1))
    assert any(text.startswith("Ansprechperson:") for text in current["contact"])
    assert not any(text.startswith("Ansprechperson:") for text in expired["contact"])
    assert expired["valid_until"] == ["30.06.2027 – abgelaufen"]
    assert current["valid_until"] == ["30.06.2027"]
