"""One site, however it is built: serial and parallel builds write the same bytes, MkDocs never
reads an entry's body as metadata, and a failed build leaves the last good site alone."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from praxis.synthetic import write_corpus
from site_build import BUILD_ENV, PROJECT_ITEMS, copy_project, search_documents, strict_build

REPO = Path(__file__).resolve().parent.parent

VALID = REPO / "tests/corpus/bad/date-future/practices/date-future.md"

# Bodies whose first lines look like metadata to MkDocs (`Wort: Text`, a YAML block): the text
# must stay on the page and in the search index.
META_LIKE = {
    "wort-am-anfang": "Zielgruppe: Verwaltung und Beratungsstellen gemeinsam.\n\n## Ablauf\n\n"
    "Der Ablauf in drei Schritten.\n",
    "search-am-anfang": "search: nein, dieser Satz ist Text.\n\n## Ablauf\n\nText.\n",
    "yaml-am-anfang": "---\nsearch:\n  exclude: true\n---\n\nWeiterer Text nach der Linie.\n",
}


def _entry_text(body: str) -> str:
    text = VALID.read_text("utf-8").replace("reviewed: 2099-01-01", "reviewed: 2026-02-01")
    front, _ = text.split("\n---\n", 1)
    return front + "\n---\n" + body


def _project(tmp_path: Path, name: str, parallel: bool) -> Path:
    project = copy_project(tmp_path / name)
    write_corpus(project, 60, seed=3, today=dt.date(2026, 11, 22))
    for entry_id, body in META_LIKE.items():
        (project / "practices" / f"{entry_id}.md").write_text(_entry_text(body), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      review_months: 24\n",
            f"      review_months: 24\n      parallel: {str(parallel).lower()}\n"
            "      parallel_min_entries: 1\n",
        ),
        "utf-8",
    )
    return project


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Path, str], ...]:
    """(site, build log) of the serial and of the parallel build of the same project."""
    tmp_path = tmp_path_factory.mktemp("integrity")
    builds = []
    for name, parallel in (("serial", False), ("parallel", True)):
        site = tmp_path / f"{name}-site"
        result = strict_build(_project(tmp_path, name, parallel), site)
        assert result.returncode == 0, result.stderr[-3000:]
        assert ("Prozessen umgewandelt" in result.stderr) is parallel
        builds.append((site, result.stderr))
    return tuple(builds)


@pytest.fixture(scope="module")
def two_sites(two_builds: tuple[tuple[Path, str], ...]) -> tuple[Path, Path]:
    (serial, _), (parallel, _) = two_builds
    return serial, parallel


def test_serial_and_parallel_builds_audit_the_same_output(
    two_builds: tuple[tuple[Path, str], ...],
) -> None:
    """The leak audit's canaries are made by a worker in a parallel build: the same audit."""
    audited = [
        next(line for line in log.splitlines() if "öffentliche Ausgabe geprüft" in line)
        for _, log in two_builds
    ]
    assert audited[0].split("praxis:")[1] == audited[1].split("praxis:")[1]


def test_serial_and_parallel_builds_write_the_same_bytes(two_sites: tuple[Path, Path]) -> None:
    serial, parallel = two_sites

    def files(site: Path) -> list[Path]:
        # The gzipped sitemap carries its own time stamp; its text twin is compared.
        return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())

    # Pagefind writes each filter's values in hash-map order, which changes from run to run,
    # and names the filter files (and the meta file listing them) by their hash; the searchable
    # documents (fragments and word index) are compared byte for byte like every page.
    def compared(path: Path) -> bool:
        return path.suffix != ".gz" and not (
            path.parts[0] == "pagefind"
            and (
                path.parts[1] == "filter"
                or path.suffix == ".pf_meta"
                or path.name.endswith(".json")
            )
        )

    names = [p for p in files(serial) if compared(p)]
    assert names == [p for p in files(parallel) if compared(p)]
    assert len([p for p in names if p.parts[0] == "praxisbeispiele"]) > 20
    assert any(p.parts[0] == "pagefind" and p.parts[1] == "fragment" for p in names)
    different = [p for p in names if (serial / p).read_bytes() != (parallel / p).read_bytes()]
    assert different == []


@pytest.mark.parametrize("entry_id", sorted(META_LIKE))
def test_a_first_line_that_looks_like_metadata_stays_text(
    two_sites: tuple[Path, Path], entry_id: str
) -> None:
    first_words = META_LIKE[entry_id].lstrip("-\n").split("\n", 1)[0][:20]
    for site in two_sites:
        page = (site / "praxisbeispiele" / entry_id / "index.html").read_text("utf-8")
        body = page.split('<div class="praxis-body">', 1)[1]
        assert first_words.split(":")[0] in body, (site.name, entry_id)
        document = search_documents(site)[f"/praxisbeispiele/{entry_id}/"]
        assert first_words.split(":")[0] in document["content"], (site.name, entry_id)


def test_a_broken_entry_leaves_the_last_good_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", (*PROJECT_ITEMS, "Makefile"))
    venv = REPO / ".venv"
    make = ["make", "-C", str(project), f"VENV={venv}", "-o", f"{venv}/.installed", "site"]
    assert subprocess.run(make, capture_output=True, text=True, env=BUILD_ENV).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    bad = _entry_text('## Ablauf {#x" onmouseover="alert(1)}\n\nText.\n')
    (project / "practices" / "kaputt.md").write_text(bad, "utf-8")
    failed = subprocess.run(make, capture_output=True, text=True, env=BUILD_ENV)
    assert failed.returncode != 0
    assert "practices/kaputt.md:19: Fehler:" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == before


def test_bodies_the_check_accepts_build_strictly_under_the_output_policy(tmp_path: Path) -> None:
    """The property end to end: hostile-looking bodies that pass `praxis check` pass the strict
    build, whose last step is the output policy. Deterministic: a fixed seed picks the bodies."""
    import random

    from praxis.corpus import load_corpus
    from test_hostile_markup import PIECES

    project = copy_project(
        tmp_path / "project", ("mkdocs.yml", "docs", "overrides", "content/vocabularies")
    )
    (project / "practices").mkdir()
    rng = random.Random(11)
    for attempt in range(400):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        (project / "practices" / f"probe-{attempt}.md").write_text(_entry_text(body), "utf-8")
    today = dt.date(2026, 11, 22)
    for problem in load_corpus(project, today=today).errors:
        (project / problem.path).unlink(missing_ok=True)
    assert load_corpus(project, today=today).errors == []
    assert len(list((project / "practices").iterdir())) >= 40
    result = strict_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
