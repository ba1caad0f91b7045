"""When and how a prediction resolves: its resolution date and criteria (for the ledger)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core.memory.timeframe import parse_iso, resolution_date
from briefing.core.model.document import Prediction
from briefing.ui.memory.library_window import plain_label


class ResolutionDialog(QDialog):
    """Edit ``resolve_by`` (YYYY-MM-DD, or empty to read it from the time frame) and criteria."""

    def __init__(self, parent: QWidget | None, prediction: Prediction, made: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolution — Briefing")
        self.statement = plain_label(" ".join(prediction.statement.split())[:400])
        self.date = QLineEdit(prediction.resolve_by or "")
        self.date.setAccessibleName("Resolves on")
        inferred = resolution_date(None, prediction.timeframe, made)
        hint = f"from the time frame: {inferred.isoformat()}" if inferred else "YYYY-MM-DD"
        self.date.setPlaceholderText(hint)
        self.criteria = QPlainTextEdit(prediction.criteria)
        self.criteria.setAccessibleName("Resolution criteria")
        self.criteria.setPlaceholderText("What will show that it happened (or did not)")
        self.criteria.setTabChangesFocus(True)
        self.problem = plain_label()
        self.problem.setStyleSheet("color: #C62828;")
        form = QFormLayout()
        form.addRow("Resolves on:", self.date)
        form.addRow("Criteria:", self.criteria)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.statement)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def values(self) -> tuple[str | None, str]:
        text = self.date.text().strip()
        return (text or None), self.criteria.toPlainText().strip()

    def _accept(self) -> None:
        text = self.date.text().strip()
        if text and (len(text) != 10 or parse_iso(text) is None):
            self.problem.setText("The date must be YYYY-MM-DD, or empty to use the time frame.")
            return
        self.accept()
