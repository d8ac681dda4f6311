"""The example site builds, and every page lists exactly what the front matter says.

Expectations are computed here from the raw front matter with PyYAML's BaseLoader, independently
of the package's own parser, taxonomy index and renderer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from praxis.corpus import load_corpus
from praxis.editions import PUBLIC
from site_build import built_site, copy_project, search_documents, search_table, strict_build

REPO = Path(__file__).resolve().parent.parent
FOLDERS = {
    "practices": "praxisbeispiele",
    "content/recommendations": "empfehlungen",
    "content/trainings": "materialien",
    "content/veranstaltungen": "veranstaltungen",
    "content/beratungsstellen": "hilfe",
    "content/kommunen": "kommunen",
    "content/netzwerke": "netzwerke",
}
# field (dotted) -> vocabulary file; the issue's specification, written out independently
TAXONOMY_FIELDS = {
    "modules": "modules",
    "topics": "topics",
    "target_groups": "target_groups",
    "formats": "formats",
    "municipality.type": "municipality_types",
    "municipality.state": "states",
    "programmes": "programmes",
    "quality_criteria": "quality_criteria",
}
HREF = re.compile(r'href="([^"#]*)"')


def front_matters(root: Path) -> list[tuple[str, str, dict]]:
    found = []
    for folder, url in FOLDERS.items():
        for path in sorted((root / folder).glob("*.md")):
            text = path.read_text("utf-8-sig")
            block = text.split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)
            # The public site: no drafts, no internal entries (their folders are not listed).
            if data.get("draft") != "true" and data.get("visibility") != "intern":
                found.append((path.stem, url, data))
    return found


def vocabulary(root: Path, name: str) -> dict:
    return yaml.safe_load((root / "content" / "vocabularies" / f"{name}.yml").read_text("utf-8"))


def values(data: dict, dotted: str) -> list[str]:
    current = data
    for part in dotted.split("."):
        current = current.get(part) if isinstance(current, dict) else None
    if current is None:
        return []
    return [current] if isinstance(current, str) else list(current)


def linked_entries(site: Path, page_dir: Path, entry_urls: set[str]) -> set[str]:
    found = set()
    for page in [page_dir / "index.html", *sorted(page_dir.glob("seite-*/index.html"))]:
        base = page.parent
        for href in HREF.findall(page.read_text("utf-8")):
            target = (base / href).resolve()
            rel = (
                target.relative_to(site.resolve()).as_posix()
                if target.is_relative_to(site.resolve())
                else ""
            )
            if rel in entry_urls:
                found.add(rel)
    return found


def count(n: int) -> str:
    return f"{n} Eintrag" if n == 1 else f"{n} Einträge"


def assert_site_matches_front_matter(root: Path, site: Path) -> None:
    entries = front_matters(root)
    entry_urls = {f"{url}/{entry_id}" for entry_id, url, _ in entries}
    for entry_id, url, data in entries:
        page = site / url / entry_id / "index.html"
        assert page.is_file(), f"missing entry page /{url}/{entry_id}/"
        assert data["title"].replace("&", "&amp;") in page.read_text("utf-8")
    for field, name in TAXONOMY_FIELDS.items():
        vocab = vocabulary(root, name)
        expected: dict[str, set[str]] = defaultdict(set)
        for entry_id, url, data in entries:
            for term in values(data, field):
                expected[term].add(f"{url}/{entry_id}")
        overview = (site / vocab["path"] / "index.html").read_text("utf-8")
        for term in vocab["terms"]:
            term_dir = site / vocab["path"] / term["id"]
            assert (term_dir / "index.html").is_file(), f"missing /{vocab['path']}/{term['id']}/"
            assert linked_entries(site, term_dir, entry_urls) == expected[term["id"]], term["id"]
            # The count a reader sees on the term page and next to the term in the overview.
            shown = count(len(expected[term["id"]]))
            html = (term_dir / "index.html").read_text("utf-8")
            assert f"<strong>{shown}</strong>" in html, (term["id"], shown)
            label = term["label"].replace("&", "&amp;")
            in_overview = f'{term["id"]}/">{label}</a> – {shown}<'
            assert in_overview in overview, (vocab["path"], in_overview)
    for url in FOLDERS.values():
        listed = linked_entries(site, site / url, entry_urls)
        assert listed == {u for u in entry_urls if u.startswith(url + "/")}


@pytest.fixture(scope="module")
def example_site() -> Path:
    return built_site()


def test_every_entry_and_term_page_matches_the_front_matter(example_site: Path) -> None:
    assert_site_matches_front_matter(REPO, example_site)


def test_pages_named_in_the_issue_exist(example_site: Path) -> None:
    for path in (
        "index.html",
        "module/modul-1a/index.html",
        "themen/hassrede/index.html",
        "zielgruppen/verwaltung/index.html",
        "kommunentypen/landkreis/index.html",
        "bundeslaender/sachsen/index.html",
        "ueber/index.html",
        "mitmachen/index.html",
        "impressum/index.html",
        "datenschutz/index.html",
        "barrierefreiheit/index.html",
        "pagefind/pagefind.js",
        "suche/woerter.json",
        "suche/begriffe.json",
    ):
        assert (example_site / path).is_file(), path


def test_module_page_shows_its_description_and_counts(example_site: Path) -> None:
    html = (example_site / "module" / "modul-2" / "index.html").read_text("utf-8")
    assert "Clearingverfahren" in html
    carrying = [
        (url, data) for _, url, data in front_matters(REPO) if "modul-2" in data.get("modules", [])
    ]
    by_type = {u: sum(1 for url, _ in carrying if url == u) for u in FOLDERS.values()}
    assert len(carrying) >= 3 and by_type["praxisbeispiele"] >= 2
    assert f"<strong>{count(len(carrying))}</strong>: {by_type['praxisbeispiele']} Prax" in html


def test_entry_page_has_a_fact_box_linking_its_terms(example_site: Path) -> None:
    html = (
        example_site / "praxisbeispiele" / "clearingstelle-landkreis-talheim" / "index.html"
    ).read_text("utf-8")
    assert "Steckbrief" in html
    assert 'href="../../themen/clearingverfahren/"' in html
    assert 'href="../../bundeslaender/baden-wuerttemberg/"' in html
    assert "Zuletzt geprüft" in html
    assert "Beispielinhalt" in html


def test_entries_are_not_in_the_navigation(example_site: Path) -> None:
    html = (example_site / "index.html").read_text("utf-8")
    nav = re.split(r'class="md-nav md-nav--primary[^"]*"', html, maxsplit=1)[1]
    nav = nav.split("</nav>", 1)[0]
    assert "praxisbeispiele/clearingstelle" not in nav


def test_pagination_keeps_every_entry_listed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("page_size: 80", "page_size: 2"), "utf-8")
    site = tmp_path / "site"
    result = strict_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "praxisbeispiele" / "seite-2" / "index.html").is_file()
    assert_site_matches_front_matter(project, site)


def test_broken_entry_fails_check_and_build_with_the_same_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    broken = project / "practices" / "kaputt.md"
    good = (project / "practices" / "clearingstelle-landkreis-talheim.md").read_text("utf-8")
    broken.write_text(good.replace("topics: [", "topics: [hasrede, ", 1), "utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "praxis", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1
    message = next(line for line in check.stdout.splitlines() if "hasrede" in line)
    assert message.startswith("practices/kaputt.md:")
    assert "Meinten Sie `hassrede`?" in message
    result = strict_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert not (tmp_path / "site" / "praxisbeispiele" / "kaputt").exists()
    assert "Traceback" not in result.stderr


def test_search_index_is_german_and_holds_every_entry_but_no_guide_page(example_site: Path) -> None:
    import json

    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["de"]
    documents = search_documents(example_site)
    published = [e for e in load_corpus(REPO).for_edition(PUBLIC).published]
    for e in published:
        assert f"/{e.url_path}" in documents, e.id
    assert not [url for url in documents if url.startswith(("/mitwirken/", "/betrieb/"))]
    # Lists and overviews repeat summaries; search leads to the entries themselves.
    assert "/themen/" not in documents and "/praxisfinder/" not in documents
    assert "/ueber/" in documents  # hand-written public pages are searchable


def test_search_document_holds_summary_fact_box_and_term_names(example_site: Path) -> None:
    document = search_documents(example_site)["/praxisbeispiele/allianz-gegen-hass-stadt-lindenau/"]
    entry = next(
        e
        for e in load_corpus(REPO).for_edition(PUBLIC).published
        if e.id == "allianz-gegen-hass-stadt-lindenau"
    )
    assert entry.summary[:60] in document["content"]
    assert "Sachsen" in document["content"]  # the Bundesland, only in the fact box
    assert "Modul 1" in document["content"]  # a term label
    assert search_table(example_site)[document["url"]]["land"] == ["sachsen"]
    assert document["meta"]["title"] == entry.title


def test_draft_is_validated_but_never_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "practices" / "clearingstelle-landkreis-talheim.md"
    draft = source.read_text("utf-8").replace("example: true", "example: true\ndraft: true")
    (project / "practices" / "entwurf-clearing.md").write_text(draft, "utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "praxis", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    site = tmp_path / "site"
    assert strict_build(project, site).returncode == 0
    assert not (site / "praxisbeispiele" / "entwurf-clearing").exists()
    assert "entwurf-clearing" not in (
        site / "themen" / "clearingverfahren" / "index.html"
    ).read_text("utf-8")
    assert_site_matches_front_matter(project, site)


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(REPO / "Makefile", project / "Makefile")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("vorherige Fassung", "utf-8")
    broken = project / "practices" / "kaputt.md"
    broken.write_text("---\ntitle: [\n---\n", "utf-8")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    stamp = tmp_path / "installed"  # the repository's .venv is set up already
    stamp.touch()
    result = subprocess.run(
        ["make", "-s", "site", f"VENV={REPO / '.venv'}", f"STAMP={stamp}"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "practices/kaputt.md:2: Fehler:" in result.stderr + result.stdout
    assert (project / "site" / "index.html").read_text("utf-8") == "vorherige Fassung"


def test_actor_terms_link_to_the_prefiltered_praxisfinder(example_site: Path) -> None:
    html = (
        example_site / "praxisbeispiele" / "clearingstelle-landkreis-talheim" / "index.html"
    ).read_text("utf-8")
    assert 'href="../../praxisfinder/?akteur=polizei"' in html
    assert not (example_site / "akteure").exists()


def test_the_finder_of_an_empty_edition_says_so_instead_of_an_empty_list() -> None:
    from praxis.render import SiteRenderer
    from praxis.taxonomy import build_index
    from praxis.vocabulary import load_vocabularies

    vocabularies, _ = load_vocabularies(Path(__file__).resolve().parent.parent)
    page = SiteRenderer([], vocabularies, build_index([], vocabularies)).finder_page()
    assert "()" not in page.markdown
    assert "Noch ist hier kein Eintrag veröffentlicht." in page.markdown
