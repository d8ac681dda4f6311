"""Entry ids from German titles: the one place that knows how umlauts become ASCII."""

from __future__ import annotations

# Umlauts as a German reader writes them without diacritics (ä→ae), not as Unicode folding
# would (ä→a): `Übertragbarkeit` → `uebertragbarkeit`.
GERMAN_TRANSLITERATION = [
    ["Ä", "Ae"],
    ["Ö", "Oe"],
    ["Ü", "Ue"],
    ["ä", "ae"],
    ["ö", "oe"],
    ["ü", "ue"],
    ["ß", "ss"],
    ["ẞ", "SS"],
    ["'", ""],
    ["’", ""],
]
ID_MAX = 60  # short enough for readable addresses; the file rule allows up to 80


def slug(text: str, max_length: int = ID_MAX) -> str:
    """Lowercase a–z, 0–9 and hyphens, cut at a word boundary; empty when nothing is left."""
    # Imported here: `praxis check` needs it only to suggest names for misnamed files.
    from slugify import slugify

    return slugify(
        text,
        replacements=GERMAN_TRANSLITERATION,
        max_length=max_length,
        word_boundary=True,
        lowercase=True,
    )


def entry_id_from_title(title: str) -> str:
    """The id (file name without `.md`) for a title."""
    return slug(title) or "eintrag"
