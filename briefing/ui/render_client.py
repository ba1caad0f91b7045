"""Qt side of rendering for one view: debounced, newest-wins requests to a render worker.

A ``RenderClient`` is what a preview pane, the thumbnail renderer or the export dialog talks
to. It runs on a :class:`~briefing.ui.render_worker.RenderWorker` (the process, its limits and
restarts) that it owns, or on one shared with other clients (``shared=``): the editor's
windows share one. It:

* sends the first request after a quiet spell at once, and debounces the requests that
  follow it (``debounce_ms``, default 250 ms; a burst longer than ``max_wait_ms`` is
  dispatched anyway so continuous typing still refreshes now and then);
* keeps one request pending; a newer request replaces it, and a result that arrives after a
  newer request was made is dropped (never shown);
* emits ``rendered(RenderResult)`` for the newest request (a partial result first, for a
  two-stage ``preview`` job, then the complete one), ``failed(str)`` and
  ``busy_changed(bool)``.

Payloads are serialised briefing text (``dumps_briefing``) or a callable that produces it
from a snapshot, so each request is immutable. ``start()`` warms the worker up ahead of the
first request; ``shutdown()`` stops an owned worker (a shared one is only left).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from briefing.core.worker.protocol import PREVIEW_LIMITS, RenderLimits, RenderResult
from briefing.ui.render_worker import Job, RenderWorker


class RenderClient(QObject):
    """One view's requests to a render worker; see the module docstring."""

    rendered = Signal(object)  # RenderResult of the newest request
    failed = Signal(str)  # one-line message for the user
    busy_changed = Signal(bool)
    worker_restarted = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        debounce_ms: int = 250,
        max_wait_ms: int = 2000,
        limits: RenderLimits = PREVIEW_LIMITS,
        supersede_grace_ms: int = 3000,
        worker: Sequence[str] | None = None,
        label: str = "Preview",
        shared: RenderWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = label  # first word of every message, e.g. "Preview failed: ..."
        self.max_wait_ms = max_wait_ms
        self._owned = shared is None
        self.engine = shared or RenderWorker(
            self, limits=limits, supersede_grace_ms=supersede_grace_ms, worker=worker
        )
        self.engine.attach(self)
        self._last_request_at = -1e9
        self._pending: Job | None = None
        self._pending_since = 0.0
        self._newest = 0  # id of the newest request
        self._in_worker: set[int] = set()
        self._closing = False
        self._busy = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.engine.wake)

    # -- the worker's settings (shared by every client of a shared worker) ----------------

    @property
    def time_limit_ms(self) -> int:
        return self.engine.time_limit_ms

    @time_limit_ms.setter
    def time_limit_ms(self, value: int) -> None:
        self.engine.time_limit_ms = value

    @property
    def supersede_grace_ms(self) -> int:
        return self.engine.supersede_grace_ms

    @supersede_grace_ms.setter
    def supersede_grace_ms(self, value: int) -> None:
        self.engine.supersede_grace_ms = value

    @property
    def typical_render_s(self) -> float:
        return self.engine.typical_render_s

    # -- public ---------------------------------------------------------------------------

    def request(
        self,
        text: str | Callable[[], str],
        options: dict[str, object] | None = None,
        op: str = "render",
    ) -> int:
        """Ask for a render of ``text`` (serialised briefing); returns the request id.

        ``text`` may be a callable returning the text: it is called only for the request that
        is actually sent, so a burst of keystrokes serialises the document once.

        ``op="export"`` writes ``options["path"]`` instead (``rendered`` then carries no
        bytes); ``op="preview"`` is the live preview's two-stage job.
        """
        if self._closing:
            return 0
        now = time.monotonic()
        # The first edit after a quiet spell renders at once (the page follows a single
        # keystroke quickly); edits that follow within the debounce interval wait for a pause.
        quiet = (
            self._pending is None
            and not self._in_worker
            and now - self._last_request_at >= self._debounce.interval() / 1000
        )
        self._last_request_at = now
        if self._pending is None:
            self._pending_since = now
        job = Job(self.engine.new_id(), self, text, dict(options or {}), op, requested_at=now)
        self._pending = job
        self._newest = job.id
        self._set_busy(True)
        if quiet or now - self._pending_since >= self.max_wait_ms / 1000:
            self._debounce.stop()
            self.engine.wake()
        else:
            self._debounce.start()
        return job.id

    def start(self) -> None:
        """Start the worker now, so the first render does not wait for WeasyPrint to load."""
        if not self._closing:
            self.engine.start()

    def is_idle(self) -> bool:
        """True when nothing is pending, debouncing or rendering."""
        return self._pending is None and not self._in_worker and not self._debounce.isActive()

    def worker_pid(self) -> int:
        """Process id of the current worker, or 0."""
        return self.engine.pid()

    def shutdown(self) -> None:
        """Drop what is pending; stop the worker if this client owns it. Idempotent."""
        self._closing = True
        self._debounce.stop()
        self._pending = None
        self.engine.detach(self)
        if self._owned:
            self.engine.shutdown()
        self._in_worker.clear()
        self._set_busy(False)

    # -- called by the worker -------------------------------------------------------------

    def _ready_since(self) -> float | None:
        """When the pending request became ready to send; None while none is (or while it
        waits for a pause in typing)."""
        if self._pending is None or self._debounce.isActive() or self._closing:
            return None
        return self._pending.requested_at

    def _take(self) -> Job | None:
        job, self._pending = self._pending, None
        if job is not None:
            self._in_worker.add(job.id)
        return job

    def _has_newer_than(self, job: Job) -> bool:
        return self._newest != job.id

    def _requeue(self, job: Job) -> None:
        """``job`` was stopped or never started: run it again if it is still the newest."""
        self._in_worker.discard(job.id)
        if not self._closing and self._pending is None and job.id == self._newest:
            self._pending = job
            self._pending_since = time.monotonic()
        self._after_change()

    def _job_result(self, job: Job, result: RenderResult) -> None:
        if job.id == self._newest and not self._closing:
            self.rendered.emit(result)

    def _job_failed(self, job: Job, message: str) -> None:
        if job.id == self._newest and not self._closing:
            self.failed.emit(message)

    def _job_ended(self, job: Job) -> None:
        self._in_worker.discard(job.id)
        self._after_change()

    def _give_up(self, message: str) -> None:
        """The worker cannot run anything: drop what is pending and say so."""
        had = self._pending is not None or bool(self._in_worker)
        self._pending = None
        self._in_worker.clear()
        if had and not self._closing:
            self.failed.emit(message)
        self._after_change()

    def _after_change(self) -> None:
        if self._pending is not None:
            self.engine.wake()
        self._set_busy(self._pending is not None or bool(self._in_worker))

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
