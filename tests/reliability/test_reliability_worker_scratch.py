"""A render worker killed mid-life (the editor's time limit) leaves no font copies behind:
each worker keeps WeasyPrint's temporary files in ``<cache>/render-scratch/<pid>``, the next
worker removes the folders of workers that no longer run, and a worker that exits normally
removes its own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.core import paths
from briefing.core.model.document import Briefing, Section
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.storage.library import Library


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing.core.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert json.loads(_line(proc))["ready"] is True
    return proc


def _line(proc: subprocess.Popen[bytes]) -> bytes:
    assert proc.stdout is not None
    return proc.stdout.readline()


def _render(proc: subprocess.Popen[bytes], briefing: Briefing) -> dict[str, Any]:
    assert proc.stdin is not None and proc.stdout is not None
    request = {"id": 1, "op": "render", "briefing": dumps_briefing(briefing), "options": {}}
    proc.stdin.write(json.dumps(request).encode() + b"\n")
    proc.stdin.flush()
    header: dict[str, Any] = json.loads(_line(proc))
    proc.stdout.read(header["size"])
    return header


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(120)
def test_killed_workers_font_copies_are_swept_by_the_next(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp))  # BRIEFING_HOME is this test's (conftest)
    scratch = paths.cache_dir() / "render-scratch"
    briefing = Briefing(title="Sea Wall", sections=[Section("a", "A", "The council approved.")])
    briefing.brand = Library().brand("default")  # a brand with @font-face fonts

    first = _start(env)
    try:
        assert _render(first, briefing)["ok"]
        mine = scratch / str(first.pid)
        assert any(p.name.startswith("weasyprint-") for p in mine.iterdir())
    finally:
        os.kill(first.pid, signal.SIGKILL)  # as the editor does past the time limit
        first.wait()
    assert mine.is_dir(), "a SIGKILLed worker cannot clean up after itself"

    second = _start(env)
    assert not mine.exists(), "the next worker sweeps a dead worker's folder"
    assert _render(second, briefing)["ok"]
    assert second.stdin is not None
    second.stdin.close()
    assert second.wait(30) == 0
    assert list(scratch.iterdir()) == [], "a worker that exits removes its own folder"
    assert [p.name for p in temp.iterdir() if p.name.startswith("weasyprint-")] == []
