"""Native libraries are looked up once per machine, not by running gcc, ld and ldconfig on
every render worker start or command-line export (finding 14: about 100 programs per export,
leaving /tmp/cc* files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import save_briefing

TOOLS = {"gcc", "cc", "ld", "ldconfig", "collect2", "x86_64-linux-gnu-gcc"}

RENDER = """
import json, os, sys
programs = []
def hook(event, args):
    if event == "subprocess.Popen":
        programs.append(os.path.basename(str(args[0])))
sys.addaudithook(hook)
from briefing.core.model.document import Briefing
from briefing.core.rendering.pdf import render_pdf
render_pdf(Briefing(title="Lookup"))
import ctypes.util
print(json.dumps({"programs": programs, "c": ctypes.util.find_library("c")}))
"""


def _run(home: Path) -> dict[str, object]:
    env = dict(os.environ, BRIEFING_HOME=str(home))
    out = subprocess.run(
        [sys.executable, "-c", RENDER], capture_output=True, text=True, env=env, timeout=180
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig and gcc: Linux")
def test_second_process_runs_no_linker_tools(tmp_path: Path) -> None:
    first = _run(tmp_path)
    second = _run(tmp_path)
    assert [p for p in second["programs"] if p in TOOLS] == []  # type: ignore[union-attr]
    assert second["c"] == first["c"] and second["c"]  # the same answers as the real lookup
    assert (tmp_path / "cache" / "native-libraries.json").is_file()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_cli_export_runs_no_linker_tools(tmp_path: Path) -> None:
    """Every process of an export (the command and any worker it starts), counted by strace."""
    source = tmp_path / "note.briefing"
    save_briefing(Briefing(title="Strace"), source)
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path / "home"))
    command = [
        sys.executable,
        "-m",
        "briefing",
        "export",
        str(source),
        "-o",
        str(tmp_path / "n.pdf"),
        "--force",  # the second run replaces the first one's PDF
    ]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=180)  # the cache
    log = tmp_path / "strace.txt"
    traced = ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(log), *command]
    done = subprocess.run(traced, env=env, capture_output=True, text=True, timeout=180)
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip("strace may not trace here (no ptrace permission)")
    assert done.returncode == 0, done.stderr
    programs = [line.split('"')[1] for line in log.read_text().splitlines() if "execve(" in line]
    assert [p for p in programs if os.path.basename(p) in TOOLS] == [], programs
