"""The whole bad corpus through `mkdocs build` fails with the same messages as `praxis check`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from praxis.mkdocs_plugin.plugin import BUILD_FAILED
from site_build import copy_project

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text("utf-8"))
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def project_with(tmp_path: Path, *cases: str) -> Path:
    project = copy_project(
        tmp_path / "project", ("mkdocs.yml", "docs", "overrides", "content/vocabularies")
    )
    for case in cases:
        shutil.copytree(CORPUS / "bad" / case, project, dirs_exist_ok=True)
    return project


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=project, capture_output=True, text=True, env=ENV
    )


def test_whole_corpus_fails_check_and_build_with_identical_messages(tmp_path: Path) -> None:
    project = project_with(tmp_path, *CASES)
    check = run(project, "praxis", "check")
    assert check.returncode == 1
    reported = [line for line in check.stdout.splitlines() if ": Fehler: " in line]
    located = sorted(
        {":".join(line.split(":")[:2]) + ":" + line.rsplit("[", 1)[1][:-1] for line in reported}
    )
    expected = sorted({line for case in CASES.values() for line in case["expect"]})
    assert located == expected
    build = run(project, "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    for line in reported:
        assert line in build.stderr, line
    # The last line an editor reads is German too, not MkDocs' "Aborted with a BuildError!".
    assert build.stdout.strip() == BUILD_FAILED
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))


def test_ids_that_differ_only_by_case_are_rejected(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    good = (CORPUS / "bad" / "date-future" / "practices" / "date-future.md").read_text("utf-8")
    good = good.replace("reviewed: 2099-01-01", "reviewed: 2026-02-01")
    (project / "practices").mkdir()
    (project / "practices" / "runder-tisch.md").write_text(good, "utf-8")
    (project / "practices" / "Runder-Tisch.md").write_text(good, "utf-8")
    out = run(project, "praxis", "check").stdout
    assert "practices/Runder-Tisch.md:1: Fehler: Der Dateiname" in out
    assert "practices/runder-tisch.md:1: Fehler: Die Kennung `runder-tisch` gibt es schon" in out


def test_symlinked_hand_written_page_fails_the_build(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    secret = tmp_path / "geheim.txt"
    secret.write_text("vertraulich", "utf-8")
    os.symlink(secret, project / "docs" / "geheim.md")
    build = run(project, "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 1
    assert "docs/geheim.md" in build.stderr
    assert "Traceback" not in build.stderr
