"""Size limits and several files at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importing import MAX_TEXT_BYTES, import_file, import_files, import_text
from briefing.core.paths import resources_dir


def test_big_valid_text_imports(tmp_path: Path) -> None:
    demo = (resources_dir() / "demo" / "demo-article.txt").read_text(encoding="utf-8")
    path = tmp_path / "big.txt"
    path.write_text((demo + "\n\n") * 200, encoding="utf-8")  # about 1.3 MB
    article = import_file(path)
    assert article.title == "Arctic Cables: Norway Weighs Seabed Patrols 🇳🇴"
    assert len(article.blocks) > 200 * 20


def test_60_mb_paste_is_refused_with_the_limit() -> None:
    with pytest.raises(ArticleImportError) as err:
        import_text("word " * (12 * 1024 * 1024))
    assert str(err.value) == "clipboard: is too big to import (60 MB; the limit is 5 MB)"


def test_text_over_the_limit_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_bytes(b"plain words " * (MAX_TEXT_BYTES // 12 + 1000))
    with pytest.raises(ArticleImportError, match="too big to import"):
        import_file(path)


def test_import_files_keeps_the_good_ones(fixtures_dir: Path, tmp_path: Path) -> None:
    good = fixtures_dir / "import" / "article-utf8.txt"
    results = import_files([tmp_path / "nope.txt", good, fixtures_dir / "import" / "empty.txt"])
    assert isinstance(results[0], ArticleImportError)
    assert str(results[0]) == f"{tmp_path / 'nope.txt'}: no such file"
    assert isinstance(results[1], list) and [a.title for a in results[1]] == [
        "Grain Corridor Talks Resume"
    ]
    assert isinstance(results[2], ArticleImportError)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Some text that cannot be read.", encoding="utf-8")
    path.chmod(0)
    try:
        if _can_read(path):
            pytest.skip("running as a user who can read any file")
        with pytest.raises(ArticleImportError, match="cannot be read"):
            import_file(path)
    finally:
        path.chmod(0o600)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True


def test_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleImportError, match="is not a regular file"):
        import_file(fifo)


def test_markdown_over_its_limit_is_refused_with_the_limit(tmp_path: Path) -> None:
    from briefing.core.importing import MAX_MARKDOWN_BYTES

    path = tmp_path / "huge.md"
    line = b"**bold** [link](https://example.org) text\n\n"
    path.write_bytes(line * (MAX_MARKDOWN_BYTES // len(line) + 100))
    with pytest.raises(ArticleImportError, match=r"too big to import \(1 MB; the limit is 1 MB\)"):
        import_file(path)


def test_text_of_countless_short_lines_is_refused_with_the_limit() -> None:
    with pytest.raises(ArticleImportError) as err:
        import_text("\n\n".join(["Word"] * 60_000), kind="text")
    assert str(err.value) == (
        "clipboard: has too many lines to be an article (60,000; the limit is 50,000)"
    )
