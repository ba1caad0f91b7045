"""Test documents made at test time: Word, OpenDocument, PDF and e-mail files, good and
hostile. Nothing here is a file someone else made."""

from __future__ import annotations

import io
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BODY = (
    "Norway's defence ministry is set to propose a permanent seabed surveillance "
    "programme combining underwater drones, acoustic sensors on the sea floor and "
    "regular patrols by coast guard vessels, according to people familiar with the draft."
)
MORE = (
    "Officials expect closer data sharing with Finland, Denmark and the United Kingdom, "
    "which already operate a joint expeditionary force in northern waters, and a formal "
    "agreement on cable protection before the end of next year."
)


def make_docx(path: Path) -> Path:
    """A Word file with headings, emphasis, lists, a table, a comment, a tracked insertion
    and deletion, a hyperlink and a footnote; authors and dates in its properties."""
    from datetime import datetime

    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    props = doc.core_properties
    props.title = "Seabed Patrols in the Arctic"
    props.author = "Ingrid Solberg; Tom Berg"
    props.created = datetime(2026, 3, 14, 9, 30)
    doc.add_paragraph("Seabed Patrols in the Arctic", style="Title")
    doc.add_heading("What happened", level=1)
    p = doc.add_paragraph("The cables were cut in ")
    p.add_run("January").bold = True
    p.add_run(", and ")
    p.add_run("nobody").italic = True
    p.add_run(" has been named. " + BODY)
    run = p.add_run(" A second line was damaged.")
    doc.add_comment(run, text="Check this with the ministry", author="Editor")
    p._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" w:id="91" w:author="Ed" w:date="2026-03-14T00:00:00Z">'
            '<w:r><w:t xml:space="preserve"> Repairs began in March.</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="92" w:author="Ed" w:date="2026-03-14T00:00:00Z">'
            "<w:r><w:delText>DELETED WORDS</w:delText></w:r></w:del>"
        )
    )
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    doc.add_heading("Key points", level=2)
    doc.add_paragraph("Drones on the sea floor", style="List Bullet")
    doc.add_paragraph("Coast guard patrols", style="List Bullet")
    doc.add_paragraph("First, a survey", style="List Number")
    doc.add_paragraph("Then, the sensors", style="List Number")
    doc.add_paragraph("Key Takeaway: the seabed is now a front line.")
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Cable", (0, 1): "Status", (1, 0): "Svalbard 1",
                         (1, 1): "Repaired"}.items():  # fmt: skip
        table.cell(r, c).text = text
    doc.add_heading("Outlook", level=1)
    doc.add_paragraph(MORE)
    doc.save(path)
    _add_footnotes(path, "Ministry of Defence, press briefing, 14 March 2026.")
    return path


def _add_footnotes(path: Path, note: str) -> None:
    """Add a footnotes part (python-docx writes none) holding note id 1."""
    parts = _read_zip(path)
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r>'
        f"<w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    write_zip(path, parts)


