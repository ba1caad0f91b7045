"""Export speed: the sample briefing and a 40-page briefing, against bare WeasyPrint.

The baseline renders the very same HTML with WeasyPrint's defaults (``HTML(string=...)
.write_pdf()``) in the same process, interleaved with the export runs, so the ratio is
fair on a shared, noisy machine. The export figure is the whole ``export_pdf`` path:
Markdown rendering, HTML and CSS, the safe fetcher, the attached source, the atomic write.
"""

from __future__ import annotations

import copy
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, SHARED, Figure, median, spread

TARGET_RATIO = 1.5
TARGET_40_PAGES_S = 5.0


def _sample_briefing():  # type: ignore[no-untyped-def]
    from briefing.core.drafting import draft_briefing
    from briefing.core.importing import import_file
    from briefing.core.paths import demo_article_path
    from briefing.core.storage.library import Library

    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    path = sample if sample.is_file() else demo_article_path()
    library = Library()
    return draft_briefing(
        [import_file(path)], library.template("standard"), library.brand("default")
    ), path.name


def _long_briefing(base, pages: int):  # type: ignore[no-untyped-def]
    """``base`` with its narrative repeated until the PDF has at least ``pages`` pages."""
    from pypdf import PdfReader

    from briefing.core.rendering.pdf import render_pdf

    briefing = copy.deepcopy(base)
    narrative = max(briefing.sections, key=lambda s: len(s.markdown))
    unit = narrative.markdown
    copies = 1
    while True:
        narrative.markdown = "\n\n".join([unit] * copies)
        count = len(PdfReader(io.BytesIO(render_pdf(briefing))).pages)
        if count >= pages:
            return briefing, count
        copies = int(copies * pages / count) + 1


def _pair(
    briefing, repeat: int, folder: Path, cpu: list[float] | None = None
) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    from briefing.core.rendering.document_html import render_html
    from briefing.core.rendering.export import export_pdf

    html = render_html(briefing)
    out = folder / "out.pdf"
    exports: list[float] = []
    bares: list[float] = []
    export_pdf(briefing, out)  # warm-up: imports, fontconfig, caches
    HTML(string=html).write_pdf()
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        export_pdf(briefing, out)
        exports.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(time.process_time() - start_cpu)
        start = time.perf_counter()
        HTML(string=html).write_pdf()
        bares.append(time.perf_counter() - start)
    return exports, bares


def _worker_round_trips(briefing, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds per preview render of ``briefing`` through a warm render worker process.

    The same request the editor sends after a keystroke (serialised briefing in, PDF bytes,
    page count and outline out), timed from writing the request to reading the last byte.
    """
    from briefing.core.storage.document_io import dumps_briefing

    line = json.dumps({"id": 0, "op": "render", "briefing": dumps_briefing(briefing)})
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing.core.worker"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    times: list[float] = []
    try:
        json.loads(proc.stdout.readline())  # ready
        for n in range(repeat + 2):  # two warm-up renders: the brand's fonts and stylesheet
            start = time.perf_counter()
            proc.stdin.write(line.encode("utf-8") + b"\n")
            proc.stdin.flush()
            header = json.loads(proc.stdout.readline())
            proc.stdout.read(header["size"])
            if not header.get("ok"):
                raise RuntimeError(f"the render worker failed: {header.get('error')}")
            if n >= 2:
                times.append(time.perf_counter() - start)
            time.sleep(0.3)  # a pause, as between keystrokes: the worker tidies up after a job
    finally:
        proc.stdin.close()
        proc.wait(30)
    return times


def run(quick: bool) -> list[Figure]:
    from briefing.core.rendering.fonts import harfbuzz_subset_available

    briefing, name = _sample_briefing()
    figures: list[Figure] = []
    note = "" if harfbuzz_subset_available() else "libharfbuzz-subset0 missing: slow subsetting"
    with tempfile.TemporaryDirectory() as tmp:
        exports, bares = _pair(briefing, 1 if quick else 9, Path(tmp))
        ratio = median(exports) / median(bares)
        figures.append(
            Figure(
                name=f"export: sample briefing ({name}) to PDF",
                value=median(exports),
                unit="s",
                spread=spread(exports, 1, "s"),
                baseline=f"bare WeasyPrint {median(bares):.3f} s ({spread(bares, 1, 's')})",
                note=note,
            )
        )
        figures.append(
            Figure(
                name="export: sample, ratio to bare WeasyPrint (same HTML, same run)",
                value=ratio,
                unit="x",
                target=f"<= {TARGET_RATIO}x",
                met=None if quick else ratio <= TARGET_RATIO,
            )
        )
        trips = [t * 1000 for t in _worker_round_trips(briefing, 2 if quick else 15)]
        p95 = statistics.quantiles(trips, n=20)[-1] if len(trips) >= 10 else max(trips)
        figures.append(
            Figure(
                name=f"preview: sample ({name}) re-render in the warm render worker",
                value=median(trips),
                unit="ms",
                spread=spread(trips, 1, "ms"),
                note=f"p95 {p95:.0f} ms over {len(trips)} renders; request to last byte, "
                "the worker's share of keystroke-to-pages",
            )
        )
        long, pages = _long_briefing(briefing, 4 if quick else 40)
        cpu: list[float] = []
        exports, bares = _pair(long, 1 if quick else 3, Path(tmp), cpu)
        figures.append(
            Figure(
                name=f"export: {pages}-page briefing to PDF",
                value=median(exports),
                unit="s",
                spread=spread(exports, 1, "s"),
                target=f"< {TARGET_40_PAGES_S:g} s",
                met=None if quick else median(exports) < TARGET_40_PAGES_S,
                baseline=f"bare WeasyPrint {median(bares):.2f} s "
                f"(ratio {median(exports) / median(bares):.2f}x)",
                note=f"CPU time {median(cpu):.2f} s (wall time includes waiting for a shared "
                f"CPU) {note}".strip(),
            )
        )
    return figures


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
