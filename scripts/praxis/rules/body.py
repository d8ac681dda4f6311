"""Checks on the Markdown body: markup safety, links and accessibility of the text.

Entries may not contain raw HTML; the rendered HTML is sanitised as a second line of defence.
Code (fenced blocks and inline code) is masked first, so examples of markup in code are allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..model import Entry
from ..problems import Problem
from ..schema import TEMPLATE_HINT
from .fields import url_problem

# Lines that may be headings: ATX (`## …`) or a setext underline (`===`, `---`). The scan runs
# over the text with a newline in front, so the literal `\n` lets the regex engine skip ahead
# fast; a multi-line `^` would try every character (measured: six times slower).
HEADING_TRIGGER = re.compile(r"\n {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
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
    """An entry body with code masked, so rules see only prose and markup.

    Rules ask for the lines that contain a trigger (`lines_containing`, `lines_matching`)
    instead of walking every line: the search runs in C over the whole text, and most lines of
    most entries contain nothing any rule looks for.
    """

    text: str
    first_line: int

    @cached_property
    def masked(self) -> list[str]:
        """The body's lines with code blanked out (fenced blocks) or spaced out (inline)."""
        if not self._has_code:
            return self.text.split("\n")
        masked: list[str] = []
        fence: str | None = None
        for line in self.text.split("\n"):
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
    def _has_code(self) -> bool:
        return "`" in self.text or "~~~" in self.text

    @cached_property
    def masked_text(self) -> str:
        # Most entries have no code at all: then the text is its own masked form.
        return "\n".join(self.masked) if self._has_code else self.text

    def lines_containing(self, *needles: str) -> Iterator[tuple[int, str]]:
        """The (masked) lines that contain any of `needles`, in order, each once."""
        text = self.masked_text
        starts: set[int] = set()
        for needle in needles:
            position = text.find(needle)
            while position >= 0:
                start = text.rfind("\n", 0, position) + 1
                starts.add(start)
                end = text.find("\n", position)
                if end < 0:
                    break
                position = text.find(needle, end)
        return self._lines_at(sorted(starts))

    def lines_matching(self, trigger: re.Pattern[str]) -> Iterator[tuple[int, str]]:
        """The (masked) lines where `trigger` matches, searched in `"\n" + text`.

        The leading newline lets a trigger anchor on `\n` for every line, the first included;
        a match belongs to the line after the newline it starts with.
        """
        text = "\n" + self.masked_text
        return self._lines_at([m.start() for m in trigger.finditer(text)])

    def _lines_at(self, starts: list[int]) -> Iterator[tuple[int, str]]:
        """(line number, line) for sorted offsets of line starts in the masked text."""
        text = self.masked_text
        line_no, counted = self.first_line, 0
        for start in starts:
            line_no += text.count("\n", counted, start)
            counted = start
            end = text.find("\n", start)
            yield line_no, text[start:] if end < 0 else text[start:end]


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
    for line_no, line in body.lines_containing("<"):
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
    for line_no, line in body.lines_containing("{"):
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
    for line_no, line in body.lines_containing("](", "]:", "<"):
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
    cleaned = decoded
    # Every whitespace character but the plain space is unprintable, so the usual clean
    # address skips the walk over its characters.
    if not decoded.isprintable() or " " in decoded:
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


def _underlines(lines: list[str], index: int) -> bool:
    """Whether the `===`/`---` line at `index` underlines a one-line paragraph (a setext
    heading) rather than ending a list, a quote or a table."""
    above = lines[index - 1]
    return (
        bool(above.strip())
        and not above.lstrip().startswith(("-", "*", ">", "|"))
        and not (index > 1 and lines[index - 2].strip())
    )


def check_headings(entry: Entry, body: Body) -> Iterator[Problem]:
    """Headings start at `##` (the title is the page's `#`) and never skip a level."""
    previous = 1
    for line_no, line in body.lines_matching(HEADING_TRIGGER):
        index = line_no - body.first_line
        level = 0
        atx = ATX_HEADING.match(line)
        if atx:
            level = len(atx.group(1))
        elif index > 0 and SETEXT_UNDERLINE.match(line) and _underlines(body.masked, index):
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
