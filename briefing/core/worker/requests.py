"""The worker's requests, read on a thread of their own so that a newer one can stop a job.

The main thread runs one job at a time. While a job is in a stage that may be stopped (a
preview's complete render, the warm-up), a request arriving makes the reader thread poke the
main thread (``_thread.interrupt_main``); the SIGINT handler installed by
:func:`install_interrupt` turns the poke into :class:`Superseded` there, and a real Ctrl+C
still quits. A job is never stopped half-way through an import (a module left half-initialised
would break every later job): the poke waits until the import is done.
"""

from __future__ import annotations

import _thread
import contextlib
import io
import os
import queue
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any, BinaryIO

_RETRY_S = 0.02  # how soon a poke that arrived during an import is tried again


class Superseded(Exception):  # noqa: N818 (not an error: the newest request wins)
    """A newer request arrived while a job was in a stage it may be stopped in."""


class Requests:
    """Request lines, read from the parent by a thread so that a newer request can stop the
    job the main thread is running (see :meth:`stoppable`)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._lines: queue.Queue[bytes] = queue.Queue()
        self._stoppable = False
        self._poked = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: BinaryIO) -> None:
        try:
            for line in _lines_of(stream):
                self._lines.put(line)
                if self._stoppable and line.strip():
                    self._poked.set()
                    _thread.interrupt_main(signal.SIGINT)
        except (OSError, ValueError):  # the pipe broke: treat as end of input
            pass
        self._lines.put(b"")

    def next(self) -> bytes:
        """The next request line; ``b""`` at end of input."""
        return self._lines.get()

    def waiting(self) -> bool:
        return not self._lines.empty()

    @contextlib.contextmanager
    def stoppable(self) -> Iterator[None]:
        """Inside this block, a request arriving (or already waiting) raises
        :class:`Superseded` in the main thread."""
        self._stoppable = True
        try:
            if self.waiting():
                raise Superseded
            yield
        finally:
            self._stoppable = False

    def on_interrupt(self, signum: int, frame: FrameType | None) -> None:
        """The SIGINT handler: the reader's poke stops a stoppable job; a real Ctrl+C quits."""
        if not self._poked.is_set():
            raise KeyboardInterrupt
        if self._stoppable and self.waiting() and _importing(frame):
            threading.Timer(_RETRY_S, self._poke_again).start()
            return
        self._poked.clear()
        if self._stoppable and self.waiting():
            raise Superseded

    def _poke_again(self) -> None:
        if self._stoppable and self._poked.is_set():
            _thread.interrupt_main(signal.SIGINT)


def _importing(frame: FrameType | None) -> bool:
    """True if ``frame`` or a caller of it is the import machinery at work."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _lines_of(stream: BinaryIO) -> Iterator[bytes]:
    """Lines from ``stream``; a real pipe is read unbuffered, so this thread holds no lock of
    ``sys.stdin`` that the interpreter would wait for at exit."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        yield from iter(stream.readline, b"")
        return
    pending = bytearray()
    while chunk := os.read(fd, 1 << 20):
        start = len(pending)
        pending += chunk
        end = pending.find(b"\n", start)
        while end >= 0:
            yield bytes(pending[: end + 1])
            del pending[: end + 1]
            end = pending.find(b"\n")
    if pending:
        yield bytes(pending)


def install_interrupt(requests: Requests) -> Any:
    """Route SIGINT to ``requests`` (only the main thread may; elsewhere jobs just run on)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, requests.on_interrupt)
