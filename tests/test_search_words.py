"""What the build adds to the search documents so that German queries find their entries:
compound parts in both directions, the other form of -ismus nouns and -istisch adjectives, the
halves of "Modul 2: …" labels, a type's other names, and the common words a query drops."""

from __future__ import annotations

import re
from pathlib import Path

from praxis.content_types import CONTENT_TYPE_BY_KEY
from praxis.search_documents import (
    STOP_WORDS,
    Lexicon,
    SearchDocument,
    label_names,
    noun_forms,
    paired_forms,
    search_corpus,
    term_names,
)

REPO = Path(__file__).resolve().parent.parent
SEARCH_JS = REPO / "overrides" / "assets" / "javascripts" / "suche.js"


def test_a_compound_splits_where_the_entries_only_write_the_inflected_part() -> None:
    lexicon = Lexicon([["hass", "reden"], ["strategien", "antirassismus"]])
    assert lexicon.parts("hassrede") == ("hass", "rede")
    assert lexicon.parts("antirassismusstrategie") == ("antirassismus", "strategie")


def test_a_short_word_is_never_split() -> None:
    assert Lexicon([["hass", "rede"]]).parts("hassred") == ()


def test_nouns_in_ismus_and_adjectives_in_istisch_get_each_others_form() -> None:
    found = ["rassistischen", "antirassistische", "extremismus", "rassismus"]
    assert paired_forms(found) == ["antirassismus", "extremistisch", "rassistisch"]


def test_an_adjective_in_isch_gets_its_noun_only_when_the_corpus_uses_the_noun() -> None:
    lexicon = Lexicon([["antisemitismus"], ["politik"]])
    assert noun_forms(["antisemitische", "politische"], lexicon) == ["antisemitismus"]


def test_each_document_is_findable_by_the_other_form() -> None:
    doc = SearchDocument(url="x/", title="Meldestelle", kind="praxisbeispiel", body="rassistische")
    html = search_corpus([doc]).documents["x/"]
    assert "rassismus" in html


def test_a_label_with_a_colon_is_also_named_by_each_half() -> None:
    assert label_names("Modul 2: Antirassistische Strategiekonzepte") == [
        "Modul 2: Antirassistische Strategiekonzepte",
        "Modul 2",
        "Antirassistische Strategiekonzepte",
    ]
    assert label_names("Hassrede") == ["Hassrede"]
    assert label_names("Zeit: ") == ["Zeit: "]


def test_a_query_naming_a_type_by_another_word_finds_its_entries_first() -> None:
    material = CONTENT_TYPE_BY_KEY["material"]
    assert "Schulung" in material.search_names
    names = {n for t in term_names([]) if t["id"] == "material" for n in t["names"]}
    assert {"Schulung", "Workshop", material.singular} <= names


def test_the_browser_drops_exactly_the_common_words_the_index_leaves_out() -> None:
    script = SEARCH_JS.read_text("utf-8")
    block = re.search(r"const STOP_WORDS = new Set\(\((.*?)\)\.split", script, re.DOTALL)
    assert block is not None
    words = set(" ".join(re.findall(r'"([^"]*)"', block[1])).split())
    assert words == STOP_WORDS


def test_a_compound_splits_where_the_entries_only_write_its_first_part_inflected() -> None:
    lexicon = Lexicon([["kommentare", "moderation"], ["beweise", "sicherung"]])
    assert lexicon.parts("kommentarmoderation") == ("kommentar", "moderation")
    assert lexicon.parts("beweissicherung") == ("beweis", "sicherung")


def test_other_names_of_a_type_weigh_no_more_than_a_body_word() -> None:
    doc = SearchDocument(
        url="m/", title="Arbeitshilfe", kind="material", kind_names=("Schulung", "Workshop")
    )
    html = search_corpus([doc]).documents["m/"]
    assert 'data-pagefind-weight="1">Schulung Workshop' in html


def test_words_of_other_languages_are_findable_as_typed_on_a_german_keyboard() -> None:
    from praxis.search_documents import plain_forms

    assert plain_forms(["irkçılığa", "ayrımcılık", "café", "schülerinnen", "привет"]) == [
        "irkciliga",
        "ayrimcilik",
        "cafe",
    ]
    doc = SearchDocument(url="t/", title="Irkçılığa karşı", kind="praxisbeispiel")
    assert "irkciliga" in search_corpus([doc]).documents["t/"]