def _read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path: Path, parts: dict[str, bytes], *, compress: bool = True) -> Path:
    """A zip of ``parts``; ``compress=False`` stores them (long runs of one character would
    otherwise look like a zip bomb to the importer)."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def replace_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    parts = _read_zip(source)
    parts[name] = data
    return write_zip(target, parts)


def long_docx(path: Path, pages: int = 20) -> Path:
    """A Word report of about ``pages`` pages: headings, paragraphs and lists."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = "Arctic infrastructure report"
    for chapter in range(1, pages + 1):
        doc.add_heading(f"Chapter {chapter}: the seabed question", level=1)
        for n in range(5):
            doc.add_paragraph(f"{BODY} {MORE} ({chapter}.{n})")
        doc.add_paragraph("Sensors on the sea floor", style="List Bullet")
        doc.add_paragraph("Patrols by the coast guard", style="List Bullet")
    doc.save(path)
    return path


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def make_odt(path: Path) -> Path:
    """An OpenDocument text with heading styles, spans, lists, a table, a comment, a tracked
    deletion and a footnote, authors and dates in meta.xml."""
    body = "".join(
        [
            "<text:p>Two cranes are ",
            '<text:span text:style-name="T1">idle</text:span> and ',
            '<text:span text:style-name="T2">ships wait</text:span> at anchor.',
            f'<text:change text:change-id="c1"/> {BODY}',
            "<office:annotation><dc:creator>Editor</dc:creator><text:p>COMMENT TEXT</text:p>",
            '</office:annotation><text:note text:id="n1" text:note-class="footnote">',
            "<text:note-citation>1</text:note-citation><text:note-body>",
            "<text:p>Port authority notice, 2 May.</text:p></text:note-body></text:note></text:p>",
        ]
    )
    lists = "".join(
        [
            '<text:list text:style-name="L1"><text:list-item><text:p>Order the parts</text:p>',
            "</text:list-item><text:list-item><text:p>Fit them</text:p></text:list-item>",
            '</text:list><text:list text:style-name="L2"><text:list-item><text:p>Berth A',
            "</text:p></text:list-item></text:list>",
            "<table:table><table:table-row><table:table-cell><text:p>Crane</text:p>",
            "</table:table-cell><table:table-cell><text:p>Idle</text:p></table:table-cell>",
            "</table:table-row></table:table>",
        ]
    )
    content = "".join(
        [
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>',
            "<office:automatic-styles>",
            '<style:style style:name="T1" style:family="text">',
            '<style:text-properties fo:font-weight="bold"/></style:style>',
            '<style:style style:name="T2" style:family="text">',
            '<style:text-properties fo:font-style="italic"/></style:style>',
            '<text:list-style style:name="L1"><text:list-level-style-number text:level="1"/>',
            '</text:list-style><text:list-style style:name="L2">',
            '<text:list-level-style-bullet text:level="1"/></text:list-style>',
            "</office:automatic-styles><office:body><office:text>",
            '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>',
            "<office:change-info><dc:creator>Ed</dc:creator></office:change-info>",
            "<text:p>DELETED WORDS</text:p></text:deletion></text:changed-region>",
            "</text:tracked-changes>",
            '<text:p text:style-name="Title">Harbour Cranes Idle</text:p>',
            '<text:h text:outline-level="1">What happened</text:h>',
            body,
            '<text:p text:style-name="Heading_20_2">Steps</text:p>',
            lists,
            f'<text:p>{MORE} See <text:a xlink:href="https://example.org/port">',
            "the notice</text:a>.",
            "</text:p></office:text></office:body></office:document-content>",
        ]
    )
    styles = "".join(
        [
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODT_NS}>',
            '<office:styles><style:style style:name="Title" style:family="paragraph"/>',
            '<style:style style:name="Heading_20_2" style:display-name="Heading 2" ',
            'style:family="paragraph" style:default-outline-level="2"/>',
            "</office:styles></office:document-styles>",
        ]
    )
    meta = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {ODT_NS}><office:meta>
  <meta:initial-creator>Kari Nordmann</meta:initial-creator><dc:creator>Ed Itor</dc:creator>
  <meta:creation-date>2026-05-02T10:00:00</meta:creation-date><dc:language>en-GB</dc:language>
</office:meta></office:document-meta>"""
    return write_zip(path, {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": content.encode(),
        "styles.xml": styles.encode(),
        "meta.xml": meta.encode(),
    })  # fmt: skip


REPORT_CSS = """
@page { size: A4; margin: 22mm 18mm;
  @top-center { content: "Northern Waters Review"; font-size: 8pt; }
  @bottom-center { content: "Page " counter(page); font-size: 8pt; } }
