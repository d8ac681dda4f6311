"""Checks on the Markdown body: markup safety, links and accessibility of the text.

Entries may not contain raw HTML; the rendered HTML is sanitised as a second line of defence.
Code (fenced blocks and inline code) is masked first, so examples of markup in code are allowed.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..model import Entry
from ..problems import Problem
from ..schema import TEMPLATE_HINT
from .fields import url_problem

LESS_THAN = re.compile("<")
# Lines that may be headings: ATX (`## …`) or a setext underline (`===`, `---`).
HEADING_TRIGGER = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
OPENING_BRACE = re.compile(r"\{")
LINK_TRIGGER = re.compile(r"\]\(|\]:|<")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!--|![A-Za-z\[]|\?)")
INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)"
)
REFERENCE_DEF = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:\s*<?(\S*?)>?(?:\s|$)")
AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*)>")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
ATTR_ALLOWED = re.compile(r"^(?:[.#][A-Za-z][\w-]*[ \t]*)*$")
VAGUE_LINK_TEXTS = frozenset(
    {
        "hier",
        "hier klicken",
        "klicken sie hier",
        "link",
        "dieser link",
        "mehr",
        "mehr dazu",
        "weiter",
        "weiterlesen",
        "mehr lesen",
        "mehr erfahren",
        "here",
        "click here",
        "more",
        "read more",
        "details",
        "siehe hier",
        "unter diesem link",
    }
)


@dataclass
class Body:
    """An entry body split into lines, with code masked so rules see only prose and markup."""

    text: str
    first_line: int

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def masked(self) -> list[str]:
        if "`" not in self.text and "~~~" not in self.text:
            return self.lines  # nothing to mask: most entries have no code at all
        masked: list[str] = []
        fence: str | None = None
        for line in self.lines:
            opening = FENCE.match(line)
            if fence is not None:
                masked.append("")
                if (
                    opening
                    and opening.group(1)[0] == fence[0]
                    and len(opening.group(1)) >= len(fence)
                ):
                    fence = None
                continue
            if opening:
                fence = opening.group(1)
                masked.append("")
                continue
            if "`" in line:
                line = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
            masked.append(line)
        return masked

    @cached_property
    def masked_text(self) -> str:
        return "\n".join(self.masked)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts, offset = [], 0
        for line in self.masked:
            starts.append(offset)
            offset += len(line) + 1
        return starts

    def lines_with(self, trigger: re.Pattern[str]) -> Iterator[tuple[int, str]]:
        """Only the (masked) lines where `trigger` occurs, found by scanning the whole text.

        Rules keep their line-by-line logic but skip the many lines that cannot match; after a
        hit the scan resumes at the next line, so a line with many digits costs one step.
        """
        text, starts = self.masked_text, self._line_starts
        position = 0
        while (match := trigger.search(text, position)) is not None:
            index = bisect_right(starts, match.start()) - 1
            yield self.first_line + index, self.masked[index]
            if index + 1 >= len(starts):
                return
            position = starts[index + 1]


def check_empty(entry: Entry, body: Body) -> Iterator[Problem]:
    if not body.text.strip():
        yield Problem(
            entry.path,
            body.first_line,
            "body-empty",
            "Der Eintrag hat keinen "
            "Haupttext. Beschreiben Sie das Vorhaben unter dem Front Matter.",
        )


def check_raw_html(entry: Entry, body: Body) -> Iterator[Problem]:
    for line_no, line in body.lines_with(LESS_THAN):
        if line.lstrip().startswith(TEMPLATE_HINT):
            yield Problem(
                entry.path,
                line_no,
                "body-template-hint",
                "Der Hinweis aus der "
                "Vorlage steht noch im Text. Ersetzen Sie die Zeile durch Ihren Text "
                "oder löschen Sie den Abschnitt samt Überschrift.",
            )
            continue
        match = RAW_HTML.search(AUTOLINK.sub("", line))
        if match:
            shown = match.group(0)
            yield Problem(
                entry.path,
                line_no,
                "body-html",
                f"HTML (`{shown}…`) ist im Haupttext "
                "nicht erlaubt. Verwenden Sie Markdown: **fett**, [Linktext](https://…), "
                "Listen, Tabellen oder Hinweiskästen (`!!! note`).",
            )


def check_attribute_lists(entry: Entry, body: Body) -> Iterator[Problem]:
    """Attribute lists may carry classes and anchors, never attributes such as `onclick=`."""
    for line_no, line in body.lines_with(OPENING_BRACE):
        for match in ATTR_LIST.finditer(line):
            content = match.group(1).strip()
            if "=" in content or (
                match.group(0).startswith("{:") and not ATTR_ALLOWED.match(content)
            ):
                yield Problem(
                    entry.path,
                    line_no,
                    "body-attributes",
                    "In Attributlisten sind "
                    "nur Klassen (`{: .name }`) und Anker (`{: #name }`) erlaubt, keine "
                    "Attribute mit `=`.",
                )


def _links(body: Body) -> Iterator[tuple[int, bool, str, str]]:
    """Every link as (line, is_image, text, target)."""
    for line_no, line in body.lines_with(LINK_TRIGGER):
        if "](" in line:
            for match in INLINE_LINK.finditer(line):
                yield line_no, match.group(1) == "!", match.group(2), match.group(3)
        if "]:" in line:
            match = REFERENCE_DEF.match(line)
            if match:
                yield line_no, False, "", match.group(2)
        if "<" in line:
            for match in AUTOLINK.finditer(line):
                yield line_no, False, match.group(1), match.group(1)


def link_target_problem(target: str) -> str | None:
    """Why a link target may not be published. Only full http(s) and mailto addresses and
    anchors on the same page (`#ziele`): an entry's page address is generated, so a relative
    path would break; other entries are linked with the `related` field."""
    decoded = html.unescape(target)
    cleaned = "".join(ch for ch in decoded if ch.isprintable() and not ch.isspace())
    if not cleaned or cleaned.startswith("#"):
        return None
    if cleaned.startswith("//"):
        return "Adressen ohne `https:` sind nicht erlaubt; schreiben Sie `https://…`."
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return (
            "Relative Links sind im Eintrag nicht möglich. Schreiben Sie die vollständige "
            "Adresse (https://…); auf andere Einträge verweisen Sie mit dem Feld `related`."
        )
    return url_problem(cleaned)


def check_links(entry: Entry, body: Body) -> Iterator[Problem]:
    for line_no, is_image, text, target in _links(body):
        problem = link_target_problem(target)
        if problem:
            yield Problem(entry.path, line_no, "body-link-scheme", f"Link `{target}`: {problem}")
        if is_image:
            if "://" in target or target.startswith("//"):
                yield Problem(
                    entry.path,
                    line_no,
                    "body-image-external",
                    "Bilder von fremden "
                    "Webseiten werden beim Lesen von dort nachgeladen und verraten so die "
                    "Besucher:innen. Binden Sie keine fremden Bilder ein.",
                )
            if not text.strip():
                yield Problem(
                    entry.path,
                    line_no,
                    "body-image-alt",
                    "Das Bild hat keinen "
                    "Alternativtext. Beschreiben Sie in `![…](…)`, was das Bild zeigt.",
                )
            continue
        shown = " ".join(text.replace("*", "").replace("_", " ").split()).strip().lower()
        if not text:
            continue
        if shown.rstrip(".:!") in VAGUE_LINK_TEXTS:
            yield Problem(
                entry.path,
                line_no,
                "body-link-text",
                f"Der Linktext „{text}“ sagt "
                "nicht, wohin der Link führt. Nennen Sie das Ziel, zum Beispiel "
                "[Leitfaden Clearingverfahren](…).",
            )
        elif shown.startswith(("http://", "https://", "www.")) or shown == target.lower():
            yield Problem(
                entry.path,
                line_no,
                "body-link-text",
                "Eine Webadresse als Linktext "
                "wird von Screenreadern Zeichen für Zeichen vorgelesen. Nennen Sie das "
                "Ziel in Worten: [Titel der Seite](https://…).",
            )


def check_headings(entry: Entry, body: Body) -> Iterator[Problem]:
    """Headings start at `##` (the title is the page's `#`) and never skip a level."""
    previous = 1
    lines = body.masked
    for line_no, line in body.lines_with(HEADING_TRIGGER):
        index = line_no - body.first_line
        level = 0
        atx = ATX_HEADING.match(line)
        if atx:
            level = len(atx.group(1))
        elif (
            index > 0
            and SETEXT_UNDERLINE.match(line)
            and lines[index - 1].strip()
            and not lines[index - 1].lstrip().startswith(("-", "*", ">", "|"))
            and not (index > 1 and lines[index - 2].strip())
        ):
            level = 1 if "=" in line else 2
        if not level:
            continue
        if level == 1:
            yield Problem(
                entry.path,
                line_no,
                "body-heading",
                "Überschriften beginnen im Haupttext mit `##`; `#` ist dem Titel vorbehalten.",
            )
        elif level > previous + 1:
            yield Problem(
                entry.path,
                line_no,
                "body-heading",
                f"Die Überschrift springt von Ebene "
                f"{previous} auf Ebene {level}. Verwenden Sie {'#' * (previous + 1)}, "
                "damit Screenreader die Gliederung richtig vorlesen.",
            )
        previous = level


BODY_RULES = (
    check_empty,
    check_raw_html,
    check_attribute_lists,
    check_links,
    check_headings,
)
