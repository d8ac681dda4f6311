"""Split a Markdown file into front matter and body, and parse the front matter strictly.

MkDocs' own reader swallows YAML errors and PyYAML guesses types (`01067` becomes 567, `no`
becomes False, duplicate keys silently win). Here every scalar stays the string that was written,
every key keeps its line, and everything unusual becomes a located problem instead of an
exception. Typing values is the schema's job, not YAML's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from .characters import hidden_character
from .problems import Problem

try:  # libyaml is four times faster; fall back to the pure-Python parser where it is missing.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _StringLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader without implicit resolvers: every plain scalar is a string."""

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """Untagged nodes get the default tag of their kind; nothing is guessed from the value."""
        return _DEFAULT_TAGS[kind]


class _PyStringLoader(yaml.SafeLoader):
    """Pure-Python twin used only to scan tokens for anchors, aliases and tags with positions."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
_NULLS = frozenset({"null", "Null", "NULL", "~"})
_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
# Cheap pre-check: only front matter with one of these characters can hold anchors, aliases or tags.
_MAYBE_SPECIAL = re.compile(r"[&*!]")

Path = tuple[Any, ...]


@dataclass
class FrontMatter:
    """The parsed front matter: plain data plus the line of every key and list item."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[Path, int] = field(default_factory=dict)
    start_line: int = 1
    body: str = ""
    body_line: int = 1
    ok: bool = False


def split(text: str, path: str) -> tuple[FrontMatter, list[Problem], str | None]:
    """Find the front matter block. Returns the block's text, or None when there is none."""
    lines = text.split("\n")
    fm = FrontMatter()
    if not lines or not _DELIMITER.match(lines[0]):
        problem = Problem(
            path,
            1,
            "frontmatter-start",
            "Die Datei beginnt nicht mit einem Front-Matter-Block. Schreiben Sie `---` in die "
            "erste Zeile, darunter die Felder und danach wieder `---`.",
        )
        return fm, [problem], None
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            fm.body = "\n".join(lines[index + 1 :])
            fm.body_line = index + 2
            return fm, [], "\n".join(lines[1:index])
    problem = Problem(
        path,
        1,
        "frontmatter-end",
        "Der Front-Matter-Block wird nicht geschlossen. Fügen Sie nach dem letzten Feld eine Zeile "
        "mit `---` ein.",
    )
    return fm, [problem], None


def parse(text: str, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Split and parse a whole file's text (already decoded, BOM removed, LF line ends)."""
    fm, problems, block = split(text, path)
    if block is None:
        return fm, problems
    offset = 2  # the block starts on the line after the opening `---`
    try:
        node = yaml.compose(block, Loader=_StringLoader)
    except yaml.MarkedYAMLError as exc:
        where, better = _error_line(exc, block)
        index = _clamp_to_block(where, block)
        tab = None if better else _tab_line(exc, block, index)
        if tab is not None:
            problems.append(
                Problem(
                    path,
                    offset + tab,
                    "yaml-syntax",
                    f"Der Front Matter ist kein gültiges YAML: In Zeile {offset + tab} steht "
                    "ein Tabulator. Rücken Sie nur mit Leerzeichen ein.",
                )
            )
            return fm, problems
        line = offset + index
        reason = better or _long_key(block, index) or _yaml_reason(exc)
        problems.append(
            Problem(
                path,
                line,
                "yaml-syntax",
                f"Der Front Matter ist kein gültiges YAML: {reason}. Prüfen Sie Einrückung, "
                "Doppelpunkte und Anführungszeichen in dieser Zeile oder der Zeile davor.",
            )
        )
        return fm, problems
    except yaml.reader.ReaderError as exc:  # a character YAML does not read at all
        line = offset + block.count("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        problems.append(
            Problem(
                path,
                line,
                "yaml-syntax",
                f"Der Front Matter ist kein gültiges YAML: Zeile {line} enthält das "
                f"Steuerzeichen U+{code:04X}. Löschen Sie es.",
            )
        )
        return fm, problems
    except yaml.YAMLError as exc:  # errors without a position
        problems.append(
            Problem(path, 1, "yaml-syntax", f"Der Front Matter ist kein gültiges YAML: {exc}.")
        )
        return fm, problems
    if _MAYBE_SPECIAL.search(block):
        problems.extend(_special_tokens(block, path, offset))
    if node is None:
        problems.append(
            Problem(
                path,
                1,
                "frontmatter-empty",
                "Der Front Matter ist leer. Tragen Sie die "
                "Pflichtfelder ein (siehe Leitfaden für Redakteur:innen).",
            )
        )
        return fm, problems
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(
                path,
                offset + node.start_mark.line,
                "frontmatter-mapping",
                "Der Front Matter muss aus Feldern der Form `name: wert` bestehen.",
            )
        )
        return fm, problems
    walker = _Walker(path, offset, aliases_possible="*" in block, source=block)
    fm.data = walker.mapping(node, ())
    fm.lines = walker.lines
    fm.ok = not walker.problems and not any(p.rule.startswith("yaml-") for p in problems)
    problems.extend(walker.problems)
    return fm, problems


