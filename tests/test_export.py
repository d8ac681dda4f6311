"""The open-data export lists every published entry once, with term ids from the vocabularies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from praxis.corpus import load_corpus
from praxis.export import export_json
from praxis.taxonomy import taxonomies_from_schema

REPO = Path(__file__).resolve().parent.parent


def test_export_lists_each_published_entry_once_and_no_draft() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22))
    draft = dataclasses.replace(
        corpus.entries[0], id="entwurf", fields={**corpus.entries[0].fields, "draft": True}
    )
    entries = [*corpus.entries, draft]
    taxonomies = taxonomies_from_schema(corpus.vocabularies)
    data = json.loads(export_json(entries, taxonomies))
    ids = [record["id"] for record in data["entries"]]
    assert sorted(ids) == sorted(e.id for e in corpus.entries)
    assert "entwurf" not in ids
    for record in data["entries"]:
        for field, taxonomy in data["taxonomies"].items():
            assert set(record.get(field, [])) <= set(taxonomy["terms"]), (record["id"], field)
        assert record["url"].endswith(f"/{record['id']}/")
