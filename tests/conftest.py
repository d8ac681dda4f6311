"""Shared test helpers: the repository root and a factory for small content trees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    """A content tree with the real vocabularies and no entries."""
    shutil.copytree(REPO / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    for folder in ("practices", "content/recommendations", "content/trainings"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    return tmp_path
