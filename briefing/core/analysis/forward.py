"""Is a sentence a forward-looking statement? The grammar behind prediction candidates.

Forward-looking: a future-directed verb ("will", "is expected to", "is likely to", "is set
to", "plans to", "is due to", "Expect ... to") or, with a softer modal ("could", "may",
"should") or a plain present tense, an unmistakably future time ("next year", "within
weeks", a date after the article's). Not forward-looking: questions, calls to comment,
counterfactuals and conditionals about the past ("had the cable been laid ..., it would
have ..."; "would have", "could have"), past events and hedged explanations of them ("it was
likely the longest outage"; "probably caused by"; "was expected to"), reported past
intentions ("said in 2019 it planned to"), sentences naming only past years, and sentences
that speak to the reader or about the writer ("You will need ...", "I will ...", "In this
article we will look at ..."), or state what is generally so ("They will chill the drink").
Rules are grammar and small lexicons; none names a site or a page.
"""

from __future__ import annotations

import re

from briefing.core.analysis.calls import is_call_to_action
from briefing.core.analysis.likelihood import estimative_term
from briefing.core.analysis.terms import STOPWORDS, word_set
from briefing.core.analysis.timeframes import (
    Timeframe,
    find_timeframe,
    future_marker,
    years_named,
)

__all__ = ["is_forward_looking"]

_NOUN_WILL = r"(?<!\bthe )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bown )(?<!\bof )(?<!\bfree )"
_WILL = re.compile(
    rf"(?:{_NOUN_WILL}\b(?:will|WILL)|'ll|’ll|\bwon[’']t)\s+(?:\w+ly\s+|not\s+|also\s+"
    r"|still\s+|soon\s+|then\s+|now\s+|be\s+)*(?!to\b|of\b|and\b|the\b|a\b)[a-z]+"
)
_BE = r"(?:is|are|'s|’s|'re|’re|remains?|looks?|seems?|appears?)"
_FUTURE_BE = re.compile(
    rf"(?i)\b{_BE}\s+(?:\w+ly\s+|now\s+|still\s+|also\s+|not\s+)*(?:expected|likely|unlikely|"
    r"set|due|poised|scheduled|slated|on track|about|certain|bound|forecast|projected|"
    r"planned|planning|preparing|going|widely expected|tipped|predicted|almost certain|"
    r"very likely|highly likely|unlikely|improbable|probably going|in line)\s+to\s+"
    r"(?!(?:the|a|an|its|their|his|her|this|that|these|those|our|my|your|\w+ing)\b)\w+"
    r"|(?:^|[–—,(]\s*)(?:set|poised|slated|expected|scheduled|tipped)\s+to\s+(?:be|become)\b"
)
# "plans to", "has pledged to", "proposes a": a verb, so not after "the", "his", "made"...
_PLANS = re.compile(
    r"(?i)\b(?:plans?|aims?|intends?|hopes?|vows?|pledges?|promises?|threatens?|expects?|"
    r"proposes?|seeks?|is planning|are planning|is preparing|are preparing|is looking|"
    r"are looking|is hoping|are hoping|predicts?|(?:has|have) (?:pledged|"
    r"vowed|promised|threatened|undertaken))\s+(?:to|that)\b"
    r"|\b(?:has|have) (?:committed|agreed|decided)\s+to\b"
    r"|\b(?:forecasts|projects)\s+that\b"  # "a project to answer ...": a noun, not a forecast
    r"|\b(?:plans|intends|proposes)\s+(?:a|an|new|further|its|their)\b"
    r"|(?<=[a-z]s )(?:plan|intend|propose)\s+(?:a|an|new|further|its|their)\b"  # "operators plan a"
)
# Before "plans to", "expect to"...: a noun use ("the plans to") or a negation ("cannot expect").
_NOT_A_SUBJECT = word_set(
    "the a an no any his her their its our my your make made making of with cannot can't can’t "
    "would could might should may must to"
)
_IRREGULAR_PAST = re.compile(
    r"(?i)\b(?:was|were|had|did|has been|have been|said|told|left|came|went|found|took|made|"
    r"began|fell|rose|saw|won|lost|met|held|sent|spent|built|sold|paid|led|got|gave|knew|"
    r"thought|brought|bought|became|ran|wrote|struck|hit|cut|put|set off|bid|sought|fought|"
    r"taught|caught|chose|drove|rode|wore|tore|froze|broke|spoke|stole|woke|drew|grew|threw|"
    r"flew|blew|hung|sang|rang|sank|swam|shook|forgot|withdrew|arose|fled|slid|stood|understood|"
    r"overtook|undertook)\b"
)
_NOT_PAST_ED = word_set(
    "need feed seed speed breed proceed exceed succeed bed red shed wed hundred based "
    "expected planned scheduled proposed advanced"
)
_PARTICIPLE_AUX = word_set("be been being get got")
_CUE_WORDS = word_set(
    "will shall won won't going likely unlikely set due poised scheduled slated track bound "
    "plan plans planning aim aims intend intends vow vows wants want seek seeks chance "
    "possibility prospect odds risk doubtful toss-up tossup committed agreed decided "
    "undertaken preparing looking tipped next coming upcoming expect expects expected "
    "expecting probably probable improbable pledge pledges pledged promise promises "
    "promised threaten threatens threatened propose proposes proposed forecast forecasts "
    "predict predicts project projects projected certain certainly hope hopes hoping"
)


