"""The preview's search index: rebuilt after each build of `mkdocs serve`, not during it.

In a preview, an editor waits for the page they saved, not for the search: at 1,000 entries,
making the search documents and running Pagefind took most of a rebuild (13 of 16 s). Here the
build ends without it, and a process of its own builds the index afterwards; the search
answers from the previous index until the new one is written, a few seconds later. A new build
stops a run that has not finished (the process and its Pagefind at once), so two runs never
write into the site together and an edit never waits for the index. Published builds
(`mkdocs build`) build the index as part of the build and fail with it.

    python -m praxis.mkdocs_plugin.preview_search DOCUMENTS.pickle SITE_DIR
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..search_index import BackgroundIndex, SearchIndexError

if TYPE_CHECKING:
    from ..search_documents import SearchDocument
    from ..taxonomy import Taxonomy

log = logging.getLogger("mkdocs.plugins.praxis")


class PreviewSearch:
    """At most one index run at a time, in a process of its own."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._watcher: threading.Thread | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def start(
        self, documents: Sequence[SearchDocument], taxonomies: Sequence[Taxonomy], site_dir: Path
    ) -> None:
        """Stop a run still going, then index `documents` into `site_dir`."""
        self.stop()
        folder = tempfile.TemporaryDirectory(prefix="praxis-vorschau-")
        data = Path(folder.name) / "dokumente.pickle"
        with data.open("wb") as handle:
            pickle.dump((list(documents), list(taxonomies)), handle)
        command = [sys.executable, "-m", __name__, str(data), str(site_dir)]
        try:
            # Its own group, so that a stop ends its Pagefind too; its temporary files in
            # our folder, so that a stopped run leaves none behind.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, "TMPDIR": folder.name},
            )
        except OSError as error:
            folder.cleanup()
            log.warning(f"praxis: Der Suchindex der Vorschau wurde nicht erneuert: {error}")
            return
        self._process, self._folder = process, folder
        self._watcher = threading.Thread(
            target=self._report, args=(process, time.perf_counter()), daemon=True
        )
        self._watcher.start()

    @staticmethod
    def _report(process: subprocess.Popen[bytes], started: float) -> None:
        code = process.wait()
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        if code == 0:
            log.info(f"praxis: Suchindex der Vorschau erneuert ({seconds} s)")
        elif code > 0:  # stopped runs end by a signal (negative codes): nothing to say
            log.warning("praxis: Der Suchindex der Vorschau wurde nicht erneuert (siehe oben).")

    def stop(self) -> None:
        """End a run at once and wait until it is gone."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)
                else:  # pragma: no cover
                    process.kill()
        if self._watcher is not None:
            self._watcher.join()
            self._watcher = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def main(argv: Sequence[str]) -> int:
    data, site_dir = Path(argv[0]), Path(argv[1])
    with data.open("rb") as handle:
        documents, taxonomies = pickle.load(handle)  # written by PreviewSearch.start
    try:
        BackgroundIndex(documents, taxonomies, site_dir).finish()
    except SearchIndexError as error:
        print(f"praxis: Der Suchindex der Vorschau wurde nicht erneuert: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
