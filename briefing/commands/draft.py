"""`briefing draft`: draft articles into a briefing template.

    briefing draft ARTICLE... [--template ID] [--brand ID] [-o FILE.briefing [--force]] [--json]

Without ``-o`` the draft is printed as Markdown (or as JSON with ``--json``); with ``-o`` it is
saved as a ``.briefing`` file that the editor opens.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.commands import Subparsers
from briefing.commands.library import remember
from briefing.core.errors import BriefingError, DocumentError
from briefing.core.model import markup
from briefing.core.model.document import Briefing, Prediction


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "draft",
        help="Draft articles into a briefing template",
        description="Import articles and draft them into a template, content placed by meaning.",
    )
    parser.add_argument(
        "articles",
        nargs="+",
        type=Path,
        metavar="ARTICLE",
        help="article files (.txt, .md, .html, .mhtml, .pdf, .docx, .odt, .eml)",
    )
    parser.add_argument(
        "-t",
        "--template",
        default="standard",
        metavar="ID",
        help="template id (default: standard; see `briefing templates list`)",
    )
    parser.add_argument("--brand", metavar="ID", help="brand id (default: the template's)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.briefing",
        help="save the draft as a .briefing file",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing output file (kept as FILE~)"
    )
    parser.add_argument("--json", action="store_true", help="print the draft as JSON")
    parser.set_defaults(run=run)


def summary(b: Briefing) -> dict[str, Any]:
    """The ``--json`` form: title, template, sections, sources (and prediction candidates)."""
    return {
        "title": b.title,
        "template": b.template.id if b.template else None,
        "sections": [{"id": s.id, "title": s.title, "markdown": s.markdown} for s in b.sections],
        "sources": [
            {
                "title": a.title,
                "authors": list(a.authors),
                "site": a.site,
                "url": a.url,
                "published": a.published,
            }
            for a in b.sources
        ],
        "predictions": [
            {
                "statement": p.statement,
                "term": p.term,
                "probability": p.probability,
                "timeframe": p.timeframe,
                "source": p.source,
            }
            for p in b.predictions
        ],
    }


def _likelihood(p: Prediction) -> str:
    if p.term and p.probability is not None:
        return f"{p.term}, {p.probability}%"
    return p.term or "not assessed"


def _markdown(b: Briefing) -> str:
    parts = [f"# {b.title}"]
    holder = markup.predictions_section(b)
    for s in b.sections:
        body = s.markdown.strip()
        if b.predictions and s is holder:
            lines = [f"- {p.statement} ({_likelihood(p)}) {markup.citation(p.source or '')}"
                     for p in b.predictions]  # fmt: skip
            body = "\n\n".join(x for x in [body, "Candidates:\n\n" + "\n".join(lines)] if x)
        parts.append(f"## {s.title}\n\n{body or '_(to write)_'}")
    sources = [
        f"{n}. {markup.citation(a.id)} {a.title}" + (f", {a.site}" if a.site else "")
        for n, a in enumerate(b.sources, start=1)
    ]
    parts.append("## Sources\n\n" + "\n".join(sources))
    return "\n\n".join(parts) + "\n"


def check_output(path: Path, force: bool) -> None:
    """Refuse ``path`` as a new briefing's file: not a .briefing, already there without
    ``force``, or open in the editor."""
    from briefing.core.storage.lock import is_stale, read_lock  # (see briefing.commands)
    from briefing.core.storage.targets import check_target

    check_target(path, suffixes=(".briefing",), what="a briefing", force=force)
    holder = read_lock(path)
    if holder is not None and not is_stale(holder):
        raise DocumentError(f"the file is open in the editor: {holder.describe()}", path)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs, not when the parser is built (see briefing.commands).
    from briefing.core.importing import import_files
    from briefing.core.services import new_briefing
    from briefing.core.storage.document_io import save_briefing
    from briefing.core.storage.library import Library

    if args.output is not None:
        check_output(args.output, args.force)
    library = Library()
    try:
        library.template(args.template)  # an unknown template fails before any import
        if args.brand:
            library.brand(args.brand)
    finally:
        for problem in library.problems():  # a damaged library file is skipped, and said so
            print(f"briefing: warning: {problem} (skipped)", file=sys.stderr)
    results = import_files(args.articles)
    errors = [r for r in results if isinstance(r, BriefingError)]
    for err in errors:
        print(f"briefing: {err}", file=sys.stderr)
    if errors:
        return 1
    # A newsletter gives one source per story.
    articles = [a for r in results if isinstance(r, list) for a in r]
    # The editor's way (services.new_briefing): Preferences' analyst and organisation too.
    briefing = new_briefing(library, args.template, articles, brand_id=args.brand)
    if args.output is not None:
        save_briefing(briefing, args.output)
        remember(briefing, args.output)
        if not args.json:
            words = sum(markup.count_words(s.markdown) for s in briefing.sections)
            print(
                f"{args.output}: drafted “{briefing.title}” ({words} words, "
                f"{len(briefing.predictions)} prediction candidates)"
            )
    if args.json:
        print(json.dumps(summary(briefing), indent=2, ensure_ascii=False))
    elif args.output is None:
        sys.stdout.write(_markdown(briefing))
    return 0
