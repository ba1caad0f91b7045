"""Shapes of article structure in text: callouts, Q&A, list items, heading-like lines.

Shared by the plain-text and Markdown readers (and usable by the web extractor)."""

from __future__ import annotations

import re

# Labels of boxed asides as sites and analysts write them. A label in quotes (“Label:”) is a
# callout whatever its words; unquoted, only these words make one.
CALLOUT_LABELS = (
    "key takeaways?|takeaways?|key points?|key facts?|did you know|expert insights?"
    "|expert opinion|expert view|pro tips?|quick tips?|tips?|top tips?|notes?|nb|warning"
    "|caution|important|heads up|remember|editor'?s notes?|editor’s notes?|author'?s notes?"
    "|bottom line|the bottom line|why it matters|what it means|what to watch|what'?s next"
    "|in brief|in short|summary|tl;? ?dr|fun fact|quick fact|fact check|fact|background"
    "|context|by the numbers|analysis|our view|the big picture|big picture|go deeper"
    "|update|correction|disclaimer|disclosure|insight|spotlight|case study|example"
    "|definition|quote of the day|reality check|side note|caveat|forecast|outlook"
)
# Runs of spaces are taken whole (possessive "\s*+") and never two optional runs side by side:
# "\s*x?\s*" tries every split of a long run, which made these rules quadratic (a 100,000-space
# paste took minutes). Every rule here runs in linear time (tests/core/importing/test_linear_time).
_CALLOUT_QUOTED = re.compile(
    r"^[“\"‘'«]\s*+([^“”\"‘’'«»:?!]{2,40}?)\s*+(?:([:?!])\s*+)?[”\"’'»]\s*+(?:([:—–-])\s*+)?"
    r"(\S.*)$",
    re.DOTALL,
)
_CALLOUT_PLAIN = re.compile(
    rf"^(?:\*\*|__)?({CALLOUT_LABELS})(?:\*\*|__)?\s*+([:?!—–])\s*+(?:(?:\*\*|__)\s*+)?(\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_KNOWN_LABEL = re.compile(f"(?:{CALLOUT_LABELS})", re.IGNORECASE)
# The text after the marker is taken whole and its closing "**" trimmed in Python (a lazy
# "(\S.*?)\s*(\*\*)?$" rescans the trailing spaces once per character: quadratic).
_QUESTION = re.compile(
    r"^(?:\*\*|__)?(?:q|question)\s*+(?:\d+\s*+)?[:.)]\s*+(?:(?:\*\*|__)\s*+)?(\S.*)$", re.I | re.S
)
_ANSWER = re.compile(
    r"^(?:\*\*|__)?(?:a|answer)\s*+(?:\d+\s*+)?[:.)]\s*+(?:(?:\*\*|__)\s*+)?(\S.*)$", re.I | re.S
)
_FAQ_HEADING = re.compile(
    r"^\W*(frequently asked questions|faqs?|questions and answers|q\s?&\s?a|your questions"
    r"( answered)?|common questions)\W*$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*([-*+•·▪◦‣●○■□➢➤►✓✔]|\d{1,3}[.)])\s+(\S.*)$")
_FINAL_PUNCT = tuple('.!?:;,…"”’)')


def callout(text: str) -> tuple[str, str] | None:
    """``(label, body)`` if ``text`` is a callout such as "Key Takeaway: ..." or
    "“Expert Insight:” ..." or "Did you know? ...", else ``None``."""
    m = _CALLOUT_QUOTED.match(text)
    if m and len(m.group(1).split()) <= 5 and m.group(1)[:1].isupper():
        mark = m.group(2) or m.group(3)
        # “Label:” is a callout; “Why now?” asked one official is speech, unless its words
        # are a known label (“Did you know?”).
        if mark == ":" or (mark in ("?", "!") and _KNOWN_LABEL.fullmatch(m.group(1))):
            return _label(m.group(1), mark), m.group(4).strip()
    m = _CALLOUT_PLAIN.match(text)
    if m:
        return _label(m.group(1), m.group(2)), m.group(3).strip()
    return None


_LABEL_ONLY = re.compile(
    rf"^(?:\*\*|__)?({CALLOUT_LABELS})\s*+:?(?:\*\*|__)?\s*+:?$", re.IGNORECASE
)


def label_only(text: str) -> str | None:
    """The label of a line that is only a callout label ("Key points:"), else ``None``."""
    m = _LABEL_ONLY.match(text.strip())
    return _label(m.group(1), ":") if m else None


def _label(words: str, mark: str | None) -> str:
    words = words.strip()
    if words.islower():
        words = words[0].upper() + words[1:]
    return words + "?" if mark == "?" else words


def question(text: str) -> str | None:
    """The question of a "Q: ..." / "Question: ..." line."""
    m = _QUESTION.match(text)
    return _closing_marks_off(m.group(1)) if m else None


def answer(text: str) -> str | None:
    """The answer of an "A: ..." / "Answer: ..." line."""
    m = _ANSWER.match(text)
    return _closing_marks_off(m.group(1)) if m else None


def _closing_marks_off(text: str) -> str:
    """``text`` without trailing spaces and one closing ``**`` or ``__`` (of "**Q: x**")."""
    text = text.rstrip()
    if text.endswith(("**", "__")):
        text = text[:-2].rstrip()
    return text.strip()


def is_faq_heading(text: str) -> bool:
    """ "Frequently Asked Questions", "FAQ", "Q&A"..."""
    return bool(_FAQ_HEADING.match(text.strip("#*_ ")))


def heading_like(text: str, *, question: bool = False) -> bool:
    """A short line without final punctuation that starts like a title; with ``question``
    a short question ("Why Does It Matter?") counts too."""
    line = text.strip()
    if not line or "\n" in line or len(line) > 120 or len(line.split()) > 16:
        return False
    short_question = question and line.endswith("?") and len(line.split()) <= 10
    if (line.endswith(_FINAL_PUNCT) and not short_question) or BULLET.match(line):
        return False
    first = line.lstrip("#*_ ")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or not first.isalpha())
