"""The type table: every content type of the portal, declared once.

Adding a type is one more `ContentType(...)` here (and, for new fields, their entries in the field
table in `schema.py`). The check, the JSON Schema, `praxis new`, the contributor guide, the list
and entry pages, the Praxisfinder's facets and the export all read this table.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import ContentType, Section

# Fields every type shares. A type's field order is its fact box's order; templates and the
# guide follow the field table's order.
_TERMS = ("modules", "topics", "target_groups", "actors")
_DATES = ("published", "reviewed")
_CORE_REQUIRED = ("title", "summary", "modules", "topics", "target_groups", "published")
_TAIL = ("contact", "resources", "related", "example", "draft", "visibility")
_CORE_FACETS = ("modules", "topics", "target_groups")

CONTENT_TYPES: tuple[ContentType, ...] = (
    ContentType(
        key="praxisbeispiel",
        search_names=("Gute Praxis", "Good Practice", "Best Practice", "Projekt", "Projekte"),
        schema_org="CreativeWork",
        folder="practices",
        url_path="praxisbeispiele",
        singular="Praxisbeispiel",
        plural="Praxisbeispiele",
        description="Erprobte Vorhaben aus Kommunen: was sie getan haben, mit wem, und was daraus "
        "geworden ist.",
        fields=(
            "title",
            "summary",
            "municipality",
            *_TERMS,
            "period",
            "quality_criteria",
            "evaluation",
            "programmes",
            "funding",
            *_DATES,
            *_TAIL,
        ),
        required=(*_CORE_REQUIRED, "municipality"),
        facets=(
            *_CORE_FACETS,
            "municipality.state",
            "municipality.type",
            "programmes",
            "quality_criteria",
            "evaluation",
            "actors",
        ),
        sections=(
            Section("Ausgangslage", "Was war der Anlass? Welches Problem gab es vor Ort?"),
            Section("Ziele", "Was wollten Sie erreichen? Gern als Liste mit „- “."),
            Section("Vorgehen", "Was haben Sie Schritt für Schritt getan?"),
            Section("Beteiligte", "Wer hat mitgearbeitet (Stellen, nicht Privatpersonen)?"),
            Section(
                "Ergebnisse und Wirkung",
                "Was hat sich verändert? Zahlen helfen, wenn es sie gibt.",
            ),
            Section("Stolpersteine", "Was war schwierig? Was würden Sie heute anders machen?"),
            Section("Übertragbarkeit", "Was braucht eine andere Kommune, um das zu übernehmen?"),
            Section("Kontakt", "Welche Stelle gibt Auskunft? Nur dienstliche Kontakte."),
        ),
        example_id="clearingstelle-landkreis-talheim",
    ),
    ContentType(
        key="empfehlung",
        search_names=("Handlungsempfehlung", "Handlungsempfehlungen", "Handreichung", "Leitfaden"),
        schema_org="Article",
        folder="content/recommendations",
        url_path="empfehlungen",
        singular="Empfehlung",
        plural="Empfehlungen",
        description="Empfehlungen für Kommunen, abgeleitet aus den Erfahrungen der Modellkommunen.",
        fields=("title", "summary", *_TERMS, "period", "issuer", *_DATES, *_TAIL),
        required=_CORE_REQUIRED,
        facets=(*_CORE_FACETS, "actors"),
        sections=(
            Section(
                "Worum es geht", "Für welche Lage gilt die Empfehlung, und warum ist sie wichtig?"
            ),
            Section("Empfehlungen", "Die Empfehlungen selbst, am besten als nummerierte Liste."),
            Section(
                "Umsetzung in der Praxis", "Wie setzen Kommunen das um? Welche Beispiele gibt es?"
            ),
            Section(
                "Weiterführend", "Leitfäden und Einträge zum Weiterlesen, mit sprechendem Linktext."
            ),
        ),
        example_id="empfehlungen-clearingverfahren-aufbauen",
    ),
    ContentType(
        key="material",
        search_names=(
            "Training",
            "Trainings",
            "Fortbildung",
            "Schulung",
            "Schulungen",
            "Seminar",
            "Workshop",
            "Weiterbildung",
            "Qualifizierung",
        ),
        schema_org="LearningResource",
        folder="content/trainings",
        url_path="materialien",
        singular="Material",
        plural="Trainings- und Fortbildungsmaterialien",
        description="Trainings, Fortbildungen und Arbeitshilfen für Verwaltung und Partner.",
        fields=(
            "title",
            "summary",
            *_TERMS,
            "formats",
            "period",
            "duration",
            "provider",
            "costs",
            *_DATES,
            *_TAIL,
        ),
        required=(*_CORE_REQUIRED, "formats"),
        facets=(*_CORE_FACETS, "formats", "actors"),
        sections=(
            Section("Inhalt", "Was vermittelt das Training oder Material, und für wen?"),
            Section("Ablauf", "Wie ist es aufgebaut (Module, Einheiten, Dauer)?"),
            Section("Einsatz in der Kommune", "Wie und wo lässt es sich in der Kommune einsetzen?"),
            Section("Bezug", "Wie bekommt man es (Anmeldung, Download, Kosten)?"),
        ),
        example_id="training-umgang-mit-hassrede-online",
    ),
    ContentType(
        key="veranstaltung",
        review=False,
        search_names=("Termin", "Termine", "Tagung", "Konferenz"),
        search_weight=0.6,
        schema_org="Event",
        folder="content/veranstaltungen",
        url_path="veranstaltungen",
        singular="Veranstaltung",
        plural="Veranstaltungen",
        description="Tagungen, Fachtage, Fortbildungen und Austauschtreffen, bei denen sich "
        "kommunale Fachleute begegnen. Kommende Termine zuerst; jede Veranstaltung lässt sich "
        "in den eigenen Kalender übernehmen.",
        fields=(
            "title",
            "summary",
            "start",
            "end",
            "place",
            "online",
            "event_kind",
            "network",
            "organiser",
            "costs",
            "registration",
            "programme",
            *_TERMS,
            *_DATES,
            *_TAIL,
        ),
        required=(*_CORE_REQUIRED, "start", "event_kind"),
        facets=(*_CORE_FACETS, "event_kind", "actors"),
        sections=(
            Section("Worum es geht", "Was erwartet die Teilnehmenden, und für wen ist es gedacht?"),
            Section("Programm", "Der Ablauf in Stichworten, falls nicht unter `programme`."),
            Section("Anreise und Barrierefreiheit", "Wie kommt man hin? Was ist barrierefrei?"),
        ),
        example_id="kommunaltagung-zusammenhalt-2027",
        order="start",
    ),
    ContentType(
        key="beratungsstelle",
        search_names=("Beratungsangebot", "Anlaufstelle", "Opferberatung"),
        search_weight=0.6,
        schema_org="Organization",
        folder="content/beratungsstellen",
        url_path="hilfe",
        singular="Beratungsstelle",
        plural="Beratungsstellen",
        description="Stellen, die Menschen beraten und begleiten, die von rassistischer, "
        "antisemitischer oder rechter Gewalt, Diskriminierung oder Hass im Netz betroffen sind.",
        fields=(
            "title",
            "summary",
            "help_kinds",
            "regions",
            "nationwide",
            "languages",
            "address",
            "opening_hours",
            "accessibility",
            "contact",
            "topics",
            "target_groups",
            *_DATES,
            "resources",
            "related",
            "example",
            "draft",
            "visibility",
        ),
        required=("title", "summary", "help_kinds", "published", "contact"),
        facets=("help_kinds", "languages", "topics"),
        sections=(
            Section("Wobei wir helfen", "Mit welchen Anliegen können Menschen kommen?"),
            Section("So läuft die Beratung", "Was passiert nach dem ersten Anruf oder der Mail?"),
            Section("Wichtig zu wissen", "Kosten, Vertraulichkeit, Begleitung zu Behörden …"),
        ),
        example_id="opferberatung-nordland",
        list_title="Hilfe für Betroffene",
        regions="regions",
        everywhere="nationwide",
        emergency=(("110", "Polizei"), ("112", "Feuerwehr und Rettungsdienst")),
    ),
    ContentType(
        key="kommune",
        search_names=("Modellkommune", "Modellkommunen"),
        search_weight=0.5,
        schema_org="GovernmentOrganization",
        folder="content/kommunen",
        url_path="kommunen",
        singular="Kommunenprofil",
        plural="Kommunen",
        description="Jede Kommune, aus der die Plattform berichtet, mit ihren Einträgen. Die "
        "Modellkommunen stellen sich mit einem Profil vor und nennen eine Stelle für den "
        "Austausch unter Kolleginnen und Kollegen.",
        fields=(
            "title",
            "summary",
            "municipality",
            "modules",
            "peer_offers",
            "contact",
            "topics",
            *_DATES,
            "resources",
            "related",
            "example",
            "draft",
            "visibility",
        ),
        required=("title", "summary", "municipality", "published", "contact"),
        facets=("modules", "municipality.state", "peer_offers"),
        sections=(
            Section("Porträt", "Wie ist die Kommune aufgestellt, was beschäftigt sie?"),
            Section("Unsere Erfahrungen", "Was hat die Kommune erprobt, was hat sich bewährt?"),
            Section("Austausch", "Wozu können andere Kommunen sich melden (Hospitation …)?"),
        ),
        example_id="landkreis-talheim",
        directory=True,
    ),
    ContentType(
        key="netzwerk",
        search_names=("Arbeitskreis", "Bündnis"),
        search_weight=0.6,
        schema_org="Organization",
        folder="content/netzwerke",
        url_path="netzwerke",
        singular="Netzwerk",
        plural="Netzwerke und Facharbeitskreise",
        description="Facharbeitskreise, Bündnisse und Netzwerke, in denen Kommunen, Beratung und "
        "Zivilgesellschaft dauerhaft zusammenarbeiten, mit ihren Treffen und Veranstaltungen.",
        fields=(
            "title",
            "summary",
            "network_kind",
            "membership",
            "rhythm",
            "contact",
            *_TERMS,
            *_DATES,
            "resources",
            "related",
            "example",
            "draft",
            "visibility",
        ),
        required=("title", "summary", "network_kind", "topics", "published", "contact"),
        facets=("network_kind", "modules", "topics"),
        sections=(
            Section("Worum es geht", "Welche Fragen bearbeitet das Netzwerk, mit welchem Ziel?"),
            Section("Arbeitsweise", "Wie arbeitet es (Treffen, Unterarbeitsgruppen, Ergebnisse)?"),
            Section("Mitmachen", "Wer kann dazukommen, und wie?"),
        ),
        example_id="facharbeitskreis-rechtsextremismus",
    ),
    # Zusatzmodul 3a: peer exchange among the model municipalities. Both types are internal:
    # they name contact persons and unfinished matters that the public site must never show.
    ContentType(
        key="gesuch",
        search_weight=0.8,
        schema_org="CreativeWork",
        folder="content/gesuche",
        url_path="gesuche-und-angebote",
        singular="Gesuch oder Angebot",
        plural="Gesuche und Angebote",
        description="Kollegiale Beratung unter den Modellkommunen: Wer sucht Erfahrung zu einer "
        "Frage, wer bietet Hospitation oder Beratung an? Nur in der internen Ausgabe.",
        fields=(
            "title",
            "summary",
            "request_kind",
            "municipality",
            "peer_offers",
            "modules",
            "topics",
            "valid_until",
            "contact",
            *_DATES,
            "related",
            "example",
            "draft",
        ),
        required=(
            "title",
            "summary",
            "request_kind",
            "municipality",
            "modules",
            "topics",
            "valid_until",
            "contact",
            "published",
        ),
        facets=("request_kind", "modules", "topics", "peer_offers", "municipality.state"),
        sections=(
            Section("Worum es geht", "Welche Frage oder welches Angebot? Was ist der Anlass?"),
            Section("Was wir uns wünschen", "Welche Erfahrung, welche Form (Hospitation …)?"),
            Section("Rahmen", "Zeitraum, Aufwand, Ort oder online."),
        ),
        example_id="gesuch-meine-kommune",
        internal=True,
    ),
    ContentType(
        key="austauschprotokoll",
        review=False,
        search_weight=0.8,
        schema_org="Report",
        folder="content/austauschprotokolle",
        url_path="austauschprotokolle",
        singular="Austauschprotokoll",
        plural="Austauschprotokolle",
        description="Ergebnisse der Austauschtreffen der Modellkommunen: wer dabei war, was "
        "beraten und verabredet wurde. Nur in der internen Ausgabe.",
        fields=(
            "title",
            "summary",
            "meeting_date",
            "participants",
            "results",
            "modules",
            "topics",
            "contact",
            *_DATES,
            "resources",
            "related",
            "example",
            "draft",
        ),
        required=(
            "title",
            "summary",
            "meeting_date",
            "participants",
            "results",
            "modules",
            "published",
        ),
        facets=("modules", "topics"),
        sections=(
            Section("Beratene Fälle", "Welche Fragen wurden beraten (ohne Namen Betroffener)?"),
            Section("Verabredungen", "Wer tut was bis wann?"),
        ),
        example_id="austauschtreffen-meine-runde",
        internal=True,
    ),
)

CONTENT_TYPE_BY_KEY: Mapping[str, ContentType] = {t.key: t for t in CONTENT_TYPES}
TYPE_KEYS: frozenset[str] = frozenset(CONTENT_TYPE_BY_KEY)


def facet_fields() -> tuple[str, ...]:
    """Every type's facets in the order of first declaration: the finder's facet order."""
    seen: dict[str, None] = {}
    for content_type in CONTENT_TYPES:
        for dotted in content_type.facets:
            seen.setdefault(dotted, None)
    return tuple(seen)
