"""The form-based editor at `/redaktion/`: its Decap CMS configuration, from the type table.

Nothing here is written per field or per type: one collection per entry of `CONTENT_TYPES`, one
form field per field of the field table (`schema.FIELDS`) with its German label and help, the
vocabularies as selects that show labels and store ids, dates as date pickers, ids of other
entries as a search over that type's entries (`refers_to`). Adding a type or a field to the tables
changes the editor with the next build. The MkDocs plugin only copies `editor_files()` into the
site; the page's own Content-Security-Policy is in `editor_policy.py`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml

from .content_types import CONTENT_TYPE_BY_KEY, CONTENT_TYPES
from .editor_bundle import SCRIPT_NAME, bundle_files
from .editor_policy import editor_content_security_policy
from .ids import ID_MAX
from .model import ContentType, Vocabulary
from .rules.fields import EMAIL, PHONE
from .schema import Field, Kind, fields_for

FOLDER = "redaktion"
PAGE = f"{FOLDER}/index.html"
CONFIG = f"{FOLDER}/config.yml"
# Self-written files next to the bundle: the preview template and its styles.
ASSETS = ("redaktion.js", "redaktion.css")
BACKENDS = ("test-repo", "gitlab", "github")
GITLAB_DEFAULT = "https://gitlab.com"
GITHUB_API = "https://api.github.com"
# Toolbar of the body: only what an entry body may contain (rules/body.py, dialect.py). No
# images, no raw HTML, no level-1 heading (the title is the page's only `#`).
BODY_BUTTONS = (
    "bold",
    "italic",
    "link",
    "heading-two",
    "heading-three",
    "heading-four",
    "quote",
    "bulleted-list",
    "numbered-list",
)
URL_PATTERN = (r"^https?://\S+$", "Eine Webadresse beginnt mit https:// (oder http://).")
EMAIL_PATTERN = (EMAIL.pattern, "Bitte eine E-Mail-Adresse wie name@stelle.de angeben.")
PHONE_PATTERN = (PHONE.pattern, "Bitte eine Telefonnummer wie +49 30 1234567 angeben.")
BODY_FIELD = "body"


class EditorSettingsError(ValueError):
    """A wrong `extra.editor` in mkdocs.yml (German message for the operator)."""


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor reads and writes: `extra.editor` in mkdocs.yml.

    `test-repo` (the default) keeps everything in the browser's memory: a demonstration that
    saves nothing. `gitlab` logs in with PKCE (no server of our own; `app_id` of an OAuth
    application on the GitLab instance at `base_url`). `github` needs an OAuth helper at
    `base_url` (see docs/betrieb/redaktion.md).
    """

    backend: str = "test-repo"
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    app_id: str = ""

    @classmethod
    def from_extra(cls, raw: Mapping[str, Any] | None) -> EditorSettings:
        raw = dict(raw or {})
        unknown = sorted(set(raw) - {"backend", "repo", "branch", "base_url", "app_id"})
        if unknown:
            raise EditorSettingsError(
                f"extra.editor in mkdocs.yml: unbekannte Angaben {', '.join(unknown)}. Erlaubt "
                "sind backend, repo, branch, base_url und app_id."
            )
        values = {k: str(v).strip() for k, v in raw.items() if v is not None}
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        where = "extra.editor in mkdocs.yml"
        if self.backend not in BACKENDS:
            raise EditorSettingsError(
                f"{where}: backend `{self.backend}` gibt es nicht; möglich sind "
                + ", ".join(BACKENDS)
                + "."
            )
        if self.backend == "test-repo":
            return
        if not re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", self.repo):
            raise EditorSettingsError(
                f"{where}: repo fehlt oder ist falsch; erwartet wird der Pfad des Projekts, "
                "etwa `gruppe/plattform`."
            )
        if self.base_url and urlsplit(self.base_url).scheme != "https":
            raise EditorSettingsError(f"{where}: base_url muss mit https:// beginnen.")
        if self.backend == "gitlab" and not self.app_id:
            raise EditorSettingsError(
                f"{where}: Für GitLab fehlt app_id, die Anwendungs-ID der OAuth-Anwendung "
                "(docs/betrieb/redaktion.md)."
            )
        if self.backend == "github" and not self.base_url:
            raise EditorSettingsError(
                f"{where}: Für GitHub fehlt base_url, die Adresse des OAuth-Helfers "
                "(docs/betrieb/redaktion.md)."
            )

    @property
    def gitlab_url(self) -> str:
        return (self.base_url or GITLAB_DEFAULT).rstrip("/")

    def backend_config(self) -> dict[str, Any]:
        if self.backend == "test-repo":
            return {"name": "test-repo"}
        common = {"repo": self.repo, "branch": self.branch or "main"}
        if self.backend == "gitlab":
            return {
                "name": "gitlab",
                **common,
                "auth_type": "pkce",
                "app_id": self.app_id,
                "base_url": self.gitlab_url,
                "api_root": f"{self.gitlab_url}/api/v4",
                "auth_endpoint": "oauth/authorize",
            }
        return {"name": "github", **common, "base_url": self.base_url.rstrip("/")}

    def api_origins(self) -> tuple[str, ...]:
        """The hosts the editor's browser talks to besides the site itself."""
        if self.backend == "gitlab":
            parts = urlsplit(self.gitlab_url)
            return (f"{parts.scheme}://{parts.netloc}",)
        if self.backend == "github":
            return (GITHUB_API,)
        return ()


