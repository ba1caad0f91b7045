"""The memory commands: library search and reindex, edition and changes, the ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.model.document import Prediction
from briefing.core.storage.document_io import load_briefing, save_briefing
from tests.core.memory.memory_data import briefing


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def weekly(tmp_path: Path) -> Path:
    b = briefing(
        "Arctic weekly",
        predictions=[
            Prediction("Sensors funded", 60, "likely", resolve_by="2026-01-31", id="p-aaa111"),
            Prediction("=cmd|' /C calc'!A0", 20, "unlikely", resolve_by="2099-01-01", id="p-bbb"),
        ],
    )
    path = tmp_path / "weekly-1.briefing"
    save_briefing(b, path)
    return path


def test_reindex_then_search(capsys: pytest.CaptureFixture[str], weekly: Path) -> None:
    code, out, _ = _run(capsys, "library", "reindex", str(weekly.parent))
    assert code == 0 and "1 briefing(s)" in out
    code, out, _ = _run(capsys, "library", "search", "cabl", "--kind", "source")
    assert code == 0
    assert out.startswith("[source] Seabed cables under watch — Nordic Monitor, 2026-03-02")
    assert "«cable»" in out and "used in 1 briefing(s)" in out
    code, out, _ = _run(capsys, "library", "search", "weekly", "--handling", "TLP:AMBER", "--json")
    assert [h["title"] for h in json.loads(out)] == ["Arctic weekly"]
    code, _, err = _run(capsys, "library", "search", "x", "--since", "March")
    assert code == 1 and err.count("\n") == 1 and "--since" in err


def test_reindex_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "library", "reindex", str(tmp_path / "nope"))
    assert code == 1 and err.count("\n") == 1 and "nope: the folder does not exist" in err


def test_edition_and_changes(capsys: pytest.CaptureFixture[str], weekly: Path) -> None:
    nxt = weekly.with_name("weekly-2.briefing")
    code, out, _ = _run(capsys, "edition", str(weekly), "-o", str(nxt))
    assert code == 0 and "edition 2 of “Arctic weekly”" in out
    b = load_briefing(nxt)
    b.predictions[0].probability = 80
    b.sections[0].markdown = "Three cables were cut near Svalbard. [@s1]"
    save_briefing(b, nxt)
    code, out, _ = _run(capsys, "changes", str(weekly), str(nxt))
    assert code == 0
    assert "~ revised: Sensors funded (60% → 80%)" in out
    assert "text: Background (+1 / -1 words)" in out
    code, _, err = _run(capsys, "edition", str(weekly), "-o", str(nxt))
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    damaged = weekly.with_name("damaged.briefing")
    damaged.write_text("{", encoding="utf-8")
    code, _, err = _run(capsys, "changes", str(damaged), str(nxt))
    assert code == 1 and "damaged.briefing" in err and err.count("\n") == 1


def test_ledger_list_resolve_scores_export_merge(
    capsys: pytest.CaptureFixture[str], weekly: Path, tmp_path: Path
) -> None:
    _run(capsys, "library", "reindex", str(weekly.parent))
    code, out, _ = _run(capsys, "ledger", "list", "--due")
    assert code == 0 and out.startswith("p-aaa111   60%  2026-01-31  DUE") and "p-bbb" not in out
    code, out, _ = _run(
        capsys, "ledger", "resolve", "p-aaa", "--outcome", "happened", "--note", "funded",
        "--date", "2026-01-20",
    )  # fmt: skip
    assert code == 0 and "p-aaa111: happened on 2026-01-20" in out
    _, out, _ = _run(capsys, "ledger", "list", "--due")
    assert "p-aaa111" not in out
    chart = tmp_path / "cal.svg"
    code, out, _ = _run(capsys, "ledger", "scores", "--by", "analyst", "--chart", str(chart))
    assert code == 0 and "R. Okafor" in out and "0.160" in out  # (0.6 - 1)^2
    assert "<svg" in chart.read_text(encoding="utf-8")
    csv_file = tmp_path / "ledger.csv"
    code, out, _ = _run(capsys, "ledger", "export", "-o", str(csv_file))
    assert code == 0 and "exported 2" in out
    assert ",'=cmd|' /C calc'!A0," in csv_file.read_text(encoding="utf-8-sig")
    mine = tmp_path / "mine.bfledger"
    _run(capsys, "ledger", "export", "-o", str(mine))
    code, out, _ = _run(capsys, "ledger", "merge", str(mine))
    assert code == 0 and "0 new prediction(s), 0 new outcome(s)" in out
    code, _, err = _run(capsys, "ledger", "resolve", "p-nope", "--outcome", "not")
    assert code == 1 and "no prediction with id 'p-nope'" in err and err.count("\n") == 1


def test_export_with_changes_and_calibration(
    capsys: pytest.CaptureFixture[str], weekly: Path, tmp_path: Path
) -> None:
    nxt = weekly.with_name("weekly-2.briefing")
    _run(capsys, "edition", str(weekly), "-o", str(nxt))
    _run(capsys, "ledger", "resolve", "p-aaa111", "--outcome", "happened", "--date", "2026-01-20")
    out_html = tmp_path / "weekly-2.html"
    code, out, err = _run(
        capsys, "export", str(nxt), "-o", str(out_html), "--changes", "--calibration"
    )
    assert code == 0, err
    html = out_html.read_text(encoding="utf-8")
    assert "What changed since edition 1" in html
    assert "Appendix: forecast calibration" in html and "Predictions by R. Okafor" in html
    assert "data:image/svg+xml;base64," in html
    out_md = tmp_path / "weekly-2.md"
    code, _, err = _run(capsys, "export", str(nxt), "-o", str(out_md), "--changes")
    assert code == 0 and "appear in PDF and HTML only" in err
