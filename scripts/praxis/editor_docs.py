"""Generated pages of the contributor guide, and the files published for editors' tools.

The field reference comes from the field table, the error reference from the rule catalogue, the
templates from `praxis new`, the JSON Schemas from `json_schema`. Nothing here is written by hand,
so the guide cannot drift from what the validator does. Plain Markdown strings; the MkDocs plugin
only adds them to the site.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from itertools import groupby

from .content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from .editor_config import EditorSettings, editor_files
from .json_schema import SITE_FOLDER, schema_file_name, schema_texts
from .model import Vocabulary
from .rules.catalogue import RULES, RuleInfo, group_label
from .rules.fields import MARKDOWN_LINK
from .scaffold import BODY_HINT, BODY_SECTIONS, ID_MAX, template_texts
from .schema import FIELDS, Field, Kind

GUIDE = "mitwirken"
FIELDS_PAGE = f"{GUIDE}/felder.md"
FIELDS_OVERVIEW_PAGE = f"{GUIDE}/felder-je-inhaltsart.md"
ERRORS_PAGE = f"{GUIDE}/fehlermeldungen.md"
TEMPLATES_PAGE = f"{GUIDE}/vorlagen.md"
GENERATED_NOTE = (
    "Diese Seite wird bei jedem Bau der Website erzeugt und ist deshalb immer auf dem Stand der "
    "Prüfung."
)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no raw HTML, no column breaks)."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


# Characters Python-Markdown reads as markup; a backslash makes each one plain text.
MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|")


def _plain(text: str) -> str:
    """Operator text (vocabulary titles, labels, descriptions) as literal text in a table cell:
    no emphasis, link or attribute list can come of it, whatever the vocabulary says."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return "".join(f"\\{ch}" if ch in MARKDOWN_SPECIALS else ch for ch in escaped)


def _literal_syntax(text: str) -> str:
    """Show Markdown link syntax in rule texts as code, so `[Linktext](https://…)` is no link."""
    parts = text.split("`")
    for index in range(0, len(parts), 2):  # even parts are outside backticks
        parts[index] = MARKDOWN_LINK.sub(lambda m: f"`{m.group(0)}`", parts[index])
    return "`".join(parts)


def _duty(spec: Field, content_type: str, parent: Field | None = None) -> str:
    if content_type not in (parent or spec).types:
        return "–"
    if spec.required(content_type):
        return "Pflicht" if parent is None or parent.required(content_type) else "Pflicht im Block"
    return "freiwillig"


def _example_yaml(spec: Field) -> list[str]:
    """A YAML snippet with the field's example value, as an editor would write it."""

    def scalar(child: Field) -> str:
        value = child.example
        if child.kind in (Kind.TERMS, Kind.ENTRY_IDS):
            return "[" + ", ".join(value) + "]"
        if child.kind is Kind.BOOL:
            return "true" if value else "false"
        if child.kind in (Kind.TEXT, Kind.PHONE):
            return f'"{value}"'
        return str(value)

    if spec.kind is Kind.OBJECT:
        return [f"{spec.name}:", *(f"  {c.name}: {scalar(c)}" for c in spec.children)]
    if spec.kind is Kind.OBJECT_LIST:
        lines = [f"{spec.name}:"]
        for index, child in enumerate(spec.children):
            lines.append(f"{'  - ' if index == 0 else '    '}{child.name}: {scalar(child)}")
        return lines
    return [f"{spec.name}: {scalar(spec)}"]


def _vocabulary_table(vocabulary: Vocabulary) -> list[str]:
    rows = ["| Kennung | Bezeichnung | Bedeutung |", "|---|---|---|"]
    rows += [
        f"| `{t.id}` | {_plain(t.label)} | {_plain(t.description)} |" for t in vocabulary.terms
    ]
    return rows


def fields_page(vocabularies: Mapping[str, Vocabulary]) -> str:
    """The field reference: every field with its meaning, form, example and allowed ids."""
    lines = [
        "# Felder im Steckbrief",
        "",
        "Jeder Eintrag beginnt mit einem Steckbrief (Front Matter) zwischen zwei Zeilen `---`. "
        "Hier steht jedes Feld mit Bedeutung, Form und Beispiel. Welche Felder jede Inhaltsart "
        "hat und welche Pflicht sind, zeigt die [Übersicht](felder-je-inhaltsart.md); die "
        f"Vorlagen mit allen Feldern finden Sie unter [Vorlagen](vorlagen.md). {GENERATED_NOTE}",
        "",
    ]
    for spec in FIELDS:
        lines += _field_section(spec, vocabularies)
    return "\n".join(lines).rstrip() + "\n"


