"""Decoding the way browsers decide: declarations (WHATWG labels, meta prescan), UTF-8 with a few
bad bytes, undeclared Windows-1252, and stray NUL bytes that do not make a page binary."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file
from briefing.core.importing.charset import codec_for_label, declared_charset
from briefing.core.importing.encoding import decode_bytes


@pytest.fixture
def enc_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "web" / "encoding"


def test_windows_1252_page_declaring_iso_8859_1(enc_dir: Path) -> None:
    article = import_file(enc_dir / "cp1252-declared-latin1.html")
    assert "The council’s “perpetual” plan – costing €4 million" in article.text
    assert "It’s the third time" in article.text
    assert "í" not in article.text and "ì" not in article.text  # not read as Mac Roman


def test_undeclared_windows_1252_text_is_not_mac_roman(enc_dir: Path) -> None:
    article = import_file(enc_dir / "undeclared-cp1252.txt")
    assert article.title == "Indonesia’s new capital"
    assert "“the country’s future”" in article.text
    assert "– expected to cost" in article.text
    assert "õ" not in article.title + article.text


def test_utf8_with_a_few_bad_bytes_stays_utf8(enc_dir: Path) -> None:
    article = import_file(enc_dir / "utf8-few-bad-bytes.html")
    assert "Zürich council’s “perpetual” plan" in article.text
    assert "Пресс-служба порта" in article.text
    # the stray bytes are read as Windows-1252, not the whole page as another code page
    assert "debâte" in article.text and "l’ong" in article.text


def test_nul_bytes_after_the_page_are_not_binary(enc_dir: Path) -> None:
    article = import_file(enc_dir / "nul-after-html.html")
    assert "It’s the third time" in article.text
    assert "\x00" not in article.text


def test_a_binary_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>" + bytes(range(256)) * 40 + b"</body></html>")
    with pytest.raises(ArticleImportError) as err:
        import_file(path)
    assert str(err.value).startswith(f"{path}: ")
    assert "NUL" in str(err.value)


def test_a_few_nul_bytes_inside_a_long_text(tmp_path: Path) -> None:
    text = "The harbour will grow. " * 300
    data = text.encode() + b"\x00" + text.encode()
    assert decode_bytes(data, name="x") == text + text


def test_meta_after_a_long_head_still_counts(enc_dir: Path) -> None:
    data = (enc_dir / "late-meta-cp1251.html").read_bytes()
    assert data.find(b"windows-1251") > 1024  # beyond HTML5's prescan window
    assert declared_charset(data) == "cp1251"
    assert "Северный флот провёл учения" in import_file(enc_dir / "late-meta-cp1251.html").text


def test_prescan_skips_comments(enc_dir: Path) -> None:
    data = (enc_dir / "comment-hides-meta.html").read_bytes()
    assert declared_charset(data) == "cp1251"
    assert "манёвры прошли успешно" in import_file(enc_dir / "comment-hides-meta.html").text


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        (" Latin1 ", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("gb2312", "gb18030"),
        ("Shift_JIS", "cp932"),
        ("ks_c_5601-1987", "cp949"),
        ("x-mac-roman", "mac-roman"),
        ("utf8", "utf-8"),
        ("iso-1252", None),
        ("hz-gb-2312", None),  # a WHATWG "replacement" label: no usable encoding
    ],
)
def test_whatwg_labels(label: str, codec: str | None) -> None:
    assert codec_for_label(label) == codec


def test_unassigned_windows_bytes_are_c1_controls_not_a_reason_to_guess() -> None:
    # 0x81 and 0x9D are unassigned in Windows-1252; browsers give U+0081/U+009D and keep
    # the rest of the declared page as Windows-1252.
    data = "It’s a “quoted” word".encode("cp1252") + b" \x81 and \x9d"
    assert decode_bytes(data, declared="windows-1252", name="x").startswith("It’s a “quoted”")


def test_cyrillic_declared_as_latin1_is_read_as_cyrillic() -> None:
    text = "Северный флот провёл учения в Баренцевом море, сообщила пресс-служба флота."
    assert decode_bytes(text.encode("cp1251"), declared="iso-8859-1", name="x") == text
