"""Condense or expand a section to a chosen length: the section header's length control.

A small tool button beside the section's word count opens :class:`CondenseDialog` (its menu
also fits the section to its budget or drafts it again from the sources). The work is the
core's (:func:`briefing.core.editing.resize_section`), run by the session as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.editing import MIN_WORDS, Capacity
from briefing.ui.plain import plain, plain_labels

__all__ = ["CondenseDialog", "length_button"]


class CondenseDialog(QDialog):
    """Ask for the length a section should have (words), knowing how long it can be."""

    def __init__(self, title: str, room: Capacity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Condense or expand {title}")
        self.room = room
        most = max(room.most, room.words, MIN_WORDS)
        self.words = QSpinBox()
        self.words.setAccessibleName("Length in words")
        self.words.setRange(MIN_WORDS, most)
        self.words.setSingleStep(25)
        self.words.setSuffix(" words")
        over = room.budget is not None and room.words > room.budget
        start = room.budget if over and room.budget else max(MIN_WORDS, room.words * 3 // 4)
        self.words.setValue(min(most, start))
        facts = [f"{title} is {room.words:,} words now"]
        if room.budget:
            facts.append(f"its budget is {room.budget:,}")
        facts.append(f"its sources offer up to {most:,}")
        about = QLabel("; ".join(facts) + ".")
        plain_labels(about)  # the section's title comes from the file
        about.setWordWrap(True)
        how = QLabel(
            "Whole sentences are taken out or brought back from the sources, in the draft's order."
            if room.drafted
            else "Your own sentences are kept; only sentences drafted from the sources are "
            "taken out or brought back."
        )
        how.setWordWrap(True)
        how.setStyleSheet("color: palette(placeholder-text);")
        self.to_budget = QPushButton(f"Budget ({room.budget})" if room.budget else "Budget")
        self.to_budget.setAccessibleName("Set the length to the word budget")
        self.to_budget.setEnabled(bool(room.budget))
        self.to_budget.clicked.connect(lambda: self.words.setValue(room.budget or room.words))
        row = QHBoxLayout()
        row.addWidget(QLabel("&Length:"))
        row.itemAt(0).widget().setBuddy(self.words)  # type: ignore[union-attr]
        row.addWidget(self.words, 1)
        row.addWidget(self.to_budget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(how)
        layout.addWidget(self.buttons)
        self.words.valueChanged.connect(self._name_ok)
        self._name_ok(self.words.value())

    def _name_ok(self, value: int) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Condense" if value < self.room.words else "Expand")
        ok.setEnabled(value != self.room.words)

    def value(self) -> int:
        return self.words.value()


def length_button(
    title: str,
    budget: int | None = None,
    *,
    ask: Callable[[], None],
    fit_budget: Callable[[], None],
    redraft: Callable[[], None],
    parent: QWidget | None = None,
) -> QToolButton:
    """The header's length control: a click asks for a length; its menu fits the budget or
    drafts the section again."""
    button = QToolButton(parent)
    button.setAutoRaise(True)
    menu = QMenu(button)
    choose = menu.addAction("Condense or expand…")
    choose.triggered.connect(ask)
    fit = menu.addAction(
        f"Fit the word budget ({budget:,} words)" if budget else "Fit the word budget"
    )
    fit.setEnabled(bool(budget))
    fit.triggered.connect(fit_budget)
    menu.addSeparator()
    menu.addAction("Re-draft from the sources").triggered.connect(redraft)
    button.setMenu(menu)
    button.setDefaultAction(choose)
    # After the default action, which would put its own text on the button:
    button.setText("⇕")
    button.setAccessibleName(f"Condense or expand {title}")
    button.setToolTip(plain(f"Condense or expand {title} to a chosen length (whole sentences)"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    return button
