"""Hostile bodies, round two: what `praxis check` accepts renders exactly as checked.

The check and the build share one dialect (`praxis.dialect`) and one renderer
(`praxis.bodies`). These tests state the promises that follow: an accepted body renders with no
policy violation and no error, whatever attribute lists, link references, meta-like first lines
and nesting it combines; every rule runs in time linear in its input.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis.bodies import render_body
from praxis.corpus import load_corpus
from praxis.dialect import MAX_NESTING

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
BASE = (REPO / "tests/corpus/bad/body-attr-onclick/practices/body-attr-onclick.md").read_text(
    "utf-8"
)
FRONT_MATTER = BASE[: BASE.index("## Ausgangslage")]


def entry(body: str) -> str:
    return FRONT_MATTER + body


def problems(root: Path, body: str) -> list[tuple[int, str]]:
    (root / "practices" / "probe.md").write_text(entry(body), "utf-8")
    return [(p.line, p.rule) for p in load_corpus(root, today=TODAY).errors]


# -- one promise per class -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ('## Ablauf {#x" onmouseover="alert(1)}\n', "body-attributes"),
        ("## Ablauf {: #x .md-header }\n", "body-attributes"),
        ("## Ablauf {#inhalt}\n", "body-attributes"),
        ("Ein Absatz.\n{: .a {onclick=alert(1)} }\n", "body-attributes"),
        ("Ein Absatz.\n{hidden}\n", "body-attributes"),
        ("Ein [Leitfaden](https://a.example){onclick=alert(1)} im Satz.\n", "body-attributes"),
        ("Ein `Code`{: onclick=alert(1) } im Satz.\n", "body-attributes"),
        ("Begriff {onclick=alert(1)}\n:   Erklärung\n", "body-attributes"),
        ("![Logo][l]\n\n[l]: https://bilder.example/l.png\n", "body-image-external"),
        ("![l]\n\n[l]: https://bilder.example/l.png\n", "body-image-external"),
        ("[Text][l]\n\n[l]:\n  javascript:alert(1)\n", "body-link-scheme"),
        ("[Text][l]\n\n- [l]: ../intern/\n", "body-link-scheme"),
        ("[Text\nüber zwei Zeilen](javascript:alert(1))\n", "body-link-scheme"),
        ("Ein <b.x onclick=alert(1)>Text</b.x>\n", "body-markup"),
        ("!!! praxis-notice\n    Text\n", "body-note"),
        ("- " * 300 + "Text\n", "body-nesting"),
        ("".join("    " * i + "- x\n" for i in range(MAX_NESTING + 2)), "body-nesting"),
        ("".join("> " * i + "x\n" for i in range(MAX_NESTING + 2)), "body-nesting"),
    ],
)
def test_each_hostile_construct_is_refused_with_its_rule(
    content_root: Path, body: str, rule: str
) -> None:
    found = problems(content_root, body)
    assert found and {r for _, r in found} == {rule}, found
    assert all(line >= FRONT_MATTER.count("\n") + 1 for line, _ in found)


@pytest.mark.parametrize(
    "body",
    [
        "Wort: Text am Anfang.\n\nMehr Text.\n",
        "search: nein\n\nText.\n",
        "---\nsearch:\n  exclude: true\n---\n\nText.\n",
        "## Steckbrief\n\nDer Abschnitt heißt wie der Kasten der Seite.\n\n## Inhalt\n\nText.\n",
        "## Ablauf {#ablauf-2024}\n\nText.\n",
        "Doppelte {{ Klammern }} im Satz und eine Menge {a, b} auch.\n",
        "Ein \\{: escaped }\n",
        "Ein `{: onclick=x }` in Code.\n",
        "Siehe [Leitfaden][l].\n\n[l]: https://www.example.org/leitfaden\n",
        '!!! tipp "Gut zu wissen"\n    Text.\n',
        "".join("    " * i + "- x\n" for i in range(MAX_NESTING)),
    ],
)
def test_harmless_lookalikes_pass_and_render_without_violations(
    content_root: Path, body: str
) -> None:
    assert problems(content_root, body) == []
    assert render_body(body).violations == ()


def test_a_heading_named_like_the_fact_box_gets_its_own_id() -> None:
    rendered = render_body("## Steckbrief\n\nText\n\n## Inhalt\n")
    assert 'id="steckbrief"' not in rendered.html and 'id="inhalt"' not in rendered.html
    assert [t["name"] for t in rendered.toc_tokens] == ["Steckbrief", "Inhalt"]


def test_a_body_too_deep_for_python_markdown_is_a_violation_not_a_traceback() -> None:
    rendered = render_body("- " * 1000 + "x\n")
    assert rendered.violations and "verschachtelt" in rendered.violations[0].message


# -- property: what the check accepts, the renderer accepts ----------------------------------

PIECES = [
    "Text",
    " ",
    "\n",
    "\n\n",
    "## Titel",
    "# Titel",
    "{",
    "}",
    "{:",
    "{#anker}",
    "{.klasse}",
    '"',
    "onclick=alert(1)",
    "#",
    ".",
    "[",
    "]",
    "(",
    ")",
    "![",
    "]:",
    "[x]: ",
    "[x]",
    "https://a.example/x",
    "javascript:alert(1)",
    "../rel",
    "<",
    ">",
    "b",
    "`",
    "*",
    "_",
    "- ",
    "> ",
    "    ",
    "1. ",
    "!!! note",
    "!!! md-x",
    "Wort: ",
    "---",
    "|",
    "\\",
    "&amp;",
    "&#106;",
    ":",
    "=",
]
bodies = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_a_body_the_check_accepts_renders_with_no_violation(body: str) -> None:
    root = _PROPERTY_ROOT
    if problems(root, body):
        return
    rendered = render_body(body)
    assert rendered.violations == (), (body, rendered.violations)
    lowered = rendered.html.lower()
    inside_tags = _attributes(lowered)
    assert "javascript:" not in inside_tags and " on" not in inside_tags
    assert "<img" not in lowered and "<script" not in lowered


def _attributes(html: str) -> str:
    """The inside of every tag, where an event handler would stand."""
    return " ".join(part.split(">", 1)[0] for part in html.split("<")[1:])


_PROPERTY_ROOT = Path(__import__("tempfile").mkdtemp(prefix="praxis-property-"))
shutil.copytree(REPO / "content" / "vocabularies", _PROPERTY_ROOT / "content" / "vocabularies")
(_PROPERTY_ROOT / "practices").mkdir()
__import__("atexit").register(shutil.rmtree, _PROPERTY_ROOT, ignore_errors=True)


# -- linear time ------------------------------------------------------------------------------

Generator = Callable[[int], str]
HOSTILE_LINES: dict[str, Generator] = {
    **{f"repeat {u!r}": (lambda n, u=u: (u * n)[:n]) for u in "[](){}<>!*_`#:-=|\\@.&\"' "},
    **{
        f"repeat {unit!r}": (lambda n, u=unit: (u * n)[:n])
        for unit in ("{ ", "{:", "](", "![", "<a", "a@", "[a", "`a", "[x]: ", "> ", "- ", "1. ")
    },
    "attribute list opener and spaces": lambda n: "## x {" + " " * n,
    "brackets before a link target": lambda n: "[" * n + "](https://a.example)",
    "link openers": lambda n: "](" * n,
    "a long word before an @": lambda n: "a" * n + "!@example.org",
    "street-like dots": lambda n: "A." * (n // 2) + " 1",
    "digits and spaces": lambda n: "0 " * (n // 2) + "1",
    "backticks of every length": lambda n: " ".join("`" * k for k in range(1, 200))[:n],
    "nested indentation": lambda n: " " * n + "- x",
    "nested brackets in paragraphs": lambda n: "\n\n".join(
        "[" * 1_200 + "x" + "]" * 1_200 for _ in range(max(1, n // 2_401))
    ),
    # Below the paragraph limit, so the renderer runs too (an `<` or `{` asks the check for it).
    **{
        f"paragraphs of {u!r}": (lambda n, u=u: _paragraphs("<x@y.de> {#a} ![", u, n))
        for u in ("[]", "`a` ", "[a](https://a.example) ", "a ", "> a\n", "- a\n", "&amp;")
    },
}


def _paragraphs(head: str, unit: str, size: int, block: int = 3_000) -> str:
    """`size` characters of `unit` in paragraphs of `block` characters, after `head`."""
    text = (unit * (size // len(unit) + 1))[:size]
    return head + "\n\n" + "\n\n".join(text[i : i + block] for i in range(0, size, block))


def _seconds(root: Path, body: str, summary: str | None) -> float:
    text = entry(body)
    if summary is not None:
        text = text.replace(
            'summary: "Die Stadt bringt Verwaltung, Beratung und Polizei an einen Tisch."',
            "summary: |\n  " + summary,
        )
    (root / "practices" / "probe.md").write_text(text, "utf-8")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        load_corpus(root, today=TODAY)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("place", ["body", "summary"])
@pytest.mark.parametrize("name", sorted(HOSTILE_LINES))
def test_every_rule_runs_in_time_linear_in_its_input(
    content_root: Path, name: str, place: str
) -> None:
    """Four times the input may take about four times as long, never sixteen (quadratic).

    Measured as a ratio of two sizes in the same run, so a busy machine slows both alike; the
    small allowance absorbs timer noise on inputs that check in milliseconds.
    """
    make = HOSTILE_LINES[name]
    small, large = 8_000, 32_000

    def measure(size: int) -> float:
        line = make(size)
        if place == "body":
            return _seconds(content_root, "Text.\n\n" + line + "\n", None)
        return _seconds(content_root, "Text.\n", line.replace("\n", " "))

    for _attempt in range(2):  # a load spike on one measurement gets a second chance
        ratio_ok = measure(large) <= 8 * measure(small) + 0.03
        if ratio_ok:
            break
    assert ratio_ok, f"{name} in the {place} grows faster than linearly"
