"""The entry point: version, help, and a closed pipe."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.cli import main


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("briefing ")


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("import", "draft", "export", "templates", "brands"):
        assert name in out


def test_a_closed_pipe_ends_quietly_without_a_traceback() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m briefing templates list --json | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert proc.stdout == "["