body { font-family: serif; font-size: 10pt; hyphens: auto; text-align: justify; }
h1 { font-size: 22pt; } h2 { font-size: 14pt; }
.cols { columns: 2; column-gap: 9mm; }
.fn { float: footnote; font-size: 7.5pt; }
"""


def report_html(chapters: int = 2, *, columns: bool = True, notes: bool = True) -> str:
    """A report: a title, chapters in two columns, a footnote per chapter."""
    parts = ["<h1>Seabed Patrols in the Arctic</h1>"]
    for n in range(1, chapters + 1):
        parts.append(f"<h2>Chapter {n}: surveillance</h2>")
        inner = []
        for k in range(6):
            note = f'<span class="fn">Ministry briefing note {n}.{k}.</span>'
            note = note if notes and k == 1 else ""
            inner.append(f"<p>Paragraph {n}.{k}. {BODY}{note} {MORE}</p>")
        body = "".join(inner)
        parts.append(f'<div class="cols">{body}</div>' if columns else body)
    return (
        '<html lang="en"><head><meta charset="utf-8"><title>Seabed Patrols</title>'
        '<meta name="author" content="Ingrid Solberg">'
        '<meta name="dcterms.created" content="2026-03-14">'
        f"<style>{REPORT_CSS}</style></head><body>{''.join(parts)}</body></html>"
    )


def make_pdf(path: Path, html: str | None = None) -> Path:
    from weasyprint import HTML

    HTML(string=html or report_html()).write_pdf(path)
    return path


def scanned_pdf(path: Path) -> Path:
    """An image-only PDF, as a scanner makes them: no text layer."""
    import base64

    png = base64.b64encode(_png(200, 280)).decode()
    html = (
        f'<html><body style="margin:0"><img src="data:image/png;base64,{png}" '
        'style="width:190mm"></body></html>'
    )
    return make_pdf(path, html)


def _png(width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + bytes([200, 200, 200]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        import struct

        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    import struct

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def raw_pdf(content: bytes, *, flate: bool = False, winansi: bool = False) -> bytes:
    """A one-page PDF around ``content`` (a content stream), with a correct xref table;
    ``winansi`` gives its Helvetica the Windows-1252 encoding (else the standard one)."""
    stream = zlib.compress(content) if flate else content
    filt = b"/Filter /FlateDecode " if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< "
        + filt
        + b"/Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
        + (b" /Encoding /WinAnsiEncoding" if winansi else b"")
        + b" >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


STORIES = [
    ("Cable cuts off Svalbard", "cables",
     "Two fibre-optic cables linking Svalbard to the mainland were damaged in January. "
     "Repair ships found the faults in water roughly 300 metres deep, close to a route used "
     "by fishing trawlers, and investigators have not named a culprit."),
    ("Ports brace for strikes", "ports",
     "Dock workers in three northern ports voted to strike from Monday over pay and "
     "staffing. Shipping lines warned of delays of up to a week for container traffic "
     "bound for the Baltic, and some cargo is already being rerouted."),
    ("Grain corridor talks resume", "grain",
     "Negotiators returned to Istanbul to discuss safe passage for grain ships. Diplomats "
     "said a deal on inspections was close but that insurance costs remained the main "
     "obstacle for shipowners weighing a return to the route."),
]  # fmt: skip


def newsletter_eml(path: Path) -> Path:
    """A newsletter e-mail: three stories with linked headlines and "Read more" links, the
    usual wrapping (view in browser, unsubscribe, a postal address)."""
    stories = []
    for title, slug, text in STORIES:
        stories.append(
            f'<tr><td><h2><a href="https://news.example.org/{slug}">{title}</a></h2>'
            f"<p>{text}</p>"
            f'<p><a href="https://news.example.org/{slug}">Read more</a></p></td></tr>'
        )
    html = (
        "<html><body><table>"
        '<tr><td><a href="https://news.example.org/web">View this email in your browser</a>'
        "</td></tr>"
        f"{''.join(stories)}"
        "<tr><td><p>You are receiving this email because you signed up at our site.</p>"
        '<p><a href="https://news.example.org/u">Unsubscribe</a> | '
        '<a href="https://news.example.org/p">Update your preferences</a></p>'
        "<p>Northern Desk Ltd, 12 Harbour Street, Tromsø 9008, Norway</p></td></tr>"
        "</table></body></html>"
    )
    message = EmailMessage()
    message["From"] = "The Northern Desk <briefing@news.example.org>"
    message["To"] = "analyst@example.com"
    message["Subject"] = "Morning brief: cables, ports and grain"
    message["Date"] = "Fri, 13 Mar 2026 07:00:00 +0000"
    message.set_content("Plain version of the newsletter.")
    message.add_alternative(html, subtype="html")
    path.write_bytes(message.as_bytes())
    return path


def plain_eml(path: Path) -> Path:
    message = EmailMessage()
    message["From"] = "Kari Nordmann <kari@example.org>"
    message["Subject"] = "Fwd: Harbour cranes idle"
    message["Date"] = "Mon, 4 May 2026 12:00:00 +0200"
    message.set_content(f"Harbour cranes idle\n\n{BODY}\n\n{MORE}\n\n-- \nKari\nDesk 4\n")
    path.write_bytes(message.as_bytes())
    return path
