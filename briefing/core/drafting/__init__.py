"""Drafting: imported articles + a template -> a first-draft briefing within its budgets (see
``draft``), switching a briefing to another template (``switch``) and the bundled demo
briefing (``demo``)."""

from briefing.core.drafting.draft import Drafted, draft_briefing, draft_sections
from briefing.core.drafting.switch import (
    SwitchSummary,
    apply_template,
    sections_dropped_by,
    switch_summary,
)

__all__ = [
    "Drafted",
    "SwitchSummary",
    "apply_template",
    "draft_briefing",
    "draft_sections",
    "sections_dropped_by",
    "switch_summary",
]
