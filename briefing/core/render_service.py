"""The render worker: a long-lived child process that turns briefings into PDF bytes.

The editor must never wait on WeasyPrint, and a hostile or absurd briefing (a 2,000-row
table, 5,000-deep nesting, a brand with a 10,000pt font) must never take the editor down.
So rendering runs here, in a separate process that imports WeasyPrint once and then serves
jobs one at a time. The parent (``briefing.ui.render_client``) enforces a time limit by
killing this process; this process enforces a memory limit on itself with ``RLIMIT_AS``.

Run it as ``python -m briefing.core.render_service [--memory-mb N] [--renderer MOD:FUNC]``.

Protocol (binary pipes, one job at a time)
------------------------------------------
* On start the worker writes one header line ``{"ready": true, "pid": N}``.
* Request, parent -> worker on stdin: one line of JSON (``json.dumps`` never emits a raw
  newline) ``{"id": 7, "op": "render", "briefing": "<dumps_briefing text>", "options": {}}``.
  ``op`` is ``"render"`` (PDF bytes back) or ``"export"`` (``options["path"]`` is written
  with ``export_file``; no bytes back).
* Reply, worker -> parent on stdout: one header line of JSON, then ``size`` raw bytes::

    {"id": 7, "ok": true, "pages": 3, "outline": [[level, title, page, top], ...], "size": 512}
    {"id": 7, "ok": false, "error": "one line", "fatal": false, "size": 0}

  ``page`` is 0-based; ``top`` is the bookmark's distance from the page's top edge in points.
  ``fatal`` means the worker is about to exit (it ran out of memory
  and its heap may be damaged); the parent starts a fresh one.
* The worker exits when stdin reaches end of file.

Everything Python prints by accident goes to stderr: the protocol owns a private copy of
the original stdout descriptor.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import importlib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from briefing.core import paths
from briefing.core.render_limits import RENDER_MEMORY_MB

DEFAULT_MEMORY_MB = RENDER_MEMORY_MB  # the limits live in briefing.core.render_limits
DEFAULT_RENDERER = "briefing.core.render_service:render_briefing_json"
# (level from 1, title, 0-based page index, distance from the page top in points)
OutlineEntry = tuple[int, str, int, float]
# A renderer returns the PDF bytes, or a RenderResult when it knows the pages and outline.
Renderer = Callable[[str, dict[str, Any]], "bytes | RenderResult"]
Exporter = Callable[[str, dict[str, Any]], None]


@dataclass
class RenderResult:
    """What one render job produced."""

    pdf: bytes
    pages: int
    outline: list[OutlineEntry] = field(default_factory=list)


def render_briefing_json(text: str, options: dict[str, Any]) -> RenderResult:
    """Render a serialised briefing to PDF bytes through the one export path.

    ``options`` may carry ``variant`` and ``attach_source``; the preview passes none, so it
    shows exactly the bytes a default PDF export writes. The page count and outline come
    from the layout, so the PDF need not be parsed again.
    """
    # Looked up by name so this module type-checks whatever order the core pieces land in.
    render = _load("briefing.core.rendering.pdf:render_pdf_with_outline")
    loads_briefing = _load("briefing.core.storage.document_io:loads_briefing")
    briefing = loads_briefing(text, name="preview")
    kwargs = {k: options[k] for k in ("variant", "attach_source") if k in options}
    pdf, pages, outline = render(briefing, **kwargs)
    return RenderResult(pdf, pages, outline)


def export_briefing_json(text: str, options: dict[str, Any]) -> None:
    """Export a serialised briefing to ``options["path"]`` (format from the suffix)."""
    export_file = _load("briefing.core.rendering:export_file")
    loads_briefing = _load("briefing.core.storage.document_io:loads_briefing")
    opts = dict(options)
    path = opts.pop("path")
    briefing = loads_briefing(text, name=os.path.basename(str(path)))
    if isinstance(opts.get("brand"), dict):  # a brand chosen for this export (briefing --brand)
        brand_from_dict = _load("briefing.core.storage.template_io:brand_from_dict")
        opts["brand"] = brand_from_dict(opts["brand"], name="brand")
    export_file(briefing, path, **opts)


def pdf_structure(pdf: bytes) -> tuple[int, list[OutlineEntry]]:
    """Page count and bookmark outline ``[(level, title, page, top)]`` read from PDF bytes."""
    import pypdf

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


def _load(spec: str) -> Any:
    """``package.module:name`` or ``/path/to/file.py:name`` (tests swap in fakes this way)."""
    module, _, name = spec.rpartition(":")
    if module.endswith(".py"):
        loaded = importlib.util.spec_from_file_location("_render_plugin", module)
        if loaded is None or loaded.loader is None:
            raise ImportError(f"cannot load {module}")
        plugin = importlib.util.module_from_spec(loaded)
        loaded.loader.exec_module(plugin)
        return getattr(plugin, name)
    return getattr(importlib.import_module(module), name)


def _reply(out: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    header["size"] = len(payload)
    out.write(json.dumps(header).encode("utf-8") + b"\n")
    if payload:
        out.write(payload)
    out.flush()


def handle(
    request: dict[str, Any], renderer: Renderer, exporter: Exporter
) -> tuple[dict[str, Any], bytes]:
    """Run one request and build its reply header and payload (never raises)."""
    job = request.get("id", 0)
    try:
        op = request.get("op", "render")
        text = request["briefing"]
        options = request.get("options") or {}
        if op == "export":
            exporter(text, options)
            return {"id": job, "ok": True, "pages": 0, "outline": []}, b""
        result = renderer(text, options)
        if isinstance(result, (bytes, bytearray)):
            pdf = bytes(result)
            pages, outline = pdf_structure(pdf)
        else:  # a RenderResult (of this module or of ``__main__``: the worker runs as both)
            pdf, pages, outline = result.pdf, result.pages, result.outline
        return {"id": job, "ok": True, "pages": pages, "outline": outline}, pdf
    except MemoryError as err:
        return {"id": job, "ok": False, "error": _one_line(err), "fatal": True}, b""
    except Exception as err:  # every failure becomes one line for the editor
        return {"id": job, "ok": False, "error": _one_line(err), "fatal": False}, b""


def serve(stdin: BinaryIO, stdout: BinaryIO, renderer: Renderer, exporter: Exporter) -> int:
    """Serve requests from ``stdin`` until end of file; returns the exit status.

    The cyclic garbage collector is held off while a job runs (WeasyPrint builds millions
    of objects, and the collections it triggers cost about a tenth of a preview render) and
    runs once the reply is out, unless the next request is already waiting; a few jobs in a
    row without a pause are collected after anyway.
    """
    _reply(stdout, {"ready": True, "pid": os.getpid()})
    skipped = 0
    while True:
        line = stdin.readline()
        if not line:
            return 0
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError:
            _reply(stdout, {"id": 0, "ok": False, "error": "malformed request", "fatal": False})
            continue
        gc.disable()
        try:
            header, payload = handle(request, renderer, exporter)
            _reply(stdout, header, payload)
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


_GC_SKIPS_KEPT = 3


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


def _warm_up(render: bool) -> None:
    """Import the heavy libraries now so the first job does not pay for them."""
    for name in ("weasyprint", "pypdf", "briefing.core.rendering"):
        # A missing piece shows up later as that job's one-line error.
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    # One tiny render loads fontconfig and the bundled fonts (most of a first render's cost).
    if not render:
        return
    with contextlib.suppress(Exception):
        from briefing.core.document import Briefing

        _load("briefing.core.rendering:render_pdf")(Briefing(title="Briefing"))


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
            if folder.name.isdigit() and not _alive(int(folder.name)):
                shutil.rmtree(folder, ignore_errors=True)
        mine = root / str(os.getpid())
        shutil.rmtree(mine, ignore_errors=True)  # a dead worker's, whose pid was reused
        mine.mkdir(parents=True)
    except OSError:
        return None
    tempfile.tempdir = str(mine)
    atexit.register(shutil.rmtree, mine, True)
    return mine


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True
    return True


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(prog="briefing-render-worker")
    parser.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    parser.add_argument("--renderer", default=DEFAULT_RENDERER)
    parser.add_argument("--exporter", default="briefing.core.render_service:export_briefing_json")
    parser.add_argument(
        "--no-warm-up", action="store_true", help="skip the tiny first render (one-off exports)"
    )
    args = parser.parse_args(argv)

    # The protocol keeps the real stdout; stray prints from libraries go to stderr.
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    die_with_parent()
    _load("briefing.core.rendering.native_libs:remember_native_libraries")()
    private_scratch()
    limit_memory(args.memory_mb)
    _warm_up(render=args.renderer == DEFAULT_RENDERER and not args.no_warm_up)
    # Everything loaded so far (WeasyPrint, fonts, caches) lives as long as the worker: keep
    # it out of the collections that follow each job.
    gc.collect()
    gc.freeze()
    renderer: Renderer = _load(args.renderer)
    exporter: Exporter = _load(args.exporter)
    try:
        return serve(sys.stdin.buffer, protocol, renderer, exporter)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0


if __name__ == "__main__":
    sys.exit(main())
