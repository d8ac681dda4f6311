"""A tab in the front matter's indentation is named as such, with its line."""

from __future__ import annotations

import pytest

from praxis import frontmatter

TAB_MESSAGE = "steht ein Tabulator. Rücken Sie nur mit Leerzeichen ein."


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: Praxis\nkontakt:\n\tname: Muster\n---\nText\n", 4),
        ("---\ntitle: Praxis\nthemen:\n\t- Angst\n---\nText\n", 4),
        ("---\ntitle: Praxis\nkontakt:\n  name: Muster\n\tort: Berlin\n---\nText\n", 5),
        ("---\ntitle: Praxis\nthemen:\n  - Angst\n\t- Trauer\n---\nText\n", 5),
    ],
    ids=["nested-key", "list-item", "nested-key-later", "list-item-later"],
)
def test_tab_in_indentation_is_named(text: str, line: int) -> None:
    _, problems = frontmatter.parse(text, "praxis.md")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.rule == "yaml-syntax"
    assert problem.line == line
    assert f"In Zeile {line} {TAB_MESSAGE}" in problem.message
    assert "reserviert" not in problem.message
    assert problem.text().startswith(f"praxis.md:{line}: ")


def test_tab_inside_a_quoted_value_is_not_blamed() -> None:
    text = '---\ntitle: "Praxis\tam Park"\nthemen: [Angst\n---\nText\n'
    _, problems = frontmatter.parse(text, "praxis.md")
    assert problems and problems[0].rule == "yaml-syntax"
    assert "Tabulator" not in problems[0].message
