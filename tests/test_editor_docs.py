"""The contributor guide: generated pages follow the field table, the rules and the templates."""

from __future__ import annotations

import re
from pathlib import Path

from praxis.content_types import CONTENT_TYPES
from praxis.corpus import load_corpus
from praxis.editor_docs import (
    errors_page,
    fields_overview_page,
    fields_page,
    site_files,
    template_pages,
    templates_page,
)
from praxis.rules.catalogue import RULES
from praxis.scaffold import template_texts
from praxis.schema import FIELDS, fields_for
from site_build import built_site

REPO = Path(__file__).resolve().parent.parent


def test_field_reference_names_every_field_and_every_allowed_id(vocabularies: dict) -> None:
    page = fields_page(vocabularies)
    for spec in FIELDS:
        assert f"## `{spec.name}`: {spec.label} {{: #{spec.name} }}" in page
        for child in spec.children:
            assert f"`{spec.name}.{child.name}`" in page
    for vocabulary in vocabularies.values():
        for term in vocabulary.terms:
            assert f"| `{term.id}` |" in page, term.id


def test_overview_lists_every_field_for_every_type_and_links_its_explanation() -> None:
    page = fields_overview_page()
    for kind in CONTENT_TYPES:
        assert f" {kind.singular} |" in page.splitlines()[4], kind.key
    for spec in FIELDS:
        assert f"| [`{spec.name}`](felder.md#{spec.name}) |" in page
        for child in spec.children:
            assert f"| `{spec.name}.{child.name}` |" in page


def test_field_reference_escapes_vocabulary_text(vocabularies: dict) -> None:
    from dataclasses import replace

    topics = vocabularies["topics"]
    hostile = replace(topics.terms[0], label="<script>x</script> | Spalte")
    changed = {**vocabularies, "topics": replace(topics, terms=(hostile, *topics.terms[1:]))}
    page = fields_page(changed)
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt; \\| Spalte" in page


def test_error_reference_explains_every_rule() -> None:
    page = errors_page()
    for rule in RULES:
        assert f"### `{rule.id}` {{: #{rule.id} }}" in page
    assert page.count("**So beheben Sie es:**") == len(RULES)
    outside_code = re.sub(r"`[^`]*`", "", page)
    assert "](https://…)" not in outside_code  # link syntax in rule texts is shown, not linked


def test_each_type_has_a_page_with_its_exact_template(vocabularies: dict) -> None:
    overview = templates_page(vocabularies)
    pages = template_pages(vocabularies)
    for key, text in template_texts(vocabularies).items():
        assert f"](vorlagen/{key}.md)" in overview
        assert text.rstrip("\n") in pages[f"mitwirken/vorlagen/{key}.md"]


def test_site_gets_the_pages_and_the_committed_schemas(vocabularies: dict) -> None:
    site = built_site()
    for uri, text in site_files(vocabularies).items():
        if uri.endswith(".json"):
            assert (site / uri).read_text("utf-8") == text
            assert (REPO / uri).read_text("utf-8") == text  # schema/ in the repository
        else:
            assert (site / uri.removesuffix(".md") / "index.html").is_file(), uri
    guide = (site / "mitwirken" / "index.html").read_text("utf-8")
    for target in ("felder/", "fehlermeldungen/", "vorlagen/", "../schema/praxisbeispiel"):
        assert f'href="{target}' in guide, target


def test_guide_mentions_every_option_of_praxis_new() -> None:
    from praxis.cli import build_parser

    parser = build_parser()
    new = parser._subparsers._group_actions[0].choices["new"]  # argparse keeps them here
    options = {o for action in new._actions for o in action.option_strings if o.startswith("--")}
    guide = (REPO / "docs" / "mitwirken" / "index.md").read_text("utf-8")
    missing = {o for o in options - {"--help"} if o not in guide}
    assert missing == set()


def test_contributing_example_passes_the_check(content_root: Path) -> None:
    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    example = re.search(r"```markdown\n(.*?)```", text, re.S).group(1)
    path = content_root / "practices" / "runder-tisch-landkreis-talheim.md"
    path.write_text(example, encoding="utf-8")
    assert load_corpus(content_root).errors == []
    for spec in fields_for("praxisbeispiel"):
        if spec.required("praxisbeispiel"):
            assert f"`{spec.name}`" in text, spec.name
