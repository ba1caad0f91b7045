"""What both faces call: a briefing from a library template, its brand, the checks before export."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.core import services
from briefing.core.errors import BrandError, TemplateError
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Prediction
from briefing.core.storage.library import Library


def article() -> Article:
    return Article(
        "Harbour cranes slow down",
        blocks=[Block("paragraph", "Port operators reported slower unloading.", id="b1")],
    )


def test_a_new_briefing_has_the_templates_sections_and_brand() -> None:
    library = Library()
    empty = services.new_briefing(library, "standard")
    template = library.template("standard")
    assert [s.id for s in empty.sections] == [s.id for s in template.sections]
    assert all(not s.markdown for s in empty.sections)
    assert empty.sections[0].guidance == template.sections[0].guidance
    assert empty.template == template and empty.brand == library.brand(template.brand)
    assert empty.meta.handling == template.handling and empty.meta.date
    drafted = services.new_briefing(library, "standard", [article()], brand_id="ministry")
    assert drafted.title == "Harbour cranes slow down" and drafted.sources[0].id == "s1"
    assert drafted.brand is not None and drafted.brand.id == "ministry"
    with pytest.raises(TemplateError, match="no template with id 'nope'"):
        services.new_briefing(library, "nope")


def test_a_missing_brand_falls_back_only_when_the_template_named_it() -> None:
    library = Library()
    orphan = replace(library.template("standard"), brand="gone")
    assert services.resolve_brand(library, orphan) is None  # the renderer's default applies
    assert services.resolve_brand(library, orphan, "ministry").id == "ministry"  # type: ignore[union-attr]
    with pytest.raises(BrandError, match="no brand with id 'gone'"):
        services.resolve_brand(library, orphan, "gone")


def test_preflight_lists_what_the_cli_warns_about() -> None:
    b = services.new_briefing(Library(), "standard")
    required = [s.title for s in b.template.sections if s.required]  # type: ignore[union-attr]
    assert required == ["Background", "Key Takeaway"]
    assert services.preflight(b) == [
        f"required section '{title}' is empty and left out of the output" for title in required
    ]
    b.predictions = [Prediction("Talks resume", probability=90, term="unlikely")]
    problems = services.preflight(b, pages=99)
    assert problems[0].startswith("prediction 1 (“Talks resume”): “unlikely” means 20-45%")
    budget = b.template.page_budget  # type: ignore[union-attr]
    assert problems[-1] == f"99 pages; the template's page budget is {budget}"
    assert services.page_budget_problem(b, budget) is None
    assert services.preflight(b, pages=None) == problems[:-1]
