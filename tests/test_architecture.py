"""The core does not know MkDocs: only the plugin package imports it."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PACKAGE = REPO / "scripts" / "praxis"


def imported_modules(path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_plugin_package_imports_mkdocs() -> None:
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "mkdocs_plugin" not in path.parts
        and any(name == "mkdocs" or name.startswith("mkdocs.") for name in imported_modules(path))
    ]
    assert offenders == []
