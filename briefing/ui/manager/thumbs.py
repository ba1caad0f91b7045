"""First-page thumbnails of templates and brands, rendered off the UI thread.

Each thumbnail is the demo article drafted into the template (or, for a brand, into the
standard template in that brand), first page only. Finished images are kept on disk under the
cache folder keyed by the item's content, so reopening the manager is instant.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
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


def first_page_image(pdf: bytes, width: int) -> QImage:
    """Page 1 of a PDF as an image ``width`` pixels wide (null image if it cannot be read)."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.pageCount() < 1:
        return QImage()
    size = document.pagePointSize(0)
    height = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
    image = document.render(0, QSize(width, height))
    document.close()
    return on_paper(image)


def on_paper(image: QImage) -> QImage:
    """``image`` over a white page, so a transparent render reads as paper in dark mode too."""
    if image.isNull() or not image.hasAlphaChannel():
        return image
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.setDevicePixelRatio(image.devicePixelRatio())
    paper.fill(QColor("#FFFFFF"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def _external_renderer() -> Callable[[Briefing, int], QImage] | None:
    """The shared thumbnail module's renderer, when it is installed."""
    try:
        from briefing.ui.thumbnails import render_thumbnail  # type: ignore[import-not-found]
    except ImportError:
        return None
    return render_thumbnail  # type: ignore[no-any-return]


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
    """Draws thumbnails in the background, one at a time; ``ready`` gives each result.

    The PDF is made by a render worker process (the preview's ``RenderClient``), so WeasyPrint
    never runs on, or competes for the interpreter with, the UI thread. When the shared
    ``briefing.ui.thumbnails`` module is installed its renderer is used in a thread instead.
    """

    ready = Signal(str, QImage)  # item key ("template:<id>" / "brand:<id>"), image

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._memory: dict[str, QImage] = {}
        self._pending: dict[str, str] = {}  # item key -> content key queued or rendering
        self._queue: list[tuple[str, str, Briefing]] = []
        self._current: tuple[str, str] | None = None
        self._external = _external_renderer()
        self._pool: QThreadPool | None = None
        self._client: Any = None
        self._signals = _Signals()
        self._signals.done.connect(self._done)

    def cached(self, content: str) -> QImage | None:
        image = self._memory.get(content)
        if image is None:
            file = _cache_folder() / f"{content}.png"
            if file.is_file():
                loaded = on_paper(QImage(str(file)))
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
        self._queue = [job for job in self._queue if job[0] != item_key]
        self._queue.append((item_key, content, demo_briefing(template, brand)))
        self._next()
        return None

    def is_idle(self) -> bool:
        return not self._queue and self._current is None

    def _next(self) -> None:
        if self._current is not None or not self._queue:
            return
        item_key, content, briefing = self._queue.pop(0)
        self._current = (item_key, content)
        job_key = f"{item_key}\n{content}"
        if self._external is not None:
            if self._pool is None:
                self._pool = QThreadPool(self)
                self._pool.setMaxThreadCount(1)
            render = self._external
            self._pool.start(
                _Job(job_key, lambda: on_paper(render(briefing, WIDTH * 2)), self._signals)
            )
            return
        if self._client is None:
            from briefing.ui.preview import serialise
            from briefing.ui.render_client import RenderClient

            self._serialise = serialise
            self._client = RenderClient(self, debounce_ms=0)
            self._client.rendered.connect(self._rendered)
            self._client.failed.connect(lambda _message: self._done(self._job_key(), QImage()))
        self._client.request(self._serialise(briefing))

    def _job_key(self) -> str:
        item_key, content = self._current or ("", "")
        return f"{item_key}\n{content}"

    def _rendered(self, result: Any) -> None:
        self._done(self._job_key(), first_page_image(result.pdf, WIDTH * 2))

    def _done(self, job_key: str, image: QImage) -> None:
        item_key, _, content = job_key.partition("\n")
        self._current = None
        if self._pending.get(item_key) == content:
            del self._pending[item_key]
        if not image.isNull():
            self._memory[content] = image
            try:
                _cache_folder().mkdir(parents=True, exist_ok=True)
                image.save(str(_cache_folder() / f"{content}.png"), "PNG")
            except OSError:
                pass
            self.ready.emit(item_key, image)
        self._next()

    def wait(self, msecs: int = 60000) -> bool:
        """Run the event loop until every queued thumbnail is drawn (tests, scripts)."""
        deadline = time.monotonic() + msecs / 1000
        while not self.is_idle() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return self.is_idle()

    def shutdown(self) -> None:
        """Stop drawing (the window closed); a later request starts a fresh worker."""
        self._queue.clear()
        self._pending.clear()
        self._current = None
        if self._pool is not None:
            self._pool.clear()
            self._pool.waitForDone(30000)
        if self._client is not None:
            self._client.shutdown()
            self._client.deleteLater()
            self._client = None


def _cache_folder() -> Path:
    return paths.cache_dir() / "thumbnails"


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
