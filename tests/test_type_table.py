"""A content type is a declaration: adding one to the type table is all it takes.

The package is copied, one `ContentType(...)` is added to `content_types.py` and nothing else
changes; then the check accepts an entry of the new type and names a missing required field, the
JSON Schema, `praxis new`, the pages, the finder's facets and the export all know the type.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

NEW_TYPE = """
    ContentType(
        key="studie",
        folder="content/studien",
        url_path="studien",
        singular="Studie",
        plural="Studien",
        description="Untersuchungen über Rassismus und Hass in Kommunen.",
        fields=("title", "summary", *_TERMS, "issuer", *_DATES, *_TAIL),
        required=(*_CORE_REQUIRED, "issuer"),
        facets=(*_CORE_FACETS, "actors"),
        sections=(Section("Ergebnisse", "Was hat die Studie herausgefunden?"),),
        example_id="studie-lagebild",
    ),
"""

ENTRY = """\
---
title: "Lagebild Rassismus in Mittelstädten (fiktiv)"
summary: "Eine Untersuchung über rassistische Vorfälle in zwölf Mittelstädten."
modules: [modul-2]
topics: [rassismus]
target_groups: [verwaltung]
published: 2026-01-15
issuer: "Institut Nordland (fiktiv)"
example: true
---

## Ergebnisse

Die Untersuchung zeigt, wo Kommunen ansetzen können.
"""

PROBE = """
import json, sys
from pathlib import Path
from praxis.corpus import load_corpus
from praxis.export import FACETS, export_data
from praxis.json_schema import schema_file_name, schema_texts
from praxis.render import SiteRenderer
from praxis.scaffold import render_template
from praxis.taxonomy import build_index

root = Path(sys.argv[1])
corpus = load_corpus(root)
index = build_index(corpus.entries, corpus.vocabularies)
pages = list(SiteRenderer(corpus.entries, corpus.vocabularies, index).pages())
finder = next(p for p in pages if p.kind == "finder")
print(json.dumps({
    "errors": [p.text() for p in corpus.errors],
    "pages": sorted(p.src_uri for p in pages if "studie" in p.src_uri),
    "finder_types": [o["id"] for o in finder.data["facets"][0]["options"]],
    "schema": schema_file_name("studie") in schema_texts(corpus.vocabularies),
    "template": render_template("studie", "Neue Studie", corpus.vocabularies),
    "export": [e["type"] for e in export_data(corpus.entries, index.taxonomies)["entries"]],
    "entry_rows": [r["field"] for p in pages if p.entry is not None and p.entry.type.key ==
                   "studie" for r in p.data["rows"]],
}))
"""


@pytest.fixture(scope="module")
def package_with_a_new_type(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package whose type table has one more type, and nothing else changed."""
    scripts = tmp_path_factory.mktemp("scripts")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "scripts" / "praxis", scripts / "praxis", ignore=ignore)
    table = scripts / "praxis" / "content_types.py"
    text = table.read_text(encoding="utf-8")
    end = "\nCONTENT_TYPE_BY_KEY"
    head, tail = text.split(end, 1)
    assert head.rstrip().endswith(")"), "the table ends with its closing parenthesis"
    head = head.rstrip()[:-1] + textwrap.dedent(NEW_TYPE).replace("\n", "\n    ") + ")\n"
    table.write_text(head + end + tail, encoding="utf-8")
    return scripts


def _content_root(tmp_path: Path, entry: str) -> Path:
    root = tmp_path / "root"
    shutil.copytree(REPO / "content" / "vocabularies", root / "content" / "vocabularies")
    (root / "content" / "studien").mkdir(parents=True)
    (root / "content" / "studien" / "lagebild-mittelstaedte.md").write_text(entry, "utf-8")
    return root


def _run(scripts: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env={"PYTHONPATH": str(scripts), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_declared_type_is_checked_rendered_searchable_and_exported(
    package_with_a_new_type: Path, tmp_path: Path
) -> None:
    root = _content_root(tmp_path, ENTRY)
    done = _run(package_with_a_new_type, "-c", PROBE, str(root), cwd=root)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["errors"] == []
    assert found["pages"] == ["studien/index.md", "studien/lagebild-mittelstaedte.md"]
    assert "studie" in found["finder_types"]
    assert found["schema"] is True
    assert "issuer:" in found["template"] and "## Ergebnisse" in found["template"]
    assert "municipality:" not in found["template"]
    assert found["export"] == ["studie"]
    assert found["entry_rows"] == ["modules", "topics", "target_groups", "issuer"]


def test_the_check_names_a_missing_required_field_of_the_declared_type(
    package_with_a_new_type: Path, tmp_path: Path
) -> None:
    root = _content_root(tmp_path, ENTRY.replace('issuer: "Institut Nordland (fiktiv)"\n', ""))
    done = _run(package_with_a_new_type, "-m", "praxis", "check", cwd=root)
    assert done.returncode == 1
    assert "content/studien/lagebild-mittelstaedte.md:1:" in done.stdout + done.stderr
    assert "`issuer`" in done.stdout + done.stderr


def test_praxis_new_writes_an_entry_of_the_declared_type(
    package_with_a_new_type: Path, tmp_path: Path
) -> None:
    root = _content_root(tmp_path, ENTRY)
    done = _run(
        package_with_a_new_type, "-m", "praxis", "new", "studie", "Gewalt gegen Amtsträger",
        cwd=root,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (root / "content" / "studien" / "gewalt-gegen-amtstraeger.md").is_file()
