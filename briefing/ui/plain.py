"""Strings from files shown as plain text in every widget, never as Qt rich text.

A template named ``<img src="/home/me/photo.png" width="20000">`` must show those characters,
not load the photo. ``QLabel`` (``AutoText``), ``QToolTip`` and ``QMessageBox`` guess: anything
that looks like a tag is rendered as rich text. Labels and boxes that show a file's strings
get ``PlainText``; where Qt has no switch (tooltips, the static message boxes) :func:`plain`
hands Qt the escaped equivalent, which it renders literally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiFunctions
from PySide6.QtWidgets import QLabel, QMessageBox


def plain(text: str) -> str:
    """``text`` for a tooltip or a static message box: unchanged unless Qt would take it for
    rich text, then escaped so that it shows exactly those characters (line breaks kept;
    runs of spaces show as one, and long lines still wrap)."""
    if not QtGuiFunctions.mightBeRichText(text):
        return text
    return QtGuiFunctions.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_labels(*labels: QLabel) -> None:
    """Show every one of ``labels`` as plain text, whatever is set on it later."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_box(box: QMessageBox) -> QMessageBox:
    """A message box whose text and informative text are plain text (returns ``box``)."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)
    return box
