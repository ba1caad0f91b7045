"""Predictions as a table: statement, likelihood, estimative term (checked), time frame,
confidence and indicators."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.editing.predictions import FIELDS, parse_value
from briefing.core.model.document import Prediction
from briefing.core.model.estimative import check_term
from briefing.ui.plain import plain, plain_labels

COLUMNS = ("Statement", "%", "Term", "Time frame", "Confidence", "Indicators")
TIPS = (
    "What you expect to happen",
    "Likelihood in percent (0-100); the term follows",
    "Estimative term (ICD 203), filled in from the likelihood",
    "By when, e.g. “by end of 2026”",
    "Confidence in the judgement: low, moderate or high (blank: not assessed)",
    "Signs that it is coming true, separated by semicolons",
)
WIDTHS = (40, 104, 80, 84, 84)  # columns after the statement, which takes the rest
PROBLEM = QColor("#D32F2F")


def cell_text(prediction: Prediction, column: int) -> str:
    value = getattr(prediction, FIELDS[column])
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


class PredictionsTable(QWidget):
    """Emits ``cell_edited(row, field, value)``; a new likelihood fills in its term."""

    cell_edited = Signal(int, str, object)
    add_requested = Signal()
    remove_requested = Signal(int)
    details_requested = Signal(int)  # resolution date and criteria of this row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._shown: list[Prediction] = []
        self._refused = ""  # the last value refused, said until the next edit
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Predictions")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        for col, tip in enumerate(TIPS):
            header_item = self.table.horizontalHeaderItem(col)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves the table (arrow keys move between cells): it must not trap keyboard users.
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate(WIDTHS, start=1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A long statement shows four lines (its tooltip and the editor show all of it).
        self.table.verticalHeader().setMaximumSectionSize(self.fontMetrics().lineSpacing() * 4 + 10)
        self.table.setCornerButtonEnabled(False)
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName("Select all predictions")
        self.table.itemChanged.connect(self._changed)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {PROBLEM.name()};")
        self.problems.setAccessibleName("Prediction problems")
        plain_labels(self.problems)  # quotes the terms typed in the file
        add = QPushButton("Add prediction")
        add.setAccessibleName("Add prediction")
        add.clicked.connect(self.add_requested)
        self.add = add
        self.remove = QPushButton("Remove prediction")
        self.remove.setAccessibleName("Remove selected prediction")
        self.remove.clicked.connect(self._remove)
        self.details = QPushButton("Resolution…")
        self.details.setAccessibleName("Resolution date and criteria of the selected prediction")
        self.details.setToolTip("When and how the selected prediction resolves (for the ledger)")
        self.details.clicked.connect(self._details)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.details)
        buttons.addStretch(1)
        title = QLabel("<b>Prediction table</b> — likelihood in %, the ICD 203 term follows")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

    def _details(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.details_requested.emit(row)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.remove_requested.emit(row)

    def refresh(self, predictions: list[Prediction], scale: str = "icd203") -> None:
        self._filling = True
        self._shown = predictions
        try:
            if self.table.rowCount() != len(predictions):
                self.table.setRowCount(len(predictions))
            problems = []
            for row, prediction in enumerate(predictions):
                for col in range(len(COLUMNS)):
                    text = cell_text(prediction, col)
                    item = self.table.item(row, col)
                    if item is None:
                        item = QTableWidgetItem(text)
                        self.table.setItem(row, col, item)
                    elif item.text() != text:
                        item.setText(text)
                    item.setForeground(self.palette().text())
                    item.setToolTip(plain(text) if col == 0 else "")
                problem = check_term(prediction.term, prediction.probability, scale)
                if problem:
                    term = self.table.item(row, 2)
                    if term is not None:
                        term.setForeground(PROBLEM)
                        term.setToolTip(plain(problem))  # quotes the term as typed
                    problems.append(f"Row {row + 1}: {problem}")
            if self._refused:
                problems.insert(0, self._refused)
            self.problems.setText("\n".join(problems))
            self.problems.setVisible(bool(problems))
            self.remove.setEnabled(bool(predictions))
            self.details.setEnabled(bool(predictions))
            rows = max(2, min(len(predictions), 8))
            row_height = self.table.verticalHeader().defaultSectionSize() * 2
            self.table.setMinimumHeight(self.table.horizontalHeader().height() + row_height * rows)
        finally:
            self._filling = False

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        try:
            value = parse_value(FIELDS[col], item.text())
        except ValueError as err:
            self.refuse(row, col, str(err))
            return
        self._refused = ""
        self.cell_edited.emit(row, FIELDS[col], value)  # a likelihood also sets the term

    def refuse(self, row: int, column: int, reason: str) -> None:
        """Say why the value typed in a cell was not kept, and show the kept one again: what
        the table shows is what the briefing holds."""
        self._refused = f"Row {row + 1}: {reason}; it was not kept."
        self.refresh(self._shown)
        item = self.table.item(row, column)
        if item is not None:
            item.setToolTip(plain(reason))  # quotes what was typed

    def text_at(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
