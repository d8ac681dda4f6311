"""Every help screen of `praxis` is German, including argparse's own words."""

from __future__ import annotations

import pytest

from praxis.cli import main

ENGLISH = ("usage:", "positional arguments", "options:", "show this help message")


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["check", "--help"], ["new", "--help"], ["synth", "-h"], ["schema", "--help"]],
    ids=lambda argv: " ".join(argv),
)
def test_help_screens_are_german(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Aufruf: praxis" in out
    assert "diese Hilfe anzeigen und beenden" in out
    for english in ENGLISH:
        assert english not in out


def test_usage_errors_are_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Aufruf: praxis check" in err
    assert "ungültiger Wert 'xml'" in err
    assert "usage:" not in err and "invalid choice" not in err
