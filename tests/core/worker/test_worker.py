"""The render worker process speaks its pipe protocol, limits its memory and exports files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from support.fake_worker import FAKE_WORKER

from briefing.core.model.document import Briefing, Section
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.worker.protocol import RenderResult, worker_command
from briefing.core.worker.service import handle, pdf_structure, serve

FAKE = [sys.executable, str(FAKE_WORKER)]  # the real worker over a stand-in renderer


class Worker:
    def __init__(self, command: list[str], *args: str) -> None:
        self.proc = subprocess.Popen(
            [*command, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.ready = self.read()[0]

    def read(self) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdout is not None
        header = json.loads(self.proc.stdout.readline())
        return header, self.proc.stdout.read(header["size"])

    def send(self, request: dict[str, Any] | bytes) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdin is not None
        line = request if isinstance(request, bytes) else json.dumps(request).encode()
        self.proc.stdin.write(line + b"\n")
        self.proc.stdin.flush()
        return self.read()

    def close(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(20)


@pytest.fixture
def worker() -> Iterator[Worker]:
    w = Worker(FAKE, "--memory-mb", "700")
    yield w
    if w.proc.poll() is None:
        w.proc.kill()
        w.proc.wait()


def text_of(title: str, *sections: tuple[str, str]) -> str:
    return dumps_briefing(Briefing(title=title, sections=[Section(i, t) for i, t in sections]))


def test_worker_renders_pdf_with_page_count_and_outline(worker: Worker) -> None:
    assert worker.ready["ready"] is True and worker.ready["pid"] == worker.proc.pid
    header, pdf = worker.send(
        {"id": 5, "op": "render", "briefing": text_of("Cables", ("a", "Background"), ("b", "FAQ"))}
    )
    assert header["ok"] and header["id"] == 5
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert header["pages"] == len(reader.pages) >= 1
    assert [entry[1] for entry in header["outline"]][-2:] == ["Background", "FAQ"]
    assert "Cables" in reader.pages[0].extract_text()
    assert worker.close() == 0


def test_bad_requests_get_one_line_errors_and_the_worker_lives_on(worker: Worker) -> None:
    header, payload = worker.send(b"{not json")
    assert header == {"id": 0, "ok": False, "error": "malformed request", "fatal": False, "size": 0}
    header, _ = worker.send({"id": 2, "op": "render"})
    assert not header["ok"] and header["error"] and "\n" not in header["error"]
    header, pdf = worker.send({"id": 3, "op": "render", "briefing": text_of("Still here")})
    assert header["ok"] and pdf.startswith(b"%PDF")


def test_memory_limit_turns_a_hog_into_a_fatal_error_and_exit(worker: Worker) -> None:
    header, _ = worker.send({"id": 9, "op": "render", "briefing": text_of("HOG")})
    assert header["ok"] is False and header["fatal"] is True
    assert "memory" in header["error"]
    assert worker.proc.wait(20) == 3


def test_real_worker_exports_a_file_and_reports_errors(tmp_path: Path) -> None:
    worker = Worker(worker_command())
    try:
        out = tmp_path / "brief.md"
        text = text_of("Export me", ("a", "Background"))
        header, payload = worker.send(
            {"id": 1, "op": "export", "briefing": text, "options": {"path": str(out)}}
        )
        assert header["ok"] and payload == b""
        assert "Export me" in out.read_text(encoding="utf-8")
        bad = tmp_path / "brief.xlsx"
        header, _ = worker.send(
            {"id": 2, "op": "export", "briefing": text, "options": {"path": str(bad)}}
        )
        assert not header["ok"] and "brief.xlsx" in header["error"] and not bad.exists()
    finally:
        assert worker.close() == 0


def test_handle_maps_recursion_to_a_plain_message() -> None:
    def deep(_text: str, _options: dict[str, Any]) -> bytes:
        raise RecursionError("maximum recursion depth exceeded")

    header, payload = handle({"id": 1, "briefing": "{}"}, deep, lambda _t, _o: None)
    assert header["error"] == "the document is nested too deeply to lay out"
    assert payload == b"" and header["fatal"] is False


def test_pdf_structure_reads_bookmarks_with_levels_and_pages() -> None:
    import weasyprint

    html = "<h1>One</h1><h2>One.a</h2><p style='break-after: page'>x</p><h1>Two</h1>"
    pages, outline = pdf_structure(weasyprint.HTML(string=html).write_pdf())
    assert pages == 2
    assert [entry[:3] for entry in outline] == [(1, "One", 0), (2, "One.a", 0), (1, "Two", 1)]
    tops = [entry[3] for entry in outline]
    assert 0 < tops[0] < tops[1] < 200, "headings measured from the page top, in order"
    assert tops[2] == pytest.approx(tops[0], abs=1), "page 2 starts with its heading"


def test_worker_dies_with_its_parent_even_mid_render(tmp_path: Path) -> None:
    """An editor killed mid-render leaves no worker behind (Linux parent-death signal)."""
    import os
    import signal
    import time

    if not sys.platform.startswith("linux"):
        pytest.skip("parent-death signal is Linux-only")
    pid_file = tmp_path / "worker.pid"
    request = json.dumps({"id": 1, "briefing": text_of("SLEEP")}) + "\n"
    parent = (
        "import json, subprocess, sys\n"
        f"w = subprocess.Popen({FAKE!r}, stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
        "w.stdout.readline()\n"
        f"open({str(pid_file)!r}, 'w').write(str(w.pid))\n"
        f"w.stdin.write({request!r}.encode())\n"
        "w.stdin.flush()\n"
        "import time; time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", parent])
    try:
        deadline = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(pid_file.read_text())
        assert Path(f"/proc/{worker}").exists()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{worker}").exists(), "the orphaned worker was killed"


def test_a_renderer_that_knows_its_pages_and_outline_is_not_parsed_again() -> None:
    def knows(_text: str, _options: dict[str, Any]) -> RenderResult:
        return RenderResult(b"%PDF-not-parsed", 3, [(1, "Background", 2, 40.5)])

    header, payload = handle({"id": 4, "briefing": "{}"}, knows, lambda _t, _o: None)
    assert header == {"id": 4, "ok": True, "pages": 3, "outline": [(1, "Background", 2, 40.5)]}
    assert payload == b"%PDF-not-parsed"


def test_serve_answers_in_order_and_leaves_the_collector_on() -> None:
    import gc

    seen: list[bool] = []

    def render(text: str, _options: dict[str, Any]) -> RenderResult:
        seen.append(gc.isenabled())  # held off while a job runs
        return RenderResult(text.encode(), 1, [])

    requests = b"".join(
        json.dumps({"id": n, "briefing": f"doc {n}"}).encode() + b"\n" for n in (1, 2, 3)
    )
    out = io.BytesIO()
    assert serve(io.BytesIO(requests), out, render, lambda _t, _o: None) == 0
    lines = io.BytesIO(out.getvalue())
    assert json.loads(lines.readline())["ready"] is True
    for n in (1, 2, 3):
        header = json.loads(lines.readline())
        assert header["id"] == n and lines.read(header["size"]) == f"doc {n}".encode()
    assert seen == [False, False, False] and gc.isenabled()
