"""The map of the Bundesländer: committed, simplified outlines shaded by a count per Land.

The geometry (content/karte/bundeslaender.json) comes from @svg-maps/germany (CC BY 4.0), made
small by `praxis.map_geometry`. This module only joins it with counts; the template draws it, as
links with accessible names, next to a table of the same figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .problems import Problem

GEOMETRY = Path("content") / "karte" / "bundeslaender.json"
SHADES = 5  # steps of the colour scale; 0 = no entries


@lru_cache(maxsize=4)
def load_geometry(root: Path) -> Mapping[str, Any] | None:
    path = root / GEOMETRY
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def shade(count: int, largest: int) -> int:
    """0 for none, else 1..SHADES-1 in equal steps of the largest count."""
    if count <= 0 or largest <= 0:
        return 0
    return 1 + min(SHADES - 2, (count - 1) * (SHADES - 1) // largest)


def state_map(
    geometry: Mapping[str, Any], counts: Mapping[str, tuple[str, int]], base_path: str
) -> dict[str, Any]:
    """Plain data for the template: each Land's outline, link, label, count and shade."""
    largest = max((count for _, count in counts.values()), default=0)
    states = []
    for state_id, outline in sorted(geometry["states"].items()):
        label, count = counts.get(state_id, (state_id, 0))
        states.append(
            {
                "id": state_id,
                "d": outline,
                "label": label,
                "count": count,
                "path": f"{base_path}/{state_id}/",
                "shade": shade(count, largest),
            }
        )
    legend = [
        {"shade": step, "text": _legend_text(step, largest)}
        for step in range(SHADES)
        if _legend_text(step, largest)
    ]
    return {
        "viewBox": geometry["viewBox"],
        "states": states,
        "legend": legend,
        "source": geometry["source"],
    }


def _legend_text(step: int, largest: int) -> str:
    if step == 0:
        return "keine Einträge"
    low = next((c for c in range(1, largest + 1) if shade(c, largest) == step), None)
    high = max((c for c in range(1, largest + 1) if shade(c, largest) == step), default=None)
    if low is None or high is None:
        return ""
    if low == high == 1:
        return "1 Eintrag"
    return (f"{low}" if low == high else f"{low}–{high}") + " Einträge"


# What the outline of a Land may hold: SVG path commands and numbers, nothing else.
_PATH_DATA = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9.,\s-]+$")
_VIEW_BOX = re.compile(r"^-?\d+(\.\d+)?( -?\d+(\.\d+)?){3}$")
_SOURCE_KEYS = ("name", "licence", "licence_url", "changes")


def check_geometry(root: Path, state_ids: Sequence[str]) -> list[Problem]:
    """The map file, when there is one: JSON of the expected shape, an outline of path data for
    every Land of the vocabulary and for nothing else, plain texts for its source. A broken file
    would otherwise stop the build with a traceback or draw a map with a Land missing."""
    path = root / GEOMETRY
    if not path.is_file():
        return []
    rel = GEOMETRY.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(rel, 1, "map-geometry", f"Die Karte kann nicht gelesen werden: {exc}")]
    except json.JSONDecodeError as exc:
        return [
            Problem(
                rel,
                exc.lineno,
                "map-geometry",
                f"Die Karte ist kein gültiges JSON (Spalte {exc.colno}). Am einfachsten stellen "
                "Sie die Datei aus der Versionsverwaltung wieder her.",
            )
        ]

    def at(needle: str) -> int:
        index = text.find(needle)
        return text.count("\n", 0, index) + 1 if index >= 0 else 1

    if not isinstance(data, dict):
        return [Problem(rel, 1, "map-geometry", "Die Karte ist kein JSON-Objekt.")]
    problems: list[Problem] = []
    if not isinstance(data.get("viewBox"), str) or not _VIEW_BOX.match(data["viewBox"]):
        problems.append(
            Problem(rel, at('"viewBox"'), "map-geometry", "`viewBox` sind vier Zahlen.")
        )
    source = data.get("source")
    if not isinstance(source, dict) or not all(
        isinstance(source.get(k), str) and "<" not in source[k] and ">" not in source[k]
        for k in _SOURCE_KEYS
    ):
        problems.append(
            Problem(
                rel,
                at('"source"'),
                "map-geometry",
                "`source` nennt `name`, `licence`, `licence_url` und `changes` als Text "
                "ohne `<` und `>`.",
            )
        )
    elif not source["licence_url"].startswith("https://"):
        problems.append(
            Problem(rel, at('"licence_url"'), "map-geometry", "`licence_url` beginnt mit https://.")
        )
    states = data.get("states")
    if not isinstance(states, dict):
        return [*problems, Problem(rel, at('"states"'), "map-geometry", "`states` fehlt.")]
    for state_id, outline in states.items():
        if state_id not in state_ids:
            problems.append(
                Problem(
                    rel,
                    at(f'"{state_id}"'),
                    "map-geometry",
                    f"`{state_id}` ist kein Land aus content/vocabularies/states.yml.",
                )
            )
        elif not isinstance(outline, str) or not _PATH_DATA.match(outline):
            problems.append(
                Problem(
                    rel,
                    at(f'"{state_id}"'),
                    "map-geometry",
                    f"Der Umriss von `{state_id}` ist kein SVG-Pfad (nur Befehle und Zahlen).",
                )
            )
    missing = [s for s in state_ids if s not in states]
    if missing:
        problems.append(
            Problem(
                rel,
                at('"states"'),
                "map-geometry",
                "Auf der Karte fehlt ein Umriss für " + ", ".join(f"`{s}`" for s in missing) + ".",
            )
        )
    return problems
