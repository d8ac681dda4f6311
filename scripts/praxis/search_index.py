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
from dataclasses import dataclass
from pathlib import Path

from .search_documents import SearchCorpus

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
    bundle = site_dir / BUNDLE
    if bundle.exists():  # a dirty preview build writes into the last site
        shutil.rmtree(bundle)
    folder = tempfile.TemporaryDirectory(prefix="praxis-suche-")
    try:
        documents = Path(folder.name) / "dokumente"
        write_documents(corpus, documents)
        command = [
            sys.executable, "-m", "pagefind",
            "--site", str(documents),
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
    return PendingIndex(corpus, site_dir, process, log, folder)


class PendingIndex:
    """Pagefind running on the written documents."""

    def __init__(
        self,
        corpus: SearchCorpus,
        site_dir: Path,
        process: subprocess.Popen[bytes],
        log: Path,
        folder: tempfile.TemporaryDirectory[str],
    ) -> None:
        self.corpus = corpus
        self.site_dir = site_dir
        self.process = process
        self.log = log
        self.folder = folder

    def _wait(self) -> tuple[int, str, IndexerRun]:
        """Exit code, output, processor time and peak memory (`os.wait4`) of the indexer."""
        cpu = peak = None
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(self.process.pid, 0)
                self.process.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
                peak = usage.ru_maxrss / 1024  # KiB on Linux
            else:  # pragma: no cover
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
