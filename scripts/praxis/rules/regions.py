"""Types that serve regions (advice centres) must say where: some Bundesländer, or everywhere.

Without it an entry would appear on no Land's page, and a reader in need would not find it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Entry
from ..problems import Problem
from .body import Body


def check_region(entry: Entry, body: Body) -> Iterator[Problem]:
    field, everywhere = entry.type.regions, entry.type.everywhere
    if field is None:
        return
    if entry.fields.get(field) or (everywhere and entry.fields.get(everywhere)):
        return
    yield Problem(
        entry.path,
        entry.line_of(field),
        "region-missing",
        f"Für welche Bundesländer ist die Stelle da? Nennen Sie sie unter `{field}` "
        f"(zum Beispiel `{field}: [sachsen, thueringen]`)"
        + (
            f" oder setzen Sie `{everywhere}: true`, wenn sie bundesweit berät."
            if everywhere
            else "."
        )
        + " Sonst erscheint sie auf keiner Seite der Länder.",
    )


REGION_RULES = (check_region,)
