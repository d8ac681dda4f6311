"""`praxis new`: a new entry file from the field table, ready to fill in.

The template is written from `schema.FIELDS` and the vocabularies, so it always lists every field
of the content type, with a German comment that says what the field is for and which ids are
allowed. Nothing here is hand-maintained per field.

Placeholders are designed so that an unfilled file can never be published by accident: every
value the editor still has to decide is written as an empty value (`""` or `[]` for required
lists), which `praxis check` rejects on its own line ("ist leer … oder löschen Sie die Zeile",
"braucht mindestens einen Wert"). The guidance in the body is written as one-line HTML comments,
which the body rules reject as raw HTML until the editor has replaced them with text. Values the
editor gave (flags or answers) are written as real values; the dates of publication and review
default to the day the file is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from .exit_codes import EXIT_OK, UsageError
from .ids import ID_MAX, entry_id_from_title
from .model import ContentType, Section, Vocabulary
from .rules.files import MAX_ID_LENGTH, RESERVED_ID
from .schema import ENTRY_ID, FIELD_BY_NAME, TEMPLATE_HINT, TITLE_MAX, Field, Kind, fields_for

# Body guidance starts with this; the body rules reject it until it is replaced.
BODY_HINT = TEMPLATE_HINT
COMMENT_WIDTH = 98


# The body sections of each type, from the type table.
BODY_SECTIONS: Mapping[str, tuple[Section, ...]] = {t.key: t.sections for t in CONTENT_TYPES}

# Which vocabulary-backed or free-text values `praxis new` can take from flags or questions.
# dotted field path -> flag name (without the leading dashes)
FLAG_FOR_FIELD: Mapping[str, str] = {
    "summary": "kurzbeschreibung",
    "modules": "modul",
    "topics": "thema",
    "target_groups": "zielgruppe",
    "actors": "akteur",
    "formats": "format",
    "municipality.name": "kommune",
    "municipality.type": "kommunentyp",
    "municipality.state": "bundesland",
    "contact.organisation": "kontakt",
}


class ScaffoldError(ValueError):
    """A wrong value given to `praxis new` (German message for the editor)."""


# --- ids -----------------------------------------------------------------------------------


def existing_ids(root: Path) -> set[str]:
    """Every id in use in any entry folder (ids are unique across all content types)."""
    found: set[str] = set()
    for content_type in CONTENT_TYPES:
        folder = root / content_type.folder
        if folder.is_dir():
            found.update(p.name[:-3].lower() for p in folder.iterdir() if p.name.endswith(".md"))
    return found


def region_ids(kind: ContentType, vocabularies: Mapping[str, Vocabulary]) -> set[str]:
    """Ids a type with pages per Land cannot take: its Land pages have those addresses
    (`hilfe/sachsen/`), as the check's `check_region_ids` says."""
    if kind.regions is None:
        return set()
    vocabulary = vocabularies.get(FIELD_BY_NAME[kind.regions].vocabulary or "")
    return {term.id for term in vocabulary.terms} if vocabulary is not None else set()


