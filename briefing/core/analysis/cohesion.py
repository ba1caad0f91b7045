"""Does a sentence stand on its own? Fragments without a verb, and sentences that lean back.

A Background is read out of its article's context, so two kinds of sentence need care:

- **Fragments**: a scene-setting line or a caption with no finite verb in its main clause
  ("Two severed cables, one quiet sea floor and a government that no longer believes in
  coincidences."). Relative clauses ("that no longer believes...") do not count, since they
  hang on a noun. A small lexicon of common verbs and the auxiliaries decide; a word that is
  only possibly a verb ("plans", "cuts") counts as one, so a real sentence is rarely taken
  for a fragment.
- **Sentences that lean back** on the one before them: a discourse opener ("However, ...",
  "Still, ...") or an anaphoric pronoun or demonstrative ("This shared threat ...", "They
  connect ..."). "It is likely that ...", "This year ..." and "That day ..." do not lean back.

Rules of grammar and small word lists only; nothing names a site.
"""

from __future__ import annotations

import re

from briefing.core.analysis.terms import word_set

__all__ = ["is_fragment", "leans_back"]

_AUX = word_set(
    "is are was were be been being am has have had having do does did will would shall should "
    "can could may might must ought isn't aren't wasn't weren't hasn't haven't hadn't doesn't "
    "don't didn't won't wouldn't can't cannot couldn't shouldn't mustn't mightn't there's "
    "it's that's he's she's they're we're i'm you're they've we've i've you've they'll we'll "
    "he'll she'll it'll i'll you'll he'd she'd they'd we'd i'd let's"
)
# Base forms of common verbs (regular inflections are derived; irregular ones are listed).
_BASES = word_set(
    """accept accuse achieve act add address admit affect agree aim allow announce answer appear
    apply appoint approve argue arrest arrive ask assess attack attempt attend avoid back ban
    base bear beat become begin believe belong block boost borrow break bring build burn buy
    call campaign cancel care carry cause challenge change charge check choose claim clear
    close collapse come comment compare compete complain complete concede concern conclude
    confirm connect consider contain continue contribute control cost count cover create cross
    cut damage deal debate decide decline defend delay deliver demand deny depend describe
    design destroy detain determine develop die disagree discover discuss dismiss do drag draw
    drive drop earn ease elect emerge employ enable encourage end endorse enjoy ensure enter
    escalate establish estimate examine exceed exist expand expect explain export expose extend
    face fail fall fear feel fight file fill find finish fire fit fix flee fly focus follow
    force forecast forget form found freeze fund gain get give go govern grant grow guarantee
    halt handle happen hate head hear help hide hit hold hope host hurt identify ignore impose
    improve include increase indicate inform insist install intend introduce invest investigate
    invite involve issue join judge jump keep kill know lack land last launch lead learn leave
    lend let lie lift like limit link list listen live lose love lower maintain make manage
    mark matter mean measure meet mention miss monitor move name need negotiate note notice
    offer open operate oppose order organise organize own pass pay permit persuade pick place
    plan play plead point pose post predict prefer prepare present press prevent produce promise
    propose protect protest prove provide publish pull push put raise rank reach react read receive
    recognise recognize recommend record reduce refer reflect refuse reject release rely remain
    remember remove repair repeat replace reply report represent require rescue resign resist
    respond rest restore result retain return reveal review rise risk rule run save say see
    seek seem seize sell send serve set settle shape share shift show shut sign signal sit slow
    sound speak spend stand start state stay step stop strengthen stress strike struggle study
    suffer suggest supply support suppose surge suspend take talk target teach tell tend test
    thank think threaten tighten track trade train travel treat trigger try turn understand
    urge use vote wait walk want warn watch weigh welcome win wish withdraw work worry write
    yield"""
)
_IRREGULAR = word_set(
    """arose arisen ate beaten became began begun bit bitten blew blown bore borne bought brought
    broke broken built burnt caught chose chosen came clung dealt did done drew drawn drove
    driven drank drunk ate eaten fell fallen felt fought found fled flew flown forbade forgot
    forgotten froze frozen gave given went gone grew grown hung heard held hid hidden kept knew
    known got gotten laid led lent left lay lain lit lost made meant met paid proved proven ran rang
    rose risen rode ridden said saw seen sought sold sent set shook shaken shone shot showed
    shown shrank sang sung sank sunk sat slept slid spoke spoken spent spun split spread stood
    stole stolen stuck struck stung strove swore sworn swept swam swum took taken taught tore
    torn told thought threw thrown understood undertook undertaken woke woken wore worn won
    wound wrote written"""
)
_DETERMINERS = word_set(
    "the a an its their his her our my your this that these those some many several few no "
    "each every any all both one two three four five six seven eight nine ten newly recently "
    "so-called long-awaited much-needed"
)
_RELATIVE = word_set("that which who whom whose where")
_ENGLISH = word_set("the of and to is are was were in for on with that by from has have will")
_FUNCTION = word_set(
    "and but or nor so yet for since because as if when while although though after before "
    "until unless than that this these those it its in on at by from with of to into about"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _verb_forms(word: str) -> bool:
    if word in _BASES or word in _IRREGULAR:
        return True
    for suffix, trims in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                          ("ed", ("", "e")), ("d", ("",)), ("ing", ("", "e"))):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            for add in trims:
                if stem + add in _BASES:
                    return True
            doubled = suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]
            if doubled and stem[:-1] in _BASES:  # "stopped", "planning"
                return True
    return False


