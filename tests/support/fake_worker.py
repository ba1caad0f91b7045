"""A render worker with a stand-in renderer, for the worker machinery's tests.

    python tests/support/fake_worker.py [--log FILE] [--memory-mb N]

It is the real worker (:func:`briefing.core.worker.service.main`, the real protocol, limits and
process handling) with this module's :func:`render` passed in as its renderer. ``render`` draws
the briefing's title and sections with WeasyPrint (headings become bookmarks) and misbehaves on
request, so the time-limit, memory-limit and crash handling can be proven without depending on
the real renderer's speed: a title starting ``SLEEP`` never finishes, ``HOG`` allocates until
the memory limit stops it, ``CRASH`` kills the worker. With ``--log FILE`` every job it starts
adds a line to FILE, so a test can count the renders a burst of requests really started.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

FAKE_WORKER = Path(__file__).resolve()
_LOG: list[Path] = []


def render(text: str, options: dict[str, Any]) -> bytes:
    import weasyprint

    data = json.loads(text)
    title = str(data.get("title", ""))
    for log in _LOG:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(title[:40].replace("\n", " ") + "\n")
    if title.startswith("SLEEP"):
        while True:
            time.sleep(0.05)
    if title.startswith("HOG"):
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))
    if title.startswith("CRASH"):
        os._exit(9)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for section in data.get("sections", []):
        parts.append(f"<h2>{html.escape(str(section.get('title', '')))}</h2>")
        markdown = section.get("markdown", "")
        if isinstance(markdown, list):  # the .briefing format stores Markdown as lines
            markdown = "\n".join(markdown)
        for para in str(markdown).split("\n\n"):
            parts.append(f"<p>{html.escape(para)}</p>")
    return bytes(weasyprint.HTML(string="".join(parts)).write_pdf())


def jobs_started(log: Path) -> int:
    """How many jobs workers started with ``--log log`` have begun."""
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def main(argv: list[str]) -> int:
    from briefing.core.worker.service import main as worker_main

    if argv[:1] == ["--log"]:
        _LOG.append(Path(argv[1]))
        argv = argv[2:]
    return worker_main(argv, renderer=render)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
