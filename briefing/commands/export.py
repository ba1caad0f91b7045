"""`briefing export`: Export a briefing to PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands import Subparsers
from briefing.core.errors import BriefingError, DocumentError
from briefing.core.model.document import Briefing

VARIANT_CHOICES = ("pdf/ua-1", "pdf/a-3b")


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "export",
        help="Export a briefing to PDF, HTML or Markdown",
        description=(
            "Export a .briefing file. The output type follows the suffix of -o: "
            ".pdf (branded PDF, the .briefing source attached), .html (one self-contained "
            "file) or .md (portable Markdown)."
        ),
    )
    parser.add_argument(
        "file", type=Path, help="the .briefing file (or a PDF exported with its source attached)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="OUT.pdf, OUT.html or OUT.md, or a folder (default: a PDF beside FILE, named "
        "from the title and the handling label)",
    )
    parser.add_argument(
        "--variant",
        choices=VARIANT_CHOICES,
        help="PDF/UA-1 (tagged, accessible) or PDF/A-3b (archival)",
    )
    parser.add_argument("--brand", metavar="ID", help="render with this brand from the library")
    parser.add_argument(
        "--no-attach",
        action="store_true",
        help="do not attach the .briefing source inside the PDF",
    )
    parser.set_defaults(run=run)


def _load(path: Path) -> Briefing:
    from briefing.core.rendering import source_from_pdf  # when the command runs (see commands)
    from briefing.core.storage.document_io import load_briefing, loads_briefing

    if path.suffix.lower() != ".pdf":
        return load_briefing(path)
    text = source_from_pdf(path)
    if text is None:
        raise DocumentError("this PDF carries no .briefing source to export from", path)
    return loads_briefing(text, name=str(path))


def _output(given: Path | None, source: Path, briefing: Briefing) -> Path:
    """``-o`` as given, or the suggested name in the folder given (or the source's folder)."""
    from briefing.core.rendering.export import export_file_name  # (see briefing.commands)

    if given is not None and not given.is_dir():
        return given
    folder = given if given is not None else source.parent
    return folder / export_file_name(briefing, ".pdf")


def run(args: argparse.Namespace) -> int:
    from briefing.core.rendering import export_file, harfbuzz_subset_available  # (see commands)
    from briefing.core.services import page_budget_problem, preflight

    try:
        briefing = _load(args.file)
        args.output = _output(args.output, args.file, briefing)
        brand = None
        if args.brand:
            from briefing.core.storage.library import Library

            brand = Library().brand(args.brand)
        for problem in preflight(briefing):
            print(f"briefing: warning: {args.file}: {problem}", file=sys.stderr)
        suffix = args.output.suffix.lower()
        if suffix == ".pdf" and not harfbuzz_subset_available():
            print(
                "briefing: warning: libharfbuzz-subset0 is not installed; PDF export is slower",
                file=sys.stderr,
            )
        if suffix != ".pdf" and args.variant:
            print("briefing: warning: --variant applies to PDF only; ignored", file=sys.stderr)
        export_file(
            briefing,
            args.output,
            brand=brand,
            variant=args.variant,
            attach_source=not args.no_attach,
        )
    except BriefingError as err:
        print(f"briefing: {err}", file=sys.stderr)
        return 1
    pages = _page_count(args.output) if suffix == ".pdf" else None
    over = page_budget_problem(briefing, pages) if pages else None
    if over:
        print(f"briefing: warning: {args.output}: {over}", file=sys.stderr)
    print(f"exported {args.output}" + (f" ({pages} pages)" if pages else ""))
    return 0


def _page_count(path: Path) -> int | None:
    """Pages in the PDF just written (``None`` if it cannot be read back)."""
    from pypdf import PdfReader  # when the command runs (see briefing.commands)

    try:
        return len(PdfReader(str(path)).pages)
    except Exception:  # the export itself succeeded; the count is only a courtesy
        return None
