"""Run the Qt event loop until something is true: what tests, benchmarks and scripts wait on."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_until(done: Callable[[], bool], timeout_ms: int = 10_000) -> bool:
    """Process events until ``done()`` is true or ``timeout_ms`` passes; returns ``done()``.

    Pass a widget's ``is_idle`` (preview, thumbnail renderer, New-briefing dialog) to wait for
    its background renders, or ``lambda: not dialog.is_busy()`` for an export.
    """
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
