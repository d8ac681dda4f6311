"""Render the parts of a page that do not depend on it once per folder depth, not per page.

Material renders the header, the whole navigation (sidebar and tabs), the footer and its
configuration script into every page. For the thousands of generated pages that are not in
`nav` (entries, term and list pages) that HTML is the same on every page at the same folder
depth: no item is active, and links differ only by how many `../` lead to the site root.
Measured at 5,000 entries: more than half the time spent in templates.

Templates wrap such a part in `{% call praxis_shared("nav", praxis_nav_key) %}…{% endcall %}`;
`praxis_nav_key` is set only on pages outside `nav`, so pages in the navigation, whose active
item differs, are always rendered in full. A part with one page-specific text (the header's
page title) writes `praxis_fill` in its place and passes the text as the third argument.

Reuse is safe only if a link reads the same from every page of a depth. MkDocs' `url` filter
writes the shortest relative link, which differs between pages of one depth when the target
is the page itself or lies beside it (`./` on /barrierefreiheit/, `../barrierefreiheit/`
elsewhere). On these pages the filter therefore writes every link from the site root
(`../barrierefreiheit/` on every page one folder deep): same target, same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import normalize_url

NAV_KEY = "praxis_nav_key"
FUNCTION = "praxis_shared"
FILL_NAME = "praxis_fill"
# Stands for the page-specific text while a fragment is rendered once; no page contains it.
FILL = "\x00praxis-fill\x00"
# A folder no page lives in: links made relative to it go up to the site root first.
_NOWHERE = "praxis-geteilt/"


class _Place:
    """What `normalize_url` reads of a page: its URL."""

    def __init__(self, url: str) -> None:
        self.url = url


class SharedFragments:
    """Rendered fragments by (name, key); emptied at the start of every build."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], Markup] = {}
        self._in_nav: frozenset[str] = frozenset()
        self._places: dict[str, _Place] = {}

    def begin(self, nav_urls: Iterable[str]) -> None:
        """A new build: forget every fragment (the preview may have changed the nav)."""
        self._rendered = {}
        self._in_nav = frozenset(nav_urls)

    def key(self, page_url: str) -> str | None:
        """The cache key of a page's shared parts (its folder depth), or None when the page is
        in `nav` (its navigation marks it as active)."""
        if page_url in self._in_nav:
            return None
        return str(page_url.count("/"))

    def __call__(
        self, name: str, key: str, fill: str | None = None, *, caller: Callable[[], str]
    ) -> Markup:
        """Jinja's `{% call %}` passes the wrapped block as `caller`."""
        found = self._rendered.get((name, key))
        if found is None:
            found = Markup(caller())
            self._rendered[(name, key)] = found
        if fill is None:
            return found
        return Markup(str(found).replace(FILL, str(fill)))

    def url_filter(self, original: Callable[..., str]) -> Callable[..., str]:
        """The `url` filter: MkDocs' own on pages in `nav`; from the site root on the others."""

        @pass_context
        def url(context: Context, value: Any) -> str:
            key = context.get(NAV_KEY)
            if key is None:
                return original(context, value)
            place = self._places.get(key)
            if place is None:
                place = self._places[key] = _Place(_NOWHERE * int(key))
            return normalize_url(str(value), page=place)  # type: ignore[arg-type]

        return url