_HEDGED_BY = word_set("would could might should may must")


def _plans(text: str) -> bool:
    for m in _PLANS.finditer(text):
        before = text[: m.start()].split()
        previous = before[-1].lower().strip('"“‘(') if before else ""
        near = {w.lower().strip(",;'’\"“”") for w in before[-3:]}
        if near & _HEDGED_BY:
            continue  # "should not, however, expect to", "would also hope that"
        if previous not in _NOT_A_SUBJECT and not previous.endswith(("'s", "’s")):
            return True
    return False


def _past_verb(text: str) -> bool:
    """True when the sentence has a verb in the past tense (regular or common irregular)."""
    if _IRREGULAR_PAST.search(text):
        return True
    words = text.replace("’", "'").split()
    for n, raw in enumerate(words):
        word = raw.strip("\"“”‘'(),.;:!?*_").lower()
        if len(word) < 5 or not word.endswith("ed") or not word.isalpha():
            continue
        if word in _NOT_PAST_ED:
            continue
        previous = words[n - 1].strip("\"“”‘'(),").lower() if n else ""
        if previous not in _PARTICIPLE_AUX:
            return True
    return False


def _any_cue(text: str) -> bool:
    """A cheap first look: does any word that could start a forecast occur at all?"""
    words = set(re.findall(r"[a-z'’-]+", text.lower()))
    return (
        bool(words & _CUE_WORDS)
        or "'ll" in text
        or "’ll" in text
        or bool(re.search(r"\d{4}", text))
    )


