"""The ``.briefing`` file: one human-readable, diffable JSON document.

Layout (format version 2)::

    {
      "format": "briefing",
      "version": 2,
      "title": "...", "subtitle": "...",
      "meta": {"analyst": ..., "organisation": ..., "date": ..., "audience": ...,
               "handling": ..., "reference": ..., "status": "draft" | "final"},
      "sections": [{"id", "title", "markdown": ["line", ...], "guidance", "word_budget",
                    "origins": [{"source", "block"}]}],
      "predictions": [{"id", "statement", "probability", "term", "timeframe", "resolve_by",
                       "criteria", "confidence", "indicators", "status", "source", "origin"}],
      "edition": {"number", "series", "previous_path", "previous_title", "previous_date",
                  "show_changes", "sections", "predictions", "sources"} | null,
      "calibration": {"scope", "as_of", "resolved", "unknown", "brier", "bins"} | null,
      "template": {...snapshot...} | null,
      "brand": {...snapshot...} | null,
      "sources": [{...Article.to_dict()...}]
    }

Keys are always written in this order, indented by two spaces, UTF-8 without escaping, and
each section's Markdown is a list of its lines, so a text diff of two saves shows the lines
that changed. Big embedded sources come last.

Older format versions are migrated on load (:func:`_migrate`); a newer or damaged file is
refused with a :class:`DocumentError` naming it, and loading never writes to the file.

Version 0 was the prototype layout: no ``"format"`` key required, metadata fields at the top
level instead of under ``"meta"``, each section's Markdown a single string under ``"body"``,
and a prediction's percentage under ``"likelihood"``. Version 1 had no prediction ``"id"``
(the ledger's key), ``"criteria"``, ``"edition"`` or ``"calibration"``: a prediction without an
id (or with a malformed or repeated one) gets one derived from the file's title, date, analyst
and the statement (:mod:`briefing.core.model.ids`), so the same old file always gives the same
ids until it is saved and they are written down.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.core.errors import BriefingError, DocumentError
from briefing.core.model.document import (
    Briefing,
    Calibration,
    Edition,
    Origin,
    Prediction,
    Section,
)
from briefing.core.model.ids import prediction_context, prediction_ids
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode, valid_unicode_tree
from briefing.core.storage import fields
from briefing.core.storage.atomic import atomic_write_text
from briefing.core.storage.document_build import META_KEYS, build_briefing
from briefing.core.storage.fields import Bad
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

FORMAT = "briefing"
VERSION = 2
MAX_BYTES = 200 * 1024 * 1024  # a briefing with many embedded articles is a few MB at most


# ---------------------------------------------------------------- writing


def briefing_to_dict(b: Briefing) -> dict[str, Any]:
    """The briefing as a JSON-ready dict in the file's key order (current format version)."""
    from briefing.core.storage.template_io import brand_to_dict, template_to_dict

    context = prediction_context(b)
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": b.title,
        "subtitle": b.subtitle,
        "meta": {key: getattr(b.meta, key) for key in META_KEYS},
        "sections": [_section_to_dict(s) for s in b.sections],
        "predictions": _predictions_to_list(b.predictions, context),
        "edition": _edition_to_dict(b.edition, context) if b.edition is not None else None,
        "calibration": _calibration_to_dict(b.calibration) if b.calibration else None,
        "template": template_to_dict(b.template) if b.template is not None else None,
        "brand": brand_to_dict(b.brand) if b.brand is not None else None,
        "sources": [a.to_dict() for a in b.sources],
    }


def _origin_to_dict(o: Origin) -> dict[str, str]:
    return {"source": o.source, "block": o.block}


def _section_to_dict(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "markdown": s.markdown.split("\n"),
        "guidance": s.guidance,
        "word_budget": s.word_budget,
        "origins": [_origin_to_dict(o) for o in s.origins],
    }


def _predictions_to_list(predictions: list[Prediction], context: str) -> list[dict[str, Any]]:
    """Each prediction with its id; one made without an id is written with the id a load of
    the file derives for it (see :func:`~briefing.core.model.ids.prediction_ids`)."""
    ids = prediction_ids(predictions, context)
    return [_prediction_to_dict(p, pid) for p, pid in zip(predictions, ids, strict=True)]


def _prediction_to_dict(p: Prediction, pid: str) -> dict[str, Any]:
    return {
        "id": pid,
        "statement": p.statement,
        "probability": p.probability,
        "term": p.term,
        "timeframe": p.timeframe,
        "resolve_by": p.resolve_by,
        "criteria": p.criteria,
        "confidence": p.confidence,
        "indicators": list(p.indicators),
        "status": p.status,
        "source": p.source,
        "origin": _origin_to_dict(p.origin) if p.origin is not None else None,
    }


def _edition_to_dict(e: Edition, context: str) -> dict[str, Any]:
    return {
        "number": e.number,
        "series": e.series,
        "previous_path": e.previous_path,
        "previous_title": e.previous_title,
        "previous_date": e.previous_date,
        "show_changes": e.show_changes,
        "sections": [
            {"id": s.id, "title": s.title, "markdown": s.markdown.split("\n")} for s in e.sections
        ],
        "predictions": _predictions_to_list(e.predictions, context),
        "sources": [
            {"id": r.id, "title": r.title, "key": r.key, "site": r.site, "url": r.url}
            for r in e.sources
        ],
    }


def _calibration_to_dict(c: Calibration) -> dict[str, Any]:
    return {
        "scope": c.scope,
        "as_of": c.as_of,
        "resolved": c.resolved,
        "unknown": c.unknown,
        "brier": c.brier,
        "bins": [
            {
                "label": b.label,
                "low": b.low,
                "high": b.high,
                "count": b.count,
                "mean_forecast": b.mean_forecast,
                "observed": b.observed,
            }
            for b in c.bins
        ],
    }


