"""Documents analysts receive: PDF reports, Word and OpenDocument files, saved e-mails.

``read_document(kind, data, name)`` returns the articles in one file's bytes: one for a
PDF, Word or OpenDocument file, one or more for an e-mail (a newsletter of several stories
is offered as several sources). The importer runs its common pass over each.
"""

from __future__ import annotations

from briefing.core.errors import ArticleImportError
from briefing.core.model.article import Article

__all__ = ["DOCUMENT_KINDS", "MAX_BYTES", "read_document"]

_MB = 1024 * 1024
# Size caps, checked before a byte is read: PDFs and Word files carry their images.
MAX_BYTES = {"pdf": 100 * _MB, "docx": 50 * _MB, "odt": 50 * _MB, "email": 50 * _MB}
DOCUMENT_KINDS = tuple(MAX_BYTES)


def read_document(kind: str, data: bytes, name: str, *, split: bool = True) -> list[Article]:
    """The articles in a document's bytes; :class:`ArticleImportError` names the file.

    ``split=False`` keeps a newsletter of several stories as one article.
    """
    # The readers load on first use: pdfminer and the web extractor slow the editor's start.
    if kind == "pdf":
        from briefing.core.importing.documents.pdf import article_from_pdf

        return [article_from_pdf(data, name=name)]
    if kind == "docx":
        from briefing.core.importing.documents.docx import article_from_docx

        return [article_from_docx(data, name=name)]
    if kind == "odt":
        from briefing.core.importing.documents.odt import article_from_odt

        return [article_from_odt(data, name=name)]
    if kind == "email":
        from briefing.core.importing.documents.eml import articles_from_email

        return articles_from_email(data, name=name, split=split)
    raise ArticleImportError(f"unknown document kind {kind!r}", name)
