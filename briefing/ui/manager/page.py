"""One editor page of the manager: the read-only banner above the editor, in a scroll area."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class EditorPage(QWidget):
    """An editor with the read-only banner above it, in a scroll area."""

    def __init__(self, editor: QWidget, on_duplicate: Callable[[], object]) -> None:
        super().__init__()
        self.banner = QFrame()
        self.banner.setObjectName("ReadOnlyBanner")
        self.banner.setStyleSheet(
            "#ReadOnlyBanner { background: palette(alternate-base); "
            "border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.banner_label = QLabel()
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)  # names a team folder, an item
        self.duplicate_button = QPushButton("Duplicate to Customise")
        self.duplicate_button.clicked.connect(lambda: on_duplicate())
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.duplicate_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)

    def show_banner(self, text: str | None) -> None:
        self.banner.setVisible(text is not None)
        self.banner_label.setText(text or "")
