"""Pagefind runs on the search documents while the build checks its pages: it finishes with
the bundle, the word lists and the finder's table, or is stopped when the build fails."""

from __future__ import annotations

import json
import multiprocessing
import tempfile
from pathlib import Path

import pytest

from praxis import search_index
from praxis.search_documents import SearchDocument, search_corpus
from praxis.search_index import (
    TABLE,
    BackgroundIndex,
    build_search_index,
    page_ids,
    scratch_folder,
    start_search_index,
)


def corpus():
    documents = [
        SearchDocument(
            url=f"praxisbeispiele/eintrag-{n}/",
            title=f"Schutzkonzept {n}",
            kind="praxisbeispiel",
            summary="Wie eine Kommune ein Schutzkonzept aufbaut.",
            body="Beratung, Polizei und Verwaltung an einem Tisch.",
            filters={"art": ("praxisbeispiel",)},
            sort={"datum": f"2024-0{n}-01", "titel": f"schutzkonzept {n}"},
            meta={"title": f"Schutzkonzept {n}", "art": "Praxisbeispiel"},
        )
        for n in (1, 2)
    ]
    return search_corpus(documents)


def test_the_index_holds_the_bundle_the_word_lists_and_the_table(tmp_path: Path) -> None:
    run = build_search_index(corpus(), tmp_path)
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not (tmp_path / "pagefind" / "pagefind-ui.js").exists()
    ids = page_ids(tmp_path / "pagefind")
    assert set(ids) == {"/praxisbeispiele/eintrag-1/", "/praxisbeispiele/eintrag-2/"}
    table = json.loads((tmp_path / TABLE).read_text("utf-8"))
    # Newest first: entry 2 is from February.
    newest_first = [ids["/praxisbeispiele/eintrag-2/"], ids["/praxisbeispiele/eintrag-1/"]]
    assert [table["prefix"] + i for i in table["ids"]] == newest_first
    assert run.peak_mb is None or run.peak_mb > 0
    assert "Pagefind" in run.text()


def test_a_failing_build_stops_the_indexer_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    pending = start_search_index(corpus(), tmp_path)
    folder = Path(pending.folder.name)
    assert folder.is_dir()
    pending.cancel()
    assert pending.process.returncode is not None
    assert not folder.exists()
    assert not (tmp_path / TABLE).exists()


def documents() -> list[SearchDocument]:
    return [
        SearchDocument(
            url=f"praxisbeispiele/eintrag-{n}/",
            title=f"Schutzkonzept {n}",
            kind="praxisbeispiel",
            body="Beratung, Polizei und Verwaltung an einem Tisch.",
        )
        for n in (1, 2)
    ]


def test_documents_made_by_a_worker_give_the_same_index(tmp_path: Path) -> None:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        search = BackgroundIndex(documents(), (), tmp_path, pool)
        search.poll(wait=True)  # Pagefind runs from this process, so a failed build can stop it
        assert search.pending is not None
        run = search.finish()
    assert search.count == 2
    assert set(page_ids(tmp_path / "pagefind")) == {
        "/praxisbeispiele/eintrag-1/",
        "/praxisbeispiele/eintrag-2/",
    }
    assert (tmp_path / TABLE).is_file() and "Pagefind" in run.text()


def test_a_build_failing_before_the_indexer_started_leaves_no_temporary_files(
    tmp_path: Path,
) -> None:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        search = BackgroundIndex(documents(), (), tmp_path, pool)
        folder = Path(search.folder.name)
    search.cancel()  # after the workers stopped: none writes into the folder any more
    assert not folder.exists()
    assert not (tmp_path / "pagefind").exists()


def test_stopping_an_indexer_that_has_already_finished_is_quiet(tmp_path: Path) -> None:
    pending = start_search_index(corpus(), tmp_path)
    pending.process.wait()  # it finished while the build checked its pages
    pending.cancel()
    assert not Path(pending.folder.name).exists()


def test_documents_go_to_memory_only_when_it_has_ample_room(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A container's /dev/shm may hold 64 MB: thousands of documents then go to the disk."""
    monkeypatch.setattr(search_index, "MEMORY_FOLDER", tmp_path)
    with scratch_folder(10, "praxis-test-") as roomy:
        assert Path(roomy).parent == tmp_path
    monkeypatch.setattr(search_index, "ROOM_PER_DOCUMENT", 2**62)
    with scratch_folder(10, "praxis-test-") as tight:
        assert Path(tight).parent == Path(tempfile.gettempdir())
    monkeypatch.setattr(search_index, "MEMORY_FOLDER", tmp_path / "fehlt")
    with scratch_folder(10, "praxis-test-") as missing:
        assert Path(missing).parent == Path(tempfile.gettempdir())
