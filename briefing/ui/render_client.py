"""Qt side of the render worker: debounced, newest-wins, killable rendering.

``RenderClient`` owns one render worker child process (``briefing.core.worker``; a ``QProcess``,
so all I/O arrives through the event loop and the UI thread never blocks on a pipe) and speaks
:mod:`briefing.core.worker.protocol` with it. It:

* sends the first request after a quiet spell at once, and debounces the requests that
  follow it (``debounce_ms``, default 250 ms; a burst longer than ``max_wait_ms`` is
  dispatched anyway so continuous typing still refreshes now and then);
* keeps one job in flight; a newer request replaces the pending one, and a result that
  arrives after a newer request was made is dropped (never shown);
* kills and restarts the worker when a superseded job keeps running past
  ``supersede_grace_ms`` and twice the typical render time, when any job runs past
  ``time_limit_ms`` (default 20 s), or when the worker dies (e.g. its ``RLIMIT_AS`` memory
  limit was hit); the pane says so, and the last good pages stay on screen;
* emits ``rendered(RenderResult)``, ``failed(str)`` and ``busy_changed(bool)``.

Payloads are serialised briefing text (``dumps_briefing``) or a callable that produces it
from a snapshot, so each request is immutable. ``start()`` warms a worker up ahead of the
first request; ``shutdown()`` stops and reaps it. ``worker`` is the command that starts a
worker (default: :func:`~briefing.core.worker.protocol.worker_command`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QProcess, QTimer, Signal

from briefing.core.worker import protocol
from briefing.core.worker.protocol import PREVIEW_LIMITS, Header, ProtocolError, RenderLimits


@dataclass
class _Job:
    id: int
    text: str | Callable[[], str]  # serialised briefing, or a snapshot that serialises itself
    options: dict[str, object]  # JSON-ready (see protocol.encode_request)
    op: str = "render"
    sent_at: float = 0.0


class RenderClient(QObject):
    """Drives one render worker process; see the module docstring."""

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
    ) -> None:
        super().__init__(parent)
        self.label = label  # first word of every message, e.g. "Preview failed: ..."
        self.time_limit_ms = limits.time_limit_ms
        self.supersede_grace_ms = supersede_grace_ms
        self.max_wait_ms = max_wait_ms
        self.memory_mb = limits.memory_mb
        self.worker = list(worker or protocol.worker_command())
        self.typical_render_s = 0.0  # moving average of successful render times
        self._last_request_at = -1e9
        self._failed_starts = 0
        self._next_id = 0
        self._pending: _Job | None = None
        self._pending_since = 0.0
        self._inflight: _Job | None = None
        self._superseded_at = 0.0
        self._ready = False
        self._closing = False
        self._replies = protocol.ReplyReader()
        self._stderr_tail = b""
        self._busy = False
        self._process: QProcess | None = None

        # Timers are configured with setters: Qt-property keyword arguments in PySide6
        # constructors corrupt reference counts (seen with PySide6 6.12).
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._dispatch)
        # One watchdog tick checks the time limit and superseded jobs.
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(100)
        self._watchdog.timeout.connect(self._check_watchdog)

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

        ``op="export"`` writes ``options["path"]`` instead (``rendered`` then carries no bytes).
        """
        if self._closing:
            return 0
        self._next_id += 1
        now = time.monotonic()
        # The first edit after a quiet spell renders at once (the page follows a single
        # keystroke quickly); edits that follow within the debounce interval wait for a pause.
        quiet = (
            self._pending is None
            and self._inflight is None
            and now - self._last_request_at >= self._debounce.interval() / 1000
        )
        self._last_request_at = now
        if self._pending is None:
            self._pending_since = now
        self._pending = _Job(self._next_id, text, dict(options or {}), op)
        if self._inflight is not None and not self._superseded_at:
            self._superseded_at = now
        self._ensure_worker()
        self._set_busy(True)
        if quiet or now - self._pending_since >= self.max_wait_ms / 1000:
            self._debounce.stop()
            self._dispatch()
        else:
            self._debounce.start()
        return self._next_id

    def start(self) -> None:
        """Start the worker now, so the first render does not wait for WeasyPrint to load."""
        if not self._closing:
            self._ensure_worker()

    def is_idle(self) -> bool:
        """True when nothing is pending, debouncing or rendering."""
        return self._pending is None and self._inflight is None and not self._debounce.isActive()

    def worker_pid(self) -> int:
        """Process id of the current worker, or 0."""
        if self._process is None or self._process.state() == QProcess.ProcessState.NotRunning:
            return 0
        return int(self._process.processId())

    def shutdown(self) -> None:
        """Stop the worker (end of input, then kill if needed) and reap it. Idempotent."""
        # An idle worker exits on end of input; a busy or still-starting one is killed at once.
        graceful = self._inflight is None and self._ready
        self._closing = True
        self._debounce.stop()
        self._watchdog.stop()
        self._pending = None
        self._inflight = None
        self._stop_worker(graceful=graceful)
        self._set_busy(False)

    # -- worker lifecycle -----------------------------------------------------------------

    def _ensure_worker(self) -> None:
        if self._process is not None or self._closing:
            return
        proc = QProcess(self)
        proc.setProgram(self.worker[0])
        proc.setArguments([*self.worker[1:], "--memory-mb", str(self.memory_mb)])
        proc.readyReadStandardOutput.connect(self._on_stdout)
        proc.readyReadStandardError.connect(self._on_stderr)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._process = proc
        self._ready = False
        self._replies = protocol.ReplyReader()
        self._stderr_tail = b""
        proc.start()
        self._watchdog.start()

    def _stop_worker(self, *, graceful: bool) -> None:
        proc, self._process = self._process, None
        self._ready = False
        if proc is None:
            return
        for signal in (proc.readyReadStandardOutput, proc.readyReadStandardError):
            signal.disconnect()
        proc.finished.disconnect()
        proc.errorOccurred.disconnect()
        if proc.state() != QProcess.ProcessState.NotRunning:
            if graceful:
                proc.closeWriteChannel()
                if not proc.waitForFinished(1500):
                    proc.kill()
                    proc.waitForFinished(3000)
            else:
                proc.kill()
                proc.waitForFinished(3000)
        proc.deleteLater()

    def _restart(self, message: str) -> None:
        """Kill the worker, report ``message`` and start a fresh worker for what is pending."""
        self._inflight = None
        self._superseded_at = 0.0
        self._stop_worker(graceful=False)
        if message:
            self.failed.emit(message)
        self.worker_restarted.emit()
        if self._closing:
            return
        self._ensure_worker()
        if self._pending is None:
            self._set_busy(False)

    # -- dispatch -------------------------------------------------------------------------

    def _dispatch(self) -> None:
        if self._closing or self._pending is None or self._inflight is not None:
            return
        if self._debounce.isActive():
            return
        self._ensure_worker()
        if not self._ready or self._process is None:
            return  # sent when the worker says it is ready
        job, self._pending = self._pending, None
        job.sent_at = time.monotonic()
        self._inflight = job
        self._superseded_at = 0.0
        try:
            text = job.text() if callable(job.text) else job.text
        except Exception as err:  # a snapshot that cannot be serialised is that job's error
            self._inflight = None
            self.failed.emit(
                f"{self.label} failed: {str(err).splitlines()[0] if str(err) else err!r}",
            )
            self._set_busy(self._pending is not None)
            return
        line = protocol.encode_request(job.id, job.op, text, job.options)
        self._process.write(QByteArray(line))

    def _check_watchdog(self) -> None:
        job = self._inflight
        if job is None:
            return
        now = time.monotonic()
        if now - job.sent_at > self.time_limit_ms / 1000:
            seconds = round(self.time_limit_ms / 1000)
            self._restart(
                f"{self.label} stopped: rendering took longer than {seconds} s "
                "(a very long table, deep nesting or extreme brand sizes?)"
            )
        elif (
            self._superseded_at
            and now - self._superseded_at > self.supersede_grace_ms / 1000
            # A long document that always takes a while is let finish: killing it would only
            # add a worker restart to the wait for the newer request.
            and now - job.sent_at > 2 * self.typical_render_s
        ):
            self._restart("")  # the newer request runs on a fresh worker

    # -- worker output --------------------------------------------------------------------

    def _on_stderr(self) -> None:
        if self._process is not None:
            data = bytes(self._process.readAllStandardError().data())
            self._stderr_tail = (self._stderr_tail + data)[-4000:]

    def _on_stdout(self) -> None:
        process = self._process
        if process is None:
            return
        try:
            replies = self._replies.feed(process.readAllStandardOutput().data())
        except ProtocolError as err:
            self._restart(f"{self.label} stopped: {err}")
            return
        for header, payload in replies:
            if self._process is not process:
                return  # a reply restarted the worker: the rest is the old one's
            self._on_reply(header, payload)

    def _on_reply(self, header: Header, payload: bytes) -> None:
        if header.get("ready"):
            self._ready = True
            self._failed_starts = 0
            self._dispatch()
            return
        job = self._inflight
        if job is None or header.get("id") != job.id:
            return  # a reply for a job we already gave up on
        self._inflight = None
        self._superseded_at = 0.0
        fatal = bool(header.get("fatal"))
        if header.get("ok"):
            took = time.monotonic() - job.sent_at
            avg = self.typical_render_s
            self.typical_render_s = took if avg == 0 else 0.7 * avg + 0.3 * took
        stale = self._pending is not None
        if not stale:
            if header.get("ok"):
                self.rendered.emit(protocol.render_result(header, payload))
            else:
                self.failed.emit(f"{self.label} failed: {header.get('error', 'unknown error')}")
        if fatal:
            self._restart("")
        if self._pending is not None:
            self._dispatch()
        elif self._inflight is None:
            self._set_busy(False)

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self._closing:
            return
        had_job = self._inflight is not None
        detail = self._stderr_tail.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1][:200] if detail else f"exit status {code}"
        if had_job:
            self._restart(
                f"{self.label} stopped: the renderer ran out of memory or crashed "
                f"and was restarted ({reason})"
            )
        else:
            # Died while idle (or while starting): start again only when there is work.
            if not self._ready:
                self._failed_starts += 1
            self._stop_worker(graceful=False)
            if self._failed_starts >= 3 and self._pending is not None:
                self._pending = None
                self._set_busy(False)
                self.failed.emit(
                    f"{self.label} unavailable: the renderer could not start ({reason})",
                )
            elif self._pending is not None:
                self._ensure_worker()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._closing:
            self._process = None
            self._pending = None
            self._inflight = None
            self._set_busy(False)
            self.failed.emit(f"{self.label} unavailable: the render worker could not be started")

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
