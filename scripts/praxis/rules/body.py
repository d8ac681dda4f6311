"""Checks on the Markdown body: markup safety, links and accessibility of the text.

Entries may not contain raw HTML; the rendered HTML is sanitised as a second line of defence.
Code (fenced blocks and inline code) is masked first, so examples of markup in code are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..characters import is_blank
from ..dialect import MAX_NESTING, class_allowed, id_problem, nesting_depth
from ..links import link_target_problem
from ..model import Entry
from ..problems import Problem, Severity
from ..schema import TEMPLATE_HINT

# Lines that may be headings: ATX (`## …`) or a setext underline (`===`, `---`). The scan runs
# over the text with a newline in front, so the literal `\n` lets the regex engine skip ahead
# fast; a multi-line `^` would try every character (measured: six times slower).
HEADING_TRIGGER = re.compile(r"\n {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
BACKTICKS = re.compile(r"`+")
BLOCK_SEPARATOR = re.compile(r"\n[ \t]*(?=\n)")
BRACKET_MARK = re.compile(r"(?<!\\)[\[\]]")
MAX_BLOCK_CHARS = 5_000  # about 800 words: a long paragraph, far beyond a readable one
MAX_OPEN_MARKS = 40
MAX_BRACKET_DEPTH = 8
OPEN_MARKS = ("[", "](", "<", "`", "*", "_")
# A line that starts a new block (list item, quote, heading, table, note, raw HTML, definition,
# indented block, setext underline): a code span does not run into it.
BLOCK_START = re.compile(
    r" {0,3}(?:[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|[>#|:<]|!!!|\[[^\]]*\]:"
    r"|=+[ \t]*$|-+[ \t]*$|[*_][ \t*_]*$)|[ \t]{4}|\t"
)
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!--|![A-Za-z\[]|\?)")
BRACKET = re.compile(r"[\[\]]")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
TARGET_END = re.compile(r"[)\s>]")
MAX_LINK_TEXT = 300  # longer link texts are not judged (keeps the scan linear)
FOOTNOTE_DEF = re.compile(r"\[\^([^\[\]]+)\]:")
REFERENCE_DEF = re.compile(r"\[(?!\^)([^\[\]]*)\]:[ \t]*(\S*)")
# Quote markers, list markers and indentation before a line's content.
CONTAINER_PREFIX = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))*")
# Lines that may nest: indented, quoted, a list item or a note.
NESTING_TRIGGER = re.compile(r"\n[ \t>*+\-0-9!?]")
NOTE_OPENER = re.compile(r"!!! ?([\w\-]+(?: +[\w\-]+)*)")
# Characters that end an inline element; a `{` right after one may be an attribute list.
INLINE_CLOSERS = frozenset("*_`)]>")
EMPTY_BRACES = re.compile(r"\{:?[ ]*\}")
SAFE_ATTR_LIST = re.compile(r"\{:?[ ]*#([^\s{}]*)[ ]*\}")
AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*)>")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
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
        """The body's lines with inline code spaced out.

        Entry Markdown has no fenced code blocks, and a code span may run over the lines of a
        paragraph, so only spans that Python-Markdown must read as code are masked: in a group
        of non-blank lines, either every backtick run pairs up within its own line, or the group
        is one paragraph (no line after the first starts a block) and its runs pair up within
        it; no run may be escaped. Anything less certain stays visible to the rules: hiding
        markup that the page then shows would let it past the check.
        """
        lines = self.text.split("\n")
        if not self._has_code:
            return lines
        masked = list(lines)
        group: list[int] = []
        for index, line in enumerate([*lines, ""]):
            if line.strip():
                group.append(index)
                continue
            if group and any("`" in lines[i] for i in group):
                _mask_group(lines, masked, group)
            group = []
        return masked

    @cached_property
    def _has_code(self) -> bool:
        return "`" in self.text

    @cached_property
    def masked_text(self) -> str:
        # Most entries have no code at all: then the text is its own masked form.
        return "\n".join(self.masked) if self._has_code else self.text

    def lines_containing(self, *needles: str) -> Iterator[tuple[int, str]]:
        """The (masked) lines that contain any of `needles`, in order, each once."""
        return lines_containing(self.masked_text, self.first_line, needles)

    def lines_matching(self, trigger: re.Pattern[str]) -> Iterator[tuple[int, str]]:
        """The (masked) lines where `trigger` matches, searched in `"\n" + text`.

        The leading newline lets a trigger anchor on `\n` for every line, the first included;
        a match belongs to the line after the newline it starts with.
        """
        text = self.masked_text
        starts = [m.start() for m in trigger.finditer("\n" + text)]
        return _lines_at(text, self.first_line, starts)


def lines_containing(
    text: str, first_line: int, needles: Iterable[str]
) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines of `text` that contain any of `needles`, in order, each
    once: literal scans in C over the whole text, not a walk over its lines."""
    starts: set[int] = set()
    for needle in needles:
        position = text.find(needle)
        while position >= 0:
            starts.add(text.rfind("\n", 0, position) + 1)
            end = text.find("\n", position)
            if end < 0:
                break
            position = text.find(needle, end)
    return _lines_at(text, first_line, sorted(starts))


