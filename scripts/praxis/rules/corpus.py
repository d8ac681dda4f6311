"""Rules over all entries together: unique ids and `related` references that resolve."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..model import Entry
from ..municipalities import near_duplicates
from ..problems import Problem


def check_unique_ids(entries: Sequence[Entry]) -> Iterator[Problem]:
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


def check_related(entries: Sequence[Entry]) -> Iterator[Problem]:
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
            elif other is None:
                yield Problem(
                    entry.path,
                    line,
                    "related-target",
                    f"Den Eintrag `{target}` gibt "
                    "es nicht. Prüfen Sie die Schreibweise (Dateiname ohne `.md`).",
                )
            elif other.draft and not entry.draft:
                yield Problem(
                    entry.path,
                    line,
                    "related-target",
                    f"`{target}` ist ein Entwurf "
                    "und wird nicht veröffentlicht. Entfernen Sie den Verweis, bis er "
                    "erscheint.",
                )


def check_municipality_profiles(entries: Sequence[Entry]) -> Iterator[Problem]:
    profiles = {e.id for e in entries if e.type.directory}
    for entry in entries:
        block = entry.fields.get("municipality")
        target = block.get("profile") if isinstance(block, dict) else None
        if target and target not in profiles:
            known = ", ".join(f"`{p}`" for p in sorted(profiles)[:8]) or "noch keine"
            yield Problem(
                entry.path,
                entry.line_of("municipality", "profile"),
                "municipality-profile",
                f"Ein Kommunenprofil `{target}` gibt es nicht. Vorhandene Profile: {known}. "
                "Lassen Sie `profile` weg, wenn die Kommune kein Profil hat.",
            )


def check_municipality_names(entries: Sequence[Entry]) -> Iterator[Problem]:
    for entry, other in near_duplicates(entries):
        yield Problem(
            entry.path,
            entry.line_of("municipality", "name"),
            "municipality-name",
            f"„{entry.fields['municipality']['name']}“ ist wohl dieselbe Kommune wie "
            f"„{other.fields['municipality']['name']}“ in {other.path}. Schreiben Sie den Namen "
            "überall gleich, sonst stehen ihre Einträge auf zwei Seiten.",
        )


CORPUS_RULES = (
    check_unique_ids,
    check_related,
    check_municipality_profiles,
    check_municipality_names,
)
