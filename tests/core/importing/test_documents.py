"""PDF, Word, OpenDocument and e-mail files import into the same clean Article as web pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.document_makers import (
    MORE,
    STORIES,
    long_docx,
    make_docx,
    make_odt,
    make_pdf,
    newsletter_eml,
    plain_eml,
    report_html,
    write_zip,
)

from briefing.core.importing import import_file, import_sources
from briefing.core.model.article import Article


def _kinds(article: Article) -> list[str]:
    return [b.kind for b in article.blocks]


def _text(article: Article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_word_headings_emphasis_lists_table_and_properties(tmp_path: Path) -> None:
    article = import_file(make_docx(tmp_path / "seabed.docx"))
    assert article.title == "Seabed Patrols in the Arctic"
    assert article.authors == ["Ingrid Solberg", "Tom Berg"]
    assert article.published == "2026-03-14"
    assert [(b.text, b.level) for b in article.blocks if b.kind == "heading"] == [
        ("What happened", 1),
        ("Key points", 2),
        ("Outlook", 1),
        ("Notes", 2),
    ]
    first = article.blocks[1].text
    assert first.startswith("The cables were cut in **January**, and *nobody* has been named.")
    assert "Repairs began in March." in first, "a tracked insertion is current text"
    lists = [b.text for b in article.blocks if b.kind == "list"]
    assert "- Drones on the sea floor\n- Coast guard patrols" in lists
    assert "1. First, a survey\n2. Then, the sensors" in lists
    assert "- Cable – Status\n- Svalbard 1 – Repaired" in lists, "a table as text rows"
    assert any(b.kind == "callout" and b.label == "Key Takeaway" for b in article.blocks)
    assert article.blocks[-1].text == "1. Ministry of Defence, press briefing, 14 March 2026."
    text = _text(article)
    assert "DELETED WORDS" not in text and "Check this with the ministry" not in text
    assert [b.id for b in article.blocks] == [f"b{i}" for i in range(1, len(article.blocks) + 1)]
    assert article.origin == str(tmp_path / "seabed.docx")


def test_macro_enabled_word_file_imports_its_text_and_never_opens_the_macros(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from briefing.core.importing.documents import archive

    source = make_docx(tmp_path / "plain.docx")
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/vbaProject.bin"] = b'\xd0\xcf\x11\xe0 Sub AutoOpen() Shell("calc") End Sub'
    docm = write_zip(tmp_path / "macros.docm", parts)
    read: list[str] = []
    original = archive.Package.read

    def spy(self: archive.Package, member: str) -> bytes | None:
        read.append(member)
        return original(self, member)

    monkeypatch.setattr(archive.Package, "read", spy)
    article = import_file(docm)
    assert article.title == "Seabed Patrols in the Arctic" and article.blocks
    assert "word/vbaProject.bin" not in read and "word/document.xml" in read


def test_opendocument_styles_lists_comments_and_tracked_deletions(tmp_path: Path) -> None:
    article = import_file(make_odt(tmp_path / "cranes.odt"))
    assert article.title == "Harbour Cranes Idle"
    assert article.authors == ["Kari Nordmann"], "the original author, not the last editor"
    assert article.published == "2026-05-02" and article.language == "en-GB"
    assert _kinds(article)[:4] == ["heading", "paragraph", "heading", "list"]
    assert article.blocks[2].text == "Steps" and article.blocks[2].level == 2
    assert article.blocks[1].text.startswith("Two cranes are **idle** and *ships wait* at anchor.")
    assert article.blocks[3].text == "1. Order the parts\n2. Fit them"
    assert "- Crane – Idle" in _text(article)
    assert "[the notice](https://example.org/port)" in _text(article)
    assert "COMMENT TEXT" not in _text(article) and "DELETED WORDS" not in _text(article)
    assert article.blocks[-1].text == "1. Port authority notice, 2 May."


def test_pdf_two_columns_read_in_order_without_running_heads(tmp_path: Path) -> None:
    article = import_file(make_pdf(tmp_path / "report.pdf"))
    assert article.title == "Seabed Patrols"  # the document information's title
    assert article.authors == ["Ingrid Solberg"] and article.published == "2026-03-14"
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    order = [m.group(1) for p in paragraphs if (m := re.match(r"Paragraph (\d\.\d)\.", p))]
    assert order == [f"{c}.{k}" for c in (1, 2) for k in range(6)], "column by column"
    assert all(p.endswith("before the end of next year.") for p in paragraphs)
    text = _text(article)
    assert "Northern Waters Review" not in text and not re.search(r"Page \d", text)
    headings = [(b.text, b.level) for b in article.blocks if b.kind == "heading"]
    assert headings[:2] == [("Chapter 1: surveillance", 1), ("Chapter 2: surveillance", 1)]


def test_pdf_footnotes_are_kept_apart_and_their_marks_leave_the_text(tmp_path: Path) -> None:
    article = import_file(make_pdf(tmp_path / "report.pdf"))
    assert [b.text for b in article.blocks[-2:]] == [
        "Notes",
        "1. Ministry briefing note 1.1.\n2. Ministry briefing note 2.1.",
    ]
    body = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert not any("Ministry briefing note" in p for p in body)
    assert not any(re.search(r"draft\.\d", p) for p in body), "the note call is not text"


def test_pdf_hyphenated_line_ends_are_joined(tmp_path: Path) -> None:
    words = "internationalisation " * 40
    soft = words.replace("internationalisation", "inter&shy;nation&shy;al&shy;isation")
    html = report_html(1, columns=True, notes=False).replace(
        "<h2>Chapter 1", f"<p>{soft}well-known routes.</p><h2>Chapter 1"
    )
    article = import_file(make_pdf(tmp_path / "hyphens.pdf", html))
    text = _text(article)
    assert text.count("internationalisation") == 40
    assert not re.search(r"\w[-\u2010\u00ad] ?\w", text.replace("well-known", ""))
    assert "well-known" in text


def test_pdf_headings_from_type_size_and_weight(tmp_path: Path) -> None:
    html = report_html(1, columns=False, notes=False).replace(
        "</h2>", "</h2><p><b>A bold line as a heading</b></p>", 1
    )
    article = import_file(make_pdf(tmp_path / "plain.pdf", html))
    headings = [(b.text, b.level) for b in article.blocks if b.kind == "heading"]
    assert headings == [("Chapter 1: surveillance", 1), ("A bold line as a heading", 2)]


def test_pdf_metadata_from_xmp_before_the_document_info(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    path = make_pdf(tmp_path / "report.pdf")
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2025-02-03T10:00:00Z">'
        b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Patrols: the XMP Title</rdf:li>'
        b"</rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>Ann Lindqvist</rdf:li>"
        b"<rdf:li>Bo Hansen</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF>"
        b'</x:xmpmeta><?xpacket end="w"?>'
    )
    writer = PdfWriter(clone_from=str(path))
    stream = DecodedStreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    with (tmp_path / "xmp.pdf").open("wb") as fh:
        writer.write(fh)
    article = import_file(tmp_path / "xmp.pdf")
    assert article.title == "Patrols: the XMP Title"
    assert article.authors == ["Ann Lindqvist", "Bo Hansen"]
    assert article.published == "2025-02-03"


def test_pdf_a_briefing_export_imports_as_an_article(tmp_path: Path) -> None:
    """Briefing's own PDFs embed their encoding CMaps, which pdfminer alone reads as empty."""
    from briefing.core.model.document import Briefing, Meta, Section
    from briefing.core.rendering.export import export_pdf

    note = Briefing(
        title="Cable cuts in the north",
        meta=Meta(organisation="Policy Unit", handling="TLP:AMBER"),
        sections=[Section("background", "Background", f"{MORE}\n\n# Outlook\n\n{MORE}")],
    )
    export_pdf(note, tmp_path / "note.pdf")
    article = import_file(tmp_path / "note.pdf")
    assert article.title == "Cable cuts in the north"
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert paragraphs.count(MORE) == 2  # (the cover's facts come through as short lines)
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings[-2:] == ["Background", "Outlook"]  # after the cover's labels


