"""The briefing's title block: title, subtitle and the metadata that runs in header and footer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from briefing.core.model.document import Briefing
from briefing.ui.shortcuts import mark_document_field

HANDLING = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
STATUSES = ("draft", "final")

# (field, label, placeholder); laid out two to a row after title and subtitle.
FIELDS = (
    ("analyst", "Analyst", "Your name"),
    ("organisation", "Organisation", "Team or organisation"),
    ("date", "Date", "YYYY-MM-DD"),
    ("audience", "Audience", "Who will read this"),
    ("reference", "Reference", "File or case number"),
)


class MetadataForm(QWidget):
    """Emits ``field_edited(name, value)`` as the user types; ``refresh`` shows the model."""

    field_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)

        self.title = self._line("title", "Title", "Briefing title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = self._line("subtitle", "Subtitle", "One line that frames the briefing")
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.subtitle, 1, 0, 1, 4)

        row, col = 2, 0
        for name, label, placeholder in FIELDS:
            edit = self._line(name, label, placeholder)
            self._add(grid, label, edit, row, col)
            col += 2
            if col == 4:
                row, col = row + 1, 0

        self.handling = QComboBox()
        self.handling.setEditable(True)
        self.handling.addItems(HANDLING)
        self.handling.setAccessibleName("Handling label")
        typed = self.handling.lineEdit()  # an editable combo box always has one
        assert typed is not None
        typed.setAccessibleName("Handling label")  # typed labels
        self.handling.setToolTip(
            "Handling label (Traffic Light Protocol, or a classification the template defines), "
            "or type your own"
        )
        self.handling.currentTextChanged.connect(
            lambda text: self._emit("handling", text, self.handling)
        )
        self.status = QComboBox()
        self.status.addItems(STATUSES)
        self.status.setAccessibleName("Status")
        self.status.setToolTip("A draft carries a DRAFT watermark when the brand asks for one")
        self.status.currentTextChanged.connect(lambda text: self._emit("status", text, self.status))
        for label, widget in (("Handling", self.handling), ("Status", self.status)):
            self._add(grid, label, widget, row, col)
            col += 2
            if col == 4:
                row, col = row + 1, 0
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._filling = False

    def _line(self, name: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"meta-{name}")
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        mark_document_field(edit)
        edit.textEdited.connect(lambda text, n=name: self.field_edited.emit(n, text))
        self.edits[name] = edit
        return edit

    def _add(self, grid: QGridLayout, label: str, widget: QWidget, row: int, col: int) -> None:
        text = QLabel(f"{label}:")
        text.setBuddy(widget)
        grid.addWidget(text, row, col)
        grid.addWidget(widget, row, col + 1)

    def _emit(self, name: str, value: str, _widget: QWidget) -> None:
        if not self._filling:
            self.field_edited.emit(name, value)

    def refresh(self, briefing: Briefing) -> None:
        self._filling = True
        try:
            values = {"title": briefing.title, "subtitle": briefing.subtitle}
            values.update({name: str(getattr(briefing.meta, name)) for name, *_ in FIELDS})
            for name, value in values.items():
                edit = self.edits[name]
                if edit.text() != value:
                    edit.setText(value)
                    if not edit.hasFocus():  # a long title reads from its start, not its end
                        edit.setCursorPosition(0)
            defined = briefing.template.classifications if briefing.template else []
            labels = list(dict.fromkeys([*HANDLING, *(c.label for c in defined)]))
            if [self.handling.itemText(i) for i in range(self.handling.count())] != labels:
                self.handling.clear()
                self.handling.addItems(labels)
            if self.handling.currentText() != briefing.meta.handling:
                self.handling.setCurrentText(briefing.meta.handling)
            if self.status.currentText() != briefing.meta.status:
                self.status.setCurrentText(briefing.meta.status)
        finally:
            self._filling = False