_EXPECT_IMPERATIVE = re.compile(
    r"^[\W_]*Expect\s+\w+|(?i:\bexpects\b|\b(?:we|they|analysts|economists|officials|"
    r"investors|markets|traders|experts|forecasters|observers)\s+(?:now\s+|also\s+)?expect\b)"
)
_GOING_TO = re.compile(r"(?i)\b(?:is|are|'s|’s|'re|’re|am)\s+going\s+to\s+(?!the\b|a\b|an\b)\w+")
_SOFT_MODAL = re.compile(
    r"(?i)\b(?:could|may|might|should|must|can)\s+(?:\w+ly\s+|also\s+|still\s+|soon\s+)*"
    r"(?!have\b)[a-z]+"
)
_ESTIMATIVE_ADJ = re.compile(
    r"(?i)\b(?:likely|unlikely|probable|improbable|certain|possible|expected|due|scheduled|"
    r"set|planned)\s+(?:before|by|until|in|within|next|this|later|soon)\b"
    r"|\b(?:likely|unlikely|probable|improbable|possible|certain)\s+that\b"
)
# "A ceasefire is highly unlikely while ...", "There is a realistic possibility that ..."
_JUDGED_EVENT = re.compile(
    r"(?i)\b(?:is|are|remains?)\s+(?:\w+ly\s+)?(?:unlikely|likely|improbable|probable|"
    r"almost certain|a (?:near )?certainty|a toss-?up|doubtful)\s*(?:[.,;]|$|while|until|"
    r"before|unless|as long as|so long as|for now|in the)"
    r"|\bthere\s+(?:is|are|remains?)\s+(?:now\s+)?(?:a|an|only a|almost no|little|some|"
    r"every)\s+(?:\w+\s+){0,2}(?:chance|possibility|prospect|likelihood|odds|risk)\s+"
    r"(?:that|of)\b"
)
_SCHEDULED = re.compile(r"(?i)\b(?:scheduled|slated|due|set)\s+for\b")
_WOULD = re.compile(r"(?i)\bwould\b|\w['’]d\b")
# Verbs of a timetable, in the present tense, or a present progressive ("is meeting").
_SCHEDULE = re.compile(
    r"(?i)\b(?:opens?|starts?|begins?|resumes?|meets?|returns?|arrives?|launches|launch|"
    r"kicks? off|takes? place|premieres?|debuts?|ends?|closes?|expires?|runs?|leaves?|lands?|"
    r"goes on sale|go on sale|hits? (?:stores|shelves|theaters|theatres)|reopens?|convenes?|"
    r"votes?|travels?|visits?|departs?|is held|are held|comes? into force|takes? effect|"
    r"rolls? out|ships?|releases?|is released|are released|goes live|go live|enters? into force|"
    r"goes to the polls|go to the polls|faces?|plays?|hosts?|finish(?:es)?(?: off)?|"
    r"takes? on|heads?|fly|flies)\b"
    r"|\b(?:is|are|am)\s+(?:\w+ly\s+)?\w+ing\b"
)
_ASIDE = re.compile(r"(?i),\s*(?:which|who|whom|whose|of which|where)\b[^,;.]*,")
_CONDITION = re.compile(
    r"(?i)\b(?:if|unless|whether|whenever|provided(?: that)?|in case|as long as|so long as)\b"
    r"[^,;:.]*"
)

