"""Seeded synthetic corpora: realistic German entries in any number, for benchmarks and scale tests.

The portal must stay fast with thousands of entries long before it has them. This module writes
that future corpus today: every content type, every vocabulary term, 500–800 words of German prose
per entry, front matter that passes `praxis check` without a single problem. The same seed and
reference date always give the same files, byte for byte, so two benchmark runs measure the same
input. Field names come from `praxis.schema` and term ids from the vocabularies, so a renamed field
or term shows up here as a failing test rather than as a silently unrealistic corpus.

Only the standard library's `random.Random(seed)` is used: its sequence for a given seed is part of
Python's compatibility promise for `random()`-based methods on the same version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content_types import CONTENT_TYPE_BY_KEY
from .exit_codes import EXIT_OK, UsageError
from .ids import slug
from .model import ContentType, Vocabulary
from .scaffold import BODY_SECTIONS
from .schema import SUMMARY_MAX, Field, Kind, fields_for
from .vocabulary import VOCABULARY_DIR, load_vocabularies

# One in twenty entries is a recommendation, five a training, the rest practice examples; the
# order interleaves them so that even a handful of entries has every type.
# Shares of a large corpus: 30 % practices, 25 % materials, 15 % recommendations, 10 % events,
# 10 % advice centres, 5 % municipality profiles, 5 % networks.
_TYPE_CYCLE = tuple(
    {
        "P": "praxisbeispiel",
        "E": "empfehlung",
        "M": "material",
        "V": "veranstaltung",
        "B": "beratungsstelle",
        "K": "kommune",
        "N": "netzwerk",
    }[c]
    for c in "PMEPBMPVPMNEBMPKVMEP"
)
WORDS_MIN, WORDS_MAX = 500, 800
# With an internal share (`internal_share`, `praxis synth --intern`), that share of entries is
# internal, in turn: a request or offer, an exchange report, an entry of the regular cycle
# marked `visibility: intern`. Without it the corpus is exactly the public one it always was.
_INTERNAL_CYCLE = ("gesuch", "austauschprotokoll", "")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _slug(text: str, max_length: int) -> str:
    """An id as editors write them: lower case, German umlauts transliterated (`fuer`)."""
    return slug(text, max_length)


_PLACE_HEADS = _words(
    "Linden Birken Eichen Raben Kalk Mahrs Saale Hohen Nord Moos Tann Wald Fels Sonnen Wiesen "
    "Buchen Erlen Falken Hasel Kranich Lerchen Mühl Oster Quellen Rosen Stein Ulmen Weiden "
    "Ahorn Brunn Dorn Eschen Fichten Gold Hirsch Kirch Marien Neu Ober Sand"
)
_PLACE_TAILS = _words(
    "au feld bruck stedt walde berg hausen dorf heim brunn winkel marsch hagen born tal rode "
    "beck furt ach burg"
)
_MUNICIPALITY_PREFIX = {
    "landkreis": "Landkreis",
    "kreisfreie-stadt": "Stadt",
    "kreisangehoerige-stadt": "Stadt",
    "gemeinde": "Gemeinde",
}
_AREA_CODES = _words(
    "30 40 69 89 221 341 351 361 381 431 511 611 711 761 911 2131 3341 5121 7071 9131"
)

# What a practice example, a recommendation or a training is about: (title noun, short form).
_SUBJECTS = (
    ("Clearingstelle für rassistische Vorfälle", "clearingstelle"),
    ("Meldestelle für Hassrede", "meldestelle-hassrede"),
    ("Kommunale Allianz gegen Rassismus", "allianz-gegen-rassismus"),
    ("Lokales Lagebild zu Hass und Hetze", "lagebild"),
    ("Schutzkonzept für Mandatsträgerinnen und Mandatsträger", "schutzkonzept-mandatstraeger"),
    ("Beratungsnetzwerk für Betroffene", "beratungsnetzwerk"),
    ("Krisenkommunikation nach Anfeindungen", "krisenkommunikation"),
    ("Fortbildungsreihe für die Verwaltung", "fortbildungsreihe"),
    ("Beteiligungsforum mit Migrantenorganisationen", "beteiligungsforum"),
    ("Präventionsprogramm an Schulen", "praeventionsprogramm-schulen"),
    ("Leitbild Vielfalt und Antidiskriminierung", "leitbild-vielfalt"),
    ("Bündnis mit der lokalen Wirtschaft", "wirtschaftsbuendnis"),
    ("Kollegiale Fallberatung", "kollegiale-fallberatung"),
    ("Medienpartnerschaft gegen Desinformation", "medienpartnerschaft"),
    ("Aktionsplan gegen Antisemitismus", "aktionsplan-antisemitismus"),
    ("Beschwerdestelle für Diskriminierung", "beschwerdestelle"),
    ("Dialogreihe im Stadtteil", "dialogreihe"),
    ("Moderationsleitfaden für kommunale Kanäle", "moderationsleitfaden"),
    ("Interkulturelle Öffnung des Bürgerservice", "interkulturelle-oeffnung"),
    ("Netzwerk Demokratiebildung", "netzwerk-demokratiebildung"),
)
_ORGANISATIONS = (
    "Integrationsbüro",
    "Stabsstelle Vielfalt",
    "Amt für Integration und Vielfalt",
    "Geschäftsstelle der Allianz",
    "Fachstelle Demokratie",
    "Büro für Chancengleichheit",
    "Koordinierungsstelle Prävention",
    "Antidiskriminierungsstelle",
)
_PROVIDERS = (
    "Fortbildungsinstitut",
    "Bildungswerk",
    "Akademie für Verwaltung",
    "Netzwerk Zivilcourage",
    "Landeszentrale für Demokratiearbeit",
    "Kompetenzzentrum Vielfalt",
)
_ISSUERS = (
    "Austauschforum der Modellkommunen",
    "Arbeitskreis kommunaler Integrationsbeauftragter",
    "Fachbeirat der Plattform",
    "Netzwerk der Antidiskriminierungsstellen",
)
_DURATIONS = (
    "1 Tag à 6 Stunden",
    "2 Tage à 6 Stunden",
    "3 Online-Einheiten à 2 Stunden",
    "4 Module à 3 Stunden",
    "Selbstlernkurs, etwa 5 Stunden",
    "Halbtägiger Workshop",
)
_COSTS = (
    "kostenfrei für Kommunen",
    "90 Euro pro Person",
    "kostenfrei, Anmeldung erforderlich",
    "150 Euro pro Person, ermäßigt für Ehrenamtliche",
    "Kosten nach Vereinbarung",
)
_FUNDING = (
    "Programmmittel und Eigenmittel der Kommune",
    "Landesförderung und kommunale Eigenmittel",
    "Eigenmittel der Kommune",
    "Bundesprogramm und Stiftungsmittel",
    "Personalmittel der Kommune, Sachmittel aus dem Programm",
)
_RESOURCES = (
    "Leitfaden",
    "Kooperationsvereinbarung",
    "Jahresbericht",
    "Mustervorlage",
    "Checkliste",
    "Handreichung",
    "Präsentation der Ergebnisse",
    "Evaluationsbericht",
)

# The body sections editors get from `praxis new`, so synthetic entries look like real ones.
_SECTIONS = {
    key: tuple(section.title for section in sections) for key, sections in BODY_SECTIONS.items()
}
_SUBSECTIONS = ("Arbeitsformate", "Erste Schritte", "Zusammenarbeit", "Qualitätssicherung")

# Prose is assembled from sentence templates; slots are filled from the banks below and from the
# entry's own terms, so the text mentions what the entry is tagged with, as real entries do.
_TEMPLATES = (
    "{Akteur} und {akteur} haben gemeinsam {objekt} entwickelt, um {ziel}.",
    "Im Mittelpunkt stand die Frage, wie es {ort} gelingen kann, {ziel}.",
    "Dazu wurden {objekt} eingeführt, die {eigenschaft} sind und regelmäßig überprüft werden.",
    "Die Erfahrungen zeigen, dass {objekt} nur wirken, wenn {bedingung}.",
    "Besonders wichtig war, dass {bedingung}; sonst wären viele Meldungen verloren gegangen.",
    "Für das Thema {thema} gab es zuvor keine feste Zuständigkeit in der Verwaltung.",
    "Betroffene berichteten, dass sie {erfahrung}, bevor das Vorhaben begann.",
    "Heute wissen {zielgruppe}, an wen sie sich wenden können und was danach geschieht.",
    "{Akteur} übernahm die Koordination und lud {akteur} zu einem ersten Treffen ein.",
    "Aus den Rückmeldungen entstand der Vorschlag, {objekt} dauerhaft zu verankern.",
    "Kritisch diskutiert wurde, ob {objekt} {eigenschaft} genug sind, um {ziel}.",
    "Eine kleine Arbeitsgruppe bereitete die Entscheidungen vor und hielt die Ergebnisse fest.",
    "Die Verwaltungsspitze hat das Vorhaben von Beginn an sichtbar unterstützt.",
    "Gerade beim Thema {thema} hilft ein gemeinsames Verständnis der verwendeten Begriffe.",
    "Um {ziel}, braucht es verlässliche Absprachen und klare Ansprechpersonen.",
    "{Zielgruppe} profitieren davon, dass {bedingung}.",
    "Die Beteiligten empfehlen, früh mit {mit_akteur} ins Gespräch zu kommen.",
    "Nach einer Erprobungsphase wurden {objekt} angepasst und verbindlich beschlossen.",
    "Offen ist noch, wie {objekt} langfristig finanziert werden.",
    "Auch kleinere Kommunen können {objekt} einführen, wenn {bedingung}.",
    "In den Gesprächen berichteten viele Betroffene, dass sie {erfahrung}.",
    "Die Ergebnisse werden jährlich im Ausschuss vorgestellt und öffentlich diskutiert.",
    "Dabei zeigte sich, dass {thema} und {thema2} oft eng zusammenhängen.",
    "Für {zielgruppe} wurde eine kurze Handreichung erstellt, die {eigenschaft} ist.",
    "Mit {mit_akteur} wurde vereinbart, Informationen nur mit Einwilligung der Betroffenen zu "
    "teilen.",
    "Ein Jahr später wurden die Abläufe gemeinsam mit {mit_akteur} ausgewertet.",
    "Viele Beschäftigte kannten das Thema {thema} bisher nur aus den Medien.",
    "Die Rückmeldungen aus {ort} fielen überwiegend positiv aus.",
    "Eine Begleitgruppe achtet darauf, dass {objekt} {eigenschaft} bleiben.",
    "Für die Zukunft ist geplant, {objekt} auch in benachbarten Kommunen anzubieten.",
)
_OBJECTS = (
    "feste Meldewege",
    "gemeinsame Fallkonferenzen",
    "verbindliche Standards",
    "regelmäßige Lagegespräche",
    "kurze Schulungen",
    "abgestimmte Beratungsangebote",
    "klare Zuständigkeiten",
    "niedrigschwellige Anlaufstellen",
    "mehrsprachige Informationen",
    "Kooperationsvereinbarungen",
    "Leitlinien für die Öffentlichkeitsarbeit",
    "Moderationsregeln für kommunale Kanäle",
    "Fortbildungen für Führungskräfte",
    "Beteiligungsformate",
    "Netzwerktreffen",
    "Schutzkonzepte",
)
_GOALS = (
    "Betroffene schneller zu unterstützen",
    "Vorfälle sichtbar zu machen",
    "Anfeindungen wirksam zu begegnen",
    "Vertrauen in die Verwaltung zu stärken",
    "Zuständigkeiten zu klären",
    "Doppelarbeit zu vermeiden",
    "die Zusammenarbeit dauerhaft zu sichern",
    "Beschäftigte besser zu schützen",
    "Diskriminierung im Verwaltungshandeln zu erkennen",
    "lokale Netzwerke zu stärken",
)
_PROPERTIES = (
    "verständlich",
    "verbindlich",
    "leicht zugänglich",
    "praxisnah",
    "barrierearm",
    "gut abgestimmt",
    "übersichtlich",
    "verlässlich",
)
_CONDITIONS = (
    "die Leitung sie sichtbar trägt",
    "alle Beteiligten ihre Rollen kennen",
    "Betroffene von Anfang an einbezogen werden",
    "Rückmeldungen ernst genommen werden",
    "genügend Zeit und Personal eingeplant sind",
    "die Absprachen schriftlich festgehalten werden",
    "die Zusammenarbeit nicht von einzelnen Personen abhängt",
    "Ergebnisse regelmäßig ausgewertet werden",
)
_EXPERIENCES = (
    "ihre Geschichte mehrfach erzählen mussten",
    "keine Rückmeldung auf Meldungen bekamen",
    "nicht wussten, wohin sie sich wenden können",
    "sich mit ihren Erfahrungen allein fühlten",
    "von Stelle zu Stelle verwiesen wurden",
    "Anfeindungen nicht mehr gemeldet haben",
)
_LIST_ITEMS = (
    "Ansprechpersonen in jeder beteiligten Stelle benennen",
    "Meldungen innerhalb weniger Tage beantworten",
    "Betroffene über jeden weiteren Schritt informieren",
    "Ergebnisse einmal im Jahr auswerten und veröffentlichen",
    "Beschäftigte regelmäßig fortbilden",
    "Zuständigkeiten schriftlich festhalten",
    "Datenschutz und Einwilligungen klären",
    "Partner aus der Zivilgesellschaft einbinden",
    "eine Vertretungsregelung vereinbaren",
    "Erfahrungen mit anderen Kommunen austauschen",
)
_SETTINGS = (
    "in Kommunen",
    "im ländlichen Raum",
    "in Großstädten",
    "in kleinen Gemeinden",
    "in Landkreisen",
    "mit wenig Personal",
    "gemeinsam mit der Zivilgesellschaft",
)
_VERBS = ("aufbauen", "verstetigen", "weiterentwickeln", "einführen", "auswerten")
_TRAINING_KINDS = (
    "Training",
    "Fortbildung",
    "Workshop",
    "Arbeitshilfe",
    "Online-Seminar",
    "Selbstlernkurs",
)
_NOTE_TITLES = ("Gut zu wissen", "Gemeinsame Begriffe", "Aus der Praxis", "Tipp")


@dataclass(frozen=True)
class SyntheticEntry:
    """One generated entry: its type, its id (the file name without `.md`) and the file text."""

    content_type: ContentType
    id: str
    text: str

    @property
    def relative_path(self) -> str:
        return f"{self.content_type.folder}/{self.id}.md"


class _Corpus:
    """Generation state: the random source, term rotations and the ids handed out so far."""

    def __init__(self, vocabularies: Mapping[str, Vocabulary], seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.vocabularies = vocabularies
        self.today = today
        self.ids: list[str] = []
        # Public entries may name public entries only (`visibility-link`); internal ones any.
        self.public_ids: list[str] = []
        self.networks: list[str] = []
        self._taken: set[str] = set()
        self._rotation: dict[str, int] = {}
        self._places = [head + tail for head in _PLACE_HEADS for tail in _PLACE_TAILS]

    # -- values -------------------------------------------------------------------------------

    def rotate(self, vocabulary: str, lane: str = "") -> str:
        """The next term of a vocabulary in turn: every term is used once the corpus is large.
        Fields sharing a vocabulary rotate in lanes of their own, so each uses every term."""
        terms = self.vocabularies[vocabulary].terms
        index = self._rotation.get(vocabulary + lane, 0)
        self._rotation[vocabulary + lane] = index + 1
        return terms[index % len(terms)].id

    def terms(self, vocabulary: str, low: int, high: int) -> list[str]:
        """One term in rotation plus a few random others, without repeats."""
        chosen = [self.rotate(vocabulary)]
        ids = [t.id for t in self.vocabularies[vocabulary].terms]
        extra = self.rng.randint(low, high) - 1
        for term_id in self.rng.sample(ids, min(len(ids), extra + 1)):
            if len(chosen) > extra:
                break
            if term_id not in chosen:
                chosen.append(term_id)
        return chosen

    def label(self, vocabulary: str, term_id: str) -> str:
        term = self.vocabularies[vocabulary].get(term_id)
        return term.label if term else term_id

    def unique_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self._taken:
            candidate = f"{wanted}-{number}"
            number += 1
        self._taken.add(candidate)
        return candidate

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def phone(self) -> str:
        area = self.rng.choice(_AREA_CODES)
        return f"+49 {area} {self.rng.randint(200000, 9999999)}"


def synthesize(
    vocabularies: Mapping[str, Vocabulary],
    count: int,
    seed: int = 1,
    today: dt.date | None = None,
    internal_share: float = 0.0,
) -> Iterator[SyntheticEntry]:
    """Yield `count` entries. Same vocabularies, seed and `today` give the same entries.

    Dates are chosen relative to `today` (publication in the last four years, last review within
    the last 20 months), so a corpus made today raises no review warning and never a future date.
    With `internal_share` (0 to 1), that share of the entries is internal, spread evenly.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if not 0.0 <= internal_share <= 1.0:
        raise ValueError("internal_share must lie between 0 and 1")
    used = _VOCABULARIES_USED + (_INTERNAL_VOCABULARIES if internal_share else ())
    missing = [name for name in used if name not in vocabularies]
    if missing:
        raise ValueError(f"vocabularies missing: {', '.join(missing)}")
    state = _Corpus(vocabularies, seed, today or dt.date.today())
    internal_count = 0
    for index in range(count):
        key = _TYPE_CYCLE[index % len(_TYPE_CYCLE)]
        internal = int((index + 1) * internal_share) > int(index * internal_share)
        if internal:
            key = _INTERNAL_CYCLE[internal_count % len(_INTERNAL_CYCLE)] or key
            internal_count += 1
        yield _entry(state, CONTENT_TYPE_BY_KEY[key], internal)


