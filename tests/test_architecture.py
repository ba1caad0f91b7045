"""The core and the command line never pull in Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import briefing.core

REPO = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    names = ["briefing.core"]
    for info in pkgutil.walk_packages(briefing.core.__path__, "briefing.core."):
        names.append(info.name)
    return names


def test_core_and_cli_never_import_pyside6() -> None:
    modules = _core_modules() + ["briefing.cli", "briefing.commands"]
    modules += [
        f"briefing.commands.{m.name}"
        for m in pkgutil.iter_modules([str(REPO / "briefing" / "commands")])
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from briefing.cli import _parser\n"
        "_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert len(modules) > 5
    assert out.stdout.strip() == "", f"Qt imported by the core or CLI: {out.stdout}"


def test_no_pyside6_import_statement_outside_ui() -> None:
    offenders = []
    for path in (REPO / "briefing").rglob("*.py"):
        if path.is_relative_to(REPO / "briefing" / "ui"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6")):
                offenders.append(f"{path.relative_to(REPO)}: {stripped}")
    assert offenders == []
