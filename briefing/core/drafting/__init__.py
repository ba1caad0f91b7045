"""Drafting: imported articles + a template -> a first-draft briefing (see ``draft``), switching
a briefing to another template (``switch``) and the bundled demo briefing (``demo``)."""

from briefing.core.drafting.draft import draft_briefing
from briefing.core.drafting.switch import apply_template, sections_dropped_by

__all__ = ["apply_template", "draft_briefing", "sections_dropped_by"]
