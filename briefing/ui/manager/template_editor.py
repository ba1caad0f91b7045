"""The template editor: name, description, sections (drag to reorder), budgets, defaults."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model.estimative import SCALE_NAMES
from briefing.core.model.template import Brand, SectionSpec, Template

from .classifications import ClassificationTable

HANDLING_LABELS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
FILL_LABELS = {
    "narrative": "Article text",
    "key-takeaway": "Key takeaways",
    "bottom-line": "Bottom line (BLUF)",
    "qa": "Questions and answers",
    "predictions": "Predictions",
    "callouts": "Other callouts",
    "none": "Nothing (analyst writes it)",
}
SPEC_ROLE = Qt.ItemDataRole.UserRole


def slug(text: str) -> str:
    """An id made from a title: lowercase letters, digits and hyphens."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:64] or "section"


def _budget_spin(maximum: int, unit: str, none_text: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSpecialValueText(none_text)
    spin.setSuffix(f" {unit}s")
    # "1 page", "2 pages"
    spin.valueChanged.connect(lambda n: spin.setSuffix(f" {unit}" if n == 1 else f" {unit}s"))
    return spin


class TemplateEditor(QWidget):
    """Edits one template in place; ``edited`` fires on every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._template: Template | None = None
        self._original_ids: set[str] = set()
        self._read_only = False
        self._loading = False
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Template name")
        self.id_label = QLabel()
        self.id_label.setTextFormat(Qt.TextFormat.PlainText)
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName("Template description")
        self.description_edit.setFixedHeight(64)
        self.page_budget = _budget_spin(200, "page", "No limit")
        self.page_budget.setAccessibleName("Page budget")
        self.scale_combo = QComboBox()
        self.scale_combo.setAccessibleName("Likelihood scale")
        self.scale_combo.setToolTip(
            "The probability scale the predictions' estimative terms follow: ICD 203 (US) or "
            "the PHIA probability yardstick (UK)"
        )
        for key, name in SCALE_NAMES.items():
            self.scale_combo.addItem(name, key)
        self.handling_combo = QComboBox()
        self.handling_combo.setEditable(True)
        self.handling_combo.addItems(HANDLING_LABELS)
        self.handling_combo.setAccessibleName("Default handling label")
        self.brand_combo = QComboBox()
        self.brand_combo.setAccessibleName("Default brand")
        self.portion_box = QCheckBox("Mark every paragraph with the handling label, e.g. (OS)")
        self.portion_box.setAccessibleName("Portion marks")
        self.classifications = ClassificationTable()

        general = QGroupBox("Template")
        form = QFormLayout(general)
        form.addRow("&Name:", self.name_edit)
        form.addRow("Id:", self.id_label)
        form.addRow("&Description:", self.description_edit)
        form.addRow("Page &budget:", self.page_budget)
        form.addRow("&Likelihood scale:", self.scale_combo)
        form.addRow("&Handling label:", self.handling_combo)
        form.addRow("Classifications:", self.classifications)
        form.addRow("Portion marks:", self.portion_box)
        form.addRow("B&rand:", self.brand_combo)

        # Sections: the list (drag to reorder, double-click to rename) and the selected one.
        self.section_list = QListWidget()
        self.section_list.setAccessibleName("Sections")
        self.section_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.section_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.section_list.setMinimumHeight(110)
        self.section_list.setMaximumHeight(150)
        self.add_button = self._tool("+", "Add a section")
        self.remove_button = self._tool("−", "Remove the selected section")
        self.up_button = self._tool("▲", "Move the section up")
        self.down_button = self._tool("▼", "Move the section down")
        tools = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        tools.addStretch()
        left = QHBoxLayout()
        left.addWidget(self.section_list, 1)
        left.addLayout(tools)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Section title")
        self.section_id_edit = QLineEdit()
        self.section_id_edit.setAccessibleName("Section id")
        self.guidance_edit = QPlainTextEdit()
        self.guidance_edit.setAccessibleName("Section guidance")
        self.guidance_edit.setPlaceholderText("What the analyst should write here")
        self.guidance_edit.setMinimumHeight(90)
        self.word_budget = _budget_spin(20000, "word", "No limit")
        self.word_budget.setSingleStep(50)
        self.word_budget.setAccessibleName("Word budget")
        self.required_box = QCheckBox("Required")
        self.fill_boxes: dict[str, QCheckBox] = {}
        fills = QGridLayout()
        for n, (kind, label) in enumerate(FILL_LABELS.items()):
            box = QCheckBox(label)
            box.setAccessibleName(f"Fill with {label}")
            self.fill_boxes[kind] = box
            fills.addWidget(box, n // 2, n % 2)
        self.detail = QWidget()
        detail_form = QFormLayout(self.detail)
        detail_form.setContentsMargins(0, 0, 0, 0)
        detail_form.addRow("&Title:", self.title_edit)
        detail_form.addRow("I&d:", self.section_id_edit)
        detail_form.addRow("&Guidance:", self.guidance_edit)
        detail_form.addRow("Filled with:", fills)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.word_budget)
        budget_row.addSpacing(12)
        budget_row.addWidget(self.required_box)
        budget_row.addStretch()
        detail_form.addRow("Word budget:", budget_row)

        sections = QGroupBox("Sections")
        grid = QVBoxLayout(sections)
        grid.addLayout(left)
        grid.addWidget(self.detail, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(general)
        layout.addWidget(sections, 1)

        self.name_edit.textEdited.connect(self._changed)
        self.description_edit.textChanged.connect(self._changed)
        self.page_budget.valueChanged.connect(self._changed)
        self.scale_combo.currentIndexChanged.connect(self._changed)
        self.handling_combo.currentTextChanged.connect(self._changed)
        self.brand_combo.currentIndexChanged.connect(self._changed)
        self.portion_box.toggled.connect(self._changed)
        self.classifications.edited.connect(self._classifications_edited)
        self.section_list.currentRowChanged.connect(self._show_section)
        self.section_list.itemChanged.connect(self._item_renamed)
        self.section_list.model().rowsMoved.connect(lambda *_: self._changed())
        self.add_button.clicked.connect(lambda: self.add_section())  # not clicked(bool)
        self.remove_button.clicked.connect(self.remove_section)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.title_edit.textEdited.connect(self._title_edited)
        self.section_id_edit.textEdited.connect(self._detail_changed)
        self.guidance_edit.textChanged.connect(self._detail_changed)
        self.word_budget.valueChanged.connect(self._detail_changed)
        self.required_box.toggled.connect(self._detail_changed)
        for box in self.fill_boxes.values():
            box.toggled.connect(self._detail_changed)

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setMinimumWidth(28)
        return button

    # -- loading and reading ---------------------------------------------------------------
    def set_brands(self, brands: list[Brand]) -> None:
        current = self.brand_combo.currentData()
        self._loading = True
        self.brand_combo.clear()
        for brand in brands:
            self.brand_combo.addItem(brand.name, brand.id)
        self._select_brand(current)
        self._loading = False

    def _select_brand(self, brand_id: str | None) -> None:
        index = self.brand_combo.findData(brand_id)
        if index < 0 and brand_id:
            self.brand_combo.addItem(f"{brand_id} (missing)", brand_id)
            index = self.brand_combo.count() - 1
        self.brand_combo.setCurrentIndex(max(index, 0))

    def set_template(self, template: Template, *, read_only: bool = False) -> None:
        """Show ``template`` for editing (or only for reading)."""
        self._loading = True
        self._template = template
        self._original_ids = {spec.id for spec in template.sections}
        self.name_edit.setText(template.name)
        self.id_label.setText(template.id)
        self.description_edit.setPlainText(template.description)
        self.page_budget.setValue(template.page_budget or 0)
        self.scale_combo.setCurrentIndex(
            max(0, self.scale_combo.findData(template.likelihood_scale))
        )
        self.classifications.set_classifications(list(template.classifications))
        self._fill_handling(template.handling)
        self.portion_box.setChecked(template.portion_marks)
        self._select_brand(template.brand)
        self.section_list.clear()
        for spec in template.sections:
            self._append_item(replace(spec, fill=list(spec.fill)))
        self._loading = False
        self.set_read_only(read_only)
        self.section_list.setCurrentRow(0 if template.sections else -1)
        self._show_section(self.section_list.currentRow())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for text in (
            self.name_edit,
            self.description_edit,
            self.title_edit,
            self.section_id_edit,
            self.guidance_edit,
        ):
            text.setReadOnly(read_only)
        self.classifications.set_read_only(read_only)
        for widget in (
            self.portion_box,
            self.page_budget,
            self.scale_combo,
            self.handling_combo,
            self.brand_combo,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.word_budget,
            self.required_box,
            *self.fill_boxes.values(),
        ):
            widget.setEnabled(not read_only)
        mode = QAbstractItemView.DragDropMode
        self.section_list.setDragDropMode(mode.NoDragDrop if read_only else mode.InternalMove)
        triggers = QAbstractItemView.EditTrigger
        self.section_list.setEditTriggers(
            triggers.NoEditTriggers
            if read_only
            else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.SelectedClicked
        )

    def _append_item(self, spec: SectionSpec) -> QListWidgetItem:
        item = QListWidgetItem(spec.title)
        item.setData(SPEC_ROLE, spec)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
        self.section_list.addItem(item)
        return item

    def sections(self) -> list[SectionSpec]:
        """The sections in their current order."""
        specs = []
        for row in range(self.section_list.count()):
            item = self.section_list.item(row)
            spec: SectionSpec = item.data(SPEC_ROLE)
            specs.append(replace(spec, title=item.text(), fill=list(spec.fill)))
        return specs

    def template(self) -> Template:
        """The template as edited (not yet validated or saved)."""
        assert self._template is not None
        budget = self.page_budget.value() or None
        return replace(
            self._template,
            name=self.name_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            sections=self.sections(),
            page_budget=budget,
            likelihood_scale=self.scale_combo.currentData() or self._template.likelihood_scale,
            handling=self.handling_combo.currentText().strip() or "TLP:CLEAR",
            brand=self.brand_combo.currentData() or self._template.brand,
            classifications=self.classifications.classifications(),
            portion_marks=self.portion_box.isChecked(),
        )

    def _fill_handling(self, chosen: str) -> None:
        """TLP's labels and the template's own classifications to pick from."""
        self.handling_combo.blockSignals(True)
        self.handling_combo.clear()
        labels = [*HANDLING_LABELS, *(c.label for c in self.classifications.classifications())]
        self.handling_combo.addItems(list(dict.fromkeys(labels)))
        self.handling_combo.setCurrentText(chosen)
        self.handling_combo.blockSignals(False)

    def _classifications_edited(self) -> None:
        if self._loading:
            return
        self._fill_handling(self.handling_combo.currentText())
        self._changed()

    # -- sections --------------------------------------------------------------------------
    def current_spec(self) -> SectionSpec | None:
        item = self.section_list.currentItem()
        spec: SectionSpec | None = item.data(SPEC_ROLE) if item is not None else None
        return spec

    def add_section(self, title: str = "New section") -> SectionSpec:
        taken = {s.id for s in self.sections()}
        base = slug(title)
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        spec = SectionSpec(id=new_id, title=title, fill=["none"])
        item = self._append_item(spec)
        self.section_list.setCurrentItem(item)
        self._changed()
        return spec

    def remove_section(self) -> None:
        row = self.section_list.currentRow()
        if row >= 0:
            self.section_list.takeItem(row)
            self._changed()

    def move_section(self, step: int) -> None:
        row = self.section_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.section_list.count():
            return
        item = self.section_list.takeItem(row)
        self.section_list.insertItem(target, item)
        self.section_list.setCurrentRow(target)
        self._changed()

    def rename_section(self, row: int, title: str) -> None:
        self.section_list.item(row).setText(title)

    def _show_section(self, row: int) -> None:
        spec = self.current_spec()
        self.detail.setEnabled(spec is not None)
        if spec is None:
            return
        self._loading = True
        self.title_edit.setText(self.section_list.currentItem().text())
        self.section_id_edit.setText(spec.id)
        self.guidance_edit.setPlainText(spec.guidance)
        self.word_budget.setValue(spec.word_budget or 0)
        self.required_box.setChecked(spec.required)
        for kind, box in self.fill_boxes.items():
            box.setChecked(kind in spec.fill)
        self._loading = False
        editable = not self._read_only
        for control in (self.word_budget, self.required_box, *self.fill_boxes.values()):
            control.setEnabled(editable)

    def _item_renamed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        if item is self.section_list.currentItem() and self.title_edit.text() != item.text():
            self._loading = True
            self.title_edit.setText(item.text())
            self._loading = False
        self._changed()

    def _title_edited(self, title: str) -> None:
        # A section added here keeps its id in step with its title until the id is edited.
        spec = self.current_spec()
        item = self.section_list.currentItem()
        following = (
            spec is not None
            and item is not None
            and spec.id not in self._original_ids
            and self.section_id_edit.text() == slug(item.text())
        )
        if following and spec is not None:
            taken = {s.id for s in self.sections()} - {spec.id}
            new_id, base, n = slug(title), slug(title), 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
            self.section_id_edit.setText(new_id)
        self._detail_changed()

    def _detail_changed(self) -> None:
        if self._loading:
            return
        item = self.section_list.currentItem()
        if item is None:
            return
        spec: SectionSpec = item.data(SPEC_ROLE)
        fill = [kind for kind, box in self.fill_boxes.items() if box.isChecked()]
        updated = replace(
            spec,
            id=self.section_id_edit.text().strip(),
            guidance=self.guidance_edit.toPlainText(),
            word_budget=self.word_budget.value() or None,
            required=self.required_box.isChecked(),
            fill=fill,
        )
        self._loading = True
        item.setData(SPEC_ROLE, updated)
        item.setText(self.title_edit.text())
        self._loading = False
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()
