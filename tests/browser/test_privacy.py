"""No request leaves for another host: no web fonts, scripts, images or API calls from elsewhere,
and the site builds with no network at all.

Three layers: the built files name no such host and load every resource from the site itself;
the Material features that would call out (repository facts, Google Fonts, Mermaid from a CDN)
are off; and in the browser every request is counted, including the search worker's.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_build import BUILD_ENV

from .browser_pages import REPO, page_path

OFFLINE_GUARD = REPO / "tests" / "tools" / "offline"
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".webmanifest"}
THIRD_PARTY = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|api\.github\.com|gitlab\.com/api|unpkg\.com|jsdelivr"
    r"|cdnjs|\bcdn\.|googletagmanager|google-analytics|doubleclick|facebook\.net|matomo\.cloud"
)
# Material's own bundle carries code for repository facts and Mermaid; it runs only when
# `repo_url` is set or a page holds a Mermaid diagram, which the next test rules out.
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/(bundle|workers/search)\.[0-9a-f]+\.min\.js")
# The editor's program (Decap CMS) names every code host it supports; under the editor page's
# own policy it can reach only the configured one (measured in test_editor.py).
EDITOR_BUNDLE = re.compile(r"redaktion/decap-cms-[0-9.]+\.js(\.LICENSE\.txt)?")
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "form": ("action",),
}
RESOURCE_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def text_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]


def is_foreign(url: str) -> bool:
    """True for an address that a browser would fetch from another host."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname not in ("127.0.0.1", "localhost")


class ResourceFinder(HTMLParser):
    """Collects every address a page makes the browser load (not the links a reader follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and RESOURCE_RELS & set(values.get("rel", "").lower().split()):
            self.found.append(values.get("href", ""))
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            for candidate in values.get(name, "").split(","):
                if candidate.strip():
                    self.found.append(candidate.strip().split()[0])
        if "style" in values:
            self.found += [a or b for a, b in CSS_URL.findall(values["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += [a or b for a, b in CSS_URL.findall(data)]


def test_built_files_name_no_third_party_host(site_dir: Path) -> None:
    hits = []
    for path in text_files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        if MATERIAL_BUNDLE.fullmatch(rel) or EDITOR_BUNDLE.fullmatch(rel):
            continue
        for match in THIRD_PARTY.finditer(path.read_text("utf-8", errors="replace")):
            hits.append(f"{rel}: {match.group(0)}")
    assert hits == []


def test_every_page_and_stylesheet_loads_only_from_the_site(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    foreign = []
    for page in pages:
        finder = ResourceFinder()
        finder.feed(page.read_text("utf-8"))
        foreign += [f"{page.relative_to(site_dir)}: {u}" for u in finder.found if is_foreign(u)]
    for sheet in site_dir.rglob("*.css"):
        for a, b in CSS_URL.findall(sheet.read_text("utf-8")):
            if is_foreign(a or b):
                foreign.append(f"{sheet.relative_to(site_dir)}: {a or b}")
    assert foreign == []


def test_resource_finder_sees_what_a_browser_would_load() -> None:
    finder = ResourceFinder()
    finder.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://example.org/">'
        '<script src="//cdn.example.net/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.org/b.png 2x">'
        "<div style=\"background: url('https://t.example.org/p.gif')\"></div>"
        '<a href="https://example.org/">Link</a>'
    )
    assert [u for u in finder.found if is_foreign(u)] == [
        "https://fonts.googleapis.com/css",
        "//cdn.example.net/x.js",
        "https://img.example.org/b.png",
        "https://t.example.org/p.gif",
    ]


def test_material_features_that_call_other_hosts_are_off(site_dir: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert not config.repo_url, "repo_url lässt Browser die API des Code-Hosts abfragen."
    assert config.theme["font"] is False, "Ohne font: false lädt Material Google Fonts."
    assert not config.extra.get("analytics")
    assert "social" not in config.plugins, "Das social-Plugin lädt beim Bau Schriften nach."
    mermaid = [p for p in site_dir.rglob("*.html") if 'class="mermaid"' in p.read_text("utf-8")]
    assert mermaid == [], "Mermaid-Diagramme laden ein Skript von unpkg.com."


@pytest.mark.browser
def test_request_guard_catches_a_request_to_another_host(visit) -> None:
    opened = visit("")
    # A navigation (the site's Content-Security-Policy would stop a fetch before any request);
    # it fails only after the guard has answered the request: no waiting on the clock.
    from playwright.sync_api import Error as PlaywrightError

    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        opened.page.goto("https://example.org/zaehler.gif")
    assert opened.foreign == ["https://example.org/zaehler.gif"]
    opened.foreign.clear()  # seen and blocked on purpose; the fixture checks the rest
    opened.page.close()  # it shows the error page now, with no site script to check


@pytest.mark.browser
@pytest.mark.parametrize(
    "page_type",
    [
        "start",
        "eintrag-praxisbeispiel",
        "liste-materialien",
        "uebersicht-themen",
        "begriff-bundeslaender",
        "praxisfinder",
        "barrierefreiheit",
        "404",
    ],
)
def test_page_requests_stay_on_the_local_server(
    visit, page_paths: dict[str, str], site_dir: Path, page_type: str
) -> None:
    """Until the network is idle, so late requests (search index, data, language files) count.
    (Every other browser test runs behind the same guard, on every page type.)"""
    opened = visit(page_path(page_paths, site_dir, page_type), wait_until="networkidle")
    assert opened.foreign == []
    files = {urlsplit(u).path.rsplit("/", 1)[-1] for u in opened.local}
    assert "praxis.css" in files
    searched = [u for u in opened.local if "/pagefind/" in urlsplit(u).path]
    if page_type == "praxisfinder":  # without words: its table and the shown results' data
        assert searched and all("/pagefind/fragment/" in u for u in searched)
    else:  # every other page loads no search data before the reader types
        assert searched == []
        assert not [u for u in opened.local if "/suche/" in urlsplit(u).path]


@pytest.mark.browser
def test_search_requests_stay_on_the_local_server(visit) -> None:
    opened = visit("", wait_until="networkidle")
    page = opened.page
    page.locator("#praxis-suche").click()
    page.keyboard.type("Hassrede")
    page.locator("[data-praxis-search] [data-results] a").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert opened.foreign == []
    assert any(u.endswith("pagefind.js") for u in opened.local)
    assert any(u.endswith(".pf_fragment") for u in opened.local)


def unshare_network() -> list[str]:
    """`unshare -rn` (a network namespace with no interfaces) where it is allowed, else []:
    Docker's default seccomp profile refuses it, as in CI's python:3.11-bookworm containers."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], check=False).returncode == 0:
        return [unshare, "-rn"]
    return []


