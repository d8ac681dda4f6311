"""Turn the corpus and the taxonomy index into pages: `{src_uri: markdown}` plus page data.

No MkDocs here: a page is plain data (its source path, title, Markdown and, for entries, the
fact-box data a template shows). Lists are paginated so that no page grows with the corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .content_types import CONTENT_TYPES
from .editions import is_internal
from .export import FACETS
from .feeds import FEED_TAXONOMIES, term_feed_uri
from .ical import CALENDAR_URI, calendar_file_uri, has_date, is_upcoming, upcoming_and_past
from .links import url_problem
from .model import ContentType, Entry, Term, Vocabulary
from .municipalities import Municipality, directory
from .rules.events import day_of
from .rules.review import last_checked
from .schema import FIELD_BY_NAME, Kind, references
from .search_documents import PAGE_KIND, TYPE_FILTER
from .similar import Similarity
from .state_map import state_map
from .statistics import statistics
from .taxonomy import Taxonomy, TaxonomyIndex, sort_key, term_values, title_key

# Entries per list page: at 80, a page of maximum-length titles and summaries stays under 100 KB.
T = TypeVar("T")
DEFAULT_PAGE_SIZE = 80
# The municipality directory's pages per Land: `kommunen/bundesland/sachsen/`.
DIRECTORY_FOLDER = "bundesland"
NO_STATE = "ohne-bundesland"
NO_STATE_LABEL = "Ohne Bundesland"
FACET_PARAMS = {field: param for param, field in FACETS}
# Fields the entry page shows outside the fact box (heading, summary, notices, dates).
FACT_BOX_SKIPPED = frozenset({"title", "summary", "published", "reviewed", "example", "draft"})
# Fact box rows named for readers rather than for editors.
FACT_LABELS = {"start": "Termin"}
# Fact box rows whose words search leaves out (see SiteRenderer.fact_texts).
SEARCH_SKIPPED_ROWS = frozenset(
    {"related", "similar", "referrers", "help_nearby", "municipality_entries"}
)


@dataclass(frozen=True)
class PageSpec:
    """One generated page. `listed` holds the ids of the entries it lists (for the audit)."""

    src_uri: str
    title: str
    markdown: str
    kind: str
    listed: tuple[str, ...] = ()
    entry: Entry | None = None
    draft: bool = False
    data: Mapping[str, Any] = field(default_factory=dict)


def page_url(src_uri: str) -> str:
    """The site path a source file is published at: `themen/rassismus.md` → `themen/rassismus/`."""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def german_date(value: dt.date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
# The taxonomy the Bundesländer map shows, and how much the start page lists.
MAP_FIELD = "municipality.state"
HOME_NEWEST, HOME_EVENTS, HOME_TOPICS = 6, 3, 12


def first_sentence(text: str) -> str:
    """The first sentence of a description, for a tile."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def event_when(entry: Entry) -> str:
    """`Do, 18.03.2027, 09:30 Uhr – Fr, 19.03.2027, 15:00 Uhr`; days only without times."""
    start, end = entry.fields["start"], entry.fields.get("end")

    def day(value: dt.date) -> str:
        return f"{WEEKDAYS[value.weekday()]}, {german_date(value)}"

    if not isinstance(start, dt.datetime):
        return day(start) if not end or end == start else f"{day(start)} – {day(end)}"
    text = f"{day(start.date())}, {start:%H:%M} Uhr"
    if isinstance(end, dt.datetime):
        if end.date() == start.date():
            return f"{day(start.date())}, {start:%H:%M}–{end:%H:%M} Uhr"
        return f"{text} – {day(end.date())}, {end:%H:%M} Uhr"
    return text


def event_where(entry: Entry) -> list[str]:
    where = [entry.fields["place"]] if entry.fields.get("place") else []
    if entry.fields.get("online"):
        where.append("online" if not where else "auch online")
    return where


def emergency_numbers(content_type: ContentType) -> list[dict[str, str]]:
    """The numbers to call in acute danger, as the templates show them."""
    return [{"number": number, "label": who} for number, who in content_type.emergency]


