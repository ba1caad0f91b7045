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
            value = int(round(float(text.rstrip("%"))))
        except ValueError:
            raise ValueError("likelihood must be a number from 0 to 100") from None
        if not 0 <= value <= 100:
            raise ValueError("likelihood must be from 0 to 100")
        return value
    if field == "confidence":
        level = text.lower()
        if level not in CONFIDENCE:
            raise ValueError("confidence is low, moderate or high")
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


def set_prediction_fields(briefing: Briefing, row: int, values: dict[str, Value]) -> Changes:
    """Set fields of prediction ``row`` (see :func:`field_update` for what one edit sets)."""
    if not 0 <= row < len(briefing.predictions):
        return NOTHING
    prediction = briefing.predictions[row]
    changed = False
    for name, value in values.items():
        if name not in Prediction.__dataclass_fields__:
            raise KeyError(name)
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
