"""Export through the render worker, under the editor's time and memory limits.

The command line used to render in its own process with no limit at all: a hostile logo or a
monstrous table ran for hours or until the machine ran out of memory. :func:`export_in_worker`
sends the export to a ``briefing.core.render_service`` child process (the editor's worker),
whose memory is capped with ``RLIMIT_AS``, and kills it when the export runs past its time
(:mod:`briefing.core.render_limits`). One worker is kept for the life of the process, so a
program that exports several files starts WeasyPrint once.

This is the synchronous, Qt-free client of the worker protocol; the editor's is
``briefing.ui.render_client``.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from briefing.core.document import Briefing
from briefing.core.errors import RenderError
from briefing.core.render_limits import EXPORT_TIME_LIMIT_S, RENDER_MEMORY_MB
from briefing.core.template import Brand

_START_TIMEOUT_S = 60.0  # importing WeasyPrint on a busy machine


class _Worker:
    """One render worker process and a thread that hands its reply lines over."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        command = [
            sys.executable,
            "-m",
            "briefing.core.render_service",
            "--memory-mb",
            str(memory_mb),
            "--no-warm-up",
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: queue.Queue[bytes] = queue.Queue()
        self.stderr: collections.deque[bytes] = collections.deque(maxlen=20)
        assert self.process.stdout is not None and self.process.stderr is not None
        for stream, sink in ((self.process.stdout, self.lines.put), (self.process.stderr, None)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()

    def _pump(self, stream: IO[bytes], sink: Any) -> None:
        for line in iter(stream.readline, b""):
            if sink is not None:
                sink(line)
            else:
                self.stderr.append(line)
        if sink is not None:
            sink(b"")  # end of output: the worker is gone

    def alive(self) -> bool:
        return self.process.poll() is None

    def next_header(self, deadline: float) -> dict[str, Any] | None:
        """The next JSON header line, or ``None`` when the worker ended; ``TimeoutError``."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                raise TimeoutError from None
            if not line:
                return None
            with contextlib.suppress(ValueError):
                header = json.loads(line)
                if isinstance(header, dict):
                    return header

    def send(self, request: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
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
        header = _worker.next_header(time.monotonic() + _START_TIMEOUT_S)
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
    attach_source: bool | None = None,
    time_limit_s: float = EXPORT_TIME_LIMIT_S,
    memory_mb: int = RENDER_MEMORY_MB,
) -> None:
    """:func:`briefing.core.rendering.export_file` in the render worker, bounded.

    Raises :class:`RenderError` naming ``path`` when the export fails, runs longer than
    ``time_limit_s`` (the worker is killed) or needs more than ``memory_mb``.
    """
    global _next_id
    from briefing.core.storage.document_io import dumps_briefing
    from briefing.core.storage.template_io import brand_to_dict

    target = Path(path)
    options: dict[str, Any] = {"path": os.path.abspath(target)}
    if brand is not None:
        options["brand"] = brand_to_dict(brand)
    if variant is not None:
        options["variant"] = variant
    if attach_source is not None:
        options["attach_source"] = attach_source
    text = dumps_briefing(briefing)
    with _lock:
        worker = _ready_worker(memory_mb)
        _next_id += 1
        worker.send({"id": _next_id, "op": "export", "briefing": text, "options": options})
        try:
            reply = worker.next_header(time.monotonic() + time_limit_s)
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
                f"export stopped: it needed more memory than the {memory_mb} MB a render may use",
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
