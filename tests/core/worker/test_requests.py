"""A newer request stops a stoppable job, but never half-way through an import."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.core.worker.requests import Requests, Superseded, install_interrupt


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_request_during_an_import_stops_the_job_after_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "slow_module_for_requests.py").write_text(
        "import time\n"
        "end = time.monotonic() + 0.4\n"
        "while time.monotonic() < end:\n"
        "    pass\n"
        "DONE = True\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    read, write = os.pipe()
    requests = Requests(os.fdopen(read, "rb"))
    previous = install_interrupt(requests)
    assert previous is not None, "the test runs on the main thread"
    threading.Timer(0.1, os.write, (write, b'{"id": 2}\n')).start()
    started = time.monotonic()
    try:
        with pytest.raises(Superseded), requests.stoppable():
            import slow_module_for_requests  # noqa: F401  (the request arrives mid-import)

            busy(5)  # a render: Python at work (a poke does not wake a sleeping thread)
    finally:
        signal.signal(signal.SIGINT, previous)
        os.close(write)
    assert time.monotonic() - started < 3, "the job was stopped once the import was done"
    module = sys.modules.pop("slow_module_for_requests")
    assert module.DONE, "the module was imported completely"
    assert requests.next().strip() == b'{"id": 2}'
