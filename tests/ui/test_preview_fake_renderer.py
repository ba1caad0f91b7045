"""A stand-in renderer for the render worker's machinery tests (no test functions here).

The worker loads it with ``--renderer <this file>:render``. It renders the briefing's title
and sections with WeasyPrint (headings become bookmarks), and misbehaves on request so the
time-limit, memory-limit and crash handling can be proven without depending on the real
renderer's performance: a title starting ``SLEEP`` never finishes, ``HOG`` allocates until
the memory limit stops it, ``CRASH`` kills the worker.
"""

from __future__ import annotations

import html
import json
import os
import time
from typing import Any


def render(text: str, options: dict[str, Any]) -> bytes:
    import weasyprint

    data = json.loads(text)
    title = str(data.get("title", ""))
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