def offline(
    command: list[str], log: Path, *, namespace: bool = True, env: dict | None = None, **kwargs
):
    """Run a command with the socket guard armed in every Python process (see
    tests/tools/offline/sitecustomize.py), inside a network namespace where allowed."""
    env = {
        **BUILD_ENV,
        **(env or {}),
        "PYTHONPATH": str(OFFLINE_GUARD),
        "PRAXIS_NETWORK_LOG": str(log),
    }
    prefix = unshare_network() if namespace else []
    return subprocess.run(
        [*prefix, *command], capture_output=True, text=True, env=env, check=False, **kwargs
    )


def attempts(log: Path) -> tuple[set[str], list[str]]:
    """The processes that armed the guard, and every network access it refused."""
    lines = log.read_text("utf-8").splitlines() if log.exists() else []
    armed = {line.split()[1] for line in lines if line.startswith("armed ")}
    return armed, [line for line in lines if line.startswith("refused ")]


@pytest.mark.slow
def test_site_builds_without_any_network(tmp_path: Path) -> None:
    """Every Python process of the build runs with the socket guard, inside a network namespace
    with no interfaces where the machine allows one: any download attempt fails the test, even
    one the build would catch and ignore."""
    log = tmp_path / "network.log"
    site = tmp_path / "site"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = offline(build, log, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (site / "index.html").is_file()
    armed, refused = attempts(log)
    assert armed, "Der Netz-Wächter war beim Bau nicht aktiv."
    assert refused == [], "Der Bau wollte ins Netz:\n" + "\n".join(refused)


def serve_once(tmp_path: Path) -> ThreadingHTTPServer:
    """A loopback server with one file: reachable without the guard, so a refusal is the guard's."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "font.css").write_text("body{}", "utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


DOWNLOAD_HOOK = """\
import os, urllib.request

def on_config(config):
    urllib.request.urlopen(os.environ["DOWNLOAD_URL"], timeout=5).read()
    return config
"""


def test_network_guard_fails_a_build_that_downloads(tmp_path: Path) -> None:
    """The guard's own check: a build whose hook downloads a file (from a loopback server, so it
    works without the guard) fails with the guard and records the attempt; local sockets, as
    process pools use them, still work."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Start\n", "utf-8")
    (project / "hook.py").write_text(DOWNLOAD_HOOK, "utf-8")
    (project / "mkdocs.yml").write_text("site_name: Probe\nhooks: [hook.py]\n", "utf-8")
    server = serve_once(tmp_path)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/font.css"
        build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")]
        plain = subprocess.run(
            build, cwd=project, capture_output=True, text=True, check=False,
            env={**BUILD_ENV, "DOWNLOAD_URL": url},
        )  # fmt: skip
        assert plain.returncode == 0, plain.stderr[-2000:]
        log = tmp_path / "network.log"
        guarded = offline(build, log, namespace=False, cwd=project, env={"DOWNLOAD_URL": url})
    finally:
        server.shutdown()
    assert guarded.returncode != 0
    assert "Netzzugriff beim Bau verweigert" in guarded.stderr
    armed, refused = attempts(log)
    assert armed and refused and "socket.getaddrinfo" in refused[0]
    local = offline(
        [sys.executable, "-c", "import socket, multiprocessing as m; a, b = socket.socketpair();"
         "a.sendall(b'x'); assert b.recv(1) == b'x'; m.Pipe(duplex=True)"],
        tmp_path / "local.log",
        namespace=False,
    )  # fmt: skip
    assert local.returncode == 0, local.stderr
