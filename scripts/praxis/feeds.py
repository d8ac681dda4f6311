"""Atom feeds (RFC 4287) of new and updated entries: the whole portal, and each module and topic.

A feed lists the latest changes first: an entry's date is its last review, else its publication.
Ids are the entries' addresses, so a feed reader recognises an updated entry as the same one.
No MkDocs here: entries in, bytes out (written with feedgen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .build_date import BERLIN
from .model import Entry
from .rules.review import last_checked
from .taxonomy import Taxonomy, TaxonomyIndex

PORTAL_FEED = "feed.xml"
FEED_NAME = "feed.xml"
FEED_LENGTH = 50
# Taxonomies whose term pages get a feed of their own.
FEED_TAXONOMIES = ("modules", "topics")


@dataclass(frozen=True)
class Feed:
    uri: str  # site path of the feed file
    title: str
    page: str  # site path of the page it belongs to
    entries: tuple[Entry, ...]


def changed(entry: Entry) -> dt.datetime:
    """When an entry last changed for readers: reviewed, else published (midnight in Germany)."""
    day = last_checked(entry) or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN)


def latest(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    ordered = sorted((e for e in entries if not e.draft), key=lambda e: (changed(e), e.id))
    return tuple(reversed(ordered))[:FEED_LENGTH]


def term_feed_uri(taxonomy: Taxonomy, term_id: str) -> str:
    return f"{taxonomy.path}/{term_id}/{FEED_NAME}"


def feeds(published: Sequence[Entry], index: TaxonomyIndex, site_name: str) -> list[Feed]:
    """The portal's feed and one per module and topic that has entries."""
    found = [Feed(PORTAL_FEED, f"{site_name}: neue und geänderte Einträge", "", latest(published))]
    for taxonomy in index.taxonomies:
        if taxonomy.field not in FEED_TAXONOMIES or not taxonomy.has_pages:
            continue
        for term in taxonomy.vocabulary.terms:
            listed = index.entries(taxonomy, term)
            if listed:
                found.append(
                    Feed(
                        term_feed_uri(taxonomy, term.id),
                        f"{site_name}: {term.label}",
                        f"{taxonomy.path}/{term.id}/",
                        latest(listed),
                    )
                )
    return found


def atom(feed: Feed, site_url: str, author: str) -> bytes:
    """One feed as Atom XML. `site_url` must be absolute: Atom ids and links are IRIs."""
    base = site_url.rstrip("/") + "/"
    generator = FeedGenerator()
    generator.id(base + feed.uri)
    generator.title(feed.title)
    generator.author({"name": author})
    generator.link(href=base + feed.page, rel="alternate", type="text/html")
    generator.link(href=base + feed.uri, rel="self", type="application/atom+xml")
    generator.language("de")
    generator.generator("Plattform gegen Rassismus und Hass")
    newest = max((changed(e) for e in feed.entries), default=dt.datetime(1970, 1, 1, tzinfo=BERLIN))
    generator.updated(newest)
    for entry in reversed(feed.entries):  # feedgen prepends: oldest first gives newest on top
        item = generator.add_entry()
        item.id(base + entry.url_path)
        item.title(entry.title)
        item.link(href=base + entry.url_path, rel="alternate", type="text/html")
        item.summary(entry.summary)
        item.updated(changed(entry))
        published = entry.fields.get("published")
        if isinstance(published, dt.date):
            item.published(
                dt.datetime(published.year, published.month, published.day, tzinfo=BERLIN)
            )
        item.category(term=entry.type.key, label=entry.type.singular)
    return generator.atom_str(pretty=True)
