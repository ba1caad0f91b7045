"""Saved e-mails (.eml) and newsletters -> one Article, or one per story.

The HTML part goes through the web importer (else the text part through the plain-text
reader); the sender becomes the site, the Date header the date, the Subject the title.
Newsletter chrome is removed before and after extraction: "view in browser", unsubscribe
and preference links, "you are receiving this because", forwarding prompts, and the
postal address in the footer. A newsletter of several stories (top-level headings that
link to the story or end in a "Read more" link) can be split into one Article per story.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from email.message import EmailMessage, Message
from typing import Any

import lxml.html
from lxml import etree

from briefing.core.errors import ArticleImportError
from briefing.core.importing import meta
from briefing.core.importing.encoding import decode_bytes
from briefing.core.importing.plaintext import article_from_text
from briefing.core.importing.web import article_from_html
from briefing.core.importing.web_blocks import classify, safe_link
from briefing.core.importing.web_fallback import stream_blocks
from briefing.core.model.article import Article, Block

MAX_PART_BYTES = 20 * 1024 * 1024
MAX_HTML_CHARS = 5_000_000  # a newsletter is rarely over 300 kB; its images are other parts
_DATA_URI = re.compile(r"data:[^\"'\s>)]{256,}", re.IGNORECASE)
_HEADERS = re.compile(
    rb"^(from|date|subject|to|mime-version|content-type|received)\s*:", re.I | re.M
)
_CHROME = re.compile(
    r"unsubscribe|opt[- ]out\b|manage (your )?(subscription|preferences|email)|update (your )?"
    r"(email )?preferences|email preferences|subscription preferences"
    r"|view (this |it |the )?(e-?mail |newsletter |message )?(in|on) (your |a )?(web )?browser"
    r"|view (it |this )?(online|as a web ?page)|trouble (viewing|reading) this|can'?t see (this|"
    r"the images)|not displaying correctly|(you('re| are)|you were) (receiving|getting) this"
    r"|you (received|are receiving) this|this (e-?mail|message|newsletter) was sent to"
    r"|you (signed up|subscribed|opted in)|why (did|am) i (get|getting|receive|receiving) this"
    r"|forwarded (this|to you)|forward (this|it) to a friend|was this forwarded|add us to your"
    r" address book|our mailing address|mailing address:|powered by \w+|sent (with|via) \w+"
    r"|privacy policy|terms of (use|service)|^©|^copyright\b|\bsign up (here|now|today)\b"
    r"|follow us on|share this (email|newsletter)",
    re.IGNORECASE,
)
_CHROME_KEYS = (
    "subscri", "opt", "prefer", "browser", "online", "web", "trouble", "see", "display",
    "receiv", "getting", "sent", "signed", "why", "forward", "address", "powered", "via",
    "with", "privacy", "terms", "©", "copyright", "sign up", "follow", "share",
)  # fmt: skip
_ADDRESS = re.compile(
    r"\b\d{1,5}\s+\w+(\s\w+)*\s(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|"
    r"drive|square|place|way|suite|floor)\b|\b[A-Z]{2}\s\d{5}(-\d{4})?\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\bP\.?O\.? Box\b|\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]+\b.*,",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^\W*(read (more|the (full )?(story|article|piece))|continue reading|full story|"
    r"more here)\b",
    re.I,
)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\(([^)\s]+)\)")  # no "[" inside: linear on "[[[..."
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|tr)\s*:\s*)+", re.IGNORECASE)
_FOOTER_BLOCKS = 10
_BLOCK_TAGS = ("p", "td", "div", "li", "tr", "table", "span", "a", "center", "font")


def is_mail_chrome(text: str) -> bool:
    """A line newsletters wrap around their stories (unsubscribe, view in browser...)."""
    if len(text) > 2000:
        return False
    line = " ".join(text.split())
    lower = line.lower()
    if not line or len(line) > 400 or not any(k in lower for k in _CHROME_KEYS):
        return False  # the substring test first: the pattern is slow on every block
    return bool(_CHROME.search(line))


def _message(data: bytes, name: str) -> EmailMessage:
    if not _HEADERS.search(data[:16384]):
        raise ArticleImportError("is not an e-mail message (no mail headers found)", name)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as err:  # noqa: BLE001 - malformed MIME of any kind: one line
        raise ArticleImportError(f"is a damaged e-mail ({type(err).__name__})", name) from None
    if not isinstance(message, EmailMessage):
        raise ArticleImportError("is not an e-mail message", name)
    return message


def _part_text(part: Message, name: str) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    if len(payload) > MAX_PART_BYTES:
        raise ArticleImportError("has a message part too big to import", name)
    return decode_bytes(payload, declared=part.get_content_charset(), name=name)


def _header(message: EmailMessage, key: str) -> str:
    try:
        return " ".join(str(message.get(key) or "").split())
    except Exception:  # noqa: BLE001 - a header that does not parse is left out
        return ""


def _date(message: EmailMessage) -> str | None:
    raw = _header(message, "Date")
    try:
        stamp = email.utils.parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError):
        return meta.find_date(raw) if raw else None
    return stamp.date().isoformat() if stamp else None


def _strip_html_chrome(html: str) -> str:
    """The newsletter without its wrapping: the largest block around each chrome line that
    holds nothing else (at most 300 characters of text)."""
    try:
        tree = lxml.html.document_fromstring(
            html, parser=lxml.html.HTMLParser(no_network=True, remove_comments=True)
        )
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return html
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        own = " ".join(t for t in (el.text, el.tail) if t)
        if own.strip() and is_mail_chrome(own):
            doomed.append(el if el.text and is_mail_chrome(el.text) else el.getparent())
    for el in doomed:
        if el is None or el.getparent() is None:
            continue
        parent = el.getparent()
        while parent is not None and parent.tag in _BLOCK_TAGS:
            if _longer_than(parent, 300):
                break
            el, parent = parent, parent.getparent()
        if parent is not None and el.getparent() is not None:
            el.drop_tree()
    return str(etree.tostring(tree, encoding="unicode", method="html"))


def _longer_than(el: Any, limit: int) -> bool:
    """Whether ``el`` holds more than ``limit`` characters of text (stops counting there)."""
    total = 0
    for text in el.itertext():
        total += len(text.strip())
        if total > limit:
            return True
    return False


def _body_article(message: EmailMessage, name: str) -> Article:
    part: Any = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise ArticleImportError("has no text or HTML part to import", name)
    text = _part_text(part, name)
    if not text.strip():
        raise ArticleImportError("has an empty message body", name)
    if part.get_content_type() == "text/html":
        text = _DATA_URI.sub("data:,", text)  # inline images
        if len(text) > MAX_HTML_CHARS:
            raise ArticleImportError(
                f"is too big to import ({len(text) / 1e6:.0f} MB of HTML in the message; the "
                f"limit is {MAX_HTML_CHARS // 1_000_000} MB)",
                name,
            )
        html = _strip_html_chrome(text)
        # A newsletter is a column of stories, not one article in page furniture: once its
        # wrapping is gone, the structure pass keeps every story where the article
        # extractor would keep only the longest.
        title, found = stream_blocks(html)
        blocks = classify(found)
        if any(b.kind != "heading" for b in blocks):
            return Article(title=title, blocks=blocks, origin=name)
        return article_from_html(html, name=name)
    text = text.split("\n-- \n", 1)[0]  # the signature
    return article_from_text(text, name=name)


def _clean(blocks: list[Block]) -> list[Block]:
    out = [b for b in blocks if not is_mail_chrome(b.text)]
    footer_from = max(0, len(out) - _FOOTER_BLOCKS)
    return [
        b
        for i, b in enumerate(out)
        if not (i >= footer_from and len(b.text) <= 160 and _ADDRESS.search(b.text))
    ]


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks if b.kind != "heading")


def _stories(blocks: list[Block]) -> list[tuple[Block, list[Block], str | None]] | None:
    """(headline, body, link) for each story, when the blocks are a newsletter of stories."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if len(heads) < 2:
        return None
    top = min(blocks[i].level or 2 for i in heads)
    cuts = [i for i in heads if (blocks[i].level or 2) == top] + [len(blocks)]
    if len(cuts) < 3:
        return None
    stories = []
    linked = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        head, body = blocks[start], blocks[start + 1 : end]
        link = _MD_LINK.search(head.text)
        more = [b for b in body if _READ_MORE.match(_MD_LINK.sub(r"\1", b.text))]
        if link or more:
            linked += 1
        target = link.group(2) if link else None
        if not target and more and (m := _MD_LINK.search(more[0].text)):
            target = m.group(2)
        body = [b for b in body if b not in more]
        if _words(body) >= 20:
            stories.append((head, body, safe_link(target) if target else None))
    if linked < max(2, (len(cuts) - 1 + 1) // 2) or len(stories) < 2:
        return None
    return stories


def articles_from_email(data: bytes, *, name: str, split: bool = True) -> list[Article]:
    """The article(s) in a saved e-mail; with ``split`` a newsletter of several stories
    gives one Article per story (the stories' own headlines as titles)."""
    message = _message(data, name)
    article = _body_article(message, name)
    blocks = _clean(article.blocks)
    if not any(b.kind != "heading" for b in blocks):
        raise ArticleImportError("has no article text (only newsletter links and notices)", name)
    subject = _SUBJECT_PREFIX.sub("", _header(message, "Subject"))
    sender_name, sender = email.utils.parseaddr(_header(message, "From"))
    site = sender_name.strip(" \"'") or (sender.rpartition("@")[2] if "@" in sender else None)
    date = _date(message) or article.published
    stories = _stories(blocks) if split else None
    if stories:
        return [
            Article(
                title=_MD_LINK.sub(r"\1", head.text).strip("*_ "),
                blocks=body,
                authors=list(article.authors),
                published=date,
                site=site,
                url=link,
                language=article.language,
                origin=name,
            )
            for head, body, link in stories
        ]
    return [
        Article(
            title=subject or article.title,
            blocks=blocks,
            authors=list(article.authors),
            published=date,
            site=site or article.site,
            url=article.url,
            language=article.language,
            origin=name,
        )
    ]
