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
        "pl": "się nie jest na że jak przez od dla już oraz był które także w z może będzie",
        "sv": "och att det som är för med inte på av till har var ett om",
    }.items()
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_GREEK = re.compile("[\u0370-\u03ff]")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code when the text clearly is one language, else ``None``."""
    sample = text[:6_000]  # a thousand words tell the language as well as ten thousand
    letters = len(_LETTER.findall(sample))
    if letters < 100:
        return None

    def share(pattern: re.Pattern[str]) -> float:
        return len(pattern.findall(sample)) / letters

    if share(_HANGUL) > 1 / 3:
        return "ko"
    kana, han = share(_KANA), share(_HAN)
    if kana > 0.2 and kana + han > 0.5:
        return "ja"
    if han > 0.5:
        return "zh"
    if share(_GREEK) > 0.5:
        return "el"
    if share(_CYRILLIC) > 0.5:
        return "uk" if _UKRAINIAN.search(sample) else "ru"
    counts = Counter(w for w in _WORD.findall(sample.lower()) if len(w) <= 7)
    scores = sorted(
        ((sum(counts[w] for w in words), lang) for lang, words in _STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    # A short article has few function words: five clear ones of one language suffice.
    return lang if best >= 5 and best >= 3 * second else None
