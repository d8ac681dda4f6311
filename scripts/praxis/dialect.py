"""The Markdown an entry body may use: one definition for the check and the renderer.

Entry bodies come from outside contributors, so their dialect is fixed here and not in
`mkdocs.yml` (which configures the operator's hand-written pages): the extensions, which
elements, attributes and classes may appear, how deep blocks may nest and which ids the page
around the body already uses. The line rules (`rules/body.py`) enforce it on the text, the
renderer (`bodies.py`) on the rendered tree. Standard library only, so the check starts fast.
"""

from __future__ import annotations

import re
from typing import Any

PERMALINK_TITLE = "Link zu diesem Abschnitt"
# The dialect of entry bodies. Hand-written pages use mkdocs.yml's list; entries use this one.
ENTRY_EXTENSIONS = ("admonition", "attr_list", "footnotes", "tables", "def_list", "toc")
ENTRY_EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True, "permalink_title": PERMALINK_TITLE},
    # `align="…"`, not `style="…"`: the Content-Security-Policy allows no inline styles.
    "tables": {"use_align_attribute": True},
}

# Lists, quotes and notes nested deeper than this are refused: Python-Markdown needs time that
# grows with the cube of the depth (200 levels: 2 s) and fails with a RecursionError near 400.
MAX_NESTING = 10
TAB_WIDTH = 4
# An anchor an editor may set (`## Titel {#anker}`): a letter, then letters, digits, `-`, `_`.
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# Ids the page around the body already uses (entry template, skip link, theme). A body heading
# with the same text gets a suffix; an attribute list may not set them.
RESERVED_IDS = frozenset({"inhalt", "praxis-title", "steckbrief"})
RESERVED_PREFIXES = ("__", "praxis-", "pf-", "md-")
# Classes the allowed extensions write; nothing else may appear on an element of the body.
# A note's kind becomes its class (`!!! tipp` → class `tipp`); the theme's own prefixes are not.
NOTE_CLASS = re.compile(r"[a-z][a-z0-9-]{0,31}")
EXTENSION_CLASSES = frozenset(
    {"admonition", "admonition-title", "headerlink", "footnote", "footnote-ref", "footnote-backref"}
)
FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[\w-]+")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Attributes each element may carry once rendered (besides `id` and `class`, checked apart).
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "td": frozenset({"align"}),
    "th": frozenset({"align"}),
    "ol": frozenset({"start"}),
}
ALLOWED_TAGS = frozenset(
    {
        "div",
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "dl",
        "dt",
        "dd",
        "sup",
        "hr",
        "br",
        "h1",  # refused by the heading rule with a better message; allowed here to avoid two
    }
)


def class_allowed(tag: str, name: str) -> bool:
    """Whether a class in a rendered body comes from an allowed extension."""
    if name in EXTENSION_CLASSES:
        return True
    return (
        tag in ("div", "p", "details")
        and NOTE_CLASS.fullmatch(name) is not None
        and not name.startswith(RESERVED_PREFIXES)
    )


def id_problem(value: str) -> str | None:
    """Why an id set by an attribute list may not be used, or None."""
    if not SAFE_ID.fullmatch(value):
        return (
            f"Der Anker `{value}` ist nicht erlaubt. Anker beginnen mit einem Buchstaben und "
            "enthalten nur Buchstaben a–z, Ziffern, `-` und `_` (höchstens 64 Zeichen)."
        )
    if value.lower() in RESERVED_IDS or value.lower().startswith(RESERVED_PREFIXES):
        return (
            f"Der Anker `{value}` ist für die Seite selbst reserviert. Wählen Sie einen "
            "anderen Namen."
        )
    return None


def nesting_depth(line: str) -> int:
    """How many blocks a line opens or continues: quote markers, list markers, note markers and
    every four columns of indentation. An upper bound of what Python-Markdown nests."""
    depth = 0
    columns = 0
    position = 0
    length = len(line)
    while position < length:
        char = line[position]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += TAB_WIDTH - columns % TAB_WIDTH
        elif char == ">" or (
            char in "-*+" and (position + 1 == length or line[position + 1] in " \t")
        ):
            depth += 1
        elif char.isdigit():
            end = position
            while end < length and end - position < 10 and line[end].isdigit():
                end += 1
            if end < length and line[end] in ".)" and (end + 1 == length or line[end + 1] in " \t"):
                depth += 1
                position = end
            else:
                break
        elif char in "!?" and line.startswith(("!!!", "???"), position):
            depth += 1
            break
        else:
            break
        position += 1
    return depth + columns // TAB_WIDTH
