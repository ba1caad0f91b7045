"""Citations drawn as chips in the formatted editor: one object character each.

A citation ``[@s1; @s3]`` is a single character (U+FFFC) whose format carries the source ids,
so the cursor steps over it, Backspace removes it whole, and it moves with the text around it.
The chip shows the sources' numbers in the Sources list ("1", "1, 3"); hovering shows their
full titles (the editor asks :meth:`ChipPainter.describe`). Kept-as-written Markdown (an
image, a footnote mark) is drawn the same way, in grey, with its Markdown as the label.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)

from briefing.ui.richtext_qt import CITATION_OBJECT, CITE_IDS, RAW_MARKDOWN, RAW_OBJECT

# source id -> (number in the Sources list, title); None when the briefing has no such source
SourceLookup = Callable[[str], tuple[int, str] | None]


class ChipPainter(QPyTextObject):
    """Draws citation and kept-Markdown objects for one document."""

    def __init__(self, lookup: SourceLookup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lookup = lookup
        self.dark = False

    def install(self, document: QTextDocument) -> None:
        layout = document.documentLayout()
        layout.registerHandler(CITATION_OBJECT, self)
        layout.registerHandler(RAW_OBJECT, self)

    # -- what a chip says ----------------------------------------------------------------
    def ids(self, fmt: QTextFormat) -> list[str]:
        return [i for i in str(fmt.property(CITE_IDS) or "").split(";") if i]

    def label(self, fmt: QTextFormat) -> tuple[str, bool]:
        """The chip's text and whether a source it names is missing."""
        if fmt.objectType() == RAW_OBJECT:
            return str(fmt.property(RAW_MARKDOWN) or ""), False
        numbers: list[str] = []
        missing = False
        for source_id in self.ids(fmt):
            found = self.lookup(source_id)
            if found is None:
                numbers.append(f"{source_id}?")
                missing = True
            else:
                numbers.append(str(found[0]))
        return ", ".join(numbers) or "?", missing

    def describe(self, fmt: QTextFormat) -> str:
        """The tooltip: each cited source's number and full title (plain text)."""
        if fmt.objectType() == RAW_OBJECT:
            return "Kept as written: " + str(fmt.property(RAW_MARKDOWN) or "")
        lines = []
        for source_id in self.ids(fmt):
            found = self.lookup(source_id)
            if found is None:
                lines.append(f"{source_id}: no such source in this briefing")
            else:
                lines.append(f"Source {found[0]}: {found[1]}")
        return "\n".join(lines)

    # -- QTextObjectInterface ------------------------------------------------------------
    def _font_metrics(self, doc: QTextDocument) -> QFontMetricsF:
        font = doc.defaultFont()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.78))
        font.setBold(True)
        return QFontMetricsF(font)

    def intrinsicSize(self, doc: QTextDocument, _pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        text, _missing = self.label(fmt)
        metrics = self._font_metrics(doc)
        return QSizeF(metrics.horizontalAdvance(text) + 10, metrics.height() + 2)

    def drawObject(  # noqa: N802 (Qt name)
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        _pos: int,
        fmt: QTextFormat,
    ) -> None:
        rect = QRectF(rect)
        text, missing = self.label(fmt)
        raw = fmt.objectType() == RAW_OBJECT
        if raw:
            fill, ink = ("#3A3A3A", "#DDDDDD") if self.dark else ("#ECECEC", "#555555")
        elif missing:
            fill, ink = ("#5A2020", "#FFD7D7") if self.dark else ("#FDE2E2", "#B42318")
        else:
            fill, ink = ("#17413C", "#9FE7DC") if self.dark else ("#DDF3EF", "#0B6B60")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(rect.x() + 1, rect.y() + 1, rect.width() - 2, rect.height() - 2)
        painter.setPen(QPen(QColor(ink), 0.8))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(box, 4, 4)
        font = doc.defaultFont()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.78))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(ink))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def baseline_offset(self) -> QPointF:
        return QPointF(0, 0)
