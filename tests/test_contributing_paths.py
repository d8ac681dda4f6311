"""CONTRIBUTING.md leads to the editors' guide along a menu path the site really has."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and Python tags; only the navigation's plain structure matters."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav_sections() -> dict[str, list[str]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    sections: dict[str, list[str]] = {}
    for item in config["nav"]:
        for title, value in item.items():
            sections[title] = value if isinstance(value, list) else [value]
    return sections


def _page_title(page: str) -> str:
    first = (ROOT / "docs" / page).read_text(encoding="utf-8").split("\n", 1)[0]
    return first.removeprefix("# ").strip()


def test_menu_path_to_the_guide_exists() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r"auf der Plattform unter „([^“]+)“", text)
    assert match, "CONTRIBUTING.md names no menu path to the guide"
    section, page_title = (part.strip() for part in re.split(r"\s*→\s*", match.group(1)))
    sections = _nav_sections()
    assert section in sections
    pages = {_page_title(page): page for page in sections[section] if isinstance(page, str)}
    assert page_title in pages, f"{page_title!r} is not a page under {section!r}"
    page = (ROOT / "docs" / pages[page_title]).read_text(encoding="utf-8")
    assert "(mitwirken/index.md)" in page, "the page on the path does not link to the guide"
    assert "`/mitwirken/`" in text
