"""Rendering: Briefing + brand -> HTML/CSS -> PDF, Word, single-file HTML and Markdown.

Everything an export needs is here and Qt-free; the editor's preview shows the bytes
:func:`briefing.core.rendering.pdf.render_pdf` returns. Import from the submodules
(``rendering.pdf``, ``rendering.export``, ``rendering.document_html``, ``rendering.fonts``...):
this package re-exports nothing. Threads import rendering at once (the memory job reads a PDF
while the HarfBuzz check loads the fonts module); a package that imported every submodule as
it initialised let one thread see it half-made ("cannot import name 'render_pdf' from
partially initialized module") or meet a deadlock between module locks.
"""

from briefing.core.rendering.native_libs import remember_native_libraries

# Before anything imports WeasyPrint, which looks its native libraries up as it loads.
remember_native_libraries()
