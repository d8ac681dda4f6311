"""`make serve` on a busy port: one German sentence naming the port and PORT=, no traceback."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _serve(port: str) -> subprocess.CompletedProcess[str]:
    # `-o .venv/.installed`: never (re)install here; the port check runs before anything else.
    return subprocess.run(
        ["make", "--no-print-directory", "serve", f"PORT={port}", "-o", ".venv/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_busy_port_is_named_with_the_option_to_choose_another() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _serve(str(port))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Port {port} ist schon belegt" in output
    assert f"make serve PORT={port + 1}" in output
    assert "Traceback" not in output
    assert "Address already in use" not in output


def test_a_port_that_is_no_number_is_named() -> None:
    result = _serve("acht")
    assert result.returncode != 0
    assert "PORT=acht ist keine Portnummer" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_readme_documents_the_port_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Weitere Befehle", 1)[1].split("\n## ", 1)[0]
    assert "make serve PORT=8001" in commands
