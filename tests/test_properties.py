"""Property-based: whatever front matter and body arrive, `praxis check` never raises.

It either accepts the entry or reports problems that each carry a path, a line inside the file,
a catalogued rule and a message.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus, read_entry
from praxis.rules.catalogue import RULE_BY_ID
from praxis.vocabulary import load_vocabularies

REPO = Path(__file__).resolve().parent.parent
VOCABULARIES, _ = load_vocabularies(REPO)
KEYS = [
    "title",
    "summary",
    "modules",
    "topics",
    "target_groups",
    "published",
    "reviewed",
    "municipality",
    "contact",
    "resources",
    "related",
    "example",
    "draft",
    "period",
    "formats",
    "unbekannt",
    "<<",
    "? x",
]
YAML_BITS = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    '"',
    "'",
    "#",
    "\t",
    "\n  ",
    "\n",
    "|",
    ">",
    "%",
    "@",
    "`",
    "2024-02-30",
    "no",
    "01067",
    "\u202e",
    "\x00",
    "\ufeff",
    "\r\n",
    "---",
    "...",
]
scalars = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "2025-03-14",
            "2024-13-45",
            "true",
            "no",
            "01067",
            "+49 171 2345678",
            "javascript:alert(1)",
            "https://x.example",
            "hassrede",
            "modul-1",
            "<script>x</script>",
            "{{ 7*7 }}",
            "a@gmail.com",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from([*KEYS, "name", "type", "state", "url", "email"]), inner, max_size=4
        ),
    ),
    max_leaves=10,
)


def render_yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


front_matters = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=10).map(render_yaml),
    st.lists(
        st.one_of(st.sampled_from(YAML_BITS), st.text(string.printable, max_size=12)), max_size=30
    ).map("".join),
)
bodies = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "## Ziele",
                "# H1",
                "#### H4",
                "<b>x</b>",
                "[hier](x)",
                "![](a.png)",
                "[a](javascript:x)",
                "```",
                "`<i>`",
                "{: onclick=x}",
                "Lindenstraße 5",
                "0171 2345678",
                "Text",
                "",
                "===",
                "---",
            ]
        ),
        max_size=15,
    ).map("\n".join),
)


def assert_well_formed(problems, text: str, path: str) -> None:
    lines = text.count("\n") + 2
    for problem in problems:
        assert problem.path == path
        assert 1 <= problem.line <= lines, problem
        assert problem.rule in RULE_BY_ID, problem.rule
        assert problem.message


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    front=front_matters,
    body=bodies,
    content_type=st.sampled_from(CONTENT_TYPES),
    framing=st.sampled_from(["normal", "no-start", "no-end", "crlf"]),
)
def test_check_never_raises_and_always_locates(
    tmp_path: Path, front: str, body: str, content_type, framing: str
) -> None:
    text = {
        "normal": f"---\n{front}\n---\n{body}",
        "no-start": f"{front}\n---\n{body}",
        "no-end": f"---\n{front}\n{body}",
        "crlf": f"---\r\n{front}\r\n---\r\n{body}",
    }[framing]
    path = tmp_path / "eintrag.md"
    raw = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(raw)
    entry, problems = read_entry(tmp_path, content_type, path, VOCABULARIES)
    assert_well_formed(problems, text.replace("\r\n", "\n").replace("\r", "\n"), "eintrag.md")
    if entry is None:
        assert any(p.is_error for p in problems)
    assert_framing_is_judged(raw, problems, entry)


DELIMITER = re.compile(r"---[ \t]*")
END = re.compile(r"(---|\.\.\.)[ \t]*")


def assert_framing_is_judged(raw: bytes, problems, entry) -> None:
    """The specific verdict for what the file's bytes are, worked out here from the file format:
    not UTF-8 → file-encoding; no `---` first line → frontmatter-start; no closing line →
    frontmatter-end; in each case the entry is not read on, and no other rule is reported."""
    rules = {p.rule for p in problems}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        assert rules == {"file-encoding"} and entry is None, rules
        return
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not DELIMITER.fullmatch(lines[0]):
        assert "frontmatter-start" in rules and entry is None, rules
        expected = {"frontmatter-start"}
    elif not any(END.fullmatch(line) for line in lines[1:]):
        assert "frontmatter-end" in rules and entry is None, rules
        expected = {"frontmatter-end"}
    else:
        assert not rules & {"frontmatter-start", "frontmatter-end", "file-encoding"}, rules
        return
    assert rules - expected <= {"file-characters", "file-name"}, rules


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tmp_path_factory, raw: bytes) -> None:
    root = tmp_path_factory.mktemp("bytes")
    path = root / "eintrag.md"
    path.write_bytes(b"---\n" + raw)
    entry, problems = read_entry(root, CONTENT_TYPES[0], path, VOCABULARIES)
    assert entry is not None or any(p.is_error for p in problems)
    for problem in problems:
        assert problem.rule in RULE_BY_ID
    assert_framing_is_judged(b"---\n" + raw, problems, entry)


def test_a_whole_corpus_of_random_entries_never_raises(tmp_path: Path) -> None:
    """Corpus-level rules (unique ids, related) also cope with partially typed entries."""
    (tmp_path / "content").mkdir()
    import shutil

    shutil.copytree(REPO / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "a.md").write_text("---\nrelated: 5\n---\n", "utf-8")
    (tmp_path / "practices" / "b.md").write_text("---\nrelated: [[x]]\ndraft: true\n---\n", "utf-8")
    corpus = load_corpus(tmp_path, today=dt.date(2026, 11, 22))
    assert corpus.errors
