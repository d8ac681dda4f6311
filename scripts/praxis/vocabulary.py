"""Load the controlled vocabularies from `content/vocabularies/*.yml`.

The vocabulary files are maintained by the editorial team, so a broken one is reported like a
broken entry: located, in German, never as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from .characters import is_blank
from .content_types import CONTENT_TYPES
from .frontmatter import parse_yaml_document
from .model import Term, Vocabulary
from .problems import Problem
from .rules.fields import HTML_TAG, MARKDOWN_LINK
from .rules.files import check_characters

VOCABULARY_DIR = "content/vocabularies"
TERM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_TERM_KEYS = frozenset({"id", "label", "description"})
TERM_KEYS = REQUIRED_TERM_KEYS | {"synonyms"}
# A vocabulary's pages live in one folder directly under the site root.
PAGE_PATH = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Term ids that would name a generated page other than the term's own.
RESERVED_TERM_ID = re.compile(r"^(index|seite-\d+)$")
# Folders the site uses for itself (theme, search, exports, hand-written sections).
RESERVED_PATHS = frozenset(
    {
        *("assets", "search", "daten", "schema", "mitwirken", "betrieb", "praxisfinder"),
        *("redaktion", "statistik", "suche", "pagefind", "karte"),
    }
)


def load_vocabularies(root: Path) -> tuple[dict[str, Vocabulary], list[Problem]]:
    """Read every vocabulary file; the file name (without `.yml`) is the vocabulary's name."""
    vocabularies: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    folder = root / VOCABULARY_DIR
    taken = {t.url_path: f"die {t.plural}" for t in CONTENT_TYPES}
    taken.update({path: "die Seite selbst" for path in RESERVED_PATHS})
    taken.update(_hand_written(root))
    if any(part.is_symlink() for part in (folder, folder.parent)):
        return vocabularies, problems  # reported by corpus.linked_folders; nothing is read
    for file in sorted(folder.glob("*.yml")):
        rel = file.relative_to(root).as_posix()
        if file.is_symlink():
            problems.append(
                Problem(
                    rel,
                    1,
                    "file-symlink",
                    "Das Vokabular ist ein symbolischer Link. Legen Sie es als echte Datei an.",
                )
            )
            continue
        vocabulary, found = _load_one(file, rel)
        problems.extend(found)
        if vocabulary is None:
            continue
        if vocabulary.path in taken:
            line = vocabulary.lines.get("path", 1)
            problems.append(
                Problem(
                    rel,
                    line,
                    "vocabulary",
                    f"Der Pfad `{vocabulary.path}` wird schon für {taken[vocabulary.path]} "
                    "verwendet; die Seiten würden einander ersetzen. Wählen Sie einen anderen.",
                )
            )
            continue
        taken[vocabulary.path] = f"das Vokabular `{vocabulary.name}`"
        vocabularies[vocabulary.name] = vocabulary
    return vocabularies, problems


def _hand_written(root: Path) -> dict[str, str]:
    """Addresses the hand-written pages in docs/ take (`ueber` for docs/ueber.md): a vocabulary
    there would write its overview over the page."""
    docs = root / "docs"
    if not docs.is_dir():
        return {}
    found = {}
    for item in sorted(docs.iterdir()):
        name = item.name[:-3] if item.suffix == ".md" else item.name
        if item.is_dir() or item.suffix == ".md":
            found[name] = f"die Seite docs/{item.name}" + ("/" if item.is_dir() else "")
    return found


