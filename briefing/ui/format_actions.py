"""The formatting commands as actions (Format menu, the format toolbar, their shortcuts) and
what they do to the section editor the analyst is writing in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QToolBar, QToolButton, QWidget

from briefing.ui import formatting
from briefing.ui.link_dialog import LinkDialog
from briefing.ui.rich_editor import FormattedEdit
from briefing.ui.richtext_qt_read import is_ordered

Std = QKeySequence.StandardKey
STYLES = (("Text", 0), ("Heading 1", 1), ("Heading 2", 2), ("Heading 3", 3), ("Heading 4", 4))


@dataclass
class FormatActions:
    bold: QAction
    italic: QAction
    strike: QAction
    link: QAction
    bullets: QAction
    numbers: QAction
    quote: QAction
    callout: QAction
    qa: QAction
    remove_box: QAction
    paste_plain: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(
    parent: QWidget, text: str, tip: str, keys: Std | str | None = None, *, check: bool = False
) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setCheckable(check)
    if isinstance(keys, Std):
        action.setShortcuts(keys)
    elif keys:
        action.setShortcut(QKeySequence(keys))
    parent.addAction(action)
    return action


def create_format_actions(parent: QWidget) -> FormatActions:
    """The formatting actions (the platform's keys: Cmd on macOS)."""
    return FormatActions(
        bold=_action(parent, "&Bold", "Bold (Ctrl+B)", Std.Bold, check=True),
        italic=_action(parent, "&Italic", "Italic (Ctrl+I)", Std.Italic, check=True),
        strike=_action(parent, "&Strikethrough", "Strike the words through", check=True),
        link=_action(parent, "&Link…", "Insert or edit a link (Ctrl+K)", "Ctrl+K"),
        bullets=_action(parent, "&Bulleted List", "Bulleted list", "Ctrl+Shift+8", check=True),
        numbers=_action(parent, "&Numbered List", "Numbered list", "Ctrl+Shift+7", check=True),
        quote=_action(parent, "&Quote", "Set the paragraph as a quotation", check=True),
        callout=_action(parent, "&Callout Box", "Insert a callout box (Did you know?, Key…)"),
        qa=_action(parent, "Question and &Answer", "Insert a question-and-answer pair"),
        remove_box=_action(
            parent, "&Remove Box or Pair", "Take the text out of its callout, or delete the pair"
        ),
        paste_plain=_action(
            parent, "Paste as &Plain Text", "Paste without formatting", "Ctrl+Shift+V"
        ),
    )


class Formatter:
    """Runs the format actions on ``current()``, the section editor in use (if any)."""

    def __init__(
        self,
        actions: FormatActions,
        current: Callable[[], FormattedEdit | None],
        parent: QWidget,
        end_step: Callable[[], None] = lambda: None,
    ) -> None:
        self.actions = actions
        self.current = current
        self.parent = parent
        self.end_step = end_step  # a command is one undo step of its own
        self.style_box = QComboBox()
        self.style_box.setAccessibleName("Paragraph style")
        self.style_box.setToolTip("Paragraph style: text or a heading")
        for label, level in STYLES:
            self.style_box.addItem(label, level)
        self.style_box.activated.connect(self._style_chosen)
        a = actions
        for action, run in (
            (a.bold, formatting.toggle_bold),
            (a.italic, formatting.toggle_italic),
            (a.strike, formatting.toggle_strike),
            (a.bullets, lambda e: formatting.toggle_list(e, False)),
            (a.numbers, lambda e: formatting.toggle_list(e, True)),
            (a.quote, formatting.toggle_quote),
            (a.callout, formatting.insert_callout),
            (a.qa, formatting.insert_qa),
            (a.remove_box, formatting.remove_container),
            (a.link, self.edit_link),
            (a.paste_plain, lambda e: e.paste_plain()),
        ):
            action.triggered.connect(lambda _checked=False, r=run: self._run(r))
        self.sync()

    def _run(self, command: Callable[[FormattedEdit], object]) -> None:
        edit = self.current()
        if edit is None or edit.isReadOnly():
            self.sync()
            return
        self.end_step()
        command(edit)
        self.end_step()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sync()

    def _style_chosen(self, index: int) -> None:
        level = self.style_box.itemData(index)
        self._run(lambda e: formatting.set_heading(e, int(level)))

    def edit_link(self, edit: FormattedEdit) -> None:
        text, address, span = formatting.link_at(edit)
        dialog = LinkDialog(self.parent, text.replace("\u2029", " "), address)
        if not dialog.exec():
            return
        if dialog.removed:
            formatting.set_link(edit, span, text, "")
        else:
            formatting.set_link(edit, span, dialog.text(), dialog.address())

    def sync(self) -> None:
        """Show the state at the cursor: bold, italic, list, the paragraph style."""
        edit = self.current()
        enabled = edit is not None and not edit.isReadOnly()
        for action in self.actions.all():
            action.setEnabled(enabled)
        self.style_box.setEnabled(enabled)
        if edit is None:
            for action in self.actions.all():
                if action.isCheckable():
                    action.setChecked(False)
            return
        cursor = edit.textCursor()
        fmt = edit.currentCharFormat()
        a = self.actions
        a.bold.setChecked(fmt.fontWeight() >= 600 and not cursor.blockFormat().headingLevel())
        a.italic.setChecked(fmt.fontItalic())
        a.strike.setChecked(fmt.fontStrikeOut())
        current = cursor.currentList()
        ordered = current is not None and is_ordered(current.format().style())
        a.bullets.setChecked(current is not None and not ordered)
        a.numbers.setChecked(ordered)
        a.quote.setChecked(formatting.role_of(cursor.block()) == "quote")
        a.remove_box.setEnabled(enabled and bool(formatting.in_container(edit)))
        level = cursor.blockFormat().headingLevel()
        index = self.style_box.findData(level)
        self.style_box.setCurrentIndex(index if index >= 0 else 0)

    def toolbar(self, source_view: QAction | None = None) -> QToolBar:
        """The format toolbar: paragraph style, marks, link, lists, quote, boxes."""
        bar = QToolBar("Format")
        bar.setObjectName("formatToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addWidget(self.style_box)
        a = self.actions
        for group in (
            [a.bold, a.italic, a.strike, a.link],
            [a.bullets, a.numbers, a.quote],
            [a.callout, a.qa, a.remove_box],
        ):
            bar.addSeparator()
            bar.addActions(group)
        if source_view is not None:
            bar.addSeparator()
            bar.addAction(source_view)
        for action, short in ((a.bold, "B"), (a.italic, "I"), (a.strike, "S")):
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setText(short)
                font = button.font()
                font.setBold(action is a.bold)
                font.setItalic(action is a.italic)
                font.setStrikeOut(action is a.strike)
                button.setFont(font)
                button.setAccessibleName(action.text().replace("&", ""))
        return bar
