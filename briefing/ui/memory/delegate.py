"""A search result painted as plain text: title, a line of facts, and the snippet with the
matched words in bold. Text from files is laid out with QTextLayout formats, never as HTML."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing.core.memory.search import Hit

HIT_ROLE = Qt.ItemDataRole.UserRole + 10  # the Hit object
PAD = 6

Index = QModelIndex | QPersistentModelIndex


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class HitDelegate(QStyledItemDelegate):
    """Three lines per hit: bold title, grey facts, the snippet (matches bold)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.lineSpacing() * 4 + 2 * PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        if hit is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRectF = QRectF(option.rect).adjusted(PAD, PAD, -PAD, -PAD)
        base: QFont = option.font
        line = QFontMetrics(base).lineSpacing()
        painter.save()
        bold = QFont(base)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(role))
        title = QFontMetrics(bold).elidedText(
            hit.title or "(untitled)", Qt.TextElideMode.ElideRight, int(rect.width())
        )
        painter.drawText(rect.topLeft() + QPointF(0, QFontMetrics(bold).ascent()), title)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        painter.setFont(small)
        muted = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(role) if selected else muted)
        facts = QFontMetrics(small).elidedText(
            facts_of(hit), Qt.TextElideMode.ElideRight, int(rect.width())
        )
        painter.drawText(rect.topLeft() + QPointF(0, line + QFontMetrics(small).ascent()), facts)
        painter.setPen(palette.color(role))
        self._snippet(
            painter,
            hit.snippet,
            base,
            QRectF(rect.left(), rect.top() + 2 * line + 2, rect.width(), 2 * line),
        )
        painter.restore()

    def _snippet(
        self, painter: QPainter, runs: list[tuple[str, bool]], font: QFont, rect: QRectF
    ) -> None:
        text = "".join(t for t, _ in runs).replace("\n", " ")
        layout = QTextLayout(text, font)
        formats = []
        at = 0
        for piece, matched in runs:
            if matched:
                fmt = QTextLayout.FormatRange()
                fmt.start, fmt.length = at, _utf16(piece)
                char = QTextCharFormat()
                char.setFontWeight(QFont.Weight.Bold)
                fmt.format = char
                formats.append(fmt)
            at += _utf16(piece)
        layout.setFormats(formats)
        layout.beginLayout()
        y = 0.0
        for _ in range(2):
            tl = layout.createLine()
            if not tl.isValid():
                break
            tl.setLineWidth(rect.width())
            tl.setPosition(QPointF(0, y))
            y += tl.height()
        layout.endLayout()
        painter.setClipRect(rect)
        layout.draw(painter, rect.topLeft())


def facts_of(hit: Hit) -> str:
    """The grey line under a hit's title: kind, author or analyst, site, date, uses."""
    parts = ["Source" if hit.kind == "source" else "Briefing"]
    for value in (hit.authors, hit.site, hit.date, hit.handling):
        shown = " ".join(value.split())
        if shown:
            parts.append(shown[:80])
    uses = hit.uses
    if uses:
        parts.append(f"used in {uses} briefing{'s' if uses != 1 else ''}")
    return " · ".join(parts)
