"""UI test set-up: the clipboard is emptied after each test.

A QMimeData made in Python and left on the clipboard when the application ends crashes PySide
at exit (a test puts browser-like HTML there to paste it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def empty_clipboard_after() -> Iterator[None]:
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()
