"""Threads may import rendering at once: none sees a half-made module or a deadlock.

In the editor the memory job reads a PDF (``rendering.pdf``) while the HarfBuzz check loads
``rendering.fonts``, and an export or a logo check may load ``rendering.export`` or
``rendering.image_limits``. When the package's ``__init__`` imported every submodule, such
threads met "cannot import name 'render_pdf' from partially initialized module" or a
``_DeadlockError`` between module locks (12 of 12 fresh interpreters, four threads). Each
round here is a fresh interpreter whose threads start their imports together.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ENTRY_POINTS = [
    "from briefing.core.rendering.fonts import harfbuzz_subset_available",
    "from briefing.core.rendering.pdf import render_pdf, source_from_pdf",
    "from briefing.core.rendering.export import export_file",
    "from briefing.core.rendering.document_html import render_html",
    "from briefing.core.rendering import image_limits",
    "from briefing.core.rendering.docx import render_docx",
    "from briefing.core.memory import scan",
]
SCRIPT = """
import sys, threading
statements = sys.argv[1:]
start = threading.Barrier(len(statements))
errors = []
def run(statement):
    start.wait()
    try:
        exec(statement, {})
    except BaseException as err:
        errors.append(f"{statement}: {type(err).__name__}: {err}")
threads = [threading.Thread(target=run, args=(s,)) for s in statements]
for t in threads: t.start()
for t in threads: t.join()
print("\\n".join(errors) or "ok")
"""


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_first_imports_of_rendering_all_succeed(round_: int) -> None:
    statements = ENTRY_POINTS[round_:] + ENTRY_POINTS[:round_]  # a different start each round
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *statements],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok", done.stdout
