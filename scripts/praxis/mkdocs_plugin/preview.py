"""The preview (`mkdocs serve` only): live reload under the Content-Security-Policy, and the
German error list in the browser when a rebuild fails.

MkDocs' preview server injects an inline script into every page it serves, and the portal's
policy (`script-src 'self'`) blocks inline scripts, so the preview would never reload. Here the
same polling runs from a file the preview build contains, and the server injects only a
`<script src>` that passes its values as data attributes. Published builds never contain it.

When a rebuild fails (a broken entry), MkDocs' server logs an English line and then makes every
request wait for a build that never comes: the preview hangs until the file is fixed. Here the
failed build counts as done, every page of the preview shows the German list of problems (with
the live reload), and the next build that succeeds replaces it by itself.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from ..output_policy import CONTENT_SECURITY_POLICY

log = logging.getLogger("mkdocs.plugins.praxis")

LIVERELOAD_URI = "assets/javascripts/praxis-livereload.js"

# MkDocs 1.6's livereload script (mkdocs/livereload/__init__.py), reading its two values from
# the script element instead of a template.
LIVERELOAD_JS = """\
(function (script) {
  var epoch = parseFloat(script.dataset.epoch);
  var requestId = script.dataset.request;
  var req, timeout;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }
  function stop() {
    if (req) { req.abort(); }
    if (timeout) { clearTimeout(timeout); }
    req = timeout = undefined;
  }
  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") { poll(); }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("beforeunload", stop);
})(document.currentScript);
"""


def use_external_livereload(
    server: Any, content_errors: Callable[[], str | None] = lambda: None
) -> BuildErrors:
    """Make the preview server inject `<script src>` instead of an inline script, and show the
    German error list instead of hanging when a build fails or the content has errors
    (`show_build_errors`)."""
    mount = getattr(server, "mount_path", "/") or "/"

    def inject(content: bytes, epoch: int) -> bytes:
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        request = round(time.monotonic() * 1000)
        tag = (
            f'<script src="{mount}{LIVERELOAD_URI}" data-epoch="{int(epoch)}" '
            f'data-request="{request}"></script>'
        ).encode()
        return content[:body_end] + tag + content[body_end:]

    server._inject_js_into_html = inject
    return show_build_errors(server, content_errors)


ERROR_TITLE = "Die Vorschau zeigt gerade Fehler"
PREVIEW_SHOWS_ERRORS = (
    "praxis: Die Vorschau zeigt die Fehler im Browser und lädt neu, sobald die Inhalte wieder "
    "in Ordnung sind."
)


def error_page(message: str, livereload_src: str = "") -> str:
    """The page the preview shows for every address while the content has errors."""
    lines = [line for line in message.splitlines() if line.strip()]
    heading, problems = (lines[0], lines[1:]) if lines else ("Der Bau ist fehlgeschlagen.", [])
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    script = f'<script src="{html.escape(livereload_src)}"></script>' if livereload_src else ""
    return (
        "<!doctype html>\n"
        '<html lang="de">\n<head>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{ERROR_TITLE}</title>\n"
        "</head>\n<body>\n<main>\n"
        f"<h1>{ERROR_TITLE}</h1>\n"
        f"<p>{html.escape(heading)}</p>\n"
        f"<ol>\n{items}\n</ol>\n"
        "<p>Jede Zeile nennt Datei, Zeile, Meldung und Regel. Was eine Meldung bedeutet, steht im "
        "Leitfaden unter „Fehlermeldungen“. Sobald Sie die Datei korrigiert und gespeichert "
        "haben, lädt diese Seite von selbst neu.</p>\n"
        f"</main>\n{script}</body>\n</html>\n"
    )


def build_error_message(error: BaseException) -> str:
    """The German message of a failed build: the plugin's own (a PluginError, which MkDocs
    logs and replaces by an English `Abort`), or a short German line for anything else."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__name__ == "PluginError":
            return str(seen)
        seen = seen.__context__
    return f"Der Bau ist fehlgeschlagen ({type(error).__name__}): {error}"


class BuildErrors:
    """The message of the last failed rebuild, or None when the last build succeeded."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._message: str | None = None

    @property
    def message(self) -> str | None:
        with self._lock:
            return self._message

    @message.setter
    def message(self, value: str | None) -> None:
        with self._lock:
            self._message = value


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


def show_build_errors(
    server: Any, content_errors: Callable[[], str | None] = lambda: None
) -> BuildErrors:
    """Let a failed rebuild finish (so nothing waits for it) and serve the German error page
    for every page until a build succeeds again. A build that went through with errors in the
    content (`content_errors`, the plugin's list; the first build of the preview is one) shows
    them the same way."""
    errors = BuildErrors()
    errors.message = content_errors()
    builder: Callable[..., Any] = server.builder

    def build(*args: Any, **kwargs: Any) -> None:
        try:
            builder(*args, **kwargs)
        except Exception as error:  # also MkDocs' Abort (an Exception and a SystemExit)
            errors.message = build_error_message(error)
            log.error(PREVIEW_SHOWS_ERRORS)
            return
        errors.message = content_errors()

    server.builder = build
    serve = server._serve_request

    def serve_request(environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO", "")
        message = errors.message
        if message is None or path.startswith("/livereload/") or not _is_page(path):
            return serve(environ, start_response)
        with server._epoch_cond:
            epoch = server._visible_epoch
        page = server._inject_js_into_html(error_page(message).encode("utf-8"), epoch)
        start_response(
            "500 Internal Server Error",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))],
        )
        return [page]

    server._serve_request = serve_request
    return errors