def german_list(words: Sequence[str], conjunction: str) -> str:
    """`a, b und c`: a list as German prose."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    if not items:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


def page_uri(base: str, number: int) -> str:
    """`themen/rassismus.md` → `themen/rassismus/seite-2.md`; index pages likewise."""
    if number == 1:
        return base
    folder = base[: -len("/index.md")] if base.endswith("/index.md") else base[: -len(".md")]
    return f"{folder}/seite-{number}.md"


def entry_item(entry: Entry) -> dict[str, str]:
    """A fact-box value that links another entry: its title, page and kind."""
    return {"text": entry.title, "path": entry.url_path, "kind": entry.type.singular}


class SiteRenderer:
    """Renders every generated page of the site from plain data."""

    def __init__(
        self,
        entries: Sequence[Entry],
        vocabularies: Mapping[str, Vocabulary],
        index: TaxonomyIndex,
        page_size: int = DEFAULT_PAGE_SIZE,
        today: dt.date | None = None,
        geometry: Mapping[str, Any] | None = None,
        content_types: Sequence[ContentType] = CONTENT_TYPES,
    ) -> None:
        self.today = today or dt.date.today()
        # The types with list pages: the edition's (`editions.edition_types`), so the public
        # site has no empty list of an internal-only type.
        self.content_types = tuple(content_types)
        self.geometry = geometry
        self.entries = entries
        self.published = [e for e in entries if not e.draft]
        self.by_id = {e.id: e for e in entries}
        self.vocabularies = vocabularies
        self.index = index
        self.page_size = page_size
        self._taxonomies = {t.field: t for t in index.taxonomies}
        self.municipalities = directory(
            self.published,
            [e for e in self.published if e.type.directory],
            [e.id for e in entries if e.type.directory and e.draft],
        )
        self._similarity = Similarity(index, self.published)
        self._regional_cache: dict[str, tuple[dict[str, list[Entry]], list[Entry]]] = {}
        self._fact_boxes: dict[str, dict[str, Any]] = {}
        self._field_rows: dict[str, list[dict[str, Any]]] = {}
        self._referrers: dict[str, list[Entry]] = {}
        for other in self.published:
            for _, spec, target in references(other):
                if spec.refers_to != "kommune":  # profiles list their entries themselves
                    self._referrers.setdefault(target, []).append(other)
        self._municipality_of = {
            e.id: m for m in self.municipalities for e in (*m.entries, *filter(None, [m.profile]))
        }

    def pages(self) -> Iterator[PageSpec]:
        for taxonomy in self.index.taxonomies:
            if not taxonomy.has_pages:
                continue
            yield self.overview(taxonomy)
            for term in taxonomy.vocabulary.terms:
                yield from self.term_pages(taxonomy, term)
        for content_type in self.content_types:
            yield from self.list_pages(content_type)
            if content_type.regions:
                yield from self.region_pages(content_type)
            if content_type.directory:
                yield from self.municipality_directory_pages(content_type)
                yield from self.municipality_pages()
        for entry in self.entries:
            yield self.entry_page(entry)
        yield self.finder_page()
        yield self.statistics_page()

    def statistics_page(self) -> PageSpec:
        return PageSpec(
            "statistik.md",
            "Statistik",
            "",
            "statistics",
            data={
                "description": "Was die Plattform enthält, in Zahlen: die veröffentlichten "
                "Einträge nach Inhaltsart, Modul, Bundesland und Jahr. Jede Grafik steht "
                "daneben auch als Tabelle.",
                "charts": statistics(self.published, self.index, self.content_types),
                "total": plural(len(self.published), "Eintrag", "Einträge"),
            },
        )

    def finder_page(self) -> PageSpec:
        """The Praxisfinder, the portal's search results page: facets with their counts over
        all published entries (the browser updates them), and without JavaScript links to
        every overview, through which every entry stays reachable."""
        by_field = {t.field: t for t in self.index.taxonomies}
        types = [
            {"id": t.key, "label": t.plural, "count": count}
            for t in CONTENT_TYPES
            if (count := sum(1 for e in self.published if e.type is t))
        ]
        # Hand-written pages are found by words too; their count is known only in the browser.
        types.append({"id": PAGE_KIND, "label": "Weitere Seiten", "count": 0})
        facets = [{"param": TYPE_FILTER, "label": "Inhaltsart", "options": types}]
        for param, field_name in FACETS:
            taxonomy = by_field.get(field_name)
            if taxonomy is None:
                continue
            options = [
                {"id": term.id, "label": term.label, "count": count}
                for term in taxonomy.vocabulary.terms
                if (count := self.index.count(taxonomy, term))
            ]
            if options:
                facets.append({"param": param, "label": taxonomy.label, "options": options})
        overviews = [
            {"path": t.url_path, "title": t.plural}
            for t in CONTENT_TYPES
            if any(e.type is t for e in self.published)
        ] + [
            {"path": t.path, "title": t.vocabulary.title}
            for t in self.index.taxonomies
            if t.has_pages
        ]
        kinds = [t.plural for t in CONTENT_TYPES if any(e.type is t for e in self.published)]
        labels = [f["label"] for f in facets]
        what = f"alle Einträge ({german_list(kinds, 'und')})" if kinds else "die Plattform"
        narrow = f" und grenzen Sie die Treffer ein nach {german_list(labels, 'oder')}"
        intro = (
            f"Durchsuchen Sie {what}{narrow if labels else ''}. Die Auswahl steht in der "
            "Adresszeile; Sie können die Ergebnisliste als Lesezeichen speichern oder "
            "weitergeben.\n"
        )
        if not kinds:
            intro += "\nNoch ist hier kein Eintrag veröffentlicht.\n"
        return PageSpec(
            "praxisfinder.md",
            "Praxisfinder",
            intro,
            "finder",
            data={"facets": facets, "overviews": overviews, "total": len(self.published)},
        )

    # -- lists -------------------------------------------------------------------------------

    def _item(self, entry: Entry) -> dict[str, str]:
        return {
            "title": entry.title,
            "path": entry.url_path,
            "summary": entry.summary,
            "details": self._item_details(entry),
        }

    def _item_details(self, entry: Entry) -> str:
        municipality = entry.fields.get("municipality") or {}
        parts = []
        if has_date(entry):
            parts.append(event_when(entry))
            parts.extend(event_where(entry))
        if municipality.get("name"):
            parts.append(municipality["name"])
        states = self.vocabularies.get("states")
        state = states.get(municipality.get("state", "")) if states is not None else None
        if state is not None:
            parts.append(state.label)
        return ", ".join(parts)

    def _pager(self, base: str, number: int, total: int) -> dict[str, Any] | None:
        if total <= 1:
            return None
        return {
            "number": number,
            "total": total,
            "previous": page_url(page_uri(base, number - 1)) if number > 1 else None,
            "next": page_url(page_uri(base, number + 1)) if number < total else None,
            "pages": [
                {"number": n, "path": page_url(page_uri(base, n)), "current": n == number}
                for n in _page_numbers(number, total)
            ],
        }

    def _groups(self, chunk: Sequence[Entry], totals: Mapping[str, int]) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        for entry in chunk:
            if not groups or groups[-1]["key"] != entry.type.key:
                groups.append(
                    {
                        "key": entry.type.key,
                        "label": entry.type.plural,
                        "count": totals[entry.type.key],
                        "items": [],
                    }
                )
            groups[-1]["items"].append(self._item(entry))
        return groups

    def overview(self, taxonomy: Taxonomy) -> PageSpec:
        vocabulary = taxonomy.vocabulary
        terms = [
            {
                "label": term.label,
                "path": f"{vocabulary.path}/{term.id}/",
                "count": plural(self.index.count(taxonomy, term), "Eintrag", "Einträge"),
                "description": term.description,
            }
            for term in vocabulary.terms
        ]
        data: dict[str, Any] = {"description": vocabulary.description, "terms": terms}
        if taxonomy.field == MAP_FIELD:
            data["map"] = self.map_data()
        return PageSpec(f"{vocabulary.path}/index.md", vocabulary.title, "", "overview", data=data)

    # -- start page and map ----------------------------------------------------------------------

    def map_data(self) -> dict[str, Any] | None:
        """The Bundesländer map with the number of entries from each Land."""
        taxonomy = self._taxonomies.get(MAP_FIELD)
        if taxonomy is None or self.geometry is None:
            return None
        counts = {t.id: (t.label, self.index.count(taxonomy, t)) for t in taxonomy.vocabulary.terms}
        return state_map(self.geometry, counts, taxonomy.path)

    def home(self) -> dict[str, Any]:
        """The start page as a hub: modules with counts, the newest entries, upcoming events,
        topics, help for those affected and the map. Plain data; the template draws it."""
        modules = self._taxonomies.get("modules")
        tiles = []
        if modules is not None:
            for term in modules.vocabulary.terms:
                tiles.append(
                    {
                        "label": term.label,
                        "purpose": first_sentence(term.description),
                        "path": f"{modules.path}/{term.id}/",
                        "count": plural(self.index.count(modules, term), "Eintrag", "Einträge"),
                    }
                )
        newest = sorted(
            (e for e in self.published if e.fields.get("published") and not has_date(e)),
            key=lambda e: (e.fields["published"], e.id),
            reverse=True,
        )[:HOME_NEWEST]
        events = [
            e
            for t in CONTENT_TYPES
            if t.order == "start"
            for e in upcoming_and_past((x for x in self.published if x.type is t), self.today)[0]
        ][:HOME_EVENTS]
        topics = self._taxonomies.get("topics")
        topic_links = []
        if topics is not None:
            counted = [(self.index.count(topics, t), t) for t in topics.vocabulary.terms]
            for count, term in sorted(counted, key=lambda c: (-c[0], title_key(c[1].label))):
                if count:
                    topic_links.append(
                        {"label": term.label, "path": f"{topics.path}/{term.id}/", "count": count}
                    )
        help_types = [t for t in CONTENT_TYPES if t.emergency]
        return {
            "tiles": tiles,
            "total": plural(len(self.published), "Eintrag", "Einträge"),
            "types": [
                {"label": t.plural, "path": f"{t.url_path}/", "count": count}
                for t in CONTENT_TYPES
                if (count := sum(1 for e in self.published if e.type is t))
            ],
            "newest": [self._item(e) | {"kind": e.type.singular} for e in newest],
            "events": [self._item(e) for e in events],
            "events_path": next(
                (f"{t.url_path}/" for t in CONTENT_TYPES if t.order == "start"), ""
            ),
            "topics": topic_links[:HOME_TOPICS],
            "topics_path": f"{topics.path}/" if topics is not None else "",
            "help": {"path": f"{help_types[0].url_path}/", "emergency": help_types[0].emergency}
            if help_types
            else None,
            "map": self.map_data(),
            "states_path": f"{self._taxonomies[MAP_FIELD].path}/"
            if MAP_FIELD in self._taxonomies
            else "",
        }

    def term_pages(self, taxonomy: Taxonomy, term: Term) -> Iterator[PageSpec]:
        vocabulary = taxonomy.vocabulary
        base = f"{vocabulary.path}/{term.id}.md"
        listed = self.index.entries(taxonomy, term)
        totals = {t.key: sum(1 for e in listed if e.type is t) for t in CONTENT_TYPES}
        breakdown = " · ".join(
            plural(totals[t.key], t.singular, t.plural) for t in CONTENT_TYPES if totals[t.key]
        )
        chunks = paginate(listed, self.page_size)
        for number, chunk in enumerate(chunks, start=1):
            title = term.label if number == 1 else f"{term.label} – Seite {number}"
            data = {
                "taxonomy": taxonomy.name,
                "term": term.id,
                "description": term.description,
                "overview": {"path": f"{vocabulary.path}/", "title": vocabulary.title},
                "total": plural(len(listed), "Eintrag", "Einträge"),
                "breakdown": breakdown,
                "groups": self._groups(chunk, totals),
                "pager": self._pager(base, number, len(chunks)),
            }
            if taxonomy.field in FEED_TAXONOMIES and listed:
                data["feed"] = term_feed_uri(taxonomy, term.id)
            yield PageSpec(
                page_uri(base, number), title, "", "term", tuple(e.id for e in chunk), data=data
            )

    def list_pages(self, content_type: ContentType) -> Iterator[PageSpec]:
        base = f"{content_type.url_path}/index.md"
        mine = [e for e in self.published if e.type is content_type]
        upcoming: set[str] = set()
        if content_type.order == "start":
            soon, past = upcoming_and_past(mine, self.today)
            upcoming = {e.id for e in soon}
            listed = soon + past + sorted((e for e in mine if not has_date(e)), key=sort_key)
        else:
            listed = sorted(mine, key=sort_key)
        finders = [
            {"title": t.vocabulary.title, "path": f"{t.path}/"}
            for t in self.index.taxonomies
            if t.has_pages and content_type.key in FIELD_BY_NAME[t.field.split(".")[0]].types
        ]
        chunks = paginate(listed, self.page_size)
        for number, chunk in enumerate(chunks, start=1):
            heading = content_type.list_title or content_type.plural
            title = heading if number == 1 else f"{heading} – Seite {number}"
            data = {
                "content_type": content_type.key,
                "description": content_type.description,
                "finders": finders,
                "total": plural(len(listed), content_type.singular, content_type.plural),
                "groups": self._list_groups(content_type, chunk, upcoming),
                "pager": self._pager(base, number, len(chunks)),
            }
            if content_type.order == "start" and mine:
                data["calendar"] = {"path": CALENDAR_URI, "upcoming": len(upcoming)}
            if content_type.emergency:
                data["emergency"] = emergency_numbers(content_type)
            if content_type.regions and number == 1:
                data["regions"] = self.region_links(content_type)
            if content_type.directory and number == 1:
                data["states"] = self.municipality_links(content_type)
            yield PageSpec(
                page_uri(base, number), title, "", "list", tuple(e.id for e in chunk), data=data
            )

    def _list_groups(
        self, content_type: ContentType, chunk: Sequence[Entry], upcoming: set[str]
    ) -> list[dict[str, Any]]:
        """One group; for dated types, upcoming and past events apart."""
        if not chunk:
            return []
        if content_type.order != "start":
            items = [self._item(e) for e in chunk]
            return [{"key": content_type.key, "label": None, "count": len(chunk), "items": items}]
        groups = []
        for label, key, members in (
            ("Kommende Termine", "upcoming", [e for e in chunk if e.id in upcoming]),
            ("Vergangene Termine (Archiv)", "past", [e for e in chunk if e.id not in upcoming]),
        ):
            if members:
                items = [self._item(e) for e in members]
                groups.append({"key": key, "label": label, "count": len(members), "items": items})
        return groups

    # -- regions (advice centres by Bundesland) ------------------------------------------------

    def _region_vocabulary(self, content_type: ContentType) -> Vocabulary | None:
        spec = FIELD_BY_NAME[content_type.regions or ""]
        return self.vocabularies.get(spec.vocabulary or "")

    def serving(self, content_type: ContentType, region: str) -> tuple[list[Entry], list[Entry]]:
        """Published entries of a type serving a region, and those serving everywhere.
        Indexed once per type: every entry page asks (help nearby), so a scan would be N²."""
        by_region, anywhere = self._regional(content_type)
        local = by_region.get(region, [])
        local_ids = {e.id for e in local}
        return local, [e for e in anywhere if e.id not in local_ids]

    def _regional(self, content_type: ContentType) -> tuple[dict[str, list[Entry]], list[Entry]]:
        cached = self._regional_cache.get(content_type.key)
        if cached is None:
            field, everywhere = content_type.regions or "", content_type.everywhere
            mine = sorted((e for e in self.published if e.type is content_type), key=sort_key)
            by_region: dict[str, list[Entry]] = {}
            for entry in mine:
                for region in term_values(entry, field):
                    by_region.setdefault(region, []).append(entry)
            anywhere = [e for e in mine if everywhere and e.fields.get(everywhere)]
            cached = self._regional_cache[content_type.key] = (by_region, anywhere)
        return cached

    def region_links(self, content_type: ContentType) -> list[dict[str, Any]]:
        vocabulary = self._region_vocabulary(content_type)
        if vocabulary is None:
            return []
        links = []
        for term in vocabulary.terms:
            local, _ = self.serving(content_type, term.id)
            links.append(
                {
                    "label": term.label,
                    "path": f"{content_type.url_path}/{term.id}/",
                    "count": plural(len(local), "Stelle vor Ort", "Stellen vor Ort"),
                }
            )
        return links

    def region_pages(self, content_type: ContentType) -> Iterator[PageSpec]:
        """Pages per Land: what helps there, by kind of help, without JavaScript.

        The places in the Land come first, then those serving everywhere. A place appears
        under each of its kinds of help. Long lists are split into pages of a quarter of the
        usual length (a place may be shown several times), and the jump links lead to the
        first page holding a kind, so a page stays small at any number of places."""
        vocabulary = self._region_vocabulary(content_type)
        if vocabulary is None:
            return
        kinds_field = content_type.facets[0] if content_type.facets else None
        kinds = self._taxonomies.get(kinds_field or "")
        size = max(1, self.page_size // 4)
        for term in vocabulary.terms:
            local, anywhere = self.serving(content_type, term.id)
            everywhere = {e.id for e in anywhere}
            base = f"{content_type.url_path}/{term.id}.md"
            chunks = paginate([*local, *anywhere], size)
            grouped = [self._by_kind(chunk, kinds) for chunk in chunks]
            first_page: dict[str, int] = {}
            totals: dict[str, int] = {}
            for number, groups in enumerate(grouped, start=1):
                for kind, members in groups:
                    first_page.setdefault(kind.id, number)
                    totals[kind.id] = totals.get(kind.id, 0) + len(members)
            labels = {kind.id: kind.label for groups in grouped for kind, _ in groups}
            for number, (chunk, groups) in enumerate(zip(chunks, grouped, strict=True), start=1):
                data = {
                    "content_type": content_type.key,
                    "region": term.id,
                    "description": (
                        f"{content_type.plural}, die Menschen in {term.label} beraten: zuerst die "
                        "Stellen im Land, dann die bundesweiten. Geordnet nach der Art der Hilfe."
                    ),
                    "emergency": emergency_numbers(content_type),
                    "overview": {"path": f"{content_type.url_path}/", "title": content_type.plural},
                    "total": plural(len(local), "Stelle im Land", "Stellen im Land")
                    + " · "
                    + plural(len(anywhere), "bundesweite Stelle", "bundesweite Stellen"),
                    "jump": [
                        {
                            "key": key,
                            "label": labels[key],
                            "path": page_url(page_uri(base, at)) if at != number else None,
                        }
                        for key, at in sorted(first_page.items(), key=lambda k: k[1])
                    ],
                    "groups": [
                        {
                            "key": kind.id,
                            "label": kind.label,
                            "count": totals[kind.id],
                            "items": [
                                self._region_item(e, kinds, e.id in everywhere) for e in members
                            ],
                        }
                        for kind, members in groups
                    ],
                    "pager": self._pager(base, number, len(chunks)),
                }
                title = f"{content_type.plural} in {term.label}"
                yield PageSpec(
                    page_uri(base, number),
                    title if number == 1 else f"{title} – Seite {number}",
                    "",
                    "region",
                    tuple(e.id for e in chunk),
                    data=data,
                )

    @staticmethod
    def _by_kind(chunk: Sequence[Entry], kinds: Taxonomy | None) -> list[tuple[Term, list[Entry]]]:
        """The kinds of help in vocabulary order, each with the places of `chunk` offering it."""
        if kinds is None:
            return []
        groups = []
        for kind in kinds.vocabulary.terms:
            members = [e for e in chunk if kind.id in term_values(e, kinds.field)]
            if members:
                groups.append((kind, members))
        return groups

    def _region_item(
        self, entry: Entry, kinds: Taxonomy | None, everywhere: bool
    ) -> dict[str, str]:
        """A place on a Land's page: its kinds of help and whether it serves everywhere."""
        item = self._item(entry)
        parts = []
        if kinds is not None:
            names = [
                t.label for k in term_values(entry, kinds.field) if (t := kinds.vocabulary.get(k))
            ]
            if names:
                parts.append(", ".join(names))
        parts.append("bundesweit" if everywhere else "im Land")
        if item["details"]:
            parts.append(item["details"])
        item["details"] = " · ".join(parts)
        return item

    # -- municipalities --------------------------------------------------------------------------

    def _term_label(self, field_name: str, term_id: str | None) -> str:
        taxonomy = self._taxonomies.get(field_name)
        term = taxonomy.vocabulary.get(term_id or "") if taxonomy else None
        return term.label if term else ""

    def _places_by_state(self) -> list[tuple[str, str, list[Municipality]]]:
        """(key, label, places) per Land in title order; places without a Land last."""
        by_state: dict[str, list[Municipality]] = {}
        for place in self.municipalities:
            by_state.setdefault(place.state or "", []).append(place)
        found = [
            (state or NO_STATE, self._term_label("municipality.state", state) or NO_STATE_LABEL, p)
            for state, p in by_state.items()
        ]
        return sorted(found, key=lambda s: (s[0] == NO_STATE, title_key(s[1])))

    def municipality_links(self, content_type: ContentType) -> list[dict[str, Any]]:
        """The directory's entrance: each Land with its number of municipalities."""
        return [
            {
                "label": label,
                "path": f"{content_type.url_path}/{DIRECTORY_FOLDER}/{key}/",
                "count": plural(len(places), "Kommune", "Kommunen"),
            }
            for key, label, places in self._places_by_state()
        ]

    def municipality_directory_pages(self, content_type: ContentType) -> Iterator[PageSpec]:
        """Every municipality of a Land with the number of its entries: a page per Land (split
        when long), so the directory stays small at any number of municipalities."""
        for key, label, places in self._places_by_state():
            base = f"{content_type.url_path}/{DIRECTORY_FOLDER}/{key}.md"
            chunks = paginate(places, self.page_size * 4)
            for number, chunk in enumerate(chunks, start=1):
                title = f"Kommunen in {label}" if key != NO_STATE else "Kommunen ohne Bundesland"
                data = {
                    "description": "Jede Kommune, die ein Eintrag nennt, mit der Zahl ihrer "
                    "Einträge; Modellkommunen mit Profil sind als solche markiert.",
                    "overview": {"path": f"{content_type.url_path}/", "title": "Kommunen"},
                    "total": plural(len(places), "Kommune", "Kommunen"),
                    "municipalities": [
                        {
                            "label": place.name,
                            "path": place.path,
                            "count": plural(len(place.entries), "Eintrag", "Einträge"),
                            "profile": "Profil" if place.profile else "",
                        }
                        for place in chunk
                    ],
                    "groups": [],
                    "pager": self._pager(base, number, len(chunks)),
                }
                yield PageSpec(
                    page_uri(base, number),
                    title if number == 1 else f"{title} – Seite {number}",
                    "",
                    "directory",
                    tuple(place.profile.id for place in chunk if place.profile is not None),
                    data=data,
                )

    def municipality_pages(self) -> Iterator[PageSpec]:
        """A page per municipality without a profile; profiles list their entries themselves."""
        for place in self.municipalities:
            if place.profile is not None:
                continue
            kind = self._term_label("municipality.type", place.kind)
            state = self._term_label("municipality.state", place.state)
            modules = sorted({m for e in place.entries for m in term_values(e, "modules")})
            totals = {t.key: sum(1 for e in place.entries if e.type is t) for t in CONTENT_TYPES}
            data = {
                "description": ", ".join(x for x in (kind, state) if x),
                "overview": {"path": "kommunen/", "title": "Kommunen"},
                "total": plural(len(place.entries), "Eintrag", "Einträge"),
                "modules": [
                    self._term_link(self._taxonomies["modules"], m)
                    for m in modules
                    if "modules" in self._taxonomies
                ],
                "groups": self._groups(sorted(place.entries, key=sort_key), totals),
                "pager": None,
            }
            yield PageSpec(
                f"kommunen/{place.key}.md",
                place.name,
                "",
                "municipality",
                tuple(e.id for e in place.entries),
                data=data,
            )

    def _referrer_rows(self, entry: Entry) -> list[dict[str, Any]]:
        """For a network: its events (upcoming first), and whatever else names it."""
        rows = []
        for content_type in CONTENT_TYPES:
            mine = [e for e in self._referrers.get(entry.id, ()) if e.type is content_type]
            if not mine:
                continue
            if content_type.order == "start":
                soon, past = upcoming_and_past(mine, self.today)
                mine = soon + past
            else:
                mine = sorted(mine, key=sort_key)
            values = []
            for other in mine:
                text = other.title
                if has_date(other):
                    text = f"{event_when(other)}: {other.title}"
                values.append({"text": text, "path": other.url_path})
            rows.append({"label": content_type.plural, "field": "referrers", "values": values})
        return rows

    def help_nearby(self, entry: Entry) -> list[dict[str, str]]:
        """For an entry about a place: advice centres serving its Land that share a topic."""
        state = entry.value("municipality.state")
        topics = set(term_values(entry, "topics"))
        if not state or not topics or entry.type.regions:
            return []
        found = []
        for content_type in CONTENT_TYPES:
            if not content_type.regions:
                continue
            local, anywhere = self.serving(content_type, state)
            for other in (*local, *anywhere):
                if topics & set(term_values(other, "topics")):
                    found.append({"text": other.title, "path": other.url_path})
                    if len(found) == 5:
                        return found
        return found

    # -- entries -----------------------------------------------------------------------------

    def entry_page(self, entry: Entry) -> PageSpec:
        return PageSpec(
            entry.src_uri,
            entry.title,
            entry.body,
            "entry",
            (entry.id,),
            entry,
            draft=entry.draft,
            data=self.fact_box(entry),
        )

    def _term_link(self, taxonomy: Taxonomy, term_id: str) -> dict[str, str]:
        term = taxonomy.vocabulary.get(term_id)
        label = term.label if term else term_id
        if taxonomy.has_pages:
            return {"text": label, "path": f"{taxonomy.path}/{term_id}/"}
        param = FACET_PARAMS.get(taxonomy.field)
        return (
            {"text": label, "path": f"praxisfinder/?{param}={term_id}"}
            if param
            else {"text": label}
        )

    def fact_texts(self, entry: Entry) -> list[str]:
        """The fact box's words for search: municipality, provider, funding, resources …
        Not the related entries: their titles would make this entry match another's name."""
        texts = []
        for row in self.field_rows(entry):  # not the whole fact box: its slower rows are skipped
            if row["field"] in SEARCH_SKIPPED_ROWS:
                continue
            values = row["values"]
            if row["field"] == "contact":  # the organisation; not its address or "Webseite"
                values = [v for v in values if "url" not in v]
            texts.extend(v["text"] for v in values if v.get("text"))
        return texts

    def _fact_values(self, entry: Entry, name: str, value: Any) -> list[dict[str, str]]:
        """The values of one fact-box row, formatted by the field's kind."""
        special = getattr(self, f"_facts_{name}", None)
        if special is not None:
            return special(entry, value)
        spec = FIELD_BY_NAME[name]
        taxonomy = self._taxonomies.get(name)
        if taxonomy is not None:
            return [self._term_link(taxonomy, v) for v in term_values(entry, name)]
        if spec.kind is Kind.DATE:
            return [{"text": german_date(value)}]
        if spec.kind is Kind.URL:
            return [external_link(spec.label, value)]
        if spec.kind is Kind.BOOL:
            return [{"text": "ja" if value else "nein"}]
        if spec.refers_to and isinstance(value, str):
            return [self._entry_link(value)]
        if spec.kind in (Kind.TEXT, Kind.EMAIL, Kind.PHONE):
            return [{"text": str(value)}]
        return []

    def _entry_link(self, entry_id: str) -> dict[str, str]:
        """A field naming another entry (`network`): its title, linked when it is published."""
        other = self.by_id.get(entry_id)
        if other is None:
            return {"text": entry_id}
        if other.draft:
            return {"text": other.title}
        return entry_item(other)

    def _facts_start(self, entry: Entry, value: Any) -> list[dict[str, str]]:
        when = {"text": event_when(entry)}
        calendar = {"text": "In den Kalender (.ics)", "path": calendar_file_uri(entry)}
        if not entry.draft:
            return [when, calendar]
        return [when]

    def _facts_end(self, entry: Entry, value: Any) -> list[dict[str, str]]:
        return []  # shown with the start

    def _facts_place(self, entry: Entry, value: Any) -> list[dict[str, str]]:
        return [{"text": text} for text in event_where(entry)]

    def _facts_online(self, entry: Entry, value: Any) -> list[dict[str, str]]:
        return [] if entry.fields.get("place") else [{"text": "online"}]

    def _facts_registration(self, entry: Entry, value: Mapping[str, Any]) -> list[dict[str, str]]:
        deadline = value.get("deadline")
        over = has_date(entry) and not is_upcoming(entry, self.today)
        if over or (isinstance(deadline, dt.date) and day_of(deadline) < self.today):
            # Decided at build time, as the lists decide "upcoming": no link to a closed form.
            closed = "Die Veranstaltung hat stattgefunden." if over else "Anmeldung geschlossen."
            return [{"text": closed}]
        values: list[dict[str, str]] = []
        previous = value.get("previous_deadline")
        if deadline and previous:
            values.append(
                {
                    "text": f"Anmeldeschluss geändert: jetzt {german_date(deadline)} "
                    f"(bisher {german_date(previous)})"
                }
            )
        elif deadline:
            values.append({"text": f"Anmeldeschluss: {german_date(deadline)}"})
        if value.get("note"):
            values.append({"text": value["note"]})
        if value.get("url"):
            values.append(external_link("Zur Anmeldung", value["url"]))
        return values

    def _facts_programme(self, entry: Entry, value: Sequence[Any]) -> list[dict[str, str]]:
        return [
            {"text": f"{item['time']}: {item['title']}"}
            for item in value
            if isinstance(item, Mapping) and item.get("time") and item.get("title")
        ]

    def _facts_municipality(self, entry: Entry, value: Mapping[str, Any]) -> list[dict[str, str]]:
        place = self._municipality_of.get(entry.id)
        name: dict[str, str] = {"text": value.get("name", "")}
        if place is not None and not entry.type.directory and not entry.draft:
            name["path"] = place.path
        values = [name]
        for key in ("type", "state"):
            taxonomy = self._taxonomies.get(f"municipality.{key}")
            if taxonomy and value.get(key):
                values.append(self._term_link(taxonomy, value[key]))
        return values

    def _facts_period(self, entry: Entry, value: Mapping[str, Any]) -> list[dict[str, str]]:
        start = value.get("start")
        if not start:
            return []
        end = value.get("end")
        text = (
            f"{start.month:02d}/{start.year} – {end.month:02d}/{end.year}"
            if end
            else f"seit {start.month:02d}/{start.year} (laufend)"
        )
        return [{"text": text}]

    def _expired(self, entry: Entry) -> bool:
        """A request or offer past its `valid_until` (decided at build time)."""
        until = entry.fields.get("valid_until")
        return isinstance(until, dt.date) and until < self.today

    def _facts_valid_until(self, entry: Entry, value: Any) -> list[dict[str, str]]:
        note = " – abgelaufen" if self._expired(entry) else ""
        return [{"text": f"{german_date(value)}{note}"}]

    def _facts_contact(self, entry: Entry, value: Mapping[str, Any]) -> list[dict[str, str]]:
        values = [{"text": value.get("organisation", "")}]
        # A person is named with consent, for peers only, and no longer than the offer holds.
        if value.get("person") and is_internal(entry) and not self._expired(entry):
            values.append({"text": f"Ansprechperson: {value['person']}"})
        if value.get("email"):
            values.append(external_link(value["email"], f"mailto:{value['email']}"))
        if value.get("phone"):
            digits = re.sub(r"[^\d+]", "", value["phone"])
            values.append({"text": value["phone"], "url": f"tel:{digits}"})
        if value.get("url"):
            values.append(external_link("Webseite der Stelle", value["url"]))
        return values

    def _facts_resources(self, entry: Entry, value: Sequence[Any]) -> list[dict[str, str]]:
        return [
            external_link(r["title"], r["url"])
            for r in value
            if isinstance(r, Mapping) and r.get("title") and r.get("url")
        ]

    def _facts_related(self, entry: Entry, value: Sequence[Any]) -> list[dict[str, str]]:
        related = []
        for target in value:
            other = self.by_id.get(target)
            if other is not None and (entry.draft or not other.draft):
                related.append(entry_item(other))
        return related

    def fact_box(self, entry: Entry) -> dict[str, Any]:
        """Plain data for the Steckbrief; labels come from the field table. Made once per
        entry: the entry page and the search document both read it."""
        cached = self._fact_boxes.get(entry.id)
        if cached is None:
            cached = self._fact_boxes[entry.id] = self._make_fact_box(entry)
        return cached

    def field_rows(self, entry: Entry) -> list[dict[str, Any]]:
        """The fact box's rows for the entry's own fields, in the type's field order. Made once
        per entry: the search document needs them before the rest of the fact box."""
        cached = self._field_rows.get(entry.id)
        if cached is None:
            cached = self._field_rows[entry.id] = self._make_field_rows(entry)
        return cached

    def _make_field_rows(self, entry: Entry) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for name in entry.type.fields:
            if name in FACT_BOX_SKIPPED:
                continue
            value = entry.fields.get(name)
            if value in (None, "", [], {}) or (name == "visibility" and not is_internal(entry)):
                continue  # "Sichtbarkeit: öffentlich" tells a public reader nothing
            values = self._fact_values(entry, name, value)
            if values:
                label = FACT_LABELS.get(name) or FIELD_BY_NAME[name].label
                rows.append({"label": label, "field": name, "values": values})
        return rows

    def _make_fact_box(self, entry: Entry) -> dict[str, Any]:
        rows = list(self.field_rows(entry))
        place = self._municipality_of.get(entry.id)
        if entry.type.directory and place is not None and place.entries:
            rows.append(
                {
                    "label": "Einträge aus dieser Kommune",
                    "field": "municipality_entries",
                    "values": [entry_item(e) for e in sorted(place.entries, key=sort_key)],
                }
            )
        rows.extend(self._referrer_rows(entry))
        if not entry.draft:
            curated = set(entry.fields.get("related") or ())
            similar = self._similarity.similar(entry, curated)
            if similar:
                rows.append(
                    {
                        "label": "Ähnliche Einträge",
                        "field": "similar",
                        "values": [entry_item(e) for e in similar],
                    }
                )
        nearby = self.help_nearby(entry)
        if nearby:
            state = self._taxonomies["municipality.state"].vocabulary.get(
                entry.value("municipality.state")
            )
            label = f"Hilfe für Betroffene in {state.label}" if state else "Hilfe für Betroffene"
            rows.append({"label": label, "field": "help_nearby", "values": nearby})
        dates = []
        published = entry.fields.get("published")
        if published:
            dates.append(
                {
                    "label": FIELD_BY_NAME["published"].label,
                    "text": german_date(published),
                    "iso": published.isoformat(),
                }
            )
        checked = last_checked(entry)
        if checked:
            dates.append(
                {
                    "label": FIELD_BY_NAME["reviewed"].label,
                    "text": german_date(checked),
                    "iso": checked.isoformat(),
                }
            )
        return {
            "id": entry.id,
            "type": entry.type.singular,
            "type_plural": entry.type.plural,
            "type_path": f"{entry.type.url_path}/",
            "title": entry.title,
            "summary": entry.summary,
            "example": entry.example,
            "draft": entry.draft,
            "internal": is_internal(entry),
            "rows": rows,
            "dates": dates,
            "emergency": emergency_numbers(entry.type),
        }


def external_link(text: str, url: str) -> dict[str, str]:
    """A link for the fact box, or plain text when the URL could not be published safely.

    The validator already rejects such URLs; this keeps a `javascript:` link out of the page even
    if a value ever reaches the renderer unchecked.
    """
    if url_problem(url) is None:
        return {"text": text, "url": url}
    return {"text": text}


def _page_numbers(current: int, total: int) -> list[int]:
    """First, last and the neighbours of the current page: a short pager at any size."""
    wanted = {1, total, current - 1, current, current + 1}
    return sorted(n for n in wanted if 1 <= n <= total)
