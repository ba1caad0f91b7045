"""The Briefing pane: title block, sections in order, predictions; all edits go to the session."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing.core import editing
from briefing.core.editing import Changes, LibrarySource
from briefing.core.editing.predictions import FIELDS
from briefing.core.errors import BriefingError
from briefing.core.model.document import Briefing
from briefing.core.model.markup import predictions_section
from briefing.core.spelling import SpellChecker
from briefing.ui.blocks import Dropped
from briefing.ui.condense_dialog import CondenseDialog, length_button
from briefing.ui.metadata_form import MetadataForm
from briefing.ui.predictions_table import PredictionsTable
from briefing.ui.rich_editor import FormattedEdit
from briefing.ui.section_editor import SectionEditor, attach_highlighter
from briefing.ui.session import DocumentSession
from briefing.ui.spell_highlight import SpellHighlighter
from briefing.ui.spelling import TextEditor


def _layout_key(briefing: Briefing) -> list[tuple[str, str, int | None]]:
    return [(s.id, s.guidance, s.word_budget) for s in briefing.sections]


class BriefingPane(QScrollArea):
    """Centre pane. Rebuilds its section editors only when the section list changes."""

    section_focused = Signal(str)
    formatted_focus = Signal()  # a formatted editor took the focus (the toolbar follows)
    notice = Signal(str)  # a one-line message for the status bar

    def __init__(
        self,
        session: DocumentSession,
        parent: QWidget | None = None,
        *,
        spell: SpellChecker | None = None,
        decorate_editor: Callable[[TextEditor], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.spell = spell
        self.decorate_editor = decorate_editor
        self.editors: dict[str, SectionEditor] = {}
        self.source_view = False  # every section shows its Markdown source
        self.zoom = 0  # steps of 10 % over the system's text size
        self._last_formatted: FormattedEdit | None = None
        self._key: list[tuple[str, str, int | None]] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Briefing")

        page = QWidget()
        page.setObjectName("briefingPage")
        self.form = MetadataForm()
        self.form.field_edited.connect(self._field_edited)
        self.sections_box = QVBoxLayout()
        self.sections_box.setSpacing(6)
        self.add_button = QPushButton("Add section…")
        self.add_button.setAccessibleName("Add section")
        self.add_button.clicked.connect(self.ask_add_section)
        self.predictions = PredictionsTable()
        self.predictions.cell_edited.connect(self._prediction_edited)
        self.predictions.add_requested.connect(lambda: session.add_prediction())
        self.predictions.remove_requested.connect(session.remove_prediction)
        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(False)

        adder = QHBoxLayout()
        adder.addWidget(self.add_button)
        adder.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.form)
        layout.addLayout(self.sections_box)
        layout.addLayout(adder)
        layout.addWidget(self.predictions)
        layout.addStretch(1)
        self._page_layout = layout
        self.setWidget(page)
        session.changed.connect(self.refresh)
        self.refresh(Changes.everything())

    def _field_edited(self, name: str, value: str) -> None:
        self.session.set_field(name, value)

    def _prediction_edited(self, row: int, name: str, value: object) -> None:
        try:
            self.session.set_prediction_field(row, name, value)  # type: ignore[arg-type]
        except ValueError as err:  # the core refuses what a prediction cannot hold
            column = FIELDS.index(name) if name in FIELDS else 0
            self.predictions.refuse(row, column, str(err))

    # --- showing the model -------------------------------------------------------------
    def refresh(self, changes: Changes) -> None:
        """Redraw what ``changes`` names (see :class:`~briefing.core.editing.Changes`)."""
        briefing = self.session.briefing
        if changes.meta or changes.sections:
            self.form.refresh(briefing)
        if changes.sections:
            if _layout_key(briefing) != self._key:
                self._rebuild(briefing)
            else:
                for section in briefing.sections:
                    self.editors[section.id].update_from(section)
        else:
            for sid in changes.text:
                typed = briefing.section(sid)
                editor = self.editors.get(sid)
                if typed is not None and editor is not None:
                    editor.update_from(typed)
        if changes.sources:  # the chips' numbers and titles
            for editor in self.editors.values():
                editor.editor.viewport().update()
        if changes.predictions or changes.sections or changes.template:
            self.predictions.refresh(briefing.predictions, briefing.likelihood_scale)
        self._show_read_only()

    def _show_read_only(self) -> None:
        ro = self.session.read_only
        self.read_only_note.setVisible(ro)
        if ro:
            self.read_only_note.setText(
                "Read-only: another editor has this file open. Save As to keep your changes."
            )

    def _rebuild(self, briefing: Briefing) -> None:
        focused = next((sid for sid, e in self.editors.items() if e.active().hasFocus()), None)
        for editor in self.editors.values():
            self.sections_box.removeWidget(editor)
            editor.deleteLater()
        self.editors = {}
        total = len(briefing.sections)
        for index, section in enumerate(briefing.sections):
            editor = SectionEditor(section, lookup=self.source_of, source_view=self.source_view)
            editor.set_position(index, total)
            editor.text_edited.connect(self.session.set_section_text)
            editor.renamed.connect(self.session.rename_section)
            editor.move_requested.connect(self.session.move_section)
            editor.remove_requested.connect(self.session.remove_section)
            editor.blocks_dropped.connect(self._blocks_dropped)
            editor.blocks_placed.connect(self._blocks_placed)
            editor.add_header_tool(
                length_button(
                    section.title,
                    section.word_budget,
                    ask=partial(self.ask_length, section.id),
                    fit_budget=partial(self.fit_budget, section.id),
                    redraft=partial(self.redraft, section.id),
                )
            )
            for view in (editor.editor, editor.source):
                view.can_undo = self.session.undo_stack.canUndo
                view.can_redo = self.session.undo_stack.canRedo
                view.undo_requested.connect(self.session.undo_stack.undo)
                view.redo_requested.connect(self.session.undo_stack.redo)
                view.cursorPositionChanged.connect(
                    lambda sid=section.id: self.section_focused.emit(sid)
                )
                if self.decorate_editor is not None:
                    self.decorate_editor(view)
            editor.editor.focus_gained.connect(lambda e=editor.editor: self._remember(e))
            editor.highlighter = attach_highlighter(editor.source, self.spell)
            editor.spell_highlighter = SpellHighlighter(editor.editor.document(), self.spell)
            self._apply_zoom(editor)
            self.sections_box.addWidget(editor)
            self.editors[section.id] = editor
        self._place_predictions(briefing)
        self._chain_tab_order()
        self._key = _layout_key(briefing)
        if focused in self.editors:
            self.editors[focused].active().setFocus()

    def _place_predictions(self, briefing: Briefing) -> None:
        """The prediction table sits under the section the PDF puts it in (else at the end)."""
        self.sections_box.removeWidget(self.predictions)
        self._page_layout.removeWidget(self.predictions)
        holder = predictions_section(briefing)
        owner = holder.id if holder is not None else None
        ids = list(self.editors)
        if owner in self.editors:
            self.sections_box.insertWidget(ids.index(owner) + 1, self.predictions)
        else:
            self._page_layout.insertWidget(self._page_layout.count() - 1, self.predictions)

    def _chain_tab_order(self) -> None:
        """Tab follows the page from top to bottom (editors are made after the form)."""
        chain: list[QWidget] = [self.form.status]
        for editor in self.editors.values():
            chain += [editor.title, editor.active(), editor.up, editor.down, editor.remove]
            if self.predictions.parent() is not None and self._predictions_after(editor):
                chain += [self.predictions.table, self.predictions.add, self.predictions.remove]
        chain.append(self.add_button)
        if self.predictions.table not in chain:
            chain += [self.predictions.table, self.predictions.add, self.predictions.remove]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _predictions_after(self, editor: SectionEditor) -> bool:
        index = self.sections_box.indexOf(editor)
        return index >= 0 and self.sections_box.indexOf(self.predictions) == index + 1

    def _blocks_dropped(self, section_id: str, dropped: Dropped, at: int) -> None:
        if isinstance(dropped, LibrarySource):
            self.session.insert_library_source(section_id, dropped, at)
        else:
            self.session.insert_blocks(section_id, dropped, at)

    def _blocks_placed(self, section_id: str, dropped: Dropped, before: int) -> None:
        """Dropped on the formatted text: the passages go before its block ``before``."""
        if isinstance(dropped, LibrarySource):
            self.session.insert_library_source(section_id, dropped, before_block=before)
        else:
            self.session.insert_blocks(section_id, dropped, before_block=before)

    # --- the formatted view ------------------------------------------------------------
    def source_of(self, source_id: str) -> tuple[int, str] | None:
        """A source's number in the Sources list and its title (what a chip shows)."""
        for number, article in enumerate(self.session.briefing.sources, start=1):
            if article.id == source_id:
                return number, article.title
        return None

    def _remember(self, edit: FormattedEdit) -> None:
        self._last_formatted = edit
        self.formatted_focus.emit()

    def current_formatted(self) -> FormattedEdit | None:
        """The formatted editor being written in (the last one while a toolbar has the focus,
        the first section's before any was clicked); ``None`` in the source view."""
        if self.source_view:
            return None
        for editor in self.editors.values():
            if editor.editor.hasFocus():
                return editor.editor
        last = self._last_formatted
        if last is not None and any(e.editor is last for e in self.editors.values()):
            return last
        first = next(iter(self.editors.values()), None)  # before any click: the first section
        return first.editor if first is not None else None

    def text_editors(self) -> list[TextEditor]:
        """The editors on screen, in order (what Find and Replace search)."""
        return [editor.active() for editor in self.editors.values()]

    def set_source_view(self, on: bool) -> None:
        """Show every section as its Markdown source (``on``) or as formatted text."""
        self.source_view = on
        for editor in self.editors.values():
            editor.show_source(on)

    def set_zoom(self, steps: int) -> None:
        """Make the text of every section ``steps`` times 10 % larger (or smaller)."""
        self.zoom = max(-5, min(12, steps))
        for editor in self.editors.values():
            self._apply_zoom(editor)

    def _apply_zoom(self, editor: SectionEditor) -> None:
        base = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        size = base.pointSizeF() * (1.1**self.zoom)
        for view in (editor.editor, editor.source):
            font = view.font()
            font.setPointSizeF(size)
            view.setFont(font)
            view.document().setDefaultFont(font)
        editor.editor._fit_height()
        editor.source._fit_height()
        editor._fit_stack()

    # --- condensing and expanding (the header's length control) ----------------------
    def ask_length(self, section_id: str) -> None:
        """Ask for a length and condense or expand the section to it (one undo step)."""
        section = self.session.briefing.section(section_id)
        if section is None:
            return
        room = editing.section_capacity(self.session.briefing, section_id)
        dialog = CondenseDialog(section.title, room, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.resize_section(section_id, dialog.value())

    def resize_section(self, section_id: str, words: int) -> None:
        try:
            changes = self.session.resize_section(section_id, words)
        except BriefingError as err:
            self.notice.emit(str(err))
            return
        section = self.session.briefing.section(section_id)
        if section is not None:
            now = editing.section_capacity(self.session.briefing, section_id).words
            done = f"{section.title} is now {now} words" if changes else (
                f"{section.title}: nothing to take out or bring back"
            )  # fmt: skip
            self.notice.emit(done)

    def fit_budget(self, section_id: str) -> None:
        section = self.session.briefing.section(section_id)
        if section is not None and section.word_budget:
            self.resize_section(section_id, section.word_budget)
        elif section is not None:
            self.notice.emit(f"{section.title} has no word budget")

    def redraft(self, section_id: str) -> None:
        """Draft the section again from all the sources, after asking if it was edited."""
        section = self.session.briefing.section(section_id)
        if section is None:
            return
        room = editing.section_capacity(self.session.briefing, section_id)
        if section.markdown.strip() and not room.drafted:
            answer = QMessageBox.question(
                self,
                "Re-draft section",
                f"Replace what {section.title} says with a fresh draft from the sources? "
                "Your changes can be brought back with Undo.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if not self.session.redraft_section(section_id):
            self.notice.emit(f"{section.title}: the sources have nothing to draft here")

    # --- commands ----------------------------------------------------------------------
    def ask_add_section(self) -> None:
        title, ok = QInputDialog.getText(self, "Add section", "Section title:")
        if ok and title.strip():
            sid = self.session.add_section(title.strip(), self.current_index() + 1)
            self.focus_section(sid)

    def current_section(self) -> str | None:
        for sid, editor in self.editors.items():
            if editor.editor.hasFocus() or editor.source.hasFocus() or editor.title.hasFocus():
                return sid
        return None

    def current_index(self) -> int:
        sid = self.current_section()
        ids = list(self.editors)
        return ids.index(sid) if sid in ids else len(ids) - 1

    def reveal_section(self, section_id: str) -> None:
        """Scroll the section into view without taking the keyboard focus."""
        editor = self.editors.get(section_id)
        if editor is not None:
            self.ensureWidgetVisible(editor, 0, 40)

    def focus_section(self, section_id: str) -> None:
        editor = self.editors.get(section_id)
        if editor is None:
            return
        self.ensureWidgetVisible(editor, 0, 40)
        editor.active().setFocus(Qt.FocusReason.OtherFocusReason)
