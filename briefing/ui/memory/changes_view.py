"""The What-changed view: the open briefing against the previous edition it carries.

The text is built with QTextCursor.insertText and character formats (added words green,
removed ones struck through in red): the words from the files are inserted as plain text,
never parsed as HTML."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QTextEdit, QVBoxLayout, QWidget

from briefing.core.memory.changes import Changes, changes_since_edition, context
from briefing.core.model.document import Briefing
from briefing.ui.memory.library_window import plain_label

ADDED = QColor("#DCF2E1")
ADDED_TEXT = QColor("#0B5D1E")
REMOVED_TEXT = QColor("#9B1C1C")


def _fmt(*, bold: bool = False, size: float = 0, fg: QColor | None = None,
         bg: QColor | None = None, strike: bool = False) -> QTextCharFormat:  # fmt: skip
    f = QTextCharFormat()
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if size:
        f.setFontPointSize(size)
    if fg is not None:
        f.setForeground(fg)
    if bg is not None:
        f.setBackground(bg)
    f.setFontStrikeOut(strike)
    return f


def write_changes(cursor: QTextCursor, changes: Changes, base_size: float) -> None:
    """Insert the changes as formatted plain text at ``cursor``."""
    plain = _fmt()
    head = _fmt(bold=True, size=base_size * 1.2)
    since = changes.previous_title
    if changes.previous_date:
        since += f" ({changes.previous_date})"
    cursor.insertText(f"Since the previous edition: {since}\n", _fmt(bold=True))
    if changes.empty:
        cursor.insertText("\nNothing has changed yet.\n", plain)
        return
    if changes.judgements:
        cursor.insertText("\nJudgements\n", head)
        for j in changes.judgements:
            label = {"added": "New", "removed": "Withdrawn", "revised": "Revised"}[j.status]
            cursor.insertText(f"{label}: ", _fmt(bold=True))
            cursor.insertText(" ".join(j.statement.split()), plain)
            if j.likelihood_moved:
                cursor.insertText(
                    f"   {j.old_probability}% → {j.new_probability}%", _fmt(bold=True)
                )
            elif j.status == "added" and j.new_probability is not None:
                cursor.insertText(f"   {j.new_probability}%", _fmt(bold=True))
            cursor.insertText("\n", plain)
            if j.status == "revised" and j.old_statement.split() != j.statement.split():
                cursor.insertText(f"    was: {' '.join(j.old_statement.split())}\n", plain)
    if changes.new_sources or changes.dropped_sources:
        cursor.insertText("\nSources\n", head)
        for r in changes.new_sources:
            cursor.insertText("New: ", _fmt(bold=True))
            cursor.insertText(r.title + (f" — {r.site}" if r.site else "") + "\n", plain)
        for r in changes.dropped_sources:
            cursor.insertText("Dropped: ", _fmt(bold=True))
            cursor.insertText(r.title + "\n", plain)
    if changes.sections:
        cursor.insertText("\nText\n", head)
        for s in changes.sections:
            cursor.insertText(s.title, _fmt(bold=True))
            counts = {"added": "new section", "removed": "section removed"}.get(
                s.status, f"+{s.words_added} / −{s.words_removed} words"
            )
            cursor.insertText(f"  ({counts})\n", plain)
            for i, (op, text) in enumerate(s.runs):
                if op == "same":
                    text = context(text, keep_start=i > 0, keep_end=i < len(s.runs) - 1)
                if op == "added":
                    cursor.insertText(text, _fmt(fg=ADDED_TEXT, bg=ADDED))
                elif op == "removed":
                    cursor.insertText(text, _fmt(fg=REMOVED_TEXT, strike=True))
                else:
                    cursor.insertText(text, plain)
            cursor.insertText("\n\n", plain)


class ChangesView(QDialog):
    """What changed; the check box puts the section in the PDF (one undoable step)."""

    def __init__(self, parent: QWidget | None, briefing: Briefing,
                 set_show: Callable[[bool], None]) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("What Changed — Briefing")
        self.setObjectName("ChangesView")
        self.set_show = set_show
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setAccessibleName("What changed")
        self.show_in_pdf = QCheckBox("Show “What changed” as a section in the PDF")
        layout = QVBoxLayout(self)
        self.intro = plain_label()
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_in_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 700)
        self.show_for(briefing)
        self.show_in_pdf.toggled.connect(self.set_show)

    def show_for(self, briefing: Briefing) -> None:
        self.text.clear()
        changes = changes_since_edition(briefing)
        edition = briefing.edition
        self.show_in_pdf.setEnabled(edition is not None)
        self.show_in_pdf.blockSignals(True)
        self.show_in_pdf.setChecked(bool(edition and edition.show_changes))
        self.show_in_pdf.blockSignals(False)
        if changes is None or edition is None:
            self.intro.setText(
                "This briefing is not a later edition of another. Start one with "
                "File ▸ New Edition Of…, then this view shows what changed."
            )
            return
        self.intro.setText(f"Edition {edition.number} of “{briefing.title}”.")
        cursor = self.text.textCursor()
        write_changes(cursor, changes, self.font().pointSizeF())
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
