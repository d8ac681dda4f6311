"""Machine-readable entry pages: schema.org JSON-LD, and Open Graph title and description.

The JSON is made safe to stand inside `<script type="application/ld+json">`: `<`, `>` and `&`
are written as \\u escapes, so no value (a title with `</script>` or `<!--`) can end the element
or start a comment. The type comes from the type table (`ContentType.schema_org`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from .build_date import BERLIN
from .model import Entry, Vocabulary
from .rules.review import last_checked
from .taxonomy import term_values

_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def safe_json(data: Any) -> str:
    """JSON that cannot break out of a script element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SAFE)


def _moment(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=BERLIN).isoformat()
    return value.isoformat()


def _labels(entry: Entry, field: str, vocabularies: Mapping[str, Vocabulary], name: str) -> list:
    vocabulary = vocabularies.get(name)
    found = []
    for term_id in term_values(entry, field):
        term = vocabulary.get(term_id) if vocabulary else None
        found.append(term.label if term else term_id)
    return found


def json_ld(entry: Entry, url: str, vocabularies: Mapping[str, Vocabulary]) -> dict[str, Any]:
    kind = entry.type.schema_org
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": entry.title,
        "description": entry.summary,
        "url": url,
        "inLanguage": "de",
    }
    if kind not in ("Organization", "GovernmentOrganization", "Event"):
        data["headline"] = entry.title
    published = entry.fields.get("published")
    if isinstance(published, dt.date):
        data["datePublished"] = published.isoformat()
    checked = last_checked(entry)
    if checked:
        data["dateModified"] = checked.isoformat()
    about = _labels(entry, "topics", vocabularies, "topics")
    if about:
        data["keywords"] = ", ".join(about)
    contact = entry.fields.get("contact") or {}
    if kind == "Event":
        data["startDate"] = _moment(entry.fields["start"])
        if entry.fields.get("end"):
            data["endDate"] = _moment(entry.fields["end"])
        place = entry.fields.get("place")
        online = bool(entry.fields.get("online"))
        locations: list[dict[str, Any]] = []
        if place:
            locations.append({"@type": "Place", "name": place, "address": place})
        if online:
            locations.append({"@type": "VirtualLocation", "url": url})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        mode = "Mixed" if place and online else "Online" if online else "Offline"
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
        data["eventStatus"] = "https://schema.org/EventScheduled"
        if entry.fields.get("organiser"):
            data["organizer"] = {"@type": "Organization", "name": entry.fields["organiser"]}
    elif kind in ("Organization", "GovernmentOrganization"):
        if entry.fields.get("address"):
            data["address"] = entry.fields["address"]
        if contact.get("email"):
            data["email"] = contact["email"]
        if contact.get("phone"):
            data["telephone"] = contact["phone"]
        if contact.get("url"):
            data["sameAs"] = contact["url"]
        regions = _labels(entry, "regions", vocabularies, "states")
        if entry.fields.get("nationwide"):
            regions = ["Deutschland", *regions]
        if regions:
            data["areaServed"] = regions
    elif contact.get("organisation"):
        data["author"] = {"@type": "Organization", "name": contact["organisation"]}
    municipality = entry.fields.get("municipality") or {}
    if municipality.get("name") and kind != "GovernmentOrganization":
        data["spatialCoverage"] = {"@type": "AdministrativeArea", "name": municipality["name"]}
    return data
