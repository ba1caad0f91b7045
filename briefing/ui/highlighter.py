"""Markdown syntax highlighting for the section editors, with spelling underlines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextDocument,
)

from briefing.core.model import markup
from briefing.core.spelling import SpellChecker
from briefing.ui.spell_highlight import FollowsSpelling

NORMAL, IN_FENCE = 0, 1

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(\s.*)?$")
_SETEXT = re.compile(r"^\s*(=+|-{2,})\s*$")
_QUOTE = re.compile(r"^\s*>.*$")
_LIST = re.compile(r"^\s*([-*+]|\d{1,9}[.)])(\s+\[[ xX]\])?\s")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(
    r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_CODE = re.compile(r"`[^`]+`")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>|https?://[^\s<>()]*[^\s<>().,;:!?'\"]")


@dataclass(frozen=True)
class Palette:
    """The highlight colours for one appearance (light or dark)."""

    heading: str
    marker: str
    emphasis: str
    link: str
    quote: str
    container: str
    citation: str
    code: str
    code_bg: str
    spelling: str


LIGHT = Palette(
    heading="#1F3A5F",
    marker="#8A6D00",
    emphasis="#202020",
    link="#1558B0",
    quote="#5F6B7A",
    container="#7B3FA0",
    citation="#0B7A6E",
    code="#9C2F2F",
    code_bg="#F1F3F5",
    spelling="#D61F1F",
)
DARK = Palette(
    heading="#8DB8F2",
    marker="#E0B84C",
    emphasis="#ECECEC",
    link="#6EA8FE",
    quote="#A3AEBD",
    container="#C79BEA",
    citation="#4FD1BE",
    code="#F08C8C",
    code_bg="#2B2F36",
    spelling="#FF6B6B",
)


def is_dark() -> bool:
    """Whether the application currently uses a dark appearance."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def _fmt(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(FollowsSpelling):
    """Colours Markdown, Briefing containers and citations; underlines misspellings."""

    def __init__(
        self,
        document: QTextDocument,
        spell: SpellChecker | None = None,
        *,
        dark: bool | None = None,
    ) -> None:
        super().__init__(document)
        self._spell: SpellChecker | None = None
        self._dark = dark
        self._build_formats()
        self.set_spell(spell, rehighlight=False)
        if QGuiApplication.instance() is not None:
            # Follow the system when it switches between light and dark while running.
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    # -- configuration -------------------------------------------------------------------------
    def update_palette(self, dark: bool | None = None) -> None:
        """Re-pick colours after the light/dark appearance changed."""
        self._dark = dark
        self._build_formats()
        self.rehighlight()

    def _scheme_changed(self, _scheme: object = None) -> None:
        if self._dark is None:
            self.update_palette(None)

    def _build_formats(self) -> None:
        dark = is_dark() if self._dark is None else self._dark
        p = DARK if dark else LIGHT
        self.palette = p
        self.f_heading = _fmt(p.heading, bold=True)
        self.f_marker = _fmt(p.marker, bold=True)
        self.f_bold = QTextCharFormat()
        self.f_bold.setFontWeight(QFont.Weight.Bold)
        self.f_italic = QTextCharFormat()
        self.f_italic.setFontItalic(True)
        self.f_link = _fmt(p.link)
        self.f_link.setFontUnderline(True)
        self.f_url = _fmt(p.quote)
        self.f_syntax = _fmt(p.quote)
        self.f_quote = _fmt(p.quote, italic=True)
        self.f_container = _fmt(p.container, bold=True)
        self.f_label = _fmt(p.container, italic=True)
        self.f_citation = _fmt(p.citation, bold=True)
        self.f_code = _fmt(p.code)
        self.f_code.setFontFamilies(
            [QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()]
        )
        self.f_code.setBackground(QColor(p.code_bg))
        self.f_spelling = QTextCharFormat()
        self.f_spelling.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.f_spelling.setUnderlineColor(QColor(p.spelling))

    # -- highlighting -----------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        previous = self.previousBlockState()
        in_fence = previous == IN_FENCE
        if _FENCE.match(text):
            self.setFormat(0, len(text), self.f_code)
            self.setCurrentBlockState(NORMAL if in_fence else IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), self.f_code)
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(NORMAL)
        self._block_formats(text)
        self._inline_formats(text)
        if self._spell is not None:
            self._underline_misspellings(text)

    def _block_formats(self, text: str) -> None:
        if m := _HEADING.match(text):
            self.setFormat(0, len(text), self.f_heading)
            self.setFormat(0, len(m.group(1)), self.f_marker)
        elif _RULE.match(text) or _SETEXT.match(text):
            self.setFormat(0, len(text), self.f_marker)
        elif fence := markup.parse_fence(text):
            self.setFormat(0, len(text), self.f_container)
            if fence.label:
                start = text.rindex(fence.label)
                self.setFormat(start, len(fence.label), self.f_label)
        elif _QUOTE.match(text):
            self.setFormat(0, len(text), self.f_quote)
        if m := _LIST.match(text):
            self.setFormat(m.start(1), m.end(0) - m.start(1), self.f_marker)

    def _merge(self, start: int, length: int, extra: QTextCharFormat) -> None:
        # Keep the block format (heading colour, quote italics) and add the inline one.
        pos = start
        end = start + length
        while pos < end:
            base = QTextCharFormat(self.format(pos))
            run = pos + 1
            while run < end and self.format(run) == self.format(pos):
                run += 1
            base.merge(extra)
            self.setFormat(pos, run - pos, base)
            pos = run

    def _inline_formats(self, text: str) -> None:
        for m in _BOLD.finditer(text):
            self._merge(m.start(), m.end() - m.start(), self.f_bold)
            self._merge(m.start(), 2, self.f_syntax)
            self._merge(m.end() - 2, 2, self.f_syntax)
        for m in _ITALIC.finditer(text):
            self._merge(m.start(), m.end() - m.start(), self.f_italic)
            self._merge(m.start(), 1, self.f_syntax)
            self._merge(m.end() - 1, 1, self.f_syntax)
        for m in _AUTOLINK.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.f_link)
        for m in _LINK.finditer(text):
            self.setFormat(m.start(), m.start(1) - m.start(), self.f_url)  # "[" or "!["
            self._merge(m.start(1), len(m.group(1)), self.f_link)
            self.setFormat(m.end(1), m.end() - m.end(1), self.f_url)  # "](target)"
        for m in markup.CITATION.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.f_citation)
        for m in _CODE.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.f_code)

    def _underline_misspellings(self, text: str) -> None:
        assert self._spell is not None
        for start, end, _word in self._spell.misspelled(text):
            self._merge(start, end - start, self.f_spelling)
