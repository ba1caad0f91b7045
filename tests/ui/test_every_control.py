"""Every action in every menu and toolbar and every enabled button of the main window and the
template manager, clicked in a fresh profile; any exception or Qt critical message fails.

Modal dialogs (file choosers, questions, Preferences, the New Briefing chooser...) are closed
by a timer as soon as they open, as a person would press Escape; nothing in ``briefing/``
knows it is being walked.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import TracebackType

import pytest
import shiboken6
from editor_support import make_editor, show_active
from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)
from support.waiting import wait_until

from briefing.core.model.article import Article, Block

LEFT = Qt.MouseButton.LeftButton


class Recorder:
    """Exceptions (from slots and virtual overrides) and Qt's critical messages."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def hook(self, kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        self.problems.append(f"{kind.__name__}: {err}")

    def messages(self, mode: QtMsgType, _context: object, message: str) -> None:
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.problems.append(f"Qt: {message}")


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    found = Recorder()
    monkeypatch.setattr(sys, "excepthook", found.hook)
    previous = qInstallMessageHandler(found.messages)
    closer = QTimer()
    closer.setInterval(30)
    closer.timeout.connect(_close_modal)
    closer.start()
    yield found
    closer.stop()
    qInstallMessageHandler(previous)


def _close_modal() -> None:
    """Dismiss whatever modal window is open, as Escape would (the answer is always "no")."""
    modal = QApplication.activeModalWidget()
    if modal is None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        return
    if isinstance(modal, QMessageBox):
        cancel = modal.escapeButton() or modal.defaultButton()
        if cancel is not None:
            cancel.click()
            return
    if isinstance(modal, QDialog):
        modal.reject()
    else:
        modal.close()


def _alive(widget: QWidget) -> bool:
    return shiboken6.isValid(widget) and widget.isVisible()


def click_menus(window: QMainWindow, skip: set[str]) -> list[str]:
    """Open each menu of the window's menu bar and click each enabled action in it."""
    clicked: list[str] = []
    bar = window.menuBar()
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in list(menu.actions()):
            if action.isSeparator() or not action.isEnabled() or action.menu() is not None:
                continue
            name = action.text().replace("&", "")
            if name in skip:
                continue
            menu.popup(bar.mapToGlobal(bar.actionGeometry(top).bottomLeft()))
            assert wait_until(menu.isVisible, 2000), f"menu {top.text()} did not open"
            QTest.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())
            wait_until(lambda m=menu: not m.isVisible(), 2000)
            QTest.qWait(10)
            clicked.append(f"{top.text().replace('&', '')} > {name}")
    return clicked


def click_toolbars(window: QMainWindow, skip: set[str]) -> list[str]:
    """Click each enabled button (and open each box) of the window's own toolbars."""
    clicked: list[str] = []
    for bar in window.findChildren(QToolBar):
        if bar.window() is not window:
            continue  # another window's (the manager is a child of the main window)
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is None or not _alive(widget) or not widget.isEnabled():
                continue
            name = action.text().replace("&", "") or widget.accessibleName()
            if name in skip or not isinstance(widget, QComboBox | QAbstractButton):
                continue
            QTest.mouseClick(widget, LEFT)
            if isinstance(widget, QComboBox):
                QTest.qWait(20)
                _close_modal()  # the open list, as Escape closes it
            QTest.qWait(10)
            clicked.append(f"toolbar {bar.windowTitle()}: {name}")
    return clicked


def _key(button: QAbstractButton) -> str:
    """A button's name and the section it belongs to (each section has its ↑ ↓ ✕)."""
    owner = button.parentWidget()
    while owner is not None and not hasattr(owner, "section_id"):
        owner = owner.parentWidget()
    name = button.accessibleName() or button.text() or button.toolTip()
    return f"{name}@{getattr(owner, 'section_id', '')}"


def click_buttons(window: QWidget, skip: set[str]) -> list[str]:
    """Every enabled, visible button of the window that is not a toolbar's (done above),
    looked for again after each click: a click may rebuild what holds them."""
    clicked: list[str] = []
    done: set[str] = set()
    for _ in range(400):
        candidates = [
            b
            for b in window.findChildren(QAbstractButton)
            if _alive(b)
            and b.isEnabled()
            and b.window() is window
            and not isinstance(b.parent(), QToolBar)
            and _key(b) not in done
            and _key(b).split("@")[0] not in skip
        ]
        if not candidates:
            break
        button = candidates[0]
        key = _key(button)  # before the click: it may delete the button
        done.add(key)
        QTest.mouseClick(button, LEFT)
        QTest.qWait(10)
        clicked.append(f"button {key}")
    return clicked


def _article() -> Article:
    return Article(
        title="Harbour cranes slow down",
        site="Example Wire",
        blocks=[
            Block("paragraph", "Port operators reported slower unloading this week.", id="b1"),
            Block("callout", "Delays ease within days.", id="b2", label="Key Takeaway"),
        ],
    )


def test_every_menu_action_toolbar_button_and_button_of_the_main_window(qtbot, recorder) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot, start=False)
    assert ed.start_demo()  # first run: the demo briefing, with a source and sections
    ed.session.add_sources([_article()])
    ed.window.resize(1700, 1100)  # every toolbar button on screen, none in an overflow menu
    show_active(qtbot, ed.window)
    # A section has the cursor, so the Format menu and toolbar act on real text.
    box = next(iter(ed.briefing_pane.editors.values())).editor
    box.setFocus()
    # Walked at the end: they end the document or the window, or hide the formatted text.
    last = {"Quit", "Close", "Show Markdown Source"}
    clicked = click_menus(ed.window, skip=last)
    clicked += click_toolbars(ed.window, skip=set())
    clicked += click_buttons(ed.window, skip={"Remove selected source"})
    # the manager the Library menu opened
    manager = ed._manager
    assert manager is not None
    manager.resize(1500, 950)
    show_active(qtbot, manager)
    manager.select("template", "standard")
    QTest.mouseClick(manager.template_page.duplicate_button, LEFT)
    clicked += click_toolbars(manager, skip={"Delete"})
    clicked += click_buttons(manager, skip=set())
    clicked += click_menus(manager, skip=set()) if manager.menuBar().actions() else []
    manager.revert()
    manager.close()
    ed.session.mark_saved()
    source = {"Show Markdown Source"}
    others = {a for a in _menu_names(ed.window) if a not in last}
    clicked += click_menus(ed.window, skip=others)  # the source view on
    clicked += click_menus(ed.window, skip=others)  # and off again
    clicked += click_menus(ed.window, skip=others | source | {"Quit"})  # Close
    clicked += click_menus(ed.window, skip=others | source | {"Close"})  # Quit
    assert len(clicked) > 90, clicked
    for needed in (
        "File > Export…",
        "Format > Bold",
        "View > Zoom In",
        "View > Show Markdown Source",
        "toolbar Main toolbar: Export…",
        "toolbar Main toolbar: Brand",
        "toolbar Format: Question and Answer",
        "toolbar Format: Show Markdown Source",
        "toolbar Library: Import…",
        "Library > Search Library…",
        "Library > Predictions Ledger…",
        "File > New Edition Of…",
        "button Add a section@",
        "button Remove section@faq",
        "File > Quit",
    ):
        assert needed in clicked, needed
    assert recorder.problems == [], "\n".join(recorder.problems)
    ed.window.can_close = lambda: True


def _menu_names(window: QMainWindow) -> set[str]:
    names: set[str] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            names |= {a.text().replace("&", "") for a in menu.actions() if isinstance(a, QAction)}
    return names
