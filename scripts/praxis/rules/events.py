"""Rules for entries with a date: a start before the end, a place or online, deadlines in time.

They read fields, not types: any type that declares `start`, `place`/`online` or `registration`
gets them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..build_date import BERLIN
from ..model import Entry
from ..problems import Problem
from .body import Body

# A day or a moment. Both named: a datetime is a date, but a stand-in `date` class (as in the
# date tests' time travel) is not a base of `datetime`.
MOMENT = (dt.date, dt.datetime)


def day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _missing_hour(moment: object) -> bool:
    """A time of day that German clocks skip when summer time begins (02:00–02:59 that night)."""
    if not isinstance(moment, dt.datetime):
        return False
    there = moment.replace(tzinfo=BERLIN)
    return there.astimezone(dt.timezone.utc).astimezone(BERLIN).replace(tzinfo=None) != moment


def check_event_times(entry: Entry, body: Body) -> Iterator[Problem]:
    for name in ("start", "end"):
        if _missing_hour(entry.fields.get(name)):
            yield Problem(
                entry.path,
                entry.line_of(name),
                "event-time",
                f"Die Uhrzeit {entry.fields[name]:%H:%M} gibt es am {entry.fields[name]:%d.%m.%Y} "
                "nicht: In dieser Nacht werden die Uhren von 2 auf 3 Uhr vorgestellt.",
            )
    start, end = entry.fields.get("start"), entry.fields.get("end")
    if not isinstance(start, MOMENT) or not isinstance(end, MOMENT):
        return
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
        yield Problem(
            entry.path,
            entry.line_of("end"),
            "event-time",
            "Beginn und Ende brauchen dieselbe Form: beide mit Uhrzeit (`2027-03-18 09:30`) "
            "oder beide ohne (`2027-03-18`).",
        )
    elif end < start:
        yield Problem(
            entry.path,
            entry.line_of("end"),
            "event-time",
            f"Das Ende ({_german(end)}) liegt vor dem Beginn ({_german(start)}).",
        )
    elif end == start and isinstance(end, dt.datetime):
        yield Problem(
            entry.path,
            entry.line_of("end"),
            "event-time",
            f"Ende und Beginn sind derselbe Zeitpunkt ({_german(end)}); die Seite zeigte "
            f"„{end:%H:%M}–{end:%H:%M} Uhr“. Tragen Sie das Ende ein oder löschen Sie `end`.",
        )


def check_event_place(entry: Entry, body: Body) -> Iterator[Problem]:
    if "place" not in entry.type.fields or entry.fields.get("start") is None:
        return
    written = [name for name in ("place", "online") if (name,) in entry.lines]
    if any(name not in entry.fields for name in written):
        return  # a wrong value there is reported at its line already
    if not entry.fields.get("place") and not entry.fields.get("online"):
        yield Problem(
            entry.path,
            entry.line_of("start"),
            "event-place",
            "Wo findet die Veranstaltung statt? Nennen Sie den Ort unter `place` oder setzen "
            "Sie `online: true`.",
        )


def check_registration(entry: Entry, body: Body) -> Iterator[Problem]:
    registration = entry.fields.get("registration") or {}
    deadline = registration.get("deadline")
    previous = registration.get("previous_deadline")
    start = entry.fields.get("start")
    if isinstance(deadline, MOMENT) and isinstance(start, MOMENT) and deadline > day_of(start):
        yield Problem(
            entry.path,
            entry.line_of("registration", "deadline"),
            "event-deadline",
            f"Der Anmeldeschluss ({_german(deadline)}) liegt nach dem Beginn ({_german(start)}).",
        )
    if previous is not None and deadline is None:
        yield Problem(
            entry.path,
            entry.line_of("registration", "previous_deadline"),
            "event-deadline",
            "Zu `previous_deadline` (bisheriger Anmeldeschluss) gehört der neue Anmeldeschluss "
            "unter `deadline`.",
        )
    elif previous is not None and previous == deadline:
        yield Problem(
            entry.path,
            entry.line_of("registration", "previous_deadline"),
            "event-deadline",
            "Der bisherige Anmeldeschluss ist derselbe wie der neue; lassen Sie "
            "`previous_deadline` weg, wenn sich die Frist nicht geändert hat.",
        )


def _german(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y, %H:%M} Uhr"
    return f"{value:%d.%m.%Y}"


def check_period(entry: Entry, body: Body) -> Iterator[Problem]:
    """A project's period ends after it starts: the fact box would show "01/2024 – 01/2023"."""
    period = entry.fields.get("period")
    if not isinstance(period, dict):
        return
    start, end = period.get("start"), period.get("end")
    if isinstance(start, MOMENT) and isinstance(end, MOMENT) and end < start:
        yield Problem(
            entry.path,
            entry.line_of("period", "end"),
            "period-order",
            f"Das Ende des Zeitraums ({_german(end)}) liegt vor seinem Beginn "
            f"({_german(start)}). Prüfen Sie beide Daten.",
        )


EVENT_RULES = (check_event_times, check_event_place, check_registration, check_period)