def write_corpus(
    root: Path,
    count: int,
    seed: int = 1,
    today: dt.date | None = None,
    internal_share: float = 0.0,
) -> list[Path]:
    """Write a corpus into a content root that has `content/vocabularies`; returns the files."""
    vocabularies, problems = load_vocabularies(root)
    if problems:
        raise ValueError(f"{root}: the vocabularies have problems: {problems[0].text()}")
    written = []
    for content_type in CONTENT_TYPE_BY_KEY.values():
        (root / content_type.folder).mkdir(parents=True, exist_ok=True)
    for entry in synthesize(vocabularies, count, seed, today, internal_share):
        path = root / entry.relative_path
        path.write_text(entry.text, encoding="utf-8")
        written.append(path)
    return written


def copy_vocabularies(source_root: Path, target_root: Path) -> None:
    """Give a fresh target root the project's vocabularies (synthetic entries use their ids)."""
    target = target_root / VOCABULARY_DIR
    if not target.is_dir():
        shutil.copytree(source_root / VOCABULARY_DIR, target)


# -- one entry -------------------------------------------------------------------------------


def _entry(state: _Corpus, content_type: ContentType, internal: bool = False) -> SyntheticEntry:
    rng = state.rng
    subject, short = rng.choice(_SUBJECTS)
    key = content_type.key
    # Only practice examples carry the type; rotating it for them alone uses every type.
    municipality_type = (
        state.rotate("municipality_types")
        if key == "praxisbeispiel"
        else rng.choice(state.vocabularies["municipality_types"].ids)
    )
    place = rng.choice(state._places)
    municipality = f"{_MUNICIPALITY_PREFIX[municipality_type]} {place}"
    domain = _slug(municipality, 60)
    if key == "praxisbeispiel":
        where = "in der" if municipality.startswith(("Stadt", "Gemeinde")) else "im"
        title = f"{subject} {where} {municipality}"
        wanted = f"{short}-{domain}"
    elif key == "empfehlung":
        title = f"{subject} {rng.choice(_SETTINGS)} {rng.choice(_VERBS)}"
        wanted = f"empfehlungen-{_slug(title, 60)}"
    elif key == "veranstaltung":
        kind = state.rotate("event_kinds")
        title = f"{state.label('event_kinds', kind)}: {subject} in {place}"
        wanted = _slug(title, 70)
    elif key == "kommune":
        title = municipality
        wanted = _slug(municipality, 70)
    elif key == "netzwerk":
        network_kind = state.rotate("network_kinds")
        title = f"{state.label('network_kinds', network_kind)} {subject} {place}"
        wanted = _slug(title, 70)
    elif key == "beratungsstelle":
        help_kinds = state.terms("help_kinds", 1, 3)
        title = f"{state.label('help_kinds', help_kinds[0])} {place}"
        wanted = _slug(title, 70)
    elif key == "gesuch":
        request_kind = state.rotate("request_kinds")
        title = f"{state.label('request_kinds', request_kind)}: {subject} in {municipality}"
        wanted = _slug(title, 70)
    elif key == "austauschprotokoll":
        meeting = state.days_ago(30, 900)
        title = f"Austauschtreffen am {meeting:%d.%m.%Y}: {subject}"
        wanted = _slug(f"protokoll-{meeting.isoformat()}-{short}", 70)
    else:
        audience = state.label("target_groups", rng.choice(state.vocabularies["target_groups"].ids))
        title = f"{rng.choice(_TRAINING_KINDS)}: {subject} – für {audience}"
        wanted = _slug(title, 70)
    entry_id = state.unique_id(wanted)
    if key == "netzwerk" and not internal:
        state.networks.append(entry_id)

    values: dict[str, Any] = {
        "modules": state.terms("modules", 1, 2),
        "topics": state.terms("topics", 1, 4),
        "target_groups": state.terms("target_groups", 1, 3),
        "actors": state.terms("actors", 1, 5),
    }
    topic_labels = [state.label("topics", t) for t in values["topics"]]
    values["title"] = title
    who = municipality if key == "praxisbeispiel" else "Kommunen"
    summary = f"{subject}: wie {who} {rng.choice(_OBJECTS)} nutzen, um {rng.choice(_GOALS)}."
    focus = f" Schwerpunkt: {', '.join(topic_labels[:2])}."
    values["summary"] = summary + focus if len(summary + focus) <= SUMMARY_MAX else summary
    published = state.days_ago(60, 1460)
    values["published"] = published
    values["reviewed"] = max(published, state.days_ago(0, 600))
    values["contact"] = {
        "organisation": f"{rng.choice(_ORGANISATIONS)}, {municipality}",
        "email": f"{rng.choice(('info', 'vielfalt', 'integration', 'kontakt'))}@{domain}.example",
        "phone": state.phone(),
        "url": f"https://www.{domain}.example/{short}",
    }
    values["resources"] = [
        {
            "title": f"{name}: {subject}",
            "url": f"https://www.{domain}.example/{short}/{_slug(name, 40)}",
        }
        for name in rng.sample(_RESOURCES, rng.randint(0, 3))
    ]
    linkable = state.ids if internal else state.public_ids
    if linkable and rng.random() < 0.7:
        values["related"] = rng.sample(linkable, min(len(linkable), rng.randint(1, 3)))
    if key == "praxisbeispiel":
        values["municipality"] = {
            "name": municipality,
            "type": municipality_type,
            "state": state.rotate("states"),
        }
        start = published - dt.timedelta(days=rng.randint(90, 900))
        period: dict[str, Any] = {"start": start}
        if rng.random() < 0.4:
            period["end"] = start + dt.timedelta(days=rng.randint(180, 1200))
        values["period"] = period
        values["funding"] = rng.choice(_FUNDING)
        values["programmes"] = state.terms("programmes", 1, 2)
        values["quality_criteria"] = state.terms("quality_criteria", 1, 4)
        values["evaluation"] = state.rotate("evaluation_levels")
    elif key == "material":
        values["formats"] = state.terms("formats", 1, 2)
        values["duration"] = rng.choice(_DURATIONS)
        values["provider"] = f"{rng.choice(_PROVIDERS)} {place}"
        values["costs"] = rng.choice(_COSTS)
    elif key == "empfehlung":
        values["issuer"] = rng.choice(_ISSUERS)
    elif key == "veranstaltung":
        values.update(_event_values(state, kind, place))
    elif key == "netzwerk":
        values["network_kind"] = network_kind
        values["membership"] = "Beschäftigte aus Kommunen und Beratungsstellen; Aufnahme per Mail"
        values["rhythm"] = rng.choice(("monatlich online", "viermal im Jahr", "zweimal im Jahr"))
    elif key == "kommune":
        values["municipality"] = {
            "name": municipality,
            "type": municipality_type,
            "state": state.rotate("states"),
        }
        values["peer_offers"] = state.terms("peer_offers", 1, 3)
    elif key == "gesuch":
        values["request_kind"] = request_kind
        values["municipality"] = {
            "name": municipality,
            "type": municipality_type,
            "state": state.rotate("states", "gesuch"),
        }
        values["peer_offers"] = state.terms("peer_offers", 1, 2)
        values["valid_until"] = state.today + dt.timedelta(days=rng.randint(30, 365))
    elif key == "austauschprotokoll":
        values["meeting_date"] = meeting
        places = rng.sample(state._places, 3)
        values["participants"] = [{"name": f"Stadt {p}"} for p in places]
        values["results"] = f"Die Kommunen verabreden, {rng.choice(_OBJECTS)} gemeinsam zu nutzen."
    else:
        values.update(_centre_values(state, help_kinds, place))
    if internal:
        values["visibility"] = "intern"
        values["contact"]["person"] = f"{rng.choice(_FIRST_NAMES)} Beispiel (fiktiv)"
        values["contact"]["consent"] = True
        values["contact"]["consent_date"] = published

    body = _body(state, content_type, values, municipality, domain, short)
    state.ids.append(entry_id)
    if not internal:
        state.public_ids.append(entry_id)
    # The prose may use every value; the front matter holds only the type's own fields (advice
    # centres name no modules and no actors).
    own = {name: value for name, value in values.items() if name in content_type.fields}
    return SyntheticEntry(content_type, entry_id, _front_matter(content_type, own) + body)


