"""Events as iCalendar (RFC 5545): one file per event and a subscribable calendar of what is next.

Times in entries are German local time without a zone; here they become Europe/Berlin with a
VTIMEZONE, so that calendars import the right hour on both sides of a daylight-saving change.
Days without a time become all-day events (DTEND is the day after the last day, as RFC 5545
wants). No MkDocs here: entries in, bytes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from icalendar import Calendar, Event

from .build_date import BERLIN
from .model import Entry
from .rules.events import MOMENT, day_of

PRODUCT = "-//Plattform gegen Rassismus und Hass//Veranstaltungen//DE"
CALENDAR_URI = "veranstaltungen.ics"


def has_date(entry: Entry) -> bool:
    return isinstance(entry.fields.get("start"), MOMENT)


def last_day(entry: Entry) -> dt.date:
    """The day an event ends (its start day when it has no end)."""
    return day_of(entry.fields.get("end") or entry.fields["start"])


def is_upcoming(entry: Entry, today: dt.date) -> bool:
    """Upcoming until its last day is over; decided at build time."""
    return last_day(entry) >= today


def start_key(entry: Entry) -> tuple[dt.datetime, str]:
    start = entry.fields["start"]
    moment = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    return moment, entry.id


def upcoming_and_past(entries: Iterable[Entry], today: dt.date) -> tuple[list[Entry], list[Entry]]:
    """Upcoming events soonest first, past events latest first."""
    dated = [e for e in entries if has_date(e)]
    upcoming = sorted((e for e in dated if is_upcoming(e, today)), key=start_key)
    past = sorted((e for e in dated if not is_upcoming(e, today)), key=start_key, reverse=True)
    return upcoming, past


def calendar_file_uri(entry: Entry) -> str:
    """Where an event's own `.ics` lies: next to its page, `veranstaltungen/<id>/termin.ics`."""
    return f"{entry.url_path}termin.ics"


def _event(entry: Entry, site_url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.id}@{_host(site_url)}")
    event.add("dtstamp", stamp)
    event.add("summary", entry.title)
    start = entry.fields["start"]
    end = entry.fields.get("end")
    if isinstance(start, dt.datetime):
        event.add("dtstart", start.replace(tzinfo=BERLIN))
        if isinstance(end, dt.datetime):
            event.add("dtend", end.replace(tzinfo=BERLIN))
    else:
        event.add("dtstart", start)
        event.add("dtend", (end if isinstance(end, MOMENT) else start) + dt.timedelta(days=1))
    where = [entry.fields["place"]] if entry.fields.get("place") else []
    if entry.fields.get("online"):
        where.append("online")
    if where:
        event.add("location", ", ".join(where))
    url = site_url.rstrip("/") + "/" + entry.url_path if site_url else ""
    description = entry.summary + (f"\n\n{url}" if url else "")
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    return calendar


def entry_ics(entry: Entry, site_url: str, stamp: dt.datetime) -> bytes:
    """One event as its own calendar file ("In den Kalender")."""
    calendar = _calendar(entry.title)
    calendar.add_component(_event(entry, site_url, stamp))
    _add_timezone(calendar, [entry])
    return calendar.to_ical()


def upcoming_ics(
    entries: Sequence[Entry], site_url: str, today: dt.date, stamp: dt.datetime
) -> bytes:
    """Every upcoming published event, for subscription."""
    calendar = _calendar("Veranstaltungen der Plattform gegen Rassismus und Hass")
    upcoming, _ = upcoming_and_past((e for e in entries if not e.draft), today)
    for entry in upcoming:
        calendar.add_component(_event(entry, site_url, stamp))
    _add_timezone(calendar, upcoming)
    return calendar.to_ical()


def _add_timezone(calendar: Calendar, entries: Sequence[Entry]) -> None:
    """The Europe/Berlin VTIMEZONE, with the transitions of the years the events span only."""
    days = [last_day(e) for e in entries] + [day_of(e.fields["start"]) for e in entries]
    if days:
        first = dt.date(min(days).year - 1, 1, 1)
        last = dt.date(max(days).year + 2, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)


def build_stamp(today: dt.date) -> dt.datetime:
    """DTSTAMP from the build date, so equal inputs give equal files."""
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc)


def _host(site_url: str) -> str:
    host = site_url.split("://", 1)[-1].split("/", 1)[0]
    return host or "plattform.invalid"


# An event's calendar file by the entry object it was made from (the preview keeps unchanged
# entries as the same objects between builds): entry, site URL, build date, file.
CalendarMemo = dict[int, tuple[Entry, str, dt.date, bytes]]


def calendar_files(
    entries: Sequence[Entry], site_url: str, today: dt.date, memo: CalendarMemo | None = None
) -> dict[str, bytes]:
    """Site path -> content of every calendar file: one per published event, and the feed.
    With `memo`, an event whose entry object, site URL and build date are unchanged keeps
    its file from the previous call."""
    stamp = build_stamp(today)
    published = [e for e in entries if not e.draft and has_date(e)]
    files = {}
    kept: CalendarMemo = {}
    for entry in published:
        found = memo.get(id(entry)) if memo is not None else None
        if found is not None and found[0] is entry and found[1:3] == (site_url, today):
            text = found[3]
        else:
            text = entry_ics(entry, site_url, stamp)
        kept[id(entry)] = (entry, site_url, today, text)
        files[calendar_file_uri(entry)] = text
    if memo is not None:  # only what this call saw: old entries are let go
        memo.clear()
        memo.update(kept)
    if published:
        files[CALENDAR_URI] = upcoming_ics(published, site_url, today, stamp)
    return files
