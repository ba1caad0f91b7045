"""Rendering leaves nothing behind outside the chosen folders: WeasyPrint's temporary copies
of ``@font-face`` fonts are removed when a cached font set is dropped and when the process
exits. (A test run or an editor session used to leave ``weasyprint-*`` folders of font copies,
about 2 MB each, in the system's temporary folder: WeasyPrint removes them only in a finalizer,
which cached and cyclic FontConfigurations never reached before the interpreter's teardown.)"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from briefing.core.model.document import Briefing, Section
from briefing.core.rendering import pdf
from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.library import Library


def _folders(configs: OrderedDict[str, Any]) -> list[Path]:
    return [c._folder for c in configs.values() if getattr(c, "_folder", None)]


def test_font_copies_are_removed_when_dropped_and_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    configs: OrderedDict[str, Any] = OrderedDict()
    monkeypatch.setattr(pdf, "_FONT_CONFIGS", configs)
    monkeypatch.setattr(pdf, "_FONT_CONFIGS_KEPT", 1)
    made: list[Path] = []
    for brand in Library().brands():
        render_pdf(Briefing(title="T", sections=[Section("a", "A", "Text.")]), brand=brand)
        made += [f for f in _folders(configs) if f not in made]
        assert len(configs) == 1
    assert len(made) >= 2, "each brand's fonts are copied to a folder of their own"
    dropped, kept = made[:-1], made[-1]
    assert [f for f in dropped if f.exists()] == [], "a dropped font set keeps its copies"
    assert kept.is_dir() and any(kept.iterdir())
    pdf._forget_all()  # what runs at exit (atexit)
    assert not kept.exists() and len(configs) == 0