# --- fields ----------------------------------------------------------------------------------


def _options(vocabulary: Vocabulary) -> list[dict[str, str]]:
    return [{"label": term.label, "value": term.id} for term in vocabulary.terms]


def _length(spec: Field) -> dict[str, Any]:
    if spec.max_length is None:
        return {}
    return {
        "pattern": [
            rf"^[\s\S]{{0,{spec.max_length}}}$",
            f"Höchstens {spec.max_length} Zeichen.",
        ]
    }


def field_widget(
    spec: Field,
    content_type: str,
    vocabularies: Mapping[str, Vocabulary],
    parent: Field | None = None,
) -> dict[str, Any]:
    """One form field (a Decap field definition) for a field of the table."""
    required = spec.required(content_type) and (parent is None or parent.required(content_type))
    widget: dict[str, Any] = {
        "name": spec.name,
        "label": spec.label,
        "hint": spec.help,
        "required": required,
    }
    kind = spec.kind
    if spec.vocabulary:
        vocabulary = vocabularies[spec.vocabulary]
        widget.update(widget="select", options=_options(vocabulary))
        if kind is Kind.TERMS:
            widget["multiple"] = True
            if required:
                widget["min"] = 1
    elif spec.refers_to:
        target = CONTENT_TYPE_BY_KEY[spec.refers_to]
        widget.update(
            widget="relation",
            collection=target.key,
            value_field="{{slug}}",
            search_fields=["title"],
            display_fields=["title"],
        )
    elif kind is Kind.TEXT:
        long_text = (spec.max_length or 0) >= 300
        widget.update(widget="text" if long_text else "string", **_length(spec))
    elif kind is Kind.DATE:
        widget.update(widget="datetime", format="YYYY-MM-DD", date_format=True, time_format=False)
    elif kind is Kind.DATETIME:
        widget.update(widget="datetime", format="YYYY-MM-DD HH:mm", picker_utc=False)
    elif kind is Kind.BOOL:
        # No default: Decap would write `false` into every optional block (a `contact` with
        # only `consent: false` lacks its required `organisation`).
        widget.update(widget="boolean")
    elif kind is Kind.URL:
        widget.update(widget="string", pattern=list(URL_PATTERN))
    elif kind is Kind.EMAIL:
        widget.update(widget="string", pattern=list(EMAIL_PATTERN))
    elif kind is Kind.PHONE:
        widget.update(widget="string", pattern=list(PHONE_PATTERN))
    elif kind is Kind.ENTRY_IDS:
        widget.update(widget="list")  # ids separated by commas
    elif kind is Kind.OBJECT:
        children = [field_widget(c, content_type, vocabularies, spec) for c in spec.children]
        widget.update(widget="object", fields=children, collapsed=not required)
    elif kind is Kind.OBJECT_LIST:
        children = [field_widget(c, content_type, vocabularies, spec) for c in spec.children]
        widget.update(
            widget="list",
            fields=children,
            summary="{{fields." + spec.children[0].name + "}}",
            label_singular=spec.children[0].label if len(spec.children) == 1 else spec.label,
        )
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(f"no widget for {kind}")
    if parent is not None and parent.kind is Kind.OBJECT_LIST:
        # Inside a list, a sub-field is required whenever its item exists.
        widget["required"] = spec.required(content_type) or bool(spec.required_for)
    if parent is not None and parent.kind is Kind.OBJECT and spec.required_for:
        # "Pflicht im Block". Decap would demand it even for an empty optional block, so the
        # form asks for it only in a required block; otherwise the hint says so and the check
        # reports a half-filled block.
        widget["required"] = parent.required(content_type)
        if not widget["required"]:
            widget["hint"] = f"{spec.help} Pflicht, sobald „{parent.label}“ ausgefüllt ist."
    return widget


