"""Rendering: Briefing + brand -> HTML/CSS -> PDF, Word, single-file HTML and Markdown.

Everything an export needs is here and Qt-free; the editor's preview shows the bytes
:func:`render_pdf` returns.
"""

from briefing.core.rendering.document_html import default_brand, render_html
from briefing.core.rendering.docx import render_docx
from briefing.core.rendering.export import (
    export_docx,
    export_file,
    export_html,
    export_markdown,
    export_pdf,
)
from briefing.core.rendering.fonts import available_families, harfbuzz_subset_available
from briefing.core.rendering.markdown_export import render_markdown_document
from briefing.core.rendering.native_libs import remember_native_libraries
from briefing.core.rendering.pdf import VARIANTS, render_pdf, source_from_pdf

__all__ = [
    "VARIANTS",
    "available_families",
    "default_brand",
    "export_docx",
    "export_file",
    "export_html",
    "export_markdown",
    "export_pdf",
    "harfbuzz_subset_available",
    "render_docx",
    "render_html",
    "render_markdown_document",
    "render_pdf",
    "source_from_pdf",
]

# Nothing above imports WeasyPrint yet; it looks its native libraries up as it loads.
remember_native_libraries()
