"""Briefing -> Word (.docx), for colleagues who edit in Word.

The same Briefing the PDF shows, as Word means it: the brand as styles (``docx_styles``),
the logo and the handling label in the header, the label, date and "Page N of M" (PAGE and
NUMPAGES fields) in the footer, the cover block (template kicker, title, subtitle, facts),
each section under a real Heading 1, its Markdown through ``docx_markdown``, the
predictions table as a Word table with a repeating header row, citations as footnotes
(``docx_notes``) and the numbered Sources list. Core properties carry the title, author,
subject, keywords and the handling label.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Section
from briefing.core.model.markup import is_predictions_section
from briefing.core.model.template import Brand
from briefing.core.rendering.document_html import effective_brand
from briefing.core.rendering.docx_fonts import ALL_FACES, embed_fonts
from briefing.core.rendering.docx_markdown import Style, Writer
from briefing.core.rendering.docx_markdown import text_run as _run
from briefing.core.rendering.docx_notes import Footnotes
from briefing.core.rendering.docx_styles import (
    Palette,
    apply_brand,
    border,
    element,
    place,
    shade,
    tint,
)
from briefing.core.rendering.docx_tables import fit_width, keep_rows, mark_header, new_table
from briefing.core.rendering.fields import (
    cover_facts,
    date_text,
    is_takeaway,
    required_fields,
    running_fields,
    running_title,
)
from briefing.core.rendering.logo import logo_png, png_size
from briefing.core.rendering.markdown import live_source_url
from briefing.core.rendering.predictions import (
    COLUMNS,
    cited_source,
    likelihood_text,
    short_flag,
    source_numbers,
    table_note,
)
from briefing.core.rendering.style import handling_colours

LOGO_HEIGHT_MM = 9.0
_COLUMN_WIDTHS = (40, 17, 13, 14, 16)  # percent of the text width, column by column


def source_reference(article: Article) -> list[tuple[str, bool]]:
    """A source as reference text pieces ``(text, italic)``: authors, “title”, site, date."""
    pieces: list[tuple[str, bool]] = []
    if article.authors:
        pieces.append((", ".join(article.authors) + ", ", False))
    pieces.append((f"“{' '.join(article.title.split())}”", False))
    if article.site:
        pieces += [(", ", False), (article.site, True)]
    if article.published:
        pieces.append((f", {date_text(article.published)}", False))
    pieces.append((".", False))
    if article.url:
        pieces.append((f" {article.url}", False))
    return pieces


class _Builder:
    def __init__(self, briefing: Briefing, brand: Brand) -> None:
        self.briefing = briefing
        self.brand = brand
        self.doc = Document()
        self.palette = Palette(brand)
        self.notes = Footnotes(self.doc)
        self.numbers = source_numbers(briefing)
        sources = {a.id: a for a in briefing.sources if a.id}
        self.writer = Writer(
            self.doc, self.palette, self.notes, self.numbers,
            lambda sid: source_reference(sources[sid]),
        )  # fmt: skip
        self.logo = logo_png(brand.logo)

    # -- page -----------------------------------------------------------------------------
    def page(self) -> None:
        section = self.doc.sections[0]
        width, height = (210, 297) if self.brand.page_size != "Letter" else (215.9, 279.4)
        section.page_width, section.page_height = Mm(width), Mm(height)
        margins = self.brand.margins_mm if len(self.brand.margins_mm) == 4 else (22, 20, 22, 20)
        top, right, bottom, left = (m if 5 <= m <= 60 else 20 for m in margins)
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = section.footer_distance = Mm(max(6.0, min(top, bottom) - 12))
        self.text_width = int(Mm(width - left - right))
        self.writer.text_width = self.text_width
        self.running(section.header.paragraphs[0], self.brand.header, "header")
        self.running(section.footer.paragraphs[0], self.brand.footer, "footer")

    def running(self, paragraph: Any, fields: list[str], where: str) -> None:
        """The header or footer line: up to three fields, left / centre / right on tabs."""
        chosen = running_fields(fields, required_fields(where))
        ppr = paragraph._p.get_or_add_pPr()
        border(ppr, "bottom" if where == "header" else "top", "C9CED6", 4, 4)
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(self.text_width // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
        if where == "header" and self.logo is not None:
            size = png_size(self.logo) or (1, 1)
            run = paragraph.add_run()
            height = Mm(LOGO_HEIGHT_MM)
            width = min(int(height * size[0] / size[1]), int(Mm(55)))
            run.add_picture(
                io.BytesIO(self.logo), width=width, height=int(width * size[1] / size[0])
            )
            paragraph.add_run("  ")
        slots = {1: [2], 2: [0, 2], 3: [0, 1, 2]}.get(len(chosen), [])
        stop = 0  # 0 left, 1 the centre tab stop, 2 the right one
        for name, target in zip(chosen, slots, strict=False):
            for _ in range(target - stop):
                paragraph.add_run().add_tab()
            stop = target
            self.field(paragraph, name)

    def field(self, paragraph: Any, name: str) -> None:
        meta = self.briefing.meta
        p = paragraph._p
        if name == "organisation" and meta.organisation:
            p.append(_run(meta.organisation.upper(), Style(bold=True, colour=self.palette.primary)))
        elif name == "handling":
            self.handling(p, meta.handling)
        elif name == "date":
            p.append(_run(date_text(meta.date), Style()))
        elif name == "reference":
            p.append(_run(meta.reference, Style()))
        elif name == "title":
            p.append(_run(running_title(self.briefing.title), Style()))
        elif name == "page":
            p.append(_run("Page ", Style()))
            _field(p, "PAGE", "1")
            p.append(_run(" of ", Style()))
            _field(p, "NUMPAGES", "1")

    def handling(self, p: Any, label: str) -> None:
        """The handling label (TLP) in its colours: coloured text on black."""
        if not label.strip():
            return
        fg, bg = handling_colours(label)
        run = _run(f" {label.strip()} ", Style(bold=True, colour=fg[1:].upper()))
        shade(run.find(qn("w:rPr")), bg[1:].upper())
        p.append(run)

    # -- cover ----------------------------------------------------------------------------
    def cover(self) -> None:
        b, meta, pal = self.briefing, self.briefing.meta, self.palette
        band = self.doc.add_table(rows=1, cols=1)
        fit_width(band, self.text_width, [1.0])  # inset: the default 108-twip cell margin
        cell = band.cell(0, 0)
        shade(cell._tc.get_or_add_tcPr(), pal.primary)
        margins = element("tcMar")
        for side, width in (("top", "260"), ("left", "220"), ("bottom", "220"), ("right", "220")):
            margins.append(element(side, w=width, type="dxa"))
        place(cell._tc.get_or_add_tcPr(), margins)
        kicker = cell.paragraphs[0]
        kicker.style = self.doc.styles["Cover Kicker"]
        kicker.add_run(b.template.name if b.template else "Briefing note")
        if meta.status == "draft" and self.brand.watermark:
            kicker.add_run("  ·  DRAFT")
        title = cell.add_paragraph(style="Title")
        title._p.append(_run(b.title or "Untitled briefing", Style(colour="FFFFFF")))
        if b.subtitle:
            sub = cell.add_paragraph(style="Subtitle")
            sub._p.append(_run(b.subtitle, Style(colour="FFFFFF")))
        rule = self.doc.add_paragraph()
        rule.paragraph_format.space_after = Pt(6)
        border(rule._p.get_or_add_pPr(), "top", pal.accent, 36, 0)
        facts = cover_facts(meta)
        if not facts and not meta.handling.strip():
            return
        table = self.doc.add_table(rows=2, cols=len(facts) + 1)
        fit_width(table, self.text_width, [1.0] * len(facts) + [0.9])
        for col, (label, value) in enumerate(facts):
            table.cell(0, col).paragraphs[0].style = self.doc.styles["Cover Label"]
            table.cell(0, col).paragraphs[0].add_run(label)
            table.cell(1, col).paragraphs[0].style = self.doc.styles["Cover Value"]
            table.cell(1, col).paragraphs[0].add_run(value)
        last = table.cell(1, len(facts)).paragraphs[0]
        last.style = self.doc.styles["Cover Value"]
        last.alignment = 2  # right
        self.handling(last._p, meta.handling)
        if self.brand.cover_page:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            self.doc.add_paragraph().paragraph_format.space_after = Pt(4)

    # -- body -----------------------------------------------------------------------------
    def sections(self) -> None:
        placed = False
        for section in self.briefing.sections:
            table = bool(self.briefing.predictions) and not placed
            table = table and is_predictions_section(self.briefing, section)
            placed = placed or table
            self.section(section, table)
        if self.briefing.predictions and not placed:
            self.section(Section(id="predictions", title="Predictions"), True)

    def section(self, section: Section, table: bool) -> None:
        if not section.markdown.strip() and not table:
            return  # as in the PDF, an empty section is left out
        self.doc.add_paragraph(section.title, style="Heading 1")
        takeaway = is_takeaway(self.briefing, section)
        self.writer.markdown(self.doc, section.markdown, style="Takeaway" if takeaway else "Normal")
        if table:
            self.predictions()

    def predictions(self) -> None:
        pal = self.palette
        rows = self.briefing.predictions
        table = new_table(self.doc, len(rows) + 1, len(COLUMNS), self.text_width, _COLUMN_WIDTHS)
        for col, label in enumerate(COLUMNS):
            cell = table.cell(0, col)
            cell.paragraphs[0].style = self.doc.styles["Table Header"]
            cell.paragraphs[0].add_run(label)
            shade(cell._tc.get_or_add_tcPr(), pal.primary)
        keep_rows(table)
        mark_header(table.rows[0])
        scale = self.briefing.likelihood_scale
        for r, prediction in enumerate(rows, start=1):
            likelihood, problem = likelihood_text(prediction, scale)
            indicators = [i for i in prediction.indicators if i.strip()]
            cells = [
                prediction.statement,
                likelihood,
                prediction.timeframe or prediction.resolve_by or "—",
                prediction.confidence.capitalize(),
                "\n".join(f"• {i}" for i in indicators) or "—",
            ]
            for col, value in enumerate(cells):
                cell = table.cell(r, col)
                para = cell.paragraphs[0]
                para.style = self.doc.styles["Table Text"]
                for n, line in enumerate(value.split("\n")):
                    if n:
                        para = cell.add_paragraph(style="Table Text")
                    para._p.append(_run(line, Style(bold=col == 1)))
                if col == 0:
                    source = cited_source(prediction)
                    if source in self.numbers:
                        self.writer.cite(para._p, str(source))
                if col == 1 and problem:
                    flag = cell.add_paragraph(style="Table Text")
                    flag._p.append(_run(short_flag(prediction, scale), Style(colour=pal.accent)))
                if r % 2 == 0:
                    shade(cell._tc.get_or_add_tcPr(), tint(pal.primary, 0.04))
        self.doc.add_paragraph(table_note(scale), style="Scale Note")

    def sources(self) -> None:
        if not self.briefing.sources:
            return
        self.doc.add_paragraph("Sources", style="Heading 1")
        for number, article in enumerate(self.briefing.sources, start=1):
            para = self.doc.add_paragraph(style="Source")
            para._p.append(_run(f"{number}.\t", Style()))
            pieces = source_reference(article)
            if article.url:
                pieces = pieces[:-1]
            for text, italic in pieces:
                para._p.append(_run(text, Style(italic=italic)))
            if article.url:
                para._p.append(_run(" ", Style()))
                self.link(para._p, article.url)

    def link(self, p: Any, url: str) -> None:
        if live_source_url(url):
            link = element("hyperlink")
            link.set(qn("r:id"), self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True))
            link.append(_run(url, Style(colour=self.palette.muted)))
            p.append(link)
        else:
            p.append(_run(url, Style(colour=self.palette.muted)))

    # -- file -----------------------------------------------------------------------------
    def properties(self) -> None:
        b, meta = self.briefing, self.briefing.meta
        props = self.doc.core_properties
        props.title = b.title
        props.subject = b.subtitle or (b.template.name if b.template else "")
        props.author = meta.analyst or meta.organisation
        props.last_modified_by = meta.analyst or meta.organisation or "Briefing"
        keywords = [meta.handling, b.template.name if b.template else "", "briefing"]
        props.keywords = ", ".join(k for k in keywords if k)
        props.category = meta.handling
        props.comments = "Exported by Briefing"
        props.revision = 1
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # python-docx's template carries a stock preview
                del package.rels[rel_id]

    def build(self) -> bytes:
        apply_brand(self.doc, self.palette)
        # The heading family is set upright only (headings, labels, tables, header, footer).
        families: dict[str, tuple[str, ...]] = {self.palette.body_font: ALL_FACES}
        families.setdefault(self.palette.heading_font, ("embedRegular", "embedBold"))
        embed_fonts(self.doc, self.brand, families)
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            body.remove(p)
        self.page()
        self.cover()
        self.sections()
        self.sources()
        self.properties()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _field(p: Any, code: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on every page."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = element("r")
        if kind == "instr":
            instr = element("instrText")
            instr.text = f" {code} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(instr)
        elif kind == "text":
            t = element("t")
            t.text = shown
            run.append(t)
        else:
            run.append(element("fldChar", fldCharType=kind))
        p.append(run)


def render_docx(briefing: Briefing, *, brand: Brand | None = None) -> bytes:
    """The briefing as the bytes of a Word document styled by ``brand``."""
    return _Builder(briefing, effective_brand(briefing, brand)).build()
