"""Composition root: builds the application and its main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_editor(argv: list[str]) -> int:
    """Open the editor (optionally on a file) and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Briefing")
    window.setCentralWidget(QLabel("Briefing"))
    window.resize(1200, 800)
    window.show()
    return int(app.exec())
