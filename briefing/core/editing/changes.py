"""What an edit changed: the record every editing operation returns and the views refresh from.

Like Anki's ``OpChanges``: an operation on a :class:`~briefing.core.model.document.Briefing`
says which parts it touched, and each view redraws only those. An empty record means the
operation changed nothing (no undo step, no redraw).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Which parts of a briefing an edit changed."""

    meta: bool = False  # the title, subtitle or a ``Meta`` field
    sections: bool = False  # the section list: added, removed, renamed, moved, laid out anew
    text: frozenset[str] = frozenset()  # ids of sections whose Markdown changed
    origins: bool = False  # which source blocks the sections draw on
    sources: bool = False  # sources added, removed or corrected
    predictions: bool = False
    template: bool = False  # the template snapshot (another template)
    brand: bool = False  # the brand snapshot (another brand)
    edition: bool = False  # whether the pages show what changed since the last edition
    calibration: bool = False  # the calibration appendix

    @classmethod
    def everything(cls) -> Changes:
        """Another document altogether (opened, new, restored): everything is new."""
        return cls(True, True, frozenset(), True, True, True, True, True, True, True)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            meta=self.meta or other.meta,
            sections=self.sections or other.sections,
            text=self.text | other.text,
            origins=self.origins or other.origins,
            sources=self.sources or other.sources,
            predictions=self.predictions or other.predictions,
            template=self.template or other.template,
            brand=self.brand or other.brand,
            edition=self.edition or other.edition,
            calibration=self.calibration or other.calibration,
        )

    def section_text(self, section_id: str) -> bool:
        """Whether the Markdown of ``section_id`` may have changed."""
        return self.sections or section_id in self.text


NOTHING = Changes()
