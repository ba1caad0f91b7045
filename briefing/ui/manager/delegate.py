"""How a template or brand is drawn in the manager's lists: thumbnail, name, origin, summary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 4

_BADGE = {"builtin": "#5B6B82", "user": "#2E7D4F", "team": "#8A5A00"}
_BADGE_TEXT = {"builtin": "BUILT-IN", "user": "YOURS", "team": "TEAM"}
Index = QModelIndex | QPersistentModelIndex


class LibraryItemDelegate(QStyledItemDelegate):
    """Thumbnail on the left; bold name, an origin badge, a summary and the description."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        icon = option.decorationSize
        return QSize(option.rect.width() or 280, icon.height() + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else QApplication.style()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(text_role)
        muted = QColor(text_color)
        muted.setAlphaF(0.72)

        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        size = option.decorationSize
        thumb = QRect(rect.left(), rect.top(), size.width(), size.height())
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            painter.fillRect(thumb.adjusted(2, 2, 2, 2), QColor(0, 0, 0, 40))  # soft shadow
            icon.paint(painter, thumb)
            painter.setPen(QColor(0, 0, 0, 60))
            painter.drawRect(thumb.adjusted(0, 0, -1, -1))

        x = thumb.right() + 12
        width = rect.right() - x
        base = QFont(option.font)
        name_font = QFont(base)
        name_font.setBold(True)
        name_font.setPointSizeF(base.pointSizeF() * 1.08)
        y = rect.top() + 2

        painter.setFont(name_font)
        painter.setPen(text_color)
        name_metrics = QFontMetrics(name_font)
        name = name_metrics.elidedText(
            str(index.data(NAME_ROLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(x, y, width, name_metrics.height()), Qt.AlignmentFlag.AlignLeft, name
        )
        y += name_metrics.height() + 4

        origin = str(index.data(ORIGIN_ROLE) or "user")
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.78)
        small.setBold(True)
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        label = _BADGE_TEXT.get(origin, origin.upper())
        badge = QRect(x, y, small_metrics.horizontalAdvance(label) + 10, small_metrics.height() + 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_BADGE.get(origin, "#5B6B82")))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        painter.setFont(base)
        painter.setPen(muted)
        metrics = QFontMetrics(base)
        detail = str(index.data(DETAIL_ROLE) or "")
        detail_rect = QRect(badge.right() + 8, y, rect.right() - badge.right() - 8, badge.height())
        painter.drawText(
            detail_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        y += badge.height() + 6

        description = str(index.data(DESCRIPTION_ROLE) or "")
        if description:
            available = QRect(x, y, width, rect.bottom() - y)
            lines = max(1, available.height() // metrics.lineSpacing())
            text = _wrap(description, metrics, width, lines)
            painter.drawText(
                available, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text
            )
        painter.restore()


def _wrap(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` in at most ``lines`` lines, the last one elided."""
    words = text.split()
    out: list[str] = []
    current = ""
    for n, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            rest = " ".join([current, *words[n + 1 :]])
            out.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return "\n".join(out)
    if current:
        out.append(current)
    return "\n".join(out[:lines])
