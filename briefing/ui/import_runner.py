"""Imports run off the UI thread: a large paste or a slow file must never freeze the window.

The core importer is plain Python (lxml, trafilatura, charset-normalizer); a job runs on Qt's
global thread pool and its articles come back to the UI thread by a queued signal, where the
controller adds them to the briefing as one undo step.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from briefing.core.errors import BriefingError
from briefing.core.model.article import Article

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """What one job brought back: the articles read and one line per input that failed."""

    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    origin: str = ""  # "clipboard" or "files"


Job = Callable[[], ImportResult]


def run_guarded(job: Job, origin: str) -> ImportResult:
    """``job()``, with any failure turned into one line (a worker thread must never raise)."""
    try:
        result = job()
    except BriefingError as err:
        result = ImportResult(problems=[str(err)])
    except Exception as err:  # a bug in an importer: one line, and the trace in the log
        log.exception("import failed")
        result = ImportResult(problems=[f"{origin}: unexpected error: {err}"])
    result.origin = origin
    return result


class _Task(QRunnable):
    def __init__(self, runner: ImportRunner, job: Job, origin: str) -> None:
        super().__init__()
        self._runner = runner
        self._job = job
        self._origin = origin

    def run(self) -> None:
        result = run_guarded(self._job, self._origin)
        with contextlib.suppress(RuntimeError):  # the editor went away while this ran
            self._runner.finished.emit(result)  # queued: delivered on the UI thread


class ImportRunner(QObject):
    """Runs import jobs on the thread pool and hands each :class:`ImportResult` to ``done``
    on the UI thread."""

    finished = Signal(object)  # from the worker thread; queued to _deliver

    def __init__(self, done: Callable[[ImportResult], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = 0
        self._handle = done
        self.finished.connect(self._deliver)

    def start(self, job: Job, origin: str) -> None:
        self._running += 1
        QThreadPool.globalInstance().start(_Task(self, job, origin))

    def _deliver(self, result: object) -> None:
        try:
            if isinstance(result, ImportResult):
                self._handle(result)
        finally:  # idle only once the result is in the briefing
            self._running = max(0, self._running - 1)

    def is_idle(self) -> bool:
        """No import is running (tests and scripts wait on this)."""
        return self._running == 0
