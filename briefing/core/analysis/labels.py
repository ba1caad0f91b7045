"""Callout labels that mark an article's own summary: "Key Takeaway", "Bottom line", "TL;DR"."""

from __future__ import annotations

import re

__all__ = ["is_takeaway_label"]

_TAKEAWAY_LABEL = re.compile(
    r"(?i)^\s*(key\s+(takeaways?|points?|findings?|messages?|judge?ments?)|(the\s+)?takeaways?"
    r"|bottom\s+line|tl;?\s*dr|in\s+(short|brief)|at\s+a\s+glance)\s*[:.!?]?\s*$"
)


def is_takeaway_label(label: str | None) -> bool:
    """True for labels that mark the article's own key takeaway."""
    return bool(label and _TAKEAWAY_LABEL.match(label))
