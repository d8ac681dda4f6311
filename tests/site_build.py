"""One strict build of the real site per test session, shared by the tests that read its output."""

from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# The environment of every test build: no proxy, no user settings, no MkDocs 2 banner.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}

REPO = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def built_site() -> Path:
    """Build the repository's site with `mkdocs build --strict` into a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="praxis-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    site = folder / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


PROJECT_ITEMS = ("mkdocs.yml", "docs", "overrides", "content", "practices")


def copy_project(target: Path, items: tuple[str, ...] = PROJECT_ITEMS) -> Path:
    """A copy of the repository's site project (or the named parts of it) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for item in items:
        source = REPO / item
        destination = target / item
        destination.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, destination)
    return target


def strict_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project into `site`, in the test build environment."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
    )


def search_documents(site: Path) -> dict[str, dict]:
    """The pages in a built site's search index, by URL, as Pagefind stored them (its
    fragments: gzip, a signature, then JSON with url, content, meta and filters)."""
    import gzip
    import json

    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        raw = raw.removeprefix(b"pagefind_dcd")
        data = json.loads(raw)
        found[data["url"]] = data
    return found


def search_table(site: Path) -> dict[str, dict[str, list[str]]]:
    """The finder's table of a built site (suche/eintraege.json), as URL → facet → values."""
    import json

    table = json.loads((site / "suche" / "eintraege.json").read_text("utf-8"))
    names = [(f["param"], value) for f in table["facets"] for value in f["values"]]
    urls = {data_id: url for url, data_id in _fragment_ids(site).items()}
    found: dict[str, dict[str, list[str]]] = {}
    for page_id, numbers in zip(table["ids"], table["values"], strict=True):
        facets: dict[str, list[str]] = {}
        for character in numbers:
            param, value = names[ord(character) - 0x30]
            facets.setdefault(param, []).append(value)
        found[urls[table["prefix"] + page_id]] = facets
    return found


def _fragment_ids(site: Path) -> dict[str, str]:
    return {
        data["url"]: path.stem
        for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")
        for data in [_fragment(path)]
    }


def _fragment(path: Path) -> dict:
    import gzip
    import json

    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))


@contextmanager
def preview_server(project: Path, *options: str) -> Iterator[str]:
    """`mkdocs serve` (with `options`, e.g. --dirty) of `project` on a free loopback port,
    ready once MkDocs says it serves; yields the site address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=BUILD_ENV,
    )
    try:
        assert server.stderr is not None
        for line in server.stderr:
            if "Serving on" in line:
                break
        else:
            raise AssertionError("mkdocs serve did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
