"""The one page with a policy of its own: the editor at `/redaktion/`.

Decap CMS cannot run under the portal's policy (`output_policy.CONTENT_SECURITY_POLICY`): it
compiles its configuration schema with `new Function` (needs `'unsafe-eval'`) and writes its
styles as `<style>` elements (needs `style-src 'unsafe-inline'`); it talks to the code host's API.
The editor page gets exactly that and nothing more: scripts only from the site itself, no frames,
no forms, no plug-ins, connections only to the site and the configured code host. The rest of the
output rules (no inline script, nothing loaded from another host, no event attributes …) apply to
it as to every page; `check_editor_page` checks it with the same reader.

Measured with Decap CMS 3.16.3 in Chromium: without `'unsafe-eval'` the configuration fails to
load ("EvalError … 'unsafe-eval' is not an allowed source"); without `'unsafe-inline'` for styles
the editor is unstyled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .problems import Problem

EDITOR_PAGE = "redaktion/index.html"
_ORIGIN = re.compile(r"^https://[a-z0-9.-]+(:[0-9]+)?$")


def editor_content_security_policy(api_origins: Iterable[str] = ()) -> str:
    """The editor page's policy; `api_origins` are the code host's (https only)."""
    origins = [o for o in api_origins if _ORIGIN.match(o)]
    extra = "".join(f" {o}" for o in origins)
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob:{extra}",
            "font-src 'self'",
            f"connect-src 'self'{extra}",
            "frame-src 'none'",
            "object-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


# What a server should send for /redaktion/ (a `<meta>` cannot carry frame-ancestors).
def editor_header_policy(api_origins: Iterable[str] = ()) -> str:
    return editor_content_security_policy(api_origins) + "; frame-ancestors 'none'"


def is_editor_policy(value: str) -> bool:
    """Whether `value` is the editor policy for some set of https API origins."""
    match = re.search(r"connect-src 'self'((?: [^;]+)?)", value)
    origins = match.group(1).split() if match else []
    return bool(match) and value == editor_content_security_policy(origins)


def check_editor_page(
    page: bytes | str, path: str, *, site_url: str | None = None
) -> list[Problem]:
    """The output rules for the editor page: the same reader as for every page, except that its
    first element must carry the editor's policy instead of the portal's."""
    from . import output_policy

    class _EditorReader(output_policy._PageReader):
        def _check_policy(self, tag, values, line):  # type: ignore[no-untyped-def]
            http_equiv = (values.get("http-equiv") or "").strip().lower()
            if tag == "meta" and http_equiv == "content-security-policy":
                if not is_editor_policy(values.get("content") or ""):
                    self.report("die Content-Security-Policy des Editors weicht ab", line)
                return
            self.report(
                "die Content-Security-Policy fehlt: das erste Element im <head> muss "
                '<meta http-equiv="Content-Security-Policy" …> sein',
                line,
            )

    text = page.decode("utf-8", errors="replace") if isinstance(page, bytes) else page
    reader = _EditorReader(output_policy._Origin(site_url))
    reader.read(text)
    return sorted(
        {Problem(path, line, "output-policy", reason) for line, reason in reader.findings}
    )
