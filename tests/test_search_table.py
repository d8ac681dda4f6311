"""The finder's table (suche/eintraege.json) and the search documents it stands beside: every
indexed document once, newest first, title order, facet values as the entries carry them; the
engine's documents without filters, sort keys or heading anchors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.editions import PUBLIC
from praxis.search_documents import (
    SearchDocument,
    TableRow,
    body_words,
    document_html,
    entry_table,
    index_words,
    markdown_text,
)
from site_build import built_site, search_documents, search_table

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_every_indexed_document_is_in_the_table_once(site: Path) -> None:
    table = json.loads((site / "suche" / "eintraege.json").read_text("utf-8"))
    documents = search_documents(site)
    assert table["prefix"] == "de_"
    assert len(table["ids"]) == len(set(table["ids"])) == len(documents)
    assert sorted(table["titles"]) == list(range(len(table["ids"])))
    assert len(table["values"]) == len(table["ids"])


def test_table_holds_each_entrys_facet_values_and_kind(site: Path) -> None:
    rows = search_table(site)
    for entry in load_corpus(REPO).for_edition(PUBLIC).published:
        facets = rows[f"/{entry.url_path}"]
        assert facets["art"] == [entry.type.key], entry.id
        topics = entry.value("topics") or []
        assert sorted(facets.get("thema", [])) == sorted(topics), entry.id
    assert rows["/ueber/"] == {"art": ["seite"]}


def test_rows_are_newest_first_and_titles_rank_alphabetically() -> None:
    rows = [
        TableRow("/b/", "praxisbeispiel", {"art": ("praxisbeispiel",)}, "2024-01-02", "beta"),
        TableRow("/a/", "praxisbeispiel", {"art": ("praxisbeispiel",)}, "2025-03-01", "alpha"),
        TableRow("/s/", "seite", {"art": ("seite",)}, "0000-00-00", "aaa seite"),
        TableRow("/c/", "material", {"art": ("material",)}, "2024-01-02", "gamma"),
        TableRow("/x/", "material", {"art": ("material",)}, "2026-01-01", "not indexed"),
    ]
    facets = [("art", ["praxisbeispiel", "material", "seite"])]
    ids = {"/a/": "de_a", "/b/": "de_b", "/c/": "de_c", "/s/": "de_s"}
    table = entry_table(rows, facets, ids)
    assert table["prefix"] == "de_"
    assert table["ids"] == ["a", "b", "c", "s"]  # pages last, ties by title
    assert table["titles"] == [1, 2, 3, 0]
    assert table["values"] == ["0", "0", "1", "2"]  # value n as chr(0x30 + n)


def test_the_engine_gets_each_body_word_once_without_common_words_or_anchors() -> None:
    body = (
        "## Ablauf {#ablauf}\n\nDie Schule und die Schule-Sozialarbeit: 130 Schulen, die Schule.\n"
    )
    assert index_words(body_words("Die Schule, die SCHULE.")) == "Schule"
    doc = SearchDocument(url="x/", title="Titel", kind="praxisbeispiel", body=markdown_text(body))
    html = document_html(doc, ())
    assert "id=" not in html and "data-pagefind-filter" not in html
    assert "data-pagefind-sort" not in html
    assert ">Ablauf Schule Schule-Sozialarbeit 130 Schulen<" in html


def test_a_body_is_indexed_by_the_words_a_reader_sees_not_its_link_targets() -> None:
    body = (
        "## Ablauf {#ablauf}\n\n"
        'Die [Beratungsstelle](https://beispiel.example/pfad_(x) "Titel") hilft &amp; '
        "berät; siehe [Leitfaden][1] und Fußnote.[^1]\n\n"
        "[1]: https://verweis.example/leitfaden\n\n"
        "[^1]: Ein Hinweis auf Hospitation.\n"
    )
    seen = set(body_words(markdown_text(body)))
    assert {"ablauf", "beratungsstelle", "hilft", "leitfaden", "hospitation"} <= seen
    assert not {"beispiel", "example", "pfad_", "verweis", "titel", "amp"} & seen


def test_the_public_search_does_not_name_internal_only_types(site: Path) -> None:
    """Neither the finder's facets nor the names a query is matched against: a reader typing
    „Gesuche“ on the public site gets no filter for a kind of content it cannot show."""
    table = json.loads((site / "suche" / "eintraege.json").read_text("utf-8"))
    kinds = next(f["values"] for f in table["facets"] if f["param"] == "art")
    terms = json.loads((site / "suche" / "begriffe.json").read_text("utf-8"))["terms"]
    named = {t["id"] for t in terms if t["filter"] == "art"}
    internal = {t.key for t in CONTENT_TYPES if t.internal}
    assert internal and not internal & named
    assert named >= {"praxisbeispiel", "empfehlung", "material"}
    assert not internal & set(kinds) and "praxisbeispiel" in kinds
