"""The classification markings a template defines (banner text, colours, top and bottom)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model.template import Classification

COLUMNS = ("Label", "Text colour", "Background", "Top", "Bottom", "Portion mark", "Handling note")
_CHECKS = (3, 4)


class ClassificationTable(QWidget):
    """Rows of markings; a briefing whose handling label is one of them shows it as a banner."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Classifications")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(140)
        self.table.setToolTip(
            "Markings besides TLP, e.g. OFFICIAL-SENSITIVE: shown as a centred banner at the "
            "top and/or bottom of every page in these colours (#RRGGBB)"
        )
        self.add_button = QToolButton()
        self.add_button.setText("+")
        self.add_button.setAccessibleName("Add a classification")
        self.add_button.setToolTip("Add a classification")
        self.remove_button = QToolButton()
        self.remove_button.setText("−")
        self.remove_button.setAccessibleName("Remove the selected classification")
        self.remove_button.setToolTip("Remove the selected classification")
        tools = QVBoxLayout()
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)
        tools.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        self.add_button.clicked.connect(lambda: self.add_row(Classification("OFFICIAL")))
        self.remove_button.clicked.connect(self.remove_row)
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self._filling = False

    def add_row(self, marking: Classification) -> None:
        self._filling = True
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = (marking.label, marking.text_color, marking.background)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        for column, on in zip(_CHECKS, (marking.top, marking.bottom), strict=True):
            item = QTableWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.table.setItem(row, column, item)
        self.table.setItem(row, 5, QTableWidgetItem(marking.portion))
        self.table.setItem(row, 6, QTableWidgetItem(marking.description))
        self.table.blockSignals(False)
        self._filling = False
        self.edited.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def set_classifications(self, markings: list[Classification]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for marking in markings:
            self.add_row(marking)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return " ".join(item.text().split()) if item is not None else ""

    def _checked(self, row: int, column: int) -> bool:
        item = self.table.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def classifications(self) -> list[Classification]:
        """The rows with a label, as typed (the template's validation checks the colours)."""
        out = []
        for row in range(self.table.rowCount()):
            label = self._text(row, 0)
            if not label:
                continue
            out.append(
                Classification(
                    label=label,
                    text_color=self._text(row, 1) or "#FFFFFF",
                    background=self._text(row, 2) or "#000000",
                    top=self._checked(row, 3),
                    bottom=self._checked(row, 4),
                    portion=self._text(row, 5),
                    description=self._text(row, 6),
                )
            )
        return out

    def set_read_only(self, read_only: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.NoEditTriggers
            if read_only
            else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )
        self.table.setEnabled(True)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
