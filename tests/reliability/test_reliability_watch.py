"""The audit instrument itself: removals relative to a folder descriptor land where they happen."""

from __future__ import annotations

import shutil
from pathlib import Path

from reliability_watch import Audit


def test_rmtree_removals_are_recorded_inside_the_folder_not_the_working_directory(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "weasyprint-fonts"
    folder.mkdir()
    (folder / "0123abcd").write_bytes(b"font")
    audit = Audit()
    with audit.recording():
        shutil.rmtree(folder)  # removes entries with os.unlink(name, dir_fd=...)
    assert folder / "0123abcd" in audit.writes
    assert all(p.is_relative_to(tmp_path) for p in audit.writes), audit.writes
