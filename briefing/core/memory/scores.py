"""How good the forecasts were: Brier scores by analyst, template or period, and calibration.

Only predictions with a likelihood and an outcome of *happened* or *did not* are scored; "cannot
tell" is counted but not scored. The Brier score is the mean of (p - o)^2 with p the likelihood
(0-1) and o 1 if it happened, else 0: 0 is perfect, 0.25 is what always saying 50 % earns.
A prediction revised over editions is scored on its latest likelihood (the one in force when
it resolved). Calibration groups forecasts by the ICD 203 likelihood bands and compares each
band's mean forecast with how often those forecasts came true.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from briefing.core.memory.ledger import LedgerEntry
from briefing.core.model.document import Calibration, CalibrationBin
from briefing.core.model.estimative import ICD203

GroupBy = Literal["analyst", "template", "period"]
# The ICD 203 bands, closed so that every percentage 0-100 falls in exactly one.
BANDS: tuple[tuple[str, int, int], ...] = (
    ("almost no chance", 0, 4),
    ("very unlikely", 5, 19),
    ("unlikely", 20, 44),
    ("roughly even chance", 45, 55),
    ("likely", 56, 79),
    ("very likely", 80, 94),
    ("almost certain", 95, 100),
)
assert [b[0] for b in BANDS] == [b.term for b in ICD203]


@dataclass
class Score:
    """The score of one group."""

    group: str
    scored: int  # happened or did not, with a likelihood
    brier: float | None
    happened: int = 0
    unknown: int = 0  # resolved as cannot tell
    open: int = 0  # not resolved yet


def scored(entries: list[LedgerEntry]) -> list[tuple[float, float]]:
    """``(forecast 0-1, outcome 0/1)`` for every entry that can be scored."""
    out = []
    for e in entries:
        if e.outcome is None or e.outcome.outcome == "unknown" or e.probability is None:
            continue
        out.append((e.probability / 100, 1.0 if e.outcome.outcome == "happened" else 0.0))
    return out


def brier(entries: list[LedgerEntry]) -> float | None:
    """The mean Brier score of the scorable entries (``None`` when there are none)."""
    pairs = scored(entries)
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs) if pairs else None


def period_of(entry: LedgerEntry) -> str:
    """The quarter a prediction resolved in (its outcome date, else its due date): ``2026-Q2``."""
    day = entry.outcome.date if entry.outcome and entry.outcome.date else None
    when = date.fromisoformat(day) if day else entry.due
    if when is None:
        return "no date"
    return f"{when.year}-Q{(when.month - 1) // 3 + 1}"


def _group(entry: LedgerEntry, by: GroupBy) -> str:
    if by == "analyst":
        return entry.analyst or "(no analyst)"
    if by == "template":
        return entry.template or "(no template)"
    return period_of(entry)


def scores_by(entries: list[LedgerEntry], by: GroupBy) -> list[Score]:
    """One :class:`Score` per analyst, template or quarter (sorted by group)."""
    groups: dict[str, list[LedgerEntry]] = {}
    for e in entries:
        groups.setdefault(_group(e, by), []).append(e)
    return [score(name, members) for name, members in sorted(groups.items())]


def score(name: str, entries: list[LedgerEntry]) -> Score:
    """The :class:`Score` of ``entries`` under the label ``name``."""
    pairs = scored(entries)
    return Score(
        group=name,
        scored=len(pairs),
        brier=brier(entries),
        happened=sum(1 for _p, o in pairs if o),
        unknown=sum(1 for e in entries if e.outcome and e.outcome.outcome == "unknown"),
        open=sum(1 for e in entries if e.outcome is None),
    )


def calibration_bins(entries: list[LedgerEntry]) -> list[CalibrationBin]:
    """Forecasts per ICD 203 band: count, mean forecast and the share that happened."""
    bins = []
    pairs = scored(entries)
    for label, low, high in BANDS:
        inside = [(p, o) for p, o in pairs if low <= round(p * 100) <= high]
        n = len(inside)
        bins.append(
            CalibrationBin(
                label=label,
                low=low,
                high=high,
                count=n,
                mean_forecast=sum(p for p, _ in inside) / n if n else (low + high) / 200,
                observed=sum(o for _, o in inside) / n if n else 0.0,
            )
        )
    return bins


def calibration(entries: list[LedgerEntry], scope: str, today: date | None = None) -> Calibration:
    """The calibration record of ``entries`` (what the chart and the appendix show)."""
    return Calibration(
        scope=scope,
        as_of=(today or date.today()).isoformat(),
        resolved=len(scored(entries)),
        unknown=sum(1 for e in entries if e.outcome and e.outcome.outcome == "unknown"),
        brier=brier(entries),
        bins=calibration_bins(entries),
    )


def wilson(observed: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a share ``observed`` out of ``n`` (small counts: wide)."""
    if n == 0:
        return 0.0, 1.0
    centre = (observed + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(observed * (1 - observed) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def calibration_for(
    entries: list[LedgerEntry], analyst: str, today: date | None = None
) -> Calibration:
    """The calibration record a briefing by ``analyst`` shows: that analyst's predictions, or
    the whole ledger when the briefing names no analyst."""
    name = " ".join(analyst.split())
    if name:
        mine = [e for e in entries if " ".join(e.analyst.split()).casefold() == name.casefold()]
        return calibration(mine, f"Predictions by {name}", today)
    return calibration(entries, "All predictions in the ledger", today)
