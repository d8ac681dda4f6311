"""The core does not know MkDocs: only the plugin package imports it (or Material).

Two independent checks: each core module is imported in a fresh interpreter and no MkDocs or
Material module may be loaded afterwards (whatever way the import was written: relative,
`importlib`, `__import__`, through another core module); and the core's main work (check,
pages, export, schemas) runs in an interpreter where importing MkDocs or Material fails, so a
lazy import inside a function is caught too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scripts" / "praxis"
PLUGIN = "praxis.mkdocs_plugin"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# Every module of the package outside the plugin package; `__main__` runs the CLI on import.
CORE = sorted(
    module_name(path)
    for path in PACKAGE.rglob("*.py")
    if "mkdocs_plugin" not in path.parts and path.name != "__main__.py"
)

FORBIDDEN = f"""
def forbidden(name):
    top = name.split(".")[0]
    return (top in ("mkdocs", "material") or top.startswith("mkdocs_")
            or name == "{PLUGIN}" or name.startswith("{PLUGIN}."))
"""

IMPORT_ONE = (
    FORBIDDEN
    + """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(name for name in sys.modules if forbidden(name))))
"""
)

# The core at work with MkDocs and Material out of reach: every attempt to import them is
# recorded (even one that the code catches) and fails.
WORK_WITHOUT_MKDOCS = (
    FORBIDDEN
    + """
import contextlib, io, json, sys
from pathlib import Path

attempts = []

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if forbidden(name):
            attempts.append(name)
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, Refuse())
root = Path(sys.argv[1])
from praxis.cli import main
from praxis.corpus import load_corpus
from praxis.export import export_json
from praxis.render import SiteRenderer
from praxis.taxonomy import build_index, taxonomies_from_schema

out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    assert main(["--root", str(root), "check"]) == 0, out.getvalue()
    assert main(["--root", str(root), "schema", "--out", str(root / "schema"), "--check"]) == 0
corpus = load_corpus(root)
published = [e for e in corpus.entries if not e.draft]
index = build_index(published, corpus.vocabularies)
pages = list(SiteRenderer(published, corpus.vocabularies, index, 50).pages())
assert pages
export_json(published, taxonomies_from_schema(corpus.vocabularies))
print(json.dumps({"attempts": attempts,
                  "loaded": sorted(n for n in sys.modules if forbidden(n))}))
"""
)


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_core_module_list_is_complete() -> None:
    assert {"praxis", "praxis.cli", "praxis.corpus", "praxis.render", "praxis.rules.body"} <= set(
        CORE
    )
    assert not [name for name in CORE if name.startswith(PLUGIN)]


@pytest.mark.parametrize("module", CORE)
def test_importing_a_core_module_loads_no_mkdocs_or_material(module: str) -> None:
    result = run_python(IMPORT_ONE, module)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.splitlines()[-1]) == [], module


def test_the_core_checks_renders_and_exports_without_mkdocs() -> None:
    result = run_python(WORK_WITHOUT_MKDOCS, str(REPO))
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert found == {"attempts": [], "loaded": []}


def test_the_probe_sees_every_way_of_importing_mkdocs(tmp_path: Path) -> None:
    """The check's own check: relative, importlib, __import__ and Material imports are seen."""
    package = tmp_path / "kern"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    (package / "adapter.py").write_text("import mkdocs.config\n", "utf-8")
    ways = {
        "relativ": "from . import adapter\n",
        "importlib": "import importlib\nimportlib.import_module('mkdocs.plugins')\n",
        "dunder": "__import__('mkdocs')\n",
        "material": "import material\n",
    }
    for name, code in ways.items():
        (package / f"{name}.py").write_text(code, "utf-8")
    for name in ways:
        result = subprocess.run(
            [sys.executable, "-c", IMPORT_ONE, f"kern.{name}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert json.loads(result.stdout.splitlines()[-1]) != [], name
