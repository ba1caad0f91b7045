"""Preferences: your name and organisation for new briefings, the team library folder, spell
checking in British or American English, the personal dictionary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import BriefingError
from briefing.core.spelling import SpellChecker
from briefing.core.storage.preferences import load_preferences, save_preferences
from briefing.ui.plain import plain


class PreferencesDialog(QDialog):
    """Edits the preferences file and the personal dictionary; saves on OK.

    ``changed`` is emitted after a successful save with the saved :class:`Preferences`.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, spell: SpellChecker | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(560)
        self._spell = spell or SpellChecker()
        self._prefs = load_preferences()

        # You: what new briefings say about their author
        you = QGroupBox("New briefings")
        self.analyst_edit = QLineEdit(self._prefs.analyst)
        self.analyst_edit.setAccessibleName("Default analyst")
        self.analyst_edit.setPlaceholderText("Your name, as new briefings show it")
        self.organisation_edit = QLineEdit(self._prefs.organisation)
        self.organisation_edit.setAccessibleName("Default organisation")
        self.organisation_edit.setPlaceholderText("Your team or organisation")
        you_form = QFormLayout(you)
        you_form.addRow("A&nalyst:", self.analyst_edit)
        you_form.addRow("&Organisation:", self.organisation_edit)

        # Team library
        team = QGroupBox("Team library")
        team_folder = self._prefs.team_library
        self.team_edit = QLineEdit(str(team_folder) if team_folder is not None else "")
        self.team_edit.setPlaceholderText("No shared folder")
        self.team_edit.setAccessibleName("Team library folder")
        self.team_edit.setReadOnly(True)
        choose = QPushButton("&Choose…")
        choose.clicked.connect(self.choose_team_folder)
        clear = QPushButton("C&lear")
        clear.clicked.connect(lambda: self.team_edit.setText(""))
        row = QHBoxLayout()
        row.addWidget(self.team_edit, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        hint = QLabel(
            "A shared folder (for example on a network drive) whose templates and brands "
            "appear read-only beside your own. Changes there show up at once."
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(hint.foregroundRole().PlaceholderText)
        team_layout = QVBoxLayout(team)
        team_layout.addLayout(row)
        team_layout.addWidget(hint)

        # Spelling
        spelling = QGroupBox("Spelling")
        self.spell_box = QCheckBox("Check &spelling as you type")
        self.spell_box.setChecked(self._prefs.spell_check)
        self.dictionary_box = QComboBox()
        self.dictionary_box.setAccessibleName("Spelling dictionary")
        for code, label in (("en-GB", "British English"), ("en-US", "American English")):
            self.dictionary_box.addItem(label, code)
        self.dictionary_box.setCurrentIndex(
            max(0, self.dictionary_box.findData(self._prefs.dictionary))
        )
        dictionary_row = QHBoxLayout()
        dictionary_label = QLabel("&Dictionary:")
        dictionary_label.setBuddy(self.dictionary_box)
        dictionary_row.addWidget(dictionary_label)
        dictionary_row.addWidget(self.dictionary_box)
        dictionary_row.addStretch(1)
        self.word_list = QListWidget()
        self.word_list.setAccessibleName("Personal dictionary")
        self.word_list.addItems(self._spell.personal_words())
        self.word_list.setSortingEnabled(True)
        self.new_word = QLineEdit()
        self.new_word.setPlaceholderText("Add a word…")
        self.new_word.setAccessibleName("New dictionary word")
        add = QPushButton("&Add")
        add.clicked.connect(self.add_word)
        self.new_word.returnPressed.connect(self.add_word)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_word, 1)
        add_row.addWidget(add)
        add_row.addWidget(self.remove_button)
        spell_layout = QVBoxLayout(spelling)
        spell_layout.addWidget(self.spell_box)
        spell_layout.addLayout(dictionary_row)
        spell_layout.addWidget(QLabel("Personal dictionary:"))
        spell_layout.addWidget(self.word_list)
        spell_layout.addLayout(add_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(you)
        layout.addWidget(team)
        layout.addWidget(spelling, 1)
        layout.addWidget(buttons)

    # -- team folder ---------------------------------------------------------------------------
    def choose_team_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose the team library folder", self.team_edit.text() or str(Path.home())
        )
        if folder:
            self.team_edit.setText(folder)

    # -- dictionary ----------------------------------------------------------------------------
    def words(self) -> list[str]:
        return [self.word_list.item(i).text() for i in range(self.word_list.count())]

    def add_word(self) -> None:
        word = self.new_word.text().strip()
        if not word:
            return
        if any(ch.isspace() for ch in word):
            QMessageBox.warning(self, "Preferences", "A dictionary entry is a single word.")
            return
        if word not in self.words():
            self.word_list.addItem(word)
        self.new_word.clear()

    def remove_selected(self) -> None:
        for item in self.word_list.selectedItems():
            self.word_list.takeItem(self.word_list.row(item))

    # -- saving --------------------------------------------------------------------------------
    def accept(self) -> None:
        team = self.team_edit.text().strip()
        if team and not Path(team).expanduser().is_dir():
            QMessageBox.warning(
                self, "Preferences", plain(f"{team}: the team library folder does not exist.")
            )
            return
        prefs = replace(
            load_preferences(),
            team_library=Path(team) if team else None,
            spell_check=self.spell_box.isChecked(),
            analyst=" ".join(self.analyst_edit.text().split()),
            organisation=" ".join(self.organisation_edit.text().split()),
            dictionary=str(self.dictionary_box.currentData()),
        )
        try:
            save_preferences(prefs)
            wanted = set(self.words())
            current = set(self._spell.personal_words())
            for word in sorted(current - wanted):
                self._spell.remove_from_dictionary(word)
            for word in sorted(wanted - current):
                self._spell.add_to_dictionary(word)
        except BriefingError as err:
            QMessageBox.warning(self, "Preferences", plain(str(err)))
            return
        except OSError as err:
            QMessageBox.warning(self, "Preferences", plain(f"Cannot save the dictionary: {err}"))
            return
        self._prefs = prefs
        self._spell.set_variant(prefs.dictionary)
        self.changed.emit(prefs)
        super().accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # Enter in the "add a word" field adds the word; it must not close the dialog.
        if self.new_word.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_word()
            return
        super().keyPressEvent(event)
