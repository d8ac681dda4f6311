"""Municipalities named by entries: one page each, profiles by id, and near-duplicate names.

Entries name their municipality in `municipality.name`; a municipality may also have a profile
(an entry of a type whose `directory` is set). An entry belongs to the profile it names in
`municipality.profile`, otherwise to the municipality its name stands for. Two spellings of the
same place ("Landkreis Talheim" and "Kreis Talheim") would split its entries over two pages, so
the check compares names by their core: the place name without its kind and without notes in
brackets, within the same Land.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .ids import slug
from .model import Entry

# Words that say what kind of municipality a name is, not which one (longest first).
KIND_WORDS = (
    "kreisfreie stadt",
    "große kreisstadt",
    "grosse kreisstadt",
    "verbandsgemeinde",
    "samtgemeinde",
    "verwaltungsgemeinschaft",
    "ortsgemeinde",
    "hansestadt",
    "landkreis",
    "stadtkreis",
    "gemeinde",
    "kreisstadt",
    "landeshauptstadt",
    "markt",
    "stadt",
    "kreis",
    "amt",
)
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_KIND = re.compile(r"^(?:" + "|".join(re.escape(w) for w in KIND_WORDS) + r")\b\s*")


def core_name(name: str) -> str:
    """`Landkreis Talheim (fiktiv)` → `talheim`: what two spellings of one place share."""
    text = _BRACKETS.sub("", name).strip().casefold()
    while True:
        stripped = _KIND.sub("", text)
        if stripped == text:
            break
        text = stripped
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Municipality:
    """One municipality: its key (profile id or slug of its name), name, Land, kind, entries."""

    key: str
    name: str
    state: str | None
    kind: str | None
    profile: Entry | None = None
    entries: list[Entry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.profile.url_path}" if self.profile else f"kommunen/{self.key}/"


def municipality_of(entry: Entry) -> tuple[str, str] | None:
    """(key, name) of the municipality an entry is about; None when it names none."""
    block = entry.fields.get("municipality")
    if not isinstance(block, dict) or not block.get("name"):
        return None
    profile = block.get("profile")
    # Notes in brackets ("(fiktiv)") stay out of the address.
    return (profile or slug(_BRACKETS.sub("", block["name"])) or "kommune", block["name"])


def directory(entries: Sequence[Entry], profiles: Iterable[Entry]) -> list[Municipality]:
    """Every municipality, with its profile and the published entries about it, sorted by name."""
    found: dict[str, Municipality] = {}
    for profile in profiles:
        block = profile.fields.get("municipality") or {}
        found[profile.id] = Municipality(
            profile.id, profile.title, block.get("state"), block.get("type"), profile
        )
    for entry in entries:
        if entry.type.directory:
            continue
        named = municipality_of(entry)
        if named is None:
            continue
        key, name = named
        block = entry.fields["municipality"]
        place = found.setdefault(
            key, Municipality(key, name, block.get("state"), block.get("type"))
        )
        place.entries.append(entry)
    return sorted(found.values(), key=lambda m: (core_name(m.name), m.key))


def near_duplicates(entries: Sequence[Entry]) -> list[tuple[Entry, Entry]]:
    """Entries whose municipality name is another spelling of a name used before (same Land,
    kind and core name, different text), with the entry that spelt it first; a profile's
    spelling counts first. "Stadt Kassel" and "Landkreis Kassel" are two places: their kinds
    differ."""
    first: dict[tuple[str, str, str], Entry] = {}
    clashes = []
    for entry in sorted(entries, key=lambda e: (not e.type.directory, e.path)):
        block = entry.fields.get("municipality")
        if not isinstance(block, dict) or not block.get("name") or block.get("profile"):
            continue
        key = (str(block.get("state")), str(block.get("type")), core_name(block["name"]))
        other = first.setdefault(key, entry)
        if other.fields["municipality"]["name"] != block["name"]:
            clashes.append((entry, other))
    return clashes
