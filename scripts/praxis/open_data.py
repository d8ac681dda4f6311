"""Open data: the published entries as JSON and CSV under a stated licence, described for
open-data portals (DCAT-AP.de), and the `/daten/` page that explains them.

Plain data in, text out. The columns come from the export records (`export.entry_record`), so a
new field or vocabulary reaches the CSV and its documentation without further code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .export import export_data
from .model import Entry
from .placeholders import markdown_literal
from .taxonomy import Taxonomy

JSON_URI = "daten/eintraege.json"
CSV_URI = "daten/eintraege.csv"
CATALOG_URI = "daten/katalog.jsonld"
PAGE_URI = "daten/index.md"
# How list fields (several terms) share one CSV cell.
LIST_SEPARATOR = " | "
# A cell starting with one of these is a formula to spreadsheet programs; a leading apostrophe
# makes it text (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    url: str
    dcat: str  # the licence's URI in the DCAT-AP.de vocabulary


LICENCES: Mapping[str, Licence] = {
    "cc-by-4.0": Licence(
        "cc-by-4.0",
        "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-by/4.0",
    ),
    "dl-de-by-2.0": Licence(
        "dl-de-by-2.0",
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "https://www.govdata.de/dl-de/by-2-0",
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    ),
}
DEFAULT_LICENCE = "cc-by-4.0"


class LicenceError(ValueError):
    """An unknown licence id in the configuration (German message)."""


def licence(licence_id: str) -> Licence:
    try:
        return LICENCES[licence_id or DEFAULT_LICENCE]
    except KeyError:
        raise LicenceError(
            f"Die Lizenz `{licence_id}` ist unbekannt. Möglich: "
            + ", ".join(f"`{k}`" for k in LICENCES)
            + "."
        ) from None


def _meta(chosen: Licence, today: dt.date, publisher: str) -> dict[str, Any]:
    return {
        "licence": {"id": chosen.id, "name": chosen.name, "url": chosen.url},
        "publisher": publisher,
        "generated": today.isoformat(),
    }


def open_json(
    entries: Sequence[Entry],
    taxonomies: Sequence[Taxonomy],
    chosen: Licence,
    today: dt.date,
    publisher: str,
) -> str:
    data = {**_meta(chosen, today, publisher), **export_data(entries, taxonomies)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def columns(taxonomies: Sequence[Taxonomy]) -> list[tuple[str, str]]:
    """(column, German description) in CSV order."""
    found = [
        ("id", "Kennung des Eintrags (Dateiname ohne .md)"),
        ("type", "Inhaltsart"),
        ("url", "Adresse der Seite, relativ zur Startseite"),
        ("title", "Titel"),
        ("summary", "Kurzbeschreibung"),
        ("municipality", "Kommune"),
    ]
    found += [
        (t.field, f"{t.label}: Kennungen aus dem Vokabular „{t.vocabulary.title}“")
        for t in taxonomies
    ]
    found += [
        ("start", "Beginn (Veranstaltungen; deutsche Zeit, JJJJ-MM-TTTHH:MM oder JJJJ-MM-TT)"),
        ("end", "Ende (Veranstaltungen)"),
        ("place", "Ort (Veranstaltungen)"),
        ("online", "Online-Teilnahme möglich (true)"),
        ("published", "Veröffentlicht am (JJJJ-MM-TT)"),
        ("reviewed", "Zuletzt geprüft am (JJJJ-MM-TT)"),
        ("example", "Erfundenes Beispiel (true)"),
    ]
    return found


def inert(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def open_csv(entries: Sequence[Entry], taxonomies: Sequence[Taxonomy]) -> str:
    """RFC 4180: comma, double quotes where needed, CRLF line ends; UTF-8 without BOM."""
    names = [name for name, _ in columns(taxonomies)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    for record in export_data(entries, taxonomies)["entries"]:
        writer.writerow([inert(_cell(record.get(name))) for name in names])
    return out.getvalue()


def catalog(site_url: str, chosen: Licence, today: dt.date, publisher: str, count: int) -> str:
    """A DCAT-AP.de description of the data set and its two distributions, as JSON-LD."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    dataset = f"{base}daten/#eintraege"

    def distribution(uri: str, media: str, title: str) -> dict[str, Any]:
        return {
            "@type": "dcat:Distribution",
            "dct:title": title,
            "dcat:accessURL": {"@id": f"{base}daten/"},
            "dcat:downloadURL": {"@id": f"{base}{uri}"},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"},
            "dct:license": {"@id": chosen.dcat},
            "dct:modified": {"@value": today.isoformat(), "@type": "xsd:date"},
        }

    document = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{base}daten/katalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": "Plattform gegen Rassismus und Hass: offene Daten",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
        "dcat:dataset": {
            "@id": dataset,
            "@type": "dcat:Dataset",
            "dct:title": "Praxisbeispiele, Empfehlungen und weitere Einträge der Plattform",
            "dct:description": (
                f"{count} veröffentlichte Einträge mit Titel, Kurzbeschreibung, Kommune und den "
                "Begriffen der kontrollierten Vokabulare."
            ),
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
            "dct:license": {"@id": chosen.dcat},
            "dct:language": {
                "@id": "http://publications.europa.eu/resource/authority/language/DEU"
            },
            "dct:modified": {"@value": today.isoformat(), "@type": "xsd:date"},
            "dcat:theme": {
                "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"
            },
            "dcat:distribution": [
                distribution(JSON_URI, "application/json", "Einträge als JSON"),
                distribution(CSV_URI, "text/csv", "Einträge als CSV"),
            ],
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def data_page(taxonomies: Sequence[Taxonomy], chosen: Licence, publisher: str, count: int) -> str:
    """The `/daten/` page: files, licence, how to cite, and every column explained."""
    rows = "\n".join(f"| `{name}` | {text} |" for name, text in columns(taxonomies))
    cited = markdown_literal(publisher)  # from mkdocs.yml: shown as written, never as markup
    return f"""# Offene Daten

Alle {count} veröffentlichten Einträge der Plattform stehen als offene Daten bereit. Sie dürfen
sie unter der unten genannten Lizenz weiterverwenden, auch in eigenen Portalen und Auswertungen.

## Dateien

- [Einträge als CSV](eintraege.csv) – eine Zeile je Eintrag, für Tabellenprogramme
- [Einträge als JSON](eintraege.json) – mit den Bezeichnungen aller Begriffe
- [Beschreibung nach DCAT-AP.de](katalog.jsonld) – damit Datenportale die Daten finden

## Lizenz und Quellenangabe

Die Daten stehen unter der Lizenz **[{chosen.name}]({chosen.url})**.

Bitte nennen Sie die Quelle so: „{cited}, Plattform gegen Rassismus und Hass, Lizenz:
{chosen.name}“ und verlinken Sie, wenn möglich, die Startseite der Plattform.

## Aufbau der CSV-Datei

Die Datei ist UTF-8-kodiert, durch Kommas getrennt und folgt RFC 4180. Mehrere Werte in einer
Zelle (etwa mehrere Themen) sind durch `{LIST_SEPARATOR.strip()}` mit Leerzeichen getrennt und
sind Kennungen aus den Vokabularen; ihre Bezeichnungen stehen in der JSON-Datei unter
`taxonomies`. Beginnt ein Text mit `=`, `+`, `-` oder `@`, steht ein Apostroph davor, damit
Tabellenprogramme ihn nicht als Formel ausführen.

| Spalte | Bedeutung |
|---|---|
{rows}
"""
