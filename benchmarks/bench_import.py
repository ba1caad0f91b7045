"""Import speed for pasted text: the real sample (target: median < 10 ms) and the demo."""

from __future__ import annotations

from benchmarks.common import SHARED, Figure, median, spread, timed
from briefing.core.importing import import_file
from briefing.core.paths import resources_dir


def _figure(name: str, path: object, repeat: int) -> Figure:
    runs = timed(lambda: import_file(path), repeat=repeat, warmup=3)  # type: ignore[arg-type]
    value = median(runs) * 1000
    return Figure(
        name=name,
        value=round(value, 2),
        unit="ms",
        target="< 10 ms",
        met=value < 10,
        spread=spread(runs, 1000, "ms"),
        note=f"{repeat} runs",
    )


def run(quick: bool) -> list[Figure]:
    repeat = 5 if quick else 200
    figures = []
    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    if sample.is_file():
        figures.append(_figure("import: sample text (takaichi-trump-call.txt)", sample, repeat))
    demo = resources_dir() / "demo" / "demo-article.txt"
    figures.append(_figure("import: demo article text", demo, repeat))
    return figures
