"""What drafting takes from one article: passages by meaning, and prediction candidates.

Used by :mod:`briefing.core.drafting.draft`. Every passage keeps its source id and block id so the
drafted text can be cited and traced back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing.core.model import markup
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Origin, Prediction
from briefing.core.model.estimative import ICD203

PassageKind = Literal["heading", "text", "callout", "takeaway", "qa"]


@dataclass
class Passage:
    kind: PassageKind
    source: str
    block: str
    text: str = ""  # Markdown (already formatted for lists and quotes)
    level: int = 2  # heading level in the article
    label: str = ""  # callout label
    question: str = ""
    answer: str = ""


# "Key Takeaway", "Key points", "Bottom line", "TL;DR"...: the article's own summary.
_TAKEAWAY_LABEL = re.compile(
    r"(?i)^\s*(key\s+(takeaways?|points?|findings?|messages?|judge?ments?)|(the\s+)?takeaways?"
    r"|bottom\s+line|tl;?\s*dr|in\s+(short|brief)|at\s+a\s+glance)\s*[:.!?]?\s*$"
)
# Calls to comment, share or subscribe, and other chrome an importer may have let through.
_CHROME = re.compile(
    r"(?i)\b(tell us|let us know|leave a (comment|reply)|in the comments|comments? below"
    r"|share your (thoughts|views|opinion)|what do you think|join the (conversation|discussion)"
    r"|subscribe|sign up|newsletter|cookies?|ad ?blocker|all rights reserved|follow us"
    r"|share this|click here|read more|related (posts|articles|stories))\b"
)
_CHROME_HEADING = re.compile(
    r"(?i)^\s*(related( posts| articles| stories)?|leave a (comment|reply)|comments?|share( this)?"
    r"|you (may|might) also like|more from .*|read (more|next)|newsletter|advertisement)\s*$"
)
_Q_PREFIX = re.compile(r"(?i)^\s*(\*\*)?(q|question)\s*[:.](\*\*)?\s*")
_A_PREFIX = re.compile(r"(?i)^\s*(\*\*)?(a|answer)\s*[:.](\*\*)?\s*")


def is_takeaway_label(label: str | None) -> bool:
    """True for labels that mark the article's own key takeaway."""
    return bool(label and _TAKEAWAY_LABEL.match(label))


def is_chrome(text: str) -> bool:
    """True for short passages that are calls to comment, share or subscribe."""
    return len(text) < 300 and bool(_CHROME.search(text))


def passages(article: Article) -> list[Passage]:
    """The article's body as drafting passages, in order, with chrome left out."""
    out: list[Passage] = []
    blocks = article.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        src, bid = article.id, b.id
        text = b.text.strip()
        if b.kind == "heading":
            if text and not _CHROME_HEADING.match(text):
                out.append(Passage("heading", src, bid, text=text, level=b.level or 2))
        elif b.kind == "qa":
            q, a = markup.qa_parts(b)
            if q:
                out.append(Passage("qa", src, bid, question=q, answer=a))
        elif b.kind == "callout":
            label = (b.label or "").strip().rstrip(":").strip()
            if not text or is_chrome(text):
                continue
            kind: PassageKind = "takeaway" if is_takeaway_label(label) else "callout"
            out.append(Passage(kind, src, bid, text=text, label=label or "Note"))
        elif _Q_PREFIX.match(text) and i < len(blocks) and _A_PREFIX.match(blocks[i].text):
            # "Q: ..." then "A: ..." paragraphs that the importer left as plain text
            answer = _A_PREFIX.sub("", blocks[i].text.strip(), count=1)
            out.append(Passage("qa", src, bid, question=_Q_PREFIX.sub("", text), answer=answer))
            i += 1
        elif text and not is_chrome(text):
            body = markup.quote(text) if b.kind == "quote" else text
            out.append(Passage("text", src, bid, text=body))
    return out


# ---------------------------------------------------------------- prediction candidates

