"""The JSON Schemas for editors' tools agree with `praxis check` on real and broken entries.

Editors' tools read YAML 1.2 (dates stay strings, `yes` stays a string, `true` is a boolean), so
the front matter is loaded here the way such a tool sees it, not with PyYAML's YAML 1.1 guesses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from praxis.cli import main
from praxis.content_types import CONTENT_TYPES
from praxis.corpus import content_type_of, load_corpus
from praxis.json_schema import entry_schema, schema_file_name, schema_texts, stale_files
from praxis.rules.fields import MAX_YEAR, MIN_YEAR, YEARS

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "corpus" / "bad"
CASES = Path(__file__).parent / "corpus" / "cases.yml"
VALID_FIXTURES = Path(__file__).parent / "fixtures" / "valid"
# Rules about front-matter values that a JSON Schema can express.
SCHEMA_RULES = {
    "field-type", "field-date", "field-required", "field-email", "field-empty", "field-unknown",
    "field-html", "field-plain-text", "field-length", "field-url", "field-phone",
    "vocabulary-term", "field-duplicate-value", "related-format",
}  # fmt: skip


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as the `yaml` library of VS Code's language servers reads it."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_resolver("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$",
    "-+.0123456789",
)


def _int(loader: Yaml12Loader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)  # `0301234567` is decimal in YAML 1.2


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)


def front_matter(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    block = text.split("\n---", 1)[0].removeprefix("---\n")
    return yaml.load(block, Loader=Yaml12Loader)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def validators(vocabularies: dict) -> dict[str, Draft202012Validator]:
    return {
        kind.key: Draft202012Validator(
            entry_schema(kind.key, vocabularies), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for kind in CONTENT_TYPES
    }


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def schema_errors_about(
    validator: Draft202012Validator, data: Any, field: str | None, parent: str | None = None
) -> list:
    """The schema's errors about one front-matter key (at any depth); `None`: a missing key at
    the top. A missing key inside a list item or mapping is reported at the item's line: there
    the schema's `required` error for the item (under `parent`) counts."""
    found = []
    for error in validator.iter_errors(data):
        path = [str(part) for part in error.absolute_path]
        if field is None:
            if error.validator == "required" and not path:
                found.append(error)
        elif (
            field in path
            or (
                error.validator in ("required", "additionalProperties")
                and f"'{field}'" in error.message
            )
            or (error.validator == "required" and parent is not None and parent in path)
        ):
            found.append(error)
    return found


KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?:\s|$)")


