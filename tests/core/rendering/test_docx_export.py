"""Word export: read back with python-docx (styles, header, footer, table, footnotes) and,
where LibreOffice is installed, opened as a reader would open it."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from render_helpers import coded_briefing

from briefing.core.errors import RenderError
from briefing.core.model.template import Brand, BrandColors, BrandFonts
from briefing.core.rendering.export import export_docx, export_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="120" height="40"><rect width="120" height="40" rx="6" fill="#0B6E4F"/>'
    '<image xlink:href="file:///etc/passwd" width="10" height="10"/>'
    '<circle cx="20" cy="20" r="12" fill="#FFFFFF"/></svg>'
)


def _brand() -> Brand:
    import base64

    uri = "data:image/svg+xml;base64," + base64.b64encode(LOGO.encode()).decode()
    return Brand(
        id="green",
        name="Green House",
        logo=uri,
        colors=BrandColors(primary="#0B6E4F", accent="#C8102E"),
        fonts=BrandFonts(heading="Source Sans 3", body="XCharter"),
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "note.docx"
    export_docx(coded_briefing(), path, brand=_brand())
    return path


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_sections_are_real_headings_and_the_brand_is_in_the_styles(exported: Path) -> None:
    document = docx.Document(str(exported))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    # The bottom line is the cover's summary box, read first, as in the PDF.
    assert by_style["Heading 1"] == ["Background", "FAQ", "Predictions", "Sources"]
    assert by_style["Heading 2"] == ["Trade"]
    assert by_style["Question"] == ["Will the alliance survive?"]
    assert by_style["Answer"] == ["Yes, both sides need it."]
    assert by_style["Takeaway Label"] == ["Bottom line", "Key Takeaway"]
    assert by_style["Takeaway"] == ["The alliance holds, but costs rise."]
    brand = _brand()
    heading = document.styles["Heading 1"]
    assert heading.font.color.rgb == docx.shared.RGBColor.from_string(brand.colors.primary[1:])
    assert heading.font.name == brand.fonts.heading or heading.font.name
    fonts = heading.element.find(f"{W}rPr/{W}rFonts")
    assert not any("Theme" in key or "theme" in key for key in fonts.attrib), "no theme override"
    assert document.core_properties.title.startswith("Takaichi & Trump Call")
    assert document.core_properties.author == "A. Analyst"
    assert document.core_properties.category == "TLP:AMBER"


def test_header_and_footer_carry_logo_label_and_page_fields(exported: Path) -> None:
    document = docx.Document(str(exported))
    section = document.sections[0]
    header = section.header
    assert "NORTHBRIDGE RISK" in header.paragraphs[0].text
    assert "TLP:AMBER" in header.paragraphs[0].text
    pictures = header.part.element.findall(".//{*}blip")
    assert pictures, "the logo is in the header"
    image = header.part.related_parts[
        pictures[0].get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
        )
    ]
    assert image.blob.startswith(b"\x89PNG"), "an SVG logo arrives as PNG"
    footer = section.footer.paragraphs[0]
    assert "TLP:AMBER" in footer.text and "28 November 2026" in footer.text
    codes = [t.text.strip() for t in footer._p.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    label = next(r for r in footer._p.iter(f"{W}r") if "TLP:AMBER" in "".join(r.itertext()))
    assert label.find(f"{W}rPr/{W}shd").get(f"{W}fill") == "000000"
    assert label.find(f"{W}rPr/{W}color").get(f"{W}val") == "FFC000"


def test_predictions_are_a_word_table_with_a_repeating_header_row(exported: Path) -> None:
    document = docx.Document(str(exported))
    table = next(t for t in document.tables if t.cell(0, 0).text == "Judgement")
    # No prediction has indicators: no column of dashes (as in the PDF).
    assert [c.text for c in table.rows[0].cells] == [
        "Judgement", "Likelihood", "Time frame", "Confidence",
    ]  # fmt: skip
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert table.cell(1, 0).text == "A call takes place this month."
    assert table.cell(1, 1).text == "Likely (75%)"
    assert "Check: 90% reads" in table.cell(2, 1).text  # the contradiction is flagged
    assert len(table.rows) == 3


def test_citations_and_notes_are_real_footnotes(exported: Path) -> None:
    notes = _xml(exported, "word/footnotes.xml")
    body = _xml(exported, "word/document.xml")
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    defined = {n.get(f"{W}id"): "".join(n.itertext()) for n in notes.iter(f"{W}footnote")}
    assert {"-1", "0"} <= set(defined), "the separators Word expects"
    assert refs and len(refs) == len(set(refs)) and set(refs) == set(defined) - {"-1", "0"}
    texts = [defined[r] for r in refs]
    # One mark per run of text from a source; the reference in full the first time, short after.
    cited = [t for t in texts if "US-Japan Relations Under Trump 2.0" in t]
    assert len(cited) >= 2
    assert "World News" in cited[0] and "https://example.com/a" in cited[0]
    assert all(t.strip().startswith("Carter, “US-Japan") for t in cited[1:])
    assert any(t.strip() == "As of November." for t in texts), "a [^1] note"
    settings = _xml(exported, "word/settings.xml")
    assert settings.find(f"{W}footnotePr") is not None
    with zipfile.ZipFile(exported) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        assert "docProps/thumbnail.jpeg" not in z.namelist()
    assert "wordprocessingml.footnotes+xml" in types and "relationships/footnotes" in rels


def test_sources_list_and_markdown_table(exported: Path) -> None:
    document = docx.Document(str(exported))
    sources = [p.text for p in document.paragraphs if p.style.name == "Source"]
    assert len(sources) == 2 and sources[0].startswith("1.\tJames Carter,")
    assert "https://example.com/a" in sources[0]
    table = next(t for t in document.tables if t.cell(0, 0).text == "Item")
    assert table.cell(1, 1).text == "25%"


def test_unsafe_links_and_images_stay_inert(tmp_path: Path) -> None:
    briefing = coded_briefing(1)
    briefing.sections[1].markdown += (
        "\n\n[click](javascript:alert(1)) [file](file:///etc/passwd) "
        "![pic](https://example.org/x.png)\n"
    )
    export_docx(briefing, tmp_path / "n.docx")
    with zipfile.ZipFile(tmp_path / "n.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "javascript:" not in rels and "file:" not in rels and "x.png" not in rels
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "n.docx")).paragraphs)
    assert "click" in text and "[image: pic]" in text


def test_export_is_atomic_and_errors_are_one_line(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    broken = dataclasses.replace(coded_briefing(1), sections=None)  # type: ignore[arg-type]
    with pytest.raises(RenderError) as err:
        export_file(broken, target)
    assert str(err.value).startswith(f"{target}: could not export") and "\n" not in str(err.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_cli_exports_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.cli import main
    from briefing.core.storage.document_io import save_briefing

    save_briefing(coded_briefing(1), tmp_path / "notes.briefing")
    assert main(["export", str(tmp_path / "notes.briefing"), "-o", str(tmp_path / "n.docx")]) == 0
    assert capsys.readouterr().out.strip() == f"exported {tmp_path / 'n.docx'}"
    assert docx.Document(str(tmp_path / "n.docx")).paragraphs


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.mark.slow
def test_libreoffice_opens_it_as_a_reader_would(exported: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    soffice = _soffice()
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(exported)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    reader = PdfReader(str(tmp_path / "note.pdf"))
    pages = [p.extract_text() for p in reader.pages]
    count = len(pages)
    assert count >= 2
    for number, text in enumerate(pages, start=1):
        assert "TLP:AMBER" in text, f"page {number} carries the handling label"
        assert re.search(rf"Page\s*{number}\s*of\s*{count}", text), f"page {number} is numbered"
    everything = "\n".join(pages)
    assert "Takaichi & Trump Call" in everything and "Judgement" in everything
    assert "As of November." in everything, "footnotes print at the foot of the page"
    # LibreOffice turns the heading styles into the PDF's bookmarks: the same outline
    # Word's navigation pane shows.
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Background", "FAQ", "Predictions", "Sources"]


def test_word_carries_the_classification_banner_and_portion_marks(tmp_path: Path) -> None:
    from briefing.core.model.template import Classification, Template

    briefing = coded_briefing(paragraphs=2)
    briefing.template = Template(
        id="t",
        name="T",
        classifications=[Classification("OFFICIAL-SENSITIVE", "#FFFFFF", "#7A1F1F", portion="OS")],
        portion_marks=True,
    )
    briefing.meta.handling = "OFFICIAL-SENSITIVE"
    path = tmp_path / "classified.docx"
    export_docx(briefing, path)
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"  # above the header line
    assert section.footer.paragraphs[-1].text == "OFFICIAL-SENSITIVE"  # below the footer line
    shading = section.header.paragraphs[0]._p.find(f"{W}pPr/{W}shd")
    assert shading is not None and shading.get(f"{W}fill") == "7A1F1F"
    texts = [p.text for p in document.paragraphs if p.text]
    assert "(OS) Paragraph 1: the prospect of talks" in " ".join(texts)
    assert "(OS) Yes, both sides need it." in texts
