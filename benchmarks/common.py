"""Shared pieces for the benchmark modules: a figure row and a repeat-and-time helper.

Each ``benchmarks/bench_<area>.py`` exposes ``run(quick: bool) -> list[Figure]``.
``quick`` (the CI smoke) must finish in seconds and only checks that the code runs.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@dataclass
class Figure:
    name: str  # what was measured, e.g. "import: sample text"
    value: float  # the median
    unit: str  # "ms", "s", "MB", "F1", "x"
    target: str = ""  # human-readable target, e.g. "< 10 ms"
    met: bool | None = None  # None where there is no target
    spread: str = ""  # e.g. "p25-p75 4.1-4.6" or "min-max ..."
    baseline: str = ""  # the same-run baseline figure, if any
    note: str = ""


def timed(
    fn: Callable[[], object],
    repeat: int,
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Run ``fn`` ``warmup`` times unmeasured, then ``repeat`` times; seconds per run.

    ``clock`` is wall time by default; ``time.process_time`` gives this process's CPU time.
    """
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = clock()
        fn()
        out.append(clock() - start)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], scale: float = 1.0, unit: str = "") -> str:
    """Inter-quartile range (or min-max for few runs), scaled, e.g. ``"IQR 4.1-4.6 ms"``."""
    if len(values) >= 4:
        q = statistics.quantiles(values, n=4)
        return f"IQR {q[0] * scale:.3g}-{q[2] * scale:.3g} {unit}".strip()
    return f"min-max {min(values) * scale:.3g}-{max(values) * scale:.3g} {unit}".strip()
