"""Page types, viewports and the run tally shared by the browser tests and their fixtures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from praxis.model import CONTENT_TYPES

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LOCAL_SCHEMES = ("data:", "blob:", "about:")
HAND_WRITTEN = (
    "barrierefreiheit",
    "impressum",
    "datenschutz",
    "leichte-sprache",
    "ueber",
    "mitmachen",
    "mitwirken",
)
# Taxonomy URL segments; kept literal so a renamed taxonomy shows up as a failing test id.
TAXONOMIES = (
    "module",
    "themen",
    "zielgruppen",
    "kommunentypen",
    "bundeslaender",
    "formate",
)
PAGE_TYPES = (
    "start",
    *(f"eintrag-{t.key}" for t in CONTENT_TYPES),
    *(f"liste-{t.url_path}" for t in CONTENT_TYPES),
    *(f"uebersicht-{t}" for t in TAXONOMIES),
    *(f"begriff-{t}" for t in TAXONOMIES),
    "praxisfinder",
    *HAND_WRITTEN,
    "404",
)


@dataclass
class Tally:
    """What the browser tests looked at, for the closing summary."""

    axe_version: str = ""
    axe_runs: list[str] = field(default_factory=list)
    violations: int = 0
    requests: int = 0
    foreign: list[str] = field(default_factory=list)


TALLY = Tally()


def page_path(page_paths: dict[str, str], site_dir: Path, page_type: str) -> str:
    """The path for a page type; skips when the site has no such page (e.g. no entries yet)."""
    path = page_paths.get(page_type)
    if path is None:
        pytest.skip(f"Die Beispielinhalte enthalten keine Seite vom Typ {page_type}.")
    if page_type != "404" and not (site_dir / path / "index.html").is_file():
        pytest.fail(f"Die Seite /{path} fehlt in der gebauten Website.")
    return path


@dataclass
class Visit:
    """One page in its own browser context, with every request it made."""

    page: Page
    local: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def settle(page: Page) -> None:
    """Wait until transitions have finished: colours measured mid-fade are not the real ones."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')",
        polling=20,
        timeout=5000,
    )
