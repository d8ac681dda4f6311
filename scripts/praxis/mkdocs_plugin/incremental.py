"""Fast preview: under `mkdocs serve --dirty`, rebuild only the generated pages that changed.

MkDocs' `--dirty` mode skips a page when its source file is older than its output. Generated
pages have no source file, so MkDocs rebuilds all of them on every change: at 1,000 entries an edit
took about 10 s to reach the browser. Here every generated page carries a fingerprint of what it
is made of (Markdown, title, template data); a page whose fingerprint equals the one of the previous
build in the same `mkdocs serve` process, and whose output exists, counts as unmodified. Editing one
entry then rebuilds that entry's page and the few list pages that show its title or summary.

Anything that can change every page at once (mkdocs.yml, the templates in `overrides/`, the set of
pages) starts a new generation in which every generated page is rebuilt. Hand-written pages keep
MkDocs' own rule (file times). Clean builds (`mkdocs build`, `make site`) never consult any of this:
MkDocs asks a file whether it is modified only in dirty builds.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, InclusionLevel

from ..render import PageSpec

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class GeneratedFile(File):
    """A generated page that may declare itself unmodified since the previous dirty build."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


def fingerprint(page: PageSpec) -> str:
    """Everything a generated page's HTML depends on besides the site-wide context."""
    data = json.dumps(page.data, sort_keys=True, default=str, ensure_ascii=False)
    text = "\0".join((page.kind, page.title, str(page.draft), page.markdown, data))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def site_context(config: MkDocsConfig, files: Files) -> str:
    """A key for what all pages share: configuration, template overrides, hand-written pages.

    Adding an entry does not change it: entries are not in the navigation, and the list pages
    that show the new entry have new fingerprints anyway.
    """
    digest = hashlib.blake2b(digest_size=16)
    config_file = config.config_file_path
    if config_file and os.path.isfile(config_file):
        digest.update(Path(config_file).read_bytes())
    custom_dir = config.theme.custom_dir
    if custom_dir and os.path.isdir(custom_dir):
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}\n".encode())
    for uri in sorted(f.src_uri for f in files):
        digest.update(uri.encode("utf-8") + b"\n")
    return digest.hexdigest()


class PageMemo:
    """Fingerprints of the generated pages of the last successful build in this process."""

    def __init__(self) -> None:
        self._context: str | None = None
        self._previous: dict[str, str] = {}
        self._current: dict[str, str] = {}
        self.unchanged = 0

    def begin(self, config: MkDocsConfig, files: Files) -> None:
        """Start a build, before the generated pages are added to `files`."""
        context = site_context(config, files)
        if context != self._context:
            self._previous = {}
        self._context = context
        self._current = {}
        self.unchanged = 0

    def file(
        self, config: MkDocsConfig, page: PageSpec, inclusion: InclusionLevel, content: str
    ) -> File:
        digest = fingerprint(page)
        file = GeneratedFile.generated(config, page.src_uri, content=content, inclusion=inclusion)
        file.unchanged = self._previous.get(page.src_uri) == digest
        self.unchanged += file.unchanged
        self._current[page.src_uri] = digest
        return file

    def commit(self) -> None:
        """The build succeeded: its pages are the reference for the next one."""
        self._previous = self._current
        self._current = {}
