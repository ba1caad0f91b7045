"""A cautious guess of an article's language from its text (for text and Markdown imports,
which carry no ``lang`` attribute): the script, then the commonest short words."""

from __future__ import annotations

import re
from collections import Counter

# The most frequent function words of each language (none shared between two lists).
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to is that with for was this are have from which would their",
        "de": "der die und das ist nicht mit sich auch auf dem den eine wird sind",
        "fr": "les des est une dans pour qui sur pas plus avec sont leur aux et le du au ce ne",
        "es": "los las del por una para con más pero sus como está fue esta según",
        "it": "il della che per una sono gli alla nel anche più questo delle dei stato",
        "pt": "os das não uma para com mais pelo pela foi são também ao seus dos",
        "nl": "het een van niet zijn dat voor met ook aan worden wordt maar bij deze",
        "pl": "się nie jest na że do to jak przez od dla już oraz był które",
        "sv": "och att det som är för med inte på av till har var ett om",
    }.items()
}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code when the text clearly is one language, else ``None``."""
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 100:
        return None
    greek = sum("\u0370" <= c < "\u0400" for c in letters)
    cyrillic = sum("\u0400" <= c < "\u0530" for c in letters)
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in letters)
    kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
    han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    if hangul * 3 > len(letters):
        return "ko"
    if kana * 5 > len(letters) and (kana + han) * 2 > len(letters):
        return "ja"
    if han * 2 > len(letters):
        return "zh"
    if greek * 2 > len(letters):
        return "el"
    if cyrillic * 2 > len(letters):
        return "uk" if any(c in "іїєґІЇЄҐ" for c in letters) else "ru"
    counts = Counter(w for w in _WORD.findall(sample.lower()) if len(w) <= 7)
    scores = sorted(
        ((sum(counts[w] for w in words), lang) for lang, words in _STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= 10 and best >= 3 * second else None
