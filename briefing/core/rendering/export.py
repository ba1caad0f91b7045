"""Export a briefing to a file: PDF, Word, single-file HTML or Markdown, written atomically.

A file an export replaces is kept as ``<name>~``; whether to replace one at all is the faces'
question (``--force``, a prompt), asked with :func:`briefing.core.storage.targets.check_target`.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.core.errors import BriefingError, RenderError
from briefing.core.model.document import Briefing
from briefing.core.model.handling import file_label
from briefing.core.model.template import Brand
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.docx import render_docx
from briefing.core.rendering.markdown_export import render_markdown_document
from briefing.core.rendering.pdf import render_pdf

SUFFIXES = (".pdf", ".docx", ".html", ".md")
# What export_file accepts.
TARGET_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown")


def file_stem(title: str) -> str:
    """A file name (no suffix) from a title: its words, without the characters some file
    systems refuse (or that name folders); ``"briefing"`` when nothing is left."""
    words = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    words = "".join(ch for ch in words if ch.isalnum() or ch in " -_.,'()&")
    return " ".join(words.split())[:80].strip(" .") or "briefing"


def export_file_name(briefing: Briefing, suffix: str = ".pdf", *, stem: str | None = None) -> str:
    """The file name to offer for an export: the title (or ``stem``) and the handling label,
    ``"Ports what the strike means - TLP-AMBER.pdf"``; the editor's export dialog and
    ``briefing export`` without ``-o`` both use it."""
    base = file_stem(stem if stem is not None else briefing.title)
    label = file_label(briefing.meta.handling)
    if label and label.casefold() not in base.casefold():
        base = f"{base} - {label}"
    return base + suffix


def _write(path: str | Path, data: bytes) -> None:
    from briefing.core.storage.atomic import atomic_write_bytes

    try:
        # A file replaced by an export is kept as "<name>~": the user may not have meant it.
        atomic_write_bytes(path, data, backup=True)
    except BriefingError as err:
        raise RenderError(err.reason, path) from err
    except OSError as err:
        raise RenderError(f"could not write the file: {err.strerror or err}", path) from err


def export_pdf(
    briefing: Briefing,
    path: str | Path,
    *,
    brand: Brand | None = None,
    variant: str | None = None,
    attach_source: bool = True,
) -> None:
    """Write the briefing as PDF to ``path`` (atomically); :class:`RenderError` names the file."""
    try:
        data = render_pdf(briefing, brand=brand, variant=variant, attach_source=attach_source)
    except RenderError as err:
        raise RenderError(err.reason, path) from err
    _write(path, data)


def _failed(err: Exception, path: str | Path) -> RenderError:
    reason = " ".join(str(err).split())[:200]
    return RenderError(f"could not export: {type(err).__name__}: {reason}", path)


def export_html(briefing: Briefing, path: str | Path, *, brand: Brand | None = None) -> None:
    """Write the briefing as one self-contained HTML file (fonts and images inlined)."""
    try:
        html = render_html(briefing, brand=brand, standalone=True)
    except Exception as err:  # any failure becomes one line naming the file
        raise _failed(err, path) from err
    _write(path, html.encode("utf-8"))


def export_docx(briefing: Briefing, path: str | Path, *, brand: Brand | None = None) -> None:
    """Write the briefing as a Word document (atomically); :class:`RenderError` names the file."""
    try:
        data = render_docx(briefing, brand=brand)
    except Exception as err:  # any failure becomes one line naming the file
        raise _failed(err, path) from err
    _write(path, data)


def export_markdown(briefing: Briefing, path: str | Path) -> None:
    """Write the briefing as portable Markdown (callouts as quotes, sources numbered)."""
    try:
        text = render_markdown_document(briefing)
    except Exception as err:  # any failure becomes one line naming the file
        raise _failed(err, path) from err
    _write(path, text.encode("utf-8"))


def export_file(
    briefing: Briefing,
    path: str | Path,
    *,
    brand: Brand | None = None,
    variant: str | None = None,
    attach_source: bool = True,
) -> None:
    """Export by the file's suffix: ``.pdf``, ``.docx``, ``.html`` (or ``.htm``) or ``.md``.

    ``brand`` applies to PDF, Word and HTML; ``variant`` and ``attach_source`` to PDF only.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        export_pdf(briefing, path, brand=brand, variant=variant, attach_source=attach_source)
    elif suffix == ".docx":
        export_docx(briefing, path, brand=brand)
    elif suffix in (".html", ".htm"):
        export_html(briefing, path, brand=brand)
    elif suffix in (".md", ".markdown"):
        export_markdown(briefing, path)
    else:
        raise RenderError("unknown export type (use .pdf, .docx, .html or .md)", path)
