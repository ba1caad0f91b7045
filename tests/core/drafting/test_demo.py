"""The demo briefing: the bundled demo article drafted into any template, a skeleton without it."""

from __future__ import annotations

import pytest

from briefing.core.drafting import demo
from briefing.core.drafting.demo import demo_briefing
from briefing.core.storage.library import Library


def test_demo_briefing_drafts_the_demo_article_into_each_template() -> None:
    library = Library()
    for template in library.templates():
        brand = library.brand(template.brand)
        briefing = demo_briefing(template, brand)
        assert [s.id for s in briefing.sections][: len(template.sections)] == [
            s.id for s in template.sections
        ]
        assert briefing.brand == brand and briefing.sources, template.id
        assert any(s.markdown.strip() for s in briefing.sections), template.id


def test_a_drafting_failure_still_shows_the_template_skeleton(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(demo, "draft_briefing", broken)
    template = Library().template("decision-memo")
    briefing = demo_briefing(template, Library().brand("default"))
    assert [s.id for s in briefing.sections] == [s.id for s in template.sections]
    assert briefing.sections[0].markdown == template.sections[0].guidance
    assert briefing.brand is not None and briefing.brand.id == "default"


def test_the_demo_article_is_imported_once() -> None:
    first = demo.demo_articles()
    assert first and first[0].title
    assert demo.demo_articles()[0] is first[0]  # cached, and handed out as a new list
    assert demo.demo_articles() is not first