def _lines_at(text: str, first_line: int, starts: list[int]) -> Iterator[tuple[int, str]]:
    """(line number, line) for sorted offsets of line starts in `text`."""
    line_no, counted = first_line, 0
    for start in starts:
        line_no += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        yield line_no, text[start:] if end < 0 else text[start:end]


def _mask_group(lines: list[str], masked: list[str], group: list[int]) -> None:
    spans = [_code_spans(lines[i]) for i in group]
    if all(found is not None for found in spans):
        for i, found in zip(group, spans, strict=True):
            masked[i] = _blank(lines[i], found or [])
        return
    if any(BLOCK_START.match(lines[i]) for i in group[1:]):
        return
    text = "\n".join(lines[i] for i in group)
    found = _code_spans(text)
    if found:
        for i, line in zip(group, _blank(text, found).split("\n"), strict=True):
            masked[i] = line


def _code_spans(text: str) -> list[tuple[int, int]] | None:
    """The code spans of a text as (start, end), or None when its backtick runs do not all pair
    up or one is escaped.

    Each run opens a span that the next run of the same length closes, as Python-Markdown reads
    it; a table of each run's next same-length run keeps this linear for any text.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(text)]
    if not runs:
        return []
    if any(start and text[start - 1] == "\\" for start, _ in runs):
        return None
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            return None
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Code spans as spaces (line breaks kept); the closing backtick stays, so a `{` right after
    the code still counts as following an inline element."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\n]", " ", text[start : end - 1]) + "`")
        position = end
    parts.append(text[position:])
    return "".join(parts)


def check_empty(entry: Entry, body: Body) -> Iterator[Problem]:
    if is_blank(body.text):
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
    """Attribute lists only as an anchor: `## Titel {#anker}`.

    Python-Markdown applies everything from a `{` to the last `}` of a line as attributes, quotes
    and nested braces included, so such a span must be one safe anchor; anything else in braces
    where Python-Markdown looks for attributes (classes, `onclick=…`, bare words, which become
    attributes too) is refused. Braces elsewhere in a sentence, and escaped ones (`\\{`), are text.
    """
    masked = body.masked
    for line_no, line in body.lines_containing("{"):
        if "<" in line and RAW_HTML.search(AUTOLINK.sub("", line)):
            continue  # reported as HTML already; its braces belong to the markup
        index = line_no - body.first_line
        following = masked[index + 1] if index + 1 < len(masked) else ""
        problem = attribute_list_problem(line, following)
        if problem:
            yield Problem(entry.path, line_no, "body-attributes", problem)


def attribute_list_problem(line: str, following: str = "") -> str | None:
    """Why a line's braces may not stand, or None.

    Where Python-Markdown looks for an attribute list: a `{` that starts a line (the last line of
    a block, or after a line break), one right after an inline element (`*…*{…}`, `[…](…){…}`,
    `` `…`{…} ``), and in headings, table cells and terms of definition lists a `{` after a space
    whose braces end the text. From such a `{` to the segment's last `}` must be one anchor.
    """
    heading_like = bool(ATX_HEADING.match(line)) or following.lstrip()[:1] in ("=", "-", ":")
    for start, segment in _segments(line):
        close = segment.rfind("}")
        if close < 0:
            continue
        content = CONTAINER_PREFIX.match(segment)
        first = content.end() if content else 0
        ends_text = not segment[close + 1 :].strip(" #")
        position = segment.find("{")
        checked_end = False
        while 0 <= position < close:
            if not _escaped(segment, position):
                before = segment[position - 1] if position else ""
                at_start = position <= first
                after_space = before in (" ", "\t") and (heading_like or start > 0)
                if (
                    at_start
                    or before in INLINE_CLOSERS
                    or (after_space and ends_text and not checked_end)
                ):
                    checked_end = checked_end or ends_text
                    problem = _span_problem(segment, position, close)
                    if problem:
                        return problem
            position = segment.find("{", position + 1)
    return None


def _segments(line: str) -> Iterator[tuple[int, str]]:
    """A line, or the cells of a table row, with their offsets."""
    if "|" not in line:
        yield 0, line
        return
    offset = 0
    for cell in line.split("|"):
        yield offset, cell
        offset += len(cell) + 1


def _span_problem(segment: str, position: int, close: int) -> str | None:
    """The span from `{` to the segment's last `}`: a safe anchor, empty braces, or refused."""
    anchor = SAFE_ATTR_LIST.match(segment, position)
    if anchor and anchor.end() == close + 1:
        return id_problem(anchor.group(1))
    if EMPTY_BRACES.match(segment, position):
        return None  # `{}` or `{ }`: Python-Markdown leaves it as text
    span = segment[position : min(close + 1, position + 41)]
    return (
        f"`{_shorten(span)}` wird als Attributliste gelesen. Im Haupttext sind Attributlisten "
        "nur als Anker erlaubt, etwa `## Titel {#anker}`. Meinen Sie geschweifte Klammern als "
        "Text, schreiben Sie `\\{`."
    )