def _event_values(state: _Corpus, kind: str, place: str) -> dict[str, Any]:
    """Dates around the corpus's today (upcoming and past), a place or online, a deadline."""
    rng = state.rng
    day = state.today + dt.timedelta(days=rng.randint(-300, 400))
    values: dict[str, Any] = {"event_kind": kind}
    if rng.random() < 0.6:
        start = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 13, 14)), 30))
        values["start"] = start
        values["end"] = start + dt.timedelta(hours=rng.choice((2, 3, 6, 30)))
    else:
        values["start"] = day
        if rng.random() < 0.5:
            values["end"] = day + dt.timedelta(days=1)
    if rng.random() < 0.7:
        values["place"] = f"Rathaus {place}, Marktplatz 1"
    if "place" not in values or rng.random() < 0.3:
        values["online"] = True
    if state.networks and rng.random() < 0.3:
        values["network"] = rng.choice(state.networks)
    values["organiser"] = f"{rng.choice(_PROVIDERS)} {place}"
    values["costs"] = rng.choice(_COSTS)
    deadline = day - dt.timedelta(days=rng.randint(3, 30))
    registration: dict[str, Any] = {
        "url": f"https://www.{_slug(place, 40)}.example/anmeldung",
        "deadline": deadline,
    }
    if rng.random() < 0.2:
        registration["previous_deadline"] = deadline - dt.timedelta(days=7)
    values["registration"] = registration
    values["programme"] = [
        {"time": f"{hour}:00", "title": rng.choice(_LIST_ITEMS)}
        for hour in range(10, 10 + rng.randint(0, 4))
    ]
    return values


