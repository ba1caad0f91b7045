"""The citation marks of one document: endnote numbers or footnotes, as the brand asks.

``endnotes``: a superscript with each source's number in the Sources list, linked to it.
``footnotes``: a footnote at the foot of the page, the reference in full the first time a
source is cited and short after that; a mark citing several sources (``[@s1; @s3]``) is one
footnote naming them all. The Sources list at the end gives every source in full either way.

One object serves a whole document and is used in reading order (the cover's summary first,
then the sections, then the predictions table), so "the first time" is the first on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core.model.article import Article
from briefing.core.model.document import Briefing
from briefing.core.rendering.markdown import number_marks
from briefing.core.rendering.references import full_reference, short_reference


@dataclass
class Citations:
    """Marks for ``[@s1]`` in one document (see the module docstring)."""

    numbers: dict[str, int]
    articles: dict[str, Article]
    style: str = "endnotes"
    given_in_full: set[str] = field(default_factory=set)
    # While set, marks are not drawn but their sources collected (see source_line).
    collected: list[str] | None = None

    @classmethod
    def for_briefing(cls, briefing: Briefing, style: str = "endnotes") -> Citations:
        sources = [a for a in briefing.sources if a.id]
        return cls(
            numbers={a.id: n for n, a in enumerate(briefing.sources, start=1) if a.id},
            articles={a.id: a for a in sources},
            style=style if style in ("endnotes", "footnotes") else "endnotes",
        )

    def mark(self, source_ids: list[str]) -> str:
        """The HTML of one mark citing ``source_ids``."""
        ids = list(dict.fromkeys(source_ids))
        known = [i for i in ids if i in self.articles]
        if self.collected is not None and len(known) == len(ids):
            self.collected.extend(i for i in ids if i not in self.collected)
            return ""
        if self.style != "footnotes" or len(known) != len(ids):
            return number_marks(self.numbers, ids)
        refs = []
        for source_id in known:
            article = self.articles[source_id]
            if source_id in self.given_in_full:
                refs.append(short_reference(article))
            else:
                refs.append(full_reference(article))
                self.given_in_full.add(source_id)
        return f'<span class="fn">{" ".join(refs)}</span>'

    def source_line(self) -> str:
        """The sources collected since ``collected`` was set, as a line of full references.

        A cover page cannot hold footnotes (its layout is fixed to the page), so in footnote
        style its summary names its sources in a line of its own; later footnotes then give
        them short.
        """
        ids, self.collected = self.collected or [], None
        if not ids:
            return ""
        refs = " ".join(full_reference(self.articles[i]) for i in ids)
        self.given_in_full.update(ids)
        label = "Source" if len(ids) == 1 else "Sources"
        return f'<p class="summary-source"><span class="label">{label}:</span> {refs}</p>'