def _escaped(line: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes > 0 and line[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Link(NamedTuple):
    line: int
    is_image: bool
    text: str
    target: str
    # a reference (`[text][label]`) whose definition has no usable target: checked there
    unresolved: bool = False


def _definitions(body: Body) -> dict[str, tuple[int, str]]:
    """Link reference definitions (`[label]: target`) as label → (line of target, target).

    As Python-Markdown reads them: inside quotes and list items too, and with the target on
    the next line when the definition line ends after the colon.
    """
    found: dict[str, tuple[int, str]] = {}
    masked = body.masked
    for line_no, line in body.lines_containing("]:"):
        match = REFERENCE_DEF.match(_container_content(line))
        if not match:
            continue
        label, target = match.group(1), match.group(2)
        target_line = line_no
        if not target:
            index = line_no - body.first_line + 1
            following = _container_content(masked[index]) if index < len(masked) else ""
            target = following.strip().split(" ", 1)[0] if following.strip() else ""
            target_line = line_no + 1
        target = target.removeprefix("<").removesuffix(">")
        found.setdefault(" ".join(label.split()).lower(), (target_line, target))
    return found


def _container_content(line: str) -> str:
    """A line without the quote markers, list markers and indentation that contain it."""
    return CONTAINER_PREFIX.sub("", line, count=1)


def _links(body: Body) -> Iterator[_Link]:
    """Every link and image: inline, by reference (with the definition's target), autolinks,
    and each definition's own target."""
    definitions = _definitions(body) if "]:" in body.masked_text else {}
    for label, (line_no, target) in definitions.items():
        yield _Link(line_no, False, label, target)
    if "]" in body.masked_text:
        yield from _bracket_links(body, definitions)
    for line_no, line in body.lines_containing("<"):
        for match in AUTOLINK.finditer(line):
            yield _Link(line_no, False, match.group(1), match.group(1))


def _bracket_links(body: Body, definitions: dict[str, tuple[int, str]]) -> Iterator[_Link]:
    """`[text](target)`, `![alt](target)` and images by reference, in one pass over the
    brackets of the whole text: a stack pairs them as Python-Markdown nests link texts, across
    the lines of a paragraph (a blank line ends it), and a target may follow on the next line.
    """
    text = body.masked_text
    length = len(text)
    stack: list[int] = []
    scanned_to = -1  # where the last target scan stopped: later scans reuse it (linear)
    line_no, counted = body.first_line, 0
    for match in BRACKET.finditer(text):
        position = match.start()
        if position and text[position - 1] == "\\" and _escaped(text, position):
            continue
        if text[position] == "[":
            stack.append(position)
            continue
        if not stack:
            continue
        start = stack.pop()
        if BLANK_LINE.search(text, start, position):  # no link text runs over a blank line
            stack.clear()  # and every opener before it lies in an earlier paragraph too
            continue
        is_image = start > 0 and text[start - 1] == "!" and not _escaped(text, start - 1)
        label = text[start + 1 : min(position, start + 1 + MAX_LINK_TEXT)]
        after = position + 1
        line_no += text.count("\n", counted, position)
        counted = position
        if after < length and text[after] == "(":
            begin = after + 1
            while begin < length and text[begin] in " \t\n":
                begin += 1
            if begin < length and text[begin] == "<":
                begin += 1
            if begin > scanned_to:
                stop = TARGET_END.search(text, begin)
                scanned_to = stop.start() if stop else length
            target_line = line_no + text.count("\n", position, begin)
            yield _Link(target_line, is_image, label, text[begin:scanned_to])
        elif is_image and definitions:
            reference = label
            if text.startswith("[", after):
                close = text.find("]", after, after + MAX_LINK_TEXT)
                if close > after + 1:
                    reference = text[after + 1 : close]
            definition = definitions.get(" ".join(reference.split()).lower())
            if definition is not None:
                yield _Link(line_no, True, label, definition[1], unresolved=True)


def check_links(entry: Entry, body: Body) -> Iterator[Problem]:
    for line_no, is_image, text, target, by_reference in _links(body):
        problem = None if by_reference else link_target_problem(target)
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


def check_note_kinds(entry: Entry, body: Body) -> Iterator[Problem]:
    """A note's kind becomes a class on the page (`!!! tipp`); the theme's classes are not."""
    for line_no, line in body.lines_containing("!!!"):
        match = NOTE_OPENER.match(_container_content(line))
        if not match:
            continue
        for word in match.group(1).lower().split():
            if not class_allowed("div", word):
                yield Problem(
                    entry.path,
                    line_no,
                    "body-note",
                    f"`{_shorten(word)}` ist als Art eines Hinweiskastens nicht erlaubt. "
                    "Verwenden Sie Kleinbuchstaben, zum Beispiel `!!! note`, `!!! tip` oder "
                    "`!!! warning`, und setzen Sie die Überschrift in Anführungszeichen.",
                )
                break


# A note's first line as Python-Markdown reads it: kinds, then perhaps a title in straight quotes.
NOTE_LINE = re.compile(r'!!! ?[\w\-]+(?: +[\w\-]+)*(?: +"[^"\n]*")? *$')


def check_note_syntax(entry: Entry, body: Body) -> Iterator[Problem]:
    """A note whose first line the admonition syntax does not read shows as plain text
    (`!!! warning: "Achtung"`, `!!! note „Titel“`, `??? note`), and a note whose text is not
    indented by four spaces stays empty while its text stands below it."""
    lines = body.masked
    for line_no, line in body.lines_containing("!!!", "???"):
        content = _container_content(line)
        prefix = line[: len(line) - len(content)]
        if content.startswith("???"):
            yield Problem(
                entry.path,
                line_no,
                "body-note",
                "Aufklappbare Hinweiskästen (`???`) gibt es hier nicht; die Zeile stünde als "
                'Text auf der Seite. Schreiben Sie `!!! note "Überschrift"`.',
            )
            continue
        if not content.startswith("!!!"):
            continue
        if not NOTE_LINE.match(content):
            yield Problem(
                entry.path,
                line_no,
                "body-note",
                'Ein Hinweiskasten beginnt mit `!!! art "Überschrift"`: die Art in '
                "Kleinbuchstaben, die Überschrift in geraden Anführungszeichen, ohne Doppelpunkt. "
                "So stünde die Zeile als Text auf der Seite.",
            )
            continue
        index = line_no - body.first_line
        following = lines[index + 1 :]
        text = next(((i, t) for i, t in enumerate(following) if t.strip()), None)
        if text is None:
            continue
        indent = len(text[1]) - len(text[1][len(prefix) :].lstrip(" "))
        indented = text[1].startswith(prefix) and (
            text[1][len(prefix) :].startswith(("    ", "\t"))
        )
        attempted = text[1].startswith(prefix + " ") and 0 < indent - len(prefix) < 4
        if not indented and (text[0] == 0 or attempted):
            yield Problem(
                entry.path,
                line_no + 1 + text[0],
                "body-note",
                "Der Text eines Hinweiskastens steht in den Zeilen darunter, mit vier "
                "Leerzeichen eingerückt; sonst bleibt der Kasten leer und der Text steht "
                "darunter.",
            )


LIST_START = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]")


def check_block_size(entry: Entry, body: Body) -> Iterator[Problem]:
    """Paragraphs stay short enough for Python-Markdown to read in time.

    Python-Markdown searches from every `[`, `<`, backtick and `*` of a paragraph to its end, so
    its time grows with the square of a paragraph's length and of its unclosed brackets (4,000
    unclosed `[`: 7 s, 16,000: 150 s). Bounding both keeps a build linear in the size of a file.
    """
    text = body.masked_text
    blocks = BLOCK_SEPARATOR.split(text) if len(text) > MAX_BLOCK_CHARS else [text]
    # Most bodies: no long paragraph and too few marks in all for any paragraph to leave 40
    # open; counting in C over the whole text settles that without a walk over paragraphs.
    if max(map(len, blocks)) <= MAX_BLOCK_CHARS and not any(
        text.count(mark) > MAX_OPEN_MARKS for mark in OPEN_MARKS
    ):
        return
    if len(blocks) == 1 and len(text) <= MAX_BLOCK_CHARS:
        blocks = BLOCK_SEPARATOR.split(text)  # a short body with many marks: find their paragraph
    line_no = body.first_line
    for block in blocks:
        stripped = block.lstrip("\n")
        start = line_no + len(block) - len(stripped)
        line_no += block.count("\n") + 1
        if len(stripped) > MAX_BLOCK_CHARS:
            listed = LIST_START.match(stripped) is not None
            what, advice = (
                ("Diese Liste ist", "Setzen Sie Leerzeilen zwischen ihre Punkte")
                if listed
                else ("Dieser Absatz ist", "Teilen Sie ihn mit Leerzeilen in kürzere Absätze")
            )
            yield Problem(
                entry.path,
                start,
                "body-block",
                f"{what} {len(stripped):,} Zeichen lang; erlaubt sind höchstens "
                f"{MAX_BLOCK_CHARS:,} ohne Leerzeile. {advice}.".replace(",", "."),
            )
            continue
        if len(stripped) < MAX_OPEN_MARKS:
            continue
        for mark, count in _open_marks(stripped).items():
            if mark == "[…]" and count:
                yield Problem(
                    entry.path,
                    start,
                    "body-block",
                    f"In diesem Absatz stehen eckige Klammern mehr als {MAX_BRACKET_DEPTH} Ebenen "
                    "tief ineinander. Lösen Sie die Verschachtelung auf.",
                )
                break
            if count > MAX_OPEN_MARKS:
                yield Problem(
                    entry.path,
                    start,
                    "body-block",
                    f"Dieser Absatz enthält {count} offene Zeichen `{mark}` ohne Gegenstück; "
                    f"erlaubt sind höchstens {MAX_OPEN_MARKS}. Schließen Sie Klammern und "
                    f"Hervorhebungen oder schreiben Sie das Zeichen als `\\{mark}`.",
                )
                break


def _open_marks(block: str) -> dict[str, int]:
    """How many `[`, `(` after `](`, `<`, backtick runs and `*`/`_` a paragraph leaves open: the
    starting points from which Python-Markdown scans to the paragraph's end in vain."""
    depth = deepest = 0
    for match in BRACKET_MARK.finditer(block):
        if match.group(0) == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    runs: dict[int, int] = {}
    for match in BACKTICKS.finditer(block):
        length = match.end() - match.start()
        runs[length] = runs.get(length, 0) ^ 1
    return {
        "[": depth,
        # Nested brackets cost Python-Markdown time with the square of their depth, closed or
        # not (2,400 levels: 2.8 s per paragraph); counted against the same limit.
        "[…]": max(0, deepest - MAX_BRACKET_DEPTH) * MAX_OPEN_MARKS,
        "(": max(0, block.count("](") - block.count(")")),
        "<": block.count("<") - block.count(">") if "<" in block else 0,
        "`": sum(runs.values()),
        "*": block.count("*") % 2 + max(0, block.count("*") - 2 * MAX_OPEN_MARKS),
        "_": block.count("_") % 2 + max(0, block.count("_") - 2 * MAX_OPEN_MARKS),
    }


def check_references(entry: Entry, body: Body) -> Iterator[Problem]:
    """Each link reference and footnote is defined once; a link reference is used.

    Python-Markdown keeps only the last of two definitions and shows an unused one nowhere:
    either way text the editor wrote would vanish without a word.
    """
    if "]:" not in body.masked_text:
        return
    text = body.masked_text.lower()
    first: dict[str, int] = {}
    for line_no, line in body.lines_containing("]:"):
        content = _container_content(line)
        match = FOOTNOTE_DEF.match(content) or REFERENCE_DEF.match(content)
        if not match:
            continue
        footnote = content.startswith("[^")
        label = " ".join(match.group(1).split()).lower()
        shown = f"[^{match.group(1)}]" if footnote else f"[{match.group(1)}]"
        key = ("^" if footnote else "") + label
        if key in first:
            yield Problem(
                entry.path,
                line_no,
                "body-reference",
                f"`{_shorten(shown)}` ist schon in Zeile {first[key]} definiert; auf der Seite "
                "erschiene nur die letzte Angabe. Löschen Sie eine der beiden.",
            )
            continue
        first[key] = line_no
        if not footnote and not _used(text, label):
            yield Problem(
                entry.path,
                line_no,
                "body-reference",
                f"`{_shorten(shown)}` wird im Text nirgends verwendet, daher erscheint das Ziel "
                f"nicht auf der Seite. Verlinken Sie es mit `[Linktext]{_shorten(shown)}` oder "
                "löschen Sie die Zeile.",
                Severity.WARNING,
            )


TOO_DEEP_HEADING = re.compile(r"^ {0,3}#{7,}(?:[ \t]|$)")
EMPTY_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*#*[ \t]*$")
EMPTY_LINK_TEXT = re.compile(r"(?<![!\\])\[[ \t]*\]\(")


def check_empty_markup(entry: Entry, body: Body) -> Iterator[Problem]:
    """Headings and links a reader cannot use: a heading of seven `#` (shown with a stray `#`),
    an empty heading, a link without text (screen readers read out only its address)."""
    for line_no, line in body.lines_containing("#", "[]("):
        if TOO_DEEP_HEADING.match(line):
            yield Problem(
                entry.path,
                line_no,
                "body-heading",
                "Überschriften haben höchstens sechs `#`; mit mehr stünde ein `#` in der "
                "Überschrift. Gliedern Sie flacher.",
            )
        elif EMPTY_HEADING.match(line):
            yield Problem(
                entry.path,
                line_no,
                "body-heading",
                "Die Überschrift ist leer. Schreiben Sie ihren Text hinter die `#` oder löschen "
                "Sie die Zeile.",
            )
        if EMPTY_LINK_TEXT.search(line):
            yield Problem(
                entry.path,
                line_no,
                "body-link-text",
                "Ein Link ohne Text: Schreiben Sie in die eckigen Klammern, wohin er führt, "
                "zum Beispiel `[Leitfaden des Landes](https://…)`.",
            )


FOOTNOTE_USE = re.compile(r"\[\^([^\[\]\s]+)\](?!:)")
FULL_REFERENCE = re.compile(r"\]\[([^\[\]]*)\]")


def check_undefined(entry: Entry, body: Body) -> Iterator[Problem]:
    """A footnote `[^9]` or a link `[Text][ziel]` whose definition is missing shows its
    brackets on the page instead of a note or a link."""
    text = body.masked_text
    if "[^" not in text and "][" not in text:
        return
    defined = set()
    for _, line in body.lines_containing("]:"):
        content = _container_content(line)
        match = FOOTNOTE_DEF.match(content) or REFERENCE_DEF.match(content)
        if match:
            prefix = "^" if content.startswith("[^") else ""
            defined.add(prefix + " ".join(match.group(1).split()).lower())
    for line_no, line in body.lines_containing("[^", "]["):
        for match in FOOTNOTE_USE.finditer(line):
            if "^" + match.group(1).lower() not in defined:
                yield Problem(
                    entry.path,
                    line_no,
                    "body-reference",
                    f"Zur Fußnote `[^{_shorten(match.group(1))}]` fehlt die Zeile "
                    f"`[^{_shorten(match.group(1))}]: …` mit ihrem Text; so stünden die Klammern "
                    "auf der Seite.",
                )
        for match in FULL_REFERENCE.finditer(line):
            label = " ".join(match.group(1).split()).lower()
            if label and not label.startswith("^") and label not in defined:
                yield Problem(
                    entry.path,
                    line_no,
                    "body-reference",
                    f"Zum Verweis `[{_shorten(match.group(1))}]` fehlt die Zeile "
                    f"`[{_shorten(match.group(1))}]: https://…` mit dem Ziel; so stünden die "
                    "Klammern auf der Seite.",
                )


def _used(text: str, label: str) -> bool:
    """Whether `[label]` appears in the (lower-cased) text other than as its definition."""
    needle = f"[{label}]"
    position = text.find(needle)
    while position >= 0:
        if not text.startswith(":", position + len(needle)):
            return True
        position = text.find(needle, position + 1)
    return False


def check_nesting(entry: Entry, body: Body) -> Iterator[Problem]:
    """Lists, quotes and notes nest at most MAX_NESTING levels deep (see `markup`)."""
    previous = -1  # one problem for each run of too deeply nested lines
    for line_no, line in body.lines_matching(NESTING_TRIGGER):
        depth = nesting_depth(line)
        if depth > MAX_NESTING:
            reported, previous = previous == line_no - 1, line_no
            if reported:
                continue
            yield Problem(
                entry.path,
                line_no,
                "body-nesting",
                f"Der Text ist hier {depth} Ebenen tief verschachtelt (Einrückung, Listen, "
                f"Zitate, Hinweiskästen); erlaubt sind höchstens {MAX_NESTING}. Rücken Sie "
                "weniger tief ein.",
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
    check_nesting,
    check_note_kinds,
    check_note_syntax,
    check_block_size,
    check_references,
    check_undefined,
    check_empty_markup,
)

# Constructs whose outcome the line rules cannot be sure of (attribute lists, link references,
# images, raw HTML, links to sections, footnotes, character references): a body with one of
# them is also rendered and judged on the finished tree.
RENDER_TRIGGERS = ("{", "]:", "![", "<", "](#", "[^")
# Character references can write any character, hidden ones included (`&#x202E;`).
ENTITY_TRIGGER = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]{1,31};)")


def check_rendered(entry: Entry, body: Body) -> list[Problem]:
    """Render the body as the build will and report what the dialect does not allow.

    Run after the line rules and only when they found nothing: they point at the exact line,
    this step at the first line that shows the offending value.
    """
    if not any(trigger in body.text for trigger in RENDER_TRIGGERS) and not (
        "&" in body.text and ENTITY_TRIGGER.search(body.text)
    ):
        return []
    from ..bodies import render_body, violation_line  # Markdown is imported only when needed

    rendered = render_body(body.text)
    return [
        Problem(
            entry.path,
            violation_line(body.text, body.first_line, violation.needle),
            "body-markup",
            violation.message,
        )
        for violation in rendered.violations
    ]
