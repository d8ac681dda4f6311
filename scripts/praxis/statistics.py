"""The figures of `/statistik/`: published entries by type, module, Bundesland and year.

Plain data: each chart is a title and (label, count, path) rows; bar lengths are computed here so
that the template only draws. The same rows fill a table for screen readers and for copying.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .content_types import CONTENT_TYPES
from .model import ContentType, Entry
from .taxonomy import TaxonomyIndex

BAR_WIDTH = 300  # drawing units of the longest bar
ROW_HEIGHT = 22


def _chart(key: str, title: str, rows: list[tuple[str, int, str]]) -> dict[str, Any]:
    largest = max((count for _, count, _ in rows), default=0)
    drawn = []
    for number, (label, count, path) in enumerate(rows):
        width = round(BAR_WIDTH * count / largest) if largest else 0
        drawn.append(
            {
                "label": label,
                "count": count,
                "path": path,
                "y": number * ROW_HEIGHT,
                "width": max(width, 1 if count else 0),
            }
        )
    return {
        "key": key,
        "title": title,
        "rows": drawn,
        "height": max(1, len(rows)) * ROW_HEIGHT,
        "bar_width": BAR_WIDTH,
        "total": sum(count for _, count, _ in rows),
    }


def statistics(
    published: Sequence[Entry],
    index: TaxonomyIndex,
    content_types: Sequence[ContentType] = CONTENT_TYPES,
) -> list[dict[str, Any]]:
    """The charts of the statistics page; one row per type of the edition (`content_types`),
    so the public site does not even count the internal-only types."""
    charts = [
        _chart(
            "inhaltsarten",
            "Einträge nach Inhaltsart",
            [
                (t.plural, sum(1 for e in published if e.type is t), f"{t.url_path}/")
                for t in content_types
            ],
        )
    ]
    for field, key, title in (
        ("modules", "module", "Einträge nach Modul"),
        ("municipality.state", "laender", "Praxisbeispiele nach Bundesland"),
    ):
        taxonomy = next((t for t in index.taxonomies if t.field == field), None)
        if taxonomy is None:
            continue
        rows = [
            (term.label, index.count(taxonomy, term), f"{taxonomy.path}/{term.id}/")
            for term in taxonomy.vocabulary.terms
        ]
        charts.append(_chart(key, title, rows))
    years = Counter(
        e.fields["published"].year
        for e in published
        if isinstance(e.fields.get("published"), dt.date)
    )
    charts.append(
        _chart(
            "jahre",
            "Einträge nach Jahr der Veröffentlichung",
            [(str(year), years[year], "") for year in sorted(years)],
        )
    )
    return charts
