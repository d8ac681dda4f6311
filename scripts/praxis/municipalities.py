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
from collections.abc import Iterable, Mapping, Sequence
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


def place_of(name: str, block: Mapping[str, object]) -> tuple[str, str, str]:
    """What makes two spellings one place: the core name, the Land and the kind of the
    `municipality` block (`Stadt Kassel` and `Landkreis Kassel` are two places)."""
    return core_name(name), str(block.get("state")), str(block.get("type"))


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


# Addresses under kommunen/ that are the directory's own pages, never a municipality's.
_RESERVED_KEY = re.compile(r"^(index|seite-\d+|bundesland|ohne-bundesland)$")


def directory(
    entries: Sequence[Entry], profiles: Iterable[Entry], taken: Iterable[str] = ()
) -> list[Municipality]:
    """Every municipality, with its profile and the published entries about it, sorted by name.

    A municipality without a profile is known by its name and its Land: "Neustadt" in Hessen and
    "Neustadt" in Sachsen are two places with two pages (`neustadt-hessen`, `neustadt-sachsen`),
    and a name that only spells like a profile's id in another Land is not that profile.
    `taken`: addresses of pages this edition does not list (a draft profile's), which a
    municipality's page must not take."""
    reserved = set(taken)
    found: dict[str, Municipality] = {}
    by_name: dict[tuple[str, str, str], str] = {}  # (core name, Land, kind) → a profile's id
    for profile in profiles:
        block = profile.fields.get("municipality") or {}
        found[profile.id] = Municipality(
            profile.id, profile.title, block.get("state"), block.get("type"), profile
        )
        for name in (block.get("name"), profile.title):
            if isinstance(name, str) and name:
                by_name.setdefault(place_of(name, block), profile.id)
    named = [
        (entry, place)
        for entry in entries
        if not entry.type.directory and (place := municipality_of(entry)) is not None
    ]
    states: dict[str, set[object]] = {}
    for entry, (key, _) in named:
        if not entry.fields["municipality"].get("profile"):
            states.setdefault(key, set()).add(entry.fields["municipality"].get("state"))
    for entry, (key, name) in named:
        block = entry.fields["municipality"]
        profiled = by_name.get(place_of(name, block))
        if not block.get("profile") and profiled is not None:
            key = profiled  # the same place as a profile names: its page, whatever its file name
        elif not block.get("profile"):
            key = _place_key(key, block.get("state"), states[key], found.get(key))
            if key in reserved:
                key = f"{key}-kommune"
        place = found.setdefault(
            key, Municipality(key, name, block.get("state"), block.get("type"))
        )
        place.entries.append(entry)
    return sorted(found.values(), key=lambda m: (core_name(m.name), m.key))


def _place_key(key: str, state: object, states: set[object], profile: Municipality | None) -> str:
    """The address of a municipality named without a profile: its slug, with its Land added
    when the slug is used in several Länder or is a profile's id in another Land, and a suffix
    when it would be one of the directory's own pages."""
    other_profile = profile is not None and profile.profile is not None and profile.state != state
    if (len(states) > 1 or other_profile) and isinstance(state, str) and state:
        key = f"{key}-{state}"
    if _RESERVED_KEY.match(key):
        key = f"{key}-kommune"
    return key


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
        key = place_of(block["name"], block)
        other = first.setdefault(key, entry)
        if other.fields["municipality"]["name"] != block["name"]:
            clashes.append((entry, other))
    return clashes
