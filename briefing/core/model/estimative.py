"""Estimative language: ICD 203's seven likelihood bands, and the term/percentage check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    term: str
    low: int  # inclusive, percent
    high: int  # inclusive, percent


# ICD 203 (US Intelligence Community Directive 203, 2015), Analytic Standards, 6.a.
ICD203: tuple[Band, ...] = (
    Band("almost no chance", 1, 5),
    Band("very unlikely", 5, 20),
    Band("unlikely", 20, 45),
    Band("roughly even chance", 45, 55),
    Band("likely", 55, 80),
    Band("very likely", 80, 95),
    Band("almost certain", 95, 99),
)
TERMS: tuple[str, ...] = tuple(b.term for b in ICD203)

# Everyday synonyms analysts use, mapped to the scale's term.
SYNONYMS: dict[str, str] = {
    "remote": "almost no chance",
    "highly unlikely": "very unlikely",
    "improbable": "unlikely",
    "probably not": "unlikely",
    "even chance": "roughly even chance",
    "roughly even odds": "roughly even chance",
    "probable": "likely",
    "probably": "likely",
    "highly likely": "very likely",
    "nearly certain": "almost certain",
    "almost certainly": "almost certain",
}


def normalise_term(term: str) -> str | None:
    """The scale's term for ``term`` (case-insensitive, synonyms accepted), or ``None``."""
    key = " ".join(term.lower().split())
    if key in TERMS:
        return key
    return SYNONYMS.get(key)


def term_for(probability: int) -> str:
    """The scale's term for a percentage (0-100); band edges go to the nearer-centre band."""
    p = max(0, min(100, probability))
    for band in ICD203:
        if band.low <= p < band.high or (band is ICD203[-1] and p >= band.low):
            return band.term
    return ICD203[0].term  # 0 %


def check_term(term: str, probability: int | None) -> str | None:
    """A one-line problem when ``term`` contradicts ``probability``, else ``None``."""
    if probability is None or not term.strip():
        return None
    if not 0 <= probability <= 100:
        return f"likelihood {probability}% is outside 0-100%"
    canonical = normalise_term(term)
    if canonical is None:
        return f"“{term}” is not a term of the ICD 203 scale"
    band = next(b for b in ICD203 if b.term == canonical)
    if band.low <= probability <= band.high:
        return None
    if canonical == ICD203[0].term and probability < band.low:
        return None
    if canonical == ICD203[-1].term and probability > band.high:
        return None
    return (
        f"“{term}” means {band.low}-{band.high}% on the ICD 203 scale, "
        f"but the likelihood is {probability}% (“{term_for(probability)}”)"
    )


# The UK Professional Head of Intelligence Assessment (PHIA) probability yardstick. Its
# ranges leave deliberate gaps (e.g. nothing between 5 % and 10 %) so that no judgement sits
# on an edge; "likely" and "probable" share a band.
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


def band_at(degree: int, scale: str = "icd203") -> Band:
    """The band of ``degree`` (1 = remote ... 7 = almost certain) on ``scale``.

    Raises ``KeyError`` for an unknown scale and ``ValueError`` for a degree outside 1-7.
    """
    bands = SCALES[scale]
    if not 1 <= degree <= len(bands):
        raise ValueError(f"degree {degree} is outside 1-{len(bands)}")
    return bands[degree - 1]


def midpoint(band: Band) -> int:
    """The centre of a band, as the one figure to show for it."""
    return round((band.low + band.high) / 2)