def key_at(path: Path, line: int) -> tuple[str | None, str | None]:
    """The front-matter key a reported line belongs to (a list item belongs to its key) and the
    key it is nested in; `(None, None)` for the opening `---`, where problems about missing
    top-level keys are reported."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = lines[line - 1]
    if text.strip() == "---":
        return None, None
    match = KEY.match(text)
    indent = len(text) - len(text.lstrip())
    keys = [match.group(1)] if match else []
    for prior in reversed(lines[: line - 1]):
        above = KEY.match(prior)
        if above and len(prior) - len(prior.lstrip()) < indent:
            keys.append(above.group(1))
            indent = len(prior) - len(prior.lstrip())
            if len(keys) == 2 or indent == 0:
                break
    if not keys:
        raise AssertionError(f"{path}:{line}: no key")
    return keys[0], keys[1] if len(keys) > 1 else None


def test_committed_schemas_are_the_generated_ones(vocabularies: dict) -> None:
    assert stale_files(REPO / "schema", vocabularies) == [], "run: praxis schema --out schema"
    names = {p.name for p in (REPO / "schema").glob("*.json")}
    assert names == {schema_file_name(kind.key) for kind in CONTENT_TYPES}


def test_schemas_are_valid_for_draft_2020_12_and_draft_07_tools(vocabularies: dict) -> None:
    for text in schema_texts(vocabularies).values():
        schema = json.loads(text)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
        Draft7Validator.check_schema(schema)  # tools with a draft-07 default read it the same


def example_entries() -> list[Path]:
    paths = [p for kind in CONTENT_TYPES for p in sorted((REPO / kind.folder).glob("*.md"))]
    return paths + sorted(VALID_FIXTURES.glob("*.md"))


@pytest.mark.parametrize("path", example_entries(), ids=lambda p: p.name)
def test_every_example_entry_is_accepted(path: Path, validators: dict) -> None:
    if path.parent == VALID_FIXTURES:
        content_type = path.name.split("-")[0]
    else:
        content_type = content_type_of(REPO, path).key
    assert errors(validators[content_type], front_matter(path)) == []


def test_there_are_example_entries_of_every_type() -> None:
    folders = {p.parent.name for p in example_entries()}
    assert {"practices", "recommendations", "trainings"} <= folders


def schema_cases() -> list[str]:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return sorted(
        name
        for name, case in cases.items()
        if {expected.rsplit(":", 1)[1] for expected in case["expect"]} <= SCHEMA_RULES
    )


@pytest.mark.parametrize("case", schema_cases())
def test_broken_front_matter_from_the_bad_corpus_is_rejected(case: str, validators: dict) -> None:
    """The schema rejects each case for the key the check reports, not for something else."""
    (path,) = [p for p in (BAD / case).rglob("*.md")]
    content_type = content_type_of(BAD / case, path).key
    data = front_matter(path)
    expected = yaml.safe_load(CASES.read_text(encoding="utf-8"))[case]["expect"]
    for line in sorted({int(item.split(":")[-2]) for item in expected}):
        key, parent = key_at(path, line)
        assert schema_errors_about(validators[content_type], data, key, parent), (case, line, key)


def test_the_bad_corpus_covers_the_schema_rules() -> None:
    assert len(schema_cases()) >= 30


BASE = """\
---
title: "Runder Tisch gegen Hass"
summary: "Verwaltung und Beratung treffen sich monatlich."
modules: [modul-1]
topics: [hassrede]
target_groups: [verwaltung]
published: 2025-03-14
municipality:
  name: "Stadt Lindenau"
  type: gemeinde
  state: bayern
contact:
  organisation: "Integrationsbüro"
  phone: "+49 30 1234567"
---

## Ausgangslage