def dumps_briefing(b: Briefing, *, compact: bool = False) -> str:
    """The text of a ``.briefing`` file for ``b`` (always valid Unicode: a lone surrogate
    that reached the document some other way than loading is written as U+FFFD);
    ``compact`` leaves out the indentation that makes the file readable (twice as fast for
    the render worker, which reads either)."""
    text = json.dumps(briefing_to_dict(b), indent=None if compact else 2, ensure_ascii=False)
    return valid_unicode(text + "\n")


def dumps_shown(b: Briefing) -> str:
    """The file text less what no page shows (prediction ids, import dates): briefings that
    render the same pages give the same text, for cache keys such as thumbnails'."""
    d = briefing_to_dict(b)
    for p in d["predictions"]:
        p.pop("id", None)
    for a in d["sources"]:
        a.pop("imported", None)
    if d["edition"] is not None:
        for p in d["edition"]["predictions"]:
            p.pop("id", None)
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def save_briefing(b: Briefing, path: str | Path) -> None:
    """Save ``b`` to ``path`` atomically, keeping the previous version as ``<name>~``."""
    atomic_write_text(path, dumps_briefing(b), backup=True)


# ---------------------------------------------------------------- reading


def load_briefing(path: str | Path, *, within: str | Path | None = None) -> Briefing:
    """Read a ``.briefing`` file (with ``within``, never a link out of that folder); raises
    :class:`DocumentError` naming the file. Never writes."""
    p = Path(path)
    try:
        data = read_untrusted(p, MAX_BYTES, within=within)
    except UntrustedFileError as err:
        if err.problem == "missing":
            reason = "the file does not exist" if p.parent.is_dir() else "the folder does not exist"
            raise DocumentError(f"could not open: {reason}", p) from err
        if err.problem == "folder":
            raise DocumentError("this is a folder, not a briefing file", p) from err
        if err.problem == "too-big":
            size = f"{err.size:,} bytes" if err.size is not None else "over the limit"
            raise DocumentError(f"the file is too big to be a briefing ({size})", p) from err
        raise DocumentError(f"could not open: {err.detail}", p) from err
    if not data.strip():
        raise DocumentError("the file is empty", p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError("not a briefing file (it is not UTF-8 text)", p) from err
    return loads_briefing(text, name=str(p))


def loads_briefing(text: str, *, name: str) -> Briefing:
    """Parse the text of a ``.briefing`` file; ``name`` is used in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(
            f"the file is damaged (not valid JSON at line {err.lineno}, column {err.colno})",
            name,
        ) from err
    except (RecursionError, ValueError) as err:
        raise DocumentError("the file is damaged (not valid JSON)", name) from err
    if json_may_hold_surrogates(text):
        # A lone "\ud800" escape parses, but no file can hold it: it would make every
        # later save, autosave and export of the document fail.
        data = valid_unicode_tree(data)
    return briefing_from_dict(data, name=name)


def briefing_from_dict(d: Any, *, name: str) -> Briefing:
    """Build a Briefing from a parsed file, migrating older versions; validates every field."""
    if not isinstance(d, dict):
        raise DocumentError("not a briefing file (no document object)", name)
    fmt = d.get("format", FORMAT if d.get("version") == 0 else None)
    if fmt != FORMAT:
        raise DocumentError('not a briefing file (missing "format": "briefing")', name)
    version = d.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DocumentError("the file is damaged (no valid format version)", name)
    if version > VERSION:
        raise DocumentError(
            f"the file was saved by a newer Briefing (format {version}; this one reads up to "
            f"{VERSION}); update Briefing to open it",
            name,
        )
    try:
        d = _migrate(d, version)
        return build_briefing(d)
    except Bad as err:
        raise DocumentError(f"the file is damaged ({_one_line(str(err))})", name) from err
    except (BriefingError, ValueError, TypeError, KeyError, AttributeError) as err:
        reason = err.reason if isinstance(err, BriefingError) else str(err)
        raise DocumentError(f"the file is damaged ({_one_line(reason)})", name) from err
    except RecursionError as err:
        raise DocumentError("the file is damaged (nested too deeply)", name) from err


_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(reason: str) -> str:
    """A reason that quotes the file's own text stays one line: control characters escaped."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), reason)


def _migrate(d: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring a parsed document up to the current version (pure: the input is not changed)."""
    if version == 0:
        d = _v0_to_v1(d)
        version = 1
    if version == 1:
        # Prediction ids are filled in by _build (derived, see the module docstring), the
        # same way for a version 1 file as for a hand-edited file that lost one.
        d = {**d, "version": 2}
    return d


def _v0_to_v1(d: dict[str, Any]) -> dict[str, Any]:
    out = dict(d)
    out["format"] = FORMAT
    out["version"] = 1
    meta = d.get("meta")
    if meta is None:
        out["meta"] = {key: d[key] for key in META_KEYS if key in d}
        for key in META_KEYS:
            out.pop(key, None)
    sections = []
    for s in fields.items(d, "sections", "document"):
        if isinstance(s, dict) and "body" in s:
            s = dict(s)
            s["markdown"] = s.pop("body")
        sections.append(s)
    out["sections"] = sections
    predictions = []
    for p in fields.items(d, "predictions", "document"):
        if isinstance(p, dict) and "likelihood" in p:
            p = dict(p)
            p["probability"] = p.pop("likelihood")
        predictions.append(p)
    out["predictions"] = predictions
    return out
