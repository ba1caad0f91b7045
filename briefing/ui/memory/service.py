"""The memory worker: every index call runs on one background thread, never the UI thread.

Jobs go to a single-thread pool (the one SQLite connection is used by one job at a time) and
report back through :class:`MemoryService`'s signals, which Qt delivers on the UI thread. A
search carries a serial number: a search typed while an older one waits is the only one run,
and a result that arrives after a newer query was asked for is dropped (newest wins).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.record import record_imported, record_saved
from briefing.core.memory.search import Filters, search
from briefing.core.model.article import Article
from briefing.core.storage.document_io import load_briefing

log = logging.getLogger(__name__)


def _emit(signal: SignalInstance, *args: object) -> None:
    """Emit from the worker; when the window (and this service) is already gone, say nothing."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn

    def run(self) -> None:
        self.fn()


class MemoryService(QObject):
    """Background access to the library index, the ledger and the chart."""

    results = Signal(int, object)  # serial, list[Hit]
    failed = Signal(str)  # one line
    notice = Signal(str)  # e.g. a damaged index was set aside and rebuilt
    done = Signal(str, object)  # job name, result (ledger, uses, article, chart...)

    def __init__(self, parent: QObject | None = None, index: MemoryIndex | None = None) -> None:
        super().__init__(parent)
        self.index = index or MemoryIndex()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._serial = 0
        self._lock = threading.Lock()

    # -- plumbing --------------------------------------------------------------------------

    def _submit(
        self, name: str, work: Callable[[MemoryIndex], object], *, quiet: bool = False
    ) -> None:
        def run() -> None:
            try:
                result = work(self.index)
            except Exception as err:  # every failure is one line for the face, never a crash
                log.warning("memory job %s failed: %s", name, err)
                if not quiet:
                    _emit(self.failed, " ".join(str(err).split()))
                return
            finally:
                for notice in self.index.take_notices():
                    _emit(self.notice, notice)
            _emit(self.done, name, result)

        self.pool.start(_Job(run))

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone(10000)
        self.index.close()

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, filters: Filters) -> int:
        """Search in the background; ``results(serial, hits)`` follows. Returns the serial."""
        with self._lock:
            self._serial += 1
            serial = self._serial

        def run() -> None:
            if serial != self._serial:
                return  # a newer query was typed while this one waited
            try:
                hits = search(self.index, text, filters)
            except Exception as err:
                _emit(self.failed, " ".join(str(err).split()))
                return
            if serial == self._serial:
                _emit(self.results, serial, hits)

        self.pool.start(_Job(run))
        return serial

    @property
    def latest(self) -> int:
        return self._serial

    # -- other jobs ------------------------------------------------------------------------

    def index_saved(self, path: str) -> None:
        """Index the briefing just saved at ``path`` (read back from disk, off the UI thread)."""

        def work(idx: MemoryIndex) -> str:
            record_saved(load_briefing(path), Path(path), idx)
            return path

        self._submit("indexed", work, quiet=True)

    def record_imported(self, articles: list[Article]) -> None:
        """Archive and index sources the analyst imported."""
        mine = copy.deepcopy(articles)
        self._submit("imported", lambda idx: record_imported(mine, idx), quiet=True)

    def run(self, name: str, work: Callable[[MemoryIndex], object]) -> None:
        """Any other job: ``done(name, result)`` or ``failed(message)`` follows."""
        self._submit(name, work)
