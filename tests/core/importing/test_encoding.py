"""Decoding files: BOMs, strict UTF-8, declared charsets, Windows-1252, other code pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file
from briefing.core.importing.encoding import decode_bytes

POLISH = "Port w Gdańsku rośnie szybciej, niż zakładano."


@pytest.mark.parametrize(
    ("name", "title", "phrase"),
    [
        ("cp1252.txt", "A Naïve Plan for Zürich", "called the plan “naïve” – and"),
        ("cp1250.txt", "Port w Gdańsku", POLISH),
        ("iso-8859-2.txt", "Port w Gdańsku", POLISH),
        ("cp1251.txt", "Северный флот", "провёл учения в Баренцевом море"),
        ("cp1253.txt", "Λιμάνι του Πειραιά", "εμπορευματοκιβωτίων φέτος"),
        ("cp1257.txt", "Lietuvos ūkis", "žemės ūkio šaka"),
        ("cp1254.txt", "İstanbul Limanı", "güçlü bir şirket"),
    ],
)
def test_single_byte_files(fixtures_dir: Path, name: str, title: str, phrase: str) -> None:
    article = import_file(fixtures_dir / "import" / name)
    assert article.title == title
    assert phrase in article.text


def test_windows_1252_is_preferred_to_a_detector_guess() -> None:
    assert decode_bytes("A naïve café.".encode("cp1252"), name="x") == "A naïve café."


def test_declared_charset_is_honoured() -> None:
    data = "Žluťoučký kůň úpěl ďábelské ódy.".encode("iso8859_2")
    assert decode_bytes(data, declared="iso-8859-2", name="x") == "Žluťoučký kůň úpěl ďábelské ódy."


def test_latin1_label_means_windows_1252() -> None:
    data = "“quoted” – text".encode("cp1252")
    assert decode_bytes(data, declared="ISO-8859-1", name="x") == "“quoted” – text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n....", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.4\n", "PDF file"),
        (b"GIF89a....", "GIF image"),
        (b"PK\x03\x04rest", "zip archive"),
        (b"text\x00with nul", "NUL bytes"),
    ],
)
def test_binary_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleImportError) as err:
        decode_bytes(data, name="in.txt")
    assert str(err.value).startswith("in.txt: ")
    assert reason in str(err.value)


def test_utf16_boms() -> None:
    text = "Zürich – “ok” 🇯🇵"
    assert decode_bytes(text.encode("utf-16"), name="x") == text
    assert decode_bytes(b"\xfe\xff" + text.encode("utf-16-be"), name="x") == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), name="x") == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Žluťoučký kůň úpěl ďábelské ódy. Příliš žluťoučký kůň.", "cp1250"),
        ("Ærøskøbing og Ålborg får ny bro, siger kommunen.", "cp1252"),
        ("Árvíztűrő tükörfúrógép és őszi szél.", "iso8859_2"),
    ],
)
def test_code_page_chosen_by_the_words_it_makes(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec), name="x") == text
