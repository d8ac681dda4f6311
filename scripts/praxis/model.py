"""The domain model: vocabularies, content types and entries. Standard library only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    # Other words readers use for the term ("Hass im Netz" for `hassrede`); search uses them.
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary: the single definition of its terms, labels and page path."""

    name: str
    title: str
    path: str
    description: str
    terms: tuple[Term, ...]
    # Lines of the vocabulary file's keys, for problems found after loading.
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms)

    @property
    def _by_id(self) -> dict[str, Term]:
        cached = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {t.id: t for t in self.terms}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached


@dataclass(frozen=True)
class Section:
    """A recommended body section of a content type and the question it answers."""

    title: str
    hint: str


@dataclass(frozen=True)
class ContentType:
    """One kind of entry, declared once in `content_types.py`.

    Everything else follows from the declaration: which fields the check accepts and requires,
    the JSON Schema, the `praxis new` template, list and entry pages, the finder's facets and
    the export.
    """

    key: str
    folder: str
    url_path: str
    singular: str
    plural: str
    description: str
    # Top-level fields of the field table this type uses, and which of them are required.
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    # Dotted vocabulary fields the Praxisfinder offers as facets for this type.
    facets: tuple[str, ...] = ()
    # Body sections `praxis new` writes, with a hint each.
    sections: tuple[Section, ...] = ()
    # The id of an example entry, for the contributor guide.
    example_id: str = "mein-eintrag"
    # How lists order the type: "title" (alphabetical) or "start" (by `start`, soonest first).
    order: str = "title"
    template: str = "entry.html"
    # How much the type's words count in search (1 = practices and the like). Events, networks,
    # advice centres and municipality profiles help finding, but a reader looking for what
    # municipalities did should meet the practices first when both match.
    search_weight: float = 1.0
    # Other words readers search the type by ("Schulung" for training material): indexed with
    # each entry like a term's synonyms, and a query naming one ranks the type's entries first.
    search_names: tuple[str, ...] = ()
    # Whether an entry's age asks for a review ("review-due"). Not for records of a day (events,
    # minutes of a meeting): what happened then does not go out of date.
    review: bool = True
    # The schema.org type of the type's entry pages (JSON-LD).
    schema_org: str = "CreativeWork"
    # Profiles of municipalities: the type's list page is the directory of every municipality
    # that entries name, and a profile's page lists the entries about it.
    directory: bool = False
    # The heading of the type's list page, when it is not the plural ("Hilfe für Betroffene").
    list_title: str = ""
    # A vocabulary field naming the Bundesländer an entry serves: the type then gets a page per
    # Land under its URL path, listing the entries serving it and those whose `everywhere`
    # field is true. Advice centres use it: a reader in need looks for help in their Land.
    regions: str | None = None
    everywhere: str | None = None
    # Numbers to call in acute danger, shown first on the type's pages: (number, who answers).
    emergency: tuple[tuple[str, str], ...] = ()
    # Internal-only types (peer exchange among the model municipalities): their entries are in
    # the internal edition only, whatever they say; they have no `visibility` field.
    internal: bool = False

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickle by key, so entries read in worker processes keep `entry.type is t` true."""
        return content_type, (self.key,)


def content_type(key: str) -> ContentType:
    from .content_types import CONTENT_TYPE_BY_KEY  # the table imports this module

    return CONTENT_TYPE_BY_KEY[key]


@dataclass(frozen=True)
class Entry:
    """A parsed, schema-typed entry. `fields` holds typed values (dates, lists, dicts)."""

    id: str
    type: ContentType
    path: str
    fields: Mapping[str, Any]
    body: str
    body_line: int
    lines: Mapping[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def title(self) -> str:
        return str(self.fields.get("title", self.id))

    @property
    def summary(self) -> str:
        return str(self.fields.get("summary", ""))

    @property
    def draft(self) -> bool:
        return bool(self.fields.get("draft", False))

    @property
    def example(self) -> bool:
        return bool(self.fields.get("example", False))

    @property
    def url_path(self) -> str:
        """Site path of the entry page, without leading slash: `praxisbeispiele/<id>/`."""
        return f"{self.type.url_path}/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"{self.type.url_path}/{self.id}.md"

    def value(self, dotted: str) -> Any:
        """Read a nested field such as `municipality.state`; None when absent."""
        current: Any = self.fields
        for part in dotted.split("."):
            if not isinstance(current, Mapping):
                return None
            current = current.get(part)
        return current

    def line_of(self, *path: Any) -> int:
        """The line of a key, falling back to its parents, then to the front matter start."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1
