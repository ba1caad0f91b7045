"""`briefing condense`: condense or expand a section of a briefing to a chosen length.

    briefing condense FILE.briefing                          (each section's length and room)
    briefing condense FILE.briefing --section ID --words N [-o OUT.briefing [--force]]

The same operation as the editor's "Condense or expand…" (``resize_section`` in the core): a
section still as drafted is drafted again at N words; one the analyst has written in loses or
gains whole drafted sentences only. Without ``-o`` the file is changed in place (atomically);
a file open in the editor is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.commands import Subparsers
from briefing.commands.draft import check_output
from briefing.core.errors import DocumentError


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "condense",
        help="Condense or expand a section to a number of words",
        description=(
            "Condense or expand one section of a .briefing file to N words, taking whole "
            "sentences out or bringing more in from its sources. With no --section, list each "
            "section's length, budget and the longest it can be made."
        ),
    )
    parser.add_argument("file", type=Path, help="the .briefing file")
    parser.add_argument("-s", "--section", metavar="ID", help="section id (e.g. background)")
    parser.add_argument("-w", "--words", type=int, metavar="N", help="the length to reach")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT.briefing", help="save here instead"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing OUT (kept as OUT~)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs, not when the parser is built (see briefing.commands).
    from briefing.core.editing import resize_section, section_capacity
    from briefing.core.storage.document_io import load_briefing, save_briefing

    briefing = load_briefing(args.file)
    if args.section is None:
        if args.words is not None:
            raise DocumentError("--words needs --section (which section to condense)", args.file)
        for each in briefing.sections:
            room = section_capacity(briefing, each.id)
            budget = f" of {room.budget}" if room.budget else ""
            print(f"{each.id}: {room.words}{budget} words (up to {room.most})")
        return 0
    if args.words is None:
        raise DocumentError("say how long: --words N", args.file)
    target = args.output or args.file
    # As draft and edition write: a .briefing, replaced only with --force (or, without -o, the
    # file named to change), and never while the editor has it open.
    check_output(target, args.force or args.output is None)
    section = briefing.section(args.section)
    before = section_capacity(briefing, args.section).words
    changes = resize_section(briefing, args.section, args.words)
    title = section.title if section is not None else args.section
    if not changes and args.output is None:
        print(f"{args.file}: {title} stays at {before} words (nothing to take out or add)")
        return 0
    after = section_capacity(briefing, args.section).words
    save_briefing(briefing, target)
    verb = "condensed" if after < before else "expanded" if after > before else "rewritten"
    print(f"{target}: {title} {verb} from {before} to {after} words")
    return 0