# Grammar of the past, of counterfactuals and of talk about the text itself.
_PAST_MODAL = re.compile(
    r"(?i)\b(?:would|could|might|should|must|may)(?:\s+\w+ly)?(?:\s+not)?\s+have\s+"
    r"(?:been\s+)?\w+(?:ed|en|wn|un|ht|lt|nt|pt|id|ne|de|ll|ve|aid)\b"
    r"|\b(?:would|could|might)n[’']t\s+have\b|\b(?:would|could|might|should)[’']ve\b"
)
_INVERTED_IF = re.compile(
    r"(?i)^[\W_]*(?:had|were)\s+(?:the|a|an|it|they|he|she|we|i|this|that|there|[A-Z]\w+)\b"
    r"[^,]{0,80}\b(?:been|known|not|had|\w+ed)\b"
)
_IF_HAD = re.compile(r"(?i)\b(?:if|unless|had)\b[^.;]{0,80}\bhad\s+(?:not\s+)?\w+(?:ed|en|wn|ne)\b")
_PAST_FUTURE = re.compile(
    r"(?i)\b(?:was|were|had been)\s+(?:\w+ly\s+|not\s+|also\s+)*(?:expected|likely|unlikely|"
    r"set|due|poised|scheduled|slated|supposed|about|going|planned|planning|meant|bound|"
    r"forecast|projected|predicted|hoped|intended|certain|on track)\s+to\b"
    r"|\bhad\s+(?:\w+ly\s+)?(?:planned|intended|hoped|expected|wanted|promised|pledged|vowed|"
    r"aimed)\b"
    r"|\bwould\s+(?:later|go on|eventually|soon|never again|one day)\b"
    r"|\b(?:was|were)\s+to\s+(?:be|become|have)\b"
    r"|\b(?:did not|didn't|didn’t)\s+(?:\w+\s+){0,2}(?:intend|plan|expect|want|mean)\b"
)
_PAST_ANCHOR = re.compile(
    r"(?i)\b(?:last (?:year|month|week|spring|summer|autumn|fall|winter)|(?:a|two|three|"
    r"several|many|\d+) (?:years?|months?|weeks?|decades?) ago|at the time|back then|"
    r"in the past|previously|earlier this (?:year|month)|yesterday)\b"
)
_REPORTED_PAST = re.compile(
    r"(?i)\b(?:said|told|announced|stated|claimed|predicted|promised|vowed|warned|insisted|"
    r"reported|wrote)\b[^.;]{0,60}\b(?:would|planned to|intended to|expected to|hoped to|"
    r"was going to|were going to)\b"
)
# Uncertainty is not a forecast: "he doesn't know what Congress will give him".
_OPEN_QUESTION = re.compile(
    r"(?i)^[\W_]*(?:\w+\W+){0,3}whether\b|\b(?:do|does|did)\s*(?:not|n[’']t)\s+know\s+"
    r"(?:what|whether|if|how|when|who|where)\b|\b(?:unclear|uncertain|not clear|unknown|"
    r"no one knows|nobody knows)\s+(?:what|whether|if|how|when|who|where)\b"
)
_READER = re.compile(r"(?i)\b(?:you|your|yours|yourself|you'll|you’ll|you'd|you’d|you're|you’re)\b")
_WRITER = re.compile(
    r"\bI\b|\b(?:me|my|myself)\b|(?i:\b(?:in this (?:article|post|guide|piece|series|chapter|"
    r"section|video|episode)|this (?:guide|article|post|book|tutorial|course|video|chapter|"
    r"section)\s+will|(?:below|here)[, ]+we)\b"
    r"|\bwe\s+(?:will|'ll|’ll|shall)\s+(?:now\s+)?(?:look|show|explore|discuss|examine|cover|see|"
    r"take a look|walk|explain|review|go through|say more|refer|return|come back|turn|enquire|"
    r"inquire|consider|describe|mention|focus|define|outline|summari[sz]e|assume|argue|apply)\b"
    r"|\bwe\s+(?:will|'ll|’ll|shall)\s+now\b"
    r"|\bwe(?:['’]re| are)\s+going\s+to\s+(?:look|show|explore|discuss|examine|cover|explain|"
    r"review|go through|walk|describe|take a look)\b)"
)
# Generic, habitual and dispositional statements: true of a kind of thing, not an event.
_GENERIC = re.compile(
    r"(?i)\b(?:most of the time|usually|always|often|generally|typically|normally|"
    r"occasionally|sometimes|every time|each time|no matter|for example|for instance|"
    r"anyone|everyone|everything|everybody|anybody|whoever|whatever|nobody|not every|"
    r"players|users|customers|consumers|visitors|readers|travell?ers|buyers|shoppers|"
    r"beginners|viewers|fans|patients|children|adults|students|employees|shareholders|"
    r"owners|drivers|homeowners|parents|those who|anyone who|individuals|participants|"
    r"applicants|staff|visitors|attendees|residents|guests|passengers|whenever|wherever|"
    r"he or she|his or her|him or her|he/she)\b"
    # people at large, not "people familiar with the talks"
    r"|\bpeople\s+(?:will|would|can|tend|often|usually|who)\b|\b(?:most|many|of)\s+people\b"
    r"|^[\W_]*(?:when\s+)?people\b"
)
_DISPOSITIONAL = re.compile(
    r"(?i)\b(?:will|'ll|’ll|won[’']t)\s+(?:\w+ly\s+|later\s+|also\s+|still\s+|never\s+)?"
    r"(?:not\s+)?(?:know|remember|recall|recogni[sz]e|understand|discover|help|allow|enable|let|keep|"
    r"seem|look|feel|fit|suit|work|last|need|want|find|notice|love|enjoy|appreciate|"
    r"be able|have to|be in for|be most|be useful|be perfect|be great|be ideal|encounter|"
    r"run into|own|taste|cost you|take care|respond|tend|always|usually|often|make you|"
    r"give you|show you|teach|reveal|depend|be (?:crucial|essential|key|vital|critical|"
    r"important|necessary|a delicate|a challenge|difficult|challenging|interesting))\b"
)
_HEDGED_PAST = re.compile(
    r"(?i)\b(?:probably|likely|possibly|most likely|almost certainly|presumably|perhaps)\s+"
    r"(?:\w+ly\s+)?(?:was|were|had|did|caused|started|began|died|happened|fell|rose|came|"
    r"resulted|stemmed|due to|because|the result|a result|a holdover|\w+ed\b)"
    r"|\b(?:was|were|had been)\s+(?:\w+ly\s+)?(?:probably|likely|most likely|almost certainly|"
    r"possibly)\b"
)
_UNCONDITIONAL_START = re.compile(
    r"(?i)^[\W_]*(?:without|no matter|provided|whenever|once|where\s+(?:a|an|the|any)\b)"
)
# "A red filter will bring out ...": an indefinite subject states what such things do.
_INDEFINITE_SUBJECT = re.compile(r"^[\W_]*(?:A|An|Any|Each|Every)\s+(?!few\b|number\b|lot\b)")
# "It will already be found in ...": an epistemic will, about the present.
_EPISTEMIC = re.compile(r"(?i)\bwill\s+(?:already|automatically)\b")
# "fill its classrooms from Sunday through Thursday": a weekly routine, not a date.
_ROUTINE = re.compile(
    r"(?i)\b(?:from|on)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?\s+(?:through|to|until|"
    r"till|-|–)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bevery\s+(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day\b"
)
# A name or a figure ties a bare "will" to something particular (not the first word).
_ANCHORED = re.compile(r"(?<![.!?]\s)\b(?!I\b)[A-Z][\w’'-]+|\d")
_END_PUNCT = re.compile(r"[.!…]['\"”’)\]*_]*(?:\s*\[@[^\]]*\])?$")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