def _is_verb(words: list[str], n: int) -> bool:
    word = words[n]
    if word in _AUX:
        return True
    if n and words[n - 1] in _DETERMINERS:
        return False  # "the planned route", "two severed cables": an adjective or a noun
    return _verb_forms(word) or (len(word) > 3 and word.endswith("ed") and n > 0)


def is_fragment(text: str) -> bool:
    """True when an English sentence has no verb outside its relative clauses (a heading-like
    or scene-setting line). Sentences that do not read as English are never called fragments."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(set(words) & _ENGLISH) < 2:
        return False
    if any("'" in w and w.endswith(("'s", "'re", "'ve", "'ll", "'d", "n't")) for w in words):
        return False  # a contraction carries a verb ("it's", "won't")
    relative = False  # inside a relative clause whose own verb has not come yet
    for n, word in enumerate(words):
        if word in _RELATIVE and n and words[n - 1] not in _FUNCTION:
            relative = True  # "a government that ...": the clause hangs on a noun
            continue
        if _is_verb(words, n):
            if not relative:
                return False
            relative = False  # the relative clause's verb; a later one is the main verb
    return True


# Openers that take up the sentence before: contrast, continuation and anaphora.
_OPENER = re.compile(
    r"(?i)^[\W_]*(?:however|still|but|and|also|meanwhile|moreover|furthermore|yet|instead|"
    r"nevertheless|nonetheless|even so|in addition|additionally|as a result|consequently|"
    r"therefore|thus|hence|likewise|similarly|by contrast|in contrast|on the other hand|"
    r"otherwise|besides|then|so)\b"
)
_ANAPHOR = re.compile(
    r"(?i)^[\W_]*(?:this|these|that|those|it|it['’]s|its|they|their|them|he|she|his|her|such)\b"
)
# ... but not "It is likely that ...", "This year ...", "That day ...", "Such a plan could ...".
_EXPLETIVE = re.compile(
    r"(?i)^[\W_]*it(?:\s+is|\s+was|['’]s|\s+will be|\s+would be|\s+has been|\s+remains|\s+seems"
    r"|\s+appears)\s+(?:\w+ly\s+)?(?:\w+\s+)?(?:that|to|for|whether|how|why|when|what)\b"
)
_DEICTIC_TIME = re.compile(
    r"(?i)^[\W_]*(?:this|that|these|those)\s+(?:year|month|week|weekend|morning|afternoon|"
    r"evening|night|day|days|spring|summer|autumn|fall|winter|time|quarter|decade|season)\b"
)


def leans_back(text: str) -> bool:
    """True when the sentence opens by taking up the one before it."""
    if _OPENER.match(text):
        return True
    if not _ANAPHOR.match(text):
        return False
    return not (_EXPLETIVE.match(text) or _DEICTIC_TIME.match(text))
