"""MkDocs plugin: validate, generate entry and taxonomy pages, sanitise, audit the output.

All decisions live in the core (`praxis.corpus`, `praxis.render`, …); this file only moves data
between MkDocs events and those functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel, get_files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from ..audit import audit_site, output_clashes, unsafe_links
from ..bodies import (
    ParallelBodies,
    RenderedBody,
    can_render_in_parallel,
    render_body,
    violation_line,
)
from ..build_date import BuildDateError, build_date
from ..content_types import CONTENT_TYPES
from ..corpus import Corpus, EntryCache, default_workers, load_corpus
from ..editions import (
    INTERNAL,
    PUBLIC,
    EditionError,
    HandWrittenPage,
    choose_edition,
    edition_types,
    internal_only_files,
    internal_pages,
    is_internal,
)
from ..editor_bundle import EditorBundleMissing
from ..editor_config import EditorSettings, EditorSettingsError
from ..editor_docs import site_files
from ..feeds import atom, feeds
from ..ical import CalendarMemo, calendar_files
from ..leak_audit import Canary, audit_leaks, canaries, public_texts
from ..model import Entry
from ..open_data import (
    CATALOG_URI,
    CSV_URI,
    DEFAULT_LICENCE,
    JSON_URI,
    PAGE_URI,
    LicenceError,
    catalog,
    data_page,
    licence,
    open_csv,
    open_json,
)
from ..output_policy import check_site
from ..placeholders import fill_placeholders
from ..problems import format_text
from ..progress import Progress
from ..render import DEFAULT_PAGE_SIZE, PageSpec, SiteRenderer
from ..rules.review import DEFAULT_REVIEW_MONTHS
from ..search_documents import PageText, SearchDocument, entry_document, page_document
from ..search_index import BackgroundIndex, SearchIndexError
from ..state_map import load_geometry
from ..structured_data import json_ld, safe_json
from ..taxonomy import TaxonomyIndex, build_index
from .german_log import install as install_german_log
from .german_log import leave_out as leave_out_in_log
from .german_log import strict_abort
from .incremental import PageMemo
from .preview import (
    LIVERELOAD_JS,
    LIVERELOAD_URI,
    PREVIEW_SHOWS_ERRORS,
    use_external_livereload,
)
from .preview_search import PreviewSearch
from .shared_fragments import FILL, FILL_NAME, FUNCTION, NAV_KEY, SharedFragments

if TYPE_CHECKING:
    from collections.abc import Iterator
    from multiprocessing.pool import AsyncResult, Pool

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.praxis")
BUILD_FAILED = "Die Seite wurde nicht gebaut. Beheben Sie die Fehler oben und bauen Sie erneut."
HOME_URI = "index.md"
# Hand-written pages under these folders are for editors and operators, not public search.
SEARCH_EXCLUDED_FOLDERS = ("mitwirken/", "betrieb/")
# The internal edition is not for search engines (every page also says `noindex`).
ROBOTS_INTERNAL = "User-agent: *\nDisallow: /\n"
# From this many entries, `mkdocs build` renders entry bodies in worker processes.
PARALLEL_MIN_ENTRIES = 200
# What a worker needs to make the derived files (see `_derived_in_worker`): set before the
# workers are forked, so they inherit it instead of receiving the corpus pickled.
_FORKED: dict[str, Any] = {}

TEMPLATES = {
    "entry": "entry.html",
    "finder": "praxisfinder.html",
    "term": "listing.html",
    "list": "listing.html",
    "region": "listing.html",
    "municipality": "listing.html",
    "directory": "listing.html",
    "statistics": "statistik.html",
    "overview": "listing.html",
}


class _RenderedByCore:
    """Stands in for `Page.render` on entry pages, whose body the core renders (see
    `on_page_context`): MkDocs would build a Markdown converter with every extension for an
    empty text, once per entry (at 5,000 entries about 3 s)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        page = self.page
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}


