"""Atom feeds: valid, newest first, one per module and topic, linked from their pages."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import feedparser
import pytest

from praxis.corpus import load_corpus
from praxis.feeds import PORTAL_FEED, atom, feeds
from praxis.taxonomy import build_index, term_values
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent
SITE = "https://plattform.example/"


@pytest.fixture(scope="module")
def made():
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30))
    index = build_index(corpus.published, corpus.vocabularies)
    return corpus, {f.uri: f for f in feeds(corpus.published, index, "Plattform")}


def _parsed(feed) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(atom(feed, SITE, "Stadt X"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_portal_feed_is_valid_atom_with_the_newest_change_first(made) -> None:
    corpus, found = made
    parsed = _parsed(found[PORTAL_FEED])
    assert len(parsed.entries) == min(50, len(corpus.published))
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert parsed.feed.links[0].href == SITE
    assert all(e.id.startswith(SITE) and e.id == e.link for e in parsed.entries)


def test_a_module_feed_holds_exactly_the_entries_of_the_module(made) -> None:
    corpus, found = made
    parsed = _parsed(found["module/modul-1/feed.xml"])
    expected = {
        f"{SITE}{e.url_path}" for e in corpus.published if "modul-1" in e.fields.get("modules", ())
    }
    assert {e.id for e in parsed.entries} == expected


def test_every_topic_with_entries_has_a_feed_and_drafts_never_appear(made) -> None:
    corpus, found = made
    topics = {t for e in corpus.published for t in term_values(e, "topics")}
    assert {f"themen/{t}/feed.xml" for t in topics} <= set(found)
    drafts = {f"{SITE}{e.url_path}" for e in corpus.entries if e.draft}
    for feed in found.values():
        assert not drafts & {f"{SITE}{e.url_path}" for e in feed.entries}


def test_term_pages_announce_their_feed_and_every_page_the_portal_feed() -> None:
    site = built_site()
    module = (site / "module" / "modul-1" / "index.html").read_text("utf-8")
    assert 'type="application/atom+xml"' in module
    links = re.findall(r'<link rel="alternate feed" [^>]*href="([^"]+)"', module)
    targets = {posixpath.normpath(posixpath.join("/module/modul-1/", href)) for href in links}
    assert targets == {"/feed.xml", "/module/modul-1/feed.xml"}  # the portal's and its own
    assert (site / "module" / "modul-1" / "feed.xml").is_file()
    start = (site / "index.html").read_text("utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml"' in start
