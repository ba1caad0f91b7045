"""The briefing as portable Markdown, readable in any Markdown editor.

Briefing-only syntax becomes plain CommonMark/GFM: ``::: callout Label`` becomes a quote
with a bold label, ``::: qa`` pairs lose their fences, ``[@s1]`` citations become ``[1]``
pointing at the numbered Sources list, and predictions become a table.
"""

from __future__ import annotations

import re

from briefing.core.model import markup
from briefing.core.model.document import Briefing
from briefing.core.rendering.markdown import live_source_url
from briefing.core.rendering.predictions import confidence_text, likelihood_text

_RAW_TAG = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]*>)(?=[A-Za-z/!?])")
_CODE_SPAN = re.compile(r"(`+)(?:.*?)\1")


def _inert(line: str) -> str:
    """Escape raw HTML so other Markdown viewers show it as text, as Briefing does."""
    out, pos = [], 0
    for code in _CODE_SPAN.finditer(line):
        out.append(_RAW_TAG.sub(r"\\<", line[pos : code.start()]))
        out.append(code.group(0))
        pos = code.end()
    out.append(_RAW_TAG.sub(r"\\<", line[pos:]))
    return "".join(out)


def _inert_block(text: str) -> str:
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append(line if fenced or line.startswith("    ") else _inert(line))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return _inert(" ".join(text.split()).replace("|", "\\|")) or "—"


def _citations(text: str, numbers: dict[str, int]) -> str:
    def replace(match: re.Match[str]) -> str:
        ids = markup.citation_ids(match[1])
        return "[" + ", ".join(str(numbers.get(i, "?")) for i in ids) + "]"

    return markup.CITATION.sub(replace, text)


def _containers(text: str) -> str:
    out: list[str] = []
    stack: list[str] = []
    for line in text.splitlines():
        fence = markup.parse_fence(line)
        if fence and fence.name in markup.CONTAINERS:
            stack.append(fence.name)
            if fence.name == markup.CALLOUT:
                out.append(f"> **{markup.callout_label(fence.label)}**")
                out.append(">")
            elif fence.name == markup.CHECK:
                out.append(f"> **{markup.CHECK_LABEL} (a note for the analyst)**")
                out.append(">")
            continue
        if fence and fence.closes and stack:
            stack.pop()
            continue
        if stack and stack[-1] in (markup.CALLOUT, markup.CHECK):
            out.append(f"> {line}" if line.strip() else ">")
        else:
            out.append(line)
    return "\n".join(out)


def _predictions(briefing: Briefing, numbers: dict[str, int]) -> str:
    rows = [
        "| Judgement | Likelihood | Time frame | Confidence | Indicators |",
        "|---|---|---|---|---|",
    ]
    for p in briefing.predictions:
        likelihood, problem = likelihood_text(p, briefing.likelihood_scale)
        if problem:
            likelihood += " (check: term and percentage disagree)"
        number = numbers.get(p.source or (p.origin.source if p.origin else "") or "")
        cite = f" [{number}]" if number else ""
        rows.append(
            f"| {_cell(p.statement)}{cite} | {_cell(likelihood)} | "
            f"{_cell(p.timeframe or p.resolve_by or '')} | {confidence_text(p)} | "
            f"{_cell('; '.join(p.indicators))} |"
        )
    return "\n".join(rows)


def render_markdown_document(briefing: Briefing) -> str:
    """The whole briefing as one Markdown text."""
    meta = briefing.meta
    numbers = {a.id: n for n, a in enumerate(briefing.sources, start=1) if a.id}
    parts = [f"# {_inert(briefing.title)}"]
    if briefing.subtitle:
        parts.append(f"*{_inert(briefing.subtitle)}*")
    facts = [
        ("Handling", meta.handling),
        ("Date", meta.date),
        ("Analyst", meta.analyst),
        ("Organisation", meta.organisation),
        ("Reference", meta.reference),
        ("Status", meta.status),
    ]
    parts.append("  \n".join(f"**{k}:** {_inert(v)}" for k, v in facts if v))
    placed = False
    for section in briefing.sections:
        body = _inert_block(_containers(_citations(section.markdown.strip(), numbers)))
        is_predictions = markup.is_predictions_section(briefing, section)
        if not body and not (is_predictions and briefing.predictions):
            continue
        parts.append(f"## {_inert(section.title)}")
        if body:
            parts.append(body)
        if is_predictions and briefing.predictions and not placed:
            parts.append(_predictions(briefing, numbers))
            placed = True
    if briefing.predictions and not placed:
        parts += ["## Predictions", _predictions(briefing, numbers)]
    if briefing.sources:
        parts.append("## Sources")
        items = []
        for n, a in enumerate(briefing.sources, start=1):
            bits = [", ".join(a.authors)] if a.authors else []
            bits.append(f"“{a.title}”")
            bits += [b for b in (a.site, a.published) if b]
            item = f"{n}. " + _inert(", ".join(bits)) + "."
            if a.url:
                safe = live_source_url(a.url) and not re.search(r"[\s<>]", a.url)
                item += f" <{a.url}>" if safe else f" {_inert(a.url)}"
            if a.accessed:
                item += f" (accessed {_inert(a.accessed)})"
            items.append(item)
        parts.append("\n".join(items))
    return "\n\n".join(parts) + "\n"
