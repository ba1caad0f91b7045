"""Insert or edit a link (Ctrl+K): the words shown and the address, http, https or mailto."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model.markup import link_target


class LinkDialog(QDialog):
    """``text()`` and ``address()`` after ``exec()``; ``removed`` when Remove Link was chosen."""

    def __init__(self, parent: QWidget | None, text: str, address: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Link" if address else "Insert Link")
        self.removed = False
        self.text_edit = QLineEdit(text)
        self.text_edit.setAccessibleName("Link text")
        self.text_edit.setPlaceholderText("The words the reader sees")
        self.address_edit = QLineEdit(address)
        self.address_edit.setAccessibleName("Link address")
        self.address_edit.setPlaceholderText("https://… or mailto:…")
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #B91C1C;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Text:", self.text_edit)
        form.addRow("&Address:", self.address_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.remove_button = QPushButton("&Remove Link")
        self.remove_button.setEnabled(bool(address))
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.address_edit if text else self.text_edit).setFocus()
        self.resize(460, 0)

    def text(self) -> str:
        return self.text_edit.text().strip()

    def address(self) -> str:
        return link_target(self.address_edit.text()) or ""

    def _remove(self) -> None:
        self.removed = True
        super().accept()

    def accept(self) -> None:
        if link_target(self.address_edit.text()) is None:
            self.problem.setText(
                "A link goes to a web page (http:// or https://) or an e-mail address "
                "(mailto:); nothing else is allowed in a briefing."
            )
            self.problem.show()
            self.address_edit.setFocus()
            return
        super().accept()
