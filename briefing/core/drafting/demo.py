"""The demo briefing: the bundled demo article drafted into a template.

It is what a first run of the editor opens, and what the New-briefing dialog's and the manager's
thumbnails and previews show for each template and brand.
"""

from __future__ import annotations

import logging
import threading

from briefing.core import paths
from briefing.core.drafting.draft import draft_briefing
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Meta, Section
from briefing.core.model.template import Brand, Template

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_ARTICLES: list[Article] | None = None


def demo_articles() -> list[Article]:
    """The bundled demo article, imported once (thread-safe); empty if it cannot be read."""
    global _ARTICLES
    with _LOCK:
        if _ARTICLES is None:
            # Imported here, not at the top: the importer is not needed to show the editor's
            # window, and this module is (through the core services) at start-up.
            from briefing.core.importing import import_file

            try:
                _ARTICLES = [import_file(paths.demo_article_path())]
            except BriefingError as err:  # a trimmed install: the skeleton stands in
                log.warning("the demo article cannot be read: %s", err)
                _ARTICLES = []
        return list(_ARTICLES)


def skeleton_briefing(template: Template, brand: Brand | None) -> Briefing:
    """A briefing with the template's sections holding their guidance (nothing drafted)."""
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
    """The demo article drafted into ``template`` in ``brand`` (the skeleton without it)."""
    articles = demo_articles()
    if articles:
        try:
            return draft_briefing(articles, template, brand)
        except Exception:  # a drafting bug must not break a preview: show the skeleton
            log.exception("drafting the demo briefing failed")
    return skeleton_briefing(template, brand)
