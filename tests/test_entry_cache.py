"""The preview reads only what changed: an unchanged file gives the same entry and the same
problems without being read again; an edited file, or any edited vocabulary, is read anew."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from praxis.corpus import EntryCache, load_corpus

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _touch(path: Path, text: str) -> None:
    """Write and move the file's time forward, so that even a coarse clock sees the change."""
    path.write_text(text, "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_unchanged_files_are_not_read_again_and_edited_ones_are(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache = EntryCache()
    first = {e.id: e for e in load_corpus(root, today=TODAY, cache=cache).entries}
    edited = root / "practices" / "allianz-gegen-hass-stadt-lindenau.md"
    _touch(edited, edited.read_text("utf-8").replace('title: "', 'title: "Neu: ', 1))
    second = load_corpus(root, today=TODAY, cache=cache)
    again = {e.id: e for e in second.entries}
    assert again["allianz-gegen-hass-stadt-lindenau"].title.startswith("Neu: ")
    unchanged = [i for i in first if i != "allianz-gegen-hass-stadt-lindenau"]
    assert all(again[i] is first[i] for i in unchanged)  # the very same objects
    # The same problems as a reading without the cache.
    assert second.problems == load_corpus(root, today=TODAY).problems


def test_a_broken_file_keeps_its_problem_until_it_is_fixed(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache = EntryCache()
    path = root / "practices" / "allianz-gegen-hass-stadt-lindenau.md"
    original = path.read_text("utf-8")
    _touch(path, original.replace("topics:", "themen:", 1))
    assert load_corpus(root, today=TODAY, cache=cache).errors
    assert load_corpus(root, today=TODAY, cache=cache).errors  # from the cache, still there
    _touch(path, original)
    assert not load_corpus(root, today=TODAY, cache=cache).errors


def test_an_edited_vocabulary_makes_every_entry_read_again(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache = EntryCache()
    first = {e.id: e for e in load_corpus(root, today=TODAY, cache=cache).entries}
    vocabulary = root / "content" / "vocabularies" / "topics.yml"
    _touch(vocabulary, vocabulary.read_text("utf-8") + "\n")
    again = load_corpus(root, today=TODAY, cache=cache).entries
    assert all(e is not first[e.id] for e in again)
