"""Estimative wording in a sentence and its band on a probability scale.

"will very likely", "is highly unlikely to", "a realistic possibility", "almost certainly"...
map to a degree 1 (remote) ... 7 (almost certain), and so to the band of that degree on ICD 203
or the PHIA yardstick (:mod:`briefing.core.model.estimative`). Modals such as "may" or "could" and
verbs such as "is expected to" carry no estimative term: a sentence with only those is not
assessed.
"""

from __future__ import annotations

import re

from briefing.core.model.estimative import band_at, midpoint

__all__ = ["estimative_term"]

# Estimative wording -> degree 1 (remote) ... 7 (almost certain); the order matters: the
# first pattern that matches decides ("highly unlikely" before "unlikely" before "likely").
_DEGREES: tuple[tuple[str, int], ...] = (
    (r"almost no chance|remote (?:chance|possibility|prospect)|no realistic (?:chance|prospect)"
     r"|virtually impossible", 1),
    (r"highly unlikely|very unlikely|highly improbable|very improbable|extremely unlikely", 2),
    (r"almost certain(?:ly)?|virtually certain(?:ly)?|nearly certain(?:ly)?|near[- ]certain", 7),
    (r"highly likely|very likely|very probabl[ey]|highly probable|extremely likely", 6),
    (r"unlikely|improbable|doubtful|not likely", 3),
    (r"(?:roughly |about |an )?even (?:chance|odds)|toss-?up|realistic possibility"
     r"|as likely as not|fifty-fifty|50-50", 4),
    (r"(?:more |most )?likely|probabl[ey]|more likely than not", 5),
)  # fmt: skip
_DEGREE_RES = tuple((re.compile(rf"(?i)\b(?:{p})\b"), d) for p, d in _DEGREES)


def estimative_term(
    sentence: str, scale: str = "icd203"
) -> tuple[str, str, tuple[int, int], int] | None:
    """(term on ``scale``, wording as written, band, probability) for estimative wording."""
    for regex, degree in _DEGREE_RES:
        m = regex.search(sentence)
        if m:
            band = band_at(degree, scale)
            return band.term, m.group(0), (band.low, band.high), midpoint(band)
    return None
