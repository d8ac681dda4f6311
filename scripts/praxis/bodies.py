"""Render entry bodies (Markdown → sanitised HTML, table of contents, anchors) in worker processes.

A site build renders every entry body once, one after another, while the machine has a core
to spare. Entry bodies are independent and contain no relative links (the validator allows only
full addresses and same-page anchors), so Python-Markdown alone produces exactly what the
site generator would; a test compares both. Plain Python: the renderer passes the results on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from .sanitize import sanitize_html

WORKER_NICENESS = 10
CHUNK = 40  # entries per task: small enough that the first pages are ready early
_STATE: dict[str, Any] = {}


class RenderedBody(NamedTuple):
    html: str  # sanitised
    toc_tokens: list[dict[str, Any]]
    anchors: list[str]  # every id and <a name> a link may point to, as MkDocs collects them
    anchor_links: dict[str, str]  # same-page links: anchor → link as written ("#ziele")


class _AnchorCollector(Treeprocessor):
    """Collects what MkDocs' anchor check needs: a body's anchors and its links to them.

    MkDocs gathers both while it renders a page; a body rendered in a worker must bring them
    along, or `--strict` would miss a broken `[…](#abschnitt)` that a serial build reports.
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


def markdown_renderer(extensions: Sequence[Any], configs: dict[str, Any]) -> markdown.Markdown:
    md = markdown.Markdown(extensions=list(extensions), extension_configs=configs)
    # Priority 5 and registered last: runs right after the table of contents sets heading ids.
    md.treeprocessors.register(_AnchorCollector(md), "praxis_anchors", 5)
    return md


def render_body(md: markdown.Markdown, text: str) -> RenderedBody:
    md.reset()
    collector = md.treeprocessors["praxis_anchors"]
    collector.clear()  # convert() skips the tree entirely for a blank text
    html = sanitize_html(md.convert(text))
    toc_tokens = list(getattr(md, "toc_tokens", []))
    return RenderedBody(html, toc_tokens, collector.anchors, collector.anchor_links)


def _render_chunk(chunk: Sequence[tuple[str, str]]) -> list[tuple[str, RenderedBody]]:
    md = _STATE.get("md")
    if md is None:  # one Markdown instance per worker, reset between bodies
        md = _STATE["md"] = markdown_renderer(_STATE["extensions"], _STATE["configs"])
    return [(entry_id, render_body(md, text)) for entry_id, text in chunk]


def _yield_cpu() -> None:
    # The process writing pages is the critical path of a build. At equal priority, two workers
    # and that process share two cores and it gets two thirds of one (5,000 entries: 18-19 s);
    # at a lower priority the workers take only the cycles it leaves (16 s).
    # A sandbox may forbid it; a worker failing here would be restarted by the pool forever.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


class ParallelBodies:
    """Starts rendering at once; `get` hands out results in the order they were submitted."""

    def __init__(
        self,
        bodies: Sequence[tuple[str, str]],
        extensions: Sequence[Any],
        extension_configs: dict[str, Any],
        workers: int,
    ) -> None:
        _STATE.clear()
        _STATE.update(extensions=list(extensions), configs=dict(extension_configs))
        chunks = [bodies[i : i + CHUNK] for i in range(0, len(bodies), CHUNK)]
        self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_yield_cpu)
        self._results: Iterator[list[tuple[str, RenderedBody]]] = self._pool.imap(
            _render_chunk, chunks
        )
        self._ready: dict[str, RenderedBody] = {}

    def get(self, entry_id: str) -> RenderedBody:
        while entry_id not in self._ready:
            try:
                chunk = next(self._results)
            except StopIteration:
                raise KeyError(entry_id) from None
            self._ready.update(chunk)
        return self._ready.pop(entry_id)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def can_render_in_parallel() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
