"""Site chrome: the lines a page wraps around an article (breadcrumbs, menus, share and
subscribe prompts, comment forms, cookie and ad-block notices, related posts, copyright...).

The rules describe kinds of chrome by their wording and shape, not by any one site's text, so
they apply to pages they were never tuned on. Web extraction and plain text use the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_FLAGS = re.IGNORECASE

# Lines that are chrome whatever their length (specific wording no article sentence uses).
_ALWAYS = re.compile(
    r"this site uses akismet|how your comment data is processed"
    r"|(ad[ -]?block(er)?|ad blocker)s? (is |was )?detected"
    r"|disabl\w* (your |the )?ad[ -]?block|whitelist (our|this) (site|website|domain)"
    r"|(you are|you're|are you) using an ad[ -]?block"
    r"|your email address will not be published|required fields are marked"
    r"|save my name, email,? and website"
    r"|you must be (logged|signed) in to (post|leave) a comment"
    r"|by continuing to (browse|use)[^.]*(cookies|you (accept|agree))"
    r"|(we|this (site|website)) uses? cookies"
    r"|all rights reserved|tous droits réservés|alle rechte vorbehalten"
    r"|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone"
    r"|все права защищены"
    # reprint notices of syndicated and paywalled copies
    r"|for (your )?personal,? non-?commercial use only|presentation-ready copies"
    r"|to order (multiple|reprint|additional) copies|non-personal use or to order",
    _FLAGS,
)

# Short lines (menus, prompts, headers of page furniture) that are chrome.
_SHORT = re.compile(
    r"^\W*("
    # comments
    r"leave a (comment|reply)|post a comment|add a comment|write a comment|cancel reply"
    r"|\d+\s+comments?|comments?( \(\d+\))?|no comments( yet)?|show comments|view comments"
    r"|be the first to comment|join the (conversation|discussion)|comment policy"
    r"|log ?in to (comment|reply)|reply|responses?"
    # related content
    r"|related( posts| articles| stories| content| reading| news)?|you (may|might) also like"
    r"|recommended( for you| stories| articles| reading)?|read (more|next|also)|also read"
    r"|more (stories|articles|news|from \w+( \w+)?)|popular( posts| stories| now)?"
    r"|trending( now| stories)?|most (read|popular|viewed|shared)|latest (news|posts|stories)"
    r"|don'?t miss|editor'?s picks|top stories|further reading on our site"
    # sharing, following, subscribing
    r"|share( this( article| post| story| page)?| on \w+| via \w+)?|tweet( this)?|pin it"
    r"|email( this( article)?)?|print( this( article| page)?)?|copy link|copied"
    r"|save( (this )?(article|story|for later))?|bookmark|gift (this )?article|follow"
    r"|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|flipboard|threads"
    r"|bluesky|mastodon|instagram|youtube|tiktok|rss"
    r"|follow us( on \w+)?|like us on facebook|subscribe( now| today| to \w+( \w+)*)?"
    r"|sign up( now| for \w+( \w+)*)?|newsletter|get the newsletter|join our (newsletter|list)"
    r"|(sign|log) ?in|register|my account|menu|search|skip to (main )?content|back to top"
    r"|\d+\s*(min|mins|minutes?)( read| reading time)?|reading time\W*\d+\s*(min|minutes?)?"
    r"|listen( to (this|the) (article|story))?|\d+:\d{2}|play video|watch( video)?"
    r"|advertisement|sponsored( content)?|ad|continue reading|loading\W*|click here\W*"
    # navigation
    r"|(previous|next|prev|older|newer)( (article|post|story|page|posts|entries))?"
    r"|accept( all)?( cookies)?|cookie (policy|settings|preferences)|privacy policy"
    r"|terms (of (use|service)|and conditions)|about us|contact( us)?"
    # the same prompts in the other languages analysts commonly read
    r"|partager|teilen|compartir|condividi|udostępnij|поделиться|κοινοποίηση|delen"
    r"|suivez[- ]nous|folgen sie uns|síguenos|seguici|abonnez[- ]vous|abonnieren|suscríbete"
    r"|iscriviti|подписаться"
    r"|(\d+ )?(commentaires?|kommentare?|comentarios?|commenti|komentarze?|комментарии)"
    r"( \(\d+\))?|(à )?lire aussi|auch interessant|mehr zum thema|lee también|leggi anche"
    r"|czytaj (też|także|również)|читайте также|publicité|anzeige|publicidad|pubblicità"
    r"|reklama|реклама"
    # page widgets, paywalls, feedback and donation prompts
    r"|like this|like loading|show more|load more|see (all|more)( \w+)?|topics|up next"
    r"|manage (preferences|cookies|consent)|font size|text size|report an? (error|typo)"
    r"|reprints?( (&|and) permissions)?|permissions|corrections policy"
    r"|was this (article|story|page) (helpful|useful)|yes\W+no|thank you for your feedback"
    r"|support (independent|our|quality) journalism|donate( now| today)?"
    r"|become a (member|subscriber)"
    r"|(join|follow) (us|our) \w+ (channel|group)|(download|get) (our|the) app"
    r"|already (a subscriber|have an account)\W*(log ?in|sign ?in)?"
    r"|newsletter sign[- ]?up|advertisement\W+(scroll|continue|story)[\w ]*"
    r"|explore more( on these topics)?|reuse this content|type your email|start writing"
    r"|discussion about this (post|article|story)|ready for more|upgrade to (paid|premium)"
    r"|give a gift subscription|restack|open in (the )?app|more in this section|jump to"
    r"|key (moments|events)|show key events only|featured|pinned|updated|after \w+ promotion"
    r"|please (turn on|enable) javascript"
    r")\W*$",
    _FLAGS,
)

# Lines with a chrome prefix: tags and categories, copyright, credits, prev/next links.
_PREFIX = re.compile(
    r"^\W*("
    r"(tags?|tagged|categor(y|ies)|filed under|posted in|topics?)\s*[:|]"
    r"|(©|\(c\)|copyright\s*(©|\(c\)|:|\d{4}))"
    r"|(previous|next|prev)\s+(article|post|story)\s*[:»›→-]"
    r"|(click|tap) here\b"
    # credit lines of the newsroom: "Reporting by ...; Editing by ..."
    r"|(additional )?(reporting|writing|editing|compiled|research|graphics|production"
    r"|fact[- ]checking) by\b"
    r"|our (editorial )?(standards|ethics policy)\s*:"
    r"|(partager|teilen|compartir|condividi|udostępnij|поделиться)\s*:"
    r"|(share|follow us|subscribe|sign up)\b[^.]{0,60}(facebook|twitter|linkedin|whatsapp"
    r"|telegram|email|newsletter|inbox|youtube|instagram|x\b)"
    r"|(get|receive) (the latest|our|daily|weekly)[^.]{0,60}(inbox|newsletter|email)"
    r")",
    _FLAGS,
)

# Short lines that start like page furniture: syndication and photo credits, share buttons,
# paywall and script notices, "Posted in/by ..." lines.
_SHORT_PREFIX = re.compile(
    r"^\W*("
    r"this (article|story|piece|post) (was |is )?(originally |first )?(published|appeared)\b"
    r"|(photo|image|picture|video)s? (by|courtesy( of)?|credit)\b[^.]{0,70}$"
    r"|(click|tap) to (share|print|email)\b|share (on|via) \w+\s*\(opens"
    r"|story continues below|(scroll|continue) (down )?to (continue|read)\b"
    r"|(this (content|article|story) is (only )?(for|available to) (paying )?subscribers)"
    r"|(continue|keep) reading with\b|subscribe (now )?to (continue|read|unlock)\b"
    r"|please enable javascript\b|(posted|filed) (in|under|by)\s+[^.]{0,80}$"
    # newsletter and subscription prompts
    r"|(sign up|subscribe|get|join|receive)\b.{0,60}\b(our|free|daily|weekly)\b.{0,30}"
    r"(newsletters?|emails?|podcast)\b|thanks for reading\b[^.,;:]{0,30}[!.]|subscribe for free\b"
    r"|(continue|keep) reading this (post|article|story)\b"
    r"|this (post|article|story|content) is (only )?for (paid |premium )?subscribers"
    r"|privacy (notice|policy)\s*:|newsletters? may contain\b"
    # calls to action: "Follow us for more updates on ...", "Stay tuned for more"
    r"|(follow|join) us\b[^.!?]{0,60}\bfor (more|the latest|regular|daily|all)\b"
    r"|for (more|the latest|regular|daily) (updates|news|stories|articles)\b[^.!?]{0,40}"
    r"\b(follow|join|subscribe|like)\b"
    r"|stay tuned\b[^.!?]{0,30}\bfor more\b|(like|share),? (and|&) (share|like|subscribe)\b"
    r")",
    _FLAGS,
)

# Credits and link teasers standing on their own line ("(Graphic: ...)" in brackets is part
# of a news story's text, so no leading punctuation here).
_TEASER = re.compile(
    r"^((photo|image|picture|illustration|video|graphic)s?( credit)?\s*[:|©]"
    r"|(read (more|also|next)|also read|see also|related|recommended|watch|listen|more)\s*:)",
    _FLAGS,
)

# Calls to comment: "Share your thoughts in the comments below!", "Let us know what you think".
_CALL_TO_COMMENT = re.compile(
    r"\b(in|to) the comments?( section)?( below)?\b|\bcomments? (below|section)\b"
    r"|\b(let us know|tell us|share your (thoughts|views|opinion))\b.*\b(think|below|comments?)\b"
    r"|\b(drop|leave) (us )?a comment\b",
    _FLAGS,
)

# Every _ALWAYS / _CALL_TO_COMMENT match contains one of these (lower case).
_ALWAYS_KEYS = (
    "akismet",
    "comment",
    "block",
    "whitelist",
    "email address",
    "required fields",
    "save my name",
    "cookie",
    "rights reserved",
    "droits",
    "rechte",
    "derechos",
    "diritti",
    "prawa",
    "права",
    "commercial use",
    "presentation-ready",
    "copies",
)
_CALL_KEYS = ("comment", "let us know", "tell us", "share your")
_BREADCRUMB_SEP = re.compile(r"\s[»›→/>|]\s|\s»|»\s")
_HOME = re.compile(r"^\W*(home|start|startseite|accueil|inicio|главная)\s*[»›→/>|:]", _FLAGS)
_MENU_SEP = re.compile(r"\s[|•·]\s")

# Headers after which, at the end of a page, only furniture follows.
_END_MARKER = re.compile(
    r"^\W*(related( posts| articles| stories| content)?|you (may|might) also like"
    r"|recommended( for you)?|more (stories|articles|from \w+( \w+)?)|read (next|more)"
    r"|leave a (comment|reply)|post a comment|\d+ comments?|comments?|join the (conversation"
    r"|discussion)|share( this( article| post| story)?)?|about the author|popular( posts)?"
    r"|trending( now)?|most (read|popular)|tags?\s*:.*|filed under\s*:.*)\W*$",
    _FLAGS,
)


def is_breadcrumb(text: str) -> bool:
    """``Home » World » Title`` and similar navigation trails."""
    line = text.strip()
    if len(line) > 300 or "\n" in line:
        return False
    if _HOME.match(line):
        return True
    return len(re.findall(r"[»›]", line)) >= 2


@lru_cache(maxsize=8192)
def is_chrome(text: str) -> bool:
    """Whether a line or block is site furniture rather than article text.

    Cached: the readers, the trailing cut and the common pass ask about the same lines."""
    line = " ".join(text.split())
    if not line or len(line) > 400:
        return False  # a notice this long is part of the article (and searching it is slow)
    lower = line.lower()
    # Substring checks first: the regexes below are slow on long lines.
    if any(k in lower for k in _ALWAYS_KEYS) and _ALWAYS.search(line):
        return True
    if len(line) > 300:
        return False
    if is_breadcrumb(line) or _SHORT.match(line) or _PREFIX.match(line) or _TEASER.match(line):
        return True
    if len(line) < 160 and _SHORT_PREFIX.match(line):
        return True
    if len(line) < 200 and any(k in lower for k in _CALL_KEYS) and _CALL_TO_COMMENT.search(line):
        return True
    parts = _MENU_SEP.split(line)
    if len(parts) >= 3 and all(0 < len(p) <= 30 for p in parts):
        return True
    # "*Share this article* · *Related Posts*": a bar of two or more furniture links
    return len(parts) >= 2 and all(_SHORT.match(p.strip("*_ ")) for p in parts)


def is_end_marker(text: str) -> bool:
    """A header that, near the end of a page, starts the trailing furniture."""
    return bool(_END_MARKER.match(" ".join(text.split())))


def trailing_cut(blocks: Sequence[str]) -> int:
    """Index of the first block of the page's trailing chrome (``len(blocks)`` if none).

    The cut is at the first end marker ("You may also like", "Leave a Comment", ...) after
    which nothing article-like follows: no long paragraph, or only a small tail. A marker that
    recurs (under each post of a blog's front page) ends an item, not the article.
    """
    total = sum(len(b) for b in blocks)
    # One pass from the end: the longest non-chrome block after i and their total length.
    longest_after = [0] * (len(blocks) + 1)
    tail_after = [0] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        size = 0 if is_chrome(blocks[i]) else len(blocks[i])
        longest_after[i] = max(longest_after[i + 1], size)
        tail_after[i] = tail_after[i + 1] + size
    markers: dict[str, int] = {}
    for block in blocks:
        if is_end_marker(block):
            key = " ".join(block.lower().split())
            markers[key] = markers.get(key, 0) + 1
    for i, block in enumerate(blocks):
        if i == 0 or not is_end_marker(block):
            continue
        if markers[" ".join(block.lower().split())] > 1:
            continue  # "3 comments" under every post of a front page: an item's footer
        if longest_after[i + 1] < 200 or tail_after[i + 1] * 4 < total:
            return i
    return len(blocks)
