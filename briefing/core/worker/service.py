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
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from briefing.core import paths
from briefing.core.model.document import Briefing
from briefing.core.rendering.export import export_file
from briefing.core.rendering.pdf import render_pdf, render_pdf_with_outline
from briefing.core.rendering.staged import StagedRenderer
from briefing.core.storage.document_io import loads_briefing
from briefing.core.storage.lock import process_alive
from briefing.core.storage.template_io import brand_from_dict
from briefing.core.worker import protocol
from briefing.core.worker.protocol import Header, OutlineEntry, ProtocolError, RenderResult
from briefing.core.worker.requests import Requests, Superseded, install_interrupt

# A renderer returns the PDF bytes, or a RenderResult when it knows the pages and outline.
Renderer = Callable[[str, dict[str, Any]], "bytes | RenderResult"]
Exporter = Callable[[str, dict[str, Any]], None]
# A previewer yields a preview job's results: an optional partial one, then the complete one.
# ``None`` among them marks the start of the complete stage (a newer request may stop it).
Previewer = Callable[[str, dict[str, Any]], Iterator["RenderResult | None"]]
_END = object()
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


def previewer_of(renderer: StagedRenderer) -> Previewer:
    """The live preview's two-stage jobs over ``renderer`` (which keeps each document's last
    page map between jobs). ``options``: ``key`` names the document, ``visible`` the page in
    view."""

    def stages(text: str, options: dict[str, Any]) -> Iterator[RenderResult | None]:
        briefing = loads_briefing(text, name="preview")
        visible = options.get("visible", 0)
        page = visible if isinstance(visible, int) and 0 <= visible < 100_000 else 0
        yield from renderer.stages(briefing, key=str(options.get("key", "")), visible=page)

    return stages


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


def _preview_stages(
    request: Header, previewer: Previewer, requests: Requests
) -> Iterator[tuple[Header, bytes]]:
    """The replies of one ``preview`` job; never raises.

    The previewer yields its results in order; a ``None`` among them marks the start of the
    complete stage, which a newer request may stop.
    """
    job = request.get("id", 0)
    stoppable: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    try:
        stages = previewer(request["briefing"], request.get("options") or {})
        while True:
            with stoppable:
                result = next(stages, _END)
            if result is _END:
                break
            if result is None:
                yield protocol.stage_header(job), b""
                stoppable = requests.stoppable()
                continue
            assert isinstance(result, RenderResult)
            yield protocol.result_header(job, result), result.pdf
            if not result.partial:
                return
        yield protocol.error_header(job, "the renderer gave no pages", fatal=False), b""
    except Superseded:
        yield protocol.superseded_header(job), b""
    except MemoryError as err:
        yield protocol.error_header(job, _one_line(err), fatal=True), b""
    except Exception as err:  # every failure becomes one line for the editor
        yield protocol.error_header(job, _one_line(err), fatal=False), b""


def serve(
    stdin: BinaryIO,
    stdout: BinaryIO,
    renderer: Renderer,
    exporter: Exporter,
    previewer: Previewer | None = None,
    warm_up: Callable[[], None] | None = None,
) -> int:
    """Serve requests from ``stdin`` until end of file; returns the exit status.

    ``previewer`` runs ``preview`` jobs (default: one stage, ``renderer``'s). ``warm_up``
    runs once the worker has said it is ready, until the first request arrives. The cyclic
    garbage collector is held off while a job runs (WeasyPrint builds millions of objects,
    and the collections it triggers cost about a tenth of a preview render) and runs once the
    reply is out, unless the next request is already waiting; a few jobs in a row without a
    pause are collected after anyway.
    """
    if previewer is None:
        previewer = _single_stage(renderer)
    requests = Requests(stdin)
    previous = install_interrupt(requests)
    try:
        return _serve(requests, stdout, renderer, exporter, previewer, warm_up)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _serve(
    requests: Requests,
    stdout: BinaryIO,
    renderer: Renderer,
    exporter: Exporter,
    previewer: Previewer,
    warm_up: Callable[[], None] | None,
) -> int:
    protocol.write_reply(stdout, protocol.ready_header(os.getpid()))
    if warm_up is not None:
        with contextlib.suppress(Superseded), requests.stoppable():
            warm_up()
        gc.collect()
        gc.freeze()  # what warming up loaded lives as long as the worker
    skipped = 0
    while True:
        line = requests.next()
        if not line:
            return 0
        if not line.strip():
            continue
        try:
            request = protocol.decode_request(line)
        except ProtocolError as err:
            protocol.write_reply(stdout, protocol.error_header(0, str(err), fatal=False))
            continue
        fatal = False
        gc.disable()
        try:
            if request.get("op") == "preview":
                for header, payload in _preview_stages(request, previewer, requests):
                    protocol.write_reply(stdout, header, payload)
                    fatal = fatal or bool(header.get("fatal"))
            else:
                header, payload = handle(request, renderer, exporter)
                protocol.write_reply(stdout, header, payload)
                fatal = bool(header.get("fatal"))
            del payload
        finally:
            gc.enable()
        if fatal:
            return 3
        if skipped < _GC_SKIPS_KEPT and requests.waiting():
            skipped += 1
        else:
            skipped = 0
            gc.collect()


def _single_stage(renderer: Renderer) -> Previewer:
    """A previewer with no partial stage: the renderer's result as the complete one."""

    def stages(text: str, options: dict[str, Any]) -> Iterator[RenderResult | None]:
        yield None  # all of it is the complete stage, which a newer request may stop
        result = renderer(text, options)
        if isinstance(result, (bytes, bytearray)):
            pdf = bytes(result)
            result = RenderResult(pdf, *pdf_structure(pdf))
        yield result

    return stages


_WARM_UP_TEXT = """Briefing *warm-up* paragraph with **bold** text, long enough to hyphenate \
internationalisation and responsibilities, and a flag 🇬🇧. [@w]

### A subheading

- a bulleted item
- another item

::: callout Did you know?
A callout. [@w]
:::

> A quotation.

| Column | Value |
|---|---|
| row | 1 |
"""


def _warm_up() -> None:
    """One small render of a page that uses what briefings use (headings, lists, a callout,
    a quote, a table, bold and italic faces, an emoji, hyphenation), so the first job does
    not pay for loading fontconfig, the bundled fonts and the hyphenation dictionary (most of
    a first render's cost). It runs while the editor builds its window; a request arriving
    first stops it (the job then loads what is still missing)."""
    from briefing.core.model.article import Article
    from briefing.core.model.document import Section

    sample = Briefing(
        title="Briefing 🇬🇧",
        sections=[Section("background", "Background", _WARM_UP_TEXT)],
        sources=[Article("Warm-up source", site="Briefing", id="w")],
    )
    with contextlib.suppress(Exception):  # a broken renderer shows up as that job's error
        render_pdf(sample)


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
    """Entry point of the worker process; ``renderer`` defaults to the real one (warmed up),
    and preview jobs then run in two stages; a stand-in ``renderer`` serves them in one."""
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
    previewer: Previewer | None = None
    warm_up: Callable[[], None] | None = None
    if renderer is None:
        import weasyprint  # noqa: F401  (the second of start-up it costs, before "ready")

        renderer = render_briefing_json
        previewer = previewer_of(StagedRenderer())
        warm_up = None if args.no_warm_up else _warm_up
    # Everything loaded so far (WeasyPrint and its caches) lives as long as the worker: keep
    # it out of the collections that follow each job.
    gc.collect()
    gc.freeze()
    try:
        return serve(sys.stdin.buffer, out, renderer, exporter, previewer, warm_up)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
