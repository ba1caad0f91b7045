"""The predictions table (estimative language on the template's scale: ICD 203 or the PHIA
yardstick), with contradictions flagged.

The same check before export is :func:`briefing.core.services.prediction_problems`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from briefing.core.model.document import Briefing, Prediction
from briefing.core.model.estimative import (
    DEFAULT_SCALE,
    band_of,
    check_term,
    normalise_term,
    scale_name,
    scale_note,
    term_for,
)


def likelihood_text(prediction: Prediction, scale: str = DEFAULT_SCALE) -> tuple[str, str | None]:
    """The likelihood as shown in the table, and the contradiction to flag (or ``None``)."""
    term = prediction.term.strip()
    p = prediction.probability
    problem = check_term(term, p, scale)
    if term:
        canonical = normalise_term(term, scale) or term
        if p is not None:
            return f"{canonical.capitalize()} ({p}%)", problem
        band = band_of(term, scale)
        if band is None:
            return canonical.capitalize(), None
        return f"{canonical.capitalize()} ({band.low}–{band.high}%)", None
    if p is not None:
        return f"{term_for(p, scale).capitalize()} ({p}%)", problem
    return "Not assessed", None


COLUMNS = ("Judgement", "Likelihood", "Time frame", "Confidence", "Indicators")


def table_note(scale: str = DEFAULT_SCALE) -> str:
    """The note under a predictions table: the scale's terms and bands, and what confidence
    and "not assessed" mean."""
    return (
        f"{scale_note(scale)} Confidence reflects the quality of the sources and reasoning, not "
        "likelihood. “Not assessed”: the source gives no estimative term; the likelihood is the "
        "analyst's to judge."
    )


SCALE_NOTE = table_note()  # on ICD 203, the default scale


def short_flag(prediction: Prediction, scale: str = DEFAULT_SCALE) -> str:
    """The table's one-line note on a likelihood whose term and percentage disagree."""
    p = prediction.probability
    name = scale_name(scale)
    on = name if scale == DEFAULT_SCALE else f"the {name}"
    if p is None or not 0 <= p <= 100:
        return "Check: percentage out of range"
    if normalise_term(prediction.term, scale) is None:
        return f"Check: term not on the {name} scale"
    return f"Check: {p}% reads “{term_for(p, scale)}” on {on}"


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Source id -> its number in the Sources list (1-based)."""
    return {a.id: n for n, a in enumerate(briefing.sources, start=1) if a.id}


def cited_source(prediction: Prediction) -> str | None:
    """The id of the source a prediction was quoted from, if any."""
    return prediction.source or (prediction.origin.source if prediction.origin else None)


def _citation(prediction: Prediction, numbers: dict[str, int]) -> str:
    """A superscript pointing at the Sources entry the candidate was quoted from."""
    number = numbers.get(cited_source(prediction) or "")
    if number is None:
        return ""
    return f'<sup class="cite"><a href="#source-{number}">{number}</a></sup>'


def predictions_table(briefing: Briefing, *, inline: Callable[[str], str] = escape) -> str:
    """The predictions as an HTML table (empty string when there are none).

    ``inline`` turns the analyst's text into HTML (escaping it; the renderer also wraps emoji).
    A statement proposed from an article carries a citation of that source, as drafted text does.
    """
    if not briefing.predictions:
        return ""
    numbers = source_numbers(briefing)
    scale = briefing.likelihood_scale
    rows = []
    for prediction in briefing.predictions:
        likelihood, problem = likelihood_text(prediction, scale)
        flag = ""
        if problem:
            flag = f'<span class="likelihood-flag">{escape(short_flag(prediction, scale))}</span>'
        indicators = "".join(f"<li>{inline(i)}</li>" for i in prediction.indicators if i.strip())
        time_frame = prediction.timeframe or prediction.resolve_by or "—"
        statement = inline(prediction.statement) + _citation(prediction, numbers)
        rows.append(
            "<tr>"
            f'<td class="p-statement">{statement}</td>'
            f'<td class="p-likelihood{" flagged" if problem else ""}">'
            f"{escape(likelihood)}{flag}</td>"
            f'<td class="p-time">{inline(time_frame)}</td>'
            f'<td class="p-confidence">{escape(prediction.confidence.capitalize())}</td>'
            f'<td class="p-indicators">{f"<ul>{indicators}</ul>" if indicators else "—"}</td>'
            "</tr>"
        )
    return (
        '<table class="predictions">'
        '<colgroup><col style="width: 42%"><col style="width: 17%"><col style="width: 13%">'
        '<col style="width: 12%"><col style="width: 16%"></colgroup>'
        f"<thead><tr>{''.join(f'<th>{label}</th>' for label in COLUMNS)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="scale-note">{escape(table_note(scale))}</p>'
    )
