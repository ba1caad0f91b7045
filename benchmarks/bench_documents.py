"""Documents in and out: a 20-page PDF report and a 20-page Word file imported (targets
< 1 s and < 0.5 s), and the 4-page sample briefing exported to Word (target < 0.5 s).

Inputs are made in the run (the test suite's own document makers; the sample briefing is
the shared paste drafted into the standard template, skipped where ../shared is absent).
The PDF report is measured twice: as LibreOffice writes it from the Word file (how most
reports are made; only where soffice is installed) and as WeasyPrint writes it (Briefing's
own PDFs, which set every glyph apart and cost pdfminer about twice the parsing). Each
figure has a same-run baseline: pypdf's plain text extraction of the same PDF, python-docx
opening the same Word file, and the PDF export of the same briefing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx
from pypdf import PdfReader

from benchmarks.common import SHARED, Figure, median, spread, timed
from briefing.core.drafting import draft_briefing
from briefing.core.importing import import_file
from briefing.core.rendering.export import export_docx, export_pdf
from briefing.core.storage.library import Library
from tests.support.document_makers import long_docx, make_pdf, report_html

PAGES = 20


def _pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def _weasyprint_report(folder: Path) -> Path:
    chapters = 6
    while True:
        path = make_pdf(folder / "report-weasyprint.pdf", report_html(chapters))
        if _pdf_pages(path) >= PAGES:
            return path
        chapters += 4


def _libreoffice_report(folder: Path, docx: Path) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder / f"{docx.stem}.pdf"


def _figure(name: str, runs: list[float], base: list[float], base_name: str, limit: float,
            note: str) -> Figure:  # fmt: skip
    value = median(runs)
    return Figure(
        name=name,
        value=round(value * 1000, 1),
        unit="ms",
        target=f"< {limit * 1000:.0f} ms",
        met=value < limit,
        spread=spread(runs, 1000, "ms"),
        baseline=f"{base_name} {median(base) * 1000:.1f} ms (x{value / median(base):.2f})",
        note=note,
    )


def _interleaved(fn: Callable[[], object], base: Callable[[], object], repeat: int,
                 cpu: list[float] | None = None) -> tuple[list[float], list[float]]:  # fmt: skip
    """Wall times of ``fn`` and ``base`` run alternately (and ``fn``'s own CPU time)."""
    fn()
    base()
    runs: list[float] = []
    bases: list[float] = []
    for _ in range(repeat):
        started = time.process_time()
        runs += timed(fn, 1, warmup=0)
        if cpu is not None:
            cpu.append(time.process_time() - started)
        bases += timed(base, 1, warmup=0)
    return runs, bases


def _cpu_figure(name: str, cpu: list[float], limit: float) -> Figure:
    value = median(cpu)
    return Figure(
        name=f"{name} (CPU time)",
        value=round(value * 1000, 1),
        unit="ms",
        target=f"< {limit * 1000:.0f} ms",
        met=value < limit,
        spread=spread(cpu, 1000, "ms"),
        note="the process's own time: steadier than wall time on the shared machine",
    )


def _pypdf_text(path: Path) -> None:
    for page in PdfReader(str(path)).pages:
        page.extract_text()


def _import_figures(folder: Path, repeat: int) -> list[Figure]:
    word = long_docx(folder / "report.docx", pages=PAGES)
    figures = []
    cpu: list[float] = []
    runs, base = _interleaved(lambda: import_file(word), lambda: docx.Document(str(word)),
                              repeat, cpu)  # fmt: skip
    name = f"import: {PAGES}-page Word report"
    figures.append(_figure(name, runs, base, "python-docx open", 0.5,
                           f"{repeat} runs of import_file"))  # fmt: skip
    figures.append(_cpu_figure(name, cpu, 0.5))
    reports = [("WeasyPrint", _weasyprint_report(folder))]
    made = _libreoffice_report(folder, word)
    if made is not None:
        reports.insert(0, ("LibreOffice", made))
    for maker, pdf in reports:
        cpu = []
        runs, base = _interleaved(lambda p=pdf: import_file(p), lambda p=pdf: _pypdf_text(p),
                                  repeat, cpu)  # fmt: skip
        name = f"import: {_pdf_pages(pdf)}-page PDF report ({maker})"
        figures.append(_figure(
            name, runs, base, "pypdf text",
            1.0, f"{repeat} runs; two columns, running heads, footnotes"
            if maker == "WeasyPrint" else f"{repeat} runs; headings, lists, running text",
        ))  # fmt: skip
        figures.append(_cpu_figure(name, cpu, 1.0))
    return figures


def _export_figure(folder: Path, repeat: int) -> list[Figure]:
    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    if not sample.is_file():
        print(f"bench_documents: {sample} is absent; Word export skipped", file=sys.stderr)
        return []
    library = Library()
    template = library.template("standard")
    briefing = draft_briefing([import_file(sample)], template, library.brand(template.brand))
    cpu: list[float] = []
    runs, base = _interleaved(
        lambda: export_docx(briefing, folder / "sample.docx"),
        lambda: export_pdf(briefing, folder / "sample.pdf"),
        repeat,
        cpu,
    )
    name = "export: sample briefing to Word"
    return [
        _figure(name, runs, base, "PDF export", 0.5,
                f"{repeat} runs of export_docx (styles, fonts, footnotes, atomic write)"),
        _cpu_figure(name, cpu, 0.5),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    repeat = 2 if quick else 15
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        folder = Path(tmp)
        if quick:  # the smoke run only checks the paths run: small inputs
            word = long_docx(folder / "small.docx", pages=2)
            pdf = make_pdf(folder / "small.pdf", report_html(1))
            runs, base = _interleaved(lambda: import_file(pdf), lambda: import_file(word), 1)
            figures = [_figure("import: small PDF (smoke)", runs, base, "small Word", 60.0,
                               "smoke")]  # fmt: skip
            return figures + _export_figure(folder, 1)
        figures = _import_figures(folder, repeat) + _export_figure(folder, repeat)
    print(f"bench_documents: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return figures
