"""The brand editor: logo, colours, fonts, page, running header and footer, cover, watermark."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model.template import Brand, BrandColors, BrandFonts
from briefing.core.storage import assets
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.ui.plain import plain

COLOR_LABELS = {"primary": "Primary", "accent": "Accent", "text": "Text", "muted": "Muted"}
FIELD_LABELS = {
    "organisation": "Organisation",
    "handling": "Handling label",
    "date": "Date",
    "title": "Title",
    "page": "Page N of M",
    "reference": "Reference",
}
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FAMILY_BAD = re.compile(r"[^A-Za-z0-9 _-]+")
_LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


def bundled_families() -> list[str]:
    """The font families bundled with the program (empty when the font package is missing)."""
    try:
        from briefing.core.rendering.fonts import available_families
    except ImportError:
        return []
    try:
        return list(available_families())
    except Exception:  # a broken font folder must not break the editor
        return []


def font_family(data: bytes) -> str | None:
    """The family name inside font bytes, or ``None`` when Qt cannot read them as a font."""
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    QFontDatabase.removeApplicationFont(font_id)
    if not families:
        return None
    name = _FAMILY_BAD.sub(" ", families[0]).strip()[:64]
    return name or None


class FieldList(QListWidget):
    """Checkable, drag-reorderable running header or footer fields."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setMaximumHeight(150)

    def set_fields(self, chosen: list[str]) -> None:
        self.clear()
        for key in [*chosen, *(k for k in FIELD_LABELS if k not in chosen)]:
            item = QListWidgetItem(FIELD_LABELS.get(key, key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.addItem(item)

    def fields(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


class BrandEditor(QWidget):
    """Edits one brand in place; ``edited`` fires on every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._brand: Brand | None = None
        self._logo: str | None = None
        self._font_files: dict[str, str] = {}
        self._colors: dict[str, str] = {}
        self._loading = False
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Brand name")
        self.id_label = QLabel()
        self.id_label.setTextFormat(Qt.TextFormat.PlainText)
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName("Brand description")
        general = QGroupBox("Brand")
        form = QFormLayout(general)
        form.addRow("&Name:", self.name_edit)
        form.addRow("Id:", self.id_label)
        form.addRow("&Description:", self.description_edit)

        self.logo_view = QLabel("No logo")
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setFixedSize(180, 64)
        self.logo_view.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_button = QPushButton("Choose &logo…")
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_remove = QPushButton("Remove")
        self.logo_remove.clicked.connect(self.remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_view)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.logo_remove)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch()
        form.addRow("Logo:", logo_row)
        self.logo_alt = QLineEdit()
        self.logo_alt.setAccessibleName("Logo description")
        self.logo_alt.setPlaceholderText("What a screen reader says for the logo")
        form.addRow("Logo &text:", self.logo_alt)

        colours = QGroupBox("Colours")
        grid = QGridLayout(colours)
        self.color_buttons: dict[str, QPushButton] = {}
        self.color_edits: dict[str, QLineEdit] = {}
        for n, (key, label) in enumerate(COLOR_LABELS.items()):
            button = QPushButton()
            button.setFixedSize(36, 24)
            button.setToolTip(f"Choose the {label.lower()} colour")
            button.setAccessibleName(f"{label} colour picker")
            button.clicked.connect(lambda _=False, k=key: self.choose_color(k))
            edit = QLineEdit()
            edit.setMaxLength(7)
            edit.setFixedWidth(90)
            edit.setAccessibleName(f"{label} colour")
            edit.editingFinished.connect(
                lambda k=key: self.set_color(k, self.color_edits[k].text())
            )
            self.color_buttons[key], self.color_edits[key] = button, edit
            grid.addWidget(QLabel(label + ":"), n // 2, (n % 2) * 3)
            grid.addWidget(button, n // 2, (n % 2) * 3 + 1)
            grid.addWidget(edit, n // 2, (n % 2) * 3 + 2)
        grid.setColumnStretch(5, 1)

        fonts = QGroupBox("Fonts")
        font_form = QFormLayout(fonts)
        self.heading_font = QComboBox()
        self.heading_font.setAccessibleName("Heading font")
        self.body_font = QComboBox()
        self.body_font.setAccessibleName("Body font")
        self.font_button = QPushButton("Add font &file…")
        self.font_button.clicked.connect(self.choose_font)
        font_form.addRow("&Headings:", self.heading_font)
        font_form.addRow("&Body text:", self.body_font)
        font_form.addRow("", self.font_button)

        page = QGroupBox("Page")
        page_form = QFormLayout(page)
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setAccessibleName("Page size")
        self.margins: list[QDoubleSpinBox] = []
        margin_row = QHBoxLayout()
        for side in ("Top", "Right", "Bottom", "Left"):
            spin = QDoubleSpinBox()
            spin.setRange(5.0, 60.0)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
            spin.setAccessibleName(f"{side} margin")
            spin.setToolTip(f"{side} margin")
            self.margins.append(spin)
            margin_row.addWidget(spin)
        self.header_fields = FieldList("Header fields")
        # TLP 2.0: the handling label is right-justified in the header and the footer,
        # whatever its place in the list (the renderer puts it last).
        self.footer_fields = FieldList("Footer fields")
        self.cover_box = QCheckBox(
            "&Cover page (title, summary and contents on a page of their own)"
        )
        self.watermark_box = QCheckBox("DRAFT &watermark while the status is draft")
        self.citations = QComboBox()
        self.citations.setAccessibleName("Citations")
        self.citations.addItem("Numbers pointing at the Sources list", "endnotes")
        self.citations.addItem("Footnotes, the reference in full the first time", "footnotes")
        self.toc_pages = QSpinBox()
        self.toc_pages.setAccessibleName("Contents after")
        self.toc_pages.setRange(0, 50)
        self.toc_pages.setSpecialValueText("Never")
        self.toc_pages.setSuffix(" pages")
        self.toc_pages.setToolTip("A table of contents once the PDF is longer than this")
        page_form.addRow("Page &size:", self.page_size)
        page_form.addRow("Margins (t, r, b, l):", margin_row)
        running = QHBoxLayout()
        for title, widget in (("Header", self.header_fields), ("Footer", self.footer_fields)):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"{title} (tick, drag to order; the label sits right):"))
            column.addWidget(widget)
            running.addLayout(column)
        page_form.addRow(running)
        page_form.addRow(self.cover_box)
        page_form.addRow(self.watermark_box)
        page_form.addRow("C&itations:", self.citations)
        page_form.addRow("Con&tents when longer than:", self.toc_pages)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(general)
        layout.addWidget(colours)
        layout.addWidget(fonts)
        layout.addWidget(page)
        layout.addStretch()

        self.name_edit.textEdited.connect(self._changed)
        self.description_edit.textEdited.connect(self._changed)
        self.heading_font.currentIndexChanged.connect(self._changed)
        self.body_font.currentIndexChanged.connect(self._changed)
        self.page_size.currentIndexChanged.connect(self._changed)
        for spin in self.margins:
            spin.valueChanged.connect(self._changed)
        for fields in (self.header_fields, self.footer_fields):
            fields.itemChanged.connect(self._changed)
            fields.model().rowsMoved.connect(lambda *_: self._changed())
        self.cover_box.toggled.connect(self._changed)
        self.watermark_box.toggled.connect(self._changed)
        self.logo_alt.textEdited.connect(self._changed)
        self.citations.currentIndexChanged.connect(self._changed)
        self.toc_pages.valueChanged.connect(self._changed)

    # -- loading and reading -------------------------------------------------------------
    def set_brand(self, brand: Brand, *, read_only: bool = False) -> None:
        """Show ``brand`` for editing (or only for reading)."""
        self._loading = True
        self._brand = brand
        self.name_edit.setText(brand.name)
        self.id_label.setText(brand.id)
        self.description_edit.setText(brand.description)
        self.description_edit.setCursorPosition(0)  # show the start of a long description
        self._logo = brand.logo
        self._show_logo()
        self._colors = {key: getattr(brand.colors, key) for key in COLOR_LABELS}
        for key in COLOR_LABELS:
            self._show_color(key)
        self._font_files = dict(brand.fonts.files)
        self._fill_fonts(brand.fonts.heading, brand.fonts.body)
        self.page_size.setCurrentText(brand.page_size)
        for spin, value in zip(self.margins, brand.margins_mm, strict=True):
            spin.setValue(value)
        self.header_fields.set_fields(list(brand.header))
        self.footer_fields.set_fields(list(brand.footer))
        self.cover_box.setChecked(brand.cover_page)
        self.watermark_box.setChecked(brand.watermark)
        self.logo_alt.setText(brand.logo_alt)
        self.citations.setCurrentIndex(max(self.citations.findData(brand.citations), 0))
        self.toc_pages.setValue(brand.toc_min_pages or 0)
        self._loading = False
        self.set_read_only(read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.name_edit.setReadOnly(read_only)
        self.description_edit.setReadOnly(read_only)
        self.logo_alt.setReadOnly(read_only)
        widgets: list[QWidget] = [
            self.citations,
            self.toc_pages,
            self.logo_button,
            self.logo_remove,
            self.heading_font,
            self.body_font,
            self.font_button,
            self.page_size,
            self.header_fields,
            self.footer_fields,
            self.cover_box,
            self.watermark_box,
            *self.margins,
            *self.color_buttons.values(),
            *self.color_edits.values(),
        ]
        for widget in widgets:
            widget.setEnabled(not read_only)

    def _fill_fonts(self, heading: str, body: str) -> None:
        families = sorted({*bundled_families(), *self._font_files, heading, body})
        for combo, chosen in ((self.heading_font, heading), (self.body_font, body)):
            combo.blockSignals(True)
            combo.clear()
            for family in families:
                label = f"{family} (your font file)" if family in self._font_files else family
                combo.addItem(label, family)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def brand(self) -> Brand:
        """The brand as edited (not yet validated or saved)."""
        assert self._brand is not None
        used = {self.heading_font.currentData(), self.body_font.currentData()}
        return replace(
            self._brand,
            name=self.name_edit.text().strip(),
            description=self.description_edit.text().strip(),
            logo=self._logo,
            colors=BrandColors(**self._colors),
            fonts=BrandFonts(
                heading=self.heading_font.currentData() or self._brand.fonts.heading,
                body=self.body_font.currentData() or self._brand.fonts.body,
                files={f: uri for f, uri in self._font_files.items() if f in used},
            ),
            page_size="Letter" if self.page_size.currentText() == "Letter" else "A4",
            margins_mm=(
                self.margins[0].value(),
                self.margins[1].value(),
                self.margins[2].value(),
                self.margins[3].value(),
            ),
            header=self.header_fields.fields(),
            footer=self.footer_fields.fields(),
            cover_page=self.cover_box.isChecked(),
            watermark=self.watermark_box.isChecked(),
            logo_alt=" ".join(self.logo_alt.text().split()),
            citations="footnotes" if self.citations.currentData() == "footnotes" else "endnotes",
            toc_min_pages=self.toc_pages.value() or None,
        )

    # -- logo ------------------------------------------------------------------------------
    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a logo", str(Path.home()), "Logos (*.svg *.png)"
        )
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        """Use the SVG or PNG file at ``path`` as the logo; a clear message if it cannot be."""
        mime = _LOGO_TYPES.get(path.suffix.lower())
        try:
            if mime is None:
                raise ValueError("is not an SVG or PNG file")
            if not path.is_file():
                raise ValueError("does not exist")
            data = read_untrusted(path, assets.MAX_LOGO_BYTES)  # no pipe, device or huge file
            assets.check_logo(mime, data)
        except UntrustedFileError as err:
            reason = err.reason if err.problem == "too-big" else f"cannot be read ({err.detail})"
            return self._warn(f"{path.name}: the logo {reason}.")
        except ValueError as err:
            return self._warn(f"{path.name}: the logo {err}.")
        self._logo = assets.encode_data_uri(mime, data)
        self._show_logo()
        self._changed()
        return True

    def remove_logo(self) -> None:
        self._logo = None
        self._show_logo()
        self._changed()

    def _show_logo(self) -> None:
        if not self._logo:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText("No logo")
            return
        try:
            _mime, data = assets.decode_data_uri(
                self._logo, assets.LOGO_MIMES, assets.MAX_LOGO_BYTES
            )
        except ValueError:
            self.logo_view.setText("Damaged logo")
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(data) and not pixmap.isNull():
            size = self.logo_view.size()
            self.logo_view.setPixmap(
                pixmap.scaled(
                    size.width() - 8,
                    size.height() - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_view.setText("Logo set")

    # -- colours ---------------------------------------------------------------------------
    def choose_color(self, key: str) -> None:
        color = QColorDialog.getColor(
            QColor(self._colors.get(key, "#000000")), self, f"{COLOR_LABELS[key]} colour"
        )
        if color.isValid():
            self.set_color(key, color.name())

    def set_color(self, key: str, value: str) -> bool:
        """Set a colour from ``#RRGGBB`` text; an invalid one is refused with a message."""
        value = value.strip()
        if value == self._colors.get(key):
            return True
        if not _COLOR.match(value):
            self._show_color(key)
            return self._warn(
                f"“{value}” is not a valid {COLOR_LABELS[key].lower()} colour: use #RRGGBB."
            )
        self._colors[key] = QColor(value).name().upper()
        self._show_color(key)
        self._changed()
        return True

    def _show_color(self, key: str) -> None:
        value = self._colors.get(key, "#000000")
        self.color_edits[key].setText(value)
        self.color_buttons[key].setStyleSheet(
            f"QPushButton {{ background: {value}; border: 1px solid palette(mid); "
            "border-radius: 3px; }"
        )

    # -- fonts -----------------------------------------------------------------------------
    def choose_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a font file", str(Path.home()), "Fonts (*.ttf *.otf *.woff *.woff2)"
        )
        if path:
            self.add_font_file(Path(path))

    def add_font_file(self, path: Path) -> str | None:
        """Add the font file to the choices: its family name, or ``None`` (after a message)."""
        mime = _FONT_TYPES.get(path.suffix.lower(), "font/ttf")
        try:
            data = read_untrusted(path, assets.MAX_FONT_BYTES)  # no pipe, device or huge file
            assets.check_font(data)
        except UntrustedFileError as err:
            reason = err.reason if err.problem == "too-big" else f"cannot be read ({err.detail})"
            self._warn(f"{path.name}: the font {reason}.")
            return None
        except ValueError as err:
            self._warn(f"{path.name}: the file {err}.")
            return None
        family = font_family(data)
        if family is None:
            self._warn(f"{path.name}: the font file is damaged or unreadable.")
            return None
        if family not in self._font_files and len(self._font_files) >= 8:
            self._warn(f"{path.name}: a brand carries at most 8 font files.")
            return None
        self._font_files[family] = assets.encode_data_uri(mime, data)
        heading, body = self.heading_font.currentData(), self.body_font.currentData()
        self._fill_fonts(heading or family, body or family)
        self.body_font.setCurrentIndex(self.body_font.findData(family))
        self._changed()
        return family

    # -- helpers ---------------------------------------------------------------------------
    def _warn(self, message: str) -> bool:
        QMessageBox.warning(self, "Brand", plain(message))
        return False

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()
