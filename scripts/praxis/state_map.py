"""The map of the Bundesländer: committed, simplified outlines shaded by a count per Land.

The geometry (content/karte/bundeslaender.json) comes from @svg-maps/germany (CC BY 4.0), made
small by `praxis.map_geometry`. This module only joins it with counts; the template draws it, as
links with accessible names, next to a table of the same figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

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
