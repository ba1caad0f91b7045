"""The PDF itself, read back with pypdf: running labels, metadata, bookmarks, fonts."""

from __future__ import annotations

import json

import pytest
from render_helpers import assert_pdf_basics, coded_briefing, page_texts, pdf_reader

from briefing.core.errors import RenderError
from briefing.core.model.template import Brand
from briefing.core.rendering.pdf import html_to_pdf, render_pdf, source_from_pdf


def test_every_page_has_label_page_numbers_metadata_bookmarks_and_embedded_fonts() -> None:
    briefing = coded_briefing(paragraphs=14)  # long enough for several pages
    reader = assert_pdf_basics(render_pdf(briefing), title=briefing.title, handling="TLP:AMBER")
    assert len(reader.pages) >= 2
    meta = reader.metadata
    assert meta is not None
    assert meta.author == "A. Analyst"
    assert meta.subject == "US-Japan relations under Trump 2.0"
    assert "TLP:AMBER" in str(meta.get("/Keywords"))
    assert meta.get("/handling") == "TLP:AMBER"  # its own document property (WeasyPrint lowercases)
    assert str(meta.get("/CreationDate", "")).startswith("D:20261128")
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:4] == ["Bottom line", "Background", "FAQ", "Predictions"]
    assert "Sources" in bookmarks
    text = " ".join(page_texts(reader))
    # Citations point at the numbered list; the contradiction is flagged in the table.
    assert "James Carter, “US-Japan Relations Under Trump 2.0”, World News" in text
    assert "Check: 90% reads “very likely” on ICD 203" in text
    assert "Will the alliance survive?" in text and "**Q:**" not in text
    assert "DRAFT" in text


def test_final_status_has_no_watermark_and_cover_page_brand_still_labels_every_page() -> None:
    briefing = coded_briefing()
    briefing.meta.status = "final"
    brand = Brand(id="covered", name="Covered", cover_page=True, header=["title"], footer=[])
    reader = assert_pdf_basics(
        render_pdf(briefing, brand=brand), title=briefing.title, handling="TLP:AMBER"
    )
    texts = page_texts(reader)
    assert "DRAFT" not in " ".join(texts)
    assert "Bottom line" not in texts[0]  # the cover page stands alone


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_variants_are_tagged_and_declare_their_standard(variant: str) -> None:
    briefing = coded_briefing(paragraphs=1)
    data = render_pdf(briefing, variant=variant)
    reader = assert_pdf_basics(data, title=briefing.title, handling="TLP:AMBER")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert ("pdfuaid:part" in xmp) if variant == "pdf/ua-1" else ("pdfaid:part" in xmp)


def test_unknown_variant_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="unknown PDF variant"):
        render_pdf(coded_briefing(paragraphs=1), variant="pdf/x-9")


def test_attached_source_reopens_the_briefing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.storage.document_io import loads_briefing

    briefing = coded_briefing(paragraphs=1)
    path = tmp_path / "out.pdf"
    path.write_bytes(render_pdf(briefing, attach_source=True))
    text = source_from_pdf(path)
    assert text is not None
    again = loads_briefing(text, name=str(path))
    assert again.title == briefing.title
    assert again.predictions[1].probability == 90
    assert json.loads(text)["format"] == "briefing"


def test_source_from_pdf_without_attachment_and_from_a_non_pdf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_pdf(coded_briefing(paragraphs=1), attach_source=False))
    assert source_from_pdf(plain) is None
    bogus = tmp_path / "bogus.pdf"
    bogus.write_bytes(b"not a pdf at all")
    with pytest.raises(RenderError, match="bogus.pdf"):
        source_from_pdf(bogus)


def test_flags_use_the_colour_emoji_font_and_digits_do_not() -> None:
    from briefing.core.rendering.fonts import emoji_font

    if emoji_font() is None:
        pytest.skip("no colour emoji font installed (Debian/Ubuntu: fonts-noto-color-emoji)")
    html = (
        '<html lang="en"><style>.emoji{font-family:"Noto Color Emoji"}</style>'
        "<p>Year 2026 <span class='emoji'>\U0001f1ef\U0001f1f5</span></p></html>"
    )
    assert pdf_reader(html_to_pdf(html)).pages  # renders
    reader = pdf_reader(render_pdf(coded_briefing(paragraphs=1)))
    fonts = {
        str(f.get_object().get("/BaseFont"))
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("Emoji" in name for name in fonts)
    assert any("Source-Sans" in name or "SourceSans" in name for name in fonts)


def test_decompression_bomb_attachment_is_refused_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment("bomb.briefing", b"{}")
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[1].get_object()["/EF"]["/F"].get_object()
    stream._data = zlib.compress(b"\0" * 90_000_000, 9)  # 90 MB of zeros in ~90 kB
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    path = tmp_path / "bomb.pdf"
    writer.write(path)
    with pytest.raises(RenderError, match=r"bomb\.pdf: not a readable PDF"):
        source_from_pdf(path)


def test_brand_can_turn_the_draft_watermark_off() -> None:
    briefing = coded_briefing(paragraphs=1)
    assert briefing.meta.status == "draft"
    brand = Brand(id="plain", name="Plain", watermark=False)
    text = " ".join(page_texts(pdf_reader(render_pdf(briefing, brand=brand))))
    assert "DRAFT" not in text and "BOTTOM LINE" in text  # the summary box's label


def test_attached_source_keeps_only_the_file_name_of_each_import(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.storage.document_io import loads_briefing

    briefing = coded_briefing(paragraphs=1)
    briefing.sources[0].origin = "/home/jdoe/Cases/Op-Kestrel/takaichi-call.txt"
    briefing.sources[1].origin = "clipboard"
    path = tmp_path / "out.pdf"
    path.write_bytes(render_pdf(briefing, attach_source=True))
    text = source_from_pdf(path)
    assert text is not None and "jdoe" not in text and "Kestrel" not in text
    again = loads_briefing(text, name=str(path))
    assert [a.origin for a in again.sources] == ["takaichi-call.txt", "clipboard"]
    assert briefing.sources[0].origin.startswith("/home/jdoe")  # the open document is unchanged
