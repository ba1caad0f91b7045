"""Export through the render worker, under the editor's time and memory limits.

The command line used to render in its own process with no limit at all: a hostile logo or a
monstrous table ran for hours or until the machine ran out of memory. :func:`export_in_worker`
sends the export to a render worker (``python -m briefing.core.worker``, the editor's worker),
whose memory is capped with ``RLIMIT_AS``, and kills it when the export runs past its time
(:data:`~briefing.core.worker.protocol.EXPORT_LIMITS`, the export dialog's limits). One worker
is kept for the life of the process, so a program that exports several files starts
WeasyPrint once.

This is the synchronous, Qt-free client of :mod:`briefing.core.worker.protocol`; the editor's
is ``briefing.ui.render_client``. Both start the worker with
:func:`~briefing.core.worker.protocol.worker_command`, send
:func:`~briefing.core.worker.protocol.encode_request` lines and read replies with a
:class:`~briefing.core.worker.protocol.ReplyReader`.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import io
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

from briefing.core.errors import RenderError
from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.storage.template_io import brand_to_dict
from briefing.core.worker import protocol
from briefing.core.worker.protocol import EXPORT_LIMITS, Header, ProtocolError, RenderLimits

_START_TIMEOUT_S = 60.0  # importing WeasyPrint on a busy machine
_GONE = None  # put on the reply queue when the worker's output ends


class _Worker:
    """One render worker process and a thread that hands its replies over."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        command = [*protocol.worker_command(), "--memory-mb", str(memory_mb), "--no-warm-up"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.replies: queue.Queue[Header | None] = queue.Queue()
        self.stderr: collections.deque[bytes] = collections.deque(maxlen=20)
        assert self.process.stdout is not None and self.process.stderr is not None
        threading.Thread(
            target=self._read_replies, args=(self.process.stdout,), daemon=True
        ).start()
        threading.Thread(target=self._read_stderr, args=(self.process.stderr,), daemon=True).start()

    def _read_replies(self, stream: io.BufferedReader) -> None:
        reader = protocol.ReplyReader()
        try:
            for chunk in iter(lambda: stream.read1(1 << 16), b""):
                for header, _payload in reader.feed(chunk):
                    self.replies.put(header)
        except (OSError, ValueError, ProtocolError):  # garbled output: as good as gone
            pass
        self.replies.put(_GONE)

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            self.stderr.append(line)

    def alive(self) -> bool:
        return self.process.poll() is None

    def next_reply(self, deadline: float) -> Header | None:
        """The next reply header, or ``None`` when the worker ended; ``TimeoutError``."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        try:
            return self.replies.get(timeout=left)
        except queue.Empty:
            raise TimeoutError from None

    def send(self, line: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line)
        self.process.stdin.flush()

    def stop(self, *, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        if kill:
            with contextlib.suppress(OSError):
                self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_worker: _Worker | None = None
_lock = threading.Lock()
_next_id = 0


def _ready_worker(memory_mb: int) -> _Worker:
    global _worker
    if _worker is not None and _worker.alive() and _worker.memory_mb == memory_mb:
        return _worker
    if _worker is not None:
        _worker.stop(kill=True)
    _worker = _Worker(memory_mb)
    try:
        header = _worker.next_reply(time.monotonic() + _START_TIMEOUT_S)
    except TimeoutError:
        header = None
    if header is None or not header.get("ready"):
        detail = b"".join(_worker.stderr).decode("utf-8", "replace").strip().splitlines()
        _worker.stop(kill=True)
        _worker = None
        reason = detail[-1] if detail else "it did not start"
        raise RenderError(f"could not start the render worker ({reason[:200]})")
    return _worker


def worker_pid() -> int:
    """Process id of the worker kept for the next export, or 0."""
    return _worker.process.pid if _worker is not None and _worker.alive() else 0


@atexit.register
def stop_worker() -> None:
    """Stop the kept worker (it also ends by itself when this process's output closes)."""
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def export_in_worker(
    briefing: Briefing,
    path: str | Path,
    *,
    brand: Brand | None = None,
    variant: str | None = None,
    attach_source: bool = True,
    limits: RenderLimits = EXPORT_LIMITS,
) -> None:
    """:func:`briefing.core.rendering.export.export_file` in the render worker, bounded.

    Raises :class:`RenderError` naming ``path`` when the export fails, runs longer than
    ``limits.time_limit_ms`` (the worker is killed) or needs more than ``limits.memory_mb``.
    """
    global _next_id
    target = Path(path)
    options: dict[str, object] = {"path": os.path.abspath(target), "attach_source": attach_source}
    if brand is not None:
        options["brand"] = brand_to_dict(brand)
    if variant is not None:
        options["variant"] = variant
    text = dumps_briefing(briefing)
    time_limit_s = limits.time_limit_ms / 1000
    with _lock:
        worker = _ready_worker(limits.memory_mb)
        _next_id += 1
        worker.send(protocol.encode_request(_next_id, "export", text, options))
        try:
            reply = worker.next_reply(time.monotonic() + time_limit_s)
        except TimeoutError:
            _drop(worker)
            raise RenderError(
                f"export stopped: it took longer than {time_limit_s:g} s (a very long table, "
                "deep nesting or an image that draws too much?)",
                target,
            ) from None
        if reply is None or reply.get("fatal"):
            _drop(worker)
            raise RenderError(
                f"export stopped: it needed more memory than the {limits.memory_mb} MB a "
                "render may use",
                target,
            )
    if not reply.get("ok"):
        message = str(reply.get("error") or "the export failed")
        # The worker names the file by its absolute path; say it as the caller did.
        raise RenderError(message.removeprefix(f"{options['path']}: "), target)


def _drop(worker: _Worker) -> None:
    global _worker
    worker.stop(kill=True)
    if _worker is worker:
        _worker = None
