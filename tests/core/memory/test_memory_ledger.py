"""The predictions ledger: due dates, outcomes kept in ledger.json, scores, CSV, team merge."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from briefing.core.errors import BriefingError
from briefing.core.memory import files
from briefing.core.memory.chart import calibration_svg
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import ledger_entries, record_outcome
from briefing.core.memory.ledger_io import export_csv, export_ledger, merge_ledger, safe_cell
from briefing.core.memory.record import record_saved
from briefing.core.memory.scores import calibration, scores_by
from briefing.core.memory.timeframe import resolution_date
from briefing.core.model.document import Calibration, CalibrationBin, Prediction
from tests.core.memory.memory_data import briefing, save


def _ledger(tmp_path: Path) -> MemoryIndex:
    index = MemoryIndex()
    first = briefing("Arctic weekly", analyst="R. Okafor", template="standard", predictions=[
        Prediction("Sensors funded", 70, "likely", resolve_by="2026-04-30", id="p-aaa111"),
        Prediction("Vessel named", 30, "unlikely", resolve_by="2026-05-31", id="p-bbb222"),
        Prediction("Pact signed", 90, "very likely", timeframe="by end of 2030", id="p-ccc333"),
    ])  # fmt: skip
    second = briefing("Baltic brief", analyst="J. Lind", template="bluf", predictions=[
        Prediction("Ferries stop", 20, "unlikely", resolve_by="2026-02-28", id="p-ddd444"),
    ])  # fmt: skip
    record_saved(first, save(first, tmp_path, "arctic.briefing"), index)
    record_saved(second, save(second, tmp_path, "baltic.briefing"), index)
    return index


def test_every_prediction_is_in_the_ledger_and_due_when_its_date_passes(tmp_path: Path) -> None:
    entries = {e.pid: e for e in ledger_entries(_ledger(tmp_path))}
    assert set(entries) == {"p-aaa111", "p-bbb222", "p-ccc333", "p-ddd444"}
    today = date(2026, 5, 1)
    assert {p for p, e in entries.items() if e.is_due(today)} == {"p-aaa111", "p-ddd444"}
    assert entries["p-ccc333"].due == date(2030, 12, 31)  # read from the time frame


def test_outcomes_live_in_the_ledger_file_and_survive_the_index(tmp_path: Path) -> None:
    index = _ledger(tmp_path)
    record_outcome(index, "p-aaa", "happened", note="Budget passed", day="2026-04-20")
    data = json.loads(files.ledger_path().read_text(encoding="utf-8"))
    assert data["outcomes"]["p-aaa111"]["outcome"] == "happened"
    index.close()
    files.index_path().unlink()
    (e,) = [e for e in ledger_entries(MemoryIndex()) if e.pid == "p-aaa111"]
    assert e.outcome is not None and e.outcome.note == "Budget passed"
    assert not e.is_due(date(2027, 1, 1))


def test_bad_ids_outcomes_and_dates_are_one_line_errors(tmp_path: Path) -> None:
    index = _ledger(tmp_path)
    with pytest.raises(BriefingError, match="no prediction"):
        record_outcome(index, "p-zzz", "happened")
    with pytest.raises(BriefingError, match="matches 4"):
        record_outcome(index, "p-", "happened")
    with pytest.raises(BriefingError, match="YYYY-MM-DD"):
        record_outcome(index, "p-aaa111", "not", day="yesterday")


def test_a_prediction_carried_over_editions_is_one_entry_with_history(tmp_path: Path) -> None:
    index = _ledger(tmp_path)
    later = briefing("Arctic weekly", day="2026-03-11", predictions=[
        Prediction("Sensors funded", 80, "likely", resolve_by="2026-04-30", id="p-aaa111"),
    ])  # fmt: skip
    record_saved(later, save(later, tmp_path, "arctic-2.briefing"), index)
    (e,) = [e for e in ledger_entries(index) if e.pid == "p-aaa111"]
    assert e.probability == 80 and e.history == [("2026-03-04", 70)]


def test_brier_scores_and_calibration(tmp_path: Path) -> None:
    index = _ledger(tmp_path)
    record_outcome(index, "p-aaa111", "happened", day="2026-04-20")  # (0.7 - 1)^2 = 0.09
    record_outcome(index, "p-bbb222", "not", day="2026-05-30")  # (0.3 - 0)^2 = 0.09
    record_outcome(index, "p-ddd444", "happened", day="2026-02-27")  # (0.2 - 1)^2 = 0.64
    record_outcome(index, "p-ccc333", "unknown", day="2026-06-01")  # counted, not scored
    entries = ledger_entries(index)
    by_analyst = {s.group: s for s in scores_by(entries, "analyst")}
    assert by_analyst["R. Okafor"].brier == pytest.approx(0.09)
    assert by_analyst["R. Okafor"].unknown == 1
    assert by_analyst["J. Lind"].brier == pytest.approx(0.64)
    assert {s.group for s in scores_by(entries, "template")} == {"standard", "bluf"}
    assert {s.group: s.scored for s in scores_by(entries, "period")} == {
        "2026-Q1": 1, "2026-Q2": 2,
    }  # fmt: skip
    cal = calibration(entries, "all")
    assert cal.resolved == 3 and cal.unknown == 1
    assert cal.brier == pytest.approx((0.09 + 0.09 + 0.64) / 3)
    bands = {b.label: (b.count, b.observed) for b in cal.bins if b.count}
    assert bands == {"unlikely": (2, 0.5), "likely": (1, 1.0)}


def test_the_chart_is_svg_and_deterministic() -> None:
    svg = calibration_svg(_cal_for_chart())
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert calibration_svg(_cal_for_chart()) == svg


def _cal_for_chart() -> Calibration:
    return Calibration("all", "2026-06-01", 5, 0.2, [CalibrationBin("likely", 56, 79, 5, 0.7, 0.6)])


def test_csv_export_is_injection_safe(tmp_path: Path) -> None:
    index = MemoryIndex()
    b = briefing(predictions=[
        Prediction('=HYPERLINK("http://x","click")', 60, id="p-eee555"),
        Prediction("+1+1", 50, id="p-fff666"), Prediction("@SUM(A1)", 40, id="p-ggg777"),
        Prediction("-2", 10, id="p-hhh888"), Prediction("plain text", 10, id="p-iii999"),
    ])  # fmt: skip
    record_saved(b, save(b, tmp_path, "x.briefing"), index)
    out = tmp_path / "ledger.csv"
    assert export_csv(index, out) == 5
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    statements = {r["statement"] for r in rows}
    assert statements == {
        "'=HYPERLINK(\"http://x\",\"click\")", "'+1+1", "'@SUM(A1)", "'-2", "plain text",
    }  # fmt: skip
    assert safe_cell("\tx") == "'\tx" and safe_cell(12) == "12"


def test_team_merge_adds_once_and_reports_conflicts(tmp_path: Path) -> None:
    index = _ledger(tmp_path)
    record_outcome(index, "p-aaa111", "happened", day="2026-04-20")
    colleague = {
        "format": "briefing-ledger",
        "version": 1,
        "predictions": {
            "p-colleague1": {"statement": "Oslo raises the threat level", "probability": 60,
                             "analyst": "K. Berg", "made": "2026-03-01"},
            "p-aaa111": {"statement": "Sensors funded", "probability": 70},
            "bad id with spaces": {"statement": "ignored"},
            "p-nostatement": {"probability": 10},
        },
        "outcomes": {
            "p-colleague1": {"outcome": "happened", "date": "2026-04-02"},
            "p-aaa111": {"outcome": "not", "date": "2026-04-21"},
            "p-bbb222": {"outcome": "maybe"},
        },
    }  # fmt: skip
    theirs = tmp_path / "kberg.bfledger"
    theirs.write_text(json.dumps(colleague), encoding="utf-8")
    report = merge_ledger(index, theirs)
    assert (report.predictions, report.outcomes) == (1, 1)
    (conflict,) = report.conflicts
    assert "p-aaa111" in conflict and "yours is kept" in conflict
    again = merge_ledger(index, theirs)
    assert (again.predictions, again.outcomes) == (0, 0)  # no duplicates
    entries = {e.pid: e for e in ledger_entries(index)}
    assert len(entries) == 5 and entries["p-colleague1"].team
    assert entries["p-aaa111"].outcome is not None
    assert entries["p-aaa111"].outcome.outcome == "happened"
    # Our own export merges into a fresh ledger elsewhere without loss.
    out = tmp_path / "mine.bfledger"
    assert export_ledger(index, out) == 5


def test_merge_refuses_what_is_not_a_ledger(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "briefing"}', encoding="utf-8")
    with pytest.raises(BriefingError, match="notes.json") as err:
        merge_ledger(MemoryIndex(), bad)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("timeframe", "made", "expected"),
    [
        ("by end of 2026", "2026-03-01", date(2026, 12, 31)),
        ("by March 2027", "2026-03-01", date(2027, 3, 31)),
        ("Q3 2026", "2026-03-01", date(2026, 9, 30)),
        ("within six months", "2026-03-01", date(2026, 9, 1)),
        ("in the next 2 weeks", "2026-03-01", date(2026, 3, 15)),
        ("before next year", "2026-03-01", date(2026, 12, 31)),
        ("first half of 2027", "2026-03-01", date(2027, 6, 30)),
        ("the coming months", "2026-03-01", None),
    ],
)
def test_resolution_dates_from_time_frames(timeframe: str, made: str, expected: date) -> None:
    assert resolution_date(None, timeframe, made) == expected
