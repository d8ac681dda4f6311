"""Open data: CSV and JSON that others can reuse safely, under a stated licence, described for
open-data portals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from praxis.corpus import load_corpus
from praxis.open_data import (
    LICENCES,
    LicenceError,
    catalog,
    columns,
    data_page,
    inert,
    licence,
    open_csv,
    open_json,
)
from praxis.taxonomy import build_index

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def corpus_and_taxonomies():
    corpus = load_corpus(REPO, today=TODAY)
    return corpus, build_index(corpus.published, corpus.vocabularies).taxonomies


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_csv_has_one_row_per_published_entry_and_crlf_line_ends(corpus_and_taxonomies):
    corpus, taxonomies = corpus_and_taxonomies
    text = open_csv(corpus.entries, taxonomies)
    assert text.count("\r\n") >= len(corpus.published) + 1
    assert "\n" not in text.replace("\r\n", "")  # no bare line feeds outside quoted cells
    rows = _rows(text)
    assert sorted(r["id"] for r in rows) == sorted(e.id for e in corpus.published)
    assert list(rows[0]) == [name for name, _ in columns(taxonomies)]


def test_list_fields_are_joined_in_one_documented_way(corpus_and_taxonomies):
    corpus, taxonomies = corpus_and_taxonomies
    row = next(
        r for r in _rows(open_csv(corpus.entries, taxonomies))
        if r["id"] == "clearingstelle-landkreis-talheim"
    )  # fmt: skip
    assert row["modules"] == "modul-2 | modul-1"
    assert row["municipality.state"] == "baden-wuerttemberg"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_is_made_text(start: str) -> None:
    assert inert(f'{start}HYPERLINK("https://example.org")').startswith("'")
    assert inert("Runder Tisch") == "Runder Tisch"


def test_a_hostile_title_reaches_the_csv_as_text(tmp_path: Path, corpus_and_taxonomies) -> None:
    import shutil

    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    path = root / "practices" / "allianz-gegen-hass-stadt-lindenau.md"
    text = path.read_text("utf-8")
    title = text.split("\n", 2)[1]
    path.write_text(text.replace(title, "title: \"=cmd|' /C calc'!A0 Allianz\""), "utf-8")
    corpus = load_corpus(root, today=TODAY)
    assert corpus.errors == []
    taxonomies = build_index(corpus.published, corpus.vocabularies).taxonomies
    titles = [r["title"] for r in _rows(open_csv(corpus.entries, taxonomies))]
    assert "'=cmd|' /C calc'!A0 Allianz" in titles


def test_the_json_states_licence_publisher_and_build_date(corpus_and_taxonomies) -> None:
    corpus, taxonomies = corpus_and_taxonomies
    data = json.loads(
        open_json(corpus.entries, taxonomies, licence("dl-de-by-2.0"), TODAY, "Stadt X")
    )
    assert data["licence"]["name"].startswith("Datenlizenz Deutschland")
    assert data["publisher"] == "Stadt X"
    assert data["generated"] == "2026-11-30"
    assert len(data["entries"]) == len(corpus.published)


def test_the_default_licence_is_cc_by_and_an_unknown_one_is_refused() -> None:
    assert licence("").id == "cc-by-4.0"
    with pytest.raises(LicenceError, match=r"cc-by-4\.0"):
        licence("gemeinfrei")


@pytest.mark.parametrize("licence_id", sorted(LICENCES))
def test_the_catalogue_describes_the_data_set_for_dcat_ap_de(licence_id: str) -> None:
    document = json.loads(catalog("https://p.example/", licence(licence_id), TODAY, "X", 31))
    dataset = document["dcat:dataset"]
    assert document["@type"] == "dcat:Catalog" and dataset["@type"] == "dcat:Dataset"
    assert dataset["dct:license"]["@id"].startswith("http://dcat-ap.de/def/licenses/")
    urls = [d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]]
    assert urls == [
        "https://p.example/daten/eintraege.json",
        "https://p.example/daten/eintraege.csv",
    ]


def test_the_data_page_explains_every_column_and_the_licence(corpus_and_taxonomies) -> None:
    _, taxonomies = corpus_and_taxonomies
    page = data_page(taxonomies, licence("cc-by-4.0"), "Stadt X", 31)
    for name, _ in columns(taxonomies):
        assert f"| `{name}` |" in page
    assert "CC BY 4.0" in page and "Stadt X" in page


def test_umlauts_survive_a_round_trip_through_utf8_csv(corpus_and_taxonomies) -> None:
    corpus, taxonomies = corpus_and_taxonomies
    raw = open_csv(corpus.entries, taxonomies).encode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    rows = _rows(raw.decode("utf-8"))
    names = {r["municipality"] for r in rows}
    assert "Stadt Saalebrück (fiktiv)" in names
    assert any("Verbandsgemeinde Moselhöhe" in n for n in names)


@pytest.mark.parametrize(
    "name",
    ['Stadt <a href="https://evil.example/">X</a>', "Stadt [X](javascript:alert(1))", "A *B* _C_"],
)
def test_the_operators_name_is_shown_as_written_never_as_markup(
    corpus_and_taxonomies, name: str
) -> None:
    import markdown

    _, taxonomies = corpus_and_taxonomies
    page = markdown.markdown(data_page(taxonomies, licence("cc-by-4.0"), name, 31))
    assert '<a href="https://evil' not in page and '<a href="javascript' not in page
    assert "<em>" not in page
    shown = page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert f"„{name}, Plattform gegen Rassismus und Hass" in shown


def test_operator_details_on_hand_written_pages_are_shown_as_written() -> None:
    import markdown

    from praxis.placeholders import fill_placeholders

    operator = {"name": "Stadt [X](javascript:alert(1)) <b>fett</b>", "email": "a-b@c.example"}
    text, missing = fill_placeholders("Betreiber: [[operator.name]], [[operator.email]]", operator)
    page = markdown.markdown(text)
    assert missing == [] and "<a " not in page and "<b>" not in page
    assert "Stadt [X](javascript:alert(1)) &lt;b&gt;fett&lt;/b&gt;, a-b@c.example" in page
