"""Exports: all published entries as plain JSON, for the Praxisfinder and as open data.

Terms are written as ids; their labels stand once in `taxonomies`, so the file grows by a few
hundred bytes per entry and stays usable by other tools without this package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .content_types import CONTENT_TYPES, facet_fields
from .model import Entry
from .rules.review import last_checked
from .schema import field_at_path
from .taxonomy import Taxonomy, sort_key, term_values

EXPORT_VERSION = 1


def _facets() -> tuple[tuple[str, str], ...]:
    """(URL parameter, dotted field) of every facet the types declare, in declaration order."""
    found = []
    for dotted in facet_fields():
        spec = field_at_path(dotted)
        if spec is None or not spec.param:
            raise ValueError(f"facet {dotted!r} needs a field with a `param`")
        found.append((spec.param, dotted))
    return tuple(found)


# Facets the Praxisfinder offers, in this order (short names for URL parameters).
FACETS: tuple[tuple[str, str], ...] = _facets()


def entry_record(entry: Entry, taxonomies: Sequence[Taxonomy]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id,
        "type": entry.type.key,
        "url": entry.url_path,
        "title": entry.title,
        "summary": entry.summary,
    }
    municipality = entry.fields.get("municipality") or {}
    if municipality.get("name"):
        record["municipality"] = municipality["name"]
    for taxonomy in taxonomies:
        values = term_values(entry, taxonomy.field)
        if values:
            record[taxonomy.field] = list(values)
    for name in ("start", "end"):  # events: German local time, ISO 8601 without a zone
        moment = entry.fields.get(name)
        if moment is not None:
            record[name] = (
                moment.isoformat(timespec="minutes")
                if hasattr(moment, "hour")
                else (moment.isoformat())
            )
    if entry.fields.get("place"):
        record["place"] = entry.fields["place"]
    if entry.fields.get("online"):
        record["online"] = True
    checked = last_checked(entry)
    if entry.fields.get("published"):
        record["published"] = entry.fields["published"].isoformat()
    if checked:
        record["reviewed"] = checked.isoformat()
    if entry.example:
        record["example"] = True
    return record


def export_data(entries: Sequence[Entry], taxonomies: Sequence[Taxonomy]) -> dict[str, Any]:
    published = sorted((e for e in entries if not e.draft), key=sort_key)
    # Internal-only types only where their entries are (the internal edition's export).
    present = {e.type.key for e in published}
    types = [t for t in CONTENT_TYPES if not t.internal or t.key in present]
    return {
        "version": EXPORT_VERSION,
        "types": {t.key: {"label": t.plural, "singular": t.singular} for t in types},
        "taxonomies": {
            t.field: {
                "title": t.vocabulary.title,
                "path": t.path,
                "terms": {term.id: term.label for term in t.vocabulary.terms},
                "synonyms": {
                    term.id: list(term.synonyms) for term in t.vocabulary.terms if term.synonyms
                },
            }
            for t in taxonomies
        },
        "facets": [{"param": param, "field": field} for param, field in FACETS],
        "entries": [entry_record(e, taxonomies) for e in published],
    }


def export_json(entries: Sequence[Entry], taxonomies: Sequence[Taxonomy]) -> str:
    data = export_data(entries, taxonomies)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
