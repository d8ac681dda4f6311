"""Types that serve regions (advice centres) must say where: some Bundesländer, or everywhere.

Without it an entry would appear on no Land's page, and a reader in need would not find it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..model import Entry, Vocabulary
from ..problems import Problem
from .body import Body


def check_region(entry: Entry, body: Body) -> Iterator[Problem]:
    field, everywhere = entry.type.regions, entry.type.everywhere
    if field is None:
        return
    if entry.fields.get(field) or (everywhere and entry.fields.get(everywhere)):
        return
    if any(_invalid(entry, name) for name in (field, everywhere) if name):
        return  # written, but with a wrong value: that error is reported at its line already
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


def _invalid(entry: Entry, name: str) -> bool:
    """The field is in the file but its value was refused (and reported) while reading: the
    whole value, or every item of a list (`regions: [Thüringen]`)."""
    if (name,) not in entry.lines:
        return False
    return name not in entry.fields or (not entry.fields[name] and (name, 0) in entry.lines)


def check_region_ids(
    entries: Sequence[Entry], vocabularies: Mapping[str, Vocabulary]
) -> Iterator[Problem]:
    """An entry of a regional type must not take the address of a Land's page: an advice centre
    `sachsen.md` and the page /hilfe/sachsen/ would overwrite each other."""
    from ..schema import FIELD_BY_NAME  # the schema imports the rules' neighbours

    for entry in entries:
        field = entry.type.regions
        if field is None:
            continue
        vocabulary = vocabularies.get(FIELD_BY_NAME[field].vocabulary or "")
        if vocabulary is not None and vocabulary.get(entry.id) is not None:
            yield Problem(
                entry.path,
                1,
                "file-name",
                f"Der Dateiname `{entry.id}.md` ist die Adresse der Seite für "
                f"{vocabulary.get(entry.id).label} (/{entry.type.url_path}/{entry.id}/). "
                "Wählen Sie einen Namen, der die Stelle nennt, etwa "
                f"`opferberatung-{entry.id}.md`.",
            )


REGION_RULES = (check_region,)
