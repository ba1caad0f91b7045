"""Opening a rendered PDF for the page view off the UI thread.

Handing a new ``QPdfDocument`` to ``QPdfView`` makes the view ask pdfium for every page's size
at once: about a millisecond a page the first time (45 ms for 40 pages, a visible hitch on
every re-render of a long briefing) and nothing once pdfium has read them. So the document is
opened and its page sizes read on a worker thread; the view gets it ready to lay out.
QtPdf serialises its pdfium calls, so the page view rendering on its own threads meanwhile is
safe. The newest PDF wins: one still waiting when a newer one arrives is dropped.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Signal
from PySide6.QtPdf import QPdfDocument

Ready = Callable[[object, QPdfDocument | None], None]  # (token, document or None if unreadable)


def open_pdf(pdf: bytes) -> QPdfDocument | None:
    """A ``QPdfDocument`` over ``pdf`` with its page sizes read; None if it is unreadable.

    Call it on any thread: the document is handed to the application's (UI) thread.
    """
    doc = QPdfDocument()
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)  # synchronous for an in-memory buffer
    if doc.status() != QPdfDocument.Status.Ready:
        return None
    for page in range(doc.pageCount()):
        doc.pagePointSize(page)  # pdfium reads and keeps each page's size
    app = QCoreApplication.instance()
    if app is not None and doc.thread() is not app.thread():
        doc.moveToThread(app.thread())
    return doc


class PdfLoader(QObject):
    """Opens PDFs one at a time on a worker thread and calls ``ready`` on the UI thread."""

    _opened = Signal(object, object)  # token, QPdfDocument | None (queued to the UI thread)

    def __init__(self, ready: Ready, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ready = ready
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-open")
        self._lock = threading.Lock()
        self._waiting: tuple[object, bytes] | None = None
        self._busy = False
        self._closed = False
        self._opened.connect(self._deliver)

    def load(self, token: object, pdf: bytes) -> None:
        """Open ``pdf``; ``ready(token, document)`` follows unless a newer load replaces it."""
        with self._lock:
            if self._closed:
                return
            self._waiting = (token, pdf)
            if self._busy:
                return
            self._busy = True
        self._next()

    def is_idle(self) -> bool:
        with self._lock:
            return not self._busy

    def close(self) -> None:
        """Drop what is waiting and stop the thread (a load under way finishes unseen)."""
        with self._lock:
            self._closed = True
            self._waiting = None
        self._pool.shutdown(wait=False)

    def _next(self) -> None:
        with self._lock:
            job, self._waiting = self._waiting, None
            if job is None or self._closed:
                self._busy = False
                return
        token, pdf = job
        future = self._pool.submit(open_pdf, pdf)
        future.add_done_callback(functools.partial(self._finished, token))

    def _finished(self, token: object, done: Future[QPdfDocument | None]) -> None:
        try:
            doc = done.result()
        except Exception:  # an unreadable PDF is reported as such
            doc = None
        self._opened.emit(token, doc)  # queued: this runs on the worker thread

    def _deliver(self, token: object, doc: QPdfDocument | None) -> None:
        with self._lock:
            newer = self._waiting is not None or self._closed
        if newer:
            if doc is not None:
                doc.deleteLater()
        else:
            self._ready(token, doc)
        self._next()
