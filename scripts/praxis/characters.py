"""Characters that must not reach a page: one definition for raw files and parsed values.

Standard library only: the front-matter parser, the file rules and the field rules use it.
"""

from __future__ import annotations

import re

# C0/C1 control characters (but tab and line breaks), the bidirectional overrides that can make
# text read differently from what is stored ("Trojan Source"), and invisible spaces and joiners
# that split words for search without showing (zero-width space, word joiner, BOM inside text),
# and the Unicode line and paragraph separators (YAML's `\L`, `\P`), which no editor types.
# Also fillers that look like nothing (Hangul fillers, the blank Braille pattern), and the
# noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF), which YAML refuses and no text contains. Zero-width
# (non-)joiners, the soft hyphen and bidirectional marks stay allowed: German hyphenation, other
# scripts and emoji need them; they only make a text count as empty when nothing else is there.
FORBIDDEN_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u115f\u1160\u180e\u200b\u2028\u2029"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufdd0-\ufdef\ufeff\uffa0\ufffe\uffff]"
)
# Tag characters spell invisible text (U+E0041 is an invisible "A"). Outside the Basic
# Multilingual Plane, so kept apart: the JSON Schema's patterns cannot name them.
FORBIDDEN_TAG_CHARS = re.compile(r"[\U000e0000-\U000e007f]")
# A character that shows: not a space, not a format character (zero-width, joiners, bidi marks,
# soft hyphen, variation selectors) and not a combining mark on its own. One pattern for the
# check (`is_blank`) and the JSON Schema, so both call the same text empty.
VISIBLE = (
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\u0300-\u036f\u20d0-\u20ff]"
)
_VISIBLE = re.compile(VISIBLE)


def hidden_character(value: str) -> str | None:
    """The first forbidden character of a value as `U+XXXX`, or None."""
    match = FORBIDDEN_CHARS.search(value) or FORBIDDEN_TAG_CHARS.search(value)
    return f"U+{ord(match.group(0)):04X}" if match else None


def is_blank(text: str) -> bool:
    """Whether a text shows nothing: only spaces, line breaks and invisible characters
    (a title of zero-width joiners is as empty as no title)."""
    return _VISIBLE.search(text) is None