Die Stadt hat einen Runden Tisch eingerichtet.
"""


def write_practice(root: Path, replace: str, by: str) -> Path:
    assert replace in BASE
    path = root / "practices" / "runder-tisch.md"
    path.write_text(BASE.replace(replace, by, 1), encoding="utf-8")
    return path


# Small invalid fixtures: (what is replaced, by what, the rule the check reports, the key the
# schema must complain about). Each must fail both, for that reason and no other.
INVALID = {
    "unknown-field": ("published:", "autor: Erika\npublished:", "field-unknown", "autor"),
    "typo-in-topic": ("[hassrede]", "[hasrede]", "vocabulary-term", "topics"),
    "label-instead-of-id": ("state: bayern", "state: Bayern", "vocabulary-term", "state"),
    "missing-title": ('title: "Runder Tisch gegen Hass"\n', "", "field-required", "title"),
    "impossible-date": ("2025-03-14", "2025-02-30", "field-date", "published"),
    "german-date": ("2025-03-14", "14.03.2025", "field-date", "published"),
    "bool-as-word": ("---\n\n", "example: ja\n---\n\n", "field-type", "example"),
    "javascript-url": (
        "---\n\n",
        "resources:\n  - title: x\n    url: javascript:alert(1)\n---\n\n",
        "field-url",
        "url",
    ),
    "summary-with-link": (
        "monatlich.",
        "[monatlich](https://example.org).",
        "field-plain-text",
        "summary",
    ),
    "html-in-title": ("Hass", "<b>Hass</b>", "field-html", "title"),
    "summary-too-long": ("monatlich.", "monatlich " * 40, "field-length", "summary"),
    "duplicate-topic": ("[hassrede]", "[hassrede, hassrede]", "field-duplicate-value", "topics"),
    "empty-modules": ("[modul-1]", "[]", "field-required", "modules"),
    "field-of-other-type": ("---\n\n", "formats: [online]\n---\n\n", "field-unknown", "formats"),
    "related-not-an-id": (
        "---\n\n",
        "related: [Runder_Tisch]\n---\n\n",
        "related-format",
        "related",
    ),
    "bad-email": (
        "  phone:",
        "  email: integration(at)stadt.de\n  phone:",
        "field-email",
        "email",
    ),
    "phone-with-letters": ("+49 30 1234567", "auf Anfrage", "field-phone", "phone"),
    "empty-summary": (
        '"Verwaltung und Beratung treffen sich monatlich."',
        '""',
        "field-empty",
        "summary",
    ),
    "topics-as-text": ("[hassrede]", "hassrede", "field-type", "topics"),
}
# Valid files whose values YAML 1.2 types differently than the validator: both accept them.
VALID_AS_TYPED = {
    "number-as-text": ("---\n\n", "funding: 5000\n---\n\n"),
    "phone-digits-only": ('"+49 30 1234567"', "0301234567"),
    "quoted-date": ("2025-03-14", '"2025-03-14"'),
    "boolean": ("---\n\n", "example: true\ndraft: false\n---\n\n"),
    "mailto-url": ("  phone:", "  url: mailto:integration@stadt-lindenau.de\n  phone:"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_fixtures_fail_the_schema_and_the_check(
    name: str, content_root: Path, validators: dict
) -> None:
    replace, by, rule, key = INVALID[name]
    path = write_practice(content_root, replace, by)
    assert schema_errors_about(validators["praxisbeispiel"], front_matter(path), key), name
    found = [p.rule for p in load_corpus(content_root, only=[path]).errors]
    assert found == [rule], name


@pytest.mark.parametrize("name", sorted(VALID_AS_TYPED))
def test_values_typed_by_yaml_are_accepted_by_both(
    name: str, content_root: Path, validators: dict
) -> None:
    path = write_practice(content_root, *VALID_AS_TYPED[name])
    assert errors(validators["praxisbeispiel"], front_matter(path)) == []
    assert load_corpus(content_root, only=[path]).errors == []


def test_terms_carry_their_labels_for_completion(vocabularies: dict) -> None:
    schema = entry_schema("praxisbeispiel", vocabularies)
    items = schema["properties"]["topics"]["items"]
    labels = {t.id: t.label for t in vocabularies["topics"].terms}
    assert items["enumDescriptions"] == [labels[i] for i in items["enum"]]
    state = schema["properties"]["municipality"]["properties"]["state"]
    assert "bayern" in state["enum"]
    assert schema["required"] == ["title", "summary", "modules", "topics", "target_groups",
                                  "published", "municipality"]  # fmt: skip
    assert schema["additionalProperties"] is False


def test_schema_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "schema"
    assert main(["--root", str(REPO), "schema", "--out", str(out), "--check"]) == 1
    assert "veraltet oder fehlt" in capsys.readouterr().err
    assert main(["--root", str(REPO), "schema", "--out", str(out)]) == 0
    assert main(["--root", str(REPO), "schema", "--out", str(out), "--check"]) == 0
    (out / "material.schema.json").write_text("{}", encoding="utf-8")
    assert main(["--root", str(REPO), "schema", "--out", str(out), "--check"]) == 1
    assert main(["--root", str(REPO), "schema", "--check"]) == 2


def test_the_schema_allows_exactly_the_years_the_check_allows() -> None:
    allowed = [y for y in range(10_000) if re.fullmatch(YEARS, f"{y:04d}")]
    assert (allowed[0], allowed[-1], len(allowed)) == (MIN_YEAR, MAX_YEAR, MAX_YEAR - MIN_YEAR + 1)
