"""Spell checking for section Markdown, offline, with a personal dictionary.

Wraps ``pyspellchecker`` (its English word list ships inside the Python package, so nothing is
fetched). That list holds one English, British and American spellings mixed, so which variant
the analyst writes is decided by two bundled lists derived from SCOWL (``resources/spelling``,
see its README): the words only British English spells so (``colour``, ``defence``,
``organise``) and those only American English does (``color``, ``defense``, ``organize``). In
British English the American-only words are reported, and the reverse; a word both accept
(``programme``, ``licence`` are in both lists) is never reported. British inflections the
general list lacks are still recognised by rule in British English.

Markdown syntax is not prose: URLs, e-mail addresses, citations ``[@s1]``, inline and fenced code,
link targets, HTML tags, container keywords (``::: qa``), numbers, ALLCAPS acronyms and
camelCase names are never reported.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.core import paths
from briefing.core.model import markup

Span = tuple[int, int, str]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SKIP = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|(?:https?|ftp|file)://\S+|www\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    rf"|{markup.CITATION_PATTERN}"  # citations [@s1]
    r"|\]\([^)\n]*\)"  # link targets ](...)
    r"|<[^>\n]*>"  # HTML tags and autolinks
    rf"|{markup.FENCE_MARK_PATTERN}"  # container fences: ::: and the keyword after it
    r"|&\w+;",  # entities
    re.MULTILINE,
)
# Words of the trade that the general word list lacks.
_TRADE = {"callout", "callouts", "geopolitical", "cyber", "cyberattack", "cyberattacks", "indo"}
_FENCE = re.compile(r"^[ \t]*(```|~~~)")

# British spelling -> American spelling, tried in turn when a word is unknown.
_BRITISH = [
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers|able)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"our"), "or"),
    (re.compile(r"tre(s|d)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"amme(s)?$"), r"am\1"),
    (re.compile(r"gement"), "gment"),
]


def dictionary_path() -> Path:
    """The personal dictionary file: one word per line."""
    return paths.data_dir() / "dictionary.txt"


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            if start is None:
                start = pos
            else:
                ranges.append((start, pos + len(line)))
                start = None
        pos += len(line)
    if start is not None:
        ranges.append((start, len(text)))
    return ranges


def _is_skippable(word: str) -> bool:
    if len(word) < 2 or any(ch.isdigit() for ch in word):
        return True
    if word.isupper():  # acronyms: NATO, TLP
        return True
    # camelCase / McName / iPhone: names and identifiers, not prose
    return any(ch.isupper() for ch in word[1:])


VARIANTS = ("en-GB", "en-US")


def _variant_words(variant: str) -> frozenset[str]:
    """The lower-case words only ``variant`` spells so (bundled, read once)."""
    cached = _VARIANT_WORDS.get(variant)
    if cached is None:
        path = paths.resources_dir() / "spelling" / f"{variant}-only.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = ""
        cached = frozenset(w.strip() for w in text.splitlines() if w.strip())
        _VARIANT_WORDS[variant] = cached
    return cached


_VARIANT_WORDS: dict[str, frozenset[str]] = {}


class SpellChecker:
    """English spell checker with a personal dictionary; the word list loads on first use.

    ``variant`` is ``"en-GB"`` (British English, the default) or ``"en-US"``.
    """

    def __init__(self, dictionary_file: Path | None = None, variant: str = "en-GB") -> None:
        self.variant = variant if variant in VARIANTS else "en-GB"
        self._path = dictionary_file
        self._engine: Any = None
        self._personal: set[str] | None = None
        self._ignored: set[str] = set()
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, list[str]] = {}
        self._listeners: list[Callable[[], Callable[[], None] | None]] = []

    # -- the personal dictionary -------------------------------------------------------------
    @property
    def path(self) -> Path:
        """Where the personal dictionary is kept."""
        return self._path or dictionary_path()

    def _load_personal(self) -> set[str]:
        if self._personal is None:
            words: set[str] = set()
            try:
                text = self.path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            for line in text.splitlines():
                word = line.strip()
                if word and not word.startswith("#"):
                    words.add(word)
            self._personal = words
        return self._personal

    def personal_words(self) -> list[str]:
        """The words in the personal dictionary, sorted."""
        return sorted(self._load_personal(), key=str.casefold)

    def add_to_dictionary(self, word: str) -> None:
        """Add ``word`` to the personal dictionary and save it (atomically)."""
        word = word.strip()
        if not word:
            return
        self._load_personal().add(word)
        self._save_personal()

    def remove_from_dictionary(self, word: str) -> None:
        """Remove ``word`` from the personal dictionary and save it."""
        personal = self._load_personal()
        if word in personal:
            personal.discard(word)
            self._save_personal()

    def ignore(self, word: str) -> None:
        """Accept ``word`` for the rest of this session without saving it."""
        self._ignored.add(word.casefold())
        self._changed()

    def _save_personal(self) -> None:
        target = self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(w + "\n" for w in self.personal_words())
        fd, tmp = tempfile.mkstemp(prefix=".dictionary-", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._changed()

    # -- change notification (editors re-underline when the dictionary changes) -----------------
    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after the dictionary or the ignore list changes (held weakly)."""
        if hasattr(callback, "__self__"):
            ref: Callable[[], Callable[[], None] | None] = weakref.WeakMethod(callback)
        else:
            ref = lambda: callback  # noqa: E731
        if any(existing() == callback for existing in self._listeners):
            return  # already listening
        self._listeners.append(ref)

    def _changed(self) -> None:
        self._known.clear()
        alive = []
        for ref in self._listeners:
            callback = ref()
            if callback is not None:
                alive.append(ref)
                callback()
        self._listeners = alive

    # -- checking --------------------------------------------------------------------------
    def _words(self) -> Any:
        if self._engine is None:
            self._engine = _load_engine()
        return self._engine

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is spelled correctly (cached)."""
        cached = self._known.get(word)
        if cached is None:
            cached = self._lookup(word)
            self._known[word] = cached
        return cached

    def _lookup(self, word: str) -> bool:
        if _is_skippable(word):
            return True
        plain = word.replace("’", "'")
        folded = plain.casefold()
        if folded in self._ignored or folded in _TRADE:
            return True
        personal = self._load_personal()
        if plain in personal or folded in {w.casefold() for w in personal}:
            return True
        forms = _forms(folded)
        if any(f in self._other_words() for f in forms):
            return False  # "color" in British English, "colour" in American English
        if any(f in _variant_words(self.variant) for f in forms):
            return True
        engine = self._words()
        for candidate in forms:
            if candidate in engine:
                return True
            if self.variant != "en-GB":
                continue
            for pattern, repl in _BRITISH:
                american = pattern.sub(repl, candidate)
                if american != candidate and american in engine:
                    return True
        return False

    def _other_words(self) -> frozenset[str]:
        other = "en-US" if self.variant == "en-GB" else "en-GB"
        return _variant_words(other)

    def set_variant(self, variant: str) -> None:
        """Check British (``"en-GB"``) or American (``"en-US"``) spelling from now on."""
        variant = variant if variant in VARIANTS else "en-GB"
        if variant != self.variant:
            self.variant = variant
            self._suggested.clear()
            self._changed()

    def misspelled(self, text: str) -> list[Span]:
        """The misspelled words in ``text`` as ``(start, end, word)``, Markdown syntax skipped."""
        skipped = [(m.start(), m.end()) for m in _SKIP.finditer(text)]
        skipped.extend(_fenced_ranges(text) if "```" in text or "~~~" in text else [])
        found: list[Span] = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skipped):
                continue
            word = match.group()
            if not self.is_correct(word):
                found.append((start, end, word))
        return found

    def suggestions(self, word: str, limit: int = 7) -> list[str]:
        """Likely corrections for ``word``, most frequent first, in the word's capitalisation."""
        folded = word.casefold()
        ranked = self._suggested.get(folded)
        if ranked is None:
            engine = self._words()
            candidates = set(engine.known(_edits(folded)))
            if not candidates and len(folded) <= MAX_TWO_EDIT_LENGTH:
                # Two edits away; only for short words, where it stays quick (the count of
                # two-edit strings grows with the square of the length).
                candidates = set(engine.known({e2 for e1 in _edits(folded) for e2 in _edits(e1)}))
            candidates.discard(folded)
            candidates -= self._other_words()
            own = _variant_words(self.variant)
            candidates |= {e for e in _edits(folded) if e in own}
            ranked = sorted(
                candidates,
                key=lambda w: (w not in own, -engine.word_usage_frequency(w), w),
            )
            self._suggested[folded] = ranked
        found = ranked[:limit]
        if word[:1].isupper():
            return [s[:1].upper() + s[1:] for s in found]
        return list(found)


MAX_TWO_EDIT_LENGTH = 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()


def _load_engine() -> Any:
    """The English word list, loaded once per process (it is only ever read)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from spellchecker import SpellChecker as Engine

            _ENGINE = Engine(language="en", distance=2)
        return _ENGINE


def _forms(folded: str) -> list[str]:
    """The word and, for possessives ("analyst's", "analysts'"), its base."""
    if folded.endswith("'s") and len(folded) > 3:
        return [folded, folded[:-2]]
    if folded.endswith("s'") and len(folded) > 3:
        return [folded, folded[:-1]]
    return [folded]
