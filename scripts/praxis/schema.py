"""The field table: every front-matter field defined once, with its German label and help.

The validator types values with it, `praxis new` writes templates from it, the JSON Schema for
editors' tools is derived from it, and the contributor guide's field reference is generated from
it. Change a field here and all of them follow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from .content_types import CONTENT_TYPES, TYPE_KEYS

# Sub-fields with `required_for=ALL_TYPES` are required whenever their block is given.
ALL_TYPES = TYPE_KEYS
ENTRY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SUMMARY_MAX = 300
TITLE_MAX = 160
# Guidance lines in `praxis new` templates start with this; a line still starting with it means
# the editor has not written that section yet.
TEMPLATE_HINT = "<!-- Hinweis:"


class Kind(str, Enum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    TERMS = "terms"
    TERM = "term"
    ENTRY_IDS = "entry_ids"
    URL = "url"
    EMAIL = "email"
    PHONE = "phone"
    OBJECT = "object"
    OBJECT_LIST = "object_list"

    @property
    def german(self) -> str:
        return _KIND_GERMAN[self]


_KIND_GERMAN = {
    Kind.TEXT: "ein Text",
    Kind.DATE: "ein Datum (JJJJ-MM-TT)",
    Kind.DATETIME: "ein Datum (JJJJ-MM-TT) oder Datum mit Uhrzeit (JJJJ-MM-TT HH:MM)",
    Kind.BOOL: "`true` oder `false`",
    Kind.TERMS: "eine Liste von Kennungen",
    Kind.TERM: "eine Kennung",
    Kind.ENTRY_IDS: "eine Liste von Eintrags-Kennungen",
    Kind.URL: "eine Webadresse (https://…)",
    Kind.EMAIL: "eine E-Mail-Adresse",
    Kind.PHONE: "eine Telefonnummer",
    Kind.OBJECT: "eine Gruppe von Unterfeldern",
    Kind.OBJECT_LIST: "eine Liste von Gruppen",
}


@dataclass(frozen=True)
class Field:
    """One front-matter field. `help` says why the field exists, for editors."""

    name: str
    kind: Kind
    label: str
    help: str
    example: Any
    required_for: frozenset[str] = frozenset()
    types: frozenset[str] = ALL_TYPES
    vocabulary: str | None = None
    max_length: int | None = None
    children: tuple[Field, ...] = ()
    # For vocabulary fields: whether every term gets a page. Without pages, the terms are
    # filters of the Praxisfinder (fewer pages to build and to wade through).
    pages: bool = True
    # For facet fields: the Praxisfinder's URL parameter (`?thema=hassrede`).
    param: str | None = None
    # For fields holding the id of another entry: the content type that entry must have. The
    # check rejects other ids, and the named entry's page lists the entries that name it.
    refers_to: str | None = None

    def required(self, content_type: str) -> bool:
        return content_type in self.required_for

    def child(self, name: str) -> Field | None:
        return next((c for c in self.children if c.name == name), None)


def _text(name: str, label: str, help: str, example: str, **kw: Any) -> Field:
    return Field(name, Kind.TEXT, label, help, example, **kw)


_FIELD_TABLE: tuple[Field, ...] = (
    _text(
        "title",
        "Titel",
        "Kurzer, sprechender Titel des Eintrags; erscheint als Überschrift, in "
        "Listen und in der Suche.",
        "Clearingstelle für rassistische Vorfälle im Landkreis Talheim (fiktiv)",
        max_length=TITLE_MAX,
    ),
    _text(
        "summary",
        "Kurzbeschreibung",
        f"Ein bis zwei Sätze reiner Text (höchstens {SUMMARY_MAX} "
        "Zeichen) für Listen, Suche und Vorschau.",
        "Der Landkreis prüft gemeldete Vorfälle in "
        "einem festen Verfahren und vermittelt Betroffene an Beratungsstellen.",
        max_length=SUMMARY_MAX,
    ),
    Field(
        "modules",
        Kind.TERMS,
        "Module",
        "Die Module des Programms, zu denen der Eintrag gehört (mindestens eines).",
        ["modul-2"],
        vocabulary="modules",
        param="modul",
    ),
    Field(
        "topics",
        Kind.TERMS,
        "Themen",
        "Die Themen des Eintrags (mindestens eines).",
        ["clearingverfahren", "meldestellen"],
        vocabulary="topics",
        param="thema",
    ),
    Field(
        "target_groups",
        Kind.TERMS,
        "Zielgruppen",
        "Für wen der Eintrag gedacht ist (mindestens eine Zielgruppe).",
        ["verwaltung", "beratungsstellen"],
        vocabulary="target_groups",
        param="zielgruppe",
    ),
    Field(
        "published",
        Kind.DATE,
        "Veröffentlicht am",
        "Datum der Erstveröffentlichung auf der Plattform.",
        "2025-03-14",
    ),
    Field(
        "reviewed",
        Kind.DATE,
        "Zuletzt geprüft",
        "Datum der letzten redaktionellen Prüfung; ältere Einträge werden zur Prüfung gemeldet.",
        "2026-02-01",
    ),
    Field(
        "municipality",
        Kind.OBJECT,
        "Kommune",
        "Die Kommune, in der das Praxisbeispiel entstanden ist.",
        None,
        children=(
            _text(
                "name",
                "Name",
                "Name der Kommune, wie sie sich selbst nennt.",
                "Landkreis Talheim (fiktiv)",
                required_for=ALL_TYPES,
                max_length=120,
            ),
            Field(
                "type",
                Kind.TERM,
                "Kommunentyp",
                "Art der Kommune.",
                "landkreis",
                required_for=ALL_TYPES,
                vocabulary="municipality_types",
                param="kommunentyp",
            ),
            Field(
                "state",
                Kind.TERM,
                "Bundesland",
                "Land, in dem die Kommune liegt.",
                "baden-wuerttemberg",
                required_for=ALL_TYPES,
                vocabulary="states",
                param="land",
            ),
            _text(
                "profile",
                "Kommunenprofil",
                "Kennung des Profils der Kommune in `content/kommunen/` (Dateiname ohne `.md`), "
                "wenn es eines gibt; dann stehen alle ihre Einträge auf der Profilseite.",
                "landkreis-talheim",
                max_length=80,
                refers_to="kommune",
            ),
        ),
    ),
    Field(
        "period",
        Kind.OBJECT,
        "Zeitraum",
        "Laufzeit des Vorhabens; ohne Ende gilt es als laufend.",
        None,
        children=(
            Field(
                "start",
                Kind.DATE,
                "Beginn",
                "Beginn des Vorhabens.",
                "2023-01-01",
                required_for=ALL_TYPES,
            ),
            Field(
                "end",
                Kind.DATE,
                "Ende",
                "Ende des Vorhabens (weglassen, wenn es noch läuft).",
                "2025-12-31",
            ),
        ),
    ),
    Field(
        "actors",
        Kind.TERMS,
        "Beteiligte",
        "Wer zusammenarbeitet: Verwaltung, "
        "Beratungsstellen, Polizei, Zivilgesellschaft, Medien, Wirtschaft …",
        ["verwaltung", "beratungsstelle", "polizei"],
        vocabulary="actors",
        param="akteur",
        pages=False,
    ),
    Field(
        "programmes",
        Kind.TERMS,
        "Förderprogramme",
        "Die Förderprogramme, aus denen das Vorhaben finanziert wird; Einzelheiten wie "
        "Fördersummen stehen unter `funding`.",
        ["demokratie-leben"],
        vocabulary="programmes",
        param="programm",
    ),
    Field(
        "quality_criteria",
        Kind.TERMS,
        "Kriterien guter Praxis",
        "Welche Kriterien guter Praxis das Vorhaben erfüllt; die Seite „Kriterien guter Praxis“ "
        "erklärt jedes.",
        ["zielgruppenbezug", "vernetzung", "dokumentation"],
        vocabulary="quality_criteria",
        param="kriterium",
    ),
    Field(
        "evaluation",
        Kind.TERM,
        "Auswertung",
        "Wie gründlich die Wirkung geprüft wurde: dokumentiert, intern ausgewertet oder extern "
        "evaluiert.",
        "intern-ausgewertet",
        vocabulary="evaluation_levels",
        param="auswertung",
        pages=False,
    ),
    _text(
        "funding",
        "Finanzierung",
        "Wie das Vorhaben finanziert wurde (Eigenmittel, Förderprogramm …).",
        "Eigenmittel des Landkreises und Landesförderung",
        max_length=300,
    ),
    Field(
        "formats",
        Kind.TERMS,
        "Formate",
        "In welcher Form das Training oder Material angeboten wird.",
        ["praesenz", "online"],
        vocabulary="formats",
        param="format",
    ),
    _text(
        "duration",
        "Dauer",
        "Zeitlicher Umfang, zum Beispiel „2 Tage à 6 Stunden“.",
        "2 Tage à 6 Stunden",
        max_length=120,
    ),
    _text(
        "provider",
        "Anbieter",
        "Wer das Training oder Material anbietet.",
        "Fortbildungsinstitut Nordland (fiktiv)",
        max_length=200,
    ),
    _text(
        "costs",
        "Kosten",
        "Kosten für Teilnehmende oder Kommunen.",
        "kostenfrei für Kommunen",
        max_length=200,
    ),
    _text(
        "issuer",
        "Herausgeber",
        "Wer die Empfehlung ausspricht.",
        "Austauschforum der Modellkommunen (fiktiv)",
        max_length=200,
    ),
    Field(
        "network_kind",
        Kind.TERM,
        "Art des Netzwerks",
        "Facharbeitskreis, Bündnis, Netzwerk …",
        "facharbeitskreis",
        vocabulary="network_kinds",
        param="netzwerkart",
        pages=False,
    ),
    _text(
        "membership",
        "Wer mitmachen kann",
        "Wer teilnehmen kann und wie man dazukommt.",
        "Beschäftigte aus Kommunalverwaltungen; Aufnahme formlos per Mail",
        max_length=300,
    ),
    _text(
        "rhythm",
        "Treffen",
        "Wie oft und in welcher Form man sich trifft.",
        "viermal im Jahr online, einmal im Jahr in Präsenz",
        max_length=200,
    ),
    _text(
        "network",
        "Netzwerk",
        "Kennung des Netzwerks oder Facharbeitskreises in `content/netzwerke/` (Dateiname ohne "
        "`.md`), zu dem die Veranstaltung gehört; sie steht dann auf seiner Seite.",
        "facharbeitskreis-rechtsextremismus",
        max_length=80,
        refers_to="netzwerk",
    ),
    Field(
        "peer_offers",
        Kind.TERMS,
        "Austausch",
        "Was die Kommune anderen Kommunen anbietet: Hospitation, kollegiale Beratung …",
        ["hospitation", "kollegiale-beratung"],
        vocabulary="peer_offers",
        param="austausch",
        pages=False,
    ),
    Field(
        "help_kinds",
        Kind.TERMS,
        "Hilfe",
        "Welche Hilfe die Stelle Betroffenen anbietet (mindestens eine Art).",
        ["opferberatung", "hass-im-netz"],
        vocabulary="help_kinds",
        param="hilfe",
        pages=False,
    ),
    Field(
        "regions",
        Kind.TERMS,
        "Zuständig für",
        "Die Bundesländer, in denen die Stelle berät. Berät sie überall, stattdessen "
        "`nationwide: true`.",
        ["sachsen", "thueringen"],
        vocabulary="states",
        pages=False,
    ),
    Field(
        "nationwide",
        Kind.BOOL,
        "Bundesweit",
        "`true`, wenn die Stelle Menschen aus ganz Deutschland berät (etwa telefonisch oder "
        "online).",
        False,
    ),
    Field(
        "languages",
        Kind.TERMS,
        "Sprachen",
        "Sprachen der Beratung als ISO-639-Kennung: `de`, `en`, `ar`, `tr` …",
        ["de", "en", "ar"],
        vocabulary="languages",
        param="sprache",
        pages=False,
    ),
    _text(
        "address",
        "Anschrift",
        "Dienstliche Anschrift der Stelle; keine Privatadressen.",
        "Beratungsstelle Nordland, Hauptstraße 5, 01000 Nordstadt (fiktiv)",
        max_length=200,
    ),
    _text(
        "opening_hours",
        "Erreichbarkeit",
        "Wann die Stelle erreichbar ist, zum Beispiel „Mo–Do 9–16 Uhr, Termine nach Vereinbarung“.",
        "Mo–Do 9–16 Uhr, Termine nach Vereinbarung",
        max_length=200,
    ),
    _text(
        "accessibility",
        "Barrierefreiheit",
        "Was Menschen mit Behinderungen wissen müssen: stufenloser Zugang, Gebärdensprache, "
        "Leichte Sprache, Beratung zu Hause …",
        "Stufenloser Zugang; Beratung auch per Video und in Leichter Sprache",
        max_length=300,
    ),
    Field(
        "event_kind",
        Kind.TERM,
        "Art der Veranstaltung",
        "Was für eine Veranstaltung es ist: Tagung, Fachtag, Fortbildung …",
        "tagung",
        vocabulary="event_kinds",
        param="veranstaltungsart",
        pages=False,
    ),
    Field(
        "start",
        Kind.DATETIME,
        "Beginn",
        "Erster Tag, mit Uhrzeit, wenn bekannt (deutsche Zeit): `2027-03-18 09:30`. Ohne "
        "Uhrzeit gilt der ganze Tag.",
        "2027-03-18 09:30",
    ),
    Field(
        "end",
        Kind.DATETIME,
        "Ende",
        "Letzter Tag, mit Uhrzeit, wenn bekannt; weglassen bei eintägigen Veranstaltungen "
        "ohne feste Endzeit.",
        "2027-03-19 15:00",
    ),
    _text(
        "place",
        "Ort",
        "Ort mit Anschrift; bei reinen Online-Veranstaltungen weglassen und `online: true` setzen.",
        "Stadthalle Talheim, Marktplatz 1, 70000 Talheim (fiktiv)",
        max_length=200,
    ),
    Field(
        "online",
        Kind.BOOL,
        "Online",
        "`true`, wenn man online teilnehmen kann (auch zusätzlich zum Ort).",
        False,
    ),
    _text(
        "organiser",
        "Veranstalter",
        "Wer einlädt und die Veranstaltung ausrichtet.",
        "Landesministerium für Inneres und Kommunales (fiktiv)",
        max_length=200,
    ),
    Field(
        "registration",
        Kind.OBJECT,
        "Anmeldung",
        "Wie und bis wann man sich anmeldet.",
        None,
        children=(
            Field(
                "url",
                Kind.URL,
                "Anmeldeseite",
                "Webadresse des Anmeldeformulars.",
                "https://www.ministerium.example/kommunaltagung/anmeldung",
            ),
            Field(
                "deadline",
                Kind.DATE,
                "Anmeldeschluss",
                "Letzter Tag der Anmeldung.",
                "2027-02-28",
            ),
            Field(
                "previous_deadline",
                Kind.DATE,
                "Bisheriger Anmeldeschluss",
                "Wurde die Frist verlängert oder geändert, steht hier die alte Frist; die Seite "
                "zeigt dann beide.",
                "2027-02-14",
            ),
            _text(
                "note",
                "Hinweis",
                "Was man zur Anmeldung wissen muss, etwa Reisekostenerstattung.",
                "Reisekosten werden auf Antrag erstattet.",
                max_length=300,
            ),
        ),
    ),
    Field(
        "programme",
        Kind.OBJECT_LIST,
        "Programm",
        "Die Programmpunkte in ihrer Reihenfolge.",
        None,
        children=(
            _text(
                "time",
                "Zeit",
                "Tag und Uhrzeit, zum Beispiel „Tag 1, 10:00“.",
                "Tag 1, 10:00",
                required_for=ALL_TYPES,
                max_length=40,
            ),
            _text(
                "title",
                "Programmpunkt",
                "Was zu dieser Zeit stattfindet.",
                "Workshop: Desinformation erkennen und begegnen",
                required_for=ALL_TYPES,
                max_length=200,
            ),
        ),
    ),
    Field(
        "contact",
        Kind.OBJECT,
        "Kontakt",
        "Institutioneller Kontakt (Stelle, Funktionspostfach, "
        "Dienstnummer). Private Daten nur mit dokumentierter Einwilligung.",
        None,
        children=(
            _text(
                "organisation",
                "Stelle",
                "Die Stelle, die Auskunft gibt.",
                "Integrationsbüro des Landkreises Talheim (fiktiv)",
                required_for=ALL_TYPES,
                max_length=200,
            ),
            Field(
                "email",
                Kind.EMAIL,
                "E-Mail",
                "Funktionspostfach der Stelle.",
                "integration@landkreis-talheim.example",
            ),
            Field("phone", Kind.PHONE, "Telefon", "Dienstliche Festnetznummer.", "+49 7000 123456"),
            Field(
                "url",
                Kind.URL,
                "Webseite",
                "Webseite der Stelle oder des Vorhabens.",
                "https://www.landkreis-talheim.example/integration",
            ),
            _text(
                "person",
                "Ansprechperson",
                "Name einer Person, die für Rückfragen von Kolleginnen und Kollegen "
                "bereitsteht. Nur in internen Einträgen und nur mit dokumentierter Einwilligung "
                "(`consent: true`, `consent_date`).",
                "Maria Beispiel (fiktiv)",
                max_length=120,
            ),
            Field(
                "consent",
                Kind.BOOL,
                "Einwilligung",
                "`true`, wenn die genannte Person der "
                "Veröffentlichung persönlicher Kontaktdaten zugestimmt hat.",
                False,
            ),
            Field(
                "consent_date",
                Kind.DATE,
                "Einwilligung am",
                "Datum der Einwilligung (Pflicht, wenn `consent: true`).",
                "2025-02-01",
            ),
        ),
    ),
    Field(
        "resources",
        Kind.OBJECT_LIST,
        "Materialien und Links",
        "Weiterführende Dokumente und Webseiten.",
        None,
        children=(
            _text(
                "title",
                "Titel",
                "Sprechender Titel des Dokuments.",
                "Leitfaden Clearingverfahren (PDF)",
                required_for=ALL_TYPES,
                max_length=200,
            ),
            Field(
                "url",
                Kind.URL,
                "Adresse",
                "Webadresse des Dokuments.",
                "https://www.landkreis-talheim.example/leitfaden.pdf",
                required_for=ALL_TYPES,
            ),
        ),
    ),
    Field(
        "related",
        Kind.ENTRY_IDS,
        "Verwandte Einträge",
        "Kennungen anderer Einträge (Dateiname ohne `.md`), auf die verwiesen wird.",
        ["austauschforum-modellkommunen"],
    ),
    Field(
        "example",
        Kind.BOOL,
        "Beispielinhalt",
        "`true` für Demonstrationsinhalte; sie werden mit einem sichtbaren Hinweis gezeigt.",
        False,
    ),
    Field(
        "draft",
        Kind.BOOL,
        "Entwurf",
        "`true` hält den Eintrag aus der veröffentlichten Seite "
        "heraus; in der Vorschau bleibt er sichtbar.",
        False,
    ),
    Field(
        "visibility",
        Kind.TERM,
        "Sichtbarkeit",
        "`oeffentlich` (Standard, wenn das Feld fehlt) oder `intern`: Interne Einträge stehen "
        "nur in der internen Ausgabe für die Modellkommunen, nie auf der öffentlichen Seite.",
        "oeffentlich",
        vocabulary="visibility",
        pages=False,
    ),
    Field(
        "request_kind",
        Kind.TERM,
        "Gesuch oder Angebot",
        "`gesuch`, wenn Ihre Kommune Erfahrung oder Beratung sucht; `angebot`, wenn sie "
        "Hospitation, Beratung oder Material anbietet.",
        "gesuch",
        vocabulary="request_kinds",
        param="gesuchsart",
        pages=False,
    ),
    Field(
        "valid_until",
        Kind.DATE,
        "Gültig bis",
        "Bis wann das Gesuch oder Angebot gilt; danach nehmen Sie es heraus oder verlängern es.",
        "2027-06-30",
    ),
    Field(
        "meeting_date",
        Kind.DATE,
        "Datum des Treffens",
        "An welchem Tag das Austauschtreffen stattfand.",
        "2026-10-14",
    ),
    Field(
        "participants",
        Kind.OBJECT_LIST,
        "Teilnehmende Kommunen",
        "Die Kommunen, die am Treffen teilgenommen haben (Kommunen, keine Personen).",
        None,
        children=(
            _text(
                "name",
                "Kommune",
                "Name der Kommune, wie sie sich selbst nennt.",
                "Landkreis Talheim (fiktiv)",
                required_for=ALL_TYPES,
                max_length=120,
            ),
        ),
    ),
    _text(
        "results",
        "Ergebnisse",
        "Die Ergebnisse des Treffens in wenigen Sätzen; Einzelheiten stehen im Haupttext.",
        "Drei Kommunen vereinbaren Hospitationen in der Clearingstelle.",
        max_length=600,
    ),
)


def _bind(spec: Field) -> Field:
    """A top-level field with the types that use and require it, read from the type table."""
    return replace(
        spec,
        types=frozenset(t.key for t in CONTENT_TYPES if spec.name in t.fields),
        required_for=frozenset(t.key for t in CONTENT_TYPES if spec.name in t.required),
    )


def _check_type_table(fields: tuple[Field, ...]) -> None:
    """A type that names a field the table does not define is a programming error."""
    known = {f.name for f in fields}
    for content_type in CONTENT_TYPES:
        unknown = set(content_type.fields) - known
        unknown |= set(content_type.required) - set(content_type.fields)
        unknown |= {d.split(".")[0] for d in content_type.facets} - set(content_type.fields)
        if unknown:
            raise ValueError(f"type {content_type.key!r}: unknown fields {sorted(unknown)}")


_check_type_table(_FIELD_TABLE)
FIELDS: tuple[Field, ...] = tuple(_bind(f) for f in _FIELD_TABLE)
FIELD_BY_NAME: Mapping[str, Field] = {f.name: f for f in FIELDS}


@functools.cache
def fields_for(content_type: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if content_type in f.types)


def term_fields() -> list[tuple[str, Field]]:
    """Every field (dotted path) whose values are vocabulary terms."""
    found: list[tuple[str, Field]] = []
    for f in FIELDS:
        if f.vocabulary:
            found.append((f.name, f))
        for child in f.children:
            if child.vocabulary:
                found.append((f"{f.name}.{child.name}", child))
    return found


def field_at_path(dotted: str) -> Field | None:
    """The field a dotted path names: `municipality.state` → the `state` sub-field."""
    head, _, rest = dotted.partition(".")
    spec = FIELD_BY_NAME.get(head)
    return spec.child(rest) if spec is not None and rest else spec


def references(entry: Any) -> list[tuple[tuple[str, ...], Field, str]]:
    """(field path, field, id) of every value of an entry that names another entry."""
    found = []
    for spec in fields_for(entry.type.key):
        value = entry.fields.get(spec.name)
        if spec.refers_to and isinstance(value, str) and value:
            found.append(((spec.name,), spec, value))
        for child in spec.children:
            inner = value.get(child.name) if isinstance(value, dict) else None
            if child.refers_to and isinstance(inner, str) and inner:
                found.append(((spec.name, child.name), child, inner))
    return found
