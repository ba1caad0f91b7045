"""Hostile and damaged documents: one clear line naming the file and the reason, quickly."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from support.document_makers import (
    W_NS,
    make_docx,
    make_odt,
    make_pdf,
    raw_pdf,
    replace_part,
    scanned_pdf,
    write_zip,
)

from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file, import_sources


def _refused(path: Path, reason: str) -> str:
    start = time.monotonic()
    with pytest.raises(ArticleImportError) as err:
        import_sources(path)
    message = str(err.value)
    assert message.startswith(f"{path}: "), message
    assert reason in message, message
    assert "\n" not in message and "Traceback" not in message
    assert time.monotonic() - start < 20, "refused quickly"
    return message


def _document_xml(inner: str) -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'.encode()


def test_zip_bomb_part_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx")
    big = _document_xml("<w:p><w:r><w:t>" + " " * (45 * 1024 * 1024) + "</w:t></w:r></w:p>")
    bomb = replace_part(good, tmp_path / "bomb.docx", "word/document.xml", big)
    assert bomb.stat().st_size < 1024 * 1024
    _refused(bomb, "too big once unpacked")


def test_highly_compressed_part_is_refused(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx")
    dense = _document_xml("<w:p/>" * 1_000_000)  # 6 MB of markup that packs 1000:1
    _refused(replace_part(good, tmp_path / "dense.docx", "word/document.xml", dense), "zip bomb")


def test_parts_over_the_total_are_refused_even_when_each_is_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.core.importing.documents import archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 4000)
    _refused(make_docx(tmp_path / "report.docx"), "too big once unpacked")


def test_thousands_of_members_are_refused(tmp_path: Path) -> None:
    parts = {f"word/media/{i}.bin": b"" for i in range(6000)}
    _refused(write_zip(tmp_path / "many.docx", parts), "too many parts")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    ],
    ids=["external-entity", "billion-laughs"],
)
def test_dtds_and_entities_are_refused(tmp_path: Path, doctype: str) -> None:
    good = make_docx(tmp_path / "good.docx")
    xml = (f'<?xml version="1.0"?>{doctype}'.encode() +
           _document_xml("<w:p><w:r><w:t>&xxe;&b;</w:t></w:r></w:p>"))  # fmt: skip
    message = _refused(replace_part(good, tmp_path / "xxe.docx", "word/document.xml", xml),
                       "declares a DTD")  # fmt: skip
    assert "root:" not in message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx")
    deep = _document_xml("<w:sdt><w:sdtContent>" * 3000 + "</w:sdtContent></w:sdt>" * 3000)
    _refused(replace_part(good, tmp_path / "deep.docx", "word/document.xml", deep),
             "nested too deeply")  # fmt: skip


def test_encrypted_and_old_binary_word_files(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    locked = tmp_path / "locked.docx"
    locked.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(500))
    _refused(locked, "is encrypted (password-protected)")
    old = tmp_path / "old.docx"
    old.write_bytes(ole + "WordDocument".encode("utf-16-le") + bytes(500))
    _refused(old, "old binary Word file (.doc)")


def test_truncated_word_and_opendocument_files(tmp_path: Path) -> None:
    for path in (make_docx(tmp_path / "cut.docx"), make_odt(tmp_path / "cut.odt")):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        _refused(path, "is damaged")


def test_spreadsheet_named_odt(tmp_path: Path) -> None:
    sheet = write_zip(tmp_path / "sheet.odt", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<x/>",
    })  # fmt: skip
    _refused(sheet, "is an OpenDocument spreadsheet file, not a text document")


def test_scanned_pdf_has_no_text_to_import(tmp_path: Path) -> None:
    message = _refused(scanned_pdf(tmp_path / "scan.pdf"), "has no text to import")
    assert "scan" in message and "OCR" in message


def test_encrypted_pdf_says_so_and_a_permissions_only_one_imports(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    source = make_pdf(tmp_path / "open.pdf")
    locked = PdfWriter(clone_from=str(source))
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with (tmp_path / "locked.pdf").open("wb") as fh:
        locked.write(fh)
    _refused(tmp_path / "locked.pdf", "is encrypted")
    restricted = PdfWriter(clone_from=str(source))
    restricted.encrypt(user_password="", owner_password="owner", permissions_flag=-3904)
    with (tmp_path / "restricted.pdf").open("wb") as fh:
        restricted.write(fh)
    assert import_file(tmp_path / "restricted.pdf").blocks


def test_truncated_and_fake_pdfs(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:2000])
    start = time.monotonic()
    try:
        import_file(cut)
    except ArticleImportError as err:
        assert str(err).startswith(f"{cut}: ") and "\n" not in str(err)
    assert time.monotonic() - start < 20
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html><body>not a pdf</body></html>")
    _refused(fake, "is not a PDF file")


def test_flate_bomb_in_a_content_stream_is_refused(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n" + b" " * (40 * 1024 * 1024)
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(raw_pdf(content, flate=True))
    assert bomb.stat().st_size < 200_000
    _refused(bomb, "possibly a compression bomb")


def test_pdf_work_is_bounded_in_pages_and_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.core.importing.documents import pdf

    report = make_pdf(tmp_path / "report.pdf")
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    _refused(report, "has more than 1 pages")
    monkeypatch.setattr(pdf, "MAX_PAGES", 300)
    monkeypatch.setattr(pdf, "MAX_SECONDS", 0.0)
    _refused(report, "took too long to read")


def test_not_an_email_and_an_email_of_only_chrome(tmp_path: Path) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"just some words, no headers at all\n" * 20)
    _refused(junk, "is not an e-mail message")
    chrome = tmp_path / "chrome.eml"
    chrome.write_bytes(
        b"From: News <n@example.org>\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n"
        b"<p><a href='https://x.example/u'>Unsubscribe</a></p>"
        b"<p>View this email in your browser</p>"
    )
    _refused(chrome, "no article text")


def test_a_zip_that_is_not_word(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as z:
        z.writestr("readme.txt", "hello")
    _refused(tmp_path / "other.docx", "is not a Word document")


def test_an_oversized_newsletter_is_refused_with_the_limit(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "News <n@example.org>"
    message["Subject"] = "Everything"
    message.add_alternative("<p>" + "words about ports " * 400_000 + "</p>", subtype="html")
    big = tmp_path / "big.eml"
    big.write_bytes(message.as_bytes())
    _refused(big, "is too big to import (7 MB of HTML in the message; the limit is 5 MB)")
