"""Several processes saving one file at once each succeed, and the file and its backup are
always a whole version (finding 13: a fixed scratch name for the backup made concurrent saves
fail with "the folder does not exist")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAVER = """
import sys
from briefing.core.model.document import Briefing
from briefing.core.errors import BriefingError
from briefing.core.storage.document_io import save_briefing
failures = []
for n in range(int(sys.argv[3])):
    try:
        save_briefing(Briefing(title=f"{sys.argv[2]}-{n}"), sys.argv[1])
    except BriefingError as err:
        failures.append(str(err))
print("\\n".join(failures))
"""


def test_three_processes_saving_one_file_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "shared.briefing"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), f"p{i}", "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    failures = [line for out, _err in outputs for line in out.splitlines() if line]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outputs]
    assert failures == []
    for path in (target, target.with_name(target.name + "~")):
        assert json.loads(path.read_text(encoding="utf-8"))["title"].startswith("p")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.briefing", "shared.briefing~"]
