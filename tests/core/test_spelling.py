"""The spell checker: finds misspellings in prose, skips Markdown syntax, keeps a dictionary."""

from __future__ import annotations

from pathlib import Path

from briefing.core import paths
from briefing.core.spelling import SpellChecker, dictionary_path


def words(checker: SpellChecker, text: str) -> list[str]:
    return [w for _, _, w in checker.misspelled(text)]


def test_misspelled_words_are_found_with_their_positions() -> None:
    checker = SpellChecker()
    text = "The ministry recieved a definately late reply."
    found = checker.misspelled(text)
    assert [w for _, _, w in found] == ["recieved", "definately"]
    for start, end, word in found:
        assert text[start:end] == word


BRITISH = "The organisation analysed the colour of the centre. Defence officials travelled."
AMERICAN = "The organization analyzed the color of the center. Defense officials traveled."


def test_british_english_accepts_british_spellings_and_reports_american_ones() -> None:
    checker = SpellChecker()  # British English unless Preferences say otherwise
    assert checker.variant == "en-GB"
    assert words(checker, BRITISH + " The programme's launch.") == []
    assert words(checker, AMERICAN) == [
        "organization", "analyzed", "color", "center", "Defense", "traveled"
    ]  # fmt: skip
    assert checker.suggestions("color")[0] == "colour"


def test_american_english_accepts_american_spellings_and_reports_british_ones() -> None:
    checker = SpellChecker(variant="en-US")
    assert words(checker, AMERICAN) == []
    assert set(words(checker, BRITISH)) == {
        "organisation",
        "analysed",
        "colour",
        "centre",
        "Defence",
    }
    assert checker.suggestions("colour")[0] == "color"
    checker.set_variant("en-GB")
    assert words(checker, BRITISH) == []


def test_markdown_syntax_is_not_checked() -> None:
    checker = SpellChecker()
    text = (
        "See [the reprot](https://exmaple.org/xyzzq) and <https://qwzx.example> [@s1] "
        "`fooo_barr()` mail qwzx@exmaple.org NATO QWZX COVID19 iPhoone 2026 it's analysts'\n"
        "```\nnotaword zzqx\n```\n"
        "::: qa\n"
    )
    assert words(checker, text) == ["reprot"]


def test_suggestions_keep_capitalisation() -> None:
    checker = SpellChecker()
    assert "receive" in checker.suggestions("recieve")
    assert checker.suggestions("Recieve")[0][0].isupper()


def test_personal_dictionary_persists_across_checkers(briefing_home: Path) -> None:
    checker = SpellChecker()
    assert words(checker, "Takaichi spoke.") == ["Takaichi"]
    checker.add_to_dictionary("Takaichi")
    assert words(checker, "Takaichi spoke.") == []
    assert dictionary_path() == paths.data_dir() / "dictionary.txt"
    assert "Takaichi" in dictionary_path().read_text(encoding="utf-8").splitlines()

    fresh = SpellChecker()
    assert words(fresh, "Takaichi spoke.") == []
    assert fresh.personal_words() == ["Takaichi"]
    fresh.remove_from_dictionary("Takaichi")
    assert words(SpellChecker(), "Takaichi spoke.") == ["Takaichi"]


def test_ignore_lasts_only_for_the_session() -> None:
    checker = SpellChecker()
    checker.ignore("Zqwerty")
    assert words(checker, "Zqwerty said so.") == []
    assert words(SpellChecker(), "Zqwerty said so.") == ["Zqwerty"]
    assert not dictionary_path().exists()


def test_listeners_hear_dictionary_changes() -> None:
    checker = SpellChecker()
    heard: list[int] = []

    class Listener:
        def changed(self) -> None:
            heard.append(1)

    listener = Listener()
    checker.on_change(listener.changed)
    checker.add_to_dictionary("Blorptastic")
    assert heard == [1]
    del listener
    checker.add_to_dictionary("Zorptastic")  # a dead listener is dropped, not called
    assert heard == [1]


def test_unreadable_dictionary_is_treated_as_empty(tmp_path: Path) -> None:
    bad = tmp_path / "dictionary.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage\nQwzxy\n")
    checker = SpellChecker(bad)
    assert words(checker, "Qwzxy") == []


def test_words_of_the_trade_are_known() -> None:
    assert words(SpellChecker(), "The Indo-Pacific strategy.") == []


def test_real_browser_paste_flags_only_names_and_damage(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8", errors="replace")
    flagged = {w for _, _, w in SpellChecker(variant="en-US").misspelled(text)}  # a US paste
    # prose words are all known; what is left are names, brands and mojibake
    assert len(flagged) < 15
    assert all(w[:1].isupper() or not w.isascii() for w in flagged)


def test_a_listener_registered_twice_is_called_once() -> None:
    checker = SpellChecker()
    heard: list[int] = []

    class Listener:
        def changed(self) -> None:
            heard.append(1)

    listener = Listener()
    checker.on_change(listener.changed)
    checker.on_change(listener.changed)
    checker.ignore("Qwzx")
    assert heard == [1]
