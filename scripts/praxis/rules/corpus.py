"""Rules over all entries together: unique ids and `related` references that resolve.

Each rule gets the entries read and the ids of entry files that exist but could not be read
(their own errors say why). A reference to such a file is not reported as missing: the editor
would look for a typo in a name that is right, and fixing the one file clears both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from ..content_types import CONTENT_TYPE_BY_KEY
from ..model import Entry
from ..municipalities import near_duplicates, place_of
from ..problems import Problem, Severity
from ..schema import references


def check_unique_ids(entries: Sequence[Entry], unreadable: Mapping[str, str]) -> Iterator[Problem]:
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.id.lower()].append(entry)
    for same in by_id.values():
        if len(same) < 2:
            continue
        for entry in same:
            others = ", ".join(e.path for e in same if e is not entry)
            yield Problem(
                entry.path,
                1,
                "id-unique",
                f"Die Kennung `{entry.id}` gibt es schon "
                f"({others}). Kennungen müssen über alle Inhaltsarten eindeutig sein; "
                "benennen Sie eine der Dateien um.",
            )


def check_related(entries: Sequence[Entry], unreadable: Mapping[str, str]) -> Iterator[Problem]:
    by_id = {e.id: e for e in entries}
    for entry in entries:
        for index, target in enumerate(entry.fields.get("related") or ()):
            line = entry.line_of("related", index)
            other = by_id.get(target)
            if target == entry.id:
                yield Problem(
                    entry.path,
                    line,
                    "related-target",
                    "Ein Eintrag kann nicht auf sich selbst verweisen.",
                )
            elif other is None and target not in unreadable:
                yield Problem(
                    entry.path,
                    line,
                    "related-target",
                    f"Den Eintrag `{target}` gibt "
                    "es nicht. Prüfen Sie die Schreibweise (Dateiname ohne `.md`).",
                )
            elif other is not None and other.draft and not entry.draft:
                yield Problem(
                    entry.path,
                    line,
                    "related-target",
                    f"`{target}` ist ein Entwurf "
                    "und wird nicht veröffentlicht. Entfernen Sie den Verweis, bis er "
                    "erscheint.",
                )


def check_references(entries: Sequence[Entry], unreadable: Mapping[str, str]) -> Iterator[Problem]:
    """Fields that name another entry (`refers_to` in the field table) name one of that type."""
    by_type: dict[str, list[str]] = defaultdict(list)
    drafts = {e.id for e in entries if e.draft}
    for entry in entries:
        by_type[entry.type.key].append(entry.id)
    for entry in entries:
        for path, spec, target in references(entry):
            ids = by_type.get(spec.refers_to or "", [])
            if target in ids and target in drafts and not entry.draft:
                yield Problem(
                    entry.path,
                    entry.line_of(*path),
                    "reference-draft",
                    f"`{target}` in `{'.'.join(path)}` ({spec.label}) ist ein Entwurf und wird "
                    "nicht veröffentlicht. Lassen Sie das Feld weg, bis er erscheint.",
                )
                continue
            if target in ids or unreadable.get(target) == spec.refers_to:
                continue
            kind = CONTENT_TYPE_BY_KEY[spec.refers_to or ""]
            known = ", ".join(f"`{i}`" for i in sorted(ids)[:8]) or "noch keine"
            yield Problem(
                entry.path,
                entry.line_of(*path),
                "reference-unknown",
                f"`{target}` in `{'.'.join(path)}` ({spec.label}) ist keine Kennung eines "
                f"Eintrags der Art {kind.singular} in `{kind.folder}/`. Vorhanden: {known}.",
            )


def check_municipality_names(
    entries: Sequence[Entry], unreadable: Mapping[str, str]
) -> Iterator[Problem]:
    for entry in entries:
        block = entry.fields.get("municipality")
        name = block.get("name") if isinstance(block, dict) else None
        if isinstance(name, str) and not any(c.isalpha() for c in name):
            yield Problem(
                entry.path,
                entry.line_of("municipality", "name"),
                "municipality-name",
                f"„{name}“ ist kein Name einer Kommune: Er enthält keinen Buchstaben, und ihre "
                "Seite hätte keine Adresse. Schreiben Sie den Namen aus, etwa „Stadt Lindenau“.",
            )
    yield from _profile_places(entries)
    for entry, other in near_duplicates(entries):
        yield Problem(
            entry.path,
            entry.line_of("municipality", "name"),
            "municipality-name",
            f"„{entry.fields['municipality']['name']}“ ist wohl dieselbe Kommune wie "
            f"„{other.fields['municipality']['name']}“ in {other.path}. Schreiben Sie den Namen "
            "überall gleich, sonst stehen ihre Einträge auf zwei Seiten.",
        )


def _profile_places(entries: Sequence[Entry]) -> Iterator[Problem]:
    """One profile per place, and an entry names the profile of its own Land."""
    profiles = {e.id: e for e in entries if e.type.directory}
    first: dict[tuple[str, str, str], Entry] = {}
    for profile in sorted(profiles.values(), key=lambda e: e.path):
        block = profile.fields.get("municipality") or {}
        name = block.get("name") or profile.id  # slimmed entries (check) have no title
        other = first.setdefault(place_of(str(name), block), profile)
        if other is not profile:
            # A warning: both pages are still built, and entries naming the place without
            # `profile` join the first. Generated corpora (`praxis synth`) may hold such pairs.
            yield Problem(
                profile.path,
                1,
                "municipality-profile-twice",
                f"Für „{name}“ gibt es schon ein Profil ({other.path}). Eine Kommune hat ein "
                "Profil; führen Sie beide zusammen. Einträge ohne `profile` erscheinen beim "
                "ersten.",
                Severity.WARNING,
            )
    for entry in entries:
        block = entry.fields.get("municipality")
        if not isinstance(block, dict) or not block.get("profile"):
            continue
        if entry.type.directory:
            yield Problem(
                entry.path,
                entry.line_of("municipality", "profile"),
                "municipality-name",
                "Ein Kommunenprofil ist selbst das Profil seiner Kommune; `profile` hat hier keine "
                "Wirkung. Löschen Sie die Zeile.",
            )
            continue
        profile = profiles.get(block["profile"])
        theirs = (profile.fields.get("municipality") or {}).get("state") if profile else None
        if profile is not None and theirs and block.get("state") and theirs != block["state"]:
            yield Problem(
                entry.path,
                entry.line_of("municipality", "profile"),
                "municipality-name",
                f"Das Profil `{profile.id}` gehört zu einer Kommune in `{theirs}`, dieser Eintrag "
                f"nennt `{block['state']}`. Prüfen Sie `profile` und `state`.",
            )


CORPUS_RULES = (
    check_unique_ids,
    check_related,
    check_references,
    check_municipality_names,
)
