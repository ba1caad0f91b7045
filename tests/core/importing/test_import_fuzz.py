"""Fuzzing: random bytes and random mojibake fed to the importer; only the clear error may
come out. Longer run: HYPOTHESIS_PROFILE=fuzz pytest -m fuzz tests/core/importing"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file, import_text
from briefing.core.model.article import Article

pytestmark = pytest.mark.fuzz
_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _ok(article: Article) -> None:
    assert article.blocks and all(b.text.strip() for b in article.blocks)
    assert [b.id for b in article.blocks] == [f"b{i}" for i in range(1, len(article.blocks) + 1)]


@_SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ""]))
def test_random_bytes_as_a_file(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        _ok(import_file(path))
    except ArticleImportError as err:
        assert str(err).startswith(f"{path}: ") and "\n" not in str(err)


def _misread(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


@given(
    text=st.text(max_size=400),
    codec=st.sampled_from(["cp1252", "cp1250", "cp1251", "cp1253", "latin_1", "mac_roman"]),
    kind=st.sampled_from(["auto", "text", "markdown"]),
)
def test_random_mojibake_text(text: str, codec: str, kind: str) -> None:
    try:
        _ok(import_text(_misread(text, codec), kind=kind))  # type: ignore[arg-type]
    except ArticleImportError as err:
        assert str(err).startswith("clipboard: ") and "\n" not in str(err)
