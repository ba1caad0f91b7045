"""The command line runs where Qt cannot: a session of real commands with PySide6 unimportable.

The import-linter contracts in pyproject.toml (run by .ci/run as ``lint-imports``) prove that no
module of the core or the command line imports Qt. They read import statements; this runs the
commands, so it also covers what they load at run time (the imports inside each command, the
libraries those pull in) and proves ``briefing`` works on a server or in a container whose Qt
libraries are missing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SESSION = """
import sys
sys.modules["PySide6"] = None  # as on a machine without Qt: any import of it now fails
sys.modules["shiboken6"] = None
from briefing.cli import main
article, out = sys.argv[1], sys.argv[2]
codes = [
    main(["templates", "list"]),
    main(["brands", "list", "--json"]),
    main(["import", article, "--json"]),
    main(["draft", article, "-o", out + "/cables.briefing"]),
    main(["export", out + "/cables.briefing", "-o", out + "/cables.md"]),
    main(["export", out + "/cables.briefing", "-o", out + "/cables.pdf"]),
]
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6.", "shiboken6.")))
print("CODES", codes, "QT", loaded)
"""


def test_a_cli_session_runs_with_qt_unimportable(tmp_path: Path, fixtures_dir: Path) -> None:
    article = fixtures_dir / "import" / "article.md"
    proc = subprocess.run(
        [sys.executable, "-c", SESSION, str(article), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "CODES [0, 0, 0, 0, 0, 0] QT []" in proc.stdout, proc.stderr[-2000:]
    assert (tmp_path / "cables.pdf").read_bytes().startswith(b"%PDF")