def fields_overview_page() -> str:
    """Which fields each content type has, and which it requires: a table of its own (on the
    field reference it made that page larger than 100 KB)."""
    kinds = [kind.key for kind in CONTENT_TYPES]
    lines = [
        "# Felder je Inhaltsart",
        "",
        "Welche Felder jede Inhaltsart hat und welche Pflicht sind. Was ein Feld bedeutet und "
        f"welche Werte es annimmt, steht unter [Felder](felder.md). {GENERATED_NOTE}",
        "",
        "| Feld | Bezeichnung | "
        + " | ".join(CONTENT_TYPE_BY_KEY[k].singular for k in kinds)
        + " |",
        "|---|---|" + "---|" * len(kinds),
    ]
    for spec in FIELDS:
        lines.append(
            f"| [`{spec.name}`](felder.md#{spec.name}) | {_cell(spec.label)} | "
            + " | ".join(_duty(spec, k) for k in kinds)
            + " |"
        )
        for child in spec.children:
            lines.append(
                f"| `{spec.name}.{child.name}` | {_cell(child.label)} | "
                + " | ".join(_duty(child, k, spec) for k in kinds)
                + " |"
            )
    lines += [
        "",
        "„Pflicht im Block“: Das Unterfeld muss angegeben werden, wenn es den Block gibt.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def _field_section(spec: Field, vocabularies: Mapping[str, Vocabulary]) -> list[str]:
    where = ", ".join(
        CONTENT_TYPE_BY_KEY[k].plural for k in (t.key for t in CONTENT_TYPES) if k in spec.types
    )
    required = [CONTENT_TYPE_BY_KEY[k].plural for k in sorted(spec.required_for)]
    form = spec.kind.german + (f", höchstens {spec.max_length} Zeichen" if spec.max_length else "")
    lines = [
        f"## `{spec.name}`: {_cell(spec.label)} {{: #{spec.name} }}",
        "",
        _cell(spec.help),
        "",
        f"- **Form:** {form}",
        f"- **Gibt es bei:** {where}",
        f"- **Pflicht bei:** {', '.join(required) if required else 'keiner Inhaltsart'}",
        "",
    ]
    for child in spec.children:
        child_form = child.kind.german + (
            f", höchstens {child.max_length} Zeichen" if child.max_length else ""
        )
        duty = "Pflicht im Block" if child.required_for else "freiwillig"
        lines.append(
            f"- `{spec.name}.{child.name}` ({_cell(child.label)}, {duty}): "
            f"{_cell(child.help)} Form: {child_form}."
        )
    if spec.children:
        lines.append("")
    if spec.example is not None or spec.children:
        lines += ["Beispiel:", "", "```yaml", *_example_yaml(spec), "```", ""]
    for field in (spec, *spec.children):
        vocabulary = vocabularies.get(field.vocabulary or "")
        if vocabulary is not None:
            lines += [f"Erlaubte Kennungen für `{field.name}` ({_plain(vocabulary.title)}):", ""]
            lines += [*_vocabulary_table(vocabulary), ""]
    return lines


def errors_page() -> str:
    """The error reference: every rule id, what it means and how to fix it, grouped."""
    lines = [
        "# Fehlermeldungen und ihre Behebung",
        "",
        "Die Prüfung meldet jedes Problem mit Datei, Zeile und Regel, zum Beispiel:",
        "",
        "```text",
        "practices/clearingstelle-talheim.md:5: Fehler: `hasrede` ist kein bekannter Begriff für "
        "`topics` (Themen). Meinten Sie `hassrede`? [vocabulary-term]",
        "```",
        "",
        "Im Pull Request erscheinen dieselben Meldungen direkt an der betroffenen Zeile "
        "(Reiter „Files changed“). **Fehler** verhindern die Veröffentlichung, **Warnungen** "
        "nicht. Die Regel in eckigen Klammern führt zum passenden Abschnitt dieser Seite.",
        "",
        '!!! tip "Meldungen zu einer neuen Vorlage"',
        "",
        "    Eine frisch angelegte Vorlage meldet absichtlich Fehler, bis sie ausgefüllt ist: "
        '`field-empty` für jede leere Angabe (`""`), `field-required` für leere Pflichtlisten '
        f"(`[]`) und `body-template-hint` für jede Hinweiszeile `{BODY_HINT} … -->` im Text. "
        "So kann keine halb ausgefüllte Vorlage veröffentlicht werden.",
        "",
        GENERATED_NOTE,
        "",
    ]
    ordered = sorted(RULES, key=lambda rule: _group_order(rule))
    for label, rules in groupby(ordered, key=group_label):
        lines += [f"## {label}", ""]
        for rule in rules:
            lines += _rule_section(rule)
    return "\n".join(lines).rstrip() + "\n"


def _group_order(rule: RuleInfo) -> int:
    groups = list(dict.fromkeys(r.group for r in RULES))
    return groups.index(rule.group)


def _rule_section(rule: RuleInfo) -> list[str]:
    severity = "Warnung" if rule.warning else "Fehler"
    return [
        f"### `{rule.id}` {{: #{rule.id} }}",
        "",
        f"**{severity}:** {_literal_syntax(_cell(rule.meaning))}",
        "",
        f"**So beheben Sie es:** {_literal_syntax(_cell(rule.fix))}",
        "",
    ]


def template_page_uri(content_type: str) -> str:
    """`mitwirken/vorlagen/praxisbeispiel.md`: one page per type keeps each page small (all
    nine templates on one page made it 118 KB)."""
    return f"{GUIDE}/vorlagen/{content_type}.md"


def templates_page(vocabularies: Mapping[str, Vocabulary]) -> str:
    """The overview: how to use a template, and a link to each content type's template."""
    lines = [
        "# Vorlagen für neue Einträge",
        "",
        "Kopieren Sie die Vorlage der passenden Inhaltsart vollständig (von der ersten bis zur "
        "letzten Zeile) in eine neue Datei. Mit einer lokalen Arbeitskopie legt "
        '`praxis new praxisbeispiel "Titel"` dieselbe Vorlage an und füllt Titel und Datum '
        "schon aus. Wie es weitergeht, steht im [Leitfaden](index.md).",
        "",
        "- Zeilen mit `#` sind Erläuterungen; sie dürfen stehen bleiben.",
        '- Jede leere Angabe (`""`) ausfüllen oder, wenn das Feld freiwillig ist, die Zeile '
        "löschen.",
        "- Die Hinweise im Text ersetzen Sie durch Ihren eigenen Text.",
        "",
        "## Vorlage je Inhaltsart",
        "",
    ]
    for key in template_texts(vocabularies):
        kind = CONTENT_TYPE_BY_KEY[key]
        lines.append(f"- [{kind.singular}](vorlagen/{key}.md): Ordner `{kind.folder}/`")
    lines += ["", GENERATED_NOTE]
    return "\n".join(lines).rstrip() + "\n"


def template_pages(vocabularies: Mapping[str, Vocabulary]) -> dict[str, str]:
    """Site path of each content type's template page -> its Markdown."""
    pages = {}
    for key, text in template_texts(vocabularies).items():
        kind = CONTENT_TYPE_BY_KEY[key]
        sections = ", ".join(s.title for s in BODY_SECTIONS[key])
        lines = [
            f"# Vorlage: {kind.singular}",
            "",
            f"- **Ordner:** `{kind.folder}/`",
            f"- **Dateiname:** die Kennung mit `.md`, zum Beispiel `{_example_id(key)}.md`: "
            f"nur Kleinbuchstaben a–z, Ziffern und Bindestriche, ä als ae, ö als oe, ü als ue, "
            f"ß als ss; höchstens {ID_MAX} Zeichen.",
            f"- **Abschnitte im Text:** {sections}",
            "",
            "Kopieren Sie die Vorlage vollständig in eine neue Datei; was dabei zu beachten ist, "
            "steht auf der Seite [Vorlagen](../vorlagen.md).",
            "",
            "````markdown",
            text.rstrip("\n"),
            "````",
            "",
            GENERATED_NOTE,
        ]
        pages[template_page_uri(key)] = "\n".join(lines).rstrip() + "\n"
    return pages


def _example_id(content_type: str) -> str:
    return CONTENT_TYPE_BY_KEY[content_type].example_id


def site_files(
    vocabularies: Mapping[str, Vocabulary],
    editor: EditorSettings | None = None,
    site_url: str = "",
    internal: bool = False,
) -> dict[str, str | bytes]:
    """Site path -> content of every file this module adds to the site.

    With `editor` settings (`EditorSettings.from_extra(config.extra.get("editor"))`) also the
    form-based editor at `/redaktion/`, marked "Intern" in the internal edition; raises
    EditorBundleMissing when its bundle is not installed (`make editor`)."""
    files: dict[str, str | bytes] = {
        FIELDS_PAGE: fields_page(vocabularies),
        FIELDS_OVERVIEW_PAGE: fields_overview_page(),
        ERRORS_PAGE: errors_page(),
        TEMPLATES_PAGE: templates_page(vocabularies),
        **template_pages(vocabularies),
    }
    for name, text in schema_texts(vocabularies).items():
        files[f"{SITE_FOLDER}/{name}"] = text
    if editor is not None:
        files.update(editor_files(vocabularies, editor, site_url, internal))
    return files


__all__ = [
    "errors_page",
    "fields_overview_page",
    "fields_page",
    "schema_file_name",
    "site_files",
    "template_pages",
    "templates_page",
]
