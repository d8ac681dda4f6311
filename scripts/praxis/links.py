"""Which addresses an entry may publish: the one rule for fact-box URLs and links in bodies.

Standard library only, so that the check, the renderer and the Markdown policy can all use it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
WHITESPACE = re.compile(r"\s")


def url_problem(value: str) -> str | None:
    """Why a URL may not be published, or None when it is fine (http, https, mailto only)."""
    if WHITESPACE.search(value):
        return "Webadressen dürfen keine Leerzeichen enthalten."
    try:
        parts = urlsplit(value)
    except ValueError:
        return "Das ist keine gültige Webadresse."
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"`{scheme}:`" if scheme else "ohne `https://`"
        return f"Erlaubt sind nur Adressen mit `https://`, `http://` oder `mailto:`, nicht {shown}."
    if scheme in ("http", "https") and not parts.hostname:
        return "Nach `https://` fehlt der Name der Webseite."
    if scheme in ("http", "https") and "@" in parts.netloc:
        return (
            "Vor dem Namen der Webseite steht ein `…@`: So eine Adresse führt woanders hin, "
            "als sie zu zeigen scheint. Schreiben Sie nur `https://` und den Namen der Webseite."
        )
    try:
        parts.port  # noqa: B018 - reading it checks the number
    except ValueError:
        return "Die Portnummer in der Adresse gibt es nicht (erlaubt sind 1 bis 65535)."
    if any(c in value for c in '"<>`'):
        return (
            "Webadressen enthalten keine Anführungszeichen oder spitzen Klammern; "
            "kopieren Sie die Adresse aus der Adresszeile des Browsers."
        )
    return None


def link_target_problem(target: str) -> str | None:
    """Why a link target in a body may not be published. Only full http(s) and mailto addresses
    and anchors on the same page (`#ziele`): an entry's page address is generated, so a relative
    path would break; other entries are linked with the `related` field."""
    decoded = html.unescape(target)
    cleaned = decoded
    # Every whitespace character but the plain space is unprintable, so the usual clean
    # address skips the walk over its characters.
    if not decoded.isprintable() or " " in decoded:
        cleaned = "".join(ch for ch in decoded if ch.isprintable() and not ch.isspace())
    if not cleaned or cleaned.startswith("#"):
        return None
    if cleaned.startswith("//"):
        return "Adressen ohne `https:` sind nicht erlaubt; schreiben Sie `https://…`."
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return (
            "Relative Links sind im Eintrag nicht möglich. Schreiben Sie die vollständige "
            "Adresse (https://…); auf andere Einträge verweisen Sie mit dem Feld `related`."
        )
    return url_problem(cleaned)
