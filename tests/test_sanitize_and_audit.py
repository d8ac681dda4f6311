"""Second lines of defence: the sanitiser strips what could run, and the build audits its output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from praxis.audit import audit_site, output_file
from praxis.corpus import load_corpus
from praxis.render import SiteRenderer
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
        '<table><tr><th style="text-align: left;">Jahr</th></tr></table>'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        'class="admonition note"',
        'class="headerlink"',
        'id="ziele"',
        "text-align:left",
        'class="footnote-ref"',
    ):
        assert kept in cleaned


def _site_for_audit(tmp_path: Path):
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 22))
    index = build_index(corpus.entries, corpus.vocabularies)
    pages = list(SiteRenderer(corpus.entries, corpus.vocabularies, index, 50).pages())
    site = tmp_path / "site"
    for page in pages:
        target = output_file(site, page.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        depth = page.src_uri.count("/")
        links = "".join(
            f'<a href="{"../" * (depth + (0 if page.src_uri.endswith("index.md") else 1))}'
            f'{_entry_url(corpus, entry_id)}">x</a>'
            for entry_id in page.listed
        )
        target.write_text(f"<html>{links}</html>", "utf-8")
    return corpus, index, pages, site


def _entry_url(corpus, entry_id: str) -> str:
    return next(e.url_path for e in corpus.entries if e.id == entry_id)


def test_audit_accepts_a_complete_site(tmp_path: Path) -> None:
    corpus, index, pages, site = _site_for_audit(tmp_path)
    assert audit_site(site, corpus.entries, index.taxonomies, pages) == []


def test_audit_reports_a_lost_entry_page_and_a_missing_listing(tmp_path: Path) -> None:
    corpus, index, pages, site = _site_for_audit(tmp_path)
    lost = corpus.entries[0]
    output_file(site, lost.src_uri).unlink()
    topic_page = output_file(site, f"themen/{lost.fields['topics'][0]}.md")
    topic_page.write_text("<html></html>", "utf-8")
    problems = audit_site(site, corpus.entries, index.taxonomies, pages)
    rules = {(p.rule, p.path) for p in problems}
    assert ("build-lost", lost.path) in rules
    assert ("build-audit", f"/themen/{lost.fields['topics'][0]}/") in rules
