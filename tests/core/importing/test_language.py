"""Language guess for text imports: confident or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file
from briefing.core.importing.language import guess_language

EN = "The council is likely to approve the plan, and officials expect that it will pass. " * 5
DE = "Der Rat wird den Plan wohl billigen, und die Beamten sagen, dass es nicht schwer ist. " * 5
FR = "Le conseil devrait approuver le plan, et les responsables pensent qu'il sera adopté. " * 5


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (EN, "en"),
        (DE, "de"),
        (FR, "fr"),
        ("Северный флот провёл учения в Баренцевом море, сообщили в штабе. " * 5, "ru"),
        ("Το λιμάνι του Πειραιά αναμένεται να αυξήσει την κίνηση φέτος. " * 5, "el"),
        ("Short text.", None),
        (EN[:200] + DE[:200], None),  # mixed: no confident guess
    ],
)
def test_guess(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


def test_imported_text_gets_a_language(sample_path: Path) -> None:
    assert import_file(sample_path).language == "en"