def _load_one(file: Path, rel: str) -> tuple[Vocabulary | None, list[Problem]]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(rel, 1, "vocabulary", f"Die Datei kann nicht gelesen werden: {exc}")]
    data, lines, problems = parse_yaml_document(text, rel, offset=1)
    problems = check_characters(text, rel) + problems
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
        if not isinstance(data.get(key), str) or is_blank(data[key]):
            problems.append(
                Problem(
                    rel,
                    lines.get((key,), 1),
                    "vocabulary",
                    f"Das Feld `{key}` fehlt oder ist leer.",
                )
            )
        elif key != "path" and (problem := markup_problem(data[key])):
            problems.append(Problem(rel, lines.get((key,), 1), "vocabulary", problem))
    path = data.get("path")
    if isinstance(path, str) and path.strip() and not PAGE_PATH.match(path.strip()):
        problems.append(
            Problem(
                rel,
                lines.get(("path",), 1),
                "vocabulary",
                f"Der Pfad `{path.strip()}` ist nicht erlaubt. Ein Pfad ist ein einzelner "
                "Ordnername aus Kleinbuchstaben a–z, Ziffern und Bindestrichen, etwa `themen` "
                "(ohne `/`, `.` oder Leerzeichen).",
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
        if not isinstance(raw, dict) or not REQUIRED_TERM_KEYS <= set(raw) <= TERM_KEYS:
            problems.append(
                Problem(
                    rel,
                    line,
                    "vocabulary",
                    "Jeder Begriff braucht genau die Felder `id`, `label` und `description`; "
                    "`synonyms` (eine Liste anderer Wörter für den Begriff) ist freiwillig.",
                )
            )
            continue
        synonyms, found = _synonyms(raw.pop("synonyms", []), rel, lines, ("terms", index))
        problems.extend(found)
        if not all(isinstance(raw[k], str) and not is_blank(raw[k]) for k in raw):
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
        if RESERVED_TERM_ID.match(raw["id"]):
            problems.append(
                Problem(
                    rel,
                    line,
                    "vocabulary",
                    f"Die Kennung `{raw['id']}` ist für Übersichts- und Folgeseiten reserviert. "
                    "Wählen Sie eine sprechende Kennung.",
                )
            )
            continue
        markup = markup_problem(raw["label"]) or markup_problem(raw["description"])
        if markup:
            problems.append(Problem(rel, line, "vocabulary", markup))
            continue
        if raw["id"] in seen:
            problems.append(
                Problem(rel, line, "vocabulary", f"Die Kennung `{raw['id']}` steht doppelt.")
            )
            continue
        seen.add(raw["id"])
        terms.append(Term(raw["id"], raw["label"].strip(), raw["description"].strip(), synonyms))
    if problems:
        return None, problems
    vocabulary = Vocabulary(
        name=file.stem,
        title=data["title"].strip(),
        path=data["path"].strip(),
        description=data["description"].strip(),
        terms=tuple(terms),
        lines={"path": lines.get(("path",), 1)},
    )
    return vocabulary, []


def markup_problem(text: str) -> str | None:
    """Vocabulary texts are plain text: pages, the guide (Markdown) and the finder show them
    as they are, so HTML or a Markdown link would be markup there."""
    if HTML_TAG.search(text) or MARKDOWN_LINK.search(text):
        return (
            "Bezeichnungen und Beschreibungen sind reiner Text, ohne HTML (`<…>`) und ohne "
            "Markdown-Links (`[…](…)`)."
        )
    return None


def _synonyms(
    raw: object, rel: str, lines: dict, where: tuple[object, ...]
) -> tuple[tuple[str, ...], list[Problem]]:
    """A term's optional synonyms: a list of distinct, non-empty plain texts."""
    line = lines.get((*where, "synonyms"), lines.get(where, 1))
    if not isinstance(raw, list):
        return (), [
            Problem(
                rel,
                line,
                "vocabulary",
                "`synonyms` ist eine Liste, zum Beispiel `synonyms: [Hass im Netz, Hetze]`.",
            )
        ]
    synonyms: list[str] = []
    problems = []
    for position, item in enumerate(raw):
        item_line = lines.get((*where, "synonyms", position), line)
        text = " ".join(item.split()) if isinstance(item, str) else ""
        if is_blank(text) or "<" in text or ">" in text or markup_problem(text):
            problems.append(
                Problem(
                    rel,
                    item_line,
                    "vocabulary",
                    "Ein Synonym ist ein kurzer Text ohne `<` und `>`.",
                )
            )
        elif text.casefold() in {s.casefold() for s in synonyms}:
            problems.append(
                Problem(rel, item_line, "vocabulary", f"Das Synonym „{text}“ steht doppelt.")
            )
        else:
            synonyms.append(text)
    return tuple(synonyms), problems
