"""First-page thumbnails of templates and brands, rendered off the UI thread.

Each thumbnail is the demo article drafted into the template (or, for a brand, into the
standard template in that brand), first page only. Finished images are kept on disk under the
cache folder keyed by the item's content, so reopening the manager is instant.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter

from briefing.core import paths
from briefing.core.document import Briefing
from briefing.core.storage.template_io import brand_to_json, template_to_json
from briefing.core.template import Brand, Template

from .demo import demo_briefing

WIDTH = 180


def content_key(template: Template, brand: Brand | None) -> str:
    """A key that changes whenever the template or brand changes."""
    digest = hashlib.sha256(template_to_json(template))
    if brand is not None:
        digest.update(brand_to_json(brand))
    return digest.hexdigest()[:32]


def render_first_page(briefing: Briefing, width: int) -> QImage:
    """The first page of ``briefing`` as an image ``width`` pixels wide."""
    try:
        from briefing.ui.thumbnails import render_thumbnail  # type: ignore[import-not-found]
    except ImportError:
        render_thumbnail = None
    if render_thumbnail is not None:
        image: QImage = render_thumbnail(briefing, width)
        return image
    from PySide6.QtPdf import QPdfDocument

    from briefing.core.rendering.pdf import render_pdf

    pdf = render_pdf(briefing, brand=briefing.brand)
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    height = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
    image = document.render(0, QSize(width, height))
    document.close()
    return image


class _Signals(QObject):
    done = Signal(str, QImage)


class _Job(QRunnable):
    def __init__(self, key: str, make: Callable[[], QImage], signals: _Signals) -> None:
        super().__init__()
        self.key, self.make, self.signals = key, make, signals

    def run(self) -> None:
        try:
            image = self.make()
        except Exception:  # a thumbnail is decoration: a failure leaves the placeholder
            image = QImage()
        self.signals.done.emit(self.key, image)


class ThumbnailLoader(QObject):
    """Renders thumbnails one at a time in a background thread; ``ready`` gives each result."""

    ready = Signal(str, QImage)  # item key ("template:<id>" / "brand:<id>"), image

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._memory: dict[str, QImage] = {}
        self._pending: dict[str, str] = {}  # item key -> content key being rendered
        self._signals = _Signals()
        self._signals.done.connect(self._done)

    def cached(self, content: str) -> QImage | None:
        image = self._memory.get(content)
        if image is None:
            file = paths.cache_dir() / "thumbnails" / f"{content}.png"
            if file.is_file():
                loaded = QImage(str(file))
                if not loaded.isNull():
                    self._memory[content] = image = loaded
        return image

    def request(self, item_key: str, template: Template, brand: Brand | None) -> QImage | None:
        """The cached image now, or ``None`` and a ``ready`` signal when it has been drawn."""
        content = content_key(template, brand)
        image = self.cached(content)
        if image is not None or not self.enabled:
            return image
        if self._pending.get(item_key) == content:
            return None
        self._pending[item_key] = content
        job_key = f"{item_key}\n{content}"
        self._pool.start(
            _Job(
                job_key,
                lambda: render_first_page(demo_briefing(template, brand), WIDTH * 2),
                self._signals,
            )
        )
        return None

    def _done(self, job_key: str, image: QImage) -> None:
        item_key, content = job_key.split("\n", 1)
        if self._pending.get(item_key) == content:
            del self._pending[item_key]
        if image.isNull():
            return
        self._memory[content] = image
        folder = paths.cache_dir() / "thumbnails"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            image.save(str(folder / f"{content}.png"), "PNG")
        except OSError:
            pass
        self.ready.emit(item_key, image)

    def wait(self, msecs: int = 60000) -> bool:
        """Block until queued thumbnails are drawn (tests, shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self) -> None:
        self._pool.clear()
        self._pool.waitForDone(30000)


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
