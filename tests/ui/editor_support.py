"""Helpers for the editor tests: a real editor without the render worker, and a recorder that
answers message boxes the way a test asks (and remembers what they said)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from briefing.core.model.article import Article, Block
from briefing.ui.app import Editor

Button = QMessageBox.StandardButton


def has_importer() -> bool:
    import briefing.core.importing as importing

    return hasattr(importing, "import_file") and hasattr(importing, "import_text")


needs_importer = pytest.mark.skipif(
    not has_importer(), reason="briefing.core.importing.import_file has not landed yet"
)


@dataclass
class Boxes:
    """Records every message box; answers with ``answer`` (a button label or standard button)."""

    shown: list[str] = field(default_factory=list)
    answer: Any = None
    answers: list[Any] = field(default_factory=list)

    def next_answer(self, default: Any) -> Any:
        if self.answers:
            return self.answers.pop(0)
        return self.answer if self.answer is not None else default

    def texts(self) -> str:
        return "\n".join(self.shown)


def patch_boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    boxes = Boxes()

    def exec_(box: QMessageBox) -> int:
        boxes.shown.append(f"{box.text()}\n{box.informativeText()}".strip())
        want = boxes.next_answer(None)
        for button in box.buttons():
            if want is not None and (button.text() == want or box.standardButton(button) == want):
                button.click()
                return 0
        return 0

    def static(default: Any) -> Any:
        def ask(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> Any:
            boxes.shown.append(f"{title}: {text}")
            return boxes.next_answer(default)

        return staticmethod(ask)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "question", static(Button.Cancel))
    monkeypatch.setattr(QMessageBox, "warning", static(Button.Cancel))
    monkeypatch.setattr(QMessageBox, "information", static(Button.Ok))
    return boxes


def make_editor(qtbot: Any, *, preview: bool = False, start: bool = True) -> Editor:
    editor = Editor(preview=preview)

    def disarm(_window: Any) -> None:  # a failed test must not hang on an unsaved prompt
        editor.window.can_close = lambda: True
        editor.autosaver.stop()
        if editor.preview is not None:
            editor.preview.shutdown()

    qtbot.addWidget(editor.window, before_close_func=disarm)
    if start:
        editor.start_blank()
    return editor


def show_active(qtbot: Any, widget: Any) -> None:
    """Show ``widget``'s window and make it the active one, so its shortcuts work as they do
    for a person (offscreen windows are not activated by showing them)."""
    from PySide6.QtWidgets import QApplication
    from support.waiting import wait_until

    window = widget.window()
    window.show()
    qtbot.waitExposed(window)
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    assert wait_until(lambda: QApplication.activeWindow() is window, 5000), "not activated"


def settle_imports(editor: Editor) -> None:
    """Wait for the imports running off the UI thread to come back."""
    from support.waiting import wait_until

    assert wait_until(editor.controller.imports.is_idle, 60_000), "the import did not finish"


def close_quietly(editor: Editor) -> None:
    editor.session.mark_saved()
    editor.controller.close_document()
    editor.autosaver.stop()
    if editor.preview is not None:
        editor.preview.shutdown()


def sample_article(source_id: str = "") -> Article:
    """A small article made here (not real data) with several kinds of blocks."""
    return Article(
        title="Harbour cranes slow down",
        site="Example Wire",
        published="2026-01-05",
        id=source_id,
        blocks=[
            Block("paragraph", "Port operators reported slower unloading this week.", id="b1"),
            Block("paragraph", "Two cranes were idle for repairs.", id="b2"),
            Block("quote", "We expect normal service by Friday.", id="b3"),
            Block("callout", "Delays ease within days.", id="b4", label="Key Takeaway"),
        ],
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def hover_last_character(box: Any) -> str:
    """Put the cursor at the end of a section's text and hover over the character before it
    (a citation chip, a link), as the mouse would; the tooltip shown, or "" if none."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QToolTip
    from support.waiting import wait_until

    box.setFocus()
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    box.setTextCursor(cursor)
    rect = box.cursorRect(cursor)
    at = QPoint(rect.left() - 4, rect.center().y())
    box.event(QHelpEvent(QEvent.Type.ToolTip, at, box.viewport().mapToGlobal(at)))
    return str(QToolTip.text()) if wait_until(QToolTip.isVisible, 2000) else ""
