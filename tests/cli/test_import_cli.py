"""`briefing import` through the real CLI entry point: JSON output and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main


def test_json_for_sample_and_fixture(
    sample_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = fixtures_dir / "import" / "article.md"
    assert main(["import", "--json", str(sample_path), str(md)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["title"] for d in data] == [
        "Takaichi & Trump Call: Possible Friday Talks 🇯🇵🇺🇸",
        "Drone Rules Tighten Across the Baltic 🇱🇻",
    ]
    sample = data[0]
    assert sample["authors"] == ["James Carter"] and sample["published"] is None
    assert set(sample) == {
        "title",
        "authors",
        "published",
        "site",
        "url",
        "language",
        "text",
        "blocks",
    }
    assert sum(b["kind"] == "qa" for b in sample["blocks"]) == 4
    qa = next(b for b in sample["blocks"] if b["kind"] == "qa")
    assert set(qa) == {"kind", "text", "question", "answer"}
    assert sample["text"] == "\n\n".join(b["text"] for b in sample["blocks"])
    assert data[1]["url"] == "https://example.org/baltic-drones"
    assert data[1]["published"] == "2025-09-03"


BAD = [
    ("image-renamed.txt", "PNG image"),
    ("nul-bytes.txt", "NUL bytes"),
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("archive.txt", "zip archive"),
    ("document-renamed.md", "PDF file"),
    ("unsupported.xlsx", "unsupported file type"),
    ("fake-word.docx", "is not a Word file (it is not a zip package)"),
    ("chrome-only.txt", "no article text found"),
]


@pytest.mark.parametrize(("name", "reason"), BAD)
def test_bad_file_is_one_line_and_exit_1(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    path = fixtures_dir / "import" / name
    good = fixtures_dir / "import" / "article-utf8.txt"
    assert main(["import", "--json", str(path), str(good)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert lines == [f"briefing: {path}: {lines[0].split(': ', 2)[2]}"]
    assert reason in lines[0] and "Traceback" not in err
    assert [d["title"] for d in json.loads(out)] == ["Grain Corridor Talks Resume"]


def test_folder_missing_file_and_huge_paste(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: 60 MB without writing them
    missing = tmp_path / "missing.txt"
    assert main(["import", str(tmp_path), str(missing), str(huge)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"briefing: {tmp_path}: is a folder, not a file",
        f"briefing: {missing}: no such file",
        f"briefing: {huge}: is too big to import (60 MB; the limit is 5 MB)",
    ]


def test_readable_summary(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(fixtures_dir / "import" / "article-utf8.txt")]) == 0
    out = capsys.readouterr().out
    assert "title:     Grain Corridor Talks Resume" in out
    assert "authors:   Marta Kowalski, Tomás Ferreira" in out


def test_cli_imports_documents_and_newsletter_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from support.document_makers import STORIES, make_docx, make_odt, make_pdf, newsletter_eml

    files = [
        make_pdf(tmp_path / "report.pdf"),
        make_docx(tmp_path / "memo.docx"),
        make_odt(tmp_path / "cranes.odt"),
        newsletter_eml(tmp_path / "brief.eml"),
    ]
    assert main(["import", "--json", *map(str, files)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["title"] for d in data] == [
        "Seabed Patrols",
        "Seabed Patrols in the Arctic",
        "Harbour Cranes Idle",
        *[t for t, _s, _b in STORIES],
    ]
    assert main(["import", str(files[1])]) == 0
    out = capsys.readouterr().out
    assert "authors:   Ingrid Solberg, Tom Berg" in out and "# What happened" in out


def test_cli_drafts_from_a_word_file_and_a_newsletter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from support.document_makers import make_docx, newsletter_eml

    memo = make_docx(tmp_path / "memo.docx")
    mail = newsletter_eml(tmp_path / "brief.eml")
    assert main(["draft", "--json", str(memo), str(mail)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["sources"]) == 4  # the memo and three stories
    assert data["sources"][1]["site"] == "The Northern Desk"
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["draft", str(memo), str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"briefing: {bad}: is damaged (not a readable Word file)"]
