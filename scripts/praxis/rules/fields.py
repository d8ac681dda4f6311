"""Type front-matter values by the field table, reporting every mismatch with its line.

Values arrive as the strings, lists and dicts that were written. This is the only place where
they become dates and booleans, so a postcode or a `no` is never mis-typed by YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..characters import is_blank
from ..content_types import CONTENT_TYPE_BY_KEY
from ..links import url_problem
from ..model import Vocabulary
from ..problems import Problem
from ..schema import ENTRY_ID, FIELDS, Field, Kind, fields_for

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$")
# Dates outside these years are typos ("9999", "0001"); no entry is about them.
MIN_YEAR = 1900
MAX_YEAR = 2100
# The same years as a pattern, for the JSON Schema (editors flag the year as they type).
YEARS = r"(?:19\d\d|20\d\d|2100)"
# The domain may have umlauts ("info@müllerstadt.de"), as internationalised domain names do.
EMAIL = re.compile(
    r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-\u00c0-\uffff]+(\.[A-Za-z0-9\-\u00c0-\uffff]+)*"
    r"\.[A-Za-z\u00c0-\uffff]{2,}$"
)
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,30}$")
# Markup: a tag closed by `>`, or one with an attribute (`<img src=x`). "<zehn Personen" is text.
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*[>=]")
MARKDOWN_LINK = re.compile(r"\]\(")  # the middle of `[text](address)`; linear on any text
Path = tuple[Any, ...]


class FieldChecker:
    """Checks one entry's front matter; collects typed values and problems."""

    def __init__(
        self,
        path: str,
        content_type: str,
        lines: Mapping[Path, int],
        vocabularies: Mapping[str, Vocabulary],
    ) -> None:
        self.path = path
        self.content_type = content_type
        self.lines = lines
        self.vocabularies = vocabularies
        self.problems: list[Problem] = []

    def line(self, where: Path) -> int:
        for end in range(len(where), 0, -1):
            found = self.lines.get(tuple(where[:end]))
            if found is not None:
                return found
        return 1

    def report(self, where: Path, rule: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(where), rule, message))

    def check(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return self._object(data, (), fields_for(self.content_type), top=True)

    def _object(
        self, data: Mapping[str, Any], where: Path, fields: tuple[Field, ...], top: bool = False
    ) -> dict[str, Any]:
        known = _by_name(fields)
        typed: dict[str, Any] = {}
        for key, value in data.items():
            spec = known.get(key)
            if spec is None:
                self._unknown_key(key, (*where, key), known, top)
                continue
            if value is None:  # an alias or a tag, already reported by the parser
                continue
            if isinstance(value, str) and is_blank(value):
                self.report(
                    (*where, key),
                    "field-empty",
                    f"Das Feld `{_dotted(where, key)}` "
                    f"({spec.label}) ist leer. Tragen Sie einen Wert ein oder "
                    "löschen Sie die Zeile.",
                )
                continue
            result = self._value(spec, value, (*where, key))
            if result is not None:
                typed[key] = result
        anchor = where if where else ("__start__",)
        for spec in _required(fields, self.content_type):
            if spec.name not in data:
                self.report(
                    anchor,
                    "field-required",
                    f"Das Pflichtfeld `{_dotted(where, spec.name)}` "
                    f"({spec.label}) fehlt. {spec.help}",
                )
        return typed

    def _unknown_key(self, key: str, where: Path, known: Mapping[str, Field], top: bool) -> None:
        elsewhere = [
            CONTENT_TYPE_BY_KEY[t].plural for f in FIELDS if f.name == key and top for t in f.types
        ]
        if elsewhere:
            hint = f"Dieses Feld gibt es nur bei: {', '.join(sorted(elsewhere))}."
        else:
            hint = _did_you_mean(key, list(known)) or (
                "Erlaubt sind: " + ", ".join(f"`{k}`" for k in known) + "."
            )
        self.report(
            where,
            "field-unknown",
            f"Das Feld `{_dotted(where[:-1], key)}` ist unbekannt. "
            f"{hint} Entfernen Sie das Feld oder korrigieren Sie den Namen.",
        )

    def _empty_but_required(self, spec: Field, value: list[Any], where: Path) -> bool:
        """A required list written empty (`participants: []`) is reported once, here."""
        if value or not spec.required(self.content_type):
            return False
        self.report(
            where,
            "field-required",
            f"Das Feld `{_dotted(where)}` ({spec.label}) braucht mindestens einen Wert.",
        )
        return True

    def _value(self, spec: Field, value: Any, where: Path) -> Any:
        kind = spec.kind
        if kind is Kind.OBJECT:
            if not isinstance(value, dict):
                return self._wrong_type(spec, where)
            return self._object(value, where, spec.children)
        if kind is Kind.OBJECT_LIST:
            if not isinstance(value, list):
                return self._wrong_type(spec, where)
            if self._empty_but_required(spec, value, where):
                return None
            items = []
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    self.report(
                        (*where, index),
                        "field-type",
                        f"Jeder Eintrag in `{_dotted(where)}` "
                        "braucht die Unterfelder "
                        + ", ".join(f"`{c.name}`" for c in spec.children)
                        + ".",
                    )
                    continue
                items.append(self._object(item, (*where, index), spec.children))
            return items
        if kind in (Kind.TERMS, Kind.ENTRY_IDS):
            return self._list(spec, value, where)
        if not isinstance(value, str):
            return self._wrong_type(spec, where)
        return self._scalar(spec, value, where)

    def _wrong_type(self, spec: Field, where: Path) -> None:
        example = _example_yaml(spec)
        self.report(
            where,
            "field-type",
            f"Das Feld `{_dotted(where)}` ({spec.label}) muss {spec.kind.german} sein{example}.",
        )
        return None

    def _list(self, spec: Field, value: Any, where: Path) -> list[str] | None:
        if isinstance(value, str):
            self.report(
                where,
                "field-type",
                f"Das Feld `{_dotted(where)}` ({spec.label}) muss eine "
                f"Liste sein, zum Beispiel `{spec.name}: [{value.strip()}]`.",
            )
            return None
        if not isinstance(value, list):
            return self._wrong_type(spec, where)
        if self._empty_but_required(spec, value, where):
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            at = (*where, index)
            if not isinstance(item, str):
                self.report(
                    at,
                    "field-type",
                    f"In `{_dotted(where)}` sind nur einzelne Kennungen "
                    "erlaubt, keine Listen oder Gruppen.",
                )
                continue
            item = item.strip()
            if item in items:
                self.report(
                    at,
                    "field-duplicate-value",
                    f"`{item}` steht doppelt in `{_dotted(where)}`. Löschen Sie die Wiederholung.",
                )
                continue
            if spec.kind is Kind.TERMS:
                if not self._term_ok(spec, item, at):
                    continue
            elif not ENTRY_ID.match(item):
                self.report(
                    at,
                    "related-format",
                    f"`{item}` ist keine Eintrags-Kennung. Verwenden "
                    "Sie den Dateinamen ohne `.md`, zum Beispiel `clearingstelle-talheim`.",
                )
                continue
            items.append(item)
        return items

    def _term_ok(self, spec: Field, item: str, where: Path) -> bool:
        vocabulary = self.vocabularies.get(spec.vocabulary or "")
        if vocabulary is None:
            self.report(where, "vocabulary-missing", missing_vocabulary(spec.vocabulary or ""))
            return False
        if vocabulary.get(item) is not None:
            return True
        self.report(
            where,
            "vocabulary-term",
            f"`{item}` ist kein bekannter Begriff für "
            f"`{spec.name}` ({spec.label}). {_term_hint(item, vocabulary)}",
        )
        return False

    def _scalar(self, spec: Field, raw: str, where: Path) -> Any:
        value = raw.strip()
        kind = spec.kind
        if kind is Kind.TEXT:
            return self._text(spec, value, where)
        if kind is Kind.DATE:
            return self._date(spec, value, where)
        if kind is Kind.DATETIME:
            return self._datetime(spec, value, where)
        if kind is Kind.BOOL:
            if value in ("true", "false"):
                return value == "true"
            self.report(
                where,
                "field-type",
                f"Das Feld `{_dotted(where)}` ({spec.label}) muss "
                f"`true` oder `false` sein, nicht `{value}`.",
            )
            return None
        if kind is Kind.TERM:
            return value if self._term_ok(spec, value, where) else None
        if kind is Kind.URL:
            return self._url(spec, value, where)
        if kind is Kind.EMAIL:
            if EMAIL.match(value):
                return value
            self.report(
                where,
                "field-email",
                f"`{value}` ist keine gültige E-Mail-Adresse (Form: name@stelle.de).",
            )
            return None
        if kind is Kind.PHONE:
            if PHONE.match(value):
                return value
            self.report(
                where,
                "field-phone",
                f"`{value}` ist keine Telefonnummer. Schreiben Sie "
                "Ziffern mit Vorwahl, zum Beispiel `+49 30 1234567` oder `030 1234567`.",
            )
            return None
        return self._wrong_type(spec, where)  # pragma: no cover - lists and objects handled above

    def _text(self, spec: Field, value: str, where: Path) -> str | None:
        if is_blank(value):
            self.report(
                where, "field-empty", f"Das Feld `{_dotted(where)}` ({spec.label}) ist leer."
            )
            return None
        text = " ".join(value.split())
        ok = True
        if HTML_TAG.search(text):
            self.report(
                where,
                "field-html",
                f"Das Feld `{_dotted(where)}` ({spec.label}) darf "
                "kein HTML enthalten. Schreiben Sie reinen Text ohne `<` und `>`.",
            )
            ok = False
        if spec.name == "summary" and MARKDOWN_LINK.search(text):
            self.report(
                where,
                "field-plain-text",
                "Die Kurzbeschreibung ist reiner Text; Links "
                "gehören in den Haupttext oder in `resources`.",
            )
            ok = False
        if spec.max_length is not None and len(text) > spec.max_length:
            self.report(
                where,
                "field-length",
                f"Das Feld `{_dotted(where)}` ({spec.label}) hat "
                f"{len(text)} Zeichen; erlaubt sind höchstens {spec.max_length}. Kürzen "
                f"Sie um {len(text) - spec.max_length} Zeichen.",
            )
            ok = False
        return text if ok else None

    def _plausible(self, day: dt.date, value: str, where: Path, rule: str) -> bool:
        """A year far off is a typo, and later outputs (calendars, feeds) cannot even write it."""
        if MIN_YEAR <= day.year <= MAX_YEAR:
            return True
        self.report(
            where,
            rule,
            f"Das Jahr {day.year} in `{_dotted(where)}` (`{value}`) ist wohl ein Tippfehler; "
            f"erlaubt sind die Jahre {MIN_YEAR} bis {MAX_YEAR}.",
        )
        return False

    def _date(self, spec: Field, value: str, where: Path) -> dt.date | None:
        if DATE.match(value):
            try:
                day = dt.date.fromisoformat(value)
                return day if self._plausible(day, value, where, "field-date") else None
            except ValueError:
                self.report(
                    where,
                    "field-date",
                    f"Das Datum `{value}` in `{_dotted(where)}` gibt "
                    "es nicht. Prüfen Sie Monat (01–12) und Tag.",
                )
                return None
        self.report(
            where,
            "field-date",
            f"`{value}` in `{_dotted(where)}` ({spec.label}) ist kein "
            "Datum der Form JJJJ-MM-TT, zum Beispiel `2025-03-14`.",
        )
        return None

    def _datetime(self, spec: Field, value: str, where: Path) -> dt.date | dt.datetime | None:
        """A day, or a day with a time of day (German local time, no zone written)."""
        if DATE.match(value):
            return self._date(spec, value, where)
        if DATETIME.match(value):
            try:
                moment = dt.datetime.fromisoformat(value.replace(" ", "T"))
                return moment if self._plausible(moment, value, where, "field-datetime") else None
            except ValueError:
                self.report(
                    where,
                    "field-datetime",
                    f"Den Zeitpunkt `{value}` in `{_dotted(where)}` gibt es nicht. Prüfen Sie "
                    "Monat (01–12), Tag, Stunde (00–23) und Minute (00–59).",
                )
                return None
        self.report(
            where,
            "field-datetime",
            f"`{value}` in `{_dotted(where)}` ({spec.label}) ist kein Datum der Form "
            "JJJJ-MM-TT und kein Zeitpunkt der Form JJJJ-MM-TT HH:MM, zum Beispiel "
            "`2027-03-18` oder `2027-03-18 09:30`.",
        )
        return None

    def _url(self, spec: Field, value: str, where: Path) -> str | None:
        problem = url_problem(value)
        if problem is None:
            return value
        self.report(where, "field-url", f"`{value}` in `{_dotted(where)}`: {problem}")
        return None


_BY_NAME: dict[int, tuple[tuple[Field, ...], dict[str, Field]]] = {}
_REQUIRED: dict[tuple[int, str], tuple[tuple[Field, ...], tuple[Field, ...]]] = {}


def _required(fields: tuple[Field, ...], content_type: str) -> tuple[Field, ...]:
    """The required fields among `fields` for a content type, computed once per tuple."""
    cached = _REQUIRED.get((id(fields), content_type))
    if cached is None or cached[0] is not fields:
        required = tuple(f for f in fields if f.required(content_type))
        cached = _REQUIRED[(id(fields), content_type)] = (fields, required)
    return cached[1]


def _by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Name → field for a (cached, long-lived) field tuple; keyed by identity, since fields
    hold unhashable examples."""
    cached = _BY_NAME.get(id(fields))
    if cached is None or cached[0] is not fields:
        cached = _BY_NAME[id(fields)] = (fields, {f.name: f for f in fields})
    return cached[1]


def _dotted(where: Path, key: str | None = None) -> str:
    parts = [str(p) for p in where if not isinstance(p, int)]
    if key is not None:
        parts.append(key)
    return ".".join(parts)


def _closest(word: str, options: list[str]) -> list[str]:
    # Imported here: only mistakes need suggestions, and a clean check should start fast.
    from difflib import get_close_matches

    return get_close_matches(word, options, n=1, cutoff=0.6)


def _did_you_mean(word: str, options: list[str]) -> str | None:
    close = _closest(word, options)
    return f"Meinten Sie `{close[0]}`?" if close else None


def _term_hint(item: str, vocabulary: Vocabulary) -> str:
    close = _closest(item.lower(), list(vocabulary.ids))
    if not close:  # editors often type the label instead of the id
        labels = {t.label.lower(): t.id for t in vocabulary.terms}
        match = _closest(item.lower(), list(labels))
        close = [labels[match[0]]] if match else []
    if close:
        return f"Meinten Sie `{close[0]}`?"
    return "Erlaubt sind: " + ", ".join(f"`{i}`" for i in vocabulary.ids) + "."


def _example_yaml(spec: Field) -> str:
    if spec.kind is Kind.OBJECT:
        return ", zum Beispiel mit den Unterfeldern " + ", ".join(
            f"`{c.name}`" for c in spec.children
        )
    if spec.example in (None, False):
        return ""
    return f", zum Beispiel `{spec.name}: {spec.example}`"


def missing_vocabulary(name: str) -> str:
    """The message for a field whose vocabulary file is not there (see `corpus.load_corpus`,
    which leaves it out when the file is there but has errors of its own)."""
    return f"Das Vokabular `{name}` fehlt in content/vocabularies/."
