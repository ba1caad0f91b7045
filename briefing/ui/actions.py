"""The editor's commands as QActions with standard key sequences; wiring is the app's job."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from briefing.ui.shortcuts import redo_keys

Std = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    import_: QAction
    paste_source: QAction
    export: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    replace: QAction
    add_section: QAction
    preferences: QAction
    manager: QAction
    save_as_template: QAction
    library: QAction
    ledger: QAction
    new_edition: QAction
    what_changed: QAction
    focus_sources: QAction
    focus_briefing: QAction
    focus_preview: QAction
    source_view: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(
    parent: QWidget, text: str, tip: str, keys: QKeySequence.StandardKey | str | None = None
) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if isinstance(keys, QKeySequence.StandardKey):
        action.setShortcuts(keys)
    elif isinstance(keys, str):
        action.setShortcut(QKeySequence(keys))
    parent.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def create_actions(parent: QWidget) -> Actions:
    """Every command of the main window (undo and redo are replaced by the undo stack's)."""
    a = Actions(
        new=_action(parent, "&New…", "Start a new briefing from a template", Std.New),
        open=_action(parent, "&Open…", "Open a briefing (or a PDF Briefing exported)", Std.Open),
        save=_action(parent, "&Save", "Save the briefing", Std.Save),
        save_as=_action(parent, "Save &As…", "Save the briefing under a new name", Std.SaveAs),
        import_=_action(parent, "&Import Articles…", "Import articles from files", "Ctrl+Shift+I"),
        paste_source=_action(
            # Not Ctrl+Shift+V: in a section that pastes as plain text, as everywhere else.
            parent,
            "&Paste as New Source",
            "Import the clipboard as a new source",
            "Ctrl+Alt+V",
        ),
        export=_action(
            parent, "&Export…", "Export the briefing as PDF, Word, HTML or Markdown", "Ctrl+E"
        ),
        close=_action(parent, "&Close", "Close the briefing", Std.Close),
        quit=_action(parent, "&Quit", "Quit Briefing", Std.Quit),
        undo=_action(parent, "&Undo", "Undo the last change", Std.Undo),
        redo=_action(parent, "&Redo", "Redo the last undone change", Std.Redo),
        find=_action(parent, "&Find…", "Find text in the sections", Std.Find),
        replace=_action(parent, "R&eplace…", "Find and replace in the sections", Std.Replace),
        add_section=_action(parent, "Add &Section…", "Add a section after the current one"),
        preferences=_action(parent, "Pr&eferences…", "Preferences", Std.Preferences),
        manager=_action(parent, "&Templates and Brands…", "Manage templates and brands"),
        save_as_template=_action(
            parent,
            "Save Briefing as &Template…",
            "Keep this briefing's sections, budgets and brand as a template of your own",
        ),
        library=_action(
            parent,
            "&Search Library…",
            "Search every source and briefing you have used",
            "Ctrl+Shift+F",
        ),
        ledger=_action(parent, "Predictions &Ledger…", "Predictions, outcomes and calibration"),
        new_edition=_action(
            parent, "New &Edition Of…", "Start the next edition of an earlier briefing"
        ),
        what_changed=_action(parent, "What &Changed…", "What changed since the previous edition"),
        focus_sources=_action(parent, "Go to &Sources", "Move focus to the sources", "Ctrl+1"),
        focus_briefing=_action(parent, "Go to &Briefing", "Move focus to the briefing", "Ctrl+2"),
        focus_preview=_action(parent, "Go to &Preview", "Move focus to the preview", "Ctrl+3"),
        source_view=_action(
            parent, "Show &Markdown Source", "Edit every section as Markdown text", "Ctrl+Shift+M"
        ),
        zoom_in=_action(parent, "Zoom &In", "Larger text in the sections", Std.ZoomIn),
        zoom_out=_action(parent, "Zoom &Out", "Smaller text in the sections", Std.ZoomOut),
        zoom_reset=_action(
            parent, "&Actual Size", "Text in the sections at its usual size", "Ctrl+0"
        ),
        about=_action(parent, "&About Briefing", "About Briefing"),
    )
    a.redo.setShortcuts(redo_keys())  # Ctrl+Y and Ctrl+Shift+Z off macOS
    a.source_view.setCheckable(True)
    a.zoom_in.setShortcuts([*a.zoom_in.shortcuts(), QKeySequence("Ctrl+=")])
    # The preview has its own zoom on the same keys while it has the focus.
    for zoom in (a.zoom_in, a.zoom_out, a.zoom_reset):
        zoom.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if not a.replace.shortcuts():
        a.replace.setShortcut(QKeySequence("Ctrl+H"))
    if not a.preferences.shortcuts():
        a.preferences.setShortcut(QKeySequence("Ctrl+,"))
    if not a.quit.shortcuts():
        a.quit.setShortcut(QKeySequence("Ctrl+Q"))
    if not a.save_as.shortcuts():
        a.save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
    return a
