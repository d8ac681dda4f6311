"""Nothing internal in the public edition, and the audit proves it.

Canary entries and a canary page (tests/fixtures/intern) are added to a copy of the site. The
public build must hold none of their strings; the internal build holds them all. Then the
edition filter is broken on purpose and the public build must fail, naming every kind of output
the leak reached: pages, lists, the search index, open data, feeds, calendars, the sitemap.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.content_types import CONTENT_TYPE_BY_KEY
from praxis.editions import EDITION_VARIABLE, HandWrittenPage
from praxis.leak_audit import Canary, Needles, audit_leaks, canaries, readable_text
from praxis.model import Entry
from site_build import BUILD_ENV, copy_project

FIXTURES = Path(__file__).parent / "fixtures" / "intern"
CANARIES = ("quarzblau", "smaragdgrün", "rubinrot", "kanarienvogel-seite bernstein")
INTERNAL_IDS = (
    "kanarien-austausch-quarzblau",
    "kanarien-praxis-smaragdgruen",
    "kanarien-gesuch-rubinrot",
)
ENV = {**BUILD_ENV, "PRAXIS_BUILD_DATE": "2026-11-22", "PRAXIS_WORKERS": "1"}
LEAK_MESSAGE = "Interne Inhalte stehen in der öffentlichen Ausgabe"
# A build whose edition filter is broken: every entry counts as visible in every edition. The
# completeness audit would stop such a build too (internal entries without their list pages);
# it is switched off so that the leak audit is tested alone.
BROKEN_FILTER = (
    "import praxis.corpus\n"
    "praxis.corpus.visible_in = lambda entry, edition: True\n"
    "import praxis.mkdocs_plugin.plugin\n"
    "praxis.mkdocs_plugin.plugin.audit_site = lambda *args: []\n"
)
# A build that forgets to leave out hand-written internal pages.
BROKEN_PAGES = (
    "from praxis.mkdocs_plugin.plugin import PraxisPlugin\n"
    "PraxisPlugin._drop_internal_pages = lambda self, files, config: None\n"
)
RUN_MKDOCS = "from mkdocs.__main__ import cli\ncli(['build', '--strict', '--site-dir', {site!r}])\n"


def _entry(entry_id: str, title: str, summary: str = "", body: str = "") -> Entry:
    fields = {"title": title, "summary": summary}
    return Entry(
        entry_id, CONTENT_TYPE_BY_KEY["gesuch"], f"content/gesuche/{entry_id}.md", fields, body, 1
    )


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURES, project, dirs_exist_ok=True)
    return project


def _build(
    project: Path, site: Path, patch: str = "", edition: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**ENV, EDITION_VARIABLE: edition} if edition else ENV
    code = patch + RUN_MKDOCS.format(site=str(site))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, env=env
    )


def _all_text(site: Path) -> str:
    """Every file of a site as plain lower-case text, gzip'd files unpacked."""
    texts = []
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if raw.startswith(b"\x1f\x8b"):
                raw = gzip.decompress(raw)
            texts.append(raw.decode("utf-8", errors="ignore"))
    return "\n".join(texts).casefold()


def _leaked_files(stderr: str) -> set[str]:
    return set(re.findall(r"^(\S+):1: Fehler: Die öffentliche Seite enthält", stderr, re.M))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("editions"))


