"""Several briefings at once: one window each, opened with Ctrl+O, Ctrl+N and drops, listed in
the Window menu, asked about one by one on Quit, restored one by one after a crash."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_support import Boxes, patch_boxes
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from support.waiting import wait_until
from test_editor_import import _drop

from briefing.core.model.document import Briefing, Section
from briefing.core.storage.document_io import save_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.recovery import list_recoveries, save_recovery
from briefing.ui.app import Editor
from briefing.ui.dialogs import FileDialogs
from briefing.ui.workspace import Workspace


class Chooser:
    """Answers the file dialogs and the template chooser, in order, and remembers the asks."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.templates: list[str] = []
        self.asked: list[str] = []

    def open_file(self, _parent: QWidget, title: str, _start: str, _filters: str) -> str:
        self.asked.append(title)
        return str(self.paths.pop(0)) if self.paths else ""

    def save_file(self, _parent: QWidget, title: str, _start: str, _filters: str) -> str:
        return self.open_file(_parent, title, _start, _filters)

    def template(self, _parent: QWidget, _library: Library) -> str | None:
        self.asked.append("template")
        return self.templates.pop(0) if self.templates else None


@pytest.fixture
def chooser() -> Chooser:
    return Chooser()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def workspace(qtbot, chooser: Chooser, boxes: Boxes) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    dialogs = FileDialogs(open_file=chooser.open_file, save_file=chooser.save_file)
    ws = Workspace(preview=False, file_dialogs=dialogs, choose_template=chooser.template)
    yield ws
    for editor in list(ws.editors):
        editor.session.mark_saved()
        editor.window.close()
    assert ws.editors == []


def first_window(qtbot, ws: Workspace) -> Editor:  # type: ignore[no-untyped-def]
    editor = Editor(workspace=ws)
    editor.start_blank()
    editor.window.show()
    qtbot.waitExposed(editor.window)
    return editor


def press(qtbot, editor: Editor, key: Qt.Key, mods=Qt.KeyboardModifier.ControlModifier) -> None:  # type: ignore[no-untyped-def]
    """A shortcut typed into ``editor``'s window, as a person would."""
    window = editor.window
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    QTest.keyClick(QApplication.focusWidget() or window, key, mods)


def saved(path: Path, title: str) -> Path:
    body = f"{title} in a few words."
    save_briefing(Briefing(title=title, sections=[Section("notes", "Notes", body)]), path)
    return path


def type_title(qtbot, editor: Editor, text: str) -> None:  # type: ignore[no-untyped-def]
    field = editor.briefing_pane.form.title
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)


def test_ctrl_o_opens_in_the_untouched_window_then_in_new_ones_and_focuses_an_open_file(
    qtbot, workspace: Workspace, chooser: Chooser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    a = saved(tmp_path / "alpha.briefing", "Alpha")
    b = saved(tmp_path / "beta.briefing", "Beta")
    chooser.paths = [a]
    press(qtbot, first, Qt.Key.Key_O)
    assert chooser.asked == ["Open briefing"]
    assert workspace.editors == [first] and first.session.path == a, "the blank window took it"
    chooser.paths = [b]
    press(qtbot, first, Qt.Key.Key_O)
    assert len(workspace.editors) == 2
    second = workspace.editors[1]
    assert second.session.path == b and first.session.path == a
    assert second.window.isVisible() and "beta.briefing" in second.window.windowTitle()
    assert second.session.undo_stack is not first.session.undo_stack
    # Opening a file that is open already brings its window forward instead.
    chooser.paths = [a]
    press(qtbot, second, Qt.Key.Key_O)
    assert len(workspace.editors) == 2
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first.window, timeout=5000)


def test_an_edited_blank_window_keeps_its_work_and_the_file_opens_beside_it(
    qtbot, workspace: Workspace, chooser: Chooser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "My notes")
    assert first.session.dirty
    chooser.paths = [saved(tmp_path / "gamma.briefing", "Gamma")]
    press(qtbot, first, Qt.Key.Key_O)
    assert len(workspace.editors) == 2
    assert first.session.briefing.title == "My notes" and first.session.path is None
    assert workspace.editors[1].session.briefing.title == "Gamma"


def test_ctrl_n_opens_a_new_window_with_the_chosen_template(
    qtbot, workspace: Workspace, chooser: Chooser
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    before = first.session.briefing
    chooser.templates = ["bluf"]
    press(qtbot, first, Qt.Key.Key_N)
    assert chooser.asked == ["template"]
    assert len(workspace.editors) == 2 and first.session.briefing is before
    new = workspace.editors[1]
    assert new.session.briefing.template is not None
    assert new.session.briefing.template.id == "bluf"
    assert new.window.template_box.currentData() == "bluf"
    chooser.templates = []  # cancelled: no window
    press(qtbot, new, Qt.Key.Key_N)
    assert len(workspace.editors) == 2


def test_the_window_menu_lists_every_window_and_brings_one_forward(
    qtbot, workspace: Workspace, chooser: Chooser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "Draft note")
    chooser.paths = [saved(tmp_path / "delta.briefing", "Delta")]
    press(qtbot, first, Qt.Key.Key_O)
    second = workspace.editors[1]
    for editor in (first, second):
        menu = editor.window.window_menu
        texts = [a.text() for a in menu.actions()]
        assert texts == ["&1 Draft note *", "&2 delta.briefing"], texts
        assert [a.isChecked() for a in menu.actions()] == [editor is first, editor is second]
    menu_titles = [a.text() for a in second.window.menuBar().actions()]
    assert "&Window" in menu_titles
    second.window.window_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first.window, timeout=5000)
    # Saving renames the entry in every window's menu.
    chooser.paths = [tmp_path / "draft.briefing"]
    press(qtbot, first, Qt.Key.Key_S)
    assert [a.text() for a in second.window.window_menu.actions()][0] == "&1 draft.briefing"
    # The recent-files list is shared: the other window lists the file just saved.
    recent = [a.toolTip() for a in second.window.recent_menu.actions()]
    assert str((tmp_path / "draft.briefing").resolve()) in recent


