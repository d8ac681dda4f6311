"""Problems are values: where, which rule, how bad, what to do.

Validation never raises for bad content; it returns problems. Formatters turn them into the text
editors read in a terminal, GitHub annotations for pull requests, or JSON for tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def german(self) -> str:
        return "Fehler" if self is Severity.ERROR else "Warnung"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file. Ordered by path, then line, so reports read top to bottom."""

    path: str
    line: int
    rule: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        path, message = visible(self.path), visible(self.message)
        return f"{path}:{self.line}: {self.severity.german}: {message} [{self.rule}]"


# Characters a message may quote from a file (a value, a key, a file name) that would change
# what the terminal or log shows: line breaks (a forged `path:line: Fehler:` line), escape
# sequences (colours, cursor moves), and the marks that reverse the direction of text.
_CONTROLS = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
    **{code: f"\\u{code:04x}" for code in (0x200E, 0x200F, *range(0x202A, 0x202F))},
    **{code: f"\\u{code:04x}" for code in range(0x2066, 0x206A)},
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


def visible(text: str) -> str:
    """The text with every control and direction mark written out (`\\n`, `\\x1b`)."""
    return text.translate(_CONTROLS)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by path and line and drop exact repeats (two rules may see the same thing)."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.rule, p.message))


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(p.text() for p in problems)


def _escape_annotation_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_annotation_property(value: str) -> str:
    return _escape_annotation_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: each problem appears inline on the pull request."""
    lines = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = ",".join(
            [
                f"file={_escape_annotation_property(visible(p.path))}",
                f"line={p.line}",
                f"title={_escape_annotation_property(p.rule)}",
            ]
        )
        lines.append(f"::{level} {props}::{_escape_annotation_data(visible(p.message))}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    rows = []
    for p in problems:
        row = asdict(p)
        row["severity"] = p.severity.value
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
