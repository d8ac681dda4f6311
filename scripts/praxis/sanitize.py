"""The second line of defence: sanitise the HTML rendered from an entry's Markdown.

The validator already rejects raw HTML and unsafe links; this makes sure that whatever slips
through a Markdown extension cannot run script. The allow-list keeps the markup of the documented
extensions (admonitions, tables, footnotes, attribute-list classes, heading permalinks) and the
theme's classes.
"""

from __future__ import annotations

import nh3

TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
GENERIC = {"class", "id", "title"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": GENERIC | {"href"},
    "img": GENERIC | {"src", "alt", "width", "height", "loading"},
    "td": GENERIC | {"align", "colspan", "rowspan"},
    "th": GENERIC | {"align", "colspan", "rowspan", "scope"},
    "ol": GENERIC | {"start"},
    "details": GENERIC | {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Keep safe markup and classes; drop scripts, event handlers, styles and unsafe URLs."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
