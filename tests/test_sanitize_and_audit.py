"""Second lines of defence: the sanitiser strips what could run, and the build audits its output."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from pathlib import Path

import yaml

from praxis.audit import audit_site, output_file
from praxis.corpus import load_corpus
from praxis.editions import PUBLIC, edition_types
from praxis.render import SiteRenderer, page_url
from praxis.sanitize import sanitize_html
from praxis.taxonomy import build_index

REPO = Path(__file__).resolve().parent.parent


def test_sanitiser_removes_script_handlers_and_unsafe_urls() -> None:
    html = sanitize_html(
        '<p onclick="x()">Text<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">a</a><a href="java&#115;cript:alert(1)">b</a>'
        '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>'
        '<form action="https://evil.example"><input name="pw"></form>'
    )
    for forbidden in ("script", "onclick", "onerror", "javascript", "iframe", "form", "input"):
        assert forbidden not in html.lower()


def test_sanitiser_keeps_the_markup_of_documented_extensions() -> None:
    html = (
        '<div class="admonition note"><p class="admonition-title">Hinweis</p></div>'
        '<h2 id="ziele">Ziele<a class="headerlink" href="#ziele" title="Link">¶</a></h2>'
        '<table><tr><th align="left">Jahr</th></tr></table>'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        'class="admonition note"',
        'class="headerlink"',
        'id="ziele"',
        'align="left"',
        'class="footnote-ref"',
    ):
        assert kept in cleaned


# The site the front matter asks for, written out here independently of the renderer: entry
# folders, and for each list and term page the entries it must link to.
FOLDERS = {
    "practices": "praxisbeispiele",
    "content/recommendations": "empfehlungen",
    "content/trainings": "materialien",
    "content/veranstaltungen": "veranstaltungen",
    "content/beratungsstellen": "hilfe",
    "content/kommunen": "kommunen",
    "content/netzwerke": "netzwerke",
}
TERM_PAGES = {  # field (dotted) -> vocabulary file; actors have no pages of their own
    "modules": "modules",
    "topics": "topics",
    "target_groups": "target_groups",
    "formats": "formats",
    "municipality.type": "municipality_types",
    "municipality.state": "states",
    "programmes": "programmes",
    "quality_criteria": "quality_criteria",
}


def _municipality_slug(name: str) -> str:
    """`Stadt Saalebrück (fiktiv)` → `stadt-saalebrueck`: the address of its municipality page."""
    name = re.sub(r"\s*\([^)]*\)", "", name).lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def _expected_groups() -> tuple[list[str], dict[str, set[str]]]:
    """Entry URLs, and page folder -> entry URLs it lists, from the raw files."""
    entries: list[str] = []
    groups: dict[str, set[str]] = defaultdict(set)
    paths = {
        name: yaml.safe_load((REPO / "content" / "vocabularies" / f"{name}.yml").read_text())
        for name in TERM_PAGES.values()
    }
    for vocabulary in paths.values():
        for term in vocabulary["terms"]:
            groups[f"{vocabulary['path']}/{term['id']}"]  # every term has a page, maybe empty
    for land in paths["states"]["terms"]:
        groups[f"hilfe/{land['id']}"]  # every Land has a help page, maybe with nationwide ones only
    for folder, url in FOLDERS.items():
        groups[url]
        for path in sorted((REPO / folder).glob("*.md")):
            block = path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")
            data = yaml.load(block, Loader=yaml.BaseLoader)
            if data.get("draft") == "true" or data.get("visibility") == "intern":
                continue
            entry_url = f"{url}/{path.stem}"
            entries.append(entry_url)
            groups[url].add(entry_url)
            name = (data.get("municipality") or {}).get("name")
            if name and folder != "content/kommunen" and not data["municipality"].get("profile"):
                groups[f"kommunen/{_municipality_slug(name)}"].add(entry_url)
            if folder == "content/beratungsstellen":  # one page per Land it serves
                lands = (
                    paths["states"]["terms"]
                    if data.get("nationwide") == "true"
                    else [{"id": land} for land in data.get("regions", [])]
                )
                for land in lands:
                    groups[f"hilfe/{land['id']}"].add(entry_url)
            for field, name in TERM_PAGES.items():
                value = data
                for part in field.split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                for term in [value] if isinstance(value, str) else value or []:
                    groups[f"{paths[name]['path']}/{term}"].add(entry_url)
    return entries, groups


def _write_page(site: Path, folder: str, links: set[str], title: str = "") -> None:
    target = site / folder / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    up = "../" * (folder.count("/") + 1)
    anchors = "".join(f'<a href="{up}{link}/">x</a>' for link in sorted(links))
    target.write_text(f"<title>{html.escape(title)}</title>{anchors}", "utf-8")


def _site_for_audit(tmp_path: Path):
    """Every page the renderer promises (with its title, which the audit compares), linking to
    the entries the front matter says belong there."""
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22)).for_edition(PUBLIC)
    index = build_index(corpus.entries, corpus.vocabularies)
    types = edition_types(PUBLIC)
    pages = list(
        SiteRenderer(corpus.entries, corpus.vocabularies, index, 1000, None, None, types).pages()
    )
    entries, groups = _expected_groups()
    titles = {folder: "" for folder in (*entries, *groups)}
    titles.update({page_url(p.src_uri).rstrip("/"): p.title for p in pages if not p.draft})
    site = tmp_path / "site"
    for folder, title in titles.items():
        _write_page(site, folder, groups.get(folder, set()), title)
    return corpus, index, pages, site, groups, titles


def test_audit_accepts_the_site_the_front_matter_asks_for(tmp_path: Path) -> None:
    corpus, index, pages, site, groups, _ = _site_for_audit(tmp_path)
    assert sum(len(links) for links in groups.values()) > 100
    assert audit_site(site, corpus.entries, index.taxonomies, pages) == []


def test_audit_reports_a_lost_entry_page_and_a_missing_listing(tmp_path: Path) -> None:
    corpus, index, pages, site, groups, titles = _site_for_audit(tmp_path)
    lost = corpus.entries[0]
    output_file(site, lost.src_uri).unlink()
    topic = f"themen/{lost.fields['topics'][0]}"
    _write_page(site, topic, groups[topic] - {lost.url_path.rstrip("/")}, titles[topic])
    problems = audit_site(site, corpus.entries, index.taxonomies, pages)
    found = {(p.rule, p.path) for p in problems}
    assert {("build-audit", f"/{topic}/"), ("build-lost", lost.path)} <= found
    assert {path for _, path in found} <= {f"/{topic}/", lost.path, lost.src_uri}


def test_audit_reports_an_entry_listed_on_a_page_whose_term_it_does_not_carry(
    tmp_path: Path,
) -> None:
    corpus, index, pages, site, groups, titles = _site_for_audit(tmp_path)
    entry = corpus.entries[0]
    other = next(g for g in groups if g.startswith("themen/") and f"{entry.url_path}".rstrip("/")
                 not in groups[g])  # fmt: skip
    _write_page(site, other, groups[other] | {entry.url_path.rstrip("/")}, titles[other])
    problems = audit_site(site, corpus.entries, index.taxonomies, pages)
    assert [(p.rule, p.path) for p in problems] == [("build-audit", f"/{other}/")]
    assert f"`{entry.id}` steht auf dieser Seite" in problems[0].message
