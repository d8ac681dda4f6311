"""Probes that need a running server: Pagefind's first query in a browser, and the live preview.

Both bind to 127.0.0.1 on a free port. The browser is Debian's Chromium (browser downloads are
blocked here); without it the Pagefind transfer is reported as not measured, never guessed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from measure import folder_size, gzip_size, run_process

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Material wraps every page's content in this element; Pagefind indexes only what is inside it,
# so the navigation, header and footer do not end up in every search result.
ROOT_SELECTOR = "article.md-content__inner"
PROBE_PAGE = "__pagefind_probe__.html"
PROBE_HTML = """<!doctype html>
<html lang="de"><meta charset="utf-8"><title>probe</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(%(query)s);
const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
window.__probe = {results: search.results.length, titles: data.map((d) => d.meta.title)};
</script>
</html>
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- Pagefind ---------------------------------------------------------------------------------


def pagefind(site: Path, query: str) -> dict[str, Any]:
    """Index a built site with Pagefind and measure what a first query transfers."""
    if importlib.util.find_spec("pagefind") is None:
        return {"available": False, "reason": "Python-Paket pagefind nicht installiert"}
    run = run_process(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--root-selector",
            ROOT_SELECTOR,
            "--quiet",
        ],
        cwd=site,
    )
    bundle = site / "pagefind"
    files, size = folder_size(bundle)
    result: dict[str, Any] = {
        "available": True,
        "index_seconds": round(run.seconds, 3),
        "index_peak_rss_mb": round(run.peak_rss_mb, 1),
        "bundle_files": files,
        "bundle_bytes": size,
        "query": query,
    }
    result.update(_first_query(site, query))
    return result


def _first_query(site: Path, query: str) -> dict[str, Any]:
    if not CHROMIUM.exists():
        return {"first_query_bytes": None, "reason": f"{CHROMIUM} fehlt"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"first_query_bytes": None, "reason": "playwright nicht installiert"}
    import json

    (site / PROBE_PAGE).write_text(PROBE_HTML % {"query": json.dumps(query)}, encoding="utf-8")
    try:
        with _static_server(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                requests: list[Any] = []
                page.on("requestfinished", lambda request: requests.append(request))
                page.goto(f"{base}/{PROBE_PAGE}")
                page.wait_for_function("window.__probe !== undefined", timeout=60_000)
                probe = page.evaluate("window.__probe")
                fetched = []
                for request in requests:
                    path = request.url.removeprefix(base)
                    if not path.startswith("/pagefind/"):
                        continue
                    fetched.append((path, request.sizes()["responseBodySize"]))
            finally:
                browser.close()
    finally:
        (site / PROBE_PAGE).unlink(missing_ok=True)
    scripts = [(p, s) for p, s in fetched if p.endswith(".js")]
    data = [(p, s) for p, s in fetched if not p.endswith(".js")]
    # The static server sends files as they are: Pagefind's index files are already compressed,
    # its two scripts are not, so they are counted as a web server would send them (gzip).
    js_gzip = sum(gzip_size(site / p.lstrip("/")) for p, _ in scripts)
    data_bytes = sum(s for _, s in data)
    return {
        "results": probe["results"],
        "requests": len(fetched),
        "data_bytes": data_bytes,
        "js_gzip_bytes": js_gzip,
        "first_query_bytes": data_bytes + js_gzip,
    }


@contextlib.contextmanager
def _static_server(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- live preview -----------------------------------------------------------------------------


def preview(
    project: Path, entry: Path, url_path: str, rounds: int = 3, extra_args: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Seconds from saving an entry until `mkdocs serve` serves the changed page.

    Starts `mkdocs serve` as `make serve` does, waits for the first build, then appends a unique
    sentence to the entry `rounds` times and polls the page until the sentence appears.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
        *extra_args,
    ]
    log = (project / "serve.log").open("wb")
    server = subprocess.Popen(
        command,
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = entry.read_text(encoding="utf-8")
    try:
        start = time.monotonic()
        _wait_for(url, lambda html: True, timeout=600, server=server)
        first_build = time.monotonic() - start
        seconds = []
        for _ in range(rounds):
            marker = f"Vorschau-Markierung {uuid.uuid4().hex}"
            text = entry.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}.\n"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            begin = time.monotonic()
            entry.write_text(text, encoding="utf-8")
            _wait_for(url, lambda html, m=marker: m in html, timeout=300, server=server)
            seconds.append(round(time.monotonic() - begin, 3))
    finally:
        entry.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)  # mkdocs removes its temporary site on Ctrl+C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return {
        "command": " ".join(["mkdocs", "serve", *extra_args]),
        "first_build_seconds": round(first_build, 3),
        "edit_to_page_seconds": seconds,
        "median_seconds": sorted(seconds)[len(seconds) // 2],
    }


def _wait_for(url: str, ready: Any, timeout: float, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve ended with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                html = response.read().decode("utf-8", errors="replace")
            if ready(html):
                return html
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} not ready after {timeout} s")
