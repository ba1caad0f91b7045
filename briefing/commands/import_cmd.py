"""`briefing import`: import articles and show what was found."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from briefing.commands import Subparsers
from briefing.core.model.article import Article


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "import",
        help="Import articles and show what was found",
        description="Import article files (.txt, .md, .html, .htm, .mhtml, .pdf, .docx, .docm, "
        ".odt, .eml) and show the metadata and structure found. A newsletter e-mail of several "
        "stories gives one source per story. Bad files are reported one line each on stderr.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files to import")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON list, one object per source"
    )
    parser.set_defaults(run=run)


def article_json(article: Article) -> dict[str, Any]:
    """The CLI's JSON object for one article."""
    blocks = []
    for block in article.blocks:
        item: dict[str, Any] = {"kind": block.kind, "text": block.text}
        for key in ("level", "label", "question", "answer"):
            value = getattr(block, key)
            if value is not None:
                item[key] = value
        blocks.append(item)
    return {
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "site": article.site,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "blocks": blocks,
    }


def _summary(name: str, article: Article) -> str:
    counts: dict[str, int] = {}
    for block in article.blocks:
        counts[block.kind] = counts.get(block.kind, 0) + 1
    lines = [f"{name}", f"  title:     {article.title}"]
    if article.authors:
        lines.append(f"  authors:   {', '.join(article.authors)}")
    for label, value in (
        ("published", article.published),
        ("site", article.site),
        ("url", article.url),
        ("language", article.language),
    ):
        if value:
            lines.append(f"  {label + ':':<10} {value}")
    words = len(article.text.split())
    kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
    lines.append(f"  body:      {words} words; {kinds}")
    for block in article.blocks:
        if block.kind == "heading":
            lines.append(f"    # {block.text}")
        elif block.kind == "callout":
            lines.append(f"    [{block.label}] {_short(block.text)}")
        elif block.kind == "qa":
            lines.append(f"    Q: {_short(block.question or '')}")
    return "\n".join(lines)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from briefing.core.importing import import_files  # when it runs (see briefing.commands)

    results = import_files(args.files)
    good: list[tuple[str, Article]] = []
    failed = False
    for name, result in zip(args.files, results, strict=True):
        if isinstance(result, list):  # a newsletter gives one source per story
            good.extend((name, article) for article in result)
        else:
            failed = True
            print(f"briefing: {result}", file=sys.stderr)
    try:
        if args.json:
            out = [article_json(a) for _, a in good]
            json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif good:
            print("\n\n".join(_summary(name, a) for name, a in good))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: not an error worth a traceback
        sys.stderr.close()
    return 1 if failed else 0
