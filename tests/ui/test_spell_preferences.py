"""Preferences dialog: team folder, spell checking on/off, personal dictionary management."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.core.spelling import SpellChecker
from briefing.core.storage.preferences import Preferences, load_preferences, save_preferences
from briefing.ui.preferences import PreferencesDialog


def test_choose_team_folder_and_turn_spelling_off(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    save_preferences(Preferences(other={"window": "kept"}))
    team = tmp_path / "team"
    team.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(team))
    dialog = PreferencesDialog(None, SpellChecker())
    qtbot.addWidget(dialog)
    assert load_preferences().spell_check
    dialog.choose_team_folder()
    dialog.spell_box.setChecked(False)
    with qtbot.waitSignal(dialog.changed):
        dialog.accept()
    prefs = load_preferences()
    assert prefs.team_library == team
    assert prefs.other == {"window": "kept"}  # other keys survive
    assert not prefs.spell_check


def test_missing_team_folder_is_refused_with_a_message(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: messages.append(text))
    dialog = PreferencesDialog(None, SpellChecker())
    qtbot.addWidget(dialog)
    dialog.team_edit.setText(str(tmp_path / "nowhere"))
    dialog.accept()
    assert messages and "does not exist" in messages[0]
    assert load_preferences().team_library is None


@pytest.mark.parametrize("cancel", [False, True])
def test_personal_dictionary_is_managed_and_persists(qtbot, cancel: bool) -> None:  # type: ignore[no-untyped-def]
    checker = SpellChecker()
    checker.add_to_dictionary("Oldword")
    dialog = PreferencesDialog(None, checker)
    qtbot.addWidget(dialog)
    assert dialog.words() == ["Oldword"]
    dialog.new_word.setText("Takaichi")
    dialog.add_word()
    dialog.word_list.item(dialog.words().index("Oldword")).setSelected(True)
    dialog.remove_selected()
    assert dialog.words() == ["Takaichi"]
    if cancel:
        dialog.reject()
        assert SpellChecker().personal_words() == ["Oldword"]
    else:
        dialog.accept()
        assert SpellChecker().personal_words() == ["Takaichi"]
        assert checker.misspelled("Takaichi") == []
