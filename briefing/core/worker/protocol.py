"""The render worker's pipe protocol, both ends: what the editor sends and what comes back.

Binary pipes, one job at a time:

* On start the worker writes one header line ``{"ready": true, "pid": N, "size": 0}``.
* Request, parent -> worker on stdin: one line of JSON (``json.dumps`` never emits a raw
  newline) ``{"id": 7, "op": "render", "briefing": "<dumps_briefing text>", "options": {}}``.
  ``op`` is ``"render"`` (PDF bytes back) or ``"export"`` (``options["path"]`` is written with
  ``export_file``; no bytes back).
* Reply, worker -> parent on stdout: one header line of JSON, then ``size`` raw bytes::

    {"id": 7, "ok": true, "pages": 3, "outline": [[level, title, page, top], ...], "size": 512}
    {"id": 7, "ok": false, "error": "one line", "fatal": false, "size": 0}

  ``page`` is 0-based; ``top`` is the bookmark's distance from the page's top edge in points.
  ``fatal`` means the worker is about to exit (it ran out of memory and its heap may be
  damaged); the parent starts a fresh one.
* The worker exits when stdin reaches end of file.

The limits both ends agree on (the worker's memory, the parent's time limits) live here too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO

# (level from 1, title, 0-based page index, distance from the page top in points)
OutlineEntry = tuple[int, str, int, float]
Header = dict[str, Any]
WORKER_MODULE = "briefing.core.worker"


@dataclass
class RenderResult:
    """What one render job produced."""

    pdf: bytes
    pages: int
    outline: list[OutlineEntry] = field(default_factory=list)


@dataclass(frozen=True)
class RenderLimits:
    """How much one worker may use: memory (its own ``RLIMIT_AS``) and time per job (the
    parent kills a worker whose job runs longer)."""

    memory_mb: int = 1536
    time_limit_ms: int = 20_000


PREVIEW_LIMITS = RenderLimits()  # the live preview: a render that long is surely runaway
THUMBNAIL_LIMITS = RenderLimits(time_limit_ms=30_000)
EXPORT_LIMITS = RenderLimits(time_limit_ms=180_000)  # a long PDF/UA export takes a while


class ProtocolError(ValueError):
    """The other end sent something that is not this protocol."""


def worker_command() -> list[str]:
    """The command that starts a render worker with this Python."""
    return [sys.executable, "-m", WORKER_MODULE]


def encode_request(job: int, op: str, briefing: str, options: dict[str, object]) -> bytes:
    """One request line (``briefing`` is the serialised briefing text)."""
    line = json.dumps({"id": job, "op": op, "briefing": briefing, "options": options})
    return line.encode("utf-8") + b"\n"


def _json_object(line: bytes, problem: str) -> Header:
    """``line`` as a JSON object; :class:`ProtocolError` saying ``problem`` when it is not one."""
    try:
        value = json.loads(line)
    except ValueError as err:
        raise ProtocolError(problem) from err
    if not isinstance(value, dict):
        raise ProtocolError(problem)
    return value


def decode_request(line: bytes) -> Header:
    """A request line as a dict; :class:`ProtocolError` when it is not a JSON object."""
    return _json_object(line, "malformed request")


def write_reply(out: BinaryIO, header: Header, payload: bytes = b"") -> None:
    """Write a reply: its header line (``size`` set from ``payload``), then the payload."""
    out.write(json.dumps({**header, "size": len(payload)}).encode("utf-8") + b"\n")
    if payload:
        out.write(payload)
    out.flush()


def ready_header(pid: int) -> Header:
    return {"ready": True, "pid": pid}


def result_header(job: int, result: RenderResult) -> Header:
    return {"id": job, "ok": True, "pages": result.pages, "outline": result.outline}


def error_header(job: int, message: str, *, fatal: bool) -> Header:
    return {"id": job, "ok": False, "error": message, "fatal": fatal}


def render_result(header: Header, payload: bytes) -> RenderResult:
    """The :class:`RenderResult` an ``ok`` reply carries."""
    outline = [(int(lv), str(t), int(p), float(y)) for lv, t, p, y in header.get("outline", [])]
    return RenderResult(payload, int(header.get("pages", 0)), outline)


class ReplyReader:
    """Reassembles replies from the worker's output as it arrives, in pieces of any size."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._header: Header | None = None

    def feed(self, data: bytes | bytearray | memoryview) -> list[tuple[Header, bytes]]:
        """Add output; returns the replies now complete, in order. :class:`ProtocolError` when
        a header line is not JSON (the worker is no longer speaking the protocol)."""
        self._buffer += data
        replies: list[tuple[Header, bytes]] = []
        while True:
            if self._header is None:
                end = self._buffer.find(b"\n")
                if end < 0:
                    return replies
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                self._header = _json_object(line, "the render worker sent garbled output")
            size = int(self._header.get("size", 0))
            if len(self._buffer) < size:
                return replies
            with memoryview(self._buffer) as view:
                payload = view[:size].tobytes()  # a PDF is copied once, not twice
            del self._buffer[:size]
            replies.append((self._header, payload))
            self._header = None
