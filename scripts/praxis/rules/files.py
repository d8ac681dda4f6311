"""Checks on the file itself, before its text is parsed: name, link, size, encoding, characters."""

from __future__ import annotations

import os
import re
from pathlib import Path
from stat import S_ISREG

from ..characters import FORBIDDEN_CHARS, FORBIDDEN_TAG_CHARS, hidden_character
from ..ids import entry_id_from_title
from ..problems import Problem

MAX_BYTES = 1_000_000
MAX_ID_LENGTH = 80
FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")
RESERVED_ID = re.compile(r"^(index|seite-\d+)$")


def check_name(path: Path, rel: str) -> list[Problem]:
    name = path.name
    problems: list[Problem] = []
    if name.startswith("."):
        problems.append(
            Problem(
                rel,
                1,
                "file-name",
                f"`{name}` ist eine versteckte Datei (der Name beginnt mit einem Punkt) und "
                f"würde nie veröffentlicht. Benennen Sie sie um, etwa in "
                f"`{suggest_file_name(name.lstrip('.'))}`.",
            )
        )
    elif not FILE_NAME.match(name):
        suggestion = suggest_file_name(name)
        problems.append(
            Problem(
                rel,
                1,
                "file-name",
                f"Der Dateiname `{name}` ist nicht erlaubt. "
                "Verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche "
                f"und die Endung `.md`, zum Beispiel `{suggestion}`.",
            )
        )
    elif RESERVED_ID.match(path.stem):
        problems.append(
            Problem(
                rel,
                1,
                "file-name",
                f"Der Dateiname `{name}` ist für "
                "Übersichtsseiten reserviert. Wählen Sie einen sprechenden Namen.",
            )
        )
    elif len(path.stem) > MAX_ID_LENGTH:
        problems.append(
            Problem(
                rel,
                1,
                "file-name",
                f"Der Dateiname ist {len(path.stem)} Zeichen "
                f"lang; erlaubt sind höchstens {MAX_ID_LENGTH}.",
            )
        )
    return problems


def suggest_file_name(name: str) -> str:
    from unicodedata import normalize  # a name from macOS may arrive decomposed (NFD)

    name = normalize("NFC", name)
    stem = name[:-3] if name.lower().endswith(".md") else name
    return f"{entry_id_from_title(stem)}.md"


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read an entry file as UTF-8 text with LF line ends, or say why it cannot be used."""
    if path.is_symlink():
        return None, [
            Problem(
                rel,
                1,
                "file-symlink",
                "Die Datei ist ein symbolischer Link. Legen Sie den Eintrag als echte Datei an.",
            )
        ]
    try:
        status = path.stat()
        if not S_ISREG(status.st_mode):
            return None, [
                Problem(
                    rel,
                    1,
                    "file-read",
                    "Das ist keine gewöhnliche Datei (sondern etwa eine Pipe oder ein Gerät); "
                    "sie wird nicht gelesen. Legen Sie den Eintrag als normale Datei an.",
                )
            ]
        size = status.st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    rel,
                    1,
                    "file-size",
                    f"Die Datei ist {size:,} Bytes groß; "
                    f"erlaubt sind höchstens {MAX_BYTES:,} Bytes. Kürzen Sie den "
                    "Text oder verlinken Sie lange Dokumente unter `resources`.".replace(",", "."),
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(rel, 1, "file-read", f"Die Datei kann nicht gelesen werden ({exc.strerror}).")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                rel,
                line,
                "file-encoding",
                "Die Datei ist nicht in UTF-8 "
                f"gespeichert (Byte 0x{raw[exc.start]:02x}). Speichern Sie sie in "
                "Ihrem Editor mit der Kodierung „UTF-8“.",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, check_characters(text, rel)


def check_characters(text: str, rel: str) -> list[Problem]:
    problems: list[Problem] = []
    if not FORBIDDEN_CHARS.search(text) and not FORBIDDEN_TAG_CHARS.search(text):
        return problems
    for index, line in enumerate(text.split("\n"), start=1):
        code = hidden_character(line)
        if code:
            problems.append(
                Problem(
                    rel,
                    index,
                    "file-characters",
                    f"Die Zeile enthält ein "
                    f"unsichtbares Steuerzeichen ({code}). Löschen Sie es; es "
                    "kann den Text anders anzeigen, als er gespeichert ist.",
                )
            )
    return problems


# Names in content folders that are no entries and are never reported.
IGNORED_NAMES = frozenset({"README.md", ".gitkeep", ".keep"})
_CONTENT_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")


def check_places(
    root: Path,
    entry_folders: list[str],
    vocabulary_dir: str,
    known_files: frozenset[str],
    top: str = "content",
) -> list[Problem]:
    """Entries and vocabularies where nothing reads them: `content/empfehlungen/x.md` (a folder
    named in German), `content/Trainings/`, a vocabulary saved as `.yaml`. Nothing there would
    ever be published, so the full check says so instead of passing in silence.

    The entry folders are not walked (their files are read and reported as entries), so the
    walk costs as many folders as content/ has besides them, on every preview rebuild too.
    `known_files`: other files the build reads (the map)."""
    problems: list[Problem] = []
    known = set(entry_folders)
    where = ", ".join(f"`{f}/`" for f in entry_folders)
    base = root / top
    if not base.is_dir() or base.is_symlink():
        return problems
    for folder, subfolders, names in os.walk(base):
        rel_folder = Path(folder).relative_to(root).as_posix()
        subfolders[:] = sorted(
            d for d in subfolders if not d.startswith(".") and f"{rel_folder}/{d}" not in known
        )
        for name in sorted(names):
            rel = f"{rel_folder}/{name}"
            if name in IGNORED_NAMES or rel in known_files:
                continue
            if rel_folder == vocabulary_dir:
                if not name.endswith(".yml"):
                    problems.append(
                        Problem(
                            rel,
                            1,
                            "file-place",
                            f"`{name}` wird nicht gelesen: Vokabulare in "
                            f"`{vocabulary_dir}/` enden auf `.yml`.",
                        )
                    )
            elif name.lower().endswith(_CONTENT_SUFFIXES):
                problems.append(
                    Problem(
                        rel,
                        1,
                        "file-place",
                        f"`{rel}` liegt in keinem Eintragsordner und wird nie veröffentlicht. "
                        f"Legen Sie Einträge in einen dieser Ordner: {where}.",
                    )
                )
    return problems