_RELATIVE_NEXT = re.compile(r"(?i)next\s+(?:day|morning|week|month|year)")


def _is_future(tf: Timeframe | None, published: str | None, text: str = "") -> bool:
    """Does the time frame point ahead? "this year" and "today" are the present; "the next
    day" in ``text`` is the day after the one the story tells of."""
    if tf is None:
        return False
    low = tf.text.lower()
    ahead = low.startswith(
        ("by ", "before ", "until ", "as early as", "as soon as", "no later than", "later")
    )
    story_time = re.search(r"(?i)\bthe\s*$", text[: tf.start]) is not None
    if tf.kind == "next" and story_time and _RELATIVE_NEXT.match(low):
        return False  # "the next day": relative to the story told, not to the page's date
    if tf.kind in ("within", "coming", "next", "vague", "recess", "end-of") or ahead:
        return True
    if tf.kind in ("this", "season", "half", "quarter"):
        return False  # the current period: only "by", "before", "later this ..." look ahead
    if tf.kind == "day":
        return low in ("tomorrow", "later today")
    if tf.resolve_by and published and len(published) >= 10:
        return tf.resolve_by > published[:10]
    return False


def _cue(text: str, published: str | None) -> str | None:
    """ "strong" for a future-directed verb, "bare" for a lone "will", "weak" for a softer
    cue with a future time."""
    if (
        _FUTURE_BE.search(text)
        or _EXPECT_IMPERATIVE.search(text)
        or _GOING_TO.search(text)
        or _plans(text)
        or _JUDGED_EVENT.search(text)
    ):
        return "strong"
    if _WILL.search(text):
        return "bare"
    tf = find_timeframe(text, published)
    future = _is_future(tf, published, text) or future_marker(text, published)
    if not future or _past_verb(text):
        return None  # a past tense next to a date is history, whatever the date
    if _WOULD.search(text):
        return None  # "a lapse that Congress addresses in January would do less damage"
    if _SOFT_MODAL.search(text) or _ESTIMATIVE_ADJ.search(text) or _SCHEDULED.search(text):
        return "weak"  # "Exercises could begin as early as this autumn."
    # A plain present tense names a coming event only as a schedule does, at a definite time:
    # "The talks resume in March", "The show opens on Friday"; not "they eventually become
    # clients", not "comes these responses from Denver on Wednesday".
    if tf is None or tf.kind == "vague":
        return None
    if tf.kind in ("weekday", "month", "day-date") and not _SCHEDULE.search(text):
        return None  # "on Wednesday", "in December" in a present-tense account: often past
    if tf.text.lower().startswith("for "):
        return None  # "new for 2013": a model year, not a date something happens by
    return "weak"


