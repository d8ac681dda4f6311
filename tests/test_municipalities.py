"""Kommunen: a page for every municipality named by an entry, profiles by id, one spelling."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from praxis.corpus import load_corpus
from praxis.editions import PUBLIC
from praxis.municipalities import core_name
from praxis.render import SiteRenderer
from praxis.taxonomy import build_index

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def pages():
    corpus = load_corpus(REPO, today=TODAY).for_edition(PUBLIC)
    index = build_index(corpus.published, corpus.vocabularies)
    return {p.src_uri: p for p in SiteRenderer(corpus.entries, corpus.vocabularies, index).pages()}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Landkreis Talheim (fiktiv)", "Kreis Talheim"),
        ("Stadt Lindenau", "Hansestadt Lindenau"),
        ("Verbandsgemeinde Moselhöhe", "VERBANDSGEMEINDE  Moselhöhe"),
    ],
)
def test_two_spellings_of_one_place_share_their_core_name(one: str, other: str) -> None:
    assert core_name(one) == core_name(other)


def test_every_municipality_named_by_an_entry_has_a_page_listing_its_entries(pages) -> None:
    lindenau = pages["kommunen/stadt-lindenau.md"]
    assert lindenau.kind == "municipality"
    assert lindenau.listed == ("allianz-gegen-hass-stadt-lindenau",)
    assert lindenau.data["description"] == "Kreisfreie Stadt, Sachsen"
    assert [m["text"] for m in lindenau.data["modules"]] == ["Modul 1: Kommunale Allianz"]


def test_a_profile_is_the_page_of_its_municipality(pages) -> None:
    assert "kommunen/landkreis-talheim.md" in pages
    profile = pages["kommunen/landkreis-talheim.md"]
    assert profile.kind == "entry"
    rows = {r["field"]: r for r in profile.data["rows"]}
    assert [v["path"] for v in rows["municipality_entries"]["values"]] == [
        "praxisbeispiele/clearingstelle-landkreis-talheim/"
    ]
    practice = pages["praxisbeispiele/clearingstelle-landkreis-talheim.md"]
    name = next(r for r in practice.data["rows"] if r["field"] == "municipality")["values"][0]
    assert name["path"] == "kommunen/landkreis-talheim/"


def test_the_directory_lists_every_municipality_on_the_page_of_its_land(pages) -> None:
    states = pages["kommunen/index.md"].data["states"]
    sachsen = next(s for s in states if s["label"] == "Sachsen")
    assert sachsen["path"] == "kommunen/bundesland/sachsen/"
    directory = [p for p in pages.values() if p.kind == "directory"]
    assert len(directory) == len(states)  # one page per Land at this size
    names = [m["label"] for p in directory for m in p.data["municipalities"]]
    assert len(names) == len(set(names)) == 12
    page = pages["kommunen/bundesland/sachsen.md"]
    assert page.data["municipalities"][0]["path"] == "kommunen/stadt-lindenau/"


def test_a_long_directory_is_split_into_pages_of_its_land(tmp_path: Path) -> None:
    # Forty municipalities in one Land with a page size of 2 (8 per directory page).
    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    source = (REPO / "practices/allianz-gegen-hass-stadt-lindenau.md").read_text("utf-8")
    for n in range(40):
        text = source.replace("Stadt Lindenau (fiktiv)", f"Stadt Ort{n:02d} (fiktiv)")
        (root / "practices" / f"allianz-ort-{n:02d}.md").write_text(text, "utf-8")
    corpus = load_corpus(root, today=TODAY)
    assert not corpus.errors
    index = build_index(corpus.published, corpus.vocabularies)
    renderer = SiteRenderer(corpus.entries, corpus.vocabularies, index, 2, TODAY, None)
    saxony = [p for p in renderer.pages() if p.src_uri.startswith("kommunen/bundesland/sachsen")]
    assert [p.src_uri for p in saxony][:2] == [
        "kommunen/bundesland/sachsen.md",
        "kommunen/bundesland/sachsen/seite-2.md",
    ]
    listed = [m["label"] for p in saxony for m in p.data["municipalities"]]
    assert len(listed) == len(set(listed))  # each once
    assert {f"Stadt Ort{n:02d} (fiktiv)" for n in range(40)} | {"Stadt Lindenau (fiktiv)"} <= set(
        listed
    )
    assert all(len(p.data["municipalities"]) <= 8 for p in saxony)


def _problems(tmp_path: Path, replace: tuple[str, str], file: str) -> list[str]:
    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    path = root / file
    path.write_text(path.read_text("utf-8").replace(*replace), "utf-8")
    return [f"{p.path}:{p.line}:{p.rule}" for p in load_corpus(root, today=TODAY).errors]


def test_another_spelling_of_a_profiled_municipality_is_an_error(tmp_path: Path) -> None:
    # The profile says "Landkreis Talheim (fiktiv)"; a practice writing "Kreis Talheim" in the
    # same Land and of the same kind would start a second page for the same place.
    file = "practices/clearingstelle-landkreis-talheim.md"
    text = (REPO / file).read_text("utf-8")
    text = text.replace('name: "Landkreis Talheim (fiktiv)"', 'name: "Kreis Talheim"')
    text = text.replace("  profile: landkreis-talheim\n", "")
    found = _problems(tmp_path, ((REPO / file).read_text("utf-8"), text), file)
    line = text.splitlines().index('  name: "Kreis Talheim"') + 1
    assert found == [f"{file}:{line}:municipality-name"]


def test_a_city_and_the_district_of_the_same_name_are_two_places(tmp_path: Path) -> None:
    file = "practices/clearingstelle-landkreis-talheim.md"
    found = _problems(
        tmp_path,
        ("  type: landkreis\n  state: baden-wuerttemberg\n  profile: landkreis-talheim\n",
         "  type: kreisangehoerige-stadt\n  state: baden-wuerttemberg\n"),
        file,
    )  # fmt: skip
    assert found == []


def test_an_unknown_profile_is_an_error_with_its_line(tmp_path: Path) -> None:
    file = "practices/clearingstelle-landkreis-talheim.md"
    found = _problems(tmp_path, ("profile: landkreis-talheim", "profile: landkreis-tahlheim"), file)
    line = (REPO / file).read_text("utf-8").splitlines().index("  profile: landkreis-talheim") + 1
    assert found == [f"{file}:{line}:reference-unknown"]


def _places(tmp_path: Path, *edits: tuple[str, str, str]) -> dict[str, list[str]]:
    """Municipality page → ids of its entries, after replacing text in the named files."""
    from praxis.municipalities import directory

    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    for file, old, new in edits:
        path = root / file
        assert old in path.read_text("utf-8")
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    corpus = load_corpus(root, today=TODAY)
    assert corpus.errors == []
    profiles = [e for e in corpus.published if e.type.directory]
    return {m.path: [e.id for e in m.entries] for m in directory(corpus.published, profiles)}


LINDENAU = "practices/allianz-gegen-hass-stadt-lindenau.md"
HOHENBRUCK = "practices/meldestelle-antisemitismus-stadt-hohenbruck.md"


def test_two_places_of_one_name_in_two_laender_get_a_page_each(tmp_path: Path) -> None:
    places = _places(
        tmp_path,
        (LINDENAU, 'name: "Stadt Lindenau (fiktiv)"', 'name: "Stadt Neustadt"'),
        (HOHENBRUCK, 'name: "Stadt Hohenbruck (fiktiv)"', 'name: "Stadt Neustadt"'),
    )
    assert places["kommunen/stadt-neustadt-sachsen/"] == ["allianz-gegen-hass-stadt-lindenau"]
    assert places["kommunen/stadt-neustadt-hessen/"] == [
        "meldestelle-antisemitismus-stadt-hohenbruck"
    ]
    assert "kommunen/stadt-neustadt/" not in places


def test_a_name_spelt_like_a_profile_in_another_land_is_not_that_profile(tmp_path: Path) -> None:
    places = _places(
        tmp_path, (LINDENAU, 'name: "Stadt Lindenau (fiktiv)"', 'name: "Landkreis Talheim"')
    )
    assert places["kommunen/landkreis-talheim-sachsen/"] == ["allianz-gegen-hass-stadt-lindenau"]
    assert "allianz-gegen-hass-stadt-lindenau" not in places["kommunen/landkreis-talheim/"]


@pytest.mark.parametrize("name", ["Seite 2", "Index", "Bundesland"])
def test_a_name_like_a_page_of_the_directory_gets_an_address_of_its_own(
    tmp_path: Path, name: str
) -> None:
    places = _places(tmp_path, (LINDENAU, 'name: "Stadt Lindenau (fiktiv)"', f'name: "{name}"'))
    (path,) = [p for p, ids in places.items() if "allianz-gegen-hass-stadt-lindenau" in ids]
    assert path.endswith("-kommune/")


def test_a_name_without_letters_is_an_error_at_its_line(tmp_path: Path) -> None:
    found = _problems(tmp_path, ('name: "Stadt Lindenau (fiktiv)"', 'name: "!!! 🏙️"'), LINDENAU)
    line = (REPO / LINDENAU).read_text("utf-8").splitlines().index(
        '  name: "Stadt Lindenau (fiktiv)"'
    ) + 1
    assert found == [f"{LINDENAU}:{line}:municipality-name"]


def test_an_entry_joins_the_profile_of_its_place_whatever_the_profiles_file_name(
    tmp_path: Path,
) -> None:
    # The profile is `talheim.md`; the entries name "Landkreis Talheim (fiktiv)" and no profile.
    renamed = _places_with_profile_renamed(tmp_path, "talheim")
    assert "clearingstelle-landkreis-talheim" in renamed["kommunen/talheim/"]
    assert not [p for p in renamed if p.startswith("kommunen/landkreis-talheim")]


def _places_with_profile_renamed(tmp_path: Path, new_id: str) -> dict[str, list[str]]:
    from praxis.municipalities import directory

    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "content/kommunen/landkreis-talheim.md").rename(root / f"content/kommunen/{new_id}.md")
    for path in root.rglob("*.md"):
        text = path.read_text("utf-8").replace("  profile: landkreis-talheim\n", "")
        path.write_text(text, "utf-8")
    corpus = load_corpus(root, today=TODAY)
    assert corpus.errors == []
    profiles = [e for e in corpus.published if e.type.directory]
    return {m.path: [e.id for e in m.entries] for m in directory(corpus.published, profiles)}


def test_a_second_profile_of_a_place_is_a_warning_a_profile_of_another_land_an_error(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    profile = root / "content/kommunen/landkreis-talheim.md"
    (root / "content/kommunen/talheim.md").write_text(profile.read_text("utf-8"), "utf-8")
    practice = root / LINDENAU
    text = practice.read_text("utf-8").replace(
        "  state: sachsen\n", "  state: sachsen\n  profile: landkreis-talheim\n"
    )
    practice.write_text(text, "utf-8")
    problems = load_corpus(root, today=TODAY).problems
    found = [(p.path, p.rule, p.is_error) for p in problems]
    assert ("content/kommunen/talheim.md", "municipality-profile-twice", False) in found
    assert (LINDENAU, "municipality-name", True) in found


def test_a_municipality_page_never_takes_the_address_of_a_draft_profile(tmp_path: Path) -> None:
    from praxis.municipalities import directory

    root = tmp_path / "root"
    for folder in ("content", "practices"):
        shutil.copytree(REPO / folder, root / folder)
    corpus = load_corpus(root, today=TODAY)
    places = directory(corpus.published, [], ["stadt-lindenau"])
    paths = [
        m.path for m in places if "allianz-gegen-hass-stadt-lindenau" in [e.id for e in m.entries]
    ]
    assert paths == ["kommunen/stadt-lindenau-kommune/"]
