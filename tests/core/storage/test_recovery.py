"""Autosave recovery copies: saved atomically, listed at start, restored, discarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import DocumentError
from briefing.core.model.document import Briefing, Section
from briefing.core.paths import recovery_dir
from briefing.core.storage.recovery import (
    discard_recovery,
    list_recoveries,
    load_recovery,
    save_recovery,
)


def _briefing(title: str) -> Briefing:
    return Briefing(
        title=title, sections=[Section(id="background", title="Background", markdown=title)]
    )


def test_nothing_to_recover_at_first() -> None:
    assert list_recoveries() == []


def test_save_list_load_discard(tmp_path: Path) -> None:
    src = str(tmp_path / "a.briefing")
    first = save_recovery(_briefing("One"), key="doc-1", source_path=src)
    assert first.parent == recovery_dir()
    save_recovery(_briefing("Two"), key="doc-2", source_path=None)
    save_recovery(_briefing("One, edited"), key="doc-1", source_path=src)  # replaces
    copies = list_recoveries()
    assert [c.key for c in copies] == ["doc-1", "doc-2"]  # newest first
    assert copies[0].title == "One, edited"
    assert copies[0].source_path == src
    assert copies[1].source_path is None
    assert load_recovery(copies[0]) == _briefing("One, edited")
    discard_recovery("doc-1")
    discard_recovery("doc-1")  # already gone: fine
    assert [c.key for c in list_recoveries()] == ["doc-2"]


def test_damaged_copies_are_skipped_and_refused() -> None:
    save_recovery(_briefing("Good"), key="good", source_path=None)
    (recovery_dir() / "junk.recovery.json").write_text("{not json")
    copies = list_recoveries()
    assert [c.key for c in copies] == ["good"]
    copies[0].path.write_text(
        '{"format": "briefing-recovery", "key": "good", "time": "t", '
        '"title": "x", "document": {"format": "briefing", "version": 9}}'
    )
    with pytest.raises(DocumentError, match="newer Briefing"):
        load_recovery(list_recoveries()[0])


def test_keys_with_odd_characters() -> None:
    key = "/home/a/ü ber/../x.briefing\x00"
    path = save_recovery(_briefing("Odd"), key=key, source_path=None)
    assert path.name.endswith(".recovery.json") and "/" not in path.name[:-5]
    assert list_recoveries()[0].key == key
