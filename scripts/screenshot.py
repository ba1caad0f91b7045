"""Make the README screenshot from the running editor with the demo briefing.

    python scripts/screenshot.py [--out docs/screenshot.png] [--size 1600x1000]
    python scripts/screenshot.py --article ../shared/samples/takaichi-trump-call.txt --out x.png

Starts the real editor (first run: the demo article drafted into the standard template) with
user folders in a temporary directory, waits for the preview to finish rendering, and grabs
the window. Runs headless (Qt's offscreen platform) unless a display is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--section", default="", help="put the cursor in this section id")
    parser.add_argument("--dark", action="store_true", help="force the dark colour scheme")
    parser.add_argument(
        "--article", type=Path, default=None, help="draft this article instead of the demo"
    )
    parser.add_argument("--source-view", action="store_true", help="show the Markdown source")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="briefing-shot-")
    os.environ["BRIEFING_HOME"] = home  # a first run: no recent files, so the demo shows
    sys.path.insert(0, str(REPO))

    from PySide6.QtTest import QTest

    from briefing.ui.app import Editor, make_app
    from tests.support.waiting import wait_until

    app = make_app(["briefing"])
    if args.dark:
        from briefing.ui.theme import dark_palette

        app.setPalette(dark_palette())
    editor = Editor()
    editor.window.resize(width, height)
    editor.window.show()
    editor.start(str(args.article) if args.article else None, offer_restore=False)
    if args.source_view and hasattr(editor.actions, "source_view"):
        editor.actions.source_view.trigger()
    editor.window.splitter.setSizes([int(width * 0.24), int(width * 0.4), int(width * 0.36)])
    if editor.session.briefing.sources:
        editor.sources.select_block(editor.session.briefing.sources[0].id)
    section = args.section or next(
        (s.id for s in editor.session.briefing.sections if s.markdown.strip()), ""
    )
    if section:
        editor.briefing_pane.focus_section(section)
    if editor.preview is None or not wait_until(editor.preview.is_idle, 120_000):
        print("screenshot: the preview did not finish rendering", file=sys.stderr)
        return 1
    QTest.qWait(2500)  # the page view renders its page images on worker threads
    if args.section:  # again, now that the sections have their final heights
        editor.briefing_pane.focus_section(section)
        QTest.qWait(300)
    image = editor.window.grab()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out)):
        print(f"screenshot: could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({image.width()}x{image.height()})")
    editor.session.mark_saved()
    editor.window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
