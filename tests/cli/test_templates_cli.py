"""`briefing templates` and `briefing brands`: list, export, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main


def test_list_templates_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["standard", "builtin"]
    assert main(["templates", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    standard = next(t for t in data if t["id"] == "standard")
    assert [s["id"] for s in standard["sections"]] == [
        "background",
        "key-takeaway",
        "faq",
        "predictions",
    ]
    assert standard["read_only"] is True and standard["handling"] == "TLP:CLEAR"


def test_list_brands_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brands", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["id"] == "default" and data[0]["has_logo"] is True
    assert len(data) >= 2


def test_export_import_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bluf.bftemplate"
    assert main(["templates", "export", "bluf", "-o", str(out)]) == 0
    assert out.is_file()
    capsys.readouterr()
    assert main(["templates", "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and str(out) in err
    assert "--replace or --keep-both" in err  # the way out, in command-line terms
    assert main(["templates", "import", str(out), "--keep-both"]) == 0
    assert "bluf-2" in capsys.readouterr().out
    assert main(["templates", "list", "--json"]) == 0
    ids = [t["id"] for t in json.loads(capsys.readouterr().out)]
    assert "bluf-2" in ids


def test_brand_export_import_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.bfbrand"
    assert main(["brands", "export", "consultancy", "-o", str(out)]) == 0
    assert main(["brands", "import", str(out), "--replace"]) == 1  # built-in: read-only
    err = capsys.readouterr().err
    assert "read-only" in err and "run again with --keep-both" in err
    assert main(["brands", "import", str(out), "--keep-both"]) == 0
    assert "consultancy-2" in capsys.readouterr().out


def test_errors_are_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "export", "nope", "-o", str(tmp_path / "x.bftemplate")]) == 1
    assert capsys.readouterr().err == (
        "briefing: no template with id 'nope' (there are: standard, bluf, decision-memo, sitrep)\n"
    )
    bad = tmp_path / "bad.bftemplate"
    bad.write_bytes(b"not a zip")
    assert main(["brands", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.bftemplate: not a Briefing package" in err
    assert not (tmp_path / "x.bftemplate").exists()
