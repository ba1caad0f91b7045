"""The Briefing Markdown dialect: the one module that knows ``[@s1]``, ``:::`` and ``**Q:**``.

Section text is CommonMark (with tables, footnotes and strikethrough) plus four marks::

    Citations   Cables carry 95 percent of traffic. [@s1]      (several: [@s1; @s3])
                A citation ends a run of sentences from the same sources: "A. B. [@s1] C. [@s2]"

    Callouts    ::: callout Did you know?
                More than 95 percent of data traffic travels through undersea cables. [@s1]
                :::

    Q&A pairs   ::: qa
                **Q:** Who pays for seabed surveillance?

                Mostly governments, through defence budgets. [@s1]
                :::

    Checks      ::: check
                Sources disagree (delay): “four days” [@s1; @s3] or “five days” [@s2]. ...
                :::

A check is a note to the analyst, not content: drafting writes one where sources disagree on
a figure or a date; the preview and the PDF show it as an analyst's note, word counts leave it
out and the checks before export (:func:`check_notes`) name it until the analyst deletes it.

Text taken from an article never opens or closes a container: a ``:::`` at the start of one of
its lines is escaped as ``\\:::`` (:func:`escape`). This module writes the dialect
(:func:`cite`, :func:`callout`, :func:`qa_pair`, :func:`block_markdown`), gives the patterns
that read it (:data:`CITATION`, :func:`parse_fence`) and says which section holds the
predictions table (:func:`is_predictions_section`). The renderer, the Markdown export, the spell
checker, the editor's highlighter and word count, drafting and the block inserter all use it, so
a block dropped into a section reads exactly as the same block drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing.core.model.article import Block
from briefing.core.model.document import Briefing, Section

CALLOUT = "callout"
QA = "qa"
CHECK = "check"
CONTAINERS = (CALLOUT, QA, CHECK)
CHECK_LABEL = "Check before sending"
QUESTION_PREFIX = "Q:"  # written bold, **Q:**, before the question of a Q&A pair
ANSWER_PREFIX = "A:"  # an answer may start **A:**; the renderer drops it
DEFAULT_LABEL = "Note"

_SOURCE_ID = r"[A-Za-z0-9_-]+"
# ``[@s1]`` or ``[@s1; @s3]`` (a comma works too); group 1 holds the ids.
CITATION_PATTERN = rf"\[@({_SOURCE_ID}(?:\s*[;,]\s*@{_SOURCE_ID})*)\]"
CITATION = re.compile(CITATION_PATTERN)
# The mark that opens or closes a container and the container's name (empty when closing).
# Four spaces of indent make a line code, not a fence.
FENCE_MARK_PATTERN = r"^[ \t]{0,3}:::[ \t]*([\w-]*)"
# The label is stripped in code: "(.*?)\s*$" rescans a run of spaces once per character.
_FENCE = re.compile(FENCE_MARK_PATTERN + r"[ \t]*(.*)$")
# Each line's own indent only: "^(\s*)" ran on over every following blank line (quadratic).
_LEADING_FENCE = re.compile(r"(?m)^([^\S\n]*):::")


_LINK = re.compile(r"^(https?://[^\s/?#@]+(?:[/?#]\S*)?|mailto:[^\s@/]+@[^\s@/]+)$", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+([/?#]\S*)?$")


def link_target(typed: str) -> str | None:
    """The address a link may have, from what the analyst typed: ``http``, ``https`` or
    ``mailto`` only (``example.org/x`` becomes ``https://example.org/x``); ``None`` for
    anything else (``javascript:``, ``file:``, a local path, a blank)."""
    text = typed.strip()
    if _BARE_HOST.match(text) and "@" not in text:
        text = "https://" + text
    return text if _LINK.match(text) else None


@dataclass(frozen=True)
class Fence:
    """A ``:::`` line: ``name`` is ``"callout"``, ``"qa"``, another word, or ``""`` (a close)."""

    name: str
    label: str = ""  # the rest of the line, e.g. a callout's "Did you know?"

    @property
    def closes(self) -> bool:
        return not self.name and not self.label


def parse_fence(line: str) -> Fence | None:
    """The fence on ``line``, or ``None`` when the line is not one."""
    match = _FENCE.match(line)
    if match is None:
        return None
    return Fence(match[1], match[2].rstrip())


def fence_info(info: str) -> Fence:
    """What follows ``:::`` on an opening line (markdown-it's ``token.info``), parsed."""
    return parse_fence(":::" + info) or Fence("")


def citation_ids(inner: str) -> list[str]:
    """The source ids of a citation's group 1: ``"s1; @s3"`` -> ``["s1", "s3"]``."""
    return [part.strip().lstrip("@") for part in re.split(r"[;,]", inner)]


def citation(*source_ids: str) -> str:
    """``[@s1]`` or ``[@s1; @s3]`` (repeats dropped); ``""`` without ids."""
    ids = [s for s in dict.fromkeys(source_ids) if s]
    return f"[{'; '.join(f'@{s}' for s in ids)}]" if ids else ""


def escape(text: str) -> str:
    """Article text as dialect text: stripped, and a ``:::`` at a line start escaped."""
    return _LEADING_FENCE.sub(r"\1\\:::", text.strip())


def cite(text: str, *source_ids: str) -> str:
    """Escaped ``text`` ending in its citation: ``"Text. [@s1]"``."""
    mark = citation(*source_ids)
    return f"{escape(text)} {mark}" if mark else escape(text)


def callout_label(label: str | None) -> str:
    """A callout's label on one line, without a trailing colon: ``"Key Takeaway"``."""
    words = " ".join((label or "").replace(":::", " ").split())
    return words.rstrip(":").strip() or DEFAULT_LABEL


CalloutKind = Literal["key", "warning", "note"]
_KEY_LABELS = {
    "key takeaway",
    "key takeaways",
    "bottom line",
    "bottom line up front",
    "bluf",
    "key judgement",
    "key judgment",
    "key judgements",
    "key judgments",
    "assessment",
}
_WARNING = re.compile(r"\b(warning|caution|risk|risks|alert|danger|beware|important)\b", re.I)


def callout_kind(label: str | None) -> CalloutKind:
    """What a callout is, from its label: a key judgement (``Key Takeaway``, ``BLUF``), a
    warning (``Warning``, ``Caution``, ``Risk``) or a note (everything else: ``Did you know?``,
    ``Pro Tip``, ``Expert Insight`` carried over from web pages)."""
    words = callout_label(label).casefold().rstrip("?!.")
    if words in _KEY_LABELS:
        return "key"
    if _WARNING.search(words):
        return "warning"
    return "note"


def callout(label: str | None, text: str, *source_ids: str) -> str:
    """A ``::: callout`` container holding ``text`` with its citation."""
    return f"::: {CALLOUT} {callout_label(label)}\n{cite(text, *source_ids)}\n:::"


def qa_pair(question: str, answers: list[str]) -> str:
    """A ``::: qa`` container: the question, then each answer (already cited) in turn."""
    asked = " ".join(escape(question).split())
    body = "\n\n".join([f"**{QUESTION_PREFIX}** {asked}", *answers])
    return f"::: {QA}\n{body}\n:::"


def check_note(text: str) -> str:
    """A ``::: check`` container: a note for the analyst (``text`` may carry citations)."""
    return f"::: {CHECK}\n{escape(text)}\n:::"


def _container_spans(markdown: str, name: str) -> list[tuple[int, int, str]]:
    """(first line, line after the close, inner text) of each top-level ``name`` container."""
    lines = markdown.split("\n")
    out: list[tuple[int, int, str]] = []
    depth, start, opened = 0, 0, ""
    for n, line in enumerate(lines):
        fence = parse_fence(line)
        if fence is None:
            continue
        if fence.closes:
            if depth == 1 and opened == name:
                out.append((start, n + 1, "\n".join(lines[start + 1 : n])))
            depth = max(0, depth - 1)
        elif fence.name in CONTAINERS:
            if depth == 0:
                start, opened = n, fence.name
            depth += 1
    return out


def check_notes(markdown: str) -> list[str]:
    """The text of each ``::: check`` note in a section's Markdown, in order."""
    if ":::" not in markdown:
        return []
    return [" ".join(text.split()) for _, _, text in _container_spans(markdown, CHECK)]


def without_checks(markdown: str) -> str:
    """``markdown`` with its check notes taken out (what the reader's word count counts)."""
    if ":::" not in markdown:
        return markdown
    lines = markdown.split("\n")
    for start, end, _ in reversed(_container_spans(markdown, CHECK)):
        del lines[start:end]
    return "\n".join(lines)


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_FENCE_LINE = re.compile(FENCE_MARK_PATTERN + r".*$", re.MULTILINE)


def count_words(markdown: str) -> int:
    """Words a reader reads: citations, link targets, fences and check notes left out.

    This is how a section's text is counted against its word budget, everywhere."""
    text = without_checks(markdown)
    if ":::" in text:
        text = _FENCE_LINE.sub(" ", text)
    return len(_WORD.findall(CITATION.sub(" ", _LINK_TARGET.sub("]", text))))


def quote(text: str) -> str:
    """``text`` as a Markdown quote (lines already quoted stay as they are)."""
    return "\n".join(
        line if line.startswith(">") else f"> {line}".rstrip() for line in text.split("\n")
    )


def heading_level(article_level: int, *, several: bool = False) -> int:
    """The level an article heading takes in a section: below the section's own heading, and
    one further down when several articles share the section under their own titles."""
    shift, floor = (2, 4) if several else (1, 3)
    return min(6, max(floor, article_level + shift))


def heading(text: str, level: int) -> str:
    return f"{'#' * level} {escape(text)}"


def qa_parts(block: Block) -> tuple[str, str]:
    """A Q&A block's question and answer (from its text when the fields are empty)."""
    question, answer = (block.question or "").strip(), (block.answer or "").strip()
    if not (question or answer) and "\n" in block.text:
        question, answer = (part.strip() for part in block.text.strip().split("\n", 1))
    return question, answer


def block_markdown(block: Block, source_id: str) -> str:
    """An article block as a cited passage of section Markdown, as drafting writes it."""
    text = block.text.strip()
    if block.kind == "heading":
        return heading(text, heading_level(block.level or 2))
    if block.kind == "quote":
        return cite(quote(text), source_id)
    if block.kind == "callout":
        return callout(block.label, text, source_id)
    if block.kind == "qa":
        question, answer = qa_parts(block)
        if question:
            return qa_pair(question, [cite(answer, source_id)] if answer else [])
    return cite(text, source_id)


def is_predictions_section(briefing: Briefing, section: Section) -> bool:
    """Whether the predictions table belongs in ``section``: the ``predictions`` section, or
    one its template fills with predictions (the BLUF brief's and the sitrep's Outlook)."""
    if section.id == "predictions":
        return True
    specs = briefing.template.sections if briefing.template else []
    return any(s.id == section.id and "predictions" in s.fill for s in specs)


def predictions_section(briefing: Briefing) -> Section | None:
    """The first section that holds the predictions table, or ``None`` (it then comes last)."""
    return next((s for s in briefing.sections if is_predictions_section(briefing, s)), None)
