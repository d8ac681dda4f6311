"""Build the search index with Pagefind from the search documents.

Pagefind was chosen by measurement (docs/betrieb/suche.md): German stemming, ä/ae/a matching,
and an index split into chunks that the browser fetches by the words typed, so no page
downloads the whole index. It runs as its own program on a folder of small documents, which is
much faster than handing it every finished page, and writes straight into the site.

Facets and sorting are not Pagefind's: after it ran, the table of every document
(`suche/eintraege.json`) gets each document's Pagefind id, read from its fragment, so the
finder can look up a search result's facet values without a second search.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .search_documents import SearchCorpus, SearchDocument, search_corpus

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from .taxonomy import Taxonomy

BUNDLE = "pagefind"
WORD_LIST = "suche/woerter.json"
WORD_SHARDS = "suche/woerter"  # <first two letters>.json
TERMS = "suche/begriffe.json"
TABLE = "suche/eintraege.json"
FRAGMENT_SIGNATURE = b"pagefind_dcd"
# Only the engine is served; Pagefind's own user interfaces are not used.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """The index could not be built; the message is German, for the build log."""


@dataclass(frozen=True)
class IndexerRun:
    """Pagefind's processor time (user and system) and peak memory; None where the system
    does not say."""

    cpu_seconds: float | None
    peak_mb: float | None

    def text(self) -> str:
        """German, for the build log: "Pagefind 9,8 s Rechenzeit, 610 MB"."""
        if self.cpu_seconds is None:
            return "Pagefind"
        seconds = f"{self.cpu_seconds:.1f}".replace(".", ",")
        memory = f", {self.peak_mb:.0f} MB" if self.peak_mb is not None else ""
        return f"Pagefind {seconds} s Rechenzeit{memory}"


# The documents are written, read once by Pagefind and deleted: in memory (Linux's /dev/shm)
# that takes 0.8 s at 5,000 documents, on this machine's disk 4.7 s. Used only when it has
# ample room (a container may give it 64 MB); otherwise the system's temporary folder.
MEMORY_FOLDER = Path("/dev/shm")
ROOM_PER_DOCUMENT = 32 * 1024  # a document takes 4-12 KB there; twice that left free


def scratch_folder(documents: int, prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for `documents` search documents, in memory when there is room."""
    parent = None
    try:
        stats = os.statvfs(MEMORY_FOLDER)
        room = stats.f_bavail * stats.f_frsize
        if room >= documents * ROOM_PER_DOCUMENT and os.access(MEMORY_FOLDER, os.W_OK):
            parent = str(MEMORY_FOLDER)
    except (OSError, AttributeError):  # no such folder, or not a POSIX system
        pass
    return tempfile.TemporaryDirectory(prefix=prefix, dir=parent)


def write_documents(corpus: SearchCorpus, folder: Path) -> None:
    for url, text in corpus.documents.items():
        target = folder / url / "index.html" if url.endswith("/") or not url else folder / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def build_search_index(corpus: SearchCorpus, site_dir: Path) -> IndexerRun:
    """Write the Pagefind bundle to `site_dir/pagefind/`, the word lists and the finder's
    table beside it in `site_dir/suche/`; returns how Pagefind ran."""
    return start_search_index(corpus, site_dir).finish()


def start_search_index(corpus: SearchCorpus, site_dir: Path) -> PendingIndex:
    """Write the documents and start Pagefind on them; `finish()` waits for it and writes the
    rest. The build checks its pages meanwhile."""
    folder = scratch_folder(len(corpus.documents), "praxis-suche-")
    try:
        write_documents(corpus, Path(folder.name) / DOCUMENTS)
    except BaseException:
        folder.cleanup()
        raise
    return launch(corpus, len(corpus.documents), site_dir, folder)


DOCUMENTS = "dokumente"
# Pagefind runs beside the process that writes the pages, the build's critical path: at a
# lower priority it takes the cycles that process leaves.
INDEXER_NICENESS = 10
_NICE_START = (
    "import os, runpy, sys\n"
    "if hasattr(os, 'nice'):\n"
    "    try: os.nice(int(sys.argv.pop(1)))\n"
    "    except OSError: pass\n"
    "else: sys.argv.pop(1)\n"
    "sys.argv[0] = 'pagefind'\n"
    "runpy.run_module('pagefind', run_name='__main__')\n"
)


def launch(
    corpus: SearchCorpus, count: int, site_dir: Path, folder: tempfile.TemporaryDirectory[str]
) -> PendingIndex:
    """Start Pagefind on the documents written to `folder`; the index owns the folder."""
    bundle = site_dir / BUNDLE
    try:
        if bundle.exists():  # a dirty preview build writes into the last site
            shutil.rmtree(bundle)
        command = [
            sys.executable, "-c", _NICE_START, str(INDEXER_NICENESS),
            "--site", str(Path(folder.name) / DOCUMENTS),
            "--output-path", str(bundle),
            "--force-language", "de",
            "--silent",
        ]  # fmt: skip
        log = Path(folder.name) / "pagefind.log"
        with log.open("wb") as output:  # the child keeps its own copy of the handle
            try:
                process = subprocess.Popen(
                    command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
                )
            except OSError as error:
                message = f"Pagefind konnte nicht gestartet werden: {error}"
                raise SearchIndexError(message) from error
    except BaseException:
        folder.cleanup()
        raise
    return PendingIndex(corpus, site_dir, process, log, folder, count)


