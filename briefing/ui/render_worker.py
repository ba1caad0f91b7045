"""One render worker process, shared by the render clients of any number of windows.

``RenderWorker`` owns a ``briefing.core.worker`` child process (a ``QProcess``, so all I/O
arrives through the event loop and the UI thread never blocks on a pipe), speaks
:mod:`briefing.core.worker.protocol` with it and runs the jobs of its
:class:`~briefing.ui.render_client.RenderClient` s one at a time, the longest-waiting first.
Each client keeps its own newest request (debounced, newest wins); the worker:

* sends a client's request as soon as the process is free, or at once while the running job
  is in a stage a newer request may stop (a preview's complete render): the process then
  stops that job and answers ``superseded``, and a stopped job that is still its client's
  newest request is run again once the process is free (it never stops a job in turn, so
  two windows' requests cannot stop each other for ever);
* kills and restarts the process when a job runs past ``time_limit_ms``, when a superseded
  job that cannot be stopped keeps running past ``supersede_grace_ms`` and twice the typical
  render time, or when the process dies (e.g. its ``RLIMIT_AS`` memory limit was hit);
  the job's client is told in one line, and the last good pages stay on screen.

``worker`` is the command that starts a worker (default:
:func:`~briefing.core.worker.protocol.worker_command`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QProcess, QTimer, Signal

from briefing.core.worker import protocol
from briefing.core.worker.protocol import PREVIEW_LIMITS, Header, ProtocolError, RenderLimits

if TYPE_CHECKING:
    from briefing.ui.render_client import RenderClient


@dataclass
class Job:
    """One request of one client."""

    id: int
    client: RenderClient
    text: str | Callable[[], str]  # serialised briefing, or a snapshot that serialises itself
    options: dict[str, object]  # JSON-ready (see protocol.encode_request)
    op: str = "render"
    requested_at: float = 0.0
    started_at: float = 0.0  # when the process began it (after the job before it ended)
    stoppable: bool = False  # in a stage that a newer request stops
    stopped: bool = False  # was stopped for another request: waits for a free process


class RenderWorker(QObject):
    """Runs the jobs of several render clients on one worker process; see the module."""

    restarted = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        limits: RenderLimits = PREVIEW_LIMITS,
        supersede_grace_ms: int = 3000,
        worker: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.time_limit_ms = limits.time_limit_ms
        self.memory_mb = limits.memory_mb
        self.supersede_grace_ms = supersede_grace_ms
        self.worker = list(worker or protocol.worker_command())
        self.typical_render_s = 0.0  # moving average of successful job times
        self._clients: list[RenderClient] = []
        self._next_id = 0
        self._running: Job | None = None  # the job the process is working on
        self._queued: Job | None = None  # sent while the running one may be stopped
        self._superseded_at = 0.0
        self._failed_starts = 0
        self._ready = False
        self._closing = False
        self._replies = protocol.ReplyReader()
        self._stderr_tail = b""
        self._process: QProcess | None = None
        # Set up with setters: Qt-property keyword arguments in PySide6 constructors corrupt
        # reference counts (seen with PySide6 6.12).
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(100)
        self._watchdog.timeout.connect(self._check_watchdog)

    # -- clients --------------------------------------------------------------------------

    def attach(self, client: RenderClient) -> None:
        if client not in self._clients:
            self._clients.append(client)
            self._closing = False

    def detach(self, client: RenderClient) -> None:
        """Forget ``client`` (its jobs still running finish unseen); the last client to leave
        stops the process."""
        if client in self._clients:
            self._clients.remove(client)
            if not self._clients:
                self.shutdown()

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def has_job_of(self, client: RenderClient) -> bool:
        """True while a job of ``client`` is in the process (running or sent ahead)."""
        return any(
            job is not None and job.client is client for job in (self._running, self._queued)
        )

    def wake(self) -> None:
        """A client has a request ready: send it when the process can take it."""
        self._dispatch()

    # -- public ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the process now, so the first render does not wait for WeasyPrint to load."""
        if not self._closing:
            self._ensure_process()

    def pid(self) -> int:
        """Process id of the current worker, or 0."""
        if self._process is None or self._process.state() == QProcess.ProcessState.NotRunning:
            return 0
        return int(self._process.processId())

    def shutdown(self) -> None:
        """Stop the process (end of input, then kill if needed) and reap it. Idempotent."""
        graceful = self._running is None and self._ready
        self._closing = True
        self._watchdog.stop()
        running = [job for job in (self._running, self._queued) if job is not None]
        self._running = self._queued = None
        self._stop_process(graceful=graceful)
        for job in running:
            job.client._job_ended(job)

    # -- process lifecycle ----------------------------------------------------------------

    def _ensure_process(self) -> None:
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

    def _stop_process(self, *, graceful: bool) -> None:
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
        """Kill the process, tell the running job's client ``message``, start a fresh one."""
        running, queued = self._running, self._queued
        self._running = self._queued = None
        self._superseded_at = 0.0
        self._stop_process(graceful=False)
        if running is not None:
            if message:
                running.client._job_failed(running, message)
            running.client._job_ended(running)
        if queued is not None:
            queued.client._requeue(queued)  # never started: run it on the fresh process
        for client in list(self._clients):
            client.worker_restarted.emit()
        self.restarted.emit()
        if self._closing:
            return
        self._ensure_process()
        self._dispatch()

    # -- dispatch -------------------------------------------------------------------------

    def _candidates(self) -> list[RenderClient]:
        """Clients whose request may be sent now: any ready one while the process is free;
        while a job runs (and may be stopped), only those whose request was not stopped."""
        ready = [c for c in self._clients if c._ready_since() is not None]
        if self._running is None:
            return ready
        return [c for c in ready if not (c._pending is not None and c._pending.stopped)]

    def _dispatch(self) -> None:
        if self._closing:
            return
        if self._running is not None and (not self._running.stoppable or self._queued):
            return
        ready = self._candidates()
        if not ready:
            return
        self._ensure_process()
        if not self._ready or self._process is None:
            return  # sent when the process says it is ready
        # The ready request that has waited longest goes first.
        client = min(ready, key=lambda c: c._ready_since() or 0.0)
        job = client._take()
        if job is None:
            return
        try:
            text = job.text() if callable(job.text) else job.text
        except Exception as err:  # a snapshot that cannot be serialised is that job's error
            detail = str(err).splitlines()[0] if str(err) else repr(err)
            job.client._job_failed(job, f"{job.client.label} failed: {detail}")
            job.client._job_ended(job)
            self._dispatch()
            return
        job.stoppable = False
        if self._running is None:
            job.started_at = time.monotonic()
            self._running = job
            self._superseded_at = 0.0
        else:
            self._queued = job  # the running job stops when the process reads this
        self._process.write(QByteArray(protocol.encode_request(job.id, job.op, text, job.options)))

    def _check_watchdog(self) -> None:
        job = self._running
        if job is None:
            return
        now = time.monotonic()
        newer = job.client._has_newer_than(job) or self._queued is not None
        if newer and not self._superseded_at:
            self._superseded_at = now
        if now - job.started_at > self.time_limit_ms / 1000:
            seconds = round(self.time_limit_ms / 1000)
            self._restart(
                f"{job.client.label} stopped: rendering took longer than {seconds} s "
                "(a very long table, deep nesting or extreme brand sizes?)"
            )
        elif (
            self._superseded_at
            and now - self._superseded_at > self.supersede_grace_ms / 1000
            # A long document that always takes a while is let finish: killing it would only
            # add a worker restart to the wait for the newer request.
            and now - job.started_at > 2 * self.typical_render_s
        ):
            self._restart("")  # the newer request runs on a fresh worker

    # -- process output -------------------------------------------------------------------

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
            label = self._running.client.label if self._running else "Preview"
            self._restart(f"{label} stopped: {err}")
            return
        for header, payload in replies:
            if self._process is not process:
                return  # a reply restarted the process: the rest is the old one's
            self._on_reply(header, payload)

    def _on_reply(self, header: Header, payload: bytes) -> None:
        if header.get("ready"):
            self._ready = True
            self._failed_starts = 0
            self._dispatch()
            return
        job = self._running
        if job is None or header.get("id") != job.id:
            return  # a reply for a job given up on
        if not protocol.is_final(header):
            if header.get("stage") == "complete":
                job.stoppable = True
                self._dispatch()  # a waiting request may now go ahead and stop it
            elif header.get("ok"):
                job.client._job_result(job, protocol.render_result(header, payload))
            return
        self._job_finished(job, header, payload)

    def _job_finished(self, job: Job, header: Header, payload: bytes) -> None:
        self._running, self._queued = self._queued, None
        self._superseded_at = 0.0
        if self._running is not None:
            self._running.started_at = time.monotonic()
        if header.get("ok"):
            took = time.monotonic() - job.started_at
            avg = self.typical_render_s
            self.typical_render_s = took if avg == 0 else 0.7 * avg + 0.3 * took
            job.client._job_result(job, protocol.render_result(header, payload))
        elif header.get("superseded"):
            job.stopped = True
            job.client._requeue(job)
        else:
            job.client._job_failed(
                job, f"{job.client.label} failed: {header.get('error', 'unknown error')}"
            )
        job.client._job_ended(job)
        if header.get("fatal"):
            self._restart("")
            return
        self._dispatch()

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self._closing:
            return
        detail = self._stderr_tail.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1][:200] if detail else f"exit status {code}"
        if self._running is not None:
            label = self._running.client.label
            self._restart(
                f"{label} stopped: the renderer ran out of memory or crashed "
                f"and was restarted ({reason})"
            )
            return
        # Died while idle (or while starting): start again only when there is work.
        if not self._ready:
            self._failed_starts += 1
        self._stop_process(graceful=False)
        waiting = [c for c in self._clients if c._ready_since() is not None or c._pending]
        if self._failed_starts >= 3 and waiting:
            for client in waiting:
                client._give_up(
                    f"{client.label} unavailable: the renderer could not start ({reason})"
                )
        elif waiting:
            self._ensure_process()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._closing:
            self._process = None
            running = [job for job in (self._running, self._queued) if job is not None]
            self._running = self._queued = None
            for job in running:
                job.client._job_ended(job)
            for client in list(self._clients):
                client._give_up(
                    f"{client.label} unavailable: the render worker could not be started"
                )