def test_the_public_build_holds_no_canary_and_the_internal_build_all(
    project: Path, tmp_path: Path
) -> None:
    public = _build(project, tmp_path / "oeffentlich")
    assert public.returncode == 0, public.stderr[-3000:]
    assert "nichts von 7 internen Einträgen und 2 internen Seiten gefunden" in public.stderr
    text = _all_text(tmp_path / "oeffentlich")
    for canary in (*CANARIES, *INTERNAL_IDS, "kira kanarienvogel"):
        assert canary not in text, canary
    assert not (tmp_path / "oeffentlich" / "gesuche-und-angebote").exists()
    home = (tmp_path / "oeffentlich" / "index.html").read_text("utf-8")
    assert "md-banner" not in home and "noindex" not in home  # no marker, indexable
    assert not (tmp_path / "oeffentlich" / "robots.txt").exists()

    internal = _build(project, tmp_path / "intern", edition="intern")
    assert internal.returncode == 0, internal.stderr[-3000:]
    site = tmp_path / "intern"
    for entry_id, folder in zip(
        INTERNAL_IDS, ("veranstaltungen", "praxisbeispiele", "gesuche-und-angebote"), strict=True
    ):
        page = (site / folder / entry_id / "index.html").read_text("utf-8")
        assert 'class="praxis-intern"' in page
    assert "kira kanarienvogel" in _all_text(site)
    # Open data stays public data: no internal entry under an open licence.
    for name in ("eintraege.json", "eintraege.csv"):
        data = (site / "daten" / name).read_text("utf-8").casefold()
        assert not any(entry_id in data for entry_id in INTERNAL_IDS), name
    assert (site / "kanarien-seite-bernstein" / "index.html").is_file()
    assert (site / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"


def test_every_page_of_the_internal_edition_is_marked_and_not_for_search_engines(
    project: Path, tmp_path: Path
) -> None:
    env_site = tmp_path / "intern"
    env = {**ENV, EDITION_VARIABLE: "intern", "SITE_URL": "https://intern.example/plattform/"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(env_site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    pages = list(env_site.rglob("*.html"))
    assert len(pages) > 100
    assert env_site / "redaktion" / "index.html" in pages
    for page in pages:
        html = page.read_text("utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert 'class="praxis-intern"' in html, page
    sitemap = (env_site / "sitemap.xml").read_text("utf-8")
    assert "https://intern.example/plattform/gesuche-und-angebote/" in sitemap
    finder = (env_site / "praxisfinder" / "index.html").read_text("utf-8")
    assert "Gesuche und Angebote" in finder


def test_a_broken_edition_filter_is_caught_in_every_kind_of_output(
    project: Path, tmp_path: Path
) -> None:
    result = _build(project, tmp_path / "site", patch=BROKEN_FILTER)
    assert result.returncode != 0
    assert LEAK_MESSAGE in result.stderr
    leaked = _leaked_files(result.stderr)
    kinds = {
        "entry page (with its JSON-LD)": "veranstaltungen/kanarien-austausch-quarzblau/index.html",
        "list page": "veranstaltungen/index.html",
        "term page": "module/modul-3a/index.html",
        "municipality page": "kommunen/kreis-nordmarsch/index.html",
        "home page": "index.html",
        "a public entry's page naming it": (
            "veranstaltungen/austauschtreffen-modellkommunen-herbst-2026/index.html"
        ),
        "feed": "feed.xml",
        "term feed": "themen/meldestellen/feed.xml",
        "calendar": "veranstaltungen.ics",
        "event calendar": "veranstaltungen/kanarien-austausch-quarzblau/termin.ics",
        "sitemap": "sitemap.xml",
        "packed sitemap": "sitemap.xml.gz",
        "open data JSON": "daten/eintraege.json",
        "open data CSV": "daten/eintraege.csv",
    }
    missing = {kind: path for kind, path in kinds.items() if path not in leaked}
    assert missing == {}, sorted(leaked)
    assert any(p.startswith("pagefind/fragment/") for p in leaked), "search index"


def test_a_public_build_that_keeps_an_internal_page_fails(project: Path, tmp_path: Path) -> None:
    result = _build(project, tmp_path / "site", patch=BROKEN_PAGES)
    assert result.returncode != 0
    leaked = _leaked_files(result.stderr)
    assert "kanarien-seite-bernstein/index.html" in leaked
    assert "docs/kanarien-seite-bernstein.md" in result.stderr


def test_the_internal_edition_is_never_deployed_to_github_pages(
    project: Path, tmp_path: Path
) -> None:
    copy = shutil.copytree(project, tmp_path / "repo")
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    env = {**ENV, EDITION_VARIABLE: "intern"}
    command = [sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history", "--remote-name", "x"]
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "Die interne Ausgabe wird nie auf GitHub Pages veröffentlicht" in result.stderr
    branches = subprocess.run(
        ["git", "branch", "--list", "gh-pages"], cwd=copy, capture_output=True, text=True
    )
    assert branches.stdout == ""


# -- the search itself, file by file -----------------------------------------------------------

ID = "kanarien-gesuch-rubinrot"
TITLE = "Gesucht: Kanarienvogel Rubinrot & Co. (fiktiv)"


def _found(site: Path) -> set[str]:
    entry = _entry(ID, TITLE, "Ein Satz, der so in keinem öffentlichen Eintrag steht, bitte.")
    problems = audit_leaks(site, canaries([entry], []))
    return {p.path for p in problems}


def test_escaped_packed_and_folded_copies_are_found(tmp_path: Path) -> None:
    site = tmp_path
    (site / "seite.html").write_text(
        "<h1>Gesucht: Kanarienvogel Rubinrot &amp; Co. (fiktiv)</h1>", "utf-8"
    )
    fragment = b"pagefind_dcd" + json.dumps({"title": TITLE}).encode()
    (site / "f.pf_fragment").write_bytes(gzip.compress(fragment))
    (site / "k.ics").write_text(
        "BEGIN:VEVENT\r\nSUMMARY:Gesucht: Kanarienvogel Rubinrot & Co. (fik\r\n tiv)\r\n"
        "END:VEVENT\r\n",
        "utf-8",
    )
    (site / "d.json").write_text(json.dumps({"u": f"/gesuche-und-angebote/{ID}/"}), "utf-8")
    (site / "ld.html").write_text(
        '<script type="application/ld+json">{"name": "Gesucht: Kanarienvogel Rubinrot \\u0026 '
        'Co. (fiktiv)"}</script>',
        "utf-8",
    )
    (site / "s.html").write_text(
        "<p>Ein Satz, der so in <em>keinem</em> öffentlichen Eintrag steht, bitte.</p>", "utf-8"
    )
    assert _found(site) == {"seite.html", "f.pf_fragment", "k.ics", "d.json", "ld.html", "s.html"}


def test_an_id_that_is_an_ordinary_word_is_searched_as_an_address(tmp_path: Path) -> None:
    entry = _entry("hospitation", "Angebot: Hospitation in der Clearingstelle")
    found = canaries([entry], [], public_texts=["Wir bieten Hospitation an."])
    assert [c.needle for c in found] == [
        "gesuche-und-angebote/hospitation",
        "angebot: hospitation in der clearingstelle",
    ]
    (tmp_path / "a.html").write_text("<p>Hospitation bei uns</p>", "utf-8")
    assert audit_leaks(tmp_path, found) == []
    (tmp_path / "b.html").write_text(
        '<a href="../gesuche-und-angebote/hospitation/">x</a>', "utf-8"
    )
    assert [p.path for p in audit_leaks(tmp_path, found)] == ["b.html"]


def test_a_longer_id_or_word_is_no_hit(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(f'<a href="/x/{ID}-archiv/">{ID}s</a>', "utf-8")
    assert _found(tmp_path) == set()


def test_titles_and_sentences_found_in_public_text_or_too_short_are_no_canaries() -> None:
    shared = "Dieser Satz über den Austausch steht auch in einem öffentlichen Text."
    internal = _entry(ID, "Austauschtreffen der Modellkommunen", shared)
    public = _entry("oeffentlich", "Austauschtreffen der Modellkommunen", shared)
    pages = [
        HandWrittenPage("intern/index.md", "Unter uns Kolleginnen"),
        HandWrittenPage("kurz.md", "Intern"),
        HandWrittenPage("gesagt.md", "Wie im Vokabular beschrieben"),
    ]
    found = canaries([internal], [public], pages, public_texts=["Wie im Vokabular beschrieben"])
    assert [(c.needle, c.what) for c in found] == [
        (f"gesuche-und-angebote/{ID}", "Adresse"),
        (ID, "Kennung"),
        ("intern/", "Adresse"),
        ("unter uns kolleginnen", "Titel"),
        ("kurz/", "Adresse"),
        ("gesagt/", "Adresse"),
    ]
    assert all(isinstance(c, Canary) for c in found)


def test_readable_text_survives_binary_and_broken_files(tmp_path: Path) -> None:
    (tmp_path / "kaputt.gz").write_bytes(b"\x1f\x8b not gzip at all")
    (tmp_path / "bin.dat").write_bytes(os.urandom(64))
    assert isinstance(readable_text(tmp_path / "kaputt.gz"), str)
    assert isinstance(readable_text(tmp_path / "bin.dat"), str)


def test_an_internal_start_page_is_searched_by_its_title(tmp_path: Path) -> None:
    # Its address is the site's root, which every page links: only the title can tell.
    found = canaries([], [], [HandWrittenPage("index.md", "Die interne Startseite")])
    assert [(c.needle, c.what) for c in found] == [("die interne startseite", "Titel")]
    (tmp_path / "index.html").write_text("<h1>Die interne Startseite</h1>", "utf-8")
    assert [p.path for p in audit_leaks(tmp_path, found)] == ["index.html"]


def test_canaries_are_found_as_whole_words_overlapping_ones_included() -> None:
    needles = Needles(["schutz konzept", "konzept für", "ärger"])
    text = "ein schutz konzept für alle; schutzkonzept; mehr-ärger; \ud800 ärger"
    assert needles.hits(text) == ["konzept für", "schutz konzept", "ärger"]
    assert needles.hits("kein schutzkonzept und ärgerlich") == []
    assert Needles([]).hits("alles") == []


def test_an_internal_id_that_is_also_a_vocabulary_term_is_no_canary() -> None:
    """`praxis new gesuch "Kollegiale Beratung"` writes `kollegiale-beratung.md`, the id of a
    term whose pages and data are public: only the entry's address stays a canary."""
    from praxis.leak_audit import public_texts
    from praxis.vocabulary import load_vocabularies

    repo = Path(__file__).resolve().parent.parent
    vocabularies, _ = load_vocabularies(repo)
    texts = list(public_texts(vocabularies, repo / "docs"))
    term = "kollegiale-beratung"  # an offer of peer exchange; no page or example writes it
    assert any(t.id == term for v in vocabularies.values() for t in v.terms)
    internal = _entry(term, "Kurz")
    found = canaries([internal], [], public_texts=texts)
    assert [(c.needle, c.what) for c in found] == [(f"gesuche-und-angebote/{term}", "Adresse")]


def test_an_internal_profiles_address_is_no_canary_where_the_public_site_has_that_place() -> None:
    """Public entries about "Stadt Lindenau" make its public page `kommunen/stadt-lindenau/`,
    where the internal edition shows the internal profile of the same id."""
    profile = Entry(
        "stadt-lindenau",
        CONTENT_TYPE_BY_KEY["kommune"],
        "content/kommunen/stadt-lindenau.md",
        {"title": "Stadt Lindenau (fiktiv)", "summary": ""},
        "",
        1,
    )
    kept = canaries([profile], [], public_addresses=["kommunen/stadt-lindenau/"])
    assert "kommunen/stadt-lindenau" not in [c.needle for c in kept]
    assert "stadt-lindenau" in [c.needle for c in kept]  # its id still stands for it
