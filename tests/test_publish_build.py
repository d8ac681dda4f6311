"""A build for publishing refuses missing operator details and names each one; a preview build
shows them as missing and goes through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from site_build import BUILD_ENV, copy_project


def _build(project: Path, site: Path, publish: bool) -> subprocess.CompletedProcess[str]:
    env = {**BUILD_ENV, **({"PRAXIS_PUBLISH": "1"} if publish else {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
    )


def test_publishing_without_operator_details_fails_naming_each_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projekt")
    done = _build(project, tmp_path / "site", publish=True)
    assert done.returncode != 0
    assert "Für die Veröffentlichung fehlen Angaben zum Betreiber" in done.stderr
    for field in ("operator.name", "operator.email", "operator.street"):
        assert f"  - {field}" in done.stderr, field
    assert "Traceback" not in done.stderr
    preview = _build(project, tmp_path / "vorschau", publish=False)
    assert preview.returncode == 0, preview.stderr[-2000:]


def test_publishing_with_every_operator_detail_succeeds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projekt")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    block = text.split("  operator:\n", 1)[1].split("\n\n", 1)[0]
    filled = []
    for line in block.splitlines():
        key, _, value = line.partition(":")
        if value.strip() == "null":
            line = f'{key}: "Angabe {key.strip()}"'
            if key.strip() == "email":
                line = f"{key}: kontakt@betreiber.example"
        filled.append(line)
    config.write_text(text.replace(block, "\n".join(filled)), "utf-8")
    done = _build(project, tmp_path / "site", publish=True)
    assert done.returncode == 0, done.stderr[-3000:]
