"""First-page thumbnails of templates and brands, drawn without blocking the UI thread.

Each thumbnail is the demo article drafted into the template (or, for a brand, into the
standard template in that brand), first page only. The shared ``briefing.ui.thumbnails``
module renders it in its background worker process and keeps a PNG cache, so reopening the
manager is instant; this module maps its results back to list items.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from briefing.core.drafting.demo import demo_briefing
from briefing.core.model.template import Brand, Template
from briefing.core.storage.template_io import brand_to_json, template_to_json
from briefing.ui.thumbnails import ThumbnailRenderer, cached_thumbnail, thumbnail_key

WIDTH = 180


def content_key(template: Template, brand: Brand | None) -> str:
    """A key that changes whenever the template or brand changes."""
    digest = hashlib.sha256(template_to_json(template))
    if brand is not None:
        digest.update(brand_to_json(brand))
    return digest.hexdigest()[:32]


class ThumbnailLoader(QObject):
    """Asks the shared thumbnail renderer for each item's first page; ``ready`` gives it.

    ``request`` answers at once from memory or the disk cache; otherwise the page is rendered
    in the background and ``ready(item_key, image)`` follows. With ``enabled=False`` items keep
    their placeholder.
    """

    ready = Signal(str, QImage)  # item key ("template:<id>" / "brand:<id>"), image

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._memory: dict[str, QImage] = {}  # content key -> image
        self._waiting: dict[str, list[tuple[str, str]]] = {}  # render key -> (item, content)
        self._renderer: ThumbnailRenderer | None = None

    def request(self, item_key: str, template: Template, brand: Brand | None) -> QImage | None:
        """The image now if it is known, else ``None`` and a ``ready`` signal later."""
        content = content_key(template, brand)
        image = self._memory.get(content)
        if image is not None or not self.enabled:
            return image
        briefing = demo_briefing(template, brand)
        key = thumbnail_key(briefing, WIDTH * 2)
        cached = cached_thumbnail(key)
        if cached is not None:
            self._memory[content] = cached
            return cached
        waiting = self._waiting.setdefault(key, [])
        if (item_key, content) not in waiting:
            waiting.append((item_key, content))
        if len(waiting) == 1:
            if self._renderer is None:
                self._renderer = ThumbnailRenderer(self)
                self._renderer.ready.connect(self._done)
                self._renderer.failed.connect(lambda key, _message: self._waiting.pop(key, None))
            self._renderer.request(briefing, WIDTH * 2)
        return None

    def _done(self, key: str, image: QImage) -> None:
        for item_key, content in self._waiting.pop(key, []):
            self._memory[content] = image
            self.ready.emit(item_key, image)

    def is_idle(self) -> bool:
        return not self._waiting

    def shutdown(self) -> None:
        """Stop drawing (the window closed); a later request starts a fresh worker."""
        self._waiting.clear()
        if self._renderer is not None:
            self._renderer.shutdown()
            # It stays a child of this loader until the loader goes: deleting it from the
            # event loop while its stopped worker still reports crashed Qt (seen in tests).
            self._renderer = None


def placeholder() -> QImage:
    """A blank page drawn while the real thumbnail renders."""
    width = WIDTH
    height = int(width * 1.414)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setPen(QColor("#C9CED6"))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#E4E7EC"))
    painter.drawRect(12, 14, width - 50, 9)
    for n in range(9):
        painter.drawRect(12, 36 + n * 12, width - 24 - (n % 3) * 14, 5)
    painter.end()
    return image
