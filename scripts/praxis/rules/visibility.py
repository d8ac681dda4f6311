"""Public entries never point at internal ones.

An internal entry exists only in the internal edition; a public entry that names it in `related`
or in a field naming another entry (`network`, `municipality.profile`) would link to a page the
public site does not have, and would print the internal entry's title on a public page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..editions import is_internal
from ..model import Entry
from ..problems import Problem
from ..schema import references


def check_public_links(
    entries: Sequence[Entry], unreadable: Mapping[str, str]
) -> Iterator[Problem]:
    internal = {e.id: e for e in entries if is_internal(e)}
    if not internal:
        return
    for entry in entries:
        if is_internal(entry):
            continue
        named = [
            (("related", index), target)
            for index, target in enumerate(entry.fields.get("related") or ())
        ]
        named += [(path, target) for path, _, target in references(entry)]
        for path, target in named:
            if target in internal:
                yield Problem(
                    entry.path,
                    entry.line_of(*path),
                    "visibility-link",
                    f"`{target}` ist ein interner Eintrag ({internal[target].type.singular}) und "
                    "steht nicht auf der öffentlichen Seite. Entfernen Sie den Verweis oder "
                    "setzen Sie auch diesen Eintrag auf `visibility: intern`.",
                )


VISIBILITY_RULES = (check_public_links,)