def _anchored(text: str) -> bool:
    """A name or a figure ties the sentence to something particular."""
    first = re.match(r"[\W_]*([A-Z][\w’'-]*)\s+(\S+)", text)
    # a one-word name right before its verb: "Norway will ...", not "Thus, ...", "Points of"
    if (
        first
        and first.group(1).lower().replace("’", "'") not in STOPWORDS
        and first.group(2).lower() in ("will", "won't", "won’t", "is", "are", "has", "have")
    ):
        return True
    return bool(_ANCHORED.search(text, first.end(1) if first else 0))


def _rejected(text: str, cue: str, published: str | None, timed: bool, judged: bool) -> bool:
    if _PAST_MODAL.search(text) or _INVERTED_IF.search(text) or _IF_HAD.search(text):
        return True
    if _PAST_FUTURE.search(text) or _HEDGED_PAST.search(text) or _REPORTED_PAST.search(text):
        return True
    if _OPEN_QUESTION.search(text) or _READER.search(text):
        return True
    if _WRITER.search(_QUOTED.sub(" ", text)):
        return True
    if not (timed or judged) and (
        _GENERIC.search(text) or _DISPOSITIONAL.search(text) or _UNCONDITIONAL_START.search(text)
    ):
        return True
    if cue == "bare" and not (timed or judged or _anchored(text)):
        return True  # "They will chill the drink": nothing ties it to a particular event
    if cue == "bare" and not (timed or judged) and _INDEFINITE_SUBJECT.match(text):
        return True
    if _EPISTEMIC.search(text) or _ROUTINE.search(text):
        return True
    if cue == "weak" and _PAST_ANCHOR.search(text):
        return True
    years = years_named(text)
    now = int(published[:4]) if published and published[:4].isdigit() else None
    return cue == "weak" and bool(years and now and all(y < now for y in years))


def is_forward_looking(text: str, published: str | None = None, *, list_item: bool = False) -> bool:
    """True when ``text`` is a forward-looking statement fit to propose as a prediction."""
    plain = " ".join(text.split())
    if len(plain.split()) < 5 or "?" in plain[-3:] or is_call_to_action(plain):
        return False
    if not list_item and not _END_PUNCT.search(plain):
        return False  # a headline or a fragment
    if not list_item and plain[:1].islower():
        return False  # a fragment cut from a longer sentence
    # A cue inside "if ..." or in an aside (", which is scheduled to ..., said") does not make
    # the sentence a forecast.
    main = _ASIDE.sub(" ", _CONDITION.sub(" ", plain))
    if not _any_cue(main) and find_timeframe(plain, published) is None:
        return False  # cheap first look: most sentences have no forward cue at all
    cue = _cue(main, published)
    if cue is None:
        return False
    timed = _is_future(find_timeframe(plain, published), published, plain)
    judged = estimative_term(plain) is not None
    return not _rejected(plain, cue, published, timed, judged)