def write_corpus(
    documents: Sequence[SearchDocument], taxonomies: Sequence[Taxonomy], folder: Path
) -> tuple[SearchCorpus, int]:
    """Make the corpus, write its documents into `folder`, and return it without them (with
    their number): what a worker process sends back stays small."""
    corpus = search_corpus(documents, taxonomies)
    write_documents(corpus, folder)
    return replace(corpus, documents={}), len(corpus.documents)


class BackgroundIndex:
    """The search index, built while the pages are written.

    The documents are made in a worker process of `pool` when there is one (at 5,000 entries
    a few seconds the page-writing process would otherwise spend), and Pagefind is started from
    this process once they are written, so that a failing build can stop it. Call `poll()`
    between pages; `finish()` waits for the bundle and writes the word lists and the table.
    """

    def __init__(
        self,
        documents: Sequence[SearchDocument],
        taxonomies: Sequence[Taxonomy],
        site_dir: Path,
        pool: Pool | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.folder = scratch_folder(len(documents), "praxis-suche-")
        self.pending: PendingIndex | None = None
        self._made: AsyncResult[tuple[SearchCorpus, int]] | None = None
        target = Path(self.folder.name) / DOCUMENTS
        if pool is None:
            try:
                self._launch(write_corpus(documents, taxonomies, target))
            except BaseException:
                self.folder.cleanup()
                raise
        else:
            self._made = pool.apply_async(write_corpus, (documents, taxonomies, target))

    @property
    def count(self) -> int:
        return self.pending.count if self.pending is not None else 0

    def _launch(self, made: tuple[SearchCorpus, int]) -> None:
        corpus, count = made
        self.pending = launch(corpus, count, self.site_dir, self.folder)

    def poll(self, wait: bool = False) -> None:
        """Start Pagefind if the documents are ready (with `wait`: once they are)."""
        if self.pending is not None or self._made is None:
            return
        if not wait and not self._made.ready():
            return
        try:
            made = self._made.get()
        except SearchIndexError:
            self.folder.cleanup()
            raise
        except Exception as error:  # an error inside the worker, e.g. a full disk
            self.folder.cleanup()
            message = f"Die Suchdokumente konnten nicht geschrieben werden: {error}"
            raise SearchIndexError(message) from error
        self._launch(made)

    def finish(self) -> IndexerRun:
        self.poll(wait=True)
        assert self.pending is not None
        return self.pending.finish()

    def cancel(self) -> None:
        """Stop Pagefind, or drop the documents if it has not started. Stop the pool first:
        a worker still writing documents would make the folder again."""
        if self.pending is not None:
            self.pending.cancel()
        else:
            self.folder.cleanup()


class PendingIndex:
    """Pagefind running on the written documents."""

    def __init__(
        self,
        corpus: SearchCorpus,
        site_dir: Path,
        process: subprocess.Popen[bytes],
        log: Path,
        folder: tempfile.TemporaryDirectory[str],
        count: int = 0,
    ) -> None:
        self.corpus = corpus
        self.count = count
        self.site_dir = site_dir
        self.process = process
        self.log = log
        self.folder = folder

    def _wait(self) -> tuple[int, str, IndexerRun]:
        """Exit code, output, processor time and peak memory (`os.wait4`) of the indexer."""
        cpu = peak = None
        try:
            # `poll()` (in `cancel`) may have reaped it already: then only its exit code is known.
            if self.process.returncode is None and hasattr(os, "wait4"):
                _, status, usage = os.wait4(self.process.pid, 0)
                self.process.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
                peak = usage.ru_maxrss / 1024  # KiB on Linux
            else:
                self.process.wait()
            text = self.log.read_text("utf-8", errors="replace")
        finally:
            self.folder.cleanup()
        return self.process.returncode, text, IndexerRun(cpu, peak)

    def cancel(self) -> None:
        """Stop Pagefind (the build failed for another reason)."""
        if self.process.poll() is None:
            self.process.kill()
        self._wait()

    def finish(self) -> IndexerRun:
        returncode, output, run = self._wait()
        corpus, site_dir, bundle = self.corpus, self.site_dir, self.site_dir / BUNDLE
        if returncode != 0 or not (bundle / "pagefind.js").is_file():
            detail = output.strip()[-2000:]
            raise SearchIndexError(
                "Der Suchindex konnte nicht gebaut werden (Pagefind, Exit-Code "
                f"{returncode}). Ist das Paket pagefind[bin] installiert "
                f"(make serve / make test richten es ein)?\n{detail}"
            )
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
        words = site_dir / WORD_LIST
        words.parent.mkdir(parents=True, exist_ok=True)
        words.write_text(corpus.word_list_json(), encoding="utf-8")
        (site_dir / TERMS).write_text(corpus.terms_json(), encoding="utf-8")
        (site_dir / TABLE).write_text(corpus.table_json(page_ids(bundle)), encoding="utf-8")
        shards = site_dir / WORD_SHARDS
        if shards.exists():
            shutil.rmtree(shards)
        shards.mkdir(parents=True)
        for key, text in corpus.shard_files().items():
            (shards / f"{key}.json").write_text(text, encoding="utf-8")
        return run


def page_ids(bundle: Path) -> dict[str, str]:
    """Site path ("/praxisbeispiele/x/") → the id Pagefind gives that page in its results,
    which names the page's fragment: gzip of a signature and JSON with the page's `url`."""
    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE)
        found[json.loads(raw)["url"]] = path.name.removesuffix(".pf_fragment")
    return found
