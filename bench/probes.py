"""What needs a running server: a static server for a built site, and the live preview probe.

Both bind to 127.0.0.1 on a free port. The browser that search_speed.py and relevance.py drive
through the static server is Debian's Chromium (browser downloads are blocked here).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
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

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- static server ----------------------------------------------------------------------------


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
    with ctrl_c_reaches_children():
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


@contextlib.contextmanager
def ctrl_c_reaches_children() -> Iterator[None]:
    """Processes started inside stop on Ctrl+C (SIGINT), however the bench itself was started.

    A shell's background job (`make bench &`, a CI step sent to the background) ignores SIGINT,
    and a started program inherits that: `mkdocs serve` then outlived the SIGINT that is meant to
    stop it (and to remove its temporary site) and was killed after 30 s, twice per run. A
    handler set in Python falls back to the default on exec, so the child's Python installs its
    own Ctrl+C handling again.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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
