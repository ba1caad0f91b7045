"""Editing a briefing's predictions: a table of judgements, one field at a time.

The rule of the table: a likelihood given as a percentage fills in its estimative term on the
briefing's scale (ICD 203 or the PHIA yardstick), so the two never disagree unless the analyst
then types another term.
"""

from __future__ import annotations

from typing import get_args

from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.model.document import Briefing, Confidence, Prediction
from briefing.core.model.estimative import term_for
from briefing.core.model.ids import random_prediction_id

# The fields the editor's table shows, in its column order.
FIELDS = ("statement", "probability", "term", "timeframe", "confidence", "indicators")
CONFIDENCE: tuple[Confidence, ...] = get_args(Confidence)
Value = str | int | list[str] | None


def parse_value(field: str, text: str) -> Value:
    """The value a table cell's ``text`` stands for; ``ValueError`` says why it does not parse."""
    text = text.strip()
    if field == "probability":
        if not text:
            return None
        try:
            value = float(text.rstrip("%").strip())
        except ValueError:
            raise ValueError(f"“{text}” is not a likelihood: give a number from 0 to 100") from None
        if value != value or not 0 <= value <= 100:  # NaN too
            raise ValueError(f"{text.rstrip('%')} % is not a likelihood: give 0 to 100")
        return int(round(value))
    if field == "confidence":
        level = text.lower()
        if level == "not assessed":
            level = ""
        if level not in CONFIDENCE:
            raise ValueError(
                f"“{text}” is not a confidence: give low, moderate or high (blank: not assessed)"
            )
        return level
    if field == "indicators":
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def field_update(field: str, value: Value, scale: str = "icd203") -> dict[str, Value]:
    """The fields that setting ``field`` to ``value`` changes: a likelihood brings its term on
    ``scale``."""
    if field == "probability" and isinstance(value, int):
        return {"probability": value, "term": term_for(value, scale)}
    return {field: value}


def prediction_values(briefing: Briefing, row: int, names: list[str]) -> dict[str, Value]:
    """The current values of some fields of prediction ``row`` (what an undo goes back to)."""
    prediction = briefing.predictions[row]
    return {name: getattr(prediction, name) for name in names}


def check_value(field: str, value: Value) -> None:
    """``ValueError`` (saying why) when ``value`` cannot be kept in ``field``: a likelihood
    outside 0-100 or not a whole number, a confidence other than low, moderate, high or blank
    (not assessed)."""
    if field == "probability" and value is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a likelihood: give a number from 0 to 100")
        if not 0 <= value <= 100:
            raise ValueError(f"{value} % is not a likelihood: give 0 to 100")
    if field == "confidence" and value not in CONFIDENCE:
        raise ValueError(
            f"“{value}” is not a confidence: give low, moderate or high (blank: not assessed)"
        )


def set_prediction_fields(briefing: Briefing, row: int, values: dict[str, Value]) -> Changes:
    """Set fields of prediction ``row`` (see :func:`field_update` for what one edit sets).

    A value the prediction cannot hold (:func:`check_value`) raises ``ValueError`` and nothing
    is changed: a likelihood of 150 % is refused, never kept as "not assessed".
    """
    if not 0 <= row < len(briefing.predictions):
        return NOTHING
    for name, value in values.items():
        if name not in Prediction.__dataclass_fields__:
            raise KeyError(name)
        check_value(name, value)
    prediction = briefing.predictions[row]
    changed = False
    for name, value in values.items():
        if getattr(prediction, name) != value:
            setattr(prediction, name, value)
            changed = True
    return Changes(predictions=True) if changed else NOTHING


def add_prediction(briefing: Briefing, statement: str = "") -> Changes:
    """Add a prediction row (usually blank); nothing determines it yet, so its id is random
    (see :mod:`briefing.core.model.ids`)."""
    taken = {p.id for p in briefing.predictions}
    briefing.predictions.append(Prediction(statement=statement, id=random_prediction_id(taken)))
    return Changes(predictions=True)


def remove_prediction(briefing: Briefing, row: int) -> Changes:
    if not 0 <= row < len(briefing.predictions):
        return NOTHING
    del briefing.predictions[row]
    return Changes(predictions=True)
