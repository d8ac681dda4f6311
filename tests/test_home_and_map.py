"""The start page is a hub, and the Bundesländer map shows where entries come from."""

from __future__ import annotations

import re
from pathlib import Path

from praxis.state_map import GEOMETRY, load_geometry, shade
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent


def _start() -> str:
    return (built_site() / "index.html").read_text("utf-8")


def test_the_start_page_offers_search_modules_and_help_before_the_welcome_text() -> None:
    html = _start().split('id="inhalt"', 1)[1]
    search = html.index('role="search" action="praxisfinder/"')
    tiles = re.findall(r'<li class="praxis-tile"><a href="(?:\./)?module/(modul-[0-9a]+)/">', html)
    assert tiles == ["modul-1", "modul-2", "modul-3", "modul-1a", "modul-2a", "modul-3a"]
    assert search < html.index('class="praxis-tiles"') < html.index("Willkommen")
    assert re.search(r'href="(\./)?hilfe/"', html.split("Die Module")[0])
    assert re.search(r'<span class="praxis-tile__count">\d+ Einträge</span>', html)


def test_the_start_page_lists_newest_entries_and_next_events() -> None:
    html = _start()
    assert "Neu auf der Plattform" in html
    assert "Nächste Termine" in html or "Veranstaltungen" in html


def test_the_map_links_every_land_with_its_count_and_repeats_them_in_a_table() -> None:
    html = (built_site() / "bundeslaender" / "index.html").read_text("utf-8")
    labels = re.findall(
        r'<a href="[./]*bundeslaender/([a-z-]+)/" aria-label="([^"]+): (\d+) Eintr', html
    )
    assert len(labels) == 16
    rows = dict(
        re.findall(
            r'<th scope="row"><a href="[./]*bundeslaender/([a-z-]+)/">[^<]+</a></th><td>(\d+)</td>',
            html,
        )
    )
    assert {land: count for land, _, count in labels} == rows
    assert "CC BY 4.0" in html and "MapSVG" in html


def test_the_geometry_is_small_and_covers_the_sixteen_laender() -> None:
    assert (REPO / GEOMETRY).stat().st_size <= 40_000
    geometry = load_geometry(REPO)
    assert geometry is not None and len(geometry["states"]) == 16


def test_shades_grow_with_the_count_and_none_is_its_own_shade() -> None:
    assert shade(0, 10) == 0
    steps = [shade(count, 10) for count in range(1, 11)]
    assert steps == sorted(steps) and steps[0] == 1 and steps[-1] == 4


def _map_problems(content_root: Path, edit) -> list[tuple[int, str]]:
    """The check's findings on the map file after `edit` changed its text."""
    from praxis.corpus import load_corpus

    target = content_root / GEOMETRY
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(edit((REPO / GEOMETRY).read_text("utf-8")), "utf-8")
    found = load_corpus(content_root).problems
    return [(p.line, p.message) for p in found if p.path == GEOMETRY.as_posix()]


def test_the_shipped_map_passes_the_check(content_root: Path) -> None:
    assert _map_problems(content_root, lambda text: text) == []


def test_a_map_that_is_no_json_is_reported_at_its_line(content_root: Path) -> None:
    ((line, message),) = _map_problems(content_root, lambda text: text[:40] + "\n,,")
    assert line >= 1 and "kein gültiges JSON" in message


def test_an_outline_that_is_not_path_data_is_an_error(content_root: Path) -> None:
    def poison(text: str) -> str:
        return re.sub(r'"bayern": "M', '"bayern": "\\"><script>alert(1)</script>M', text, count=1)

    found = _map_problems(content_root, poison)
    assert [m for _, m in found] == [
        "Der Umriss von `bayern` ist kein SVG-Pfad (nur Befehle und Zahlen)."
    ]


def test_a_land_missing_from_the_map_is_named(content_root: Path) -> None:
    import json

    def drop(text: str) -> str:
        data = json.loads(text)
        del data["states"]["saarland"]
        return json.dumps(data, indent=1)

    found = _map_problems(content_root, drop)
    assert [m for _, m in found] == ["Auf der Karte fehlt ein Umriss für `saarland`."]
