"""Spelling underlines in the formatted editor: the words of each block, not its chips.

Citation chips (object characters) and inline code are not prose and are never checked; a
link's address is not text at all here, so only the words a reader sees are checked.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from briefing.core.spelling import SpellChecker
from briefing.ui.richtext_qt import IS_CODE, OBJECT_CHAR
from briefing.ui.richtext_qt_read import role_of


def prose_of(block_text: str) -> str:
    """The block's text with chips as spaces (positions stay the same)."""
    return block_text.replace(OBJECT_CHAR, " ").replace("\u2028", " ")


class FollowsSpelling(QSyntaxHighlighter):
    """A highlighter that underlines with a spell checker and redraws when its dictionary
    changes (both the formatted view's and the Markdown source's)."""

    _spell: SpellChecker | None = None

    @property
    def spell(self) -> SpellChecker | None:
        return self._spell

    def set_spell(self, spell: SpellChecker | None, *, rehighlight: bool = True) -> None:
        """Turn spelling underlines on (with a checker) or off (``None``)."""
        if spell is not None and spell is not self._spell:
            spell.on_change(self._spelling_changed)
        self._spell = spell
        if rehighlight:
            self.rehighlight()

    def _spelling_changed(self) -> None:
        if self._spell is not None:
            self.rehighlight()


class SpellHighlighter(FollowsSpelling):
    """Underlines misspelled words in a formatted section (``spell`` may be set later)."""

    def __init__(self, document: QTextDocument, spell: SpellChecker | None = None) -> None:
        super().__init__(document)
        self._spell = None
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(QColor("#D61F1F"))
        self.set_spell(spell, rehighlight=False)

    def _code_spans(self) -> list[tuple[int, int]]:
        spans = []
        it = self.currentBlock().begin()
        start = self.currentBlock().position()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().property(IS_CODE):
                at = fragment.position() - start
                spans.append((at, at + fragment.length()))
            it += 1
        return spans

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        if self._spell is None or role_of(self.currentBlock()) == "raw":
            return
        code = self._code_spans()
        for start, end, _word in self._spell.misspelled(prose_of(text)):
            if any(s < end and start < e for s, e in code):
                continue
            self.setFormat(start, end - start, self.underline)
