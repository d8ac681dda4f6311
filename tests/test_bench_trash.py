"""The benchmark deletes nothing while it times builds; replaced output waits in a trash folder.

A deletion of thousands of files slows every file created in the next 30 s on this machine's file
system, so a timed build must not follow one (see bench/trash.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def trash_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_trash", REPO / "bench" / "trash.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site(folder: Path, text: str) -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "page" / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_discarded_output_is_kept_until_the_trash_is_emptied(
    tmp_path: Path, trash_module: ModuleType
) -> None:
    trash = trash_module.Trash(tmp_path / ".trash")
    output = tmp_path / "ours-site"
    site(output, "erster Build")
    trash.discard(output)
    assert not output.exists()  # the next build writes a new folder
    site(output, "zweiter Build")
    trash.discard(output)
    kept = sorted(p.read_text("utf-8") for p in (tmp_path / ".trash").rglob("index.html"))
    assert kept == ["erster Build", "zweiter Build"]  # nothing deleted yet
    trash.empty()
    assert not (tmp_path / ".trash").exists()


def test_discarding_what_does_not_exist_does_nothing(
    tmp_path: Path, trash_module: ModuleType
) -> None:
    trash = trash_module.Trash(tmp_path / ".trash")
    trash.discard(tmp_path / "never-built")
    assert not (tmp_path / ".trash").exists()
    trash.empty()  # also fine when nothing was discarded
