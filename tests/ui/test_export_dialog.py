"""The export dialog writes real files off the UI thread and keeps errors to one clear line."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from support.waiting import wait_until

from briefing.core.model.document import Briefing, Meta, Section
from briefing.ui.export_dialog import ExportDialog


def finished(dialog: ExportDialog, timeout_ms: int = 60_000) -> bool:
    return wait_until(lambda: not dialog.is_busy(), timeout_ms)


def briefing() -> Briefing:
    return Briefing(
        title="Arctic cable cuts",
        meta=Meta(organisation="Policy Unit", handling="TLP:AMBER"),
        sections=[
            Section("background", "Background", "Two cables were cut **on Tuesday**."),
            Section("faq", "FAQ", "**Who?** Nobody knows yet."),
        ],
    )


@pytest.fixture
def make(qtbot):  # type: ignore[no-untyped-def]
    made: list[ExportDialog] = []

    def factory(path: Path) -> tuple[ExportDialog, list[str]]:
        errors: list[str] = []
        dialog = ExportDialog(None, briefing(), path, show_error=lambda _d, m: errors.append(m))
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog, errors

    yield factory
    for dialog in made:
        dialog.shutdown()


def test_pdf_ua_export_with_attached_source(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "brief.pdf")
    done: list[str] = []
    dialog.exported.connect(done.append)
    assert dialog.format_suffix() == ".pdf" and dialog.variant_combo.isEnabled()
    dialog.set_variant("pdf/ua-1")
    assert not dialog.attach_check.isChecked()  # off unless the analyst asks
    QTest.mouseClick(dialog.attach_check, Qt.MouseButton.LeftButton)
    assert dialog.attach_check.isChecked() and dialog.attach_warning.isVisible()
    assert "in full" in dialog.attach_warning.text()
    assert dialog.start_export()
    assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    assert finished(dialog)
    out = tmp_path / "brief.pdf"
    assert done == [str(out)] and dialog.result() == QDialog.DialogCode.Accepted
    reader = pypdf.PdfReader(out)
    assert "Arctic cable cuts" in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"], "PDF/UA output is tagged"
    assert any(name.endswith(".briefing") for name in reader.attachments)
    assert not dialog.progress.isVisible()


def test_format_follows_suffix_and_markdown_export(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "brief.html")
    assert dialog.format_suffix() == ".html"
    assert not dialog.variant_combo.isEnabled() and not dialog.attach_check.isEnabled()
    dialog.set_format(".md")
    assert dialog.path_edit.text() == str(tmp_path / "brief.md")
    assert dialog.options() == {}
    assert dialog.start_export() and finished(dialog)
    text = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "Arctic cable cuts" in text and "Two cables were cut" in text


def test_html_export_is_one_self_contained_file(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "brief.htm")
    assert dialog.format_suffix() == ".html"
    assert dialog.start_export() and finished(dialog)
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "TLP:AMBER" in html


def test_write_error_is_one_line_and_dialog_stays_usable(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(
        Path("/proc/briefing-export.pdf")
    )  # nobody, not even root, may write here
    assert dialog.start_export()
    assert finished(dialog)
    assert errors[-1].startswith("Export failed:") and "\n" not in errors[-1]
    assert "briefing-export" in errors[-1]
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.export_button.isEnabled() and dialog.path_edit.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "second try.pdf"))
    assert dialog.start_export() and finished(dialog)
    assert (tmp_path / "second try.pdf").read_bytes().startswith(b"%PDF")


def test_missing_folder_is_refused_before_starting(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "no such folder" / "brief.pdf")
    assert not dialog.start_export()
    assert "the folder does not exist" in errors[-1]
    assert not dialog.is_busy()


def test_existing_file_is_kept_when_replacing_is_declined(
    make, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    existing = tmp_path / "brief.pdf"
    existing.write_bytes(b"old")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog, errors = make(existing)
    assert not dialog.start_export()
    assert existing.read_bytes() == b"old"


def test_replacing_an_existing_file_keeps_it_as_a_backup(make, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    existing = tmp_path / "article.md"
    existing.write_bytes(b"the analyst's own notes")
    asked: list[str] = []

    def question(_parent, _title, text, *_a):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog, errors = make(existing)
    dialog.export_button.click()
    assert finished(dialog) and errors == []
    assert "Arctic cable cuts" in existing.read_text(encoding="utf-8")
    assert (tmp_path / "article.md~").read_bytes() == b"the analyst's own notes"
    assert "kept as article.md~" in asked[0]


def test_cancel_stops_the_export_worker(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "brief.pdf")
    assert dialog.start_export()
    client = dialog._client
    assert client is not None
    dialog.cancel_button.click()
    assert not dialog.is_busy() and dialog.status_label.text() == "Export cancelled."
    assert client.worker_pid() == 0
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_open_when_done_opens_the_local_file(make, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog, errors = make(tmp_path / "brief.md")
    dialog.open_check.setChecked(True)
    assert dialog.start_export() and finished(dialog)
    assert opened == [str(tmp_path / "brief.md")]


def test_pdf_a_export_without_source(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, errors = make(tmp_path / "archive.pdf")
    dialog.set_variant("pdf/a-3b")
    dialog.attach_check.setChecked(False)
    assert dialog.options() == {"variant": "pdf/a-3b", "attach_source": False}
    assert dialog.start_export() and finished(dialog)
    reader = pypdf.PdfReader(tmp_path / "archive.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfaid" in xmp, "PDF/A identification in the XMP metadata"
    assert not any(name.endswith(".briefing") for name in reader.attachments)


def test_word_export_chosen_in_the_format_list(make, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    import docx
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog, errors = make(tmp_path / "brief.pdf")
    combo = dialog.format_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Word (.docx)" in labels
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    QTest.keyClick(combo, Qt.Key.Key_Down)  # PDF -> Word, as a keyboard user picks it
    assert dialog.format_suffix() == ".docx"
    assert dialog.path_edit.text() == str(tmp_path / "brief.docx")
    assert not dialog.variant_combo.isEnabled() and not dialog.attach_check.isEnabled()
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert finished(dialog) and errors == []
    document = docx.Document(str(tmp_path / "brief.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Background", "FAQ"]
    assert "TLP:AMBER" in document.sections[0].header.paragraphs[0].text


def test_the_dialog_warns_as_briefing_export_does(qtbot, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from briefing import cli
    from briefing.core.model import markup
    from briefing.core.model.document import Prediction
    from briefing.core.model.template import SectionSpec, Template
    from briefing.core.storage.document_io import save_briefing

    specs = [
        SectionSpec("key", "Key Takeaway", required=True),
        SectionSpec("outlook", "Outlook", fill=["predictions"], required=True),
        SectionSpec("notes", "Notes"),
    ]
    note = markup.check_note("Sources disagree on a date: “3 March” [@s1] against “4 March” [@s2].")
    odd = Briefing(
        title="Talks",
        sections=[
            Section("key", "Key Takeaway"),
            Section("outlook", "Outlook"),
            Section("notes", "Notes", f"The talks began. [@s1]\n\n{note}\n"),
        ],
        predictions=[Prediction("Talks resume", probability=90, term="unlikely")],
        template=Template("t", "T", sections=specs, page_budget=1),
    )
    file = tmp_path / "talks.briefing"
    save_briefing(odd, file)
    assert cli.main(["export", str(file), "-o", str(tmp_path / "talks.md")]) == 0
    prefix = f"briefing: warning: {file}: "
    printed = [line.removeprefix(prefix) for line in capsys.readouterr().err.splitlines()]
    assert len(printed) == 3 and "unlikely" in printed[1] and "Key Takeaway" in printed[2]
    # a check note left for the analyst is named first, and never passes for content
    assert printed[0] == (
        "'Notes' still has a check note for the analyst: Sources disagree on a date: "
        "“3 March” against “4 March”."
    )

    dialog = ExportDialog(None, odd, tmp_path / "talks.pdf", pages=3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warnings == [*printed, "3 pages; the template's page budget is 1"]
    assert dialog.warnings_label.isVisible()
    assert all(w in dialog.warnings_label.text() for w in dialog.warnings)
    calm = ExportDialog(None, briefing(), tmp_path / "calm.pdf", pages=1)
    qtbot.addWidget(calm)
    assert calm.warnings == [] and calm.warnings_label.isHidden()
