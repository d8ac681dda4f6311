"""Review dates: entries whose last check is too long ago are reported as warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Entry
from ..problems import Problem, Severity

DEFAULT_REVIEW_MONTHS = 24


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    return months - (1 if later.day < earlier.day else 0)


def last_checked(entry: Entry) -> dt.date | None:
    """The date readers see as "Zuletzt geprüft": the review date, else the publication date."""
    value = entry.fields.get("reviewed") or entry.fields.get("published")
    return value if isinstance(value, dt.date) else None


def check_review_age(entry: Entry, today: dt.date, months: int) -> Iterator[Problem]:
    checked = last_checked(entry)
    if checked is None or entry.draft:
        return
    dates = {key: entry.fields.get(key) for key in ("published", "reviewed")}
    future = False
    for key, day in dates.items():
        if isinstance(day, dt.date) and day > today:
            future = True
            yield Problem(
                entry.path,
                entry.line_of(key),
                "date-future",
                f"Das Datum {day:%d.%m.%Y} liegt in der Zukunft.",
            )
    published, reviewed = dates["published"], dates["reviewed"]
    if isinstance(published, dt.date) and isinstance(reviewed, dt.date) and reviewed < published:
        yield Problem(
            entry.path,
            entry.line_of("reviewed"),
            "date-order",
            f"Geprüft am {reviewed:%d.%m.%Y}, aber erst am {published:%d.%m.%Y} veröffentlicht. "
            "Prüfen Sie beide Daten: `reviewed` ist der Tag der letzten Prüfung.",
            Severity.WARNING,
        )
    if future:
        return
    age = months_between(checked, today)
    if age >= months and entry.type.review:
        key = "reviewed" if entry.fields.get("reviewed") else "published"
        yield Problem(
            entry.path,
            entry.line_of(key),
            "review-due",
            f"Zuletzt geprüft am "
            f"{checked:%d.%m.%Y}, vor {age} Monaten (Frist: {months} Monate). Prüfen Sie "
            "den Eintrag und tragen Sie das Datum unter `reviewed` ein.",
            Severity.WARNING,
        )


def check_expiry(entry: Entry, today: dt.date) -> Iterator[Problem]:
    """A request or offer past its `valid_until` should go: it names a contact person, and
    personal data is kept no longer than it is needed."""
    until = entry.fields.get("valid_until")
    if not isinstance(until, dt.date) or until >= today or entry.draft:
        return
    yield Problem(
        entry.path,
        entry.line_of("valid_until"),
        "valid-until",
        f"Gilt nur bis {until:%d.%m.%Y}. Löschen Sie den Eintrag oder verlängern Sie "
        "`valid_until`, wenn das Gesuch oder Angebot noch gilt.",
        Severity.WARNING,
    )
