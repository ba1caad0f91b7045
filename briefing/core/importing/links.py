"""Link targets in imported Markdown text that a reader must not follow are taken out.

Every importer keeps inline links as Markdown in its blocks' text. A web page's links are
checked as the page is read (:func:`~briefing.core.importing.web_blocks.safe_link`); a Markdown
or text file's links are written by hand in the file, so they are checked here, in the common
pass, by the same rule: only http, https and mailto, never the reader's own machine or private
network. An unsafe link keeps its words, an unsafe image and an unsafe autolink go.
"""

from __future__ import annotations

import re

from briefing.core.importing.web_blocks import safe_link

# [text](target "title") and ![alt](target): one level of nested brackets in the text, one
# level of parentheses in the target, like CommonMark.
_INLINE = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*+(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?:\s++(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*+\)"
)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+).*$", re.MULTILINE)


def _inline(m: re.Match[str]) -> str:
    bang, text, target = m.group(1), m.group(2), m.group(3).strip("<>")
    if safe_link(target) is not None:
        return m.group(0)
    return "" if bang else text


def _autolink(m: re.Match[str]) -> str:
    return m.group(0) if safe_link(m.group(1)) is not None else ""


def _definition(m: re.Match[str]) -> str:
    return m.group(0) if safe_link(m.group(1).strip("<>")) is not None else ""


def neutralise_links(text: str) -> str:
    """``text`` with every link, image, autolink and link definition whose target is not
    safe to follow (``javascript:``, ``file:``, ``data:``, loopback, private hosts, relative
    paths) replaced by the link's words (images and autolinks by nothing)."""
    if "[" not in text and "<" not in text:
        return text
    text = _INLINE.sub(_inline, text)
    text = _AUTOLINK.sub(_autolink, text)
    return _DEFINITION.sub(_definition, text)
