"""The taxonomy index: for every vocabulary term, the entries that carry it.

Built in one pass over the entries (linear in their number). The taxonomies and their order come
from the field table: every field whose values are vocabulary terms is a taxonomy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .content_types import CONTENT_TYPES
from .model import Entry, Term, Vocabulary
from .schema import term_fields

_TYPE_ORDER = {t.key: index for index, t in enumerate(CONTENT_TYPES)}
_GERMAN_FOLD = str.maketrans(
    {"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "a", "Ö": "o", "Ü": "u"}
)


def sort_key(entry: Entry) -> tuple[int, str, str]:
    """Content type first, then title as in a German dictionary (DIN 5007-1), then id."""
    return _TYPE_ORDER[entry.type.key], title_key(entry.title), entry.id


def title_key(title: str) -> str:
    return title.translate(_GERMAN_FOLD).casefold()


@dataclass(frozen=True)
class Taxonomy:
    """A vocabulary and the (dotted) field whose values are its terms."""

    vocabulary: Vocabulary
    field: str
    label: str
    has_pages: bool = True

    @property
    def name(self) -> str:
        return self.vocabulary.name

    @property
    def path(self) -> str:
        return self.vocabulary.path


def term_values(entry: Entry, field: str) -> tuple[str, ...]:
    value = entry.value(field)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value if isinstance(v, str))


class TaxonomyIndex:
    """Term → entries for every taxonomy, each list sorted for display.

    Keyed by field, not by vocabulary: two fields may share a vocabulary (the Bundesland of a
    municipality and the Bundesländer an advice centre serves) without mixing their entries."""

    def __init__(self, taxonomies: Sequence[Taxonomy], entries: Iterable[Entry]) -> None:
        self.taxonomies = tuple(taxonomies)
        self._entries: dict[tuple[str, str], list[Entry]] = {
            (t.field, term.id): [] for t in self.taxonomies for term in t.vocabulary.terms
        }
        for entry in sorted(entries, key=sort_key):
            for taxonomy in self.taxonomies:
                for term_id in term_values(entry, taxonomy.field):
                    bucket = self._entries.get((taxonomy.field, term_id))
                    if bucket is not None:
                        bucket.append(entry)

    def entries(self, taxonomy: Taxonomy, term: Term) -> list[Entry]:
        return self._entries[(taxonomy.field, term.id)]

    def count(self, taxonomy: Taxonomy, term: Term) -> int:
        return len(self._entries[(taxonomy.field, term.id)])

    def by_name(self, name: str) -> Taxonomy:
        """The taxonomy of a vocabulary; the one with pages when several fields share it."""
        return next(
            t for t in sorted(self.taxonomies, key=lambda t: not t.has_pages) if t.name == name
        )


def taxonomies_from_schema(vocabularies: Mapping[str, Vocabulary]) -> list[Taxonomy]:
    found = []
    for dotted, field in term_fields():
        vocabulary = vocabularies.get(field.vocabulary or "")
        if vocabulary is not None:
            found.append(Taxonomy(vocabulary, dotted, field.label, field.pages))
    return found


def build_index(entries: Iterable[Entry], vocabularies: Mapping[str, Vocabulary]) -> TaxonomyIndex:
    return TaxonomyIndex(taxonomies_from_schema(vocabularies), entries)
