"""Export (PDF, Word, HTML, Markdown): path, format, PDF variant, attached source, "open
when done"; runs off the UI thread.

API for the main window (stable)::

    dialog = ExportDialog(parent, briefing, suggested_path)   # str | Path; suffix picks format
    dialog.exported.connect(lambda path: ...)                 # after a successful export
    dialog.exec()                                             # closes itself when done

Before anything is written the dialog lists what ``briefing export`` warns about too
(:func:`briefing.core.services.preflight`: predictions whose term and likelihood disagree,
required sections left empty, and, given the page count on screen, a page budget exceeded).
The export runs in a render worker process (op "export", through ``export_file``), so the
editor keeps running; a busy bar shows progress and Cancel stops it. A failure shows one clear
line in a message box and the dialog stays open with everything as it was.

``confirm_replace(dialog, path) -> bool`` and ``show_error(dialog, message)`` are the two
questions the dialog may put to the user (message boxes by default).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model.document import Briefing
from briefing.core.services import preflight
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.worker.protocol import EXPORT_LIMITS, RenderLimits, RenderResult
from briefing.ui.plain import plain
from briefing.ui.render_client import RenderClient

FORMATS = [
    ("PDF", ".pdf"),
    ("Word (.docx)", ".docx"),
    ("HTML (single file)", ".html"),
    ("Markdown", ".md"),
]
VARIANTS = [
    ("Standard PDF", None),
    ("PDF/UA-1 (tagged, accessible)", "pdf/ua-1"),
    ("PDF/A-3b (archival)", "pdf/a-3b"),
]
SUFFIX_ALIASES = {".htm": ".html", ".markdown": ".md"}


def ask_replace(parent: QWidget, path: Path) -> bool:
    """Whether to replace a file that exists (a Yes/No message box)."""
    question = f"{path.name} already exists. Replace it? The old one is kept as {path.name}~."
    answer = QMessageBox.question(parent, "Replace file?", plain(question))
    return answer == QMessageBox.StandardButton.Yes


def warn(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "Export failed", plain(message))


class ExportDialog(QDialog):
    """Export the briefing to PDF, Word, HTML or Markdown in a background worker."""

    exported = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        briefing: Briefing,
        suggested_path: str | Path,
        *,
        pages: int | None = None,
        limits: RenderLimits = EXPORT_LIMITS,
        confirm_replace: Callable[[QWidget, Path], bool] = ask_replace,
        show_error: Callable[[QWidget, str], None] = warn,
    ) -> None:
        """``pages``: the page count the preview shows, for the page-budget check."""
        super().__init__(parent)
        self.setWindowTitle("Export briefing")
        self.setObjectName("ExportDialog")
        self.briefing = briefing
        self.warnings = preflight(briefing, pages=pages)
        self._confirm_replace = confirm_replace
        self._show_error = show_error
        self._limits = limits
        self._client: RenderClient | None = None
        self._target: Path | None = None
        self._started = 0.0
        self._build()
        self.path_edit.setText(str(suggested_path))
        self._sync_format_from_path()
        self.finished.connect(lambda _code: self.shutdown())

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName("Export file")
        self.path_edit.textEdited.connect(lambda _t: self._sync_format_from_path())
        self.browse_button = QPushButton("Browse…", self)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName("Format")
        for label, suffix in FORMATS:
            self.format_combo.addItem(label, suffix)
        self.format_combo.activated.connect(lambda _i: self._sync_path_from_format())

        self.variant_combo = QComboBox(self)
        self.variant_combo.setAccessibleName("PDF standard")
        for label, variant in VARIANTS:
            self.variant_combo.addItem(label, variant)
        self.attach_check = QCheckBox("Attach the .briefing source (reopen the PDF to edit)", self)
        # Off by default: the source carries every imported article in full.
        self.attach_check.setChecked(False)
        self.attach_check.toggled.connect(lambda _on: self._show_attach_warning())
        self.attach_warning = QLabel(self)
        self.attach_warning.setAccessibleName("What the attached source carries")
        self.attach_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.attach_warning.setWordWrap(True)
        self.attach_warning.hide()
        self.open_check = QCheckBox("Open the file when done", self)
        self.open_check.setChecked(False)

        form = QFormLayout()
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, path_row)
        form.addRow("F&ormat:", self.format_combo)
        form.addRow("PDF &standard:", self.variant_combo)
        form.addRow("", self.attach_check)
        form.addRow("", self.attach_warning)
        form.addRow("", self.open_check)

        self.warnings_label = QLabel(self)
        self.warnings_label.setAccessibleName("Before you send it")
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #B45309;")
        self.warnings_label.setText(
            "Before you send it:\n" + "\n".join(f"• {w}" for w in self.warnings)
        )
        self.warnings_label.setVisible(bool(self.warnings))

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 0)  # busy: WeasyPrint reports no fraction done
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = QLabel("", self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # paths and errors
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_elapsed)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(560, 0)

    # -- format <-> path ------------------------------------------------------------------

    def target_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def format_suffix(self) -> str:
        return str(self.format_combo.currentData())

    def _sync_format_from_path(self) -> None:
        suffix = self.target_path().suffix.lower()
        suffix = SUFFIX_ALIASES.get(suffix, suffix)
        index = self.format_combo.findData(suffix)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)
        self._update_pdf_options()

    def _sync_path_from_format(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.format_suffix())))
        self._update_pdf_options()

    def _update_pdf_options(self) -> None:
        is_pdf = self.format_suffix() == ".pdf"
        self.variant_combo.setEnabled(is_pdf)
        self.attach_check.setEnabled(is_pdf)
        self._show_attach_warning()

    def _show_attach_warning(self) -> None:
        """Say plainly what attaching the source gives away, louder for restricted handling."""
        on = self.attach_check.isChecked() and self.attach_check.isEnabled()
        self.attach_warning.setVisible(on)
        if not on:
            return
        count = len(self.briefing.sources)
        articles = f"all {count} imported articles" if count != 1 else "the imported article"
        text = (
            f"Everyone who gets this PDF can open the attachment and read {articles} in full, "
            "with your notes and every section as you wrote it."
        )
        handling = self.briefing.meta.handling.strip().upper()
        restricted = handling.startswith(("TLP:AMBER", "TLP:RED"))
        if restricted:
            text = (
                f"This briefing is {self.briefing.meta.handling}. " + text + " Attach it only if "
                "every reader may see the full sources."
            )
        self.attach_warning.setText(text)
        color = "#B91C1C" if restricted else "#B45309"
        weight = "font-weight: bold;" if restricted else ""
        self.attach_warning.setStyleSheet(f"color: {color}; {weight}")

    def set_format(self, suffix: str) -> None:
        """Choose the format by suffix (``.pdf``, ``.docx``, ``.html``, ``.md``); fix the path."""
        index = self.format_combo.findData(suffix)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)
            self._sync_path_from_format()

    def set_variant(self, variant: str | None) -> None:
        index = self.variant_combo.findData(variant)
        if index >= 0:
            self.variant_combo.setCurrentIndex(index)

    def browse(self) -> None:
        filters = ";;".join(f"{label} (*{suffix})" for label, suffix in FORMATS)
        current = next(f for f in filters.split(";;") if f.endswith(f"*{self.format_suffix()})"))
        path, _chosen = QFileDialog.getSaveFileName(
            self, "Export briefing", self.path_edit.text(), filters, current
        )
        if path:
            self.path_edit.setText(path)
            self._sync_format_from_path()
            if not self.target_path().suffix:
                self._sync_path_from_format()

    # -- export ---------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._client is not None and not self._client.is_idle()

    def options(self) -> dict[str, object]:
        """The ``export_file`` options the dialog's controls stand for."""
        if self.format_suffix() != ".pdf":
            return {}
        return {
            "variant": self.variant_combo.currentData(),
            "attach_source": self.attach_check.isChecked(),
        }

    def start_export(self) -> bool:
        """Validate and start the export; False if it did not start."""
        if self.is_busy():
            return False
        path = self.target_path()
        if not self.path_edit.text().strip():
            return self._fail("Choose a file to export to.")
        if path.suffix.lower() != self.format_suffix():
            path = path.with_suffix(self.format_suffix())
            self.path_edit.setText(str(path))
        if not path.parent.is_dir():
            return self._fail(f"{path.parent}: the folder does not exist")
        if path.is_dir():
            return self._fail(f"{path}: is a folder")
        if path.exists() and not self._confirm_replace(self, path):
            return False
        if self._client is None:
            self._client = RenderClient(
                self,
                debounce_ms=0,
                limits=self._limits,
                supersede_grace_ms=10**9,
                label="Export",
            )
            self._client.rendered.connect(self._on_done)
            self._client.failed.connect(self._on_failed)
        self._target = path
        options = {"path": str(path), **self.options()}
        self._client.request(dumps_briefing(self.briefing), options, op="export")
        self._set_running(True)
        return True

    def shutdown(self) -> None:
        if self._client is not None:
            self._client.shutdown()
            self._client = None
        self._set_running(False)

    def _cancel(self) -> None:
        if self.is_busy():
            self.shutdown()
            self.status_label.setText("Export cancelled.")
            return
        self.reject()

    def _on_done(self, _result: RenderResult) -> None:
        path = self._target
        self._set_running(False)
        if path is None:
            return
        self.status_label.setText(f"Exported to {path}")
        self.exported.emit(str(path))
        if self.open_check.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self._fail(message)

    def _fail(self, message: str) -> bool:
        self.status_label.setText(message)
        self._show_error(self, message)
        return False

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        for widget in (
            self.path_edit,
            self.browse_button,
            self.format_combo,
            self.variant_combo,
            self.attach_check,
            self.export_button,
        ):
            widget.setEnabled(not running)
        if not running:
            self._update_pdf_options()
            self._tick.stop()
        else:
            self._started = time.monotonic()
            self.status_label.setText("Exporting…")
            self._tick.start()

    def _show_elapsed(self) -> None:
        self.status_label.setText(f"Exporting… {time.monotonic() - self._started:.0f} s")
