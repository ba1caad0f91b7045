"""What both faces do: start a briefing from a template, open one, find its brand, check it
before export.

The editor and the command line call these same functions, so a briefing made, branded or
checked in one reads the same in the other.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from briefing.core.drafting import apply_template, draft_briefing
from briefing.core.errors import BrandError, DocumentError
from briefing.core.model import markup
from briefing.core.model.article import Article
from briefing.core.model.document import UNTITLED, Briefing, Meta, Prediction
from briefing.core.model.estimative import check_term
from briefing.core.model.template import Brand, Template
from briefing.core.storage.document_io import load_briefing, loads_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.preferences import Preferences, load_preferences


def resolve_brand(
    library: Library, template: Template, brand_id: str | None = None
) -> Brand | None:
    """The brand to make a briefing with: ``brand_id`` when given (an unknown one is an error),
    else the template's own; ``None`` when the template names a brand that is gone, so the
    renderer's default applies."""
    if brand_id:
        return library.brand(brand_id)
    try:
        return library.brand(template.brand)
    except BrandError:
        return None


def new_briefing(
    library: Library,
    template_id: str,
    articles: Sequence[Article] = (),
    *,
    brand_id: str | None = None,
    preferences: Preferences | None = None,
) -> Briefing:
    """A new briefing in the library's template ``template_id``: ``articles`` drafted into it,
    or, with none, its empty sections showing their guidance. Template and brand are kept as
    snapshots (see :func:`resolve_brand` for which brand); the analyst and organisation are the
    defaults chosen in Preferences (``preferences``, else the saved ones)."""
    template = library.template(template_id)
    brand = resolve_brand(library, template, brand_id)
    if articles:
        briefing = draft_briefing(list(articles), template, brand)
    else:
        empty = Briefing(
            title=UNTITLED,
            meta=Meta(handling=template.handling, date=date.today().isoformat()),
        )
        briefing = apply_template(empty, template)
        briefing.brand = copy.deepcopy(brand)
    prefs = preferences if preferences is not None else load_preferences()
    briefing.meta.analyst = briefing.meta.analyst or prefs.analyst
    briefing.meta.organisation = briefing.meta.organisation or prefs.organisation
    return briefing


def load_document(path: Path) -> Briefing:
    """A ``.briefing`` file, or the ``.briefing`` source attached to a PDF that Briefing
    exported; :class:`DocumentError` names the file when it is neither."""
    if path.suffix.lower() != ".pdf":
        return load_briefing(path)
    from briefing.core.rendering.pdf import source_from_pdf  # the renderer only for a PDF

    text = source_from_pdf(path)
    if text is None:
        raise DocumentError(
            "this PDF carries no .briefing source (Briefing attaches it on export)", path
        )
    return loads_briefing(text, name=str(path))


def _label(prediction: Prediction, index: int) -> str:
    statement = " ".join(prediction.statement.split())
    short = statement if len(statement) <= 60 else statement[:57].rstrip() + "..."
    return f"prediction {index} (“{short}”)"


def prediction_problems(briefing: Briefing) -> list[str]:
    """One line per prediction whose estimative term contradicts its percentage.

    Also flags a percentage outside 0-100 and a term that is not on the briefing's scale (its
    template's: ICD 203 or the PHIA yardstick).
    """
    problems = []
    for index, prediction in enumerate(briefing.predictions, start=1):
        problem = check_term(prediction.term, prediction.probability, briefing.likelihood_scale)
        if problem:
            problems.append(f"{_label(prediction, index)}: {problem}")
    return problems


def empty_required_sections(briefing: Briefing) -> list[str]:
    """Required sections still empty: the output leaves them out, so say so before it goes.

    A section that holds the predictions table is not empty while there are predictions.
    """
    if briefing.template is None:
        return []
    required = {s.id for s in briefing.template.sections if s.required}
    return [
        f"required section '{s.title}' is empty and left out of the output"
        for s in briefing.sections
        if s.id in required
        and not s.markdown.strip()
        and not (briefing.predictions and markup.is_predictions_section(briefing, s))
    ]


_CITED = re.compile(r"\s*" + markup.CITATION_PATTERN)


def check_note_problems(briefing: Briefing) -> list[str]:
    """One line per check note still in a section (sources disagreeing, flagged by drafting):
    a note for the analyst must not go out as if it were content."""
    out = []
    for section in briefing.sections:
        for note in markup.check_notes(section.markdown):
            text = " ".join(_CITED.sub("", note).split())
            short = text if len(text) <= 90 else text[:87].rstrip() + "..."
            out.append(f"'{section.title}' still has a check note for the analyst: {short}")
    return out


def page_budget_problem(briefing: Briefing, pages: int) -> str | None:
    """The line to show when ``pages`` is over the template's page budget, else ``None``."""
    budget = briefing.template.page_budget if briefing.template else None
    if budget and pages > budget:
        return f"{pages} pages; the template's page budget is {budget}"
    return None


def preflight(briefing: Briefing, *, pages: int | None = None) -> list[str]:
    """The checks before a briefing goes out, one line each: check notes left for the analyst
    (sources that disagree), predictions whose term and likelihood disagree, required sections
    left empty and, when the page count is known (``pages``), a page budget exceeded.
    ``briefing export`` prints them as warnings and the editor's export dialog shows them."""
    problems = (
        check_note_problems(briefing)
        + prediction_problems(briefing)
        + empty_required_sections(briefing)
    )
    over = page_budget_problem(briefing, pages) if pages else None
    return problems + ([over] if over else [])
