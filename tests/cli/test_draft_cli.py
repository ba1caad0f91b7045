"""`briefing draft ARTICLE... --template ID [-o FILE.briefing] [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.paths import demo_article_path
from briefing.core.storage.document_io import load_briefing
from briefing.core.storage.lock import acquire_lock


def _article(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = _article(
        tmp_path,
        "second.md",
        "# Second piece\n\nPorts are expected to tighten checks next year.\n\n"
        "**Key Takeaway:** Checks tighten.\n",
    )
    code = main(["draft", str(demo_article_path()), str(md), "--template", "sitrep", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"title", "template", "sections", "sources"}
    assert out["template"] == "sitrep"
    assert [s["id"] for s in out["sections"]] == ["situation", "developments", "impact", "outlook"]
    assert all(set(s) == {"id", "title", "markdown"} for s in out["sections"])
    assert out["title"].startswith("Arctic Cables")
    assert [set(s) for s in out["sources"]] == [
        {"title", "authors", "site", "url", "published"}
    ] * 2
    assert out["sources"][1]["title"] == "Second piece"
    assert "[@s2]" in out["sections"][1]["markdown"]


def test_save_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "note.briefing"
    assert main(["draft", str(demo_article_path()), "-o", str(target)]) == 0
    assert "note.briefing: drafted" in capsys.readouterr().out
    b = load_briefing(target)
    assert b.template is not None and b.template.id == "standard"
    assert b.brand is not None and b.brand.id == b.template.brand
    assert b.sources[0].id == "s1"
    # no silent overwrite, and not while the editor has it open
    assert main(["draft", str(demo_article_path()), "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    with acquire_lock(target):
        assert main(["draft", str(demo_article_path()), "-o", str(target), "--force"]) == 1
        assert "open in the editor" in capsys.readouterr().err
    assert main(["draft", str(demo_article_path()), "-o", str(target), "--force"]) == 0


def test_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(demo_article_path()), "--template", "bluf"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Arctic Cables")
    assert "## Bottom line up front" in out and "## Sources" in out


def test_bad_articles_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = _article(tmp_path, "empty.txt", "")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    code = main(["draft", str(empty), str(tmp_path / "missing.txt"), str(binary)])
    assert code == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith("briefing: ") for line in lines)
    assert "empty.txt" in lines[0] and "missing.txt" in lines[1] and "x.txt" in lines[2]
    assert captured.out == ""


def test_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(demo_article_path()), "--template", "nope"]) == 1
    assert "no template with id 'nope'" in capsys.readouterr().err


def test_brand_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ministry.briefing"
    assert main(["draft", str(demo_article_path()), "--brand", "ministry", "-o", str(target)]) == 0
    brand = load_briefing(target).brand
    assert brand is not None and brand.id == "ministry"
    assert main(["draft", str(demo_article_path()), "--brand", "nope"]) == 1
    assert "no brand with id 'nope'" in capsys.readouterr().err


def test_output_must_be_a_briefing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(demo_article_path()), "-o", str(tmp_path / "x.txt")]) == 1
    assert "must end in .briefing" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


def test_drafting_twice_writes_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "one.briefing", tmp_path / "two.briefing"
    assert main(["draft", str(demo_article_path()), "-o", str(first)]) == 0
    assert main(["draft", str(demo_article_path()), "-o", str(second)]) == 0
    assert load_briefing(first).predictions, "the demo article holds forecasts"
    assert first.read_bytes() == second.read_bytes()


def test_draft_takes_the_analyst_and_organisation_from_preferences(tmp_path: Path) -> None:
    from briefing.core.storage.preferences import Preferences, save_preferences

    save_preferences(Preferences(analyst="R. Olsen", organisation="Policy Unit"))
    target = tmp_path / "note.briefing"
    assert main(["draft", str(demo_article_path()), "-o", str(target)]) == 0
    meta = load_briefing(target).meta
    assert (meta.analyst, meta.organisation) == ("R. Olsen", "Policy Unit")
