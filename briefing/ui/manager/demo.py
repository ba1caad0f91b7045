"""The demo briefing the manager previews: the bundled demo article drafted into a template."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from briefing.core import paths
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Meta, Section
from briefing.core.model.template import Brand, Template

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_ARTICLES: list[Article] | None = None


def demo_articles() -> list[Article]:
    """The imported demo article (imported once, then cached); empty if it cannot be read."""
    global _ARTICLES
    with _LOCK:
        if _ARTICLES is None:
            try:
                from briefing.core.importing import import_file

                _ARTICLES = [import_file(paths.demo_article_path())]
            except (ImportError, BriefingError, OSError):
                _ARTICLES = []
            except Exception:  # an importer bug must not break the manager
                log.exception("importing the demo article failed")
                _ARTICLES = []
        return list(_ARTICLES)


def skeleton_briefing(template: Template, brand: Brand | None) -> Briefing:
    """A briefing with the template's sections holding their guidance (no drafting needed)."""
    sections = [
        Section(
            id=spec.id,
            title=spec.title,
            markdown=spec.guidance or f"*{spec.title} goes here.*",
            guidance=spec.guidance,
            word_budget=spec.word_budget,
        )
        for spec in template.sections
    ]
    return Briefing(
        title="Demo briefing",
        subtitle=template.name,
        meta=Meta(organisation="Briefing", handling=template.handling),
        sections=sections,
        template=template,
        brand=brand,
    )


def demo_briefing(template: Template, brand: Brand | None = None) -> Briefing:
    """The demo article drafted into ``template`` (a skeleton when drafting is unavailable)."""
    articles = demo_articles()
    if articles:
        try:
            from briefing.core.drafting import draft_briefing

            briefing: Briefing = draft_briefing(articles, template, brand)
            if brand is not None:
                briefing = replace(briefing, brand=brand)
            return briefing
        except (ImportError, BriefingError):
            pass
        except Exception:  # a drafting bug must not break the manager: show the skeleton
            log.exception("drafting the demo briefing failed")
    return skeleton_briefing(template, brand)
