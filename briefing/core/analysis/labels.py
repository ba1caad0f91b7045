"""Callout labels that say what a callout is: the article's own summary ("Key Takeaway",
"Bottom line", "TL;DR"), or advice to the reader ("Pro Tip", "Hint")."""

from __future__ import annotations

import re

__all__ = ["is_advice_label", "is_takeaway_label"]

_TAKEAWAY_LABEL = re.compile(
    r"(?i)^\s*(key\s+(takeaways?|points?|findings?|messages?|judge?ments?)|(the\s+)?takeaways?"
    r"|bottom\s+line|tl;?\s*dr|in\s+(short|brief)|at\s+a\s+glance)\s*[:.!?]?\s*$"
)


def is_takeaway_label(label: str | None) -> bool:
    """True for labels that mark the article's own key takeaway."""
    return bool(label and _TAKEAWAY_LABEL.match(label))


_ADVICE_LABEL = re.compile(
    r"(?i)^\s*(?:(?:pro|top|quick|expert)\s+)?(?:tips?|hints?|advice|how\s+to)\b"
)


def is_advice_label(label: str | None) -> bool:
    """True for labels of advice addressed to the reader ("Pro Tip", "Tip:", "Advice"):
    what the reader of the article should do, not what happened."""
    return bool(label and _ADVICE_LABEL.match(label))
