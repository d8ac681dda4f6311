"""JSON Schemas for editors' tools, derived from the field table and the vocabularies.

One schema per content type (draft 2020-12, using only keywords that draft-07 tools read the same
way), so an editor's tool can complete field names and term ids and mark mistakes while typing.
The schemas are generated, never edited by hand: `praxis schema --out schema` writes the copy
kept in the repository, and the site publishes the same text under `/schema/`.

The validator keeps every scalar a string and types it itself. Editors' tools read YAML 1.2
instead: `2025-03-14` stays a string, `true` becomes a boolean, `2025` becomes a number. The schema
describes what such a tool sees in a valid file: dates as strings with a pattern, booleans as
booleans, and free text that YAML happens to read as a number accepted as a number. `praxis check`
stays the authority; the schema is the early hint in the editor.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .characters import FORBIDDEN_CHARS, VISIBLE
from .content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from .exit_codes import EXIT_CONTENT, EXIT_OK, UsageError
from .model import Vocabulary
from .rules.fields import EMAIL, HTML_TAG, MARKDOWN_LINK, PHONE, YEARS
from .schema import ENTRY_ID, Field, Kind, fields_for

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SITE_FOLDER = "schema"
# http, https (with a host) or mailto, in any letter case; ECMA-262 has no inline flags.
URL_PATTERN = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+|[Mm][Aa][Ii][Ll][Tt][Oo]:)\S*$"
GENERATED_NOTE = (
    "Erzeugt aus scripts/praxis/schema.py und content/vocabularies/ - nicht von Hand bearbeiten. "
    "Neu erzeugen: praxis schema --out schema"
)


def schema_file_name(content_type: str) -> str:
    return f"{content_type}.schema.json"


def _described(spec: Field, body: dict[str, Any]) -> dict[str, Any]:
    described: dict[str, Any] = {
        "title": spec.label,
        "description": f"{spec.help} Form: {spec.kind.german}.",
        "markdownDescription": f"**{spec.label}**: {spec.help}\n\nForm: {spec.kind.german}.",
    }
    described.update(body)
    if spec.example not in (None, False) and spec.kind not in (Kind.OBJECT, Kind.OBJECT_LIST):
        described["examples"] = [spec.example]
    return described


def _terms(vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "type": "string",
        "enum": list(vocabulary.ids),
        "enumDescriptions": [t.label for t in vocabulary.terms],
        "markdownEnumDescriptions": [f"**{t.label}**: {t.description}" for t in vocabulary.terms],
    }


def _text(spec: Field) -> dict[str, Any]:
    forbidden = [HTML_TAG.pattern, FORBIDDEN_CHARS.pattern]
    if spec.name == "summary":
        forbidden.append(MARKDOWN_LINK.pattern)
    body: dict[str, Any] = {
        "type": ["string", "number"],  # YAML 1.2 reads `funding: 5000` as a number
        "minLength": 1,
        "pattern": VISIBLE,
        "not": {"type": "string", "pattern": "|".join(f"(?:{p})" for p in forbidden)},
    }
    if spec.max_length is not None:
        body["maxLength"] = spec.max_length
    return body


def field_schema(
    spec: Field, content_type: str, vocabularies: Mapping[str, Vocabulary]
) -> dict[str, Any]:
    """The JSON Schema of one field, following the same rules as `rules/fields.py`."""
    kind = spec.kind
    body: dict[str, Any]
    if kind is Kind.TEXT:
        body = _text(spec)
    elif kind is Kind.DATE:
        body = {"type": "string", "format": "date", "pattern": rf"^{YEARS}-\d{{2}}-\d{{2}}$"}
    elif kind is Kind.DATETIME:
        body = {"type": "string", "pattern": rf"^{YEARS}-\d{{2}}-\d{{2}}([ T]\d{{2}}:\d{{2}})?$"}
    elif kind is Kind.BOOL:
        body = {"type": "boolean"}
    elif kind is Kind.TERM:
        body = _terms(vocabularies[spec.vocabulary or ""])
    elif kind is Kind.TERMS:
        body = {
            "type": "array",
            "items": _terms(vocabularies[spec.vocabulary or ""]),
            "uniqueItems": True,
        }
        if spec.required(content_type):
            body["minItems"] = 1
    elif kind is Kind.ENTRY_IDS:
        body = {
            "type": "array",
            "items": {"type": "string", "pattern": ENTRY_ID.pattern},
            "uniqueItems": True,
        }
    elif kind is Kind.URL:
        body = {"type": "string", "pattern": URL_PATTERN}
    elif kind is Kind.EMAIL:
        body = {"type": "string", "pattern": EMAIL.pattern}
    elif kind is Kind.PHONE:
        body = {"type": ["string", "integer"], "pattern": PHONE.pattern}
    elif kind is Kind.OBJECT:
        body = _object(spec.children, content_type, vocabularies)
    elif kind is Kind.OBJECT_LIST:
        body = {"type": "array", "items": _object(spec.children, content_type, vocabularies)}
        if spec.required(content_type):
            body["minItems"] = 1
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(kind)
    return _described(spec, body)


def _object(
    fields: tuple[Field, ...], content_type: str, vocabularies: Mapping[str, Vocabulary]
) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: field_schema(f, content_type, vocabularies) for f in fields},
        "required": [f.name for f in fields if f.required(content_type)],
        "additionalProperties": False,
    }


def entry_schema(content_type: str, vocabularies: Mapping[str, Vocabulary]) -> dict[str, Any]:
    """The schema of the front matter of one content type."""
    kind = CONTENT_TYPE_BY_KEY[content_type]
    body = _object(fields_for(content_type), content_type, vocabularies)
    return {
        "$schema": DRAFT,
        "$comment": GENERATED_NOTE,
        "title": f"Front Matter: {kind.singular}",
        "description": f"Felder eines Eintrags in {kind.folder}/ ({kind.plural}). "
        "Verbindlich ist die Prüfung mit `praxis check`.",
        **body,
    }


def schema_texts(vocabularies: Mapping[str, Vocabulary]) -> dict[str, str]:
    """File name -> JSON text of every schema, exactly as written to disk and to the site."""
    return {
        schema_file_name(kind.key): json.dumps(
            entry_schema(kind.key, vocabularies), ensure_ascii=False, indent=2
        )
        + "\n"
        for kind in CONTENT_TYPES
    }


def stale_files(folder: Path, vocabularies: Mapping[str, Vocabulary]) -> list[str]:
    """Names of schema files in `folder` that are missing or differ from the generated text."""
    return [
        name
        for name, text in schema_texts(vocabularies).items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]


def register_command(sub: Any) -> None:
    """Add `praxis schema` to the `praxis` command (see cli._EXTRA_COMMANDS)."""
    parser = sub.add_parser(
        "schema",
        help="JSON Schemas für Editoren erzeugen oder prüfen",
        description="Schreibt je Inhaltsart eine JSON-Schema-Datei, abgeleitet aus der "
        "Feldtabelle und den Vokabularen. Ohne --out wird das Schema der Praxisbeispiele "
        "ausgegeben.",
    )
    parser.add_argument("--out", type=Path, help="Ordner, in den die Dateien geschrieben werden")
    parser.add_argument(
        "--check",
        action="store_true",
        help="nur prüfen, ob die Dateien in --out aktuell sind (Exit 1 wenn nicht)",
    )
    parser.set_defaults(handler=run_schema)


def run_schema(args: argparse.Namespace, root: Path) -> int:
    import sys

    from .vocabulary import load_vocabularies

    vocabularies, problems = load_vocabularies(root)
    if problems:
        raise UsageError("Die Vokabulare sind fehlerhaft; prüfen Sie zuerst mit `praxis check`.")
    texts = schema_texts(vocabularies)
    if args.out is None:
        if args.check:
            raise UsageError("--check braucht --out ORDNER.")
        sys.stdout.write(texts[schema_file_name("praxisbeispiel")])
        return EXIT_OK
    folder = args.out if args.out.is_absolute() else Path.cwd() / args.out
    if args.check:
        stale = stale_files(folder, vocabularies)
        for name in stale:
            print(
                f"{args.out / name}: veraltet oder fehlt. Neu erzeugen mit: praxis schema "
                f"--out {args.out}",
                file=sys.stderr,
            )
        return EXIT_CONTENT if stale else EXIT_OK
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"Geschrieben: {args.out / name}")
    return EXIT_OK
