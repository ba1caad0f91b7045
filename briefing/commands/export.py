"""`briefing export`: Export a briefing to PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

VARIANT_CHOICES = ("pdf/ua-1", "pdf/a-3b")


def register(sub: Any) -> None:
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
        "-o", "--output", type=Path, required=True, help="OUT.pdf, OUT.html or OUT.md"
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
    parser.set_defaults(run=run)


def _load(path: Path) -> Any:
    from briefing.core.errors import DocumentError
    from briefing.core.rendering import source_from_pdf
    from briefing.core.storage.document_io import load_briefing, loads_briefing

    if path.suffix.lower() != ".pdf":
        return load_briefing(path)
    text = source_from_pdf(path)
    if text is None:
        raise DocumentError("this PDF carries no .briefing source to export from", path)
    return loads_briefing(text, name=str(path))


def _empty_required(briefing: Any) -> list[str]:
    """Required sections still empty: the PDF leaves them out, so say so before it goes out."""
    if briefing.template is None:
        return []
    required = {s.id for s in briefing.template.sections if s.required}
    has_table = bool(briefing.predictions)
    fills = {s.id: s.fill for s in briefing.template.sections}
    return [
        f"required section '{s.title}' is empty and left out of the output"
        for s in briefing.sections
        if s.id in required
        and not s.markdown.strip()
        and not (has_table and "predictions" in fills.get(s.id, []))
    ]


def run(args: argparse.Namespace) -> int:
    from briefing.core.errors import BriefingError
    from briefing.core.rendering import export_file, harfbuzz_subset_available, prediction_problems
    from briefing.core.rendering.export import TARGET_SUFFIXES
    from briefing.core.rendering.worker_export import export_in_worker
    from briefing.core.storage.targets import check_target

    try:
        if args.output.suffix.lower() in TARGET_SUFFIXES:  # else export_file names the types
            check_target(args.output, suffixes=TARGET_SUFFIXES, what="an export", force=args.force)
        briefing = _load(args.file)
        brand = None
        if args.brand:
            from briefing.core.storage.library import Library

            library = Library()
            try:
                brand = library.brand(args.brand)
            finally:
                for problem in library.problems():  # damaged library files are skipped
                    print(f"briefing: warning: {problem} (skipped)", file=sys.stderr)
        for problem in prediction_problems(briefing) + _empty_required(briefing):
            print(f"briefing: warning: {args.file}: {problem}", file=sys.stderr)
        suffix = args.output.suffix.lower()
        if suffix == ".pdf" and not harfbuzz_subset_available():
            print(
                "briefing: warning: libharfbuzz-subset0 is not installed; PDF export is slower",
                file=sys.stderr,
            )
        opts: dict[str, Any] = {"brand": brand}
        if suffix == ".pdf":
            opts.update(variant=args.variant, attach_source=not args.no_attach)
        elif args.variant:
            print("briefing: warning: --variant applies to PDF only; ignored", file=sys.stderr)
        if suffix in TARGET_SUFFIXES:
            # In the render worker, under the editor's time and memory limits.
            export_in_worker(briefing, args.output, **opts)
        else:
            export_file(briefing, args.output, **opts)  # says which types there are
    except BriefingError as err:
        print(f"briefing: {err}", file=sys.stderr)
        return 1
    pages = _page_count(args.output) if suffix == ".pdf" else None
    budget = briefing.template.page_budget if briefing.template else None
    if pages and budget and pages > budget:
        print(
            f"briefing: warning: {args.output}: {pages} pages; "
            f"the template's page budget is {budget}",
            file=sys.stderr,
        )
    print(f"exported {args.output}" + (f" ({pages} pages)" if pages else ""))
    return 0


def _page_count(path: Path) -> int | None:
    """Pages in the PDF just written (``None`` if it cannot be read back)."""
    from pypdf import PdfReader

    try:
        return len(PdfReader(str(path)).pages)
    except Exception:  # the export itself succeeded; the count is only a courtesy
        return None
