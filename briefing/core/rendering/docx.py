"""Briefing -> Word (.docx), for colleagues who edit in Word.

The same Briefing the PDF shows, as Word means it: the brand as styles (``docx_styles``),
the logo and the handling label in the header (right-justified, 12 pt, as TLP asks; a
template's classification as a centred banner), the date, "Page N of M" (PAGE and NUMPAGES
fields) and the label in the footer, the cover block (template kicker, title, subtitle, the
facts and what the label allows, then the summary box), each section under a real Heading 1,
its Markdown through ``docx_markdown``, the predictions table as a Word table with a
repeating header row, citations as footnotes (``docx_notes``: the reference in full the
first time, short after) and the numbered Sources list with full references. Core
properties carry the title, author, subject, keywords and the handling label.
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
from briefing.core.model.handling import Marking
from briefing.core.model.markup import is_predictions_section
from briefing.core.model.template import Brand
from briefing.core.rendering.document_html import briefing_marking, effective_brand
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
    summary_section,
)
from briefing.core.rendering.logo import logo_png, png_size
from briefing.core.rendering.markdown import live_source_url
from briefing.core.rendering.predictions import (
    COLUMNS,
    cited_source,
    column_widths,
    confidence_text,
    likelihood_text,
    short_flag,
    source_numbers,
    table_note,
    with_indicators,
)
from briefing.core.rendering.references import reference_parts, short_parts
from briefing.core.rendering.style import safe_colour

LOGO_HEIGHT_MM = 9.0
RUNNING_TITLE_LIMIT = 60  # Word cannot fade a long title out in the header's middle third


def source_reference(article: Article) -> list[tuple[str, bool]]:
    """A source's full reference as text pieces ``(text, italic)`` (as the PDF gives it)."""
    return [(text, kind == "italic") for text, kind in reference_parts(article)]


class _References:
    """Footnote text for a source: in full the first time, short after (as in the PDF)."""

    def __init__(self, briefing: Briefing) -> None:
        self.sources = {a.id: a for a in briefing.sources if a.id}
        self.given: set[str] = set()

    def __call__(self, source_id: str) -> list[tuple[str, bool]]:
        article = self.sources[source_id]
        if source_id in self.given:
            return [(text, kind == "italic") for text, kind in short_parts(article)]
        self.given.add(source_id)
        return source_reference(article)