def _error_line(exc: yaml.MarkedYAMLError, block: str) -> tuple[int, str | None]:
    """Where the editor must look, and a better reason where we know one.

    YAML notices an unclosed quote or list only lines later; point at where it was opened.
    """
    problem, context = exc.problem_mark, exc.context_mark
    problem_line = problem.line if problem is not None else 0
    squeezed = _squeezed_colon(block, problem_line)
    if squeezed is not None:
        return squeezed
    if context is not None and (exc.context or "").startswith(
        ("while parsing a flow", "while scanning a quoted")
    ):
        return context.line, None
    if context is not None and context.line < problem_line:
        lines = block.split("\n")
        for index in range(context.line, min(problem_line, len(lines))):
            if _unbalanced_quote(lines[index]):
                return index, "ein Anführungszeichen wird in dieser Zeile nicht geschlossen"
    return problem_line, None


# `published:2025-03-14` (no space after the colon) and `title:\u00a0"…"` (a non-breaking
# space, as word processors paste it): YAML reads neither as a field and notices a line later.
_NO_SPACE = re.compile(r"^[ -]*[A-Za-z_][\w-]*:(?=[^\s:/])")
_ODD_SPACE = re.compile(r"^[ -]*[A-Za-z_][\w-]*:([\u00a0\u2000-\u200a\u202f\u205f\u3000])")


def _squeezed_colon(block: str, problem_line: int) -> tuple[int, str] | None:
    """The line, up to the one YAML stopped at, whose field name is not followed by a space."""
    lines = block.split("\n")
    for index in range(min(problem_line, len(lines) - 1), -1, -1):
        line = lines[index]
        if _ODD_SPACE.match(line):
            return index, (
                "nach dem Doppelpunkt steht ein geschütztes oder anderes besonderes Leerzeichen "
                "(oft beim Einfügen aus einem Textprogramm); tippen Sie ein normales Leerzeichen"
            )
        if _NO_SPACE.match(line) and '"' not in line.split(":", 1)[0]:
            return index, "nach dem Doppelpunkt fehlt ein Leerzeichen (`name: wert`)"
        if index < problem_line - 1:
            break  # only the line YAML stopped at and the one before it
    return None


def _tab_line(exc: yaml.MarkedYAMLError, block: str, index: int) -> int | None:
    """The block line holding the tab YAML stumbled over, if the error is about a tab.

    YAML has no word for a tab in the indentation: libyaml calls it a character that cannot
    start a token, and points at the reported line or, for nested keys, at the line YAML was
    reading. A tab in the indentation of either of them is the editor's mistake to fix.
    """
    lines = block.split("\n")
    candidates = [index]
    if exc.problem_mark is not None:
        candidates.append(exc.problem_mark.line)
    for candidate in candidates:
        if 0 <= candidate < len(lines) and _TAB_INDENT.match(lines[candidate]):
            return candidate
    return None


# A tab somewhere in the indentation, including between list dashes.
_TAB_INDENT = re.compile(r"^[ \t-]*\t")


# YAML reads a key of a `key: value` line only up to this many characters.
MAX_KEY_LENGTH = 1024


def _long_key(block: str, index: int) -> str | None:
    """YAML gives up on keys over 1024 characters and reports a missing colon instead."""
    lines = block.split("\n")
    text = lines[index] if index < len(lines) else ""
    key = text.split(":", 1)[0] if ":" in text else text
    if len(key.strip()) > MAX_KEY_LENGTH:
        return (
            f"der Feldname ist {len(key.strip())} Zeichen lang; YAML liest höchstens "
            f"{MAX_KEY_LENGTH} (steht ein Wert ohne Feldnamen in der Zeile?)"
        )
    return None


def _clamp_to_block(index: int, block: str) -> int:
    """libyaml may point past the last line of the block; the mistake is on the last one."""
    lines = block.split("\n")
    if index < len(lines) and lines[index].strip():
        return index
    for candidate in range(min(index, len(lines) - 1), -1, -1):
        if lines[candidate].strip():
            return candidate
    return 0


