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
import time
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
    """How long Pagefind ran and its peak memory (None where the system does not say)."""

    seconds: float
    peak_mb: float | None

    def text(self) -> str:
        """German, for the build log: "Pagefind 9,8 s, 610 MB"."""
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        memory = f", {self.peak_mb:.0f} MB" if self.peak_mb is not None else ""
        return f"Pagefind {seconds} s{memory}"


def _run(command: list[str]) -> tuple[int, str, IndexerRun]:
    """Run the indexer to its end: exit code, output, time and peak memory (`os.wait4`)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        peak = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024  # KiB on Linux
        else:  # pragma: no cover
            process.wait()
        seconds = time.perf_counter() - started
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    return process.returncode, text, IndexerRun(seconds, peak)


def write_documents(corpus: SearchCorpus, folder: Path) -> None:
    for url, text in corpus.documents.items():
        target = folder / url / "index.html" if url.endswith("/") or not url else folder / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def build_search_index(corpus: SearchCorpus, site_dir: Path) -> IndexerRun:
    """Write the Pagefind bundle to `site_dir/pagefind/`, the word lists and the finder's
    table beside it in `site_dir/suche/`; returns how Pagefind ran."""
    bundle = site_dir / BUNDLE
    if bundle.exists():  # a dirty preview build writes into the last site
        shutil.rmtree(bundle)
    with tempfile.TemporaryDirectory(prefix="praxis-suche-") as tmp:
        documents = Path(tmp) / "dokumente"
        write_documents(corpus, documents)
        command = [
            sys.executable, "-m", "pagefind",
            "--site", str(documents),
            "--output-path", str(bundle),
            "--force-language", "de",
            "--silent",
        ]  # fmt: skip
        try:
            returncode, output, run = _run(command)
        except OSError as error:
            raise SearchIndexError(f"Pagefind konnte nicht gestartet werden: {error}") from error
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
