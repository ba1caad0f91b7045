"""The toolbar's template and brand switchers: filled from the library, following the document."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox

from briefing.core.errors import BriefingError
from briefing.core.storage.library import Library
from briefing.ui.controller import Controller
from briefing.ui.plain import plain
from briefing.ui.session import DocumentSession

log = logging.getLogger(__name__)


class Switchers(QObject):
    """Keeps two combo boxes in step with the library and the open briefing."""

    def __init__(
        self,
        template_box: QComboBox,
        brand_box: QComboBox,
        session: DocumentSession,
        controller: Controller,
        library: Library,
    ) -> None:
        super().__init__(template_box)
        self.template_box = template_box
        self.brand_box = brand_box
        self.session = session
        self.controller = controller
        self.library = library
        template_box.activated.connect(self._template_chosen)
        brand_box.activated.connect(self._brand_chosen)

    def fill(self) -> None:
        """List the library's templates and brands (after it changed), then sync."""
        tbox, bbox = self.template_box, self.brand_box
        for box in (tbox, bbox):
            box.blockSignals(True)
            box.clear()
        try:
            for t in self.library.templates():
                tbox.addItem(t.name, t.id)
                tip = plain(t.description)  # a team template's words
                tbox.setItemData(tbox.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            for b in self.library.brands():
                bbox.addItem(b.name, b.id)
        except BriefingError as err:  # an unreadable library folder must not stop the editor
            log.warning("cannot list templates or brands: %s", err)
        for box in (tbox, bbox):
            box.blockSignals(False)
        self.sync()

    def sync(self) -> None:
        """Show the briefing's own template and brand (added when the library lacks them)."""
        b = self.session.briefing
        for box, item in ((self.template_box, b.template), (self.brand_box, b.brand)):
            if item is None:
                box.setCurrentIndex(-1)
                continue
            index = box.findData(item.id)
            if index < 0:
                box.addItem(f"{item.name} (this briefing)", item.id)
                index = box.count() - 1
            box.setCurrentIndex(index)

    def _template_chosen(self, index: int) -> None:
        tid = self.template_box.itemData(index)
        if tid is not None:
            self.controller.switch_template(str(tid))
        self.sync()

    def _brand_chosen(self, index: int) -> None:
        bid = self.brand_box.itemData(index)
        if bid is not None:
            self.controller.switch_brand(str(bid))
        self.sync()
