"""Estimative language: the likelihood scales a briefing may follow, and the term/percentage check.

Two scales, each seven bands from "no chance" to "certain":

- ICD 203 (US Intelligence Community Directive 203, 2015, Analytic Standards 6.a): almost no
  chance 1-5 %, very unlikely 5-20 %, unlikely 20-45 %, roughly even chance 45-55 %, likely
  55-80 %, very likely 80-95 %, almost certain 95-99 %.
- The UK Professional Head of Intelligence Assessment (PHIA) probability yardstick: remote
  chance 0-5 %, highly unlikely 10-20 %, unlikely 25-35 %, realistic possibility 40-50 %,
  likely or probable 55-75 %, highly likely 80-90 %, almost certain 95-100 %. Its ranges leave
  deliberate gaps (nothing between 5 % and 10 %) so that no judgement sits on an edge.

A template names its scale (``Template.likelihood_scale``); every function here takes the
scale's key, ``"icd203"`` (the default) or ``"phia"``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    term: str
    low: int  # inclusive, percent
    high: int  # inclusive, percent


ICD203: tuple[Band, ...] = (
    Band("almost no chance", 1, 5),
    Band("very unlikely", 5, 20),
    Band("unlikely", 20, 45),
    Band("roughly even chance", 45, 55),
    Band("likely", 55, 80),
    Band("very likely", 80, 95),
    Band("almost certain", 95, 99),
)
PHIA: tuple[Band, ...] = (
    Band("remote chance", 0, 5),
    Band("highly unlikely", 10, 20),
    Band("unlikely", 25, 35),
    Band("realistic possibility", 40, 50),
    Band("likely", 55, 75),
    Band("highly likely", 80, 90),
    Band("almost certain", 95, 100),
)
# Both scales have seven bands in the same order, from "no chance" to "certain", so a degree
# 1-7 names the same judgement on either.
SCALES: dict[str, tuple[Band, ...]] = {"icd203": ICD203, "phia": PHIA}
SCALE_NAMES: dict[str, str] = {"icd203": "ICD 203", "phia": "PHIA probability yardstick"}
DEFAULT_SCALE = "icd203"
TERMS: tuple[str, ...] = tuple(b.term for b in ICD203)

# Everyday wording analysts use, mapped to a degree 1-7 (so to a term on either scale).
_WORDING: dict[str, int] = {
    "almost no chance": 1, "remote": 1, "remote chance": 1, "no realistic prospect": 1,
    "very unlikely": 2, "highly unlikely": 2, "highly improbable": 2,
    "unlikely": 3, "improbable": 3, "probably not": 3,
    "roughly even chance": 4, "even chance": 4, "roughly even odds": 4,
    "realistic possibility": 4,
    "likely": 5, "probable": 5, "probably": 5, "likely or probable": 5,
    "very likely": 6, "highly likely": 6, "highly probable": 6,
    "almost certain": 7, "almost certainly": 7, "nearly certain": 7,
}  # fmt: skip
SYNONYMS: dict[str, str] = {w: ICD203[d - 1].term for w, d in _WORDING.items() if w not in TERMS}


def bands(scale: str = DEFAULT_SCALE) -> tuple[Band, ...]:
    """The bands of ``scale`` (an unknown key falls back to ICD 203)."""
    return SCALES.get(scale, ICD203)


def scale_name(scale: str = DEFAULT_SCALE) -> str:
    """The scale's name as a reader knows it: "ICD 203", "PHIA probability yardstick"."""
    return SCALE_NAMES.get(scale, SCALE_NAMES[DEFAULT_SCALE])


def normalise_term(term: str, scale: str = DEFAULT_SCALE) -> str | None:
    """The scale's term for ``term`` (case-insensitive, synonyms accepted), or ``None``."""
    key = " ".join(term.lower().split())
    degree = _WORDING.get(key)
    if degree is None:
        return None
    return bands(scale)[degree - 1].term


def term_for(probability: int, scale: str = DEFAULT_SCALE) -> str:
    """The scale's term for a percentage (0-100): the band it falls in (an edge two bands
    share goes to the upper one), else, in a gap between bands, the nearest band."""
    p = max(0, min(100, probability))
    scale_bands = bands(scale)
    for band in scale_bands:
        if band.low <= p < band.high or (band is scale_bands[-1] and p >= band.low):
            return band.term
    if p < scale_bands[0].low:
        return scale_bands[0].term
    return min(scale_bands, key=lambda b: min(abs(p - b.low), abs(p - b.high))).term


def band_of(term: str, scale: str = DEFAULT_SCALE) -> Band | None:
    """The band of ``term`` on ``scale`` (synonyms accepted), or ``None``."""
    canonical = normalise_term(term, scale)
    return next((b for b in bands(scale) if b.term == canonical), None)


def check_term(term: str, probability: int | None, scale: str = DEFAULT_SCALE) -> str | None:
    """A one-line problem when ``term`` contradicts ``probability`` on ``scale``, else ``None``."""
    if probability is None or not term.strip():
        return None
    name = scale_name(scale)
    if not 0 <= probability <= 100:
        return f"likelihood {probability}% is outside 0-100%"
    band = band_of(term, scale)
    if band is None:
        return f"“{term}” is not a term of the {name} scale"
    scale_bands = bands(scale)
    if band.low <= probability <= band.high:
        return None
    if band is scale_bands[0] and probability < band.low:
        return None
    if band is scale_bands[-1] and probability > band.high:
        return None
    return (
        f"“{term}” means {band.low}-{band.high}% on the {name} scale, "
        f"but the likelihood is {probability}% (“{term_for(probability, scale)}”)"
    )


def band_at(degree: int, scale: str = DEFAULT_SCALE) -> Band:
    """The band of ``degree`` (1 = remote ... 7 = almost certain) on ``scale``.

    Raises ``KeyError`` for an unknown scale and ``ValueError`` for a degree outside 1-7.
    """
    scale_bands = SCALES[scale]
    if not 1 <= degree <= len(scale_bands):
        raise ValueError(f"degree {degree} is outside 1-{len(scale_bands)}")
    return scale_bands[degree - 1]


def midpoint(band: Band) -> int:
    """The centre of a band, as the one figure to show for it."""
    return round((band.low + band.high) / 2)


def scale_note(scale: str = DEFAULT_SCALE) -> str:
    """One sentence listing the scale's terms and bands, for under a predictions table."""
    terms = ", ".join(f"{b.term} ({b.low}–{b.high}%)" for b in bands(scale))
    name = scale_name(scale)
    name = name if name.endswith("yardstick") else f"{name} scale"  # "the ICD 203 scale"
    return f"Likelihood terms follow the {name}: {terms}."
