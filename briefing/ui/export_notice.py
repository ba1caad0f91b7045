"""Where the export went: a line in the status bar with Open File and Show in Folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class ExportNotice(QWidget):
    """Shown after an export until the analyst closes it or exports again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is the user's words
        self.label.setAccessibleName("Exported file")
        self.open_file = self._button("Open File", "Open the exported file", self._open_file)
        self.open_folder = self._button(
            "Show in Folder", "Open the folder the file was saved in", self._open_folder
        )
        self.dismiss = self._button("✕", "Hide this notice", self.hide)
        self.dismiss.setAccessibleName("Hide the export notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for widget in (self.label, self.open_file, self.open_folder, self.dismiss):
            row.addWidget(widget)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def show_for(self, path: str | Path) -> None:
        self.path = Path(path)
        self.label.setText(f"Exported to {self.path}")
        self.label.setToolTip("")
        self.show()

    def _open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