def _centre_values(state: _Corpus, help_kinds: list[str], place: str) -> dict[str, Any]:
    """Kinds of help, the Länder served (or everywhere) and languages beyond German."""
    rng = state.rng
    values: dict[str, Any] = {"help_kinds": help_kinds}
    # Some serve everywhere (and may name their home Länder too).
    lands = {state.rotate("states", "regions") for _ in range(rng.randint(2, 3))}
    values["regions"] = sorted(lands)
    if rng.random() < 0.2:
        values["nationwide"] = True
    languages = ["de"] + [state.rotate("languages") for _ in range(3)]
    values["languages"] = list(dict.fromkeys(languages))
    values["address"] = f"Beratungsstelle {place}, Bahnhofstraße 3"
    values["opening_hours"] = rng.choice(
        ("Mo–Do 9–16 Uhr", "Di und Do 10–18 Uhr", "Mo–Fr 10–14 Uhr, Termine nach Vereinbarung")
    )
    values["accessibility"] = rng.choice(
        ("Stufenloser Zugang", "Beratung auch per Video", "Zugang mit Rampe; Leichte Sprache")
    )
    return values


def _front_matter(content_type: ContentType, values: Mapping[str, Any]) -> str:
    """YAML in the schema's field order, every text quoted, as an editor's template would be."""
    allowed = fields_for(content_type.key)
    unknown = set(values) - {spec.name for spec in allowed}
    if unknown:  # the schema renamed or restricted a field the generator still writes
        raise ValueError(f"fields not in the schema for {content_type.key}: {sorted(unknown)}")
    lines = ["---"]
    for spec in allowed:
        value = values.get(spec.name)
        if value is None:
            if spec.required(content_type.key):
                raise ValueError(f"the generator has no value for required field `{spec.name}`")
            continue
        lines.extend(_yaml_field(spec, value, ""))
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_field(spec: Field, value: Any, indent: str) -> list[str]:
    if spec.kind is Kind.OBJECT:
        out = [f"{indent}{spec.name}:"]
        for child in spec.children:
            if value.get(child.name) is not None:
                out.extend(_yaml_field(child, value[child.name], indent + "  "))
        return out
    if spec.kind is Kind.OBJECT_LIST:
        if not value:
            return []
        out = [f"{indent}{spec.name}:"]
        for item in value:
            first = True
            for child in spec.children:
                if item.get(child.name) is None:
                    continue
                prefix = indent + ("  - " if first else "    ")
                out.append(f"{prefix}{child.name}: {_scalar(item[child.name])}")
                first = False
        return out
    if spec.kind in (Kind.TERMS, Kind.ENTRY_IDS):
        return [f"{indent}{spec.name}: [{', '.join(value)}]"]
    return [f"{indent}{spec.name}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML string


# -- prose -----------------------------------------------------------------------------------


def _body(
    state: _Corpus,
    content_type: ContentType,
    values: Mapping[str, Any],
    municipality: str,
    domain: str,
    short: str,
) -> str:
    rng = state.rng
    slots = _Slots(state, values, municipality)
    target = rng.randint(WORDS_MIN, WORDS_MAX - 25)  # the last sentence may overshoot a little
    sections = _SECTIONS[content_type.key]
    blocks: list[str] = []
    words = 0
    extras: list[Callable[[], str]] = [
        lambda: "\n".join(f"- {item}" for item in rng.sample(_LIST_ITEMS, rng.randint(3, 5))),
        lambda: f'!!! note "{rng.choice(_NOTE_TITLES)}"\n    ' + _paragraph(slots, rng, 2),
        lambda: (
            f"Weitere Informationen bietet die [Seite zum Vorhaben „{_SUBJECT_OF[short]}“]"
            f"(https://www.{domain}.example/{short})."
        ),
    ]
    rng.shuffle(extras)
    for number, heading in enumerate(sections):
        remaining_sections = len(sections) - number
        blocks.append(f"## {heading}")
        if number == 2:
            blocks.append(f"### {rng.choice(_SUBSECTIONS)}")
        share = max(2, (target - words) // max(1, remaining_sections) // 18)
        paragraph = _paragraph(slots, rng, share)
        blocks.append(paragraph)
        words += count_words(paragraph)
        if number < len(extras):
            extra = extras[number]()
            blocks.append(extra)
            words += count_words(extra)
    closing: list[str] = []
    while words < target:  # top up, one sentence at a time, in a closing paragraph
        sentence = slots.fill(rng.choice(_TEMPLATES))
        closing.append(sentence)
        words += count_words(sentence)
    if closing:
        blocks.append(" ".join(closing))
    return "\n" + "\n\n".join(blocks) + "\n"


_SUBJECT_OF = {short: subject for subject, short in _SUBJECTS}
_FIRST_NAMES = ("Dana", "Jonas", "Aylin", "Mehmet", "Lena", "Tomasz", "Ida", "Samuel")
_INTERNAL_VOCABULARIES = ("request_kinds", "visibility")
_VOCABULARIES_USED = (
    "modules",
    "topics",
    "target_groups",
    "actors",
    "formats",
    "programmes",
    "event_kinds",
    "help_kinds",
    "languages",
    "peer_offers",
    "network_kinds",
    "quality_criteria",
    "evaluation_levels",
    "municipality_types",
    "states",
)


class _Slots:
    """Fills the `{slot}` names of the sentence templates from banks and the entry's terms."""

    def __init__(self, state: _Corpus, values: Mapping[str, Any], municipality: str) -> None:
        self.rng = state.rng
        self.actors = [state.label("actors", a) for a in values["actors"]]
        self.topics = [state.label("topics", t) for t in values["topics"]]
        self.groups = [state.label("target_groups", g) for g in values["target_groups"]]
        self.municipality = municipality

    def fill(self, template: str) -> str:
        rng = self.rng
        actor, other = rng.sample(self.actors, 2) if len(self.actors) > 1 else self.actors * 2
        group = rng.choice(self.groups)
        topic, topic2 = rng.choice(self.topics), rng.choice(self.topics)
        return template.format(
            Akteur=f"Die {actor}" if actor in _FEMININE else actor,
            akteur=f"die {other}" if other in _FEMININE else other,
            mit_akteur=f"der {other}" if other in _FEMININE else other,
            objekt=rng.choice(_OBJECTS),
            ziel=rng.choice(_GOALS),
            eigenschaft=rng.choice(_PROPERTIES),
            bedingung=rng.choice(_CONDITIONS),
            erfahrung=rng.choice(_EXPERIENCES),
            thema=topic,
            thema2=topic2 if topic2 != topic else "Prävention",
            zielgruppe=group,
            Zielgruppe=group,
            ort=f"der {self.municipality}"
            if self.municipality.startswith(("Stadt", "Gemeinde"))
            else f"dem {self.municipality}",
        )


_FEMININE = frozenset(
    {
        "Verwaltung",
        "Verwaltungsspitze",
        "Kommunalpolitik",
        "Beratungsstelle",
        "Polizei",
        "Ordnungsbehörde",
        "Justiz",
        "Zivilgesellschaft",
        "Jugendhilfe",
        "Wissenschaft",
        "Wirtschaft",
    }
)


def _paragraph(slots: _Slots, rng: random.Random, sentences: int) -> str:
    return " ".join(slots.fill(rng.choice(_TEMPLATES)) for _ in range(sentences))


def count_words(text: str) -> int:
    """Words of prose: tokens with a letter (Markdown markers such as `##` and `-` are not)."""
    return sum(1 for token in text.split() if any(ch.isalpha() for ch in token))


# -- command line ----------------------------------------------------------------------------


def add_command(sub: Any) -> None:
    """Register `praxis synth` on the subcommand parser of `praxis.cli`."""
    parser = sub.add_parser(
        "synth",
        help="Synthetische Einträge für Last- und Skalierungstests erzeugen",
        description="Schreibt COUNT erfundene, gültige Einträge aller Inhaltsarten nach OUT. "
        "Gleicher Startwert und gleiches Bezugsdatum ergeben dieselben Dateien.",
    )
    parser.add_argument("--count", type=int, required=True, help="Anzahl der Einträge")
    parser.add_argument("--seed", type=int, default=1, help="Startwert (Standard: 1)")
    parser.add_argument("--out", type=Path, required=True, help="Zielordner (neu oder leer)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="Bezugsdatum JJJJ-MM-TT für Veröffentlichungs- und Prüfdaten (Standard: heute)",
    )
    parser.add_argument(
        "--intern",
        type=float,
        default=0.0,
        metavar="ANTEIL",
        help="Anteil interner Einträge zwischen 0 und 1, etwa 0.1 für jeden zehnten (Standard: 0)",
    )
    parser.set_defaults(handler=run_synth)


def run_synth(args: argparse.Namespace, root: Path) -> int:

    if args.count < 0:
        raise UsageError("--count darf nicht negativ sein.")
    if not 0.0 <= args.intern <= 1.0:
        raise UsageError("--intern muss zwischen 0 und 1 liegen, etwa 0.1.")
    out = args.out.resolve()
    existing = [
        path
        for content_type in CONTENT_TYPE_BY_KEY.values()
        if (out / content_type.folder).is_dir()
        for path in (out / content_type.folder).glob("*.md")
    ]
    if existing:
        raise UsageError(
            f"{args.out}: enthält schon Einträge ({existing[0].relative_to(out)}). Wählen Sie "
            "einen neuen oder leeren Ordner; echte Inhalte werden nie überschrieben."
        )
    copy_vocabularies(root, out)
    written = write_corpus(out, args.count, args.seed, args.today, args.intern)
    print(f"{len(written)} synthetische Einträge nach {args.out} geschrieben.")
    return EXIT_OK
