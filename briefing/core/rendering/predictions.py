"""The predictions table (ICD 203 estimative language), with contradictions flagged.

The same check before export is :func:`briefing.core.services.prediction_problems`.
"""

from __future__ import annotations

import re
from html import escape

from briefing.core.model.document import Briefing, Prediction
from briefing.core.model.estimative import ICD203, check_term, normalise_term, term_for
from briefing.core.rendering.markdown import CitationMarks, number_marks, render_inline


def likelihood_text(prediction: Prediction) -> tuple[str, str | None]:
    """The likelihood as shown in the table, and the contradiction to flag (or ``None``)."""
    term = prediction.term.strip()
    p = prediction.probability
    problem = check_term(term, p)
    if term:
        canonical = normalise_term(term) or term
        if p is not None:
            return f"{canonical.capitalize()} ({p}%)", problem
        band = next((b for b in ICD203 if b.term == canonical), None)
        if band is None:
            return canonical.capitalize(), None
        return f"{canonical.capitalize()} ({band.low}–{band.high}%)", None
    if p is not None:
        return f"{term_for(p).capitalize()} ({p}%)", problem
    return "Not assessed", None


def _short_flag(prediction: Prediction) -> str:
    p = prediction.probability
    if p is None or not 0 <= p <= 100:
        return "Check: percentage out of range"
    if normalise_term(prediction.term) is None:
        return "Check: term not on the ICD 203 scale"
    return f"Check: {p}% reads “{term_for(p)}” on ICD 203"


def _source(prediction: Prediction) -> str | None:
    return prediction.source or (prediction.origin.source if prediction.origin else None)


def _nobr_ranges(html: str) -> str:
    """Parenthesised figures (``(55–80%)``, ``(68%)``) never break across lines."""
    return re.sub(r"\((\d+(?:–\d+)?%)\)", r'<span class="nobr">(\1)</span>', html)


def _columns(with_indicators: bool) -> tuple[str, str]:
    """(colgroup, header row); the Indicators column only when a prediction has one."""
    widths = (
        [("Judgement", 40), ("Likelihood", 17), ("Time frame", 14), ("Confidence", 12)]
        + [("Indicators", 17)]
        if with_indicators
        else [("Judgement", 54), ("Likelihood", 18), ("Time frame", 15), ("Confidence", 13)]
    )
    cols = "".join(f'<col style="width: {w}%">' for _, w in widths)
    heads = "".join(f'<th scope="col">{name}</th>' for name, _ in widths)
    return f"<colgroup>{cols}</colgroup>", heads


_SCALE = [
    ("almost no chance", "1–5%"),
    ("very unlikely", "5–20%"),
    ("unlikely", "20–45%"),
    ("roughly even chance", "45–55%"),
    ("likely", "55–80%"),
    ("very likely", "80–95%"),
    ("almost certain", "95–99%"),
]


def predictions_table(
    briefing: Briefing,
    *,
    citations: CitationMarks | None = None,
) -> str:
    """The predictions as an HTML table (empty string when there are none).

    The analyst's text (statement, time frame, indicators) is briefing Markdown on one line:
    emphasis renders, raw HTML stays text, emoji use their font. A statement proposed from an
    article carries a citation of that source, as drafted text does; when every row comes
    from the same source, the mark is given once, on the column heading, not down the column.
    """
    if not briefing.predictions:
        return ""
    marks = citations
    numbers = {a.id: n for n, a in enumerate(briefing.sources, start=1) if a.id}

    def cell(text: str) -> str:
        return render_inline(text, citations=marks)

    def mark(source: str | None) -> str:
        if not source or source not in numbers:
            return ""
        return marks.mark([source]) if marks is not None else number_marks(numbers, [source])

    sources = {_source(p) for p in briefing.predictions}
    shared = next(iter(sources)) if len(sources) == 1 and None not in sources else None
    with_indicators = any(i.strip() for p in briefing.predictions for i in p.indicators)
    colgroup, heads = _columns(with_indicators)
    if shared:
        heads = heads.replace("Judgement</th>", f"Judgement{mark(shared)}</th>", 1)
    rows = []
    for prediction in briefing.predictions:
        likelihood, problem = likelihood_text(prediction)
        flag = ""
        if problem:
            flag = f'<span class="likelihood-flag">{escape(_short_flag(prediction))}</span>'
        statement = cell(prediction.statement) + ("" if shared else mark(_source(prediction)))
        time_frame = prediction.timeframe or prediction.resolve_by or ""
        row = (
            f'<td class="p-statement">{statement}</td>'
            f'<td class="p-likelihood{" flagged" if problem else ""}">'
            f"{_nobr_ranges(escape(likelihood))}{flag}</td>"
            f'<td class="p-time">{_nobr_ranges(cell(time_frame)) if time_frame else "—"}</td>'
            f'<td class="p-confidence">{escape(prediction.confidence.capitalize())}</td>'
        )
        if with_indicators:
            items = "".join(f"<li>{cell(i)}</li>" for i in prediction.indicators if i.strip())
            row += f'<td class="p-indicators">{f"<ul>{items}</ul>" if items else "—"}</td>'
        rows.append(f"<tr>{row}</tr>")
    scale = ", ".join(f'{term} <span class="nobr">({band})</span>' for term, band in _SCALE)
    return (
        f'<table class="predictions{" short" if len(rows) <= 5 else ""}">{colgroup}'
        f"<thead><tr>{heads}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="scale-note">Likelihood terms follow the ICD 203 scale: {scale}. '
        "Confidence reflects the quality of the sources and reasoning, not likelihood.</p>"
    )
