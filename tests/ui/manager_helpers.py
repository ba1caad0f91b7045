"""Shared set-up for the manager tests: a real library under BRIEFING_HOME, captured dialogs."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from briefing.core.storage.library import Library
from briefing.ui.manager import ManagerWindow


def make_manager(qtbot: Any, **kwargs: Any) -> ManagerWindow:
    kwargs.setdefault("thumbnails", False)
    kwargs.setdefault("preview", False)
    window = ManagerWindow(None, Library(), **kwargs)
    # A test may leave unsaved edits: closing must not stop at the "Save changes?" question.
    qtbot.addWidget(window, before_close_func=lambda w: w.revert())
    return window


def shown_text(text: str) -> str:
    """What a message box shows for ``text`` (file-derived text arrives escaped as rich text)."""
    from PySide6.QtGui import Qt as QtGuiFunctions
    from PySide6.QtGui import QTextDocument

    if not QtGuiFunctions.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return " ".join(document.toPlainText().split())


def capture_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(shown_text(text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answer)
