"""The render worker: a long-lived child process that turns briefings into PDF bytes.

The editor must never wait on WeasyPrint, and a hostile or absurd briefing (a 2,000-row
table, 5,000-deep nesting, a brand with a 10,000pt font) must never take the editor down.
So rendering runs here, in a separate process that imports WeasyPrint once and then serves
jobs one at a time, speaking :mod:`briefing.core.worker.protocol`. The parent
(``briefing.ui.render_client``) enforces a time limit by killing this process; this process
enforces a memory limit on itself with ``RLIMIT_AS``.

Run it as ``python -m briefing.core.worker [--memory-mb N]``. :func:`main` takes the renderer
and exporter as parameters, so a test can run the real protocol over a stand-in renderer.

Everything Python prints by accident goes to stderr: the protocol owns a private copy of
the original stdout descriptor.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from briefing.core import paths
from briefing.core.model.document import Briefing
from briefing.core.rendering.export import export_file
from briefing.core.rendering.pdf import render_pdf, render_pdf_with_outline
from briefing.core.storage.document_io import loads_briefing
from briefing.core.storage.lock import process_alive
from briefing.core.storage.template_io import brand_from_dict
from briefing.core.worker import protocol
from briefing.core.worker.protocol import Header, OutlineEntry, ProtocolError, RenderResult

# A renderer returns the PDF bytes, or a RenderResult when it knows the pages and outline.
Renderer = Callable[[str, dict[str, Any]], "bytes | RenderResult"]
Exporter = Callable[[str, dict[str, Any]], None]
_GC_SKIPS_KEPT = 3


def render_briefing_json(text: str, options: dict[str, Any]) -> RenderResult:
    """Render a serialised briefing to PDF bytes through the one export path.

    ``options`` may carry ``variant`` and ``attach_source``; the preview passes none, so it
    shows exactly the bytes a default PDF export writes. The page count and outline come
    from the layout, so the PDF need not be parsed again.
    """
    briefing = loads_briefing(text, name="preview")
    pdf, pages, outline = render_pdf_with_outline(
        briefing, variant=options.get("variant"), attach_source=bool(options.get("attach_source"))
    )
    return RenderResult(pdf, pages, outline)


def export_briefing_json(text: str, options: dict[str, Any]) -> None:
    """Export a serialised briefing to ``options["path"]`` (format from the suffix)."""
    path = str(options["path"])
    briefing = loads_briefing(text, name=os.path.basename(path))
    variant = options.get("variant")
    brand = options.get("brand")  # a brand chosen for this export only (briefing export --brand)
    export_file(
        briefing,
        path,
        brand=brand_from_dict(brand, name="brand") if isinstance(brand, dict) else None,
        variant=str(variant) if variant is not None else None,
        attach_source=options.get("attach_source", True) is not False,
    )


def pdf_structure(pdf: bytes) -> tuple[int, list[OutlineEntry]]:
    """Page count and bookmark outline ``[(level, title, page, top)]`` read from PDF bytes."""
    import pypdf  # only for renderers that return bare bytes (tests' stand-ins)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    outline: list[OutlineEntry] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                page = reader.get_destination_page_number(item)
            except Exception:  # a bookmark without a page is simply skipped
                continue
            if page is None or not 0 <= page < len(reader.pages):
                continue
            height = float(reader.pages[page].mediabox.height)
            top = getattr(item, "top", None)
            offset = max(0.0, height - float(top)) if top is not None else 0.0
            outline.append((level, str(item.title or ""), int(page), round(offset, 1)))

    try:
        walk(list(reader.outline), 1)
    except Exception:
        outline = []
    return len(reader.pages), outline


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space so a runaway render fails with MemoryError."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # not on this platform (Windows): the parent's time limit remains
        return
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent() -> None:
    """Ask Linux to kill this worker if the editor dies (it may be mid-render and not reading).

    Elsewhere the worker still exits at end of input once its current job is done.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent is already gone
            os._exit(0)


def _one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(err, RecursionError):
        return "the document is nested too deeply to lay out"
    if isinstance(err, MemoryError):
        return "the document needs more memory than the preview may use"
    return message or type(err).__name__


