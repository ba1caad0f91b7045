"""Both ends of the render worker's pipe use one protocol module, and it survives any chunking."""

from __future__ import annotations

import io
import json

import pytest

from briefing.core.worker import protocol
from briefing.core.worker.protocol import ProtocolError, RenderResult


def replies_bytes() -> bytes:
    out = io.BytesIO()
    protocol.write_reply(out, protocol.ready_header(42))
    result = RenderResult(b"%PDF-1.7 fake\n\x00\xff", 2, [(1, "Background", 0, 12.5)])
    protocol.write_reply(out, protocol.result_header(7, result), result.pdf)
    protocol.write_reply(out, protocol.error_header(8, "the file is gone", fatal=False))
    return out.getvalue()


@pytest.mark.parametrize("chunk", [1, 3, 7, 4096])
def test_replies_are_reassembled_whatever_the_pieces(chunk: int) -> None:
    data = replies_bytes()
    reader = protocol.ReplyReader()
    got = []
    for start in range(0, len(data), chunk):
        got += reader.feed(data[start : start + chunk])
    assert [h.get("id") for h, _ in got] == [None, 7, 8]
    assert got[0][0] == {"ready": True, "pid": 42, "size": 0}
    result = protocol.render_result(*got[1])
    assert result == RenderResult(b"%PDF-1.7 fake\n\x00\xff", 2, [(1, "Background", 0, 12.5)])
    assert got[2] == (
        {"id": 8, "ok": False, "error": "the file is gone", "fatal": False, "size": 0},
        b"",
    )


def test_requests_are_one_line_each_and_garbage_is_refused() -> None:
    line = protocol.encode_request(3, "render", "line one\nline two", {"variant": None})
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    assert protocol.decode_request(line) == {
        "id": 3,
        "op": "render",
        "briefing": "line one\nline two",
        "options": {"variant": None},
    }
    for bad in (b"{not json", b"[1, 2]"):
        with pytest.raises(ProtocolError, match="malformed request"):
            protocol.decode_request(bad)
    with pytest.raises(ProtocolError, match="garbled"):
        protocol.ReplyReader().feed(b"Traceback (most recent call last):\n")
    assert json.loads(protocol.encode_request(1, "export", "{}", {}))["op"] == "export"


def test_the_limits_and_the_command_are_the_workers() -> None:
    assert protocol.worker_command()[1:] == ["-m", "briefing.core.worker"]
    assert protocol.PREVIEW_LIMITS.time_limit_ms < protocol.EXPORT_LIMITS.time_limit_ms
    assert protocol.PREVIEW_LIMITS.memory_mb == protocol.EXPORT_LIMITS.memory_mb == 1536