def body_widget(content_type: ContentType) -> dict[str, Any]:
    sections = " – ".join(section.title for section in content_type.sections)
    return {
        "name": BODY_FIELD,
        "label": "Text",
        "widget": "markdown",
        "hint": "Gliedern Sie den Text mit Zwischenüberschriften (Überschrift 2): "
        f"{sections}. Nur dienstliche Kontakte, keine Bilder und kein HTML.",
        "buttons": list(BODY_BUTTONS),
        "editor_components": [],
        "modes": ["rich_text", "raw"],
        "sanitize_preview": True,
    }


def collection(content_type: ContentType, vocabularies: Mapping[str, Vocabulary]) -> dict:
    fields = [
        field_widget(spec, content_type.key, vocabularies) for spec in fields_for(content_type.key)
    ]
    return {
        "name": content_type.key,
        "label": content_type.plural,
        "label_singular": content_type.singular,
        "description": content_type.description,
        "folder": content_type.folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        # As `praxis new`: lower case a–z, digits and hyphens from the title, at most ID_MAX.
        "slug": "{{slug | truncate(" + str(ID_MAX - 1) + ", '-')}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "published"],
        "fields": [*fields, body_widget(content_type)],
    }


def editor_config(
    vocabularies: Mapping[str, Vocabulary], settings: EditorSettings, site_url: str = ""
) -> dict[str, Any]:
    """The whole Decap configuration: backend, workflow, one collection per content type."""
    config: dict[str, Any] = {
        "backend": settings.backend_config(),
        "locale": "de",
        "publish_mode": "editorial_workflow",
        # Required by Decap; entries have no images (the body toolbar offers none).
        "media_folder": "docs/assets/redaktion",
        "public_folder": "/assets/redaktion",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(t, vocabularies) for t in CONTENT_TYPES],
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def config_yaml(config: Mapping[str, Any]) -> str:
    head = (
        "# Erzeugt beim Bau aus scripts/praxis/content_types.py und schema.py; nicht von Hand "
        "ändern.\n"
    )
    body = yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False, width=100)
    return head + body


# --- the page --------------------------------------------------------------------------------


def editor_page(settings: EditorSettings, internal: bool = False) -> str:
    """The editor's HTML page: its own policy first, no inline script, noindex.

    In the internal edition it is marked "Intern" like every other page there, and says that
    saving goes to the one repository both editions are built from."""
    policy = html.escape(editor_content_security_policy(settings.api_origins()), quote=False)
    names = " ".join(t.key for t in CONTENT_TYPES)
    demo = ""
    if settings.backend == "test-repo":
        demo = (
            '<p class="praxis-redaktion-demo" role="status">Vorführung: Der Editor ist noch mit '
            "keinem Projektarchiv verbunden; Gespeichertes bleibt nur in diesem Browserfenster. "
            "Wie er verbunden wird, steht unter „Betrieb → Redaktionseditor“.</p>\n"
        )
    marker = ""
    if internal:
        marker = (
            '<p class="praxis-intern"><strong>Intern</strong> – Redaktion aus der Ausgabe für die '
            "Modellkommunen. Beide Ausgaben entstehen aus demselben Projektarchiv: Öffentlich wird "
            "ein Eintrag, solange das Feld „Sichtbarkeit“ nicht „intern“ sagt.</p>\n"
        )
    return (
        "<!doctype html>\n"
        '<html lang="de">\n'
        "<head>\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Redaktion</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        '<link href="redaktion.css" rel="stylesheet">\n'
        "</head>\n"
        "<body>\n"
        f"{marker}{demo}"
        "<noscript><p>Der Redaktionseditor braucht JavaScript. Ohne JavaScript können Sie "
        "Einträge als Datei beitragen; wie, steht im Leitfaden unter „Mitmachen“.</p>"
        "</noscript>\n"
        f'<script src="{SCRIPT_NAME}"></script>\n'
        f'<script src="redaktion.js" data-collections="{names}"></script>\n'
        "</body>\n"
        "</html>\n"
    )


def _asset(name: str) -> bytes:
    return resources.files("praxis").joinpath("editor_assets", name).read_bytes()


def editor_files(
    vocabularies: Mapping[str, Vocabulary],
    settings: EditorSettings,
    site_url: str = "",
    internal: bool = False,
) -> dict[str, str | bytes]:
    """Site path -> content of every file of `/redaktion/`. Raises EditorBundleMissing."""
    files: dict[str, str | bytes] = {
        PAGE: editor_page(settings, internal),
        CONFIG: config_yaml(editor_config(vocabularies, settings, site_url)),
    }
    for name in ASSETS:
        files[f"{FOLDER}/{name}"] = _asset(name)
    for name, content in bundle_files().items():
        files[f"{FOLDER}/{name}"] = content
    return files


def config_json(vocabularies: Mapping[str, Vocabulary], settings: EditorSettings) -> str:
    """The configuration as JSON (for tests and tools that read it without YAML)."""
    return json.dumps(editor_config(vocabularies, settings), ensure_ascii=False, indent=2)