def _unbalanced_quote(line: str) -> bool:
    value = line.split(":", 1)[1] if ":" in line else line
    value = value.split(" #", 1)[0].strip()
    if value.startswith('"'):
        return value.replace('\\"', "").count('"') % 2 == 1
    if value.startswith("'"):
        return value.replace("''", "").count("'") % 2 == 1
    return False


_REASONS = (
    (
        "mapping values are not allowed",
        "ein Doppelpunkt steht an einer unerwarteten Stelle "
        "(setzen Sie Texte mit Doppelpunkt in Anführungszeichen)",
    ),
    ("found character '\\t'", "Tabulatoren sind nicht erlaubt, rücken Sie mit Leerzeichen ein"),
    ("found a tab character", "Tabulatoren sind nicht erlaubt, rücken Sie mit Leerzeichen ein"),
    ("found undefined alias", "ein Verweis (`*name`) zeigt auf nichts"),
    (
        "did not find expected key",
        "die Zeile ist anders eingerückt als die Felder davor, oder "
        "ein Anführungszeichen wird nicht geschlossen",
    ),
    ("could not find expected ':'", "nach dem Feldnamen fehlt ein Doppelpunkt"),
    ("did not find expected ',' or ']'", "eine Liste in `[ … ]` wird nicht mit `]` geschlossen"),
    ("did not find expected ',' or '}'", "eine Gruppe in `{ … }` wird nicht mit `}` geschlossen"),
    ("did not find expected '-' indicator", "ein Listenpunkt ist falsch eingerückt"),
    (
        "did not find expected node content",
        "ein Wert fehlt, oder eine Liste `[` oder Gruppe `{` wird nicht geschlossen",
    ),
    (
        "found unexpected end of stream",
        "der Front Matter endet mitten in einem Wert (fehlt ein Anführungszeichen?)",
    ),
    (
        "found unknown escape character",
        "ein `\\` in Anführungszeichen leitet kein gültiges "
        "Sonderzeichen ein; verdoppeln Sie es oder nutzen Sie einfache Anführungszeichen",
    ),
    ("expected <block end>", "die Einrückung passt nicht zu den Zeilen davor"),
    (
        "found character that cannot start any token",
        "ein Wert beginnt mit einem Zeichen, das "
        "YAML reserviert (etwa `@` oder `` ` ``); setzen Sie den Wert in Anführungszeichen",
    ),
    (
        "expected alphabetic or numeric character",
        "nach `&` oder `*` fehlt ein Name; setzen Sie den Wert in Anführungszeichen",
    ),
    ("found duplicate anchor", "ein Anker (`&name`) steht doppelt"),
    ("exceeded maximum nesting depth", "Listen oder Gruppen sind zu tief ineinander verschachtelt"),
    (
        "did not find expected <document start>",
        "eine Zeile wie `%YAML …` oder ein zweites `---` gehört nicht in den Front Matter",
    ),
    ("expected a comment or a line break", "nach dem Wert steht noch etwas"),
)


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, german in _REASONS:
        if problem.startswith(english):
            return german
    return f"YAML meldet „{problem or 'unbekannter Fehler'}“"


def _special_tokens(block: str, path: str, offset: int) -> list[Problem]:
    """Anchors, aliases and explicit tags are rejected: they hide structure from editors."""
    found: list[Problem] = []
    try:
        for token in yaml.scan(block, Loader=_PyStringLoader):
            line = offset + token.start_mark.line
            if isinstance(token, yaml.AnchorToken):
                found.append(
                    Problem(
                        path,
                        line,
                        "yaml-anchor",
                        f"YAML-Anker (`&{token.value}`) sind nicht "
                        "erlaubt. Schreiben Sie den Wert aus; steht `&` am Textanfang, setzen "
                        "Sie den Text in Anführungszeichen.",
                    )
                )
            elif isinstance(token, yaml.AliasToken):
                found.append(
                    Problem(
                        path,
                        line,
                        "yaml-alias",
                        f"YAML-Verweise (`*{token.value}`) sind nicht "
                        "erlaubt. Schreiben Sie den Wert aus; steht `*` am Textanfang, setzen "
                        "Sie den Text in Anführungszeichen.",
                    )
                )
            elif isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                found.append(
                    Problem(
                        path,
                        line,
                        "yaml-tag",
                        f"YAML-Typangaben (`{handle or ''}{suffix}`) "
                        "sind nicht erlaubt. Schreiben Sie den Wert ohne `!`-Angabe; steht `!` "
                        "am Textanfang, setzen Sie den Text in Anführungszeichen.",
                    )
                )
    except yaml.YAMLError:  # the composer already reported syntax errors
        pass
    return found


