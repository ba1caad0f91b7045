"""Import speed for pasted text: the real sample (target: median < 10 ms) and the demo.

Wall-clock figures include other load on the machine; the CPU-time figure is the process's
own time and is steadier on a shared machine.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import SHARED, Figure, median, spread, timed
from briefing.core.importing import import_file
from briefing.core.paths import resources_dir


def _cpu_times(path: Path, repeat: int) -> list[float]:
    import_file(path)
    out = []
    for _ in range(repeat):
        start = time.process_time()
        import_file(path)
        out.append(time.process_time() - start)
    return out


def _figures(label: str, path: Path, repeat: int) -> list[Figure]:
    wall = timed(lambda: import_file(path), repeat=repeat, warmup=3)
    cpu = _cpu_times(path, repeat)
    figures = []
    for kind, runs in (("wall", wall), ("CPU", cpu)):
        value = median(runs) * 1000
        figures.append(
            Figure(
                name=f"import: {label} ({kind} time)",
                value=round(value, 2),
                unit="ms",
                target="< 10 ms",
                met=value < 10,
                spread=spread(runs, 1000, "ms"),
                note=f"{repeat} runs of import_file (read, decode, repair, structure, chrome)",
            )
        )
    return figures


def run(quick: bool) -> list[Figure]:
    repeat = 5 if quick else 200
    figures = []
    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    if sample.is_file():
        figures += _figures("sample text takaichi-trump-call.txt", sample, repeat)
    figures += _figures("demo article text", resources_dir() / "demo" / "demo-article.txt", repeat)
    return figures
