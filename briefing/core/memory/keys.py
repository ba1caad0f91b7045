"""Stable keys: a source's content key and the text normalisation the index relies on."""

from __future__ import annotations

import hashlib
import re

from briefing.core.model.article import Article

# Snippet markers the index puts around a matched passage: private-use characters, removed
# from every indexed text first so that text from a file can never forge a highlight.
MARK_ON = "\ue000"
MARK_OFF = "\ue001"
_UNSAFE = re.compile("[\ue000\ue001\x00]")


def clean_text(text: str) -> str:
    """``text`` as the index stores it: the snippet markers and NULs taken out."""
    return _UNSAFE.sub(" ", text)


def source_key(article: Article) -> str:
    """The same article imported twice (or kept across editions) has the same key: a hash of
    its title and body text, whitespace and case folded."""
    words = " ".join(f"{article.title}\n{article.text}".split()).casefold()
    return "src-" + hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()[:20]