class _Builder:
    def __init__(self, briefing: Briefing, brand: Brand) -> None:
        self.briefing = briefing
        self.brand = brand
        self.doc = Document()
        self.palette = Palette(brand)
        self.notes = Footnotes(self.doc)
        self.numbers = source_numbers(briefing)
        self.marking = briefing_marking(briefing)
        self.summary = summary_section(briefing)
        self.writer = Writer(
            self.doc, self.palette, self.notes, self.numbers, _References(briefing)
        )
        if briefing.template and briefing.template.portion_marks and self.marking:
            self.writer.portion = self.marking.portion
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
        """The header or footer line: up to three fields, left / centre / right on tabs, the
        handling label always right; a classification banner above the header's line and
        below the footer's instead."""
        meta = self.briefing.meta
        values = {"organisation": meta.organisation, "reference": meta.reference, "date": meta.date}
        fields = [f for f in fields if values.get(f, "x").strip()]  # an empty field takes no slot
        chosen = running_fields(fields, required_fields(where), limit=3)
        marking = self.marking
        if marking is not None and marking.banner:
            chosen = [f for f in chosen if f != "handling"]
            if marking.top if where == "header" else marking.bottom:
                self.banner(paragraph, marking, above=where == "header")
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
            title = running_title(self.briefing.title, RUNNING_TITLE_LIMIT)
            p.append(_run(title, Style()))
        elif name == "page":
            p.append(_run("Page ", Style()))
            _field(p, "PAGE", "1")
            p.append(_run(" of ", Style()))
            _field(p, "NUMPAGES", "1")

    def handling(self, p: Any, label: str) -> None:
        """The handling label in its colours (TLP: its colour on black), in 12 pt."""
        marking = self.marking
        if marking is None or not label.strip():
            return
        fg = safe_colour(marking.text_color, "#FFFFFF")[1:].upper()
        bg = safe_colour(marking.background, "#000000")[1:].upper()
        run = _run(f" {marking.label} ", Style(bold=True, colour=fg))
        rpr = run.find(qn("w:rPr"))
        shade(rpr, bg)
        place(rpr, element("sz", val="24"))  # half-points: 12 pt
        p.append(run)

    def banner(self, paragraph: Any, marking: Marking, *, above: bool) -> None:
        """A classification banner: a centred shaded paragraph beside the running line."""
        holder = paragraph._parent
        banner = holder.add_paragraph() if not above else paragraph.insert_paragraph_before()
        banner.alignment = 1  # centre
        ppr = banner._p.get_or_add_pPr()
        shade(ppr, safe_colour(marking.background, "#000000")[1:].upper())
        fg = safe_colour(marking.text_color, "#FFFFFF")[1:].upper()
        run = _run(marking.label, Style(bold=True, colour=fg))
        place(run.find(qn("w:rPr")), element("sz", val="24"))
        banner._p.append(run)

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
        # The facts as in the PDF's strip: equal cells, one row up to four, else two rows.
        facts = cover_facts(meta, self.marking)
        per_row = len(facts) if len(facts) <= 4 else (len(facts) + 1) // 2
        rows = [facts[i : i + per_row] for i in range(0, len(facts), per_row)]
        table = self.doc.add_table(rows=2 * len(rows), cols=per_row)
        fit_width(table, self.text_width, [1.0] * per_row)
        for r, row in enumerate(rows):
            for col, (label, value) in enumerate(row):
                table.cell(2 * r, col).paragraphs[0].style = self.doc.styles["Cover Label"]
                table.cell(2 * r, col).paragraphs[0].add_run(label)
                table.cell(2 * r + 1, col).paragraphs[0].style = self.doc.styles["Cover Value"]
                table.cell(2 * r + 1, col).paragraphs[0].add_run(value)
        marking = self.marking
        if marking is not None and marking.meaning and marking.label != "TLP:CLEAR":
            note = self.doc.add_paragraph(style="Scale Note")
            note._p.append(_run(f"{marking.label}  ", Style(bold=True)))
            note._p.append(_run(marking.meaning, Style()))
        if self.summary is not None:  # the key takeaway, read first, as on the PDF's cover
            self.doc.add_paragraph(self.summary.title, style="Takeaway Label")
            self.writer.markdown(self.doc, self.summary.markdown, style="Takeaway")
        if self.brand.cover_page:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            self.doc.add_paragraph().paragraph_format.space_after = Pt(4)

    # -- body -----------------------------------------------------------------------------
    def sections(self) -> None:
        placed = False
        for section in self.briefing.sections:
            if section is self.summary:
                continue  # on the cover
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
        indicators = with_indicators(self.briefing)
        widths = column_widths(indicators)
        columns = COLUMNS[: len(widths)]
        table = new_table(self.doc, len(rows) + 1, len(columns), self.text_width, widths)
        sources = {cited_source(p) for p in rows}
        shared = next(iter(sources)) if len(sources) == 1 and None not in sources else None
        for col, label in enumerate(columns):
            cell = table.cell(0, col)
            cell.paragraphs[0].style = self.doc.styles["Table Header"]
            cell.paragraphs[0].add_run(label)
            if col == 0 and shared in self.numbers:  # one mark for a table from one source
                self.writer.cite(cell.paragraphs[0]._p, str(shared))
            shade(cell._tc.get_or_add_tcPr(), pal.primary)
        keep_rows(table)
        mark_header(table.rows[0])
        scale = self.briefing.likelihood_scale
        for r, prediction in enumerate(rows, start=1):
            likelihood, problem = likelihood_text(prediction, scale)
            items = [i for i in prediction.indicators if i.strip()]
            cells = [
                prediction.statement,
                likelihood,
                prediction.timeframe or prediction.resolve_by or "—",
                confidence_text(prediction),
                "\n".join(f"• {i}" for i in items) or "—",
            ][: len(columns)]
            for col, value in enumerate(cells):
                cell = table.cell(r, col)
                para = cell.paragraphs[0]
                para.style = self.doc.styles["Table Text"]
                for n, line in enumerate(value.split("\n")):
                    if n:
                        para = cell.add_paragraph(style="Table Text")
                    if col in (0, 2, 4):  # the analyst's text: one line of briefing Markdown
                        self.writer.inline_markdown(para._p, line)
                    else:
                        para._p.append(_run(line, Style(bold=col == 1)))
                if col == 0 and shared is None:
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
            for text, kind in reference_parts(article):
                if kind == "url":
                    self.link(para._p, text)
                else:
                    para._p.append(_run(text, Style(italic=kind == "italic")))

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
        label = self.marking.label if self.marking else ""
        keywords = [label, b.template.name if b.template else "", "briefing"]
        props.keywords = ", ".join(k for k in keywords if k)
        props.category = label
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
