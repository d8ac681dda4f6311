"""The open-data export lists every published public entry once, with term ids from the
vocabularies. Internal entries (`visibility: intern`, and the internal-only types, whose folders
are not listed here) are not part of the public site's data.

The expected records are written here from the raw files (front matter read with PyYAML's
BaseLoader, vocabularies read as plain YAML), not from the package's parser or taxonomy list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from praxis.corpus import load_corpus
from praxis.editions import PUBLIC
from praxis.export import export_json
from praxis.taxonomy import taxonomies_from_schema

REPO = Path(__file__).resolve().parent.parent
# folder -> (content type, URL path); the issue's specification, written out independently
FOLDERS = {
    "practices": ("praxisbeispiel", "praxisbeispiele"),
    "content/recommendations": ("empfehlung", "empfehlungen"),
    "content/trainings": ("material", "materialien"),
    "content/veranstaltungen": ("veranstaltung", "veranstaltungen"),
    "content/beratungsstellen": ("beratungsstelle", "hilfe"),
    "content/kommunen": ("kommune", "kommunen"),
    "content/netzwerke": ("netzwerk", "netzwerke"),
}
# exported field (dotted) -> vocabulary file
TAXONOMY_FIELDS = {
    "modules": "modules",
    "topics": "topics",
    "target_groups": "target_groups",
    "municipality.type": "municipality_types",
    "municipality.state": "states",
    "actors": "actors",
    "formats": "formats",
    "programmes": "programmes",
    "event_kind": "event_kinds",
    "help_kinds": "help_kinds",
    "regions": "states",
    "languages": "languages",
    "peer_offers": "peer_offers",
    "network_kind": "network_kinds",
    "quality_criteria": "quality_criteria",
    "evaluation": "evaluation_levels",
    "request_kind": "request_kinds",
    "visibility": "visibility",
}


def value(data: dict, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def expected_records() -> dict[str, dict[str, Any]]:
    records = {}
    for folder, (kind, url) in FOLDERS.items():
        for path in sorted((REPO / folder).glob("*.md")):
            block = path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)  # every scalar stays a string
            if data.get("draft") == "true" or data.get("visibility") == "intern":
                continue
            record: dict[str, Any] = {
                "id": path.stem,
                "type": kind,
                "url": f"{url}/{path.stem}/",
                "title": data["title"],
                "summary": data["summary"],
                "published": data["published"],
                "reviewed": data.get("reviewed", data["published"]),
            }
            for moment in ("start", "end"):  # `2027-03-18 09:30` is written `2027-03-18T09:30`
                if data.get(moment):
                    record[moment] = data[moment].replace(" ", "T")
            if data.get("place"):
                record["place"] = data["place"]
            if data.get("online") == "true":
                record["online"] = True
            if value(data, "municipality.name"):
                record["municipality"] = value(data, "municipality.name")
            for field in TAXONOMY_FIELDS:
                terms = value(data, field)
                if terms:
                    record[field] = [terms] if isinstance(terms, str) else list(terms)
            if data.get("example") == "true":
                record["example"] = True
            records[path.stem] = record
    return records


def test_export_has_exactly_the_records_of_the_front_matter() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22)).for_edition(PUBLIC)
    data = json.loads(export_json(corpus.entries, taxonomies_from_schema(corpus.vocabularies)))
    expected = expected_records()
    assert len(expected) >= 10
    ids = [record["id"] for record in data["entries"]]
    assert len(ids) == len(set(ids)), "an entry is exported twice"
    assert {record["id"]: record for record in data["entries"]} == expected


def test_export_names_every_term_of_every_vocabulary() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22)).for_edition(PUBLIC)
    data = json.loads(export_json(corpus.entries, taxonomies_from_schema(corpus.vocabularies)))
    assert set(data["taxonomies"]) == set(TAXONOMY_FIELDS)
    for field, name in TAXONOMY_FIELDS.items():
        vocabulary = yaml.safe_load((REPO / "content" / "vocabularies" / f"{name}.yml").read_text())
        taxonomy = data["taxonomies"][field]
        assert taxonomy["path"] == vocabulary["path"], field
        assert taxonomy["terms"] == {t["id"]: t["label"] for t in vocabulary["terms"]}, field
    for record in data["entries"]:
        for field in TAXONOMY_FIELDS:
            assert set(record.get(field, [])) <= set(data["taxonomies"][field]["terms"])


def test_export_leaves_out_drafts() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22)).for_edition(PUBLIC)
    draft = dataclasses.replace(
        corpus.entries[0], id="entwurf", fields={**corpus.entries[0].fields, "draft": True}
    )
    data = json.loads(
        export_json([*corpus.entries, draft], taxonomies_from_schema(corpus.vocabularies))
    )
    ids = [record["id"] for record in data["entries"]]
    assert "entwurf" not in ids
    assert sorted(ids) == sorted(expected_records())


def test_the_public_export_does_not_even_name_the_internal_types() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22))
    taxonomies = taxonomies_from_schema(corpus.vocabularies)
    public = json.loads(export_json(corpus.for_edition(PUBLIC).entries, taxonomies))
    assert {"gesuch", "austauschprotokoll"} & set(public["types"]) == set()
    internal = json.loads(export_json(corpus.entries, taxonomies))
    assert {"gesuch", "austauschprotokoll"} <= set(internal["types"])