def unique_entry_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3` … : the first id that is neither taken nor reserved."""
    taken = {t.lower() for t in taken}
    candidate, number = base, 1
    while candidate in taken or RESERVED_ID.match(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


# --- values from flags or answers -------------------------------------------------------------


def find_term(vocabulary: Vocabulary, given: str) -> str:
    """The id for `given`, which may be an id or a label (any case). Raises ScaffoldError."""
    wanted = given.strip()
    if vocabulary.get(wanted) is not None:
        return wanted
    for term in vocabulary.terms:
        if wanted.lower() in (term.id.lower(), term.label.lower()):
            return term.id
    from difflib import get_close_matches  # only for mistakes: `praxis check` starts faster

    options = list(vocabulary.ids) + [t.label for t in vocabulary.terms]
    close = get_close_matches(wanted, options, n=1, cutoff=0.6)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    raise ScaffoldError(
        f"„{wanted}“ ist kein Begriff in „{vocabulary.title}“.{hint} Erlaubt: "
        + ", ".join(vocabulary.ids)
        + "."
    )


def split_values(raw: Iterable[str]) -> list[str]:
    """Flags may be repeated or comma-separated: `--thema a --thema b` or `--thema a,b`."""
    return [part.strip() for item in raw for part in item.split(",") if part.strip()]


def field_at(content_type: str, dotted: str) -> Field | None:
    head, _, child = dotted.partition(".")
    spec = next((f for f in fields_for(content_type) if f.name == head), None)
    if spec is None or not child:
        return spec
    return spec.child(child)


def normalise_value(
    spec: Field, raw: Any, vocabularies: Mapping[str, Vocabulary]
) -> str | list[str]:
    """Turn flag text into the value written to the file, checking terms against vocabularies."""
    if spec.kind is Kind.TERMS:
        vocabulary = vocabularies[spec.vocabulary or ""]
        items = split_values([raw] if isinstance(raw, str) else raw)
        ids: list[str] = []
        for item in items:
            term = find_term(vocabulary, item)
            if term not in ids:
                ids.append(term)
        return ids
    if spec.kind is Kind.TERM:
        return find_term(vocabularies[spec.vocabulary or ""], str(raw))
    text = " ".join(str(raw).split())
    if spec.max_length is not None and len(text) > spec.max_length:
        raise ScaffoldError(
            f"{spec.label}: {len(text)} Zeichen, erlaubt sind höchstens {spec.max_length}."
        )
    if "<" in text and ">" in text:
        raise ScaffoldError(f"{spec.label}: bitte reinen Text ohne HTML schreiben.")
    return text


def check_title(title: str) -> str:
    text = " ".join(title.split())
    if not text:
        raise ScaffoldError("Der Titel ist leer.")
    if len(text) > TITLE_MAX:
        raise ScaffoldError(
            f"Der Titel hat {len(text)} Zeichen; erlaubt sind höchstens {TITLE_MAX}."
        )
    if any(ch in text for ch in "<>") or not text.isprintable():
        raise ScaffoldError("Der Titel darf kein HTML und keine Steuerzeichen enthalten.")
    return text


# --- the template ----------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=COMMENT_WIDTH - len(indent),
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
        break_on_hyphens=False,
    )


def _requirement(spec: Field, content_type: str, parent: Field | None) -> str:
    if spec.required(content_type):
        if parent is not None and not parent.required(content_type):
            return f"Pflicht, wenn es „{parent.label}“ gibt"
        if spec.kind is Kind.TERMS:
            return "Pflicht, mindestens ein Wert"
        return "Pflicht"
    if spec.kind in (Kind.TERMS, Kind.ENTRY_IDS):
        return "freiwillig, leere Liste [] erlaubt"
    if spec.kind is Kind.BOOL:
        return "freiwillig"
    if spec.kind in (Kind.OBJECT, Kind.OBJECT_LIST):
        return "freiwillig, sonst den ganzen Block löschen"
    return "freiwillig, sonst Zeile löschen"


def field_comment(
    spec: Field,
    content_type: str,
    vocabularies: Mapping[str, Vocabulary],
    indent: str = "",
    parent: Field | None = None,
) -> list[str]:
    """The German explanation above a field: label, duty, help, form and allowed ids."""
    duty = _requirement(spec, content_type, parent)
    lines = _comment(f"{spec.label} ({duty}): {spec.help}", indent)
    if spec.kind not in (Kind.OBJECT, Kind.OBJECT_LIST, Kind.TEXT):
        form = spec.kind.german
        if spec.kind is Kind.TERMS:
            form = (
                "eine Liste von Kennungen in eckigen Klammern, z. B. ["
                + ", ".join(str(v) for v in (spec.example or []))
                + "]"
            )
        lines += _comment(f"Form: {form}.", indent)
    elif spec.kind is Kind.TEXT and spec.max_length:
        lines += _comment(f"Form: Text, höchstens {spec.max_length} Zeichen.", indent)
    vocabulary = vocabularies.get(spec.vocabulary or "")
    if vocabulary is not None:
        lines.append(f"{indent}# Erlaubte Kennungen:")
        width = max(len(t.id) for t in vocabulary.terms)
        lines += [f"{indent}#   {t.id.ljust(width)}  {t.label}" for t in vocabulary.terms]
    return lines


def _placeholder(spec: Field, value: Any, today: dt.date | None) -> str:
    """The YAML text after `name: ` for a scalar or list field."""
    if value is not None:
        if isinstance(value, list):
            return "[" + ", ".join(value) + "]"
        if spec.kind is Kind.TERM:
            return str(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return _quoted(str(value))
    if spec.kind in (Kind.TERMS, Kind.ENTRY_IDS):
        return "[]"
    if spec.kind is Kind.BOOL:
        return "false"
    if spec.kind is Kind.DATE and spec.name in ("published", "reviewed") and today is not None:
        return today.isoformat()
    return '""'


def _field_lines(
    spec: Field,
    content_type: str,
    values: Mapping[str, Any],
    vocabularies: Mapping[str, Vocabulary],
    today: dt.date | None,
    parent: Field | None = None,
    indent: str = "",
) -> list[str]:
    dotted = f"{parent.name}.{spec.name}" if parent else spec.name
    lines = field_comment(spec, content_type, vocabularies, indent, parent)
    if spec.kind is Kind.OBJECT:
        lines.append(f"{indent}{spec.name}:")
        for child in spec.children:
            lines += _field_lines(
                child, content_type, values, vocabularies, today, parent=spec, indent=indent + "  "
            )
        return lines
    if spec.kind is Kind.OBJECT_LIST:
        for child in spec.children:
            duty = _requirement(child, content_type, spec)
            lines += _comment(
                f"- {child.name}: {child.label} ({duty}). {child.help} Form: {child.kind.german}.",
                indent,
            )
        lines += _comment(
            "Für jeden weiteren Link die beiden Zeilen „- title“ und „url“ "
            "kopieren und darunter einfügen.",
            indent,
        )
        lines.append(f"{indent}{spec.name}:")
        for index, child in enumerate(spec.children):
            marker = "  - " if index == 0 else "    "
            lines.append(f"{indent}{marker}{child.name}: {_placeholder(child, None, today)}")
        return lines
    lines.append(f"{indent}{spec.name}: {_placeholder(spec, values.get(dotted), today)}")
    return lines


def render_template(
    content_type: str,
    title: str | None,
    vocabularies: Mapping[str, Vocabulary],
    values: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    example: bool = False,
    draft: bool = False,
) -> str:
    """The whole new file: commented front matter with every field, then the body sections.

    `values` maps dotted field paths (`topics`, `municipality.state`) to already checked values.
    Without `today` the dates stay empty (for the template shown in the contributor guide).
    """
    kind = CONTENT_TYPE_BY_KEY[content_type]
    given = dict(values or {})
    given["title"] = title
    given["example"] = example
    given["draft"] = draft
    head = [
        "---",
        f"# Neuer Eintrag: {kind.singular}. Vorlage von `praxis new`; Anleitung im Leitfaden für "
        "Redakteur:innen (Mitmachen → Leitfaden).",
        "# So füllen Sie die Vorlage aus:",
        "# - Zeilen, die mit # beginnen, sind Erläuterungen. Sie werden nicht veröffentlicht und "
        "dürfen stehen bleiben.",
        '# - Jede leere Angabe ("" oder bei Pflichtfeldern []) ausfüllen oder - wenn freiwillig - '
        "die Zeile löschen.",
        "# - Listen stehen in eckigen Klammern und enthalten Kennungen: topics: [hassrede, "
        "meldestellen]",
        "# - Die Prüfung (`make check` im Projektordner oder die Prüfung im Pull Request) nennt "
        "jede Zeile, die noch fehlt.",
    ]
    body_fields: list[str] = []
    for spec in fields_for(content_type):
        body_fields += _field_lines(spec, content_type, given, vocabularies, today)
    sections = []
    for section in BODY_SECTIONS[content_type]:
        sections += [
            f"## {section.title}",
            "",
            f"{BODY_HINT} {section.hint} Ersetzen Sie diese Zeile durch Ihren Text. "
            "Passt der Abschnitt nicht, löschen Sie ihn mit Überschrift. -->",
            "",
        ]
    return "\n".join([*head, *body_fields, "---", "", *sections]).rstrip("\n") + "\n"


# --- making the file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NewEntry:
    content_type: ContentType
    entry_id: str
    path: Path
    text: str


def plan_entry(
    root: Path,
    content_type: str,
    title: str,
    vocabularies: Mapping[str, Vocabulary],
    values: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    entry_id: str | None = None,
    example: bool = False,
    draft: bool = False,
) -> NewEntry:
    """Decide id, path and text of a new entry; writes nothing."""
    title = check_title(title)
    kind = CONTENT_TYPE_BY_KEY[content_type]
    for dotted in values or {}:
        if field_at(content_type, dotted) is None:
            raise ScaffoldError(f"Das Feld `{dotted}` gibt es nicht für {kind.singular}.")
    taken = existing_ids(root) | region_ids(kind, vocabularies)
    if entry_id is not None:
        too_long = len(entry_id) > MAX_ID_LENGTH
        if not ENTRY_ID.match(entry_id) or RESERVED_ID.match(entry_id) or too_long:
            raise ScaffoldError(
                f"Die Kennung „{entry_id}“ ist nicht erlaubt: nur Kleinbuchstaben "
                f"a–z, Ziffern und Bindestriche, höchstens {MAX_ID_LENGTH} Zeichen, nicht „index“ "
                "oder „seite-2“."
            )
        if entry_id.lower() in taken:
            raise ScaffoldError(
                f"Die Kennung „{entry_id}“ gibt es schon. Frei wäre: "
                f"{unique_entry_id(entry_id, taken)}."
            )
        chosen = entry_id
    else:
        chosen = unique_entry_id(entry_id_from_title(title), taken)
    text = render_template(content_type, title, vocabularies, values, today, example, draft)
    return NewEntry(kind, chosen, root / kind.folder / f"{chosen}.md", text)


def write_entry(entry: NewEntry) -> None:
    """Create the file; never overwrite one (mode `x`), even if it appeared meanwhile."""
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    with entry.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(entry.text)


# --- questions in a terminal -------------------------------------------------------------------


Ask = Callable[[str], str]


def _choose(
    ask: Ask,
    say: Callable[[str], None],
    question: str,
    vocabulary: Vocabulary,
    many: bool,
    required: bool,
) -> list[str]:
    say(f"\n{question}")
    for number, term in enumerate(vocabulary.terms, start=1):
        say(f"  {number:>2}  {term.label}  ({term.id})")
    how = "Nummern mit Komma, z. B. 1,3" if many else "eine Nummer"
    extra = "" if required else ", leer lassen: keine Angabe"
    while True:
        answer = ask(f"Ihre Wahl ({how}{extra}): ").strip()
        if not answer:
            if required:
                say("Bitte wählen Sie mindestens einen Eintrag.")
                continue
            return []
        try:
            chosen = [_pick(vocabulary, part) for part in split_values([answer])]
        except ScaffoldError as exc:
            say(str(exc))
            continue
        if not many and len(chosen) != 1:
            say("Bitte nur eine Nummer.")
            continue
        return list(dict.fromkeys(chosen))


def _pick(vocabulary: Vocabulary, part: str) -> str:
    if part.isdigit():
        index = int(part)
        if 1 <= index <= len(vocabulary.terms):
            return vocabulary.terms[index - 1].id
        raise ScaffoldError(f"Die Nummer {index} gibt es nicht (1 bis {len(vocabulary.terms)}).")
    return find_term(vocabulary, part)


def _text(
    ask: Ask, say: Callable[[str], None], question: str, required: bool, check: Callable[[str], Any]
) -> str | None:
    while True:
        answer = " ".join(ask(question).split())
        if not answer:
            if required:
                say("Bitte geben Sie einen Text ein.")
                continue
            return None
        try:
            check(answer)
        except ScaffoldError as exc:
            say(str(exc))
            continue
        return answer


def ask_missing(
    content_type: str | None,
    title: str | None,
    values: dict[str, Any],
    vocabularies: Mapping[str, Vocabulary],
    ask: Ask = input,
    say: Callable[[str], None] = print,
) -> tuple[str, str, dict[str, Any]]:
    """Ask for what flags did not give: type, title, and the fields worth choosing from a list."""
    if content_type is None:
        say("Welche Art von Eintrag möchten Sie anlegen?")
        for number, kind in enumerate(CONTENT_TYPES, start=1):
            say(f"  {number}  {kind.singular}: {kind.description}")
        while content_type is None:
            answer = ask("Ihre Wahl (1, 2 oder 3): ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(CONTENT_TYPES):
                content_type = CONTENT_TYPES[int(answer) - 1].key
            elif answer.lower() in CONTENT_TYPE_BY_KEY:
                content_type = answer.lower()
            else:
                say("Bitte 1, 2 oder 3 eingeben.")
    if title is None:
        title = _text(ask, say, "\nTitel des Eintrags: ", True, check_title)
    for dotted in FLAG_FOR_FIELD:
        spec = field_at(content_type, dotted)
        if spec is None or dotted in values:
            continue
        required = spec.required(content_type)
        if spec.vocabulary:
            chosen = _choose(
                ask,
                say,
                f"{spec.label}: {spec.help}",
                vocabularies[spec.vocabulary],
                spec.kind is Kind.TERMS,
                required,
            )
            if chosen:
                values[dotted] = chosen if spec.kind is Kind.TERMS else chosen[0]
        else:
            answer = _text(
                ask,
                say,
                f"\n{spec.label} (leer lassen: später ausfüllen): ",
                False,
                lambda text, spec=spec: normalise_value(spec, text, vocabularies),
            )
            if answer is not None:
                values[dotted] = normalise_value(spec, answer, vocabularies)
    assert title is not None
    return content_type, title, values


def missing_choices(content_type: str | None, title: str | None, values: Mapping[str, Any]) -> bool:
    """True when type, title or a required choice from a vocabulary was not given."""
    if content_type is None or title is None:
        return True
    for dotted in FLAG_FOR_FIELD:
        spec = field_at(content_type, dotted)
        wanted = spec is not None and spec.vocabulary and spec.required(content_type)
        if wanted and dotted not in values:
            return True
    return False


# --- command line ------------------------------------------------------------------------------


def register_command(sub: Any) -> None:
    """Add `praxis new` to the `praxis` command (see cli._EXTRA_COMMANDS)."""
    parser = sub.add_parser(
        "new",
        help="einen neuen Eintrag aus der Vorlage anlegen",
        description="Legt einen neuen Eintrag mit allen Feldern und Erläuterungen an. Ohne "
        "Angaben fragt der Befehl im Terminal nach Art, Titel, Modulen, Themen und Zielgruppen.",
    )
    parser.add_argument(
        "type",
        nargs="?",
        choices=[t.key for t in CONTENT_TYPES],
        help="Art des Eintrags: "
        + ", ".join(t.key for t in CONTENT_TYPES[:-1])
        + f" oder {CONTENT_TYPES[-1].key}",
    )
    parser.add_argument("title", nargs="?", help="Titel des Eintrags (in Anführungszeichen)")
    for dotted, flag in FLAG_FOR_FIELD.items():
        multiple = dotted in ("modules", "topics", "target_groups", "actors", "formats")
        parser.add_argument(
            f"--{flag}",
            dest=f"value_{dotted}",
            action="append" if multiple else "store",
            metavar="WERT",
            help=f"{'Kennungen' if multiple else 'Wert'} für `{dotted}`"
            + (" (mehrfach oder mit Komma)" if multiple else ""),
        )
    parser.add_argument("--kennung", help="eigene Kennung statt der aus dem Titel abgeleiteten")
    parser.add_argument(
        "--beispiel", action="store_true", help="als Beispielinhalt kennzeichnen (example: true)"
    )
    parser.add_argument("--entwurf", action="store_true", help="als Entwurf anlegen (draft: true)")
    parser.add_argument(
        "--keine-fragen",
        action="store_true",
        help="nie nachfragen, auch im Terminal (fehlende Angaben bleiben leer)",
    )
    parser.add_argument(
        "--ausgeben", action="store_true", help="die Vorlage nur ausgeben, keine Datei anlegen"
    )
    parser.set_defaults(handler=run_new)


def run_new(args: argparse.Namespace, root: Path) -> int:
    from .vocabulary import load_vocabularies

    vocabularies, problems = load_vocabularies(root)
    if problems:
        raise UsageError("Die Vokabulare sind fehlerhaft; prüfen Sie zuerst mit `make check`.")
    try:
        values = _flag_values(args, vocabularies)
        content_type, title = args.type, args.title
        interactive = not args.keine_fragen and sys.stdin.isatty()
        if interactive and missing_choices(content_type, title, values):
            content_type, title, values = ask_missing(content_type, title, values, vocabularies)
        if content_type is None or title is None:
            raise UsageError(
                "Bitte Art und Titel angeben, zum Beispiel: praxis new "
                'praxisbeispiel "Clearingstelle im Landkreis Talheim".'
            )
        entry = plan_entry(
            root,
            content_type,
            title,
            vocabularies,
            values,
            dt.date.today(),
            args.kennung,
            args.beispiel,
            args.entwurf,
        )
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except (EOFError, KeyboardInterrupt):
        print("\nAbgebrochen; es wurde keine Datei angelegt.", file=sys.stderr)
        return 130
    if args.ausgeben:
        sys.stdout.write(entry.text)
        return EXIT_OK
    try:
        write_entry(entry)
    except FileExistsError:
        raise UsageError(f"{entry.path} gibt es schon; bitte erneut aufrufen.") from None
    rel = entry.path.relative_to(root).as_posix()
    print(
        f"Angelegt: {rel}\n"
        "Nächste Schritte:\n"
        f'  1. {rel} öffnen, jede leere Angabe ("") ausfüllen oder die Zeile löschen und die '
        "Hinweise <!-- … --> im Text durch Ihren Text ersetzen.\n"
        f"  2. Prüfen (im Projektordner): make check oder .venv/bin/praxis check {rel}\n"
        f"  3. Vorschau: make serve, dann http://127.0.0.1:8000/{entry.content_type.url_path}/"
        f"{entry.entry_id}/"
    )
    return EXIT_OK


def _flag_values(
    args: argparse.Namespace, vocabularies: Mapping[str, Vocabulary]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for dotted, flag in FLAG_FOR_FIELD.items():
        raw = getattr(args, f"value_{dotted}", None)
        if raw is None:
            continue
        spec = field_at(args.type, dotted) if args.type else None
        if args.type and spec is None:
            kind = CONTENT_TYPE_BY_KEY[args.type].singular
            raise ScaffoldError(f"--{flag} gibt es nicht für {kind}.")
        spec = spec or _any_field(dotted)
        try:
            values[dotted] = normalise_value(spec, raw, vocabularies)
        except ScaffoldError as exc:
            raise ScaffoldError(f"--{flag}: {exc}") from None
    return values


def _any_field(dotted: str) -> Field:
    for content_type in CONTENT_TYPE_BY_KEY:
        spec = field_at(content_type, dotted)
        if spec is not None:
            return spec
    raise KeyError(dotted)  # pragma: no cover - FLAG_FOR_FIELD only names existing fields


def template_texts(vocabularies: Mapping[str, Vocabulary]) -> dict[str, str]:
    """The empty template of every content type, as shown in the contributor guide."""
    return {kind.key: render_template(kind.key, None, vocabularies) for kind in CONTENT_TYPES}


__all__: Sequence[str] = [
    "BODY_SECTIONS",
    "entry_id_from_title",
    "plan_entry",
    "register_command",
    "render_template",
    "template_texts",
    "unique_entry_id",
    "write_entry",
]
