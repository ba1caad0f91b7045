"""Ids made from names: section ids from titles, template and brand ids, CSS class names;
and prediction ids, which the ledger keys on."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Container, Iterable

from briefing.core.model.document import Briefing, Prediction


def slug(text: str, fallback: str) -> str:
    """Lower-case letters and digits joined by hyphens (``"Key Takeaway"`` -> ``"key-takeaway"``);
    ``fallback`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or fallback


def unique_id(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not ``taken``."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# Prediction ids: ``p-`` and 12 hex digits. The ledger keys every prediction of every briefing
# (and a colleague's merged ledger) on them, so an id is made once, written in the file and then
# kept across saves, edits and editions. Where content determines a prediction (drafting, an
# older file read without ids) the id is derived from it, so the same input gives the same
# file; a row the analyst adds by hand has no content yet and gets a random one.


def prediction_context(briefing: Briefing) -> str:
    """What tells one briefing's predictions from another's: its title, date and analyst."""
    return "\x1f".join([briefing.title, briefing.meta.date, briefing.meta.analyst])


def prediction_id(context: str, statement: str, taken: Container[str] = ()) -> str:
    """The id derived from ``context`` (see :func:`prediction_context`) and the statement
    (whitespace folded); a counter joins the hash until the id is not in ``taken``."""
    words = " ".join(statement.split())
    n = 0
    while True:
        seed = "\x1f".join([context, words, str(n)]).encode("utf-8", "surrogatepass")
        candidate = "p-" + hashlib.sha256(seed).hexdigest()[:12]
        if candidate not in taken:
            return candidate
        n += 1


def random_prediction_id(taken: Container[str] = ()) -> str:
    """A fresh random id not in ``taken``, for a prediction nothing determines yet."""
    while True:
        candidate = "p-" + secrets.token_hex(6)
        if candidate not in taken:
            return candidate


def prediction_ids(predictions: Iterable[Prediction], context: str) -> list[str]:
    """The ids the predictions keep, in order: each its own, except that an empty id or one an
    earlier prediction already has is derived (:func:`prediction_id`) from ``context`` and the
    statement, unique among them all. Pure: the predictions are not changed."""
    items = list(predictions)
    kept: list[str | None] = []
    seen: set[str] = set()
    for p in items:
        kept.append(p.id if p.id and p.id not in seen else None)
        seen.add(p.id)
    taken = {pid for pid in kept if pid}
    out = []
    for p, pid in zip(items, kept, strict=True):
        if pid is None:
            pid = prediction_id(context, p.statement, taken)
            taken.add(pid)
        out.append(pid)
    return out


def give_prediction_ids(briefing: Briefing) -> None:
    """Give each of the briefing's predictions without an id (or with a repeated one) its
    derived id (see :func:`prediction_ids`); ids already given are kept."""
    ids = prediction_ids(briefing.predictions, prediction_context(briefing))
    for p, pid in zip(briefing.predictions, ids, strict=True):
        p.id = pid
