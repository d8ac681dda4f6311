"""Render the site navigation once per folder depth instead of once per page.

Material renders the whole navigation (sidebar and tabs) into every page. For the thousands of
generated pages that are not in `nav` (entries, term and list pages), that HTML is the same on
every page at the same folder depth: no item is active, and links differ only by the relative
prefix (`../../`). Measured at 5,000 entries: a third of the time spent in templates.

Templates wrap such a part in `{% call praxis_shared("nav", praxis_nav_key) %}…{% endcall %}`;
`praxis_nav_key` is set only on pages outside `nav`, so pages in the navigation, whose active
item differs, are always rendered in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

NAV_KEY = "praxis_nav_key"
FUNCTION = "praxis_shared"


class SharedFragments:
    """Rendered fragments by (name, key); emptied at the start of every build."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], Markup] = {}
        self._in_nav: frozenset[str] = frozenset()

    def begin(self, nav_urls: Iterable[str]) -> None:
        """A new build: forget every fragment (the preview may have changed the nav)."""
        self._rendered = {}
        self._in_nav = frozenset(nav_urls)

    def key(self, page_url: str) -> str | None:
        """The cache key of a page's navigation, or None when the page is in `nav` (its
        navigation marks it as active)."""
        if page_url in self._in_nav:
            return None
        return str(page_url.count("/"))

    def __call__(self, name: str, key: str, caller: Callable[[], str]) -> Markup:
        """Jinja's `{% call %}` passes the wrapped block as `caller`."""
        found = self._rendered.get((name, key))
        if found is None:
            found = Markup(caller())
            self._rendered[(name, key)] = found
        return found
