"""The predictions table (estimative language on the template's scale: ICD 203 or the PHIA
yardstick), with contradictions flagged.

The same check before export is :func:`briefing.core.services.prediction_problems`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from briefing.core.model import markup
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
from briefing.core.rendering.markdown import CitationMarks, number_marks, render_inline


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


def confidence_text(prediction: Prediction) -> str:
    """The confidence as shown in a table: a dash until the analyst judges it (the table's
    note says so)."""
    return prediction.confidence.capitalize() or "—"


def table_note(scale: str = DEFAULT_SCALE) -> str:
    """The note under a predictions table: the scale's terms and bands, and what confidence
    and "not assessed" mean."""
    return (
        f"{scale_note(scale)} Confidence reflects the quality of the sources and reasoning, not "
        "likelihood. “Not assessed”: the source gives no estimative term; the likelihood is the "
        "analyst's to judge. A confidence of “—” is not judged yet."
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


def with_indicators(briefing: Briefing) -> bool:
    """Whether the table has an Indicators column: only when a prediction has indicators."""
    return any(i.strip() for p in briefing.predictions for i in p.indicators)


def _statement(
    prediction: Prediction,
    cell: Callable[[str], str],
    mark: Callable[[str | None], str],
    numbers: dict[str, int] | None,
) -> str:
    """The judgement's cell, with the mark of its source (``numbers`` is ``None`` when the
    table gives one mark on its heading): written as a citation, so the mark is set as in
    the sections, on the line of the word before it."""
    source = cited_source(prediction)
    if numbers is None or not source or source not in numbers:
        return cell(prediction.statement)
    cite = markup.citation(source)
    if markup.CITATION.fullmatch(cite):
        return cell(f"{prediction.statement} {cite}")
    return cell(prediction.statement) + mark(source)


def _nobr_ranges(html: str) -> str:
    """Parenthesised figures (``(55–80%)``, ``(68%)``) never break across lines."""
    return re.sub(r"\((\d+(?:–\d+)?%)\)", r'<span class="nobr">(\1)</span>', html)


def column_widths(indicators: bool) -> tuple[int, ...]:
    """Percent of the text width, column by column (the Word table uses them too): the
    judgement gets the room; the Indicators column, when there is one, is not cramped."""
    return (40, 17, 14, 12, 17) if indicators else (54, 18, 15, 13)


def _columns(indicators: bool) -> tuple[str, str]:
    """(colgroup, header row)."""
    widths = column_widths(indicators)
    cols = "".join(f'<col style="width: {w}%">' for w in widths)
    heads = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS[: len(widths)])
    return f"<colgroup>{cols}</colgroup>", heads


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
    numbers = source_numbers(briefing)
    scale = briefing.likelihood_scale

    def cell(text: str) -> str:
        return render_inline(text, citations=marks)

    def mark(source: str | None) -> str:
        if not source or source not in numbers:
            return ""
        return marks.mark([source]) if marks is not None else number_marks(numbers, [source])

    sources = {cited_source(p) for p in briefing.predictions}
    shared = next(iter(sources)) if len(sources) == 1 and None not in sources else None
    indicators = with_indicators(briefing)
    colgroup, heads = _columns(indicators)
    if shared:
        heads = heads.replace("Judgement</th>", f"Judgement{mark(shared)}</th>", 1)
    rows = []
    for prediction in briefing.predictions:
        likelihood, problem = likelihood_text(prediction, scale)
        flag = ""
        if problem:
            flag = f'<span class="likelihood-flag">{escape(short_flag(prediction, scale))}</span>'
        statement = _statement(prediction, cell, mark, None if shared else numbers)
        time_frame = prediction.timeframe or prediction.resolve_by or ""
        row = (
            f'<td class="p-statement">{statement}</td>'
            f'<td class="p-likelihood{" flagged" if problem else ""}">'
            f"{_nobr_ranges(escape(likelihood))}{flag}</td>"
            f'<td class="p-time">{_nobr_ranges(cell(time_frame)) if time_frame else "—"}</td>'
            f'<td class="p-confidence">{escape(confidence_text(prediction))}</td>'
        )
        if indicators:
            items = "".join(f"<li>{cell(i)}</li>" for i in prediction.indicators if i.strip())
            row += f'<td class="p-indicators">{f"<ul>{items}</ul>" if items else "—"}</td>'
        rows.append(f"<tr>{row}</tr>")
    return (
        f'<table class="predictions{" short" if len(rows) <= 5 else ""}">{colgroup}'
        f"<thead><tr>{heads}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="scale-note">{_nobr_ranges(escape(table_note(scale)))}</p>'
    )