# Estimative cues, strongest wording first; each maps to a term of the ICD 203 scale.
_CUES: tuple[tuple[str, str], ...] = (
    (r"almost certain(ly)?|nearly certain|virtually certain", "almost certain"),
    (r"highly unlikely|very unlikely", "very unlikely"),
    (r"highly likely|very likely", "very likely"),
    (r"unlikely|probably not|improbable|doubtful", "unlikely"),
    (r"even chance|toss-?up", "roughly even chance"),
    (r"likely|probably|probable", "likely"),
    (r"(is|are) set to|poised to|on track to", "very likely"),
    (r"expect(s|ed)?|anticipated?|forecast to", "likely"),
    (r"could see|could(?! not| have)|might(?! not| have)|may(?! not| have)", "roughly even chance"),
)
_CUE_RES = tuple((re.compile(rf"\b(?:{pattern})\b"), term) for pattern, term in _CUES)
_WEAK = "roughly even chance"
_MIDPOINT = {band.term: round((band.low + band.high) / 2) for band in ICD203}

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_TIMEFRAME = re.compile(
    r"(?i)\b(?:(?:by|before|until|within|over|in|during|after|as early as|from)\s+)?"
    r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
    r"(?:(?:next|this|coming|following|early|late|mid-?)\s+)+"
    r"(?:year|month|months|weeks?|days?|decade|spring|summer|autumn|fall|winter|quarter"
    rf"|{_MONTHS}|[a-z]+\s+recess)\b"
    r"|\b(?:by|before|until|in|within)\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?:"
    rf"{_MONTHS})\s+)?20\d\d\b"
    r"|\b(?:before|until|by)\s+the\s+[a-z]+\s+(?:recess|election|summit|deadline)\b"
)
_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "gen", "col", "lt", "sen", "rep",
    "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "u.s", "u.k", "inc", "ltd", "co", "corp", "approx",
}  # fmt: skip
_END = re.compile(r"[.!?][\"”’)\]*_]*\s+(?=[\"“‘(\[*_]*[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not after common abbreviations like "Dr." or "U.S."."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def estimate(sentence: str) -> tuple[str, int] | None:
    """The ICD 203 term and a guessed percentage for an estimative sentence, else ``None``."""
    found: list[tuple[int, str]] = []
    for rank, (regex, term) in enumerate(_CUE_RES):
        # "may" stays case-sensitive so the month May is not read as a hedge
        text = sentence[:1].lower() + sentence[1:] if term == _WEAK else sentence.lower()
        if regex.search(text):
            found.append((rank, term))
    if not found:
        return None
    term = min(found)[1]
    return term, _MIDPOINT[term]


def strength(p: Prediction) -> int:
    """How clearly a candidate is a forecast: explicit likelihood wording and a time frame."""
    return (0 if p.term == _WEAK else 2) + (1 if p.timeframe else 0)


def timeframe(sentence: str) -> str:
    """The time frame named in a sentence ("before the summer recess", "next year"), or ""."""
    m = _TIMEFRAME.search(sentence)
    if not m:
        return ""
    found = m.group(0).strip()
    return "the" + found[3:] if found.startswith("The ") else found


def prediction_candidates(article: Article) -> list[Prediction]:
    """Forward-looking sentences in estimative language, verbatim, with their source block."""
    out: list[Prediction] = []
    for b in article.blocks:
        if b.kind not in ("paragraph", "list", "quote") or is_chrome(b.text):
            continue
        for line in _body_lines(b):
            for s in sentences(line):
                if s.endswith("?") or len(s) < 20:
                    continue
                guess = estimate(s)
                if guess is None:
                    continue
                term, probability = guess
                out.append(
                    Prediction(
                        statement=s,
                        probability=probability,
                        term=term,
                        timeframe=timeframe(s),
                        confidence="low" if term == _WEAK else "moderate",
                        source=article.id,
                        origin=Origin(article.id, b.id),
                    )
                )
    return out


def _body_lines(b: Block) -> list[str]:
    if b.kind == "list":
        return [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line) for line in b.text.split("\n")]
    return [" ".join(b.text.split())]
