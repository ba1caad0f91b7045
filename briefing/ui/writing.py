"""The writing tools of a window: formatting toolbar and menu, Markdown source view, text zoom
and the whole briefing's word count in the status bar (wired here, so the composition root
stays a list of parts)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from briefing.core.model.words import briefing_word_count
from briefing.ui.actions import Actions
from briefing.ui.briefing_pane import BriefingPane
from briefing.ui.format_actions import FormatActions, Formatter
from briefing.ui.main_window import MainWindow
from briefing.ui.session import DocumentSession


class WritingTools(QObject):
    """Wires the format actions, the source view, zoom and the word count for one window."""

    def __init__(self, window: MainWindow, pane: BriefingPane, session: DocumentSession) -> None:
        super().__init__(window)
        self.pane = pane
        self.session = session
        actions: Actions = window.commands
        formats: FormatActions = window.format_commands
        self.formatter = Formatter(formats, pane.current_formatted, window, session.end_typing)
        window.add_format_bar(self.formatter.toolbar(actions.source_view))
        pane.section_focused.connect(lambda _sid: self.formatter.sync())
        pane.formatted_focus.connect(self.formatter.sync)
        actions.source_view.toggled.connect(self._source_view)
        for zoom in (actions.zoom_in, actions.zoom_out, actions.zoom_reset):
            window.removeAction(zoom)  # the section pane's own keys: the preview zooms itself
            pane.addAction(zoom)
        actions.zoom_in.triggered.connect(lambda: pane.set_zoom(pane.zoom + 1))
        actions.zoom_out.triggered.connect(lambda: pane.set_zoom(pane.zoom - 1))
        actions.zoom_reset.triggered.connect(lambda: pane.set_zoom(0))
        self.words: QLabel = window.status_label
        self.words.setAccessibleName("Word count of the briefing")
        self._count = QTimer(self, singleShot=True, interval=250)
        self._count.timeout.connect(self.count_words)
        session.changed.connect(lambda _changes: self._count.start())
        session.changed.connect(lambda _changes: self.formatter.sync())  # new sections too
        self.count_words()

    def _source_view(self, on: bool) -> None:
        self.pane.set_source_view(on)
        self.formatter.sync()

    def count_words(self) -> None:
        words = briefing_word_count(self.session.briefing)
        self.words.setText(f"{words:,} word{'s' * (words != 1)}")
        self.words.setToolTip("Words in every section of the briefing")