def test_a_dropped_briefing_opens_in_its_own_window(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "Busy window")
    dropped = saved(tmp_path / "epsilon.briefing", "Epsilon")
    _drop(first.window, [dropped])
    assert len(workspace.editors) == 2
    assert workspace.editors[1].session.path == dropped
    assert first.session.briefing.title == "Busy window"


def test_quit_asks_about_each_unsaved_window(
    qtbot, workspace: Workspace, chooser: Chooser, boxes: Boxes
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "First unsaved")
    chooser.templates = ["standard"]
    press(qtbot, first, Qt.Key.Key_N)
    second = workspace.editors[1]
    type_title(qtbot, second, "Second unsaved")
    # Keep the first, then cancel at the second: the quit stops there.
    boxes.answers = [QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel]
    press(qtbot, second, Qt.Key.Key_Q)
    asked = [text for text in boxes.shown if text.startswith("Unsaved changes")]
    assert len(asked) == 2
    assert "First unsaved" in asked[0] and "Second unsaved" in asked[1]
    assert workspace.editors == [second] and second.window.isVisible()
    boxes.answers = [QMessageBox.StandardButton.Discard]
    press(qtbot, second, Qt.Key.Key_Q)
    assert workspace.editors == []


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_after_a_crash_every_windows_copy_comes_back_in_its_own_window(
    qtbot, workspace: Workspace, boxes: Boxes
) -> None:  # type: ignore[no-untyped-def]
    pid = dead_pid()
    for n, title in enumerate(("Crashed one", "Crashed two", "Crashed three")):
        save_recovery(Briefing(title=title), key=f"{pid}:untitled-{n}", source_path=None)
    boxes.answers = ["Restore", "Later", "Restore"]
    first = Editor(workspace=workspace)
    first.start(None)
    titles = sorted(e.session.briefing.title for e in workspace.editors)
    assert titles == ["Crashed one", "Crashed three"]
    assert all(e.session.dirty and e.window.isVisible() or e is first for e in workspace.editors)
    left = [c.title for c in list_recoveries() if not c.key.startswith(f"{pid}:")]
    assert sorted(left) == titles, "each restored copy is kept under its new window's key"
    assert [c.title for c in list_recoveries() if c.key.startswith(f"{pid}:")] == ["Crashed two"]


def test_save_as_onto_a_file_open_in_another_window_is_refused(
    qtbot, workspace: Workspace, chooser: Chooser, boxes: Boxes, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    held = saved(tmp_path / "zeta.briefing", "Zeta")
    chooser.paths = [held]
    press(qtbot, first, Qt.Key.Key_O)
    chooser.templates = ["standard"]
    press(qtbot, first, Qt.Key.Key_N)
    second = workspace.editors[1]
    chooser.paths = [held]
    press(qtbot, second, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "open in another window" in boxes.shown[-1]
    assert second.session.path is None


def test_a_file_another_editor_process_has_open_is_warned_about(
    qtbot, workspace: Workspace, chooser: Chooser, boxes: Boxes, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "Mine")
    theirs = saved(tmp_path / "eta.briefing", "Eta")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from briefing.core.storage.lock import acquire_lock\n"
            f"acquire_lock({str(theirs)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        chooser.paths = [theirs]
        boxes.answer = "Cancel"
        press(qtbot, first, Qt.Key.Key_O)
        assert "open in another editor" in boxes.texts()
        assert len(workspace.editors) == 1, "no window for a file left closed"
    finally:
        holder.kill()
        holder.wait()


def test_the_windows_share_one_render_worker(qtbot, boxes: Boxes) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(choose_template=lambda _parent, _library: "standard")
    first = first_window(qtbot, ws)
    try:
        press(qtbot, first, Qt.Key.Key_N)
        second = ws.editors[1]
        for editor in (first, second):
            assert editor.preview is not None
            assert wait_until(editor.preview.is_idle, 120_000)
            assert editor.preview.page_count() >= 1
        assert first.preview is not None and second.preview is not None
        pid = first.preview.client.worker_pid()
        assert pid and second.preview.client.worker_pid() == pid
        second.session.mark_saved()
        second.window.close()
        assert ws.editors == [first] and first.preview.client.worker_pid() == pid
        type_title(qtbot, first, "Still rendering")
        assert wait_until(first.preview.is_idle, 60_000)
        assert "Still rendering" in " ".join(
            first.preview.document().getAllText(0).text().split()  # type: ignore[union-attr]
        )
    finally:
        for editor in list(ws.editors):
            editor.session.mark_saved()
            editor.window.close()
    assert not Path(f"/proc/{pid}").exists(), "the last window took the worker with it"


def test_a_new_edition_opens_beside_a_window_with_work(
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    first = first_window(qtbot, workspace)
    type_title(qtbot, first, "Work in progress")
    previous = saved(tmp_path / "theta.briefing", "Theta")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(previous), ""))
    first.actions.new_edition.trigger()  # File ▸ New Edition Of…
    assert len(workspace.editors) == 2 and first.session.briefing.title == "Work in progress"
    edition = workspace.editors[1].session.briefing.edition
    assert edition is not None and edition.number == 2
