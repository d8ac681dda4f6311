"""Live reload under the Content-Security-Policy, for `mkdocs serve` only.

MkDocs' preview server injects an inline script into every page it serves, and the portal's
policy (`script-src 'self'`) blocks inline scripts, so the preview would never reload. Here the
same polling runs from a file the preview build contains, and the server injects only a
`<script src>` that passes its values as data attributes. Published builds never contain it.
"""

from __future__ import annotations

import time
from typing import Any

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


def use_external_livereload(server: Any) -> None:
    """Make the preview server inject `<script src>` instead of an inline script."""
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
