"""MkDocs' own messages about links in the hand-written pages, in German.

Editors who change a page in docs/ meet these first, and a strict build stops on them; MkDocs
writes them in English and names files relative to docs/. Each known message is rewritten in
place (same level, same order); any other message passes unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

_Rewrite = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


# The src_uris of the hand-written pages this edition leaves out (set by the plugin per build).
_left_out: frozenset[str] = frozenset()


def leave_out(src_uris: frozenset[str]) -> None:
    """Name the internal pages, so that a public page linking one is told why it fails."""
    global _left_out
    _left_out = src_uris


def _missing(m: re.Match[str]) -> str:
    target = (m["target"] or m["link"]).split("#", 1)[0]
    if target in _left_out:
        return (
            f"docs/{m['page']}: Der Link `{m['link']}` führt zu einer internen Seite, die es nur "
            "in der internen Ausgabe gibt. Verlinken Sie sie nur von internen Seiten aus."
        )
    sought = f" (gesucht: `{m['target']}`)" if m["target"] else ""
    guess = f" Gemeint ist vielleicht `{m['guess']}`." if m["guess"] else ""
    return f"docs/{m['page']}: Der Link `{m['link']}` führt zu keiner Seite{sought}.{guess}"


_REWRITES: tuple[_Rewrite, ...] = (
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target"
            r"(?: '(?P<target>.+?)')? is not found among documentation files\."
            r"(?: Did you mean '(?P<guess>.+?)'\?)?$"
        ),
        _missing,
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the doc "
            r"'(?P<target>.+?)' does not contain an anchor '#(?P<anchor>.+?)'\.$"
        ),
        lambda m: (
            f"docs/{m['page']}: Der Link `{m['link']}` zeigt auf den Abschnitt `#{m['anchor']}`, "
            f"den es auf der Seite `{m['target']}` nicht gibt."
        ),
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but there is no such "
            r"anchor on this page\.(?P<rest>.*)$"
        ),
        lambda m: (
            f"docs/{m['page']}: Den Abschnitt, auf den der Link `{m['link']}` zeigt, gibt es auf "
            "dieser Seite nicht."
        ),
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', "
            r"it was left as is\.(?: Did you mean '(?P<guess>.+?)'\?)?$"
        ),
        lambda m: (
            f"docs/{m['page']}: Der Link `{m['link']}` führt zu keiner Datei; er bleibt, wie er "
            "ist." + (f" Gemeint ist vielleicht `{m['guess']}`." if m["guess"] else "")
        ),
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)', it was left "
            r"as is\.(?: Did you mean '(?P<guess>.+?)'\?)?$"
        ),
        lambda m: f"docs/{m['page']}: Der Link `{m['link']}` bleibt, wie er ist (absolut).",
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>.+?)' contains a link to '(?P<link>.+?)' which is excluded "
            r"from the built site\.$"
        ),
        lambda m: (
            f"docs/{m['page']}: Der Link führt zu docs/{m['link']}, einer Seite, die nicht "
            "veröffentlicht wird."
        ),
    ),
)


_NOT_IN_NAV = "The following pages exist in the docs directory, but are not included in the "
_NOT_IN_NAV += '"nav" configuration:'


def german(message: str) -> str:
    """The German wording of a known MkDocs message about links; others unchanged."""
    if message.startswith(_NOT_IN_NAV):
        return (
            "Diese Seiten in docs/ stehen nicht in der Navigation (`nav` in mkdocs.yml); sie "
            "werden gebaut, sind aber nur über Links erreichbar:" + message[len(_NOT_IN_NAV) :]
        )
    for pattern, rewrite in _REWRITES:
        match = pattern.match(message)
        if match:
            return rewrite(match)
    return message


class GermanLinkMessages(logging.Filter):
    """Rewrites MkDocs' link messages as they are logged (see `german`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and not record.args:
            record.msg = german(record.msg)
        return True


LINK_LOGGER = "mkdocs.structure.pages"
NAV_LOGGER = "mkdocs.structure.nav"


def install() -> None:
    """Add the filter once (the plugin may start more than once in one process)."""
    for name in (LINK_LOGGER, NAV_LOGGER):
        logger = logging.getLogger(name)
        if not any(isinstance(f, GermanLinkMessages) for f in logger.filters):
            logger.addFilter(GermanLinkMessages())


def strict_abort(message: str) -> str | None:
    """German for MkDocs' end of a strict build with warnings, or None for other messages."""
    match = re.match(r"^Aborted with (\d+) warnings? in strict mode!$", message.strip())
    if not match:
        return None
    count = int(match[1])
    noun = "Warnung" if count == 1 else "Warnungen"
    return (
        f"Die Seite wurde nicht gebaut: {count} {noun} (siehe oben); der strenge Bau lässt keine "
        "zu."
    )
