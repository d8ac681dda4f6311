"""Rules over all entries together: unique ids and `related` references that resolve."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..model import Entry
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


CORPUS_RULES = (check_unique_ids, check_related)
