"""The editor's configuration is generated from the type table and the field table, never by hand:
every type is a collection, every field a form field with its German label and help, every
vocabulary term an option; a new type in the table becomes a collection without code changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from praxis import content_types, editor_config
from praxis.content_types import CONTENT_TYPES
from praxis.editor_bundle import EditorBundleMissing, bundle_files, extract, verify
from praxis.editor_config import (
    CONFIG,
    PAGE,
    EditorSettings,
    EditorSettingsError,
    editor_files,
    editor_page,
)
from praxis.editor_config import (
    editor_config as make_config,
)
from praxis.editor_policy import check_editor_page, editor_content_security_policy
from praxis.ids import ID_MAX
from praxis.model import ContentType
from praxis.output_policy import check_html
from praxis.schema import Kind, fields_for

REPO = Path(__file__).resolve().parent.parent


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_one_collection_per_content_type_in_its_folder(vocabularies: dict) -> None:
    config = make_config(vocabularies, EditorSettings())
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == [t.key for t in CONTENT_TYPES]
    for kind in CONTENT_TYPES:
        made = collections[kind.key]
        assert made["folder"] == kind.folder
        assert (made["label"], made["label_singular"]) == (kind.plural, kind.singular)
        assert made["create"] is True and made["format"] == "frontmatter"
        assert made["slug"] == "{{slug | truncate(" + str(ID_MAX - 1) + ", '-')}}"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "de"
    assert config["slug"] == {
        "encoding": "ascii",
        "clean_accents": True,
        "sanitize_replacement": "-",
    }


def test_every_field_with_label_help_and_duty(vocabularies: dict) -> None:
    config = make_config(vocabularies, EditorSettings())
    for made in config["collections"]:
        key = made["name"]
        fields = by_name(made["fields"])
        specs = fields_for(key)
        assert list(fields) == [s.name for s in specs] + ["body"]
        for spec in specs:
            field = fields[spec.name]
            assert (field["label"], field["hint"]) == (spec.label, spec.help)
            assert field["required"] is spec.required(key), (key, spec.name)
            for child in spec.children:
                inner = by_name(field["fields"])[child.name]
                assert inner["label"] == child.label
                assert inner["hint"].startswith(child.help)


def test_every_vocabulary_term_is_an_option_showing_its_label(vocabularies: dict) -> None:
    config = make_config(vocabularies, EditorSettings())
    seen: set[tuple[str, str]] = set()

    def walk(fields: list[dict[str, Any]]) -> None:
        for field in fields:
            for option in field.get("options", []):
                seen.add((option["value"], option["label"]))
            walk(field.get("fields", []))

    for made in config["collections"]:
        walk(made["fields"])
    for vocabulary in vocabularies.values():
        for term in vocabulary.terms:
            assert (term.id, term.label) in seen, (vocabulary.name, term.id)


def test_widgets_follow_the_kind_of_each_field(vocabularies: dict) -> None:
    fields = by_name(make_config(vocabularies, EditorSettings())["collections"][0]["fields"])
    assert fields["topics"]["widget"] == "select" and fields["topics"]["multiple"] is True
    assert fields["topics"]["min"] == 1
    assert fields["evaluation"]["widget"] == "select" and "multiple" not in fields["evaluation"]
    assert fields["published"] == {
        **fields["published"],
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "time_format": False,
    }
    resources = fields["resources"]
    assert resources["widget"] == "list"
    assert [f["name"] for f in resources["fields"]] == ["title", "url"]
    profile = by_name(fields["municipality"]["fields"])["profile"]
    assert profile["widget"] == "relation" and profile["collection"] == "kommune"
    body = fields["body"]
    assert body["widget"] == "markdown" and body["editor_components"] == []
    assert "image" not in body["buttons"] and "heading-one" not in body["buttons"]


def test_a_new_type_in_the_table_becomes_a_collection(
    vocabularies: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = content_types.CONTENT_TYPES[1]
    extra = dataclasses.replace(
        base,
        key="studie",
        folder="content/studien",
        url_path="studien",
        singular="Studie",
        plural="Studien",
    )
    monkeypatch.setattr(editor_config, "CONTENT_TYPES", (*CONTENT_TYPES, extra))
    monkeypatch.setattr(editor_config, "fields_for", lambda key: fields_for(base.key))
    config = make_config(vocabularies, EditorSettings())
    made = config["collections"][-1]
    assert (made["name"], made["folder"], made["label"]) == ("studie", "content/studien", "Studien")
    assert isinstance(extra, ContentType)
    assert "studie" in editor_page(EditorSettings())


def test_backends_from_mkdocs_extra() -> None:
    assert EditorSettings.from_extra(None).backend_config() == {"name": "test-repo"}
    gitlab = EditorSettings.from_extra(
        {
            "backend": "gitlab",
            "repo": "gruppe/plattform",
            "app_id": "abc",
            "base_url": "https://gitlab.opencode.de",
        }
    )
    assert gitlab.backend_config() == {
        "name": "gitlab",
        "repo": "gruppe/plattform",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
        "base_url": "https://gitlab.opencode.de",
        "api_root": "https://gitlab.opencode.de/api/v4",
        "auth_endpoint": "oauth/authorize",
    }
    assert gitlab.api_origins() == ("https://gitlab.opencode.de",)
    github = EditorSettings.from_extra(
        {"backend": "github", "repo": "org/plattform", "base_url": "https://auth.example.org"}
    )
    assert github.backend_config()["base_url"] == "https://auth.example.org"
    assert github.api_origins() == ("https://api.github.com",)
    for wrong, words in (
        ({"backend": "svn"}, "gibt es nicht"),
        ({"backend": "gitlab", "repo": "gruppe/plattform"}, "app_id"),
        ({"backend": "github", "repo": "org/p"}, "OAuth-Helfers"),
        ({"backend": "gitlab", "repo": "x"}, "repo"),
        ({"backend": "gitlab", "repo": "a/b", "app_id": "1", "base_url": "http://x"}, "https"),
        ({"token": "geheim"}, "unbekannte"),
    ):
        with pytest.raises(EditorSettingsError, match=words):
            EditorSettings.from_extra(wrong)


def test_the_page_loads_only_its_own_files_under_its_own_policy(vocabularies: dict) -> None:
    settings = EditorSettings.from_extra(
        {"backend": "gitlab", "repo": "g/p", "app_id": "a", "base_url": "https://gitlab.example"}
    )
    page = editor_page(settings)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert check_editor_page(page, PAGE) == []
    policy = editor_content_security_policy(("https://gitlab.example",))
    assert f'content="{policy}"' in page
    assert "connect-src 'self' https://gitlab.example" in policy
    assert "script-src 'self' 'unsafe-eval'" in policy and "frame-src 'none'" in policy
    # The portal's rules reject it only for its different policy.
    reasons = {p.message for p in check_html(page, PAGE)}
    assert reasons == {"die Content-Security-Policy weicht von der vorgegebenen ab"}
    inline = page.replace("</body>", "<script>alert(1)</script></body>")
    assert any("Inline-Skript" in p.message for p in check_editor_page(inline, PAGE))
    foreign = page.replace('href="redaktion.css"', 'href="https://cdn.example/x.css"')
    assert any("anderen Host" in p.message for p in check_editor_page(foreign, PAGE))
    widened = page.replace("'unsafe-eval'", "'unsafe-eval' 'unsafe-inline'")
    assert check_editor_page(widened, PAGE) != []


def test_the_internal_edition_marks_its_editor_as_every_other_page() -> None:
    public, internal = editor_page(EditorSettings()), editor_page(EditorSettings(), internal=True)
    assert 'class="praxis-intern"' not in public and "Intern" not in public
    assert '<p class="praxis-intern"><strong>Intern</strong>' in internal
    assert "„Sichtbarkeit“" in internal  # says what decides whether an entry goes public
    assert check_editor_page(internal, PAGE) == []


def test_editor_files_include_the_pinned_bundle(vocabularies: dict) -> None:
    files = editor_files(vocabularies, EditorSettings())
    assert set(files) >= {PAGE, CONFIG, "redaktion/redaktion.js", "redaktion/decap-cms-3.16.3.js"}
    assert yaml.safe_load(files[CONFIG])["backend"] == {"name": "test-repo"}
    assert files[CONFIG].startswith("# Erzeugt beim Bau")


def test_a_missing_bundle_stops_with_a_german_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRAXIS_EDITOR_DIR", str(tmp_path / "leer"))
    with pytest.raises(EditorBundleMissing, match="make editor"):
        bundle_files()


def test_a_tarball_with_another_checksum_is_refused() -> None:
    with pytest.raises(ValueError, match="Prüfsumme"):
        verify(b"nicht das Paket")
    with pytest.raises(Exception):  # noqa: B017 - not a gzip file either
        extract(b"nicht das Paket")


def test_every_kind_has_a_widget(vocabularies: dict) -> None:
    used = {spec.kind for kind in CONTENT_TYPES for spec in fields_for(kind.key)}
    used |= {c.kind for kind in CONTENT_TYPES for s in fields_for(kind.key) for c in s.children}
    assert used >= {Kind.TEXT, Kind.DATE, Kind.TERMS, Kind.OBJECT_LIST}
    make_config(vocabularies, EditorSettings())  # raises for a kind without a widget


def test_operator_page_shows_the_policy_the_code_writes() -> None:
    from praxis.editor_policy import editor_header_policy

    text = (REPO / "docs" / "betrieb" / "redaktion.md").read_text("utf-8")
    assert editor_header_policy(("https://gitlab.opencode.de",)) in text
    for name in ("sammlungen.png", "formular-mit-vorschau.png", "auswahl.png"):
        png = REPO / "docs" / "assets" / "redaktion" / name
        assert png.stat().st_size < 150_000, name  # screenshots stay small
