"""Run the event loop until something is true: what tests and benchmarks wait on."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_until(done: Callable[[], bool], timeout_ms: int) -> bool:
    """Process events until ``done()`` is true or ``timeout_ms`` passes; returns ``done()``."""
    if done():
        return True
    deadline = time.monotonic() + timeout_ms / 1000
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return done()
