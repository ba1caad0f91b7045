"""What changed since the last edition: judgements, likelihoods, sources and text.

Judgements are matched by prediction id (an edition carries them over with their ids), then
by statement for files made before ids existed; sections by id, then by title. Text is
compared word by word (difflib), and each changed section keeps the runs of kept, added and
removed words, so the editor and the PDF can show exactly what moved.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from briefing.core.memory.editions import baseline_of
from briefing.core.model.document import Briefing, Prediction, Section, SourceRef

Op = Literal["same", "added", "removed"]
_TOKENS = re.compile(r"\S+|\s+")


@dataclass
class SectionChange:
    section_id: str
    title: str
    status: Literal["added", "removed", "changed"]
    words_added: int = 0
    words_removed: int = 0
    runs: list[tuple[Op, str]] = field(default_factory=list)


@dataclass
class JudgementChange:
    pid: str
    status: Literal["added", "removed", "revised"]
    statement: str
    old_statement: str = ""
    old_probability: int | None = None
    new_probability: int | None = None
    old_timeframe: str = ""
    new_timeframe: str = ""

    @property
    def likelihood_moved(self) -> bool:
        return (
            self.status == "revised"
            and self.old_probability is not None
            and self.new_probability is not None
            and self.old_probability != self.new_probability
        )


@dataclass
class Changes:
    """The difference between an earlier edition and this one."""

    previous_title: str
    previous_date: str
    number: int  # this edition's number (0 when unknown)
    judgements: list[JudgementChange] = field(default_factory=list)
    new_sources: list[SourceRef] = field(default_factory=list)
    dropped_sources: list[SourceRef] = field(default_factory=list)
    sections: list[SectionChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.judgements or self.new_sources or self.dropped_sources or self.sections)

    @property
    def moved(self) -> list[JudgementChange]:
        """Revised judgements whose likelihood moved (60 % -> 80 %)."""
        return [j for j in self.judgements if j.likelihood_moved]


_FENCE = re.compile(r"^\s*:::.*$", re.MULTILINE)
_MARKS = re.compile(r"^\s{0,3}(#{1,6}|>)\s*", re.MULTILINE)
_CITE = re.compile(r"\s*\[@[^\]\s]{1,64}\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def plain(markdown: str) -> str:
    """Section Markdown as the reader sees its words: no callout fences, heading or quote
    marks, emphasis, citations or link targets (the diff is about the words)."""
    text = _FENCE.sub("", markdown)
    text = _MARKS.sub("", text)
    text = _LINK.sub(r"\1", _CITE.sub("", text))
    return _EMPHASIS.sub("", text).strip()


CONTEXT_WORDS = 8  # unchanged words shown on each side of a change


def context(text: str, *, keep_start: bool, keep_end: bool, words: int = CONTEXT_WORDS) -> str:
    """An unchanged run cut to the words beside the changes (``keep_start``: it follows a
    change; ``keep_end``: one follows it), its edge spaces kept, the cut marked "…"."""
    parts = text.split()
    if len(parts) <= 2 * words + 1:
        return text
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    head = lead + " ".join(parts[:words]) + " " if keep_start else ""
    tail = " " + " ".join(parts[-words:]) + trail if keep_end else ""
    return f"{head}…{tail}"


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> tuple[list[tuple[Op, str]], int, int]:
    """Runs of kept, added and removed text, with the counts of words added and removed."""
    a, b = _words(old), _words(new)
    key_a = [t if t.strip() else " " for t in a]  # any whitespace equals any whitespace
    key_b = [t if t.strip() else " " for t in b]
    runs: list[tuple[Op, str]] = []
    added = removed = 0

    def push(op: Op, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("same", b[j1:j2])
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        removed += sum(1 for t in old_part if t.strip())
        added += sum(1 for t in new_part if t.strip())
        push("removed", old_part)
        push("added", new_part)
    return runs, added, removed


def _match(
    old: list[Prediction], new: list[Prediction]
) -> list[tuple[Prediction | None, Prediction | None]]:
    by_id = {p.id: p for p in old}
    by_text = {" ".join(p.statement.split()).casefold(): p for p in old}
    used: set[int] = set()
    pairs: list[tuple[Prediction | None, Prediction | None]] = []
    for p in new:
        match = by_id.get(p.id)
        if match is None or id(match) in used:
            match = by_text.get(" ".join(p.statement.split()).casefold())
        if match is not None and id(match) in used:
            match = None
        if match is not None:
            used.add(id(match))
        pairs.append((match, p))
    pairs += [(p, None) for p in old if id(p) not in used]
    return pairs


def _judgements(old: list[Prediction], new: list[Prediction]) -> list[JudgementChange]:
    out = []
    for before, after in _match(old, new):
        if before is None and after is not None:
            out.append(
                JudgementChange(
                    after.id,
                    "added",
                    after.statement,
                    new_probability=after.probability,
                    new_timeframe=after.timeframe,
                )  # fmt: skip
            )
        elif after is None and before is not None:
            out.append(
                JudgementChange(
                    before.id,
                    "removed",
                    before.statement,
                    old_probability=before.probability,
                    old_timeframe=before.timeframe,
                )  # fmt: skip
            )
        elif before is not None and after is not None:
            same = (
                " ".join(before.statement.split()) == " ".join(after.statement.split())
                and before.probability == after.probability
                and before.timeframe.strip() == after.timeframe.strip()
                and (before.resolve_by or "") == (after.resolve_by or "")
            )
            if not same:
                out.append(
                    JudgementChange(
                        after.id,
                        "revised",
                        after.statement,
                        before.statement,
                        before.probability,
                        after.probability,
                        before.timeframe,
                        after.timeframe,
                    )  # fmt: skip
                )
    return out


def _sections(old: list[Section], new: list[Section]) -> list[SectionChange]:
    by_id = {s.id: s for s in old}
    by_title = {s.title.casefold(): s for s in old}
    seen: set[int] = set()
    out = []
    for s in new:
        before = by_id.get(s.id) or by_title.get(s.title.casefold())
        if before is None or id(before) in seen:
            if plain(s.markdown):
                runs, added, _ = word_diff("", plain(s.markdown))
                out.append(SectionChange(s.id, s.title, "added", added, 0, runs))
            continue
        seen.add(id(before))
        old_text, new_text = plain(before.markdown), plain(s.markdown)
        if old_text.split() == new_text.split():
            continue
        runs, added, removed = word_diff(old_text, new_text)
        out.append(SectionChange(s.id, s.title, "changed", added, removed, runs))
    for s in old:
        if id(s) not in seen and plain(s.markdown):
            runs, _, removed = word_diff(plain(s.markdown), "")
            out.append(SectionChange(s.id, s.title, "removed", 0, removed, runs))
    return out


def compare(
    old_sections: list[Section],
    old_predictions: list[Prediction],
    old_sources: list[SourceRef],
    new: Briefing,
    *,
    previous_title: str = "",
    previous_date: str = "",
) -> Changes:
    """The changes from an earlier state (sections, predictions, source list) to ``new``."""
    _, new_refs = baseline_of(new)
    old_keys = {r.key for r in old_sources}
    new_keys = {r.key for r in new_refs}
    return Changes(
        previous_title=previous_title,
        previous_date=previous_date,
        number=new.edition.number if new.edition else 0,
        judgements=_judgements(old_predictions, new.predictions),
        new_sources=[r for r in new_refs if r.key not in old_keys],
        dropped_sources=[r for r in old_sources if r.key not in new_keys],
        sections=_sections(old_sections, new.sections),
    )


def changes_since_edition(b: Briefing) -> Changes | None:
    """What changed since the previous edition kept in ``b`` (``None`` for a first edition)."""
    e = b.edition
    if e is None:
        return None
    return compare(
        e.sections, e.predictions, e.sources, b,
        previous_title=e.previous_title, previous_date=e.previous_date,
    )  # fmt: skip


def compare_briefings(old: Briefing, new: Briefing) -> Changes:
    """What changed from the briefing ``old`` to ``new`` (any two, editions or not)."""
    sections, refs = baseline_of(old)
    return compare(
        sections, old.predictions, refs, new,
        previous_title=old.title, previous_date=old.meta.date,
    )  # fmt: skip
