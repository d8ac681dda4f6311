"""The `praxis` command line: `check` validates entries; more subcommands follow the same shape.

Exit codes: 0 clean (warnings allowed), 1 content has errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .content_types import CONTENT_TYPES
from .corpus import default_workers, load_corpus
from .exit_codes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, UsageError
from .problems import FORMATTERS
from .rules.review import DEFAULT_REVIEW_MONTHS
from .vocabulary import VOCABULARY_DIR


class _GermanHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with a German usage line."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


# argparse's own error texts, as (English pattern, German replacement), applied in order.
_ERROR_TEXTS = (
    (r"the following arguments are required: ", "diese Angaben fehlen: "),
    (r"unrecognized arguments: ", "unbekannte Angaben: "),
    (r"^argument (\S+): ", r"\1: "),
    (r"invalid choice: (.*) \(choose from (.*)\)$", r"ungültiger Wert \1 (möglich: \2)"),
    (r"expected one argument", "hier fehlt ein Wert"),
    (r"invalid (\w+) value: ", r"ungültiger Wert (\1): "),
)


class _Parser(argparse.ArgumentParser):
    """A parser whose help screens and errors are German (also for every subcommand)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _GermanHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="diese Hilfe anzeigen und beenden",
            )

    def error(self, message: str) -> None:  # German, and exit code 2 as documented
        for english, german in _ERROR_TEXTS:
            message = re.sub(english, german, message)
        self.print_usage(sys.stderr)
        print(f"praxis: Aufruf fehlerhaft: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def find_root(start: Path) -> Path:
    """The content root: the nearest folder (upwards) that has `content/vocabularies`."""
    for folder in (start, *start.parents):
        if (folder / "content" / "vocabularies").is_dir():
            return folder
    raise UsageError(
        "Kein Inhaltsordner gefunden (erwartet: content/vocabularies). Rufen Sie "
        "praxis im Projektordner auf oder geben Sie --root an."
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="praxis", description="Werkzeuge für die Plattform gegen Rassismus und Hass."
    )
    parser.add_argument("--root", type=Path, help="Projektordner (Standard: wird gesucht)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="Einträge prüfen und jeden Fehler mit Zeile melden")
    check.add_argument(
        "paths",
        nargs="*",
        type=_named_path,
        help="nur diese Dateien und Ordner (Standard: alle)",
    )
    check.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default="text",
        help="Ausgabeformat: text, github (Anmerkungen im Pull Request) oder json",
    )
    check.add_argument(
        "--review-months",
        type=int,
        default=DEFAULT_REVIEW_MONTHS,
        help="Warnen, wenn die letzte Prüfung länger zurückliegt (Monate)",
    )
    check.set_defaults(handler=run_check)
    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


def _named_path(text: str) -> Path:
    """A path named on the command line; an empty one would silently mean the whole project."""
    if not text.strip():
        raise argparse.ArgumentTypeError("ein leerer Pfad ist keine Datei und kein Ordner")
    return Path(text)


def _selection(root: Path, paths: Sequence[Path]) -> list[str]:
    """The named files and folders as paths relative to the root ("" for the root itself).

    A folder selects everything the full check finds under it; a file must be an entry file
    (in an entry folder) or a vocabulary, since the check reads nothing else.
    """
    selected = []
    entry_folders = [t.folder for t in CONTENT_TYPES]
    for path in paths:
        full = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
        try:  # as written first: a symlinked entry is named by its own path
            rel = full.relative_to(root).as_posix()
        except ValueError:
            try:
                rel = full.resolve().relative_to(root).as_posix()
            except ValueError:
                raise UsageError(f"{path}: liegt außerhalb des Projektordners {root}.") from None
        if not full.exists() and not full.is_symlink():
            raise UsageError(f"{path}: Datei oder Ordner nicht gefunden.")
        rel = "" if rel == "." else rel
        if full.is_dir() and not full.is_symlink():
            selected.append(rel)
            continue
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        if parent not in entry_folders and parent != VOCABULARY_DIR:
            raise UsageError(
                f"{path}: liegt in keinem Eintragsordner ("
                + ", ".join(f"{f}/" for f in entry_folders)
                + ") und wird weder geprüft noch veröffentlicht."
            )
        selected.append(rel)
    return selected


def run_check(args: argparse.Namespace, root: Path) -> int:
    corpus = load_corpus(
        root,
        only=_selection(root, args.paths) if args.paths else None,
        review_months=args.review_months,
        workers=default_workers(),
        problems_only=True,
    )
    output = FORMATTERS[args.format](corpus.problems)
    if output:
        print(output)
    errors = len(corpus.errors)
    warnings = len(corpus.problems) - errors
    if args.format == "text":
        files = _count(corpus.files_read, "Datei", "Dateien")
        warned = _count(warnings, "Warnung", "Warnungen")
        print(f"Geprüft: {files}, {errors} Fehler, {warned}.", file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


_EXTRA_COMMANDS: list = []


def _register_synth(sub: argparse._SubParsersAction) -> None:
    from .synthetic import add_command  # `praxis synth`: synthetic corpora for benchmarks

    add_command(sub)


_EXTRA_COMMANDS.append(_register_synth)


def _register_editor_tools(sub: argparse._SubParsersAction) -> None:
    from . import json_schema, scaffold  # `praxis new` and `praxis schema` for editors

    scaffold.register_command(sub)
    json_schema.register_command(sub)


_EXTRA_COMMANDS.append(_register_editor_tools)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = (args.root or find_root(Path.cwd())).resolve()
        if not (root / "content" / "vocabularies").is_dir():
            raise UsageError(f"{root}: kein Projektordner (content/vocabularies fehlt).")
        return int(args.handler(args, root))
    except UsageError as exc:
        print(f"praxis: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
