"""The calibration chart as SVG, drawn with matplotlib (the same SVG in the editor and PDF).

matplotlib is imported only when a chart is drawn: it costs about a second to import (measured
by ``python -m benchmarks --only memory``), which the editor's start and a plain export must
not pay. The chart carries only numbers and fixed words, never text from a file; text is drawn
as paths so the SVG looks the same in Qt and WeasyPrint, and ids are salted so the same data
gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

from briefing.core.memory.scores import wilson
from briefing.core.model.document import Calibration

INK = "#1F3A5F"
GUIDE = "#9AA5B1"


def calibration_svg(cal: Calibration, *, width: float = 6.0, height: float = 4.4) -> str:
    """An SVG chart: each band's mean forecast against the share that happened (dot size by
    count, 95 % interval bars, the diagonal of perfect calibration). Sizes in inches."""
    import matplotlib  # lazily: see the module docstring
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    style: Any = {
        "svg.fonttype": "path",
        "svg.hashsalt": "briefing-calibration",
        "font.family": "DejaVu Sans",
        "font.size": 9,
    }
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(width, height))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        ax.plot(
            [0, 1], [0, 1], linestyle="--", color=GUIDE, linewidth=1, label="Perfectly calibrated"
        )
        used = [b for b in cal.bins if b.count]
        for b in used:
            low, high = wilson(b.observed, b.count)
            ax.plot(
                [b.mean_forecast, b.mean_forecast], [low, high], color=INK, alpha=0.35, linewidth=2
            )
        if used:
            ax.scatter(
                [b.mean_forecast for b in used],
                [b.observed for b in used],
                s=[40 + 25 * b.count for b in used],
                color=INK,
                zorder=3,
                label="Your forecasts (dot size: how many)",
            )
            for b in used:
                ax.annotate(
                    f"n={b.count}",
                    (b.mean_forecast, b.observed),
                    textcoords="offset points",
                    xytext=(9, -3),
                    color=INK,
                    fontsize=8,
                )
        else:
            ax.text(0.5, 0.55, "No resolved predictions yet", ha="center", color=GUIDE, fontsize=11)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.02, 1.02)
        ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        ax.set_xticks(ticks, [f"{round(t * 100)}%" for t in ticks])
        ax.set_yticks(ticks, [f"{round(t * 100)}%" for t in ticks])
        ax.set_xlabel("Forecast likelihood (mean of each ICD 203 band)")
        ax.set_ylabel("Share that happened")
        ax.grid(True, color="#E4E7EB", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=2, frameon=False, fontsize=8)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()
