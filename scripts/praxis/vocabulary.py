"""Load the controlled vocabularies from `content/vocabularies/*.yml`.

The vocabulary files are maintained by the editorial team, so a broken one is reported like a
broken entry: located, in German, never as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from .frontmatter import parse_yaml_document
from .model import Term, Vocabulary
from .problems import Problem

VOCABULARY_DIR = "content/vocabularies"
TERM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_vocabularies(root: Path) -> tuple[dict[str, Vocabulary], list[Problem]]:
    """Read every vocabulary file; the file name (without `.yml`) is the vocabulary's name."""
    vocabularies: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    folder = root / VOCABULARY_DIR
    for file in sorted(folder.glob("*.yml")):
        rel = file.relative_to(root).as_posix()
        vocabulary, found = _load_one(file, rel)
        problems.extend(found)
        if vocabulary is not None:
            vocabularies[vocabulary.name] = vocabulary
    return vocabularies, problems


def _load_one(file: Path, rel: str) -> tuple[Vocabulary | None, list[Problem]]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(rel, 1, "vocabulary", f"Die Datei kann nicht gelesen werden: {exc}")]
    data, lines, problems = parse_yaml_document(text, rel, offset=1)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [
            Problem(
                rel,
                1,
                "vocabulary",
                "Ein Vokabular besteht aus den Feldern `title`, `path`, `description` und `terms`.",
            )
        ]
    for key in ("title", "path", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(
                Problem(
                    rel,
                    lines.get((key,), 1),
                    "vocabulary",
                    f"Das Feld `{key}` fehlt oder ist leer.",
                )
            )
    raw_terms = data.get("terms")
    if not isinstance(raw_terms, list) or not raw_terms:
        problems.append(
            Problem(
                rel,
                lines.get(("terms",), 1),
                "vocabulary",
                "Die Liste `terms` fehlt oder ist leer.",
            )
        )
        return None, problems
    terms: list[Term] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_terms):
        line = lines.get(("terms", index), 1)
        if not isinstance(raw, dict) or set(raw) != {"id", "label", "description"}:
            problems.append(
                Problem(
                    rel,
                    line,
                    "vocabulary",
                    "Jeder Begriff braucht genau die Felder `id`, `label` und `description`.",
                )
            )
            continue
        if not all(isinstance(raw[k], str) and raw[k].strip() for k in raw):
            problems.append(
                Problem(
                    rel, line, "vocabulary", "`id`, `label` und `description` müssen Texte sein."
                )
            )
            continue
        if not TERM_ID.match(raw["id"]):
            problems.append(
                Problem(
                    rel,
                    line,
                    "vocabulary",
                    f"Die Kennung `{raw['id']}` darf nur "
                    "Kleinbuchstaben a–z, Ziffern und Bindestriche enthalten.",
                )
            )
            continue
        if raw["id"] in seen:
            problems.append(
                Problem(rel, line, "vocabulary", f"Die Kennung `{raw['id']}` steht doppelt.")
            )
            continue
        seen.add(raw["id"])
        terms.append(Term(raw["id"], raw["label"].strip(), raw["description"].strip()))
    if problems:
        return None, problems
    vocabulary = Vocabulary(
        name=file.stem,
        title=data["title"].strip(),
        path=data["path"].strip(),
        description=data["description"].strip(),
        terms=tuple(terms),
    )
    return vocabulary, []