class _Walker:
    """Turn a node tree into plain data, recording lines and rejecting what YAML hides."""

    def __init__(
        self, path: str, offset: int, aliases_possible: bool = True, source: str = ""
    ) -> None:
        self.path = path
        self.source = source
        self.offset = offset
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        # Only an alias (`*name`) makes the composer share a node; without `*` nothing to track.
        self._seen: set[int] | None = set() if aliases_possible else None

    def _line(self, node: yaml.Node) -> int:
        return self.offset + node.start_mark.line

    def value(self, node: yaml.Node, where: Path) -> Any:
        if self._seen is not None:  # the composer shares one node for every alias
            if id(node) in self._seen:
                return None
            self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                return None  # reported by the token scan
            if not node.style and node.value in _NULLS:
                return ""  # YAML's "no value": an empty field, never the text "null"
            if node.style == '"' and hidden_character(node.value):
                self._hidden_characters(node)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            items = []
            lines, offset = self.lines, self.offset
            for index, child in enumerate(node.value):
                at = (*where, index)
                lines[at] = offset + child.start_mark.line
                items.append(self.value(child, at))
            return items
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, where)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def _hidden_characters(self, node: yaml.ScalarNode) -> None:
        """Escapes in double quotes (`"\\u202E"`, `"\\0"`) can write what the file rule forbids."""
        code = hidden_character(node.value)
        lines = self.source.split("\n")[node.start_mark.line : node.end_mark.line + 1]
        source = "\n".join(lines)
        if code and not hidden_character(source):  # written as such: the file rule reports it
            self.problems.append(
                Problem(
                    self.path,
                    self._line(node),
                    "field-characters",
                    f"Der Wert enthält ein unsichtbares Steuerzeichen ({code}), geschrieben als "
                    "`\\`-Folge in Anführungszeichen. Löschen Sie die Folge; sie kann den Text "
                    "anders anzeigen, als er gespeichert ist.",
                )
            )

    def mapping(self, node: yaml.MappingNode, where: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self._line(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        "yaml-key",
                        "Feldnamen müssen einfache Wörter sein "
                        "(zum Beispiel `title`), keine Listen oder Objekte.",
                    )
                )
                continue
            key = key_node.value
            if key == "<<":
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        "yaml-merge",
                        "Zusammenführungen (`<<`) sind nicht "
                        "erlaubt. Schreiben Sie die Felder einzeln aus.",
                    )
                )
                continue
            if key in result:
                first = self.lines.get((*where, key), line)
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        "yaml-duplicate-key",
                        f"Das Feld `{_dotted(where, key)}` "
                        f"steht doppelt (zuerst in Zeile {first}). Löschen Sie eine der beiden "
                        "Zeilen.",
                    )
                )
                continue
            self.lines[(*where, key)] = line
            result[key] = self.value(value_node, (*where, key))
        return result


def _dotted(where: Path, key: str) -> str:
    return ".".join(str(p) for p in (*where, key))


def parse_yaml_document(
    text: str, path: str, offset: int = 1
) -> tuple[Any, dict[Path, int], list[Problem]]:
    """Parse a whole YAML file (a vocabulary, say) with the same strict rules as front matter."""
    fm, problems = parse("---\n" + text + "\n---\n", path)
    shift = offset - 2  # the `---` put in front, and the file's own first line
    shifted = [
        Problem(p.path, max(1, p.line + shift), p.rule, _as_file(p.message, shift), p.severity)
        for p in problems
    ]
    lines = {k: v - 1 + (offset - 1) for k, v in fm.lines.items()}
    return fm.data, lines, shifted


_WHOLE_FILE = (
    (
        "Der Front Matter ist leer. Tragen Sie die Pflichtfelder ein (siehe Leitfaden für "
        "Redakteur:innen).",
        "Die Datei ist leer.",
    ),
    ("Der Front Matter", "Die Datei"),
    ("der Front Matter", "die Datei"),
)
_LINE_IN_TEXT = re.compile(r"In Zeile (\d+)")


def _as_file(message: str, shift: int) -> str:
    """A front-matter message said of a whole YAML file: its words and its line numbers."""
    for front, whole in _WHOLE_FILE:
        message = message.replace(front, whole)
    return _LINE_IN_TEXT.sub(lambda m: f"In Zeile {int(m[1]) + shift}", message)
