"""New briefing: choose a template, seeing what its first page looks like.

API for the main window (stable)::

    dialog = NewBriefingDialog(parent, library)     # a briefing.core.storage.library.Library
    if dialog.exec() == QDialog.DialogCode.Accepted:
        template_id = dialog.selected_template_id()   # str | None
        brand_id = dialog.selected_brand_id()         # the template's default brand id

Each template is listed with its name and description; the first page of the bundled demo
article drafted into the template (with its default brand) is rendered in the background
render worker and cached as a PNG (see ``briefing.ui.thumbnails``), so the dialog opens at
once and reopens instantly; ``is_idle()`` says when every thumbnail is in.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.drafting.demo import demo_briefing
from briefing.core.model.template import Brand, Template
from briefing.core.services import resolve_brand
from briefing.core.storage.library import Library
from briefing.ui.plain import plain, plain_labels
from briefing.ui.thumbnails import ThumbnailRenderer

THUMB_WIDTH = 260
ICON_SIZE = QSize(72, 102)
ID_ROLE = Qt.ItemDataRole.UserRole


def blank_page(width: int, height: int) -> QPixmap:
    """A plain page outline shown until the real thumbnail arrives."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#C8CDD3")))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.setPen(QPen(QColor("#E5E7EB"), 3))
    for i in range(6):
        y = height // 6 + i * height // 9
        painter.drawLine(width // 8, y, width - width // 8 - (i % 3) * width // 8, y)
    painter.end()
    return pixmap


class NewBriefingDialog(QDialog):
    """Template chooser with descriptions and first-page thumbnails."""

    def __init__(
        self,
        parent: QWidget | None,
        library: Library,
        *,
        thumbnails: bool = True,
        renderer: ThumbnailRenderer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New briefing")
        self.setObjectName("NewBriefingDialog")
        self.library = library
        self.templates: list[Template] = list(library.templates())
        self._brands: dict[str, Brand | None] = {}
        self._images: dict[str, QImage] = {}
        self._key_to_id: dict[str, str] = {}
        self._renderer = renderer or (ThumbnailRenderer(self) if thumbnails else None)
        if self._renderer is not None:
            self._renderer.ready.connect(self._on_thumbnail)
            self._renderer.failed.connect(self._on_thumbnail_failed)
        self._to_render: list[Template] = []
        screen = QGuiApplication.primaryScreen()
        # Render at the screen's pixel density so the pages stay crisp on high-DPI displays.
        self._scale = max(1.0, screen.devicePixelRatio()) if screen is not None else 1.0
        self._build()
        self.finished.connect(lambda _code: self.shutdown())
        if self._renderer is not None:
            self._to_render = list(self.templates)
            QTimer.singleShot(0, self._queue_next)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setAccessibleName("Templates")
        self.list.setIconSize(ICON_SIZE)
        self.list.setSpacing(3)
        self.list.setMinimumWidth(300)
        placeholder = QIcon(blank_page(ICON_SIZE.width(), ICON_SIZE.height()))
        for template in self.templates:
            summary = template.description.split(". ")[0].strip().rstrip(".")
            text = f"{template.name}\n{summary}" if summary else template.name
            item = QListWidgetItem(placeholder, text)
            item.setData(ID_ROLE, template.id)
            item.setToolTip(plain(template.description or template.name))
            item.setSizeHint(QSize(0, ICON_SIZE.height() + 10))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda *_: self._show_details())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

        self.picture = QLabel(self)
        self.picture.setAccessibleName("First page of the template")
        self.picture.setFixedSize(THUMB_WIDTH + 2, round(THUMB_WIDTH * 1.4142) + 2)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid #C8CDD3; background: white;")
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.name_label.setWordWrap(True)  # a long name wraps rather than widening the dialog
        self.description_label = QLabel(self)
        self.description_label.setWordWrap(True)
        self.sections_label = QLabel(self)
        self.sections_label.setWordWrap(True)
        self.sections_label.setTextFormat(Qt.TextFormat.RichText)  # its own markup, text escaped
        self.status_label = QLabel(self)
        self.status_label.setStyleSheet("color: palette(mid);")
        # Names and descriptions come from template files: plain text, never rich text.
        plain_labels(self.name_label, self.description_label, self.status_label)

        details = QVBoxLayout()
        details.addWidget(self.name_label)
        details.addWidget(self.description_label)
        details.addWidget(self.sections_label)
        details.addStretch(1)
        details.addWidget(self.status_label)
        right = QHBoxLayout()
        right.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(details, 1)

        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(right, 3)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        heading = QLabel("Choose a template for the new briefing", self)
        heading.setStyleSheet("font-size: 12pt;")
        layout.addWidget(heading)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(920, 520)
        if self.templates:
            default = next((i for i, t in enumerate(self.templates) if t.id == "standard"), 0)
            self.list.setCurrentRow(default)
        else:
            self.ok_button.setEnabled(False)
            self.status_label.setText("No templates found in the library.")
        self.list.setFocus()

    # -- public ---------------------------------------------------------------------------

    def selected_template_id(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def selected_brand_id(self) -> str | None:
        template = self._template(self.selected_template_id())
        return template.brand if template is not None else None

    def thumbnail(self, template_id: str) -> QImage | None:
        """The rendered first page for ``template_id`` once it has arrived."""
        return self._images.get(template_id)

    def is_idle(self) -> bool:
        """True when every thumbnail has been rendered (or has failed)."""
        return self._renderer is None or (not self._to_render and self._renderer.is_idle())

    def shutdown(self) -> None:
        """Stop the background renderer (called automatically when the dialog closes)."""
        if self._renderer is not None:
            self._to_render = []
            self._renderer.shutdown()

    # -- internals ------------------------------------------------------------------------

    def _template(self, template_id: str | None) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def _brand(self, template: Template) -> Brand | None:
        if template.brand not in self._brands:
            self._brands[template.brand] = resolve_brand(self.library, template)
        return self._brands[template.brand]

    def _queue_next(self) -> None:
        """Draft and queue one template per event-loop turn, so the dialog paints at once."""
        if not self._to_render or self._renderer is None:
            return
        template = self._to_render.pop(0)
        try:
            briefing = demo_briefing(template, self._brand(template))
            key = self._renderer.request(briefing, round(THUMB_WIDTH * self._scale))
            self._key_to_id[key] = template.id
        except Exception as err:  # a thumbnail is decoration; the template stays selectable
            self._set_failed(template.id, str(err).splitlines()[0] if str(err) else "error")
        if self._to_render:
            QTimer.singleShot(0, self._queue_next)

    def _on_thumbnail(self, key: str, image: QImage) -> None:
        template_id = self._key_to_id.get(key)
        if template_id is None:
            return
        image.setDevicePixelRatio(self._scale)
        self._images[template_id] = image
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == template_id:
                icon = QPixmap.fromImage(image).scaled(
                    ICON_SIZE * self._scale,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                icon.setDevicePixelRatio(self._scale)
                item.setIcon(QIcon(icon))
        if template_id == self.selected_template_id():
            self._show_details()

    def _on_thumbnail_failed(self, key: str, message: str) -> None:
        template_id = self._key_to_id.get(key)
        if template_id is not None:
            self._set_failed(template_id, message)

    def _set_failed(self, template_id: str, message: str) -> None:
        if template_id == self.selected_template_id():
            self.status_label.setText(f"No preview: {message}")

    def _show_details(self) -> None:
        template = self._template(self.selected_template_id())
        if template is None:
            return
        self.name_label.setText(template.name)
        self.description_label.setText(template.description)
        titles = " · ".join(html.escape(s.title) for s in template.sections)
        extra = []
        if template.page_budget:
            extra.append(f"Page budget: {template.page_budget}")
        brand = self._brand(template)
        extra.append(f"House style: {html.escape(brand.name if brand else template.brand)}")
        extra.append(f"Handling: {html.escape(template.handling)}")
        self.sections_label.setText(
            f"<p><b>Sections</b><br>{titles}</p><p>{'<br>'.join(extra)}</p>"
        )
        image = self._images.get(template.id)
        if image is not None:
            self.picture.setPixmap(QPixmap.fromImage(image))
            self.status_label.setText("")
        else:
            self.picture.setPixmap(blank_page(THUMB_WIDTH, round(THUMB_WIDTH * 1.4142)))
            if self._renderer is not None:
                self.status_label.setText("Rendering the first page…")
