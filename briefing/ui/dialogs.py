"""The window's side of the controller's view API: message boxes and file dialogs.

Every message is one line naming the file and the reason (the ``BriefingError`` text); the
longer explanation, when there is one, goes in the informative text below it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing.ui.plain import plain, plain_box
from briefing.ui.view import LockChoice, RestoreChoice, UnsavedChoice

log = logging.getLogger(__name__)

Button = QMessageBox.StandardButton
IMPORT_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.mhtml *.mht *.pdf *.docx *.docm *.odt *.eml)"
    ";;PDF (*.pdf);;Word and OpenDocument (*.docx *.docm *.odt);;E-mail (*.eml);;All files (*)"
)
OPEN_FILTER = "Briefings (*.briefing);;PDF exported by Briefing (*.pdf);;All files (*)"
SAVE_FILTER = "Briefings (*.briefing)"


def show_error(parent: QWidget | None, message: str, title: str = "Briefing") -> None:
    """A warning box: the first line is the message, any further lines the details."""
    lines = message.splitlines() or ["Something went wrong"]
    box = plain_box(QMessageBox(parent))  # messages quote file names and their contents
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(lines[0])
    if len(lines) > 1:
        box.setInformativeText("\n".join(lines[1:]))
    box.setAccessibleName("Error")
    box.exec()


def _open_file(parent: QWidget, title: str, start: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, start, filters)[0]


def _open_files(parent: QWidget, title: str, start: str, filters: str) -> list[str]:
    return list(QFileDialog.getOpenFileNames(parent, title, start, filters)[0])


def _save_file(parent: QWidget, title: str, start: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, start, filters)[0]


@dataclass(frozen=True)
class FileDialogs:
    """The file dialogs a window asks with: ``(parent, title, start folder or file, filters)``
    in, the chosen path (``""`` on cancel) out. Qt's own by default; the editor's workspace
    takes another set as a parameter (a test answers them without a dialog on screen)."""

    open_file: Callable[[QWidget, str, str, str], str] = _open_file
    open_files: Callable[[QWidget, str, str, str], list[str]] = _open_files
    save_file: Callable[[QWidget, str, str, str], str] = _save_file


class DialogView:
    """Implements ``briefing.ui.controller.View`` with Qt dialogs over ``parent``."""

    def __init__(
        self,
        parent: QWidget,
        status: Callable[[str], None] | None = None,
        choose_template: Callable[[], str | None] | None = None,
        start_dir: Callable[[], str] | None = None,
        files: FileDialogs | None = None,
    ) -> None:
        self.parent = parent
        self._status = status
        self._choose_template = choose_template
        self._start_dir = start_dir or (lambda: str(Path.home()))
        self._files = files or FileDialogs()

    def show_error(self, message: str) -> None:
        log.info("error shown: %s", message)
        show_error(self.parent, message)

    def status(self, message: str) -> None:
        if self._status is not None:
            self._status(message)

    def ask_unsaved(self, name: str) -> UnsavedChoice:
        answer = QMessageBox.question(
            self.parent,
            "Unsaved changes",
            plain(f"Save the changes to “{name}” before closing?"),
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return "save"
        if answer == Button.Discard:
            return "discard"
        return "cancel"

    def ask_locked(self, path: Path, detail: str) -> LockChoice:
        box = plain_box(QMessageBox(self.parent))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File in use")
        box.setText(f"{path.name} is open in another editor.")
        box.setInformativeText(
            f"{detail}\n\nOpen it read-only, or open it anyway (the other editor's "
            "unsaved changes may then be overwritten)."
        )
        read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton("Open Anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(Button.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        clicked = box.clickedButton()
        if clicked is read_only:
            return "read-only"
        if clicked is anyway:
            return "anyway"
        return "cancel"

    def ask_overwrite_changed(self, path: Path) -> bool:
        answer = QMessageBox.warning(
            self.parent,
            "File changed on disk",
            plain(
                f"{path}: another program changed this file since you opened it.\n"
                "Overwrite it with your version? (Cancel, then Save As, keeps both.)"
            ),
            Button.Save | Button.Cancel,
            Button.Cancel,
        )
        return answer == Button.Save

    def confirm_switch(self, template_name: str, changes: list[str]) -> bool:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Switch template")
        box.setText(f"Switching to {template_name}:")
        box.setInformativeText(
            "\n".join(f"• {line[0].upper()}{line[1:]}" for line in changes)
            + "\n\nSwitch anyway? (Undo switches back.)"
        )
        switch = box.addButton("Switch", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(Button.Cancel)
        box.setDefaultButton(Button.Cancel)
        plain_box(box).exec()  # template and section names come from files
        return box.clickedButton() is switch

    def confirm_duplicate(self, title: str, existing: str) -> bool:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Already a source")
        box.setText(f"“{title}” is already in this briefing ({existing}).")
        box.setInformativeText("Add another copy of it anyway?")
        again = box.addButton("Add Again", QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton("Don’t Add", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(skip)
        plain_box(box).exec()  # article titles come from files
        return box.clickedButton() is again

    def ask_restore(self, description: str) -> RestoreChoice:
        box = plain_box(QMessageBox(self.parent))
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved work")
        box.setText("Briefing did not close properly last time.")
        box.setInformativeText(f"Restore the unsaved work in {description}?")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        if clicked is restore:
            return "restore"
        if clicked is discard:
            return "discard"
        return "keep"

    def open_paths_dialog(self) -> list[str]:
        return self._files.open_files(
            self.parent, "Import articles", self._start_dir(), IMPORT_FILTER
        )

    def open_path_dialog(self) -> str | None:
        path = self._files.open_file(self.parent, "Open briefing", self._start_dir(), OPEN_FILTER)
        return path or None

    def save_path_dialog(self, suggested: str) -> str | None:
        start = (
            suggested if Path(suggested).is_absolute() else str(Path(self._start_dir()) / suggested)
        )
        path = self._files.save_file(self.parent, "Save briefing", start, SAVE_FILTER)
        return path or None

    def choose_template(self) -> str | None:
        if self._choose_template is None:
            return "standard"
        return self._choose_template()