def handle(request: Header, renderer: Renderer, exporter: Exporter) -> tuple[Header, bytes]:
    """Run one request and build its reply header and payload (never raises)."""
    job = request.get("id", 0)
    try:
        op = request.get("op", "render")
        text = request["briefing"]
        options = request.get("options") or {}
        if op == "export":
            exporter(text, options)
            return protocol.result_header(job, RenderResult(b"", 0)), b""
        result = renderer(text, options)
        if isinstance(result, (bytes, bytearray)):
            pdf = bytes(result)
            result = RenderResult(pdf, *pdf_structure(pdf))
        return protocol.result_header(job, result), result.pdf
    except MemoryError as err:
        return protocol.error_header(job, _one_line(err), fatal=True), b""
    except Exception as err:  # every failure becomes one line for the editor
        return protocol.error_header(job, _one_line(err), fatal=False), b""


def serve(stdin: BinaryIO, stdout: BinaryIO, renderer: Renderer, exporter: Exporter) -> int:
    """Serve requests from ``stdin`` until end of file; returns the exit status.

    The cyclic garbage collector is held off while a job runs (WeasyPrint builds millions
    of objects, and the collections it triggers cost about a tenth of a preview render) and
    runs once the reply is out, unless the next request is already waiting; a few jobs in a
    row without a pause are collected after anyway.
    """
    protocol.write_reply(stdout, protocol.ready_header(os.getpid()))
    skipped = 0
    while True:
        line = stdin.readline()
        if not line:
            return 0
        if not line.strip():
            continue
        try:
            request = protocol.decode_request(line)
        except ProtocolError as err:
            protocol.write_reply(stdout, protocol.error_header(0, str(err), fatal=False))
            continue
        gc.disable()
        try:
            header, payload = handle(request, renderer, exporter)
            protocol.write_reply(stdout, header, payload)
        finally:
            gc.enable()
        del payload
        if header.get("fatal"):
            return 3
        if skipped < _GC_SKIPS_KEPT and _input_waiting(stdin):
            skipped += 1
        else:
            skipped = 0
            gc.collect()


def _input_waiting(stream: BinaryIO) -> bool:
    """True if the next request is already readable on ``stream``.

    The parent sends a request only after it has read the previous reply, so nothing can
    sit in the reader's buffer here; a pipe that ``select`` cannot watch (Windows) counts as
    idle.
    """
    try:
        import select

        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError, TypeError, io.UnsupportedOperation):
        return False


def _warm_up() -> None:
    """One tiny render now, so the first job does not pay for loading WeasyPrint, fontconfig
    and the bundled fonts (most of a first render's cost)."""
    with contextlib.suppress(Exception):  # a broken renderer shows up as that job's error
        render_pdf(Briefing(title="Briefing"))


def private_scratch() -> Path | None:
    """Give this worker its own temporary folder, ``<cache>/render-scratch/<pid>``, and remove
    the folders of workers that no longer run.

    The parent kills a worker that renders too long, and WeasyPrint's copies of a brand's fonts
    (a ``weasyprint-*`` folder of megabytes) would otherwise stay in the system's temporary
    folder forever. Returns the folder, or ``None`` (system temporary folder) if it cannot be
    made.
    """
    root = paths.cache_dir() / "render-scratch"
    try:
        for folder in root.iterdir() if root.is_dir() else ():
            if folder.name.isdigit() and not process_alive(int(folder.name)):
                shutil.rmtree(folder, ignore_errors=True)
        mine = root / str(os.getpid())
        shutil.rmtree(mine, ignore_errors=True)  # a dead worker's, whose pid was reused
        mine.mkdir(parents=True)
    except OSError:
        return None
    tempfile.tempdir = str(mine)
    atexit.register(shutil.rmtree, mine, True)
    return mine


def main(
    argv: list[str] | None = None,
    *,
    renderer: Renderer | None = None,
    exporter: Exporter = export_briefing_json,
) -> int:
    """Entry point of the worker process; ``renderer`` defaults to the real one (warmed up)."""
    parser = argparse.ArgumentParser(prog="briefing-render-worker")
    parser.add_argument("--memory-mb", type=int, default=protocol.PREVIEW_LIMITS.memory_mb)
    parser.add_argument(
        "--no-warm-up", action="store_true", help="skip the tiny first render (one-off exports)"
    )
    args = parser.parse_args(argv)

    # The protocol keeps the real stdout; stray prints from libraries go to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    die_with_parent()
    private_scratch()
    limit_memory(args.memory_mb)
    if renderer is None:
        renderer = render_briefing_json
        if not args.no_warm_up:
            _warm_up()
    # Everything loaded so far (WeasyPrint, fonts, caches) lives as long as the worker: keep
    # it out of the collections that follow each job.
    gc.collect()
    gc.freeze()
    try:
        return serve(sys.stdin.buffer, out, renderer, exporter)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
