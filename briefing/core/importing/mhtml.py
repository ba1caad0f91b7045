"""Browser single-file pages (``.mhtml``/``.mht``) -> Article.

The file is a MIME multipart message: we take its HTML part (honouring its charset and
Content-Transfer-Encoding) and ignore every other part (images, styles, frames). Malformed or
bogus parts become a clear :class:`ArticleImportError`, never a traceback.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message

from briefing.core.errors import ArticleImportError
from briefing.core.importing.web import MAX_HTML_CHARS, article_from_html
from briefing.core.importing.web_meta import declared_charset
from briefing.core.model.article import Article

__all__ = ["article_from_mhtml"]

MAX_MHTML_BYTES = 100_000_000
_MIME_HINT = re.compile(
    rb"^(mime-version|content-type|from|subject|date|snapshot-content-location)\s*:", re.I | re.M
)


def article_from_mhtml(data: bytes, *, name: str) -> Article:
    """Extract the article in an MHTML snapshot (the first ``text/html`` part).

    Raises :class:`ArticleImportError` when the file is not MIME, has no HTML part, or the
    page holds no article text.
    """
    if len(data) > MAX_MHTML_BYTES:
        limit = MAX_MHTML_BYTES // 1_000_000
        raise ArticleImportError(f"the MHTML file is too large to import (limit {limit} MB)", name)
    if not data.strip():
        raise ArticleImportError("the MHTML file is empty", name)
    if not _MIME_HINT.search(data[:8192]):
        raise ArticleImportError("not an MHTML file (no MIME headers found)", name)
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        _check_headers(message, name)
        part = _html_part(message)
        if part is None:
            raise ArticleImportError("the MHTML file has no web page part", name)
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            raise ArticleImportError("the MHTML web page part is empty", name)
        if len(payload) > MAX_HTML_CHARS:
            limit = MAX_HTML_CHARS // 1_000_000
            raise ArticleImportError(
                f"the web page is too large to import (limit {limit} MB)", name
            )
        html = _decode(payload, part, name)
        location = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    except ArticleImportError:
        raise
    except Exception as err:  # malformed MIME of any kind: one clear line
        raise ArticleImportError(f"malformed MHTML file ({type(err).__name__})", name) from None
    url = str(location).strip() if location else None
    return article_from_html(html, name=name, url=url)


MAX_HEADER_PARAMS = 64
MAX_HEADER_CHARS = 8192


def _check_headers(message: Message, name: str) -> None:
    """Refuse a part whose Content-Type carries absurdly many parameters: the email package
    reads them in quadratic time (400,000 parameters took minutes)."""
    for part in message.walk():
        for header in ("Content-Type", "Content-Disposition"):
            value = str(part.get(header) or "")
            if value.count(";") > MAX_HEADER_PARAMS or len(value) > MAX_HEADER_CHARS:
                raise ArticleImportError(
                    f"malformed MHTML file (a {header} header of {len(value):,} characters)", name
                )


def _html_part(message: Message) -> Message | None:
    """The root HTML part: the multipart's ``start`` part if named, else the first HTML part."""
    if not message.is_multipart():
        return message if message.get_content_type() == "text/html" else None
    start = message.get_param("start")
    parts = [p for p in message.walk() if not p.is_multipart()]
    if isinstance(start, str):
        wanted = start.strip("<>")
        for part in parts:
            content_id = (part.get("Content-ID") or "").strip().strip("<>")
            if content_id == wanted and part.get_content_type() == "text/html":
                return part
    return next((p for p in parts if p.get_content_type() == "text/html"), None)


def _decode(payload: bytes, part: Message, name: str) -> str:
    declared = part.get_content_charset() or declared_charset(payload)
    try:
        from briefing.core.importing.encoding import decode_bytes
    except ImportError:  # the shared decoder has not landed: strict declared, then cp1252
        return _simple_decode(payload, declared)
    text: str = decode_bytes(payload, declared=declared, name=name)
    return text


def _simple_decode(payload: bytes, declared: str | None) -> str:
    for codec in ("utf-8", declared, "cp1252"):
        if not codec:
            continue
        try:
            return payload.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return payload.decode("utf-8", errors="replace")
