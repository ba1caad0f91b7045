"""The optional memory parts of a briefing's pages: "What changed since the last edition"
(from the previous edition kept in the file) and the forecast calibration appendix (from the
calibration record frozen into the file). Both read only the briefing: no file, no ledger."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

from briefing.core.memory.changes import changes_since_edition, context
from briefing.core.memory.chart import calibration_svg
from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand

Inline = Callable[[str], str]


def _pct(p: int | None) -> str:
    return "—" if p is None else f"{p}%"


def _diff_html(runs: list[tuple[str, str]], inline: Inline) -> str:
    out = []
    for i, (op, text) in enumerate(runs):
        if op == "same":
            text = context(text, keep_start=i > 0, keep_end=i < len(runs) - 1)
            out.append(inline(text))
        elif op == "added":
            out.append(f"<ins>{inline(text)}</ins>")
        else:
            gap = " " if i + 1 < len(runs) and runs[i + 1][0] == "added" else ""
            out.append(f"<del>{inline(text)}</del>{gap}")
    return "".join(out)


def changes_html(briefing: Briefing, inline: Inline) -> str:
    """The "What changed" section, or "" (not asked for, a first edition, or no changes)."""
    edition = briefing.edition
    if edition is None or not edition.show_changes:
        return ""
    changes = changes_since_edition(briefing)
    if changes is None:
        return ""
    since = f"edition {edition.number - 1}" if edition.number > 1 else "the last edition"
    if edition.previous_date:
        since += f" ({escape(edition.previous_date)})"
    parts = [
        f'<section class="part changes" id="sec-what-changed"><h2>What changed since {since}</h2>'
    ]
    if changes.empty:
        parts.append('<p class="changes-none">Nothing has changed since the last edition.</p>')
    if changes.judgements:
        rows = []
        for j in changes.judgements:
            label = {"added": "New", "removed": "Withdrawn", "revised": "Revised"}[j.status]
            if j.status == "revised" and j.old_probability != j.new_probability:
                likelihood = f"{_pct(j.old_probability)} → {_pct(j.new_probability)}"
            elif j.status == "removed":
                likelihood = _pct(j.old_probability)
            else:
                likelihood = _pct(j.new_probability)
            statement = inline(j.statement)
            if j.status == "revised" and j.old_statement.split() != j.statement.split():
                statement += f'<span class="was">Was: {inline(j.old_statement)}</span>'
            rows.append(
                f'<tr class="j-{j.status}"><td class="j-change">{label}</td>'
                f'<td>{statement}</td><td class="j-likelihood">{escape(likelihood)}</td></tr>'
            )
        parts.append(
            '<table class="changes-judgements"><colgroup><col style="width: 14%">'
            '<col style="width: 68%"><col style="width: 18%"></colgroup><thead><tr>'
            "<th>Change</th><th>Judgement</th><th>Likelihood</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if changes.new_sources or changes.dropped_sources:
        items = [
            f'<li><span class="tag">New</span> {inline(r.title)}'
            + (f", <i>{inline(r.site)}</i>" if r.site else "")
            + "</li>"
            for r in changes.new_sources
        ] + [
            f'<li><span class="tag dropped">Dropped</span> {inline(r.title)}</li>'
            for r in changes.dropped_sources
        ]
        parts.append(f'<h3>Sources</h3><ul class="changes-sources">{"".join(items)}</ul>')
    if changes.sections:
        parts.append("<h3>Text</h3>")
        for s in changes.sections:
            counts = {
                "added": "new section",
                "removed": "section removed",
                "changed": f"+{s.words_added} / −{s.words_removed} words",
            }[s.status]
            body = _diff_html(list(s.runs), inline)
            parts.append(
                f'<div class="diff"><p class="diff-title"><b>{inline(s.title)}</b> '
                f'<span class="diff-count">({counts})</span></p>'
                f'<p class="diff-text">{body}</p></div>'
            )
    parts.append("</section>")
    return "".join(parts)


def calibration_html(briefing: Briefing, inline: Inline) -> str:
    """The calibration appendix, or "" when the briefing carries no calibration record."""
    cal = briefing.calibration
    if cal is None:
        return ""
    svg = calibration_svg(cal)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    brier = (
        f"Brier score <b>{cal.brier:.3f}</b> (0 is perfect; always answering 50% scores 0.250)."
        if cal.brier is not None
        else "No prediction has been scored yet."
    )
    unknown = f", {cal.unknown} could not be told" if cal.unknown else ""
    rows = "".join(
        f"<tr><td>{escape(b.label.capitalize())} ({b.low}–{b.high}%)</td><td>{b.count}</td>"
        f"<td>{round(b.mean_forecast * 100)}%</td><td>{round(b.observed * 100)}%</td></tr>"
        for b in cal.bins
        if b.count
    )
    table = (
        '<table class="calibration"><thead><tr><th>Likelihood band</th><th>Forecasts</th>'
        f"<th>Mean forecast</th><th>Happened</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    alt = f"Calibration chart: {cal.resolved} resolved forecasts by likelihood band"
    return (
        '<section class="part appendix calibration" id="appendix-calibration">'
        "<h2>Appendix: forecast calibration</h2>"
        f'<p class="calibration-summary">{inline(cal.scope)}, as of {escape(cal.as_of)}: '
        f"{cal.resolved} prediction(s) resolved and scored{unknown}. {brier}</p>"
        f'<figure class="chart"><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
        "<figcaption>Each dot is one likelihood band: how often its forecasts came true against "
        "what they said. Dots on the dashed line are perfectly calibrated; above it, events "
        "happened more often than forecast. Bars show the 95% range a count this small "
        "allows.</figcaption></figure>"
        f"{table}</section>"
    )


def memory_css(brand: Brand) -> str:
    """Styles for the changes section and the calibration appendix."""
    c = brand.colors
    return f"""
section.changes h3 {{ font-size: 10.5pt; }}
.changes-judgements .j-change {{ font-weight: 700; color: {c.primary}; }}
.changes-judgements .j-likelihood {{ font-family: "{brand.fonts.heading}", sans-serif;
  font-weight: 700; white-space: nowrap; }}
.changes-judgements tr.j-removed td {{ color: {c.muted}; }}
.changes-judgements .was {{ display: block; font-size: 8pt; color: {c.muted}; }}
ul.changes-sources {{ font-size: 9.5pt; }}
.tag {{ font-size: 7.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em;
        color: {c.primary}; }}
.tag.dropped {{ color: {c.muted}; }}
.diff {{ margin: 0 0 0.7em; break-inside: avoid; }}
.diff-title {{ margin: 0 0 0.1em; }}
.diff-count {{ font-size: 8.5pt; color: {c.muted}; }}
.diff-text {{ font-size: 9.5pt; }}
ins {{ text-decoration: none; background: #DCF2E1; color: #0B5D1E; }}
del {{ color: #9B1C1C; background: #FBE3E3; }}
section.appendix {{ break-before: page; }}
figure.chart {{ margin: 0.6em 0 0.8em; text-align: center; break-inside: avoid; }}
figure.chart img {{ width: 150mm; max-width: 100%; }}
figure.chart figcaption {{ font-size: 8pt; color: {c.muted}; text-align: left; margin-top: 0.4em; }}
table.calibration td:not(:first-child), table.calibration th:not(:first-child) {{
  text-align: right; }}
"""
