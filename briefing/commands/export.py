"""`briefing export`: Export a briefing to PDF, Word, HTML or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands import Subparsers
from briefing.core import editing
from briefing.core.errors import BriefingError
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import ledger_entries
from briefing.core.memory.record import record_export
from briefing.core.memory.scores import calibration_for
from briefing.core.model.document import Briefing

VARIANT_CHOICES = ("pdf/ua-1", "pdf/a-3b")


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "export",
        help="Export a briefing to PDF, Word, HTML or Markdown",
        description=(
            "Export a .briefing file. The output type follows the suffix of -o: "
            ".pdf (branded PDF, the .briefing source attached), .docx (Word, the brand as "
            "styles, citations as footnotes), .html (one self-contained file) or .md "
            "(portable Markdown)."
        ),
    )
    parser.add_argument(
        "file", type=Path, help="the .briefing file (or a PDF exported with its source attached)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="OUT.pdf, OUT.docx, OUT.html or OUT.md, or a folder (default: a PDF beside FILE, "
        "named from the title and the handling label)",
    )
    parser.add_argument(
        "--variant",
        choices=VARIANT_CHOICES,
        help="PDF/UA-1 (tagged, accessible) or PDF/A-3b (archival)",
    )
    parser.add_argument("--brand", metavar="ID", help="render with this brand from the library")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it exists (the old file is kept as OUT~)",
    )
    parser.add_argument(
        "--no-attach",
        action="store_true",
        help="do not attach the .briefing source inside the PDF",
    )
    parser.add_argument(
        "--changes", action="store_true", help="add 'What changed since the last edition'"
    )
    parser.add_argument(
        "--calibration", action="store_true", help="add the forecast calibration appendix"
    )
    parser.set_defaults(run=run)


def _output(given: Path | None, source: Path, briefing: Briefing) -> Path:
    """``-o`` as given, or the suggested name in the folder given (or the source's folder)."""
    from briefing.core.rendering.export import export_file_name  # (see briefing.commands)

    if given is not None and not given.is_dir():
        return given
    folder = given if given is not None else source.parent
    return folder / export_file_name(briefing, ".pdf")


def run(args: argparse.Namespace) -> int:
    from briefing.core.rendering.export import (
        TARGET_SUFFIXES,
        export_file,  # (see commands)
    )
    from briefing.core.rendering.fonts import harfbuzz_subset_available
    from briefing.core.services import load_document, page_budget_problem, preflight
    from briefing.core.storage.targets import check_target
    from briefing.core.worker.export_client import export_in_worker

    try:
        briefing = load_document(args.file)
        args.output = _output(args.output, args.file, briefing)
        suffix = args.output.suffix.lower()
        if suffix in TARGET_SUFFIXES:  # else export_file names the types
            check_target(args.output, suffixes=TARGET_SUFFIXES, what="an export", force=args.force)
        brand = None
        if args.brand:
            from briefing.core.storage.library import Library

            library = Library()
            try:
                brand = library.brand(args.brand)
            finally:
                for problem in library.problems():  # damaged library files are skipped
                    print(f"briefing: warning: {problem} (skipped)", file=sys.stderr)
        _memory_parts(args, briefing)
        for problem in preflight(briefing):
            print(f"briefing: warning: {args.file}: {problem}", file=sys.stderr)
        if suffix == ".pdf" and not harfbuzz_subset_available():
            print(
                "briefing: warning: libharfbuzz-subset0 is not installed; PDF export is slower",
                file=sys.stderr,
            )
        if suffix != ".pdf" and args.variant:
            print("briefing: warning: --variant applies to PDF only; ignored", file=sys.stderr)
        if suffix not in (".pdf", ".html") and (args.changes or args.calibration):
            print(
                "briefing: warning: --changes and --calibration appear in PDF and HTML only",
                file=sys.stderr,
            )
        if suffix in TARGET_SUFFIXES:
            # In the render worker, under the editor's time and memory limits.
            export_in_worker(
                briefing,
                args.output,
                brand=brand,
                variant=args.variant,
                attach_source=not args.no_attach,
            )
        else:
            export_file(briefing, args.output)  # says which types there are
    except BriefingError as err:
        print(f"briefing: {err}", file=sys.stderr)
        return 1
    if args.file.suffix.lower() == ".briefing":
        _remember(briefing, args.output, args.file)
    pages = _page_count(args.output) if suffix == ".pdf" else None
    over = page_budget_problem(briefing, pages) if pages else None
    if over:
        print(f"briefing: warning: {args.output}: {over}", file=sys.stderr)
    print(f"exported {args.output}" + (f" ({pages} pages)" if pages else ""))
    return 0


def _memory_parts(args: argparse.Namespace, briefing: Briefing) -> None:
    """--changes and --calibration: the optional sections, for this export only."""
    if args.changes:
        if briefing.edition is None:
            print(
                f"briefing: warning: {args.file}: not a later edition; no changes to show",
                file=sys.stderr,
            )
        else:
            editing.show_changes(briefing, True)
    if args.calibration:
        with MemoryIndex() as index:
            entries = ledger_entries(index)
        editing.set_calibration(briefing, calibration_for(entries, briefing.meta.analyst))


def _remember(briefing: Briefing, output: Path, saved: Path) -> None:
    try:
        record_export(briefing, output, saved)
    except (BriefingError, OSError) as err:
        print(f"briefing: warning: not added to the library: {err}", file=sys.stderr)


def _page_count(path: Path) -> int | None:
    """Pages in the PDF just written (``None`` if it cannot be read back)."""
    from pypdf import PdfReader  # when the command runs (see briefing.commands)

    try:
        return len(PdfReader(str(path)).pages)
    except Exception:  # the export itself succeeded; the count is only a courtesy
        return None
