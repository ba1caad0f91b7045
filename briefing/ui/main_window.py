"""The main window: three panes in a splitter, menus, toolbar and status bar. Layout only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QWidget,
)

from briefing.ui.actions import create_actions
from briefing.ui.export_notice import ExportNotice
from briefing.ui.format_actions import create_format_actions
from briefing.ui.plain import plain
from briefing.ui.settings import EditorSettings
from briefing.ui.shortcuts import WindowKeys


class MainWindow(QMainWindow):
    """Holds the panes; emits ``files_dropped`` and asks ``can_close`` before closing."""

    files_dropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BriefingMainWindow")
        self.setWindowTitle("Briefing")
        self.setAcceptDrops(True)
        self.commands = create_actions(self)
        self.format_commands = create_format_actions(self)
        a = self.commands
        self.window_keys = WindowKeys(self, [a.export], [a.undo, a.redo])
        self.can_close: Callable[[], bool] = lambda: True

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        self.template_box.setToolTip("Template: the sections of the briefing")
        self.template_box.setMinimumContentsLength(14)
        self.brand_box = QComboBox()
        self.brand_box.setAccessibleName("Brand")
        self.brand_box.setToolTip("Brand: the house style of the pages")
        self.brand_box.setMinimumContentsLength(12)
        self.recent_menu = QMenu("Open &Recent", self)
        self.window_menu = QMenu("&Window", self)  # the open windows, listed by the workspace
        self.window_group = QActionGroup(self)
        self._build_menus()
        self._build_toolbar()
        self.export_notice = ExportNotice()
        self.statusBar().addPermanentWidget(self.export_notice)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_label)

    # --- building ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([a.new, a.new_edition, a.open])
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addActions([a.save, a.save_as])
        file.addSeparator()
        file.addActions([a.import_, a.paste_source, a.export])
        file.addSeparator()
        file.addActions([a.close, a.quit])
        edit = bar.addMenu("&Edit")
        edit.addActions([a.undo, a.redo])
        edit.addSeparator()
        edit.addActions([a.find, a.replace])
        edit.addSeparator()
        edit.addActions([a.add_section, a.preferences])
        view = bar.addMenu("&View")
        view.addActions([a.focus_sources, a.focus_briefing, a.focus_preview])
        view.addSeparator()
        view.addAction(a.source_view)
        view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
        f = self.format_commands
        fmt = bar.addMenu("F&ormat")
        fmt.addActions([f.bold, f.italic, f.strike, f.link])
        fmt.addSeparator()
        fmt.addActions([f.bullets, f.numbers, f.quote])
        fmt.addSeparator()
        fmt.addActions([f.callout, f.qa, f.remove_box])
        fmt.addSeparator()
        fmt.addAction(f.paste_plain)
        library = bar.addMenu("&Library")
        library.addActions([a.library, a.ledger, a.what_changed])
        library.addSeparator()
        library.addActions([a.manager, a.save_as_template])
        bar.addMenu(self.window_menu)
        help_ = bar.addMenu("&Help")
        help_.addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.commands
        tools = QToolBar("Main toolbar")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addActions([a.new, a.open, a.save])
        tools.addSeparator()
        tools.addActions([a.import_, a.paste_source])
        tools.addSeparator()
        tools.addActions([a.undo, a.redo])
        tools.addSeparator()
        label = QLabel(" Template ")
        label.setBuddy(self.template_box)
        tools.addWidget(label)
        tools.addWidget(self.template_box)
        label = QLabel("  Brand ")
        label.setBuddy(self.brand_box)
        tools.addWidget(label)
        tools.addWidget(self.brand_box)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        tools.addWidget(spacer)
        tools.addAction(a.export)
        self.toolbar = tools
        self.addToolBar(tools)

    def add_format_bar(self, bar: QToolBar) -> None:
        """The formatting toolbar, on a row of its own under the main one."""
        self.addToolBarBreak()
        self.addToolBar(bar)
        self.format_bar = bar

    def set_panes(self, sources: QWidget, briefing: QWidget, preview: QWidget) -> None:
        for pane in (sources, briefing, preview):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([380, 620, 540])

    def set_recent(self, files: list[str], open_file: Callable[[str], None]) -> None:
        self.recent_menu.clear()
        for index, name in enumerate(files[:10]):
            action = self.recent_menu.addAction(f"&{(index + 1) % 10} {Path(name).name}")
            action.setToolTip(plain(name))
            action.setStatusTip(name)
            action.triggered.connect(lambda _c=False, n=name: open_file(n))
        self.recent_menu.setEnabled(bool(files))

    def save_layout(self, settings: EditorSettings) -> None:
        """Keep the window's geometry, toolbars and pane sizes for the next window."""
        settings.set_value("window/geometry", self.saveGeometry())
        settings.set_value("window/state", self.saveState())
        settings.set_value("window/splitter", self.splitter.saveState())
        settings.sync()

    def restore_layout(self, settings: EditorSettings) -> None:
        geometry = settings.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1600, int(screen.width() * 0.92)), int(screen.height() * 0.9))
        state = settings.bytes_value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.bytes_value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # --- events ------------------------------------------------------------------------
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:  # noqa: N802 (Qt name)
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:  # noqa: N802 (Qt name)
        files = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if files:
            e.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            e.ignore()

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.can_close():
            e.accept()
        else:
            e.ignore()
