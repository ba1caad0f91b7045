"""Prediction candidates against the labelled set: precision, recall, bands, time frames.

Scored on the development part (what the rules were tuned on), the first held-out part (never
looked at while tuning, but measured after two rounds of tuning) and the fresh held-out part
(``prediction-labels-fresh.jsonl``: pages no other row uses, chosen by ``benchmarks/fresh.py``
and labelled before the rules were run on them) separately. A sentence is predicted positive when
``candidate_from`` proposes it. Band correctness: for labelled positives with an estimative
term that were proposed, the probability lies in the labelled term's band on ICD 203 and on
the PHIA yardstick; and no probability is given where the label has no term. Time frames:
for proposed positives, the extracted phrase matches the labelled one (same words, or one
inside the other) or both are absent; resolve-by dates must be equal where labelled.

``python -m benchmarks.bench_predictions --show dev`` lists the dev-part mistakes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from benchmarks.common import Figure
from benchmarks.labels import Labelled, load

QUICK_ROWS = 40


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    band_ok: int = 0
    band_n: int = 0
    band_phia_ok: int = 0
    tf_ok: int = 0
    tf_n: int = 0
    rb_ok: int = 0
    rb_n: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _frame_matches(got: str | None, want: str | None) -> bool:
    g, w = _norm(got), _norm(want)
    if not g or not w:
        return g == w
    return g == w or f" {g} " in f" {w} " or f" {w} " in f" {g} "


def score(rows: list[Labelled], mistakes: list[str] | None = None) -> Scores:
    from briefing.core.analysis.predictions import candidate_from
    from briefing.core.analysis.sentences import Sentence

    s = Scores()
    for row in rows:
        sentence = Sentence(row.text, "s1", "b1", 0, 0, 0, len(row.text), kind=row.kind)  # type: ignore[arg-type]
        icd = candidate_from(sentence, row.published, "icd203")
        phia = candidate_from(sentence, row.published, "phia")
        if icd is None:
            if row.positive:
                s.fn += 1
                if mistakes is not None:
                    mistakes.append(f"MISS {row.id}: {row.text}")
            else:
                s.tn += 1
            continue
        if not row.positive:
            s.fp += 1
            if mistakes is not None:
                mistakes.append(f"FALSE {row.id} [{row.label}]: {row.text}")
            continue
        s.tp += 1
        s.band_n += 1
        if row.term is None:
            ok = icd.probability is None
            ok_phia = phia is not None and phia.probability is None
        else:
            ok = icd.term == row.term
            ok_phia = phia is not None and phia.term == row.phia
        s.band_ok += ok
        s.band_phia_ok += ok_phia
        if mistakes is not None and not ok:
            mistakes.append(f"BAND {row.id}: want {row.term} got {icd.term} ({icd.wording})")
        s.tf_n += 1
        if _frame_matches(icd.timeframe, row.timeframe):
            s.tf_ok += 1
        elif mistakes is not None:
            mistakes.append(f"FRAME {row.id}: want {row.timeframe!r} got {icd.timeframe!r}")
        if row.resolve_by:
            s.rb_n += 1
            s.rb_ok += icd.resolve_by == row.resolve_by
            if mistakes is not None and icd.resolve_by != row.resolve_by:
                mistakes.append(f"DATE {row.id}: want {row.resolve_by} got {icd.resolve_by}")
    return s


def run(quick: bool) -> list[Figure]:
    rows, problems = load(limit=QUICK_ROWS if quick else None, fresh=not quick)
    if not rows:
        return [Figure("predictions: labelled set", 0, "rows", note="; ".join(problems[:1]))]
    figures: list[Figure] = []
    for part, target in (("dev", 0.9), ("held-out", 0.9), ("fresh", 0.9)):
        mine = [r for r in rows if r.part == part]
        if not mine:
            continue
        s = score(mine)
        pos = s.tp + s.fn
        pages = score([r for r in mine if r.id.startswith("page-")])
        own = score([r for r in mine if r.id.startswith("own-")])
        split = (
            f"pages {pages.tp}/{pages.tp + pages.fp} (recall {pages.tp}/{pages.tp + pages.fn}), "
            f"own {own.tp}/{own.tp + own.fp} (recall {own.tp}/{own.tp + own.fn})"
            if part != "fresh"
            else f"{len({r.id for r in mine})} sentences of 72 pages no other row uses"
        )
        figures += [
            Figure(
                f"predictions ({part}): precision",
                s.precision,
                "P",
                target=f">= {target}",
                met=s.precision >= target,
                note=f"{s.tp} of {s.tp + s.fp} proposed are forward-looking; "
                f"{len(mine)} sentences, {pos} positive; {split}",
            ),  # fmt: skip
            Figure(
                f"predictions ({part}): recall",
                s.recall,
                "R",
                target="(precision first)",
                note=f"{s.tp} of {pos} forward-looking sentences proposed",
            ),  # fmt: skip
            Figure(
                f"predictions ({part}): probability band right",
                s.band_ok / max(1, s.band_n),
                "share",
                note=f"ICD 203 {s.band_ok}/{s.band_n}, PHIA {s.band_phia_ok}/"
                f"{s.band_n}; no term -> not assessed counts as right only when None",
            ),  # fmt: skip
            Figure(
                f"predictions ({part}): time frame right",
                s.tf_ok / max(1, s.tf_n),
                "share",
                note=f"{s.tf_ok}/{s.tf_n} phrases; resolve-by {s.rb_ok}/{s.rb_n} dates",
            ),  # fmt: skip
        ]
    unresolved = len(problems)
    figures.append(
        Figure("predictions: labelled rows resolved", len(rows), "rows",
               note=f"{unresolved} unresolved" + (f" (e.g. {problems[0]})" if problems else "")),
    )  # fmt: skip
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--show":
        wanted = sys.argv[2]
        if wanted != "dev":
            sys.exit(
                "only the dev part's mistakes are shown (the held-out parts are not for tuning)"
            )
        rows, _ = load()
        mistakes: list[str] = []
        score([r for r in rows if r.part == "dev"], mistakes)
        print("\n".join(mistakes))
    else:
        for figure in run(quick=False):
            print(figure)