class PraxisConfig(base.Config):
    content_root = c.Type(str, default=".")
    page_size = c.Type(int, default=DEFAULT_PAGE_SIZE)
    review_months = c.Type(int, default=DEFAULT_REVIEW_MONTHS)
    audit = c.Type(bool, default=True)
    # `mkdocs build` may use every core: entries are read and their bodies rendered in worker
    # processes once there are at least `parallel_min_entries` of them.
    parallel = c.Type(bool, default=True)
    parallel_min_entries = c.Type(int, default=PARALLEL_MIN_ENTRIES)
    # "Today" for the build (upcoming events, review warnings): JJJJ-MM-TT; empty means the
    # current date. PRAXIS_BUILD_DATE overrides it.
    build_date = c.Type(str, default="")
    # A build for publishing refuses missing operator details (PRAXIS_PUBLISH=1 sets it too).
    publish = c.Type(bool, default=False)
    # The licence of the open data (/daten/): cc-by-4.0 or dl-de-by-2.0.
    data_licence = c.Type(str, default=DEFAULT_LICENCE)
    # `oeffentlich` (default) or `intern` (docs/betrieb/interne-ausgabe.md); PRAXIS_AUSGABE
    # overrides it.
    edition = c.Type(str, default="")


class PraxisPlugin(BasePlugin[PraxisConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.index: TaxonomyIndex | None = None
        self.pages: dict[str, PageSpec] = {}
        self.missing_operator: set[str] = set()
        self.memo: PageMemo | None = None  # only in dirty builds (`mkdocs serve --dirty`)
        self.progress: Progress | None = None
        self.workers = 1
        self.bodies: ParallelBodies | None = None
        self.serving = False
        self.renderer: SiteRenderer | None = None
        self.today = dt.date.today()
        self.search: BackgroundIndex | None = None
        # A preview rebuild builds its index after it (PreviewSearch).
        self.search_deferred = False
        self.preview_search: PreviewSearch | None = None
        self.entry_cache: EntryCache | None = None
        self.ics_memo: CalendarMemo | None = None
        self.derived: AsyncResult[dict[str, str]] | None = None
        self.pending_canaries: AsyncResult[list[Canary]] | None = None
        self.canaries: list[Canary] | None = None
        self.site_files_memo: tuple[object, dict[str, str | bytes]] | None = None
        self.preview_built = False
        # The preview's content errors: shown in the browser for every page (preview.py).
        self.content_errors: str | None = None
        self.build_started = 0.0
        self.search_started = 0.0
        self.shared = SharedFragments()
        # The edition being built, all entries (for the leak audit) and docs/ pages marked
        # `visibility: intern` (see praxis.editions).
        self.edition = ""
        self.all_entries: list[Entry] = []
        # Open data is public data in both editions: never an internal entry under an open
        # licence (the internal edition's finder and search have files of their own).
        self.open_data: Corpus | None = None
        self.internal_pages: list[HandWrittenPage] = []
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        install_german_log()
        # Having this hook also keeps the plugin (and its memo) alive across serve rebuilds.
        self.memo = PageMemo() if dirty else None
        self.serving = command == "serve"
        self.command = command
        # `mkdocs serve` runs a threaded server; forking there is not worth the risk.
        self.workers = default_workers() if command in ("build", "gh-deploy") else 1
        if self.preview_search is not None:
            self.preview_search.stop()
        self.preview_search = PreviewSearch() if self.serving else None
        self.entry_cache = EntryCache() if self.serving else None
        self.ics_memo: CalendarMemo | None = {} if self.serving else None
        self.site_files_memo: tuple[object, dict[str, str | bytes]] | None = None
        self.preview_built = False

    def on_shutdown(self) -> None:
        if self.preview_search is not None:
            self.preview_search.stop()

    def _derived_texts(self, config: MkDocsConfig) -> dict[str, str]:
        """The files made from all entries besides the pages: open data (JSON, CSV, the
        DCAT-AP.de catalogue), the Atom feeds and the calendars, by site path."""
        assert self.open_data is not None and self.corpus is not None and self.index is not None
        try:
            chosen = licence(self.config.data_licence)
        except LicenceError as exc:
            raise PluginError(str(exc)) from None
        operator = config.extra.get("operator") or {}
        publisher = operator.get("name") or "Betreiber der Plattform"
        entries, taxonomies = self.open_data.entries, self.index.taxonomies
        count = len(self.open_data.published)
        texts = {
            JSON_URI: open_json(entries, taxonomies, chosen, self.today, publisher),
            CSV_URI: open_csv(entries, taxonomies),
            CATALOG_URI: catalog(config.site_url or "", chosen, self.today, publisher, count),
        }
        for feed in feeds(self.corpus.published, self.index, config.site_name):
            texts[feed.uri] = atom(feed, config.site_url or "http://127.0.0.1:8000/", publisher)
        site_url = config.site_url or ""
        texts.update(calendar_files(self.corpus.entries, site_url, self.today, self.ics_memo))
        return texts

    def _data_page(self, config: MkDocsConfig) -> File:
        """The page that explains the open data (searchable like a hand-written page)."""
        assert self.open_data is not None and self.index is not None
        try:
            chosen = licence(self.config.data_licence)
        except LicenceError as exc:
            raise PluginError(str(exc)) from None
        publisher = (config.extra.get("operator") or {}).get("name") or "Betreiber der Plattform"
        count = len(self.open_data.published)
        page = data_page(self.index.taxonomies, chosen, publisher, count)
        return File.generated(config, PAGE_URI, content=page, inclusion=InclusionLevel.NOT_IN_NAV)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.missing_operator = set()  # the plugin outlives a build under `mkdocs serve`
        self.derived = None
        self.pending_canaries = self.canaries = None
        self.build_started = time.time()
        if self.preview_search is not None:  # the previous build's index must not write on
            self.preview_search.stop()
        root = Path(config.config_file_path).parent / self.config.content_root
        workers = self.workers if self.config.parallel else 1
        try:
            self.today = build_date(self.config.build_date)
        except BuildDateError as exc:
            raise PluginError(str(exc)) from None
        corpus = load_corpus(
            root,
            today=self.today,
            review_months=self.config.review_months,
            workers=workers,
            cache=self.entry_cache,
        )
        self.content_errors = None
        if corpus.errors:
            message = (
                f"Die Inhalte enthalten {len(corpus.errors)} Fehler; die Seite wird nicht "
                "gebaut:\n" + format_text(corpus.errors)
            )
            if not self.serving:
                raise PluginError(message)
            corpus = self._preview_with_errors(corpus, message)
        for warning in corpus.problems:
            log.info(warning.text())
        self._choose_edition(config)
        self.all_entries = corpus.entries
        self.open_data = corpus.for_edition(PUBLIC)
        corpus = corpus.for_edition(self.edition)  # every output below is made from this view
        self.corpus = corpus
        help_types = [t for t in CONTENT_TYPES if t.emergency]
        if help_types:  # the header's "Hilfe für Betroffene" link
            config.extra["praxis_help"] = f"{help_types[0].url_path}/"
        self.index = build_index(corpus.published, corpus.vocabularies)
        renderer = SiteRenderer(
            corpus.entries,
            corpus.vocabularies,
            self.index,
            self.config.page_size,
            self.today,
            load_geometry(root),
            edition_types(self.edition),
        )
        self.renderer = renderer
        self.search = None
        self._start_workers(config)
        self.pages = {page.src_uri: page for page in renderer.pages()}
        log.info(
            f"praxis: {len(self.all_entries)} Einträge gelesen, {len(corpus.entries)} in dieser "
            f"Ausgabe, {len(self.pages)} Seiten erzeugt"
        )
        return config

    def _preview_with_errors(self, corpus: Corpus, message: str) -> Corpus:
        """The preview starts (or goes on) with broken content: it shows the German error list
        in the browser for every page until the files are fixed, then the site again. Nothing
        of the content is built meanwhile, so no broken entry reaches a page."""
        log.error(message)
        log.error(PREVIEW_SHOWS_ERRORS)
        self.content_errors = message
        return dataclasses.replace(corpus, entries=[], problems=[])

    def _choose_edition(self, config: MkDocsConfig) -> None:
        """Which edition this build is; the internal one is marked on every page (template),
        gets an "Intern" section in the navigation and asks robots to stay away."""
        try:
            self.edition = choose_edition(self.config.edition)
        except EditionError as exc:
            raise PluginError(str(exc)) from None
        if self.edition == INTERNAL and self.command == "gh-deploy":
            raise PluginError(
                "Die interne Ausgabe wird nie auf GitHub Pages veröffentlicht: Dort kann sie jeder "
                "lesen. Wie sie geschützt veröffentlicht wird: docs/betrieb/interne-ausgabe.md"
            )
        pages, problems = internal_pages(Path(config.docs_dir))
        if problems:
            raise PluginError(
                "Seiten in docs/ haben eine falsche Sichtbarkeit:\n" + format_text(problems)
            )
        self.internal_pages = pages
        hidden = frozenset(p.src_uri for p in pages) if self.edition != INTERNAL else frozenset()
        leave_out_in_log(hidden)
        config.extra["praxis_edition"] = self.edition
        if self.edition == INTERNAL and config.nav is not None:
            internal = [f"{t.url_path}/index.md" for t in CONTENT_TYPES if t.internal]
            config.nav.append({"Intern": internal + [p.src_uri for p in pages]})
        log.info(f"praxis: Ausgabe „{self.edition}“")

    def _drop_internal_pages(self, files: Files, config: MkDocsConfig) -> None:
        """The public edition does not even read the docs/ pages marked `visibility: intern`,
        nor the files only they link to (`editions.internal_only_files`)."""
        attached = internal_only_files(Path(config.docs_dir), self.internal_pages)
        for uri in [page.src_uri for page in self.internal_pages] + attached:
            file = files.get_file_from_path(uri)
            if file is not None:
                files.remove(file)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.edition != INTERNAL:
            self._drop_internal_pages(files, config)
        else:
            files.append(File.generated(config, "robots.txt", content=ROBOTS_INTERNAL))
        if self.serving:  # the preview's live reload, as a file the policy allows
            files.append(File.generated(config, LIVERELOAD_URI, content=LIVERELOAD_JS))
        if self.corpus is not None and self.index is not None:
            derived, self.derived = self.derived, None
            texts = derived.get() if derived is not None else self._derived_texts(config)
            for uri, text in texts.items():
                files.append(File.generated(config, uri, content=text))
            files.append(self._data_page(config))
            # Contributor guide pages, JSON Schemas and the editor at /redaktion/, generated from
            # the field table.
            try:
                editor = EditorSettings.from_extra(config.extra.get("editor"))
                generated = self._site_files(editor, config.site_url or "")
            except (EditorSettingsError, EditorBundleMissing) as exc:
                raise PluginError(str(exc)) from None
            for uri, text in generated.items():
                if files.get_file_from_path(uri) is not None:
                    raise PluginError(f"docs/{uri} wird erzeugt; entfernen Sie die Datei.")
                page_level = InclusionLevel.NOT_IN_NAV  # reached from mitwirken/index.md
                level = page_level if uri.endswith(".md") else InclusionLevel.INCLUDED
                files.append(File.generated(config, uri, content=text, inclusion=level))
        linked = unsafe_links(Path(config.docs_dir), [f.src_uri for f in files])
        if linked:
            raise PluginError(
                "Symbolische Links in docs/ werden nicht veröffentlicht, weil "
                "MkDocs ihr Ziel in die Seite kopieren würde:\n" + "\n".join(linked)
            )
        if self.memo is not None:
            self.memo.begin(config, files)
        for uri, page in self.pages.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"docs/{uri} überschneidet sich mit einer erzeugten Seite. "
                    "Benennen Sie die Datei in docs/ um."
                )
            # Generated pages are reached through overviews and lists; mkdocs.yml's nav may
            # still name some of them. Drafts are shown by `mkdocs serve` only.
            inclusion = InclusionLevel.DRAFT if page.draft else InclusionLevel.NOT_IN_NAV
            # MkDocs never sees an entry's body: it would read a first line `Wort: Text` as
            # metadata. Bodies are rendered by the core (see on_page_context).
            content = "" if page.entry is not None else page.markdown
            if self.memo is not None:
                files.append(self.memo.file(config, page, inclusion, content))
            else:
                files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        clashes = output_clashes((f.src_uri, f.dest_uri) for f in files)
        if clashes:
            raise PluginError(
                "Mehrere Seiten würden dieselbe Datei schreiben; eine ersetzte die andere:\n"
                + "\n".join(clashes)
            )
        self.progress = Progress(len(files.documentation_pages()), log.info)
        return files

    def _site_files(self, editor: EditorSettings, site_url: str) -> dict[str, str | bytes]:
        """The guide, the schemas and the editor; the preview keeps them while no vocabulary
        file changed (they come from the vocabularies and the code, about 0.3 s a build)."""
        assert self.corpus is not None
        internal = self.edition == INTERNAL
        if self.entry_cache is None:
            return site_files(self.corpus.vocabularies, editor, site_url, internal)
        key = (self.entry_cache.vocabulary_stamps, editor, site_url, internal)
        if self.site_files_memo is None or self.site_files_memo[0] != key:
            files = site_files(self.corpus.vocabularies, editor, site_url, internal)
            self.site_files_memo = (key, files)
        return self.site_files_memo[1]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.shared.begin(page.url for page in nav.pages)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals[FUNCTION] = self.shared
        env.globals[FILL_NAME] = FILL
        env.filters["url"] = self.shared.url_filter(env.filters["url"])
        return env

    def _start_workers(self, config: MkDocsConfig) -> None:
        """The entries are read: start the search index and the rendering of entry bodies.

        In a parallel build the search documents are the workers' first task and the bodies
        follow, so that Pagefind runs while MkDocs plans, reads and writes the pages; without
        workers the documents are made here and Pagefind is started at once. The preview's
        first build has its index at once; later ones get it after the build."""
        assert self.corpus is not None
        with_index = self.preview_search is None or not self.preview_built
        bodies = [(e.id, e.body) for e in self.corpus.entries if not e.draft]
        if (
            self.config.parallel
            and self.workers > 1
            and len(bodies) >= self.config.parallel_min_entries
            and can_render_in_parallel()
        ):
            _FORKED.update(plugin=self, config=config)
            try:
                self.bodies = ParallelBodies(self.workers)
            finally:
                _FORKED.clear()
            log.info(f"praxis: Haupttexte werden in {self.workers} Prozessen umgewandelt")
        pool = self.bodies.pool if self.bodies is not None else None
        if with_index:
            self.search = self._start_search(config, Path(config.site_dir), pool)
        self.search_deferred = not with_index
        if pool is not None and self.ics_memo is None:  # the preview keeps its calendars
            # The second worker makes them while this process plans the pages (2 s at 5,000).
            self.derived = pool.apply_async(_derived_in_worker)
        if self.bodies is not None:
            self.bodies.submit(bodies)
            leaks_possible = self.internal_pages or any(map(is_internal, self.all_entries))
            if self.edition != INTERNAL and leaks_possible:
                # After the bodies: the canaries read all public text (2 s at 5,000 entries).
                self.pending_canaries = self.bodies.pool.apply_async(_canaries_in_worker)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.progress is not None:
            self.progress.step()
        return output

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None and page.file.src_uri == HOME_URI:  # the start page is the hub
            page.meta["template"] = "home.html"
            page.meta["hide"] = ["navigation", "toc"]
        if spec is None:  # a hand-written page
            operator = config.extra.get("operator") or {}
            filled, missing = fill_placeholders(markdown, operator)
            self.missing_operator.update(missing)
            return filled
        page.meta["title"] = escape(spec.title)
        page.meta["template"] = TEMPLATES[spec.kind]
        if spec.kind == "finder":  # facets and results need the width of the page
            page.meta["hide"] = ["navigation", "toc"]
        if spec.entry is not None:
            page.meta["description"] = escape(spec.entry.summary)
            page.render = _RenderedByCore(page)  # type: ignore[method-assign]
            return ""  # rendered by the core; see on_page_context
        return markdown

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        context[NAV_KEY] = self.shared.key(page.url)
        if self.search is not None and self.search.pending is None:
            self.search.poll()
            if self.search.pending is not None:
                seconds = time.perf_counter() - self.search_started
                log.debug(f"praxis: Suchdokumente nach {seconds:.1f} s geschrieben, Pagefind läuft")
        spec = self.pages.get(page.file.src_uri)
        if spec is None and page.file.src_uri == HOME_URI and self.renderer is not None:
            context["praxis"] = {"kind": "home", **self.renderer.home()}
        if spec is not None:
            if spec.entry is not None:
                # Fetched this late so the workers render while this process writes pages;
                # MkDocs reads every page before it writes the first one.
                body = self._body(spec.entry)
                page.content = body.html  # sanitised by the renderer
                page.toc = get_toc(body.toc_tokens)
                # MkDocs checks the links to anchors once every page is written.
                page.present_anchor_ids = set(body.anchors)
                if body.anchor_links:
                    page.links_to_anchors = {page.file: body.anchor_links}
            context["praxis"] = {"kind": spec.kind, **spec.data}
            if spec.entry is not None:
                context["praxis"]["title_html"] = Markup(escape(spec.entry.title))
                if not spec.entry.draft and self.corpus is not None:
                    url = page.canonical_url or ""
                    data = json_ld(spec.entry, url, self.corpus.vocabularies)
                    context["praxis"]["jsonld"] = Markup(safe_json(data))
        return context

    def _body(self, entry: Entry) -> RenderedBody:
        body = self.bodies.get(entry.id) if self.bodies is not None else render_body(entry.body)
        if body.violations:
            # The check renders such bodies too; reaching this means check and build disagree.
            lines = [
                f"{entry.path}:{violation_line(entry.body, entry.body_line, v.needle)}: "
                f"Fehler: {v.message}"
                for v in body.violations
            ]
            raise PluginError("Der Haupttext enthält Unerlaubtes:\n" + "\n".join(lines))
        return body

    def _publishing(self) -> bool:
        return bool(self.config.publish) or os.environ.get("PRAXIS_PUBLISH", "") not in ("", "0")

    def _stop_workers(self) -> None:
        if self.bodies is not None:
            self.bodies.close()
            self.bodies = None
        if self.search is not None:  # a failed build; its documents may be made by a worker
            self.search.cancel()
            self.search = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers()
        strict = strict_abort(str(error)) if isinstance(error, Abort) else None
        if strict is not None:
            raise Abort(strict) from error
        if isinstance(error, PluginError):
            # MkDocs would log this message and end with its English "Aborted with a
            # BuildError!", the last line an editor reads. The message is logged here and the
            # build ends with a German line instead (still an `Abort`: exit status 1).
            log.error(str(error))
            raise Abort(BUILD_FAILED) from error

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        search, self.search = self.search, None
        try:
            if search is not None:  # Pagefind must be running before the workers stop
                search.poll(wait=True)
            pending, self.pending_canaries = self.pending_canaries, None
            self.canaries = pending.get() if pending is not None else None
            self._stop_workers()
            if self.memo is not None:
                self.memo.commit()
            self._operator_details()
            # Pagefind indexes while the pages are checked; its bundle is not part of the checks.
            self._check_output(config)
        except BaseException as error:
            self._stop_workers()
            if search is not None:
                search.cancel()
            if isinstance(error, SearchIndexError):
                raise PluginError(str(error)) from error
            raise
        if search is not None:
            self._finish_search(search)
            self._audit_leaks(config)
        elif self.preview_search is not None and self.search_deferred and self.index is not None:
            documents = self._search_documents(config)
            self.preview_search.start(documents, self.index.taxonomies, Path(config.site_dir))
        self.search_deferred = False
        if self.content_errors is None:
            self.preview_built = True

    def _operator_details(self) -> None:
        """A build for publishing stops on missing operator details; a preview says so."""
        if self.missing_operator and self._publishing():
            missing = "\n".join(f"  - {name}" for name in sorted(self.missing_operator))
            raise PluginError(
                "Für die Veröffentlichung fehlen Angaben zum Betreiber. Tragen Sie sie in "
                "mkdocs.yml unter extra.operator ein; eine Vorschau baut `make site`:\n" + missing
            )
        if self.missing_operator:
            log.info(
                f"praxis: {len(self.missing_operator)} Betreiberangaben fehlen noch "
                "(extra.operator in mkdocs.yml); die Seiten zeigen „Angabe fehlt“."
            )

    def _check_output(self, config: MkDocsConfig) -> None:
        # The last line of defence, always on (`audit: false` does not switch it off): no page
        # may run inline script or load anything from another host, whoever wrote it.
        workers = self.workers if self.config.parallel else 1
        # A dirty preview build checks the files it wrote (a second early for coarse clocks).
        since = self.build_started - 1 if self.memo is not None and self.preview_built else None
        violations = check_site(
            Path(config.site_dir), site_url=config.site_url, workers=workers, since=since
        )
        if violations:
            raise PluginError(
                "Die gebaute Seite verstößt gegen die Ausgaberegeln (docs/betrieb/sicherheit.md) "
                "und wird nicht veröffentlicht:\n" + format_text(violations)
            )
        if not self.config.audit or self.corpus is None or self.index is None:
            return
        if self.memo is not None and self.preview_built:
            # A dirty preview rebuild writes a few pages; the first build of the preview and
            # every `mkdocs build` audit the whole site.
            return
        problems = audit_site(
            Path(config.site_dir),
            self.corpus.entries,
            self.index.taxonomies,
            list(self.pages.values()),
        )
        if problems:
            raise PluginError("Die gebaute Seite ist unvollständig:\n" + format_text(problems))
        log.info(f"praxis: Ausgabe geprüft, alle {len(self.corpus.published)} Einträge vorhanden")

    def _canaries(self, config: MkDocsConfig) -> list[Canary]:
        """What the leak audit looks for (praxis.leak_audit.canaries)."""
        assert self.corpus is not None
        internal = [e for e in self.all_entries if is_internal(e)]
        public = [e for e in self.all_entries if not is_internal(e)]
        docs = Path(config.docs_dir)
        shown = public_texts(
            self.corpus.vocabularies, docs, (p.src_uri for p in self.internal_pages)
        )
        places = self.renderer.municipalities if self.renderer is not None else []
        own = [m.path for m in places if m.profile is None]  # generated municipality pages
        return canaries(internal, public, self.internal_pages, docs.name, shown, own)

    def _audit_leaks(self, config: MkDocsConfig) -> None:
        """The public edition's last check, once the search index is written: nothing of an
        internal entry or page anywhere in the output (praxis.leak_audit). Every `mkdocs build`
        runs it; a preview's later rebuilds, whose index comes afterwards, do not."""
        if self.edition == INTERNAL:
            return
        internal = [e for e in self.all_entries if is_internal(e)]
        found = self.canaries if self.canaries is not None else self._canaries(config)
        workers = self.workers if self.config.parallel else 1
        problems = audit_leaks(Path(config.site_dir), found, workers)
        if problems:
            raise PluginError(
                "Interne Inhalte stehen in der öffentlichen Ausgabe; sie wird nicht "
                "veröffentlicht (docs/betrieb/interne-ausgabe.md):\n" + format_text(problems)
            )
        if internal or self.internal_pages:
            log.info(
                f"praxis: öffentliche Ausgabe geprüft, nichts von {len(internal)} internen "
                f"Einträgen und {len(self.internal_pages)} internen Seiten gefunden"
            )

    def _search_documents(self, config: MkDocsConfig) -> list[SearchDocument]:
        assert self.corpus is not None and self.index is not None and self.renderer is not None
        taxonomies = self.index.taxonomies
        documents = [
            entry_document(entry, taxonomies, self.renderer.fact_texts(entry))
            for entry in self.corpus.published
        ]
        operator = config.extra.get("operator") or {}
        documents.extend(page_document(p) for p in self._searchable_pages(config, operator))
        return documents

    def _start_search(
        self, config: MkDocsConfig, site_dir: Path, pool: Pool | None
    ) -> BackgroundIndex:
        assert self.index is not None
        self.search_started = time.perf_counter()
        documents = self._search_documents(config)
        try:
            return BackgroundIndex(documents, self.index.taxonomies, site_dir, pool)
        except SearchIndexError as error:
            raise PluginError(str(error)) from error

    def _searchable_pages(
        self, config: MkDocsConfig, operator: dict[str, Any]
    ) -> Iterator[PageText]:
        """Hand-written public pages (docs/) and the open-data page, from their Markdown. Lists,
        term and overview pages repeat entries' summaries: search leads to the entries
        themselves. The guide and the operations pages are not public search results."""
        pages = [*get_files(config).documentation_pages(), self._data_page(config)]
        hidden = {p.src_uri for p in self.internal_pages} if self.edition != INTERNAL else set()
        for file in pages:
            if file.src_uri.startswith(SEARCH_EXCLUDED_FOLDERS) or file.inclusion.is_excluded():
                continue
            if file.src_uri in hidden:
                continue
            markdown, meta = get_data(file.content_string)
            markdown, _ = fill_placeholders(markdown, operator)
            title = str(meta.get("title") or get_markdown_title(markdown) or file.name)
            yield PageText(file.url.removeprefix("./"), title, markdown)  # the start page: ""

    def _finish_search(self, search: BackgroundIndex) -> None:
        try:
            run = search.finish()
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
        seconds = f"{time.perf_counter() - self.search_started:.1f}".replace(".", ",")
        log.info(
            f"praxis: Suchindex gebaut ({search.count} Dokumente in {seconds} s, zugleich mit "
            f"dem Schreiben und Prüfen der Seiten; {run.text()})"
        )

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        use_external_livereload(server, lambda: self.content_errors)
        root = Path(config.config_file_path).parent / self.config.content_root
        for folder in ("practices", "content"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def _derived_in_worker() -> dict[str, str]:
    """In a forked worker: the derived files of the build that forked it."""
    plugin, config = _FORKED["plugin"], _FORKED["config"]
    return plugin._derived_texts(config)


def _canaries_in_worker() -> list[Canary]:
    """In a forked worker: the leak audit's canaries of the build that forked it."""
    plugin, config = _FORKED["plugin"], _FORKED["config"]
    return plugin._canaries(config)