def test_newsletter_stories_are_separate_sources(tmp_path: Path) -> None:
    path = newsletter_eml(tmp_path / "brief.eml")
    sources = import_sources(path)
    assert [s.title for s in sources] == [title for title, _slug, _text in STORIES]
    for source, (_title, slug, body) in zip(sources, STORIES, strict=True):
        assert source.site == "The Northern Desk" and source.published == "2026-03-13"
        assert source.url == f"https://news.example.org/{slug}"
        assert [b.text for b in source.blocks] == [body]
    everything = " ".join(_text(s) for s in sources).lower()
    for chrome in ("view this email", "unsubscribe", "preferences", "receiving this",
                   "harbour street", "read more"):  # fmt: skip
        assert chrome not in everything
    whole = import_file(path)  # one file, one article: the stories under their headlines
    assert whole.title == "Morning brief: cables, ports and grain"
    assert [b.text for b in whole.blocks if b.kind == "heading"] == [
        f"[{t}](https://news.example.org/{s})" for t, s, _b in STORIES
    ]


def test_plain_text_mail_with_sender_date_and_signature(tmp_path: Path) -> None:
    article = import_file(plain_eml(tmp_path / "fwd.eml"))
    assert article.title == "Harbour cranes idle"  # "Fwd:" dropped
    assert article.site == "Kari Nordmann" and article.published == "2026-05-04"
    assert article.blocks[-1].text == MORE, "the signature is not article text"


def test_a_long_word_report_imports_every_chapter(tmp_path: Path) -> None:
    article = import_file(long_docx(tmp_path / "long.docx", pages=20))
    assert sum(1 for b in article.blocks if b.kind == "heading") == 20
    assert sum(1 for b in article.blocks if b.kind == "list") == 20


def test_a_column_top_line_that_repeats_on_every_page_is_body_text(tmp_path: Path) -> None:
    """Only lines in a text box of their own at the page edge can be running heads: the
    same sentence opening a column on every page is still part of its paragraph."""
    article = import_file(make_pdf(tmp_path / "long.pdf", report_html(3)))
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 18
    assert all(p.endswith("before the end of next year.") for p in paragraphs)
