"""Events: calendar files that any calendar imports at the right hour, and "upcoming" decided
by a build date that can be fixed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import vobject

from praxis.build_date import BuildDateError, build_date
from praxis.corpus import load_corpus
from praxis.ical import CALENDAR_URI, calendar_files
from praxis.render import SiteRenderer
from praxis.taxonomy import build_index

REPO = Path(__file__).resolve().parent.parent
SITE = "https://plattform.example/"
UTC = dt.timezone.utc
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO, today=TODAY)


def _event(corpus, entry_id: str):
    files = calendar_files(corpus.entries, SITE, TODAY)
    return vobject.readOne(files[f"veranstaltungen/{entry_id}/termin.ics"].decode()).vevent


def test_every_published_event_has_a_calendar_file_an_independent_parser_reads(corpus) -> None:
    files = calendar_files(corpus.entries, SITE, TODAY)
    events = [e for e in corpus.published if e.type.key == "veranstaltung"]
    assert len(events) >= 4
    for entry in events:
        parsed = vobject.readOne(files[f"{entry.url_path}termin.ics"].decode())
        assert parsed.vevent.summary.value == entry.title
        assert parsed.vevent.uid.value == f"{entry.id}@plattform.example"
        assert parsed.vevent.url.value == f"{SITE}{entry.url_path}"


def test_times_are_german_local_time_on_both_sides_of_the_daylight_saving_change(corpus) -> None:
    # Summer time starts on 28 March 2027: 09:30 on 18 March is 08:30 UTC, 14:00 on 29 March
    # is 12:00 UTC.
    winter = _event(corpus, "kommunaltagung-zusammenhalt-2027")
    assert winter.dtstart.value.astimezone(UTC) == dt.datetime(2027, 3, 18, 8, 30, tzinfo=UTC)
    assert winter.dtend.value.astimezone(UTC) == dt.datetime(2027, 3, 19, 14, 0, tzinfo=UTC)
    summer = _event(corpus, "facharbeitskreis-rechtsextremismus-maerz-2027")
    assert summer.dtstart.value.astimezone(UTC) == dt.datetime(2027, 3, 29, 12, 0, tzinfo=UTC)
    assert summer.dtend.value.astimezone(UTC) == dt.datetime(2027, 3, 29, 14, 0, tzinfo=UTC)


def test_a_day_without_time_is_an_all_day_event_ending_the_next_day(corpus) -> None:
    event = _event(corpus, "demokratiekonferenz-2027")
    assert event.dtstart.value == dt.date(2027, 6, 10)
    assert event.dtend.value == dt.date(2027, 6, 11)
    assert "online" in event.location.value


def _upcoming_uids(corpus, today: dt.date) -> set[str]:
    text = calendar_files(corpus.entries, SITE, today)[CALENDAR_URI].decode()
    return {event.uid.value.split("@")[0] for event in vobject.readOne(text).vevent_list}


def _list_groups(corpus, today: dt.date) -> dict[str, list[str]]:
    index = build_index(corpus.published, corpus.vocabularies)
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, today=today)
    page = next(p for p in renderer.pages() if p.src_uri == "veranstaltungen/index.md")
    return {g["key"]: [i["path"] for i in g["items"]] for g in page.data["groups"]}


def test_the_build_date_moves_an_event_from_upcoming_to_past(corpus) -> None:
    tagung = "kommunaltagung-zusammenhalt-2027"
    on_last_day = _list_groups(corpus, dt.date(2027, 3, 19))
    assert f"veranstaltungen/{tagung}/" in on_last_day["upcoming"]
    assert tagung in _upcoming_uids(corpus, dt.date(2027, 3, 19))
    day_after = _list_groups(corpus, dt.date(2027, 3, 20))
    assert f"veranstaltungen/{tagung}/" in day_after["past"]
    assert tagung not in _upcoming_uids(corpus, dt.date(2027, 3, 20))


def test_upcoming_events_come_soonest_first_and_the_archive_latest_first(corpus) -> None:
    groups = _list_groups(corpus, TODAY)
    assert groups["upcoming"] == [
        "veranstaltungen/kommunaltagung-zusammenhalt-2027/",
        "veranstaltungen/facharbeitskreis-rechtsextremismus-maerz-2027/",
        "veranstaltungen/demokratiekonferenz-2027/",
    ]
    assert groups["past"] == ["veranstaltungen/austauschtreffen-modellkommunen-herbst-2026/"]


def test_calendar_files_are_the_same_for_the_same_build_date(corpus) -> None:
    assert calendar_files(corpus.entries, SITE, TODAY) == calendar_files(
        corpus.entries, SITE, TODAY
    )


def test_the_build_date_comes_from_the_environment_then_the_configuration() -> None:
    assert build_date("2027-01-02", {}) == dt.date(2027, 1, 2)
    assert build_date("2027-01-02", {"PRAXIS_BUILD_DATE": "2027-05-06"}) == dt.date(2027, 5, 6)
    assert build_date("", {"SOURCE_DATE_EPOCH": "1800000000"}) == dt.date(2027, 1, 15)
    with pytest.raises(BuildDateError, match="JJJJ-MM-TT"):
        build_date("15.01.2027", {})


def test_a_network_page_lists_its_events_upcoming_first(corpus) -> None:
    index = build_index(corpus.published, corpus.vocabularies)
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, today=TODAY)
    page = next(
        p for p in renderer.pages() if p.src_uri.endswith("/facharbeitskreis-rechtsextremismus.md")
    )
    events = next(r for r in page.data["rows"] if r["label"] == "Veranstaltungen")
    assert [v["path"] for v in events["values"]] == [
        "veranstaltungen/facharbeitskreis-rechtsextremismus-maerz-2027/"
    ]
    assert events["values"][0]["text"].startswith("Mo, 29.03.2027, 14:00–16:00 Uhr: ")


def test_the_preview_keeps_the_calendar_file_of_an_unchanged_event() -> None:
    corpus = load_corpus(REPO, today=TODAY)
    memo: dict = {}
    first = calendar_files(corpus.entries, SITE, TODAY, memo)
    assert memo  # one per published event
    again = calendar_files(corpus.entries, SITE, TODAY, memo)
    assert again == first
    kept = {uri: text for uri, text in again.items() if uri != CALENDAR_URI}
    assert all(again[uri] is first[uri] for uri in kept)  # not made again
    # Another build date makes every file anew, with the same content as without the memo.
    later = TODAY + dt.timedelta(days=1)
    assert calendar_files(corpus.entries, SITE, later, memo) == calendar_files(
        corpus.entries, SITE, later
    )


def test_an_event_names_its_network_by_title_with_a_link(corpus) -> None:
    from praxis.editions import PUBLIC

    public = corpus.for_edition(PUBLIC)
    index = build_index(public.published, public.vocabularies)
    renderer = SiteRenderer(public.entries, public.vocabularies, index, today=TODAY)
    event = renderer.by_id["facharbeitskreis-rechtsextremismus-maerz-2027"]
    rows = {row["field"]: row["values"] for row in renderer.field_rows(event)}
    network = renderer.by_id["facharbeitskreis-rechtsextremismus"]
    assert rows["network"] == [
        {"text": network.title, "path": network.url_path, "kind": network.type.singular}
    ]
    import dataclasses

    public_mark = dataclasses.replace(
        event, id="kopie", fields={**event.fields, "visibility": "oeffentlich"}
    )
    shown = [row["field"] for row in renderer.field_rows(public_mark)]
    assert "visibility" not in shown  # "Sichtbarkeit: öffentlich" tells a public reader nothing
    internal = dataclasses.replace(
        event, id="intern", fields={**event.fields, "visibility": "intern"}
    )
    assert "visibility" in [row["field"] for row in renderer.field_rows(internal)]


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (dt.date(2027, 2, 1), "Zur Anmeldung"),
        (dt.date(2027, 3, 1), "Anmeldung geschlossen."),
        (dt.date(2027, 4, 1), "Die Veranstaltung hat stattgefunden."),
    ],
)
def test_registration_closes_with_its_deadline_and_the_event(
    corpus, today: dt.date, shown: str
) -> None:
    index = build_index(corpus.published, corpus.vocabularies)
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, today=today)
    event = renderer.by_id["kommunaltagung-zusammenhalt-2027"]
    rows = {row["field"]: row["values"] for row in renderer.field_rows(event)}
    assert shown in [value["text"] for value in rows["registration"]]
