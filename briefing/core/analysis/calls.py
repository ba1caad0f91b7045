"""Calls to comment, share, follow or subscribe: sentences addressed to the reader, not news.

Recognised by their grammar and a small lexicon, never by a site's wording: an imperative
engagement verb ("Share", "Sign up", "Follow", "Tell us") whose object is the conversation,
the site or its channels (comments, newsletter, updates, this story, our app); a question put
to the reader about their opinion ("What do you think...?"); or a reader-facing offer
("If you enjoyed this post, subscribe...").
"""

from __future__ import annotations

import re

__all__ = ["is_call_to_action"]

_SOFTENER = (
    r"(?:(?:please|now|so|and|then|also|why not|don'?t forget to|do not forget to|be sure to|"
    r"make sure (?:to|you)|remember to|feel free to|you can|you may|click here to|"
    r"you (?:can|could) also)\s+)*"
)
_VERB = (
    r"(?:share|comment|subscribe|follow|sign[ -]?up|join|tell|let|like|click|tap|download|"
    r"register|leave|send|write|drop|read|check out|watch|listen|visit|support|donate|"
    r"contact|get|stay|sign|become|add|bookmark|email|e-mail|tweet|rate|review|give|"
    r"enter|submit|download|install|buy|order|try)"
)
# What the engagement is with: the reader's voice, the site, its channels.
_OBJECT = re.compile(
    r"(?i)\b(?:comments?|below|us\b|newsletters?|updates?|alerts?|(?:this|the|our) "
    r"(?:story|article|post|page|piece|video|podcast|site|blog|channel|feed|app|report|"
    r"webinar)|our (?:\w+ )?(?:newsletter|briefing|coverage|app|channel|feed|podcast|"
    r"community|forum|team|page|site|mailing list|subscribers?)|conversation|discussion|"
    r"forum|experiences?|thoughts|views|opinions?|facebook|twitter|instagram|linkedin|"
    r"youtube|tiktok|whatsapp|telegram|x\.com|rss|inbox|e-?mail address|subscription|"
    r"stay tuned|friends|full (?:report|story|text)|free (?:trial|copy|guide|weekly|daily))"
)
_IMPERATIVE = re.compile(rf"(?i)^[\W_]*{_SOFTENER}{_VERB}\b")
_READER_OPINION = re.compile(
    r"(?i)\b(?:what do you think|what are your thoughts|have your say|we(?:'d| would) love to "
    r"hear|let us know|tell us (?:what|how|in|below|your)|in the comments|comments? below|"
    r"join the (?:conversation|discussion|debate)|sign up (?:for|to)|subscribe (?:to|now|for|"
    r"today)|follow us|share (?:this|your)|leave a (?:comment|reply)|don'?t miss)\b"
)
_READER_OFFER = re.compile(
    r"(?i)^[\W_]*if you (?:enjoyed|liked|found|want|would like|'d like|are interested)\b.*"
    r"\b(?:subscribe|sign up|follow|share|newsletter|notified|e-?mail)"
)


def is_call_to_action(sentence: str) -> bool:
    """True when ``sentence`` asks the reader to comment, share, follow or subscribe."""
    text = " ".join(sentence.split())
    if not text:
        return False
    if _READER_OPINION.search(text) or _READER_OFFER.search(text):
        return True
    return bool(_IMPERATIVE.match(text) and _OBJECT.search(text))
