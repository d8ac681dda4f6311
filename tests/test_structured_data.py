"""JSON-LD and Open Graph on entry pages: the right schema.org type, values that cannot break
out of their script element."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.editions import PUBLIC
from praxis.structured_data import json_ld, safe_json
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent
LD = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')


def test_a_hostile_value_cannot_end_the_script_or_open_a_comment() -> None:
    text = safe_json({"name": "</script><script>alert(1)</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script><!-- & -->"


def test_an_event_carries_its_times_with_the_german_offset_of_the_day() -> None:
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30))
    tagung = next(e for e in corpus.entries if e.id == "kommunaltagung-zusammenhalt-2027")
    data = json_ld(tagung, "https://p.example/x/", corpus.vocabularies)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-03-18T09:30:00+01:00"
    assert data["location"]["@type"] == "Place"
    summer = next(e for e in corpus.entries if e.id.startswith("facharbeitskreis-rechts"))
    later = json_ld(summer, "https://p.example/y/", corpus.vocabularies)
    assert later["startDate"] == "2027-03-29T14:00:00+02:00"
    assert later["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_every_published_entry_page_has_one_json_ld_block_of_its_type_and_open_graph() -> None:
    site = built_site()
    corpus = load_corpus(REPO, today=dt.date(2026, 11, 30)).for_edition(PUBLIC)
    kinds = {t.key: t.schema_org for t in CONTENT_TYPES}
    for entry in corpus.published:
        page = (site / entry.url_path / "index.html").read_text("utf-8")
        blocks = LD.findall(page)
        assert len(blocks) == 1, entry.id
        data = json.loads(blocks[0])
        assert data["@type"] == kinds[entry.type.key]
        assert data["name"] == entry.title
        og = re.search(r'<meta property="og:title" content="([^"]*)">', page)
        assert og and html.unescape(og.group(1)) == entry.title
