"""Word footnotes, which python-docx has no API for: the footnotes part written by hand.

The part (``/word/footnotes.xml``) holds the two separator notes Word expects (ids -1 and
0, also named in settings.xml's ``footnotePr``) and one ``w:footnote`` per note; each note
in the text is a ``FootnoteReference`` run pointing at its id. Word and LibreOffice number
them in order of appearance.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml

from briefing.core.rendering.docx_styles import element, place

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMPTY = (
    f'<w:footnotes xmlns:w="{_W}" xmlns:r="{_R}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)
# settings.xml children that come after footnotePr in CT_Settings' sequence.
_AFTER_FOOTNOTE_PR = (
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


class Footnotes:
    """The document's footnotes part, created on the first note."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part: XmlPart | None = None
        self.count = 0

    def _ensure(self) -> XmlPart:
        if self.part is None:
            main = self.document.part
            self.part = XmlPart(
                PackURI("/word/footnotes.xml"), CONTENT_TYPE, parse_xml(_EMPTY), main.package
            )
            main.relate_to(self.part, RT.FOOTNOTES)
            self._settings()
        return self.part

    def _settings(self) -> None:
        settings = self.document.settings.element
        pr = element("footnotePr")
        pr.append(element("footnote", id="-1"))
        pr.append(element("footnote", id="0"))
        later = [c for c in settings if str(c.tag).rsplit("}", 1)[-1] in _AFTER_FOOTNOTE_PR]
        if later:
            later[0].addprevious(pr)
        else:
            settings.append(pr)

    def add(self) -> tuple[int, Any, Any]:
        """A new note: ``(id, its paragraph element, the part)``; the paragraph already
        starts with the note's own number, ready for runs."""
        part = self._ensure()
        self.count += 1
        note = element("footnote", id=str(self.count))
        p = element("p")
        ppr = element("pPr")
        place(ppr, element("pStyle", val="FootnoteText"))
        p.append(ppr)
        p.append(reference_run(None))
        space = element("r")
        text = element("t")
        text.text = " "
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        space.append(text)
        p.append(space)
        note.append(p)
        part.element.append(note)
        return self.count, p, part


def reference_run(note_id: int | None) -> Any:
    """A ``FootnoteReference`` run: the mark in the text (``note_id``), or in the note itself
    (``None``)."""
    run = element("r")
    rpr = element("rPr")
    place(rpr, element("rStyle", val="FootnoteReference"))
    run.append(rpr)
    if note_id is None:
        run.append(element("footnoteRef"))
    else:
        run.append(element("footnoteReference", id=str(note_id)))
    return run
