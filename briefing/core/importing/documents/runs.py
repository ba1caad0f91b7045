"""Styled runs of text -> one Markdown-flavoured line (bold, italic, links)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.importing.web_blocks import wrap_emphasis

_FINAL = tuple(".!?:;,…")
# Characters that would start Markdown structure where the document meant plain text.
_MARKS = re.compile(r"([*_`\[\]])")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
            last.text += run.text
        elif last and not run.text.strip() and last.link == run.link:
            last.text += run.text  # a styled space joins the run before it
        else:
            out.append(Run(run.text, run.bold, run.italic, run.link))
    return out


def plain_text(runs: list[Run]) -> str:
    return " ".join("".join(r.text for r in runs).split())


def join_runs(runs: list[Run]) -> str:
    """The runs as one line: ``**bold**``, ``*italic*``, ``[text](url)``; spaces tidied."""
    merged = _merged(runs)
    whole_bold = bool(merged) and all(r.bold for r in merged if r.text.strip())
    parts = []
    for run in merged:
        text = _MARKS.sub(r"\\\1", run.text)
        if run.italic:
            text = wrap_emphasis(text, "*")
        if run.bold and not whole_bold:
            text = wrap_emphasis(text, "**")
        if run.link and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            text = f"{lead}[{text.strip()}]({run.link}){trail}"
        parts.append(text)
    line = " ".join("".join(parts).replace("\n", " ").split())
    if whole_bold and line:
        line = f"**{line}**"
    return line


def looks_like_heading(runs: list[Run]) -> bool:
    """A short line, all bold, without final punctuation: what many documents use for a
    heading instead of a heading style."""
    merged = [r for r in _merged(runs) if r.text.strip()]
    text = plain_text(merged)
    return (
        bool(merged)
        and all(r.bold for r in merged)
        and 0 < len(text.split()) <= 12
        and not text.endswith(_FINAL)
    )
