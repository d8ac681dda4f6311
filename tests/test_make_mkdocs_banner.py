"""Every mkdocs call from the Makefile runs without Material's English end-of-life banner."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def test_make_recipes_silence_materials_banner() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    # An extra target sees the environment every recipe (mkdocs serve, mkdocs build) gets.
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "--eval",
            "show-env:\n\t@echo NO_MKDOCS_2_WARNING=$$NO_MKDOCS_2_WARNING",
            "show-env",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "NO_MKDOCS_2_WARNING=1"


def test_the_variable_is_what_material_reads() -> None:
    # find_spec, not import: importing the module sets the variable in this process.
    spec = importlib.util.find_spec("material.templates")
    assert spec is not None and spec.origin is not None
    banner = Path(spec.origin).read_text(encoding="utf-8")
    assert 'os.getenv("NO_MKDOCS_2_WARNING")' in banner
