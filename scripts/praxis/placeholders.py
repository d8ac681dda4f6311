"""Operator details (Impressum, Datenschutz, Barrierefreiheit) come from one place.

Hand-written pages write `[[operator.email]]`; the value comes from `extra.operator` in
`mkdocs.yml`. A missing value is shown as a visible marker, never as an empty gap, so an
unfinished legal page cannot go unnoticed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\[\[\s*(operator(?:\.[a-z_]+)+)\s*\]\]")


def lookup(data: Mapping[str, Any], dotted: str) -> str | None:
    current: Any = {"operator": data}
    for part in dotted.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    if current is None or isinstance(current, (Mapping, list)):
        return None
    text = str(current).strip()
    return text or None


def fill_placeholders(markdown: str, operator: Mapping[str, Any]) -> tuple[str, list[str]]:
    """Replace every placeholder; return the text and the keys that are still missing."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        value = lookup(operator, key)
        if value is None:
            missing.append(key)
            return f'<mark class="praxis-missing">[Angabe fehlt: {key}]</mark>'
        return markdown_literal(value)

    return PLACEHOLDER.sub(replace, markdown), missing


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def markdown_literal(text: str) -> str:
    """A text from the configuration (the operator's name) as Markdown that shows it as written:
    HTML escaped, Markdown's punctuation backslashed, on one line."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
