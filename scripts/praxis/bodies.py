"""Render entry bodies: Markdown → sanitised HTML, table of contents, anchors, violations.

One renderer for every body, in the check and in the build, in one process or in many: the
dialect comes from `dialect.py`, not from the site configuration, so the same body always gives
the same HTML. A policy step walks the finished tree and records whatever entries may not
contain; the check reports it with a line, the build refuses it. A site build renders bodies in
worker processes while the machine has a core to spare. Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from .characters import hidden_character
from .dialect import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ENTITY,
    ENTRY_EXTENSION_CONFIGS,
    ENTRY_EXTENSIONS,
    FOOTNOTE_ID,
    MAX_NESTING,
    RESERVED_IDS,
    RESERVED_PREFIXES,
    class_allowed,
    id_problem,
)
from .links import link_target_problem
from .pools import can_fork, forked_pool
from .sanitize import sanitize_html

WORKER_NICENESS = 10
CHUNK = 40  # entries per task: small enough that the first pages are ready early


class Violation(NamedTuple):
    """Something in a rendered body that entries may not contain; `needle` helps find its line."""

    message: str
    needle: str = ""


class RenderedBody(NamedTuple):
    html: str  # sanitised
    toc_tokens: list[dict[str, Any]]
    anchors: list[str]  # every id and <a name> a link may point to, as MkDocs collects them
    anchor_links: dict[str, str]  # same-page links: anchor → link as written ("#ziele")
    violations: tuple[Violation, ...] = ()


def safe_slugify(value: str, separator: str) -> str:
    """Heading ids as the table of contents makes them, never one the page already uses
    (a body heading „Steckbrief“ would otherwise repeat the fact box's id)."""
    slug = toc_slugify(value, separator)
    if slug.lower() in RESERVED_IDS or slug.lower().startswith(RESERVED_PREFIXES):
        return f"abschnitt{separator}{slug.strip('_')}"
    return slug


class _Contents(TocTreeprocessor):
    """The table-of-contents step without the HTML list it also writes, which nothing reads:
    the page's contents come from its tokens (8 % of a body's rendering at 5,000 entries).
    A body that asks for the list in its text with `[TOC]` still gets it."""

    def run(self, doc: Element) -> None:
        self._list_wanted = bool(self.marker) and any(  # as `replace_marker` looks for it
            (c.text or "").strip() == self.marker and len(c) == 0 for _, c in self.iterparent(doc)
        )
        super().run(doc)

    def build_toc_div(self, toc_list: list[dict[str, Any]]) -> Element:
        if self._list_wanted:
            return super().build_toc_div(toc_list)
        return Element("div")


class _ContentsExtension(TocExtension):
    TreeProcessorClass = _Contents


# Every inline pattern of the dialect needs one of these to match: code (`), an escape (\\),
# links, images and footnotes ([), tags and autolinks (<), references (&), emphasis (* _) and
# a hard line break (two spaces at a line's end).
INLINE_PATTERNS = frozenset(
    {
        "backtick", "escape", "footnote", "reference", "link", "image_link", "image_reference",
        "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html",
        "entity", "em_strong",
    }
)  # fmt: skip
INLINE_TRIGGER = re.compile(r"[`\\\[<&*_]|  \n")


class _PlainTextFirst(InlineProcessor):
    """Python-Markdown tries each of its 15 inline patterns on every piece of text, a third of
    a body's rendering. Text without any character a pattern needs is returned as it is, as
    the patterns would (most of a body's sentences)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, AtomicString) and INLINE_TRIGGER.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


class _AnchorCollector(Treeprocessor):
    """Collects what MkDocs' anchor check needs: a body's anchors and its links to them.

    MkDocs gathers both while it renders a page; a body rendered here must bring them along, or
    `--strict` would miss a broken `[…](#abschnitt)`.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.clear()

    def clear(self) -> None:
        self.anchors: list[str] = []
        self.anchor_links: dict[str, str] = {}

    def run(self, root: Element) -> None:
        for element in root.iter():
            if anchor := element.get("id"):
                self.anchors.append(anchor)
            if element.tag == "a":
                if anchor := element.get("name"):
                    self.anchors.append(anchor)
                href = element.get("href", "")
                parts = urlsplit(href)
                if parts.fragment and not (parts.scheme or parts.netloc or parts.path):
                    self.anchor_links.setdefault(parts.fragment, href)


class _Policy(Treeprocessor):
    """Walks the finished tree and records everything an entry body may not contain."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.violations: list[Violation] = []

    def run(self, root: Element) -> None:
        seen_ids: set[str] = set()
        for element in root.iter():
            self.violations.extend(_element_violations(element, seen_ids))
        for raw in self.md.htmlStash.rawHtmlBlocks:
            text = str(raw)
            if ENTITY.fullmatch(text):
                code = hidden_character(html.unescape(text))
                if code:
                    self.violations.append(
                        Violation(
                            f"`{text}` schreibt ein unsichtbares Steuerzeichen ({code}). "
                            "Löschen Sie die Zeichenreferenz.",
                            text,
                        )
                    )
            else:
                self.violations.append(
                    Violation(
                        "HTML ist im Haupttext nicht erlaubt. Verwenden Sie Markdown.",
                        text.strip().split("\n", 1)[0][:40],
                    )
                )


def _element_violations(element: Element, seen_ids: set[str]) -> Iterator[Violation]:
    tag = element.tag
    if not isinstance(tag, str) or tag not in ALLOWED_TAGS:
        if tag == "img":
            source = element.get("src", "")
            yield Violation(
                "Bilder sind im Haupttext nicht möglich: Bilder von fremden Webseiten verraten "
                "die Besucher:innen an diese Seiten. Verlinken Sie das Bild stattdessen.",
                source,
            )
        else:
            yield Violation(f"Das Element `{tag}` ist im Haupttext nicht erlaubt.", f"<{tag}")
        return
    allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
    for name, value in element.attrib.items():
        if name == "id":
            problem = None if _generated_id(element, value) else id_problem(value)
            if problem:
                yield Violation(problem, value)
            elif value in seen_ids:
                yield Violation(
                    f"Der Anker `{value}` kommt im Text mehrfach vor. Jeder Anker darf nur "
                    "einmal vergeben werden.",
                    value,
                )
            seen_ids.add(value)
        elif name == "class":
            extra = [c for c in value.split() if not class_allowed(tag, c)]
            if extra:
                yield Violation(
                    f"Die Klasse `{extra[0]}` ist im Haupttext nicht erlaubt. Attributlisten "
                    "sind nur als Anker an Überschriften möglich: `## Titel {#anker}`.",
                    extra[0],
                )
        elif name not in allowed:
            yield Violation(
                f"Das Attribut `{name}` ist im Haupttext nicht erlaubt. Attributlisten sind nur "
                "als Anker an Überschriften möglich: `## Titel {#anker}`.",
                name,
            )
        elif name == "href":
            problem = link_target_problem(value)
            if problem:
                yield Violation(f"Link `{value}`: {problem}", value)
        elif name == "start" and not value.isdigit():
            yield Violation("Die Nummerierung einer Liste muss eine Zahl sein.", value)
        elif name == "align" and value not in ("left", "right", "center"):
            yield Violation("Die Ausrichtung einer Tabellenspalte ist ungültig.", value)


def _generated_id(element: Element, value: str) -> bool:
    """Footnote ids come from the footnotes extension (`fn:1`, `fnref:1`, `fnref2:1`)."""
    return element.tag in ("li", "sup", "a") and FOOTNOTE_ID.fullmatch(value) is not None


class BodyRenderer:
    """Entry Markdown → sanitised HTML with its table of contents, anchors and violations.

    One instance per process; it is reset between bodies.
    """

    def __init__(self) -> None:
        self._build()

    def _build(self) -> None:
        contents = _ContentsExtension(**ENTRY_EXTENSION_CONFIGS["toc"], slugify=safe_slugify)
        self.md = markdown.Markdown(
            extensions=[contents if name == "toc" else name for name in ENTRY_EXTENSIONS],
            extension_configs={k: v for k, v in ENTRY_EXTENSION_CONFIGS.items() if k != "toc"},
        )
        if {item.name for item in self.md.inlinePatterns._priority} == INLINE_PATTERNS:
            # Only while the patterns are those the trigger was written for (a Markdown
            # release may add one): then plain text is left alone.
            self.md.treeprocessors.register(_PlainTextFirst(self.md), "inline", 20)
        self._policy = _Policy(self.md)
        self._anchors = _AnchorCollector(self.md)
        # After attribute lists (8), before the table of contents (5): every id then present
        # was set by an editor (or the footnotes); the contents add only ids made from heading
        # text, unique among them.
        self.md.treeprocessors.register(self._policy, "praxis_policy", 6)
        self.md.treeprocessors.register(self._anchors, "praxis_anchors", 3)

    def render(self, text: str) -> RenderedBody:
        self.md.reset()
        self._anchors.clear()  # convert() skips the tree entirely for a blank text
        self._policy.violations = []
        try:
            converted = self.md.convert(text)
        except RecursionError:
            self._build()  # the parser's state stack is left half-full: start afresh
            return _failed(
                f"Der Text ist zu tief verschachtelt. Listen, Zitate und Hinweiskästen dürfen "
                f"höchstens {MAX_NESTING} Ebenen tief ineinander stehen."
            )
        except Exception as exc:  # a Markdown extension failing on odd input
            self._build()
            return _failed(
                "Der Haupttext lässt sich nicht umwandeln (Python-Markdown meldet "
                f"„{type(exc).__name__}“). Vereinfachen Sie die Formatierung."
            )
        return RenderedBody(
            sanitize_html(converted),
            list(getattr(self.md, "toc_tokens", [])),
            self._anchors.anchors,
            self._anchors.anchor_links,
            (*self._policy.violations, *_missing_anchors(self._anchors)),
        )


def _missing_anchors(collector: _AnchorCollector) -> list[Violation]:
    """Links to sections the body does not have: MkDocs' strict build refuses them."""
    present = set(collector.anchors)
    missing = []
    for fragment, written in collector.anchor_links.items():
        if fragment in present:
            continue
        if fragment.startswith("fnref"):
            label = fragment.split(":", 1)[-1]
            missing.append(
                Violation(
                    f"Die Fußnote `[^{label}]` wird im Text nirgends verwendet. Setzen Sie "
                    f"`[^{label}]` an die passende Stelle oder löschen Sie die Fußnote.",
                    f"[^{label}]:",
                )
            )
        else:
            missing.append(
                Violation(
                    f"Der Link `{written}` zeigt auf keinen Abschnitt dieses Eintrags. Anker "
                    "entstehen aus Überschriften (`## Ziele` → `#ziele`) oder aus `{#anker}`.",
                    written,
                )
            )
    return missing


def _failed(message: str) -> RenderedBody:
    return RenderedBody("", [], [], {}, (Violation(message),))


_RENDERER: dict[int, BodyRenderer] = {}


def render_body(text: str) -> RenderedBody:
    """Render one body with this process's renderer (created on first use)."""
    renderer = _RENDERER.get(os.getpid())
    if renderer is None:
        _RENDERER.clear()
        renderer = _RENDERER[os.getpid()] = BodyRenderer()
    return renderer.render(text)


def violation_line(text: str, first_line: int, needle: str) -> int:
    """The body line where a violation's text appears, or the body's first line."""
    if needle:
        position = text.find(needle)
        if position >= 0:
            return first_line + text.count("\n", 0, position)
    return first_line


def _render_chunk(chunk: Sequence[tuple[str, str]]) -> list[tuple[str, RenderedBody]]:
    _yield_cpu()
    return [(entry_id, render_body(text)) for entry_id, text in chunk]


_YIELDED: list[bool] = []  # in a worker: whether it lowered its priority already


def _start_worker() -> None:
    _YIELDED.clear()


def _yield_cpu() -> None:
    """Lower a worker's priority once it renders bodies.

    The process writing pages is the critical path of a build. At equal priority, two workers
    and that process share two cores and it gets two thirds of one (5,000 entries: 18-19 s);
    at a lower priority the workers take only the cycles it leaves (16 s). Work queued ahead
    of the bodies, the search documents, is on the other critical path (Pagefind runs on
    them): it keeps the build's priority (at 5,000 entries Pagefind starts 7 s earlier)."""
    if _YIELDED:
        return
    _YIELDED.append(True)
    # A sandbox may forbid it; the worker then renders at the build's priority.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


class ParallelBodies:
    """Renders bodies in worker processes; `get` hands out results as they come, in the order
    they were submitted.

    Other work of the build may go to the same workers (`pool`) ahead of or between parts
    of the bodies: the build queues the search documents first, so that the index is built
    while MkDocs writes the pages."""

    def __init__(self, workers: int) -> None:
        self._pool = forked_pool(workers, initializer=_start_worker)
        self._results: list[Iterator[list[tuple[str, RenderedBody]]]] = []
        self._ready: dict[str, RenderedBody] = {}

    @property
    def pool(self) -> multiprocessing.pool.Pool:
        return self._pool

    def submit(self, bodies: Sequence[tuple[str, str]]) -> None:
        """Queue (entry id, Markdown) pairs behind everything queued so far."""
        chunks = [bodies[i : i + CHUNK] for i in range(0, len(bodies), CHUNK)]
        self._results.append(self._pool.imap(_render_chunk, chunks))

    def get(self, entry_id: str) -> RenderedBody:
        while entry_id not in self._ready:
            if not self._results:
                raise KeyError(entry_id)
            try:
                chunk = next(self._results[0])
            except StopIteration:
                self._results.pop(0)
                continue
            self._ready.update(chunk)
        return self._ready.pop(entry_id)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def can_render_in_parallel() -> bool:
    return can_fork()
