"""First-page thumbnails of briefings, cached as PNG files.

``ThumbnailRenderer`` renders page 1 of a briefing ``width_px`` pixels wide in a background
worker *process* (the preview's render worker), one briefing at a time, and emits
``ready(key, QImage)`` / ``failed(key, message)``, so the UI thread never runs WeasyPrint. The
New-briefing dialog and the manager show the demo briefing
(:func:`briefing.core.drafting.demo.demo_briefing`) this way.

Images are cached in ``paths.cache_dir()/thumbnails/<key>.png``, where
``key = thumbnail_key(briefing, width_px)`` hashes the serialised briefing (its template and
brand snapshots included) with the width, so a changed template or brand gets a new thumbnail.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QSize,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from briefing.core import paths
from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import dumps_briefing, dumps_shown
from briefing.core.worker.protocol import THUMBNAIL_LIMITS, RenderResult
from briefing.ui.render_client import RenderClient

CACHE_VERSION = "1"  # bump when the page design changes in a way the key cannot see
CACHE_LIMIT = 300  # thumbnails kept; older ones are deleted as new ones arrive


def cache_folder() -> Path:
    return paths.cache_dir() / "thumbnails"


def thumbnail_key(briefing: Briefing, width_px: int) -> str:
    """Cache key: hash of the serialised briefing (template and brand included) and width."""
    digest = hashlib.sha256(f"{CACHE_VERSION}:{width_px}:".encode())
    digest.update(dumps_shown(briefing).encode("utf-8"))
    return digest.hexdigest()[:32]


def cached_thumbnail(key: str) -> QImage | None:
    """The cached image for ``key``, or ``None``."""
    file = cache_folder() / f"{key}.png"
    if not file.is_file():
        return None
    image = QImage(str(file))
    return None if image.isNull() else image


def store_thumbnail(key: str, image: QImage) -> None:
    """Save ``image`` under ``key`` (written beside, then renamed; failures are ignored)."""
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp.png"
        if image.save(str(tmp)):  # PNG, from the suffix
            os.replace(tmp, folder / f"{key}.png")
        else:
            tmp.unlink(missing_ok=True)
        prune_cache(folder)
    except OSError:
        pass  # a cache is optional


def prune_cache(folder: Path, keep: int = CACHE_LIMIT) -> None:
    """Delete the least recently written thumbnails beyond ``keep``."""
    files = sorted(folder.glob("*.png"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def image_from_pdf(pdf: bytes, width_px: int) -> QImage:
    """Page 1 of ``pdf`` rendered ``width_px`` wide on white (a null image if unreadable)."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        return QImage()
    size = document.pagePointSize(0)
    ratio = size.height() / size.width() if size.width() > 0 else 1.4142
    page = document.render(0, QSize(width_px, round(width_px * ratio)))
    document.close()
    image = QImage(page.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, page)
    painter.end()
    return image


class ThumbnailRenderer(QObject):
    """Renders thumbnails in a background worker process, one at a time, cache first."""

    ready = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None, *, client: RenderClient | None = None):
        super().__init__(parent)
        self._client = client or RenderClient(self, debounce_ms=0, limits=THUMBNAIL_LIMITS)
        self._client.rendered.connect(self._on_rendered)
        self._client.failed.connect(self._on_failed)
        self._queue: deque[tuple[str, str, int]] = deque()
        self._current: tuple[str, str, int] | None = None
        self._cached: deque[tuple[str, QImage]] = deque()

    @property
    def client(self) -> RenderClient:
        return self._client

    def request(self, briefing: Briefing, width_px: int) -> str:
        """Queue a thumbnail; returns its key (``ready`` will carry the same key)."""
        key = thumbnail_key(briefing, width_px)
        image = cached_thumbnail(key)
        if image is not None:
            self._cached.append((key, image))
            QTimer.singleShot(0, self._flush_cached)
        else:
            self._queue.append((key, dumps_briefing(briefing), width_px))
            self._next()
        return key

    def is_idle(self) -> bool:
        return not self._queue and self._current is None and not self._cached

    def shutdown(self) -> None:
        self._queue.clear()
        self._current = None
        self._client.shutdown()

    def _flush_cached(self) -> None:
        while self._cached:
            key, image = self._cached.popleft()
            self.ready.emit(key, image)

    def _next(self) -> None:
        if self._current is None and self._queue:
            self._current = self._queue.popleft()
            self._client.request(self._current[1])

    def _on_rendered(self, result: RenderResult) -> None:
        if self._current is None:
            return
        key, _text, width = self._current
        self._current = None
        image = image_from_pdf(result.pdf, width)
        if image.isNull():
            self.failed.emit(key, "the renderer produced an unreadable PDF")
        else:
            store_thumbnail(key, image)
            self.ready.emit(key, image)
        self._next()

    def _on_failed(self, message: str) -> None:
        if self._current is None:
            return
        key = self._current[0]
        self._current = None
        self.failed.emit(key, message)
        self._next()
