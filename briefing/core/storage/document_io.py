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

from briefing.core.errors import BriefingError, DocumentError, LibraryError
from briefing.core.model.article import Article
from briefing.core.model.document import (
    Briefing,
    Calibration,
    CalibrationBin,
    Edition,
    Meta,
    Origin,
    Prediction,
    Section,
    SourceRef,
)
from briefing.core.model.ids import prediction_context, prediction_ids
from briefing.core.model.template import Brand, Template
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode, valid_unicode_tree
from briefing.core.storage import fields
from briefing.core.storage.atomic import atomic_write_text
from briefing.core.storage.document_ids import make_ids_safe
from briefing.core.storage.fields import Bad
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

FORMAT = "briefing"
VERSION = 2
MAX_BYTES = 200 * 1024 * 1024  # a briefing with many embedded articles is a few MB at most

_META_KEYS = ("analyst", "organisation", "date", "audience", "handling", "reference", "status")
_STATUSES = ("draft", "final")
_CONFIDENCES = ("", "low", "moderate", "high")
_PREDICTION_STATUSES = ("open", "resolved")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")


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
        "meta": {key: getattr(b.meta, key) for key in _META_KEYS},
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
        return _build(d)
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
        out["meta"] = {key: d[key] for key in _META_KEYS if key in d}
        for key in _META_KEYS:
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


def _build(d: dict[str, Any]) -> Briefing:
    from briefing.core.storage.template_io import brand_from_dict, template_from_dict

    meta_d = fields.obj(d.get("meta", {}), "meta")
    status = fields.choice(meta_d, "status", _STATUSES, "meta", "draft")
    meta = Meta(status=status)  # type: ignore[arg-type]  # checked by _choice
    for key in _META_KEYS[:-1]:
        setattr(meta, key, fields.text(meta_d, key, "meta", getattr(meta, key)))
    sources = []
    for i, a in enumerate(fields.items(d, "sources", "document")):
        try:
            sources.append(Article.from_dict(a))
        except ValueError as err:
            raise Bad(f"source {i + 1}: {err}") from err
    template_d = d.get("template")
    brand_d = d.get("brand")
    template: Template | None = None
    brand: Brand | None = None
    try:
        if template_d is not None:
            template = template_from_dict(template_d, name="template")
        if brand_d is not None:
            brand = brand_from_dict(brand_d, name="brand")
    except LibraryError as err:
        raise Bad(f"{err.path} snapshot: {err.reason}") from err
    title = fields.text(d, "title", "document", None)
    context = prediction_context(Briefing(title=title, meta=meta))
    edition_d = d.get("edition")
    calibration_d = d.get("calibration")
    briefing = Briefing(
        title=title,
        subtitle=fields.text(d, "subtitle", "document", ""),
        meta=meta,
        sections=[_section(s, i) for i, s in enumerate(fields.items(d, "sections", "document"))],
        predictions=_predictions(fields.items(d, "predictions", "document"), context, ""),
        sources=sources,
        template=template,
        brand=brand,
        edition=_edition(edition_d, context) if edition_d is not None else None,
        calibration=_calibration(calibration_d) if calibration_d is not None else None,
    )
    make_ids_safe(briefing)
    return briefing


def _predictions(raw: list[Any], context: str, where: str) -> list[Prediction]:
    """Predictions with unique ids: a missing, malformed or repeated id gets a derived one."""
    out = [_prediction(item, i, where) for i, item in enumerate(raw)]
    for p in out:
        if not _ID.fullmatch(p.id):
            p.id = ""
    for p, pid in zip(out, prediction_ids(out, context), strict=True):
        p.id = pid
    return out


def _edition(raw: Any, context: str) -> Edition:
    e = fields.obj(raw, "edition")
    number = fields.opt_int(e, "number", "edition")
    if number is None or number < 1:
        raise Bad("edition: number must be a whole number from 1")
    show = e.get("show_changes", False)
    if not isinstance(show, bool):
        raise Bad("edition: show_changes must be true or false")
    sections = []
    for i, raw_s in enumerate(fields.items(e, "sections", "edition")):
        s = _section(raw_s, i)
        sections.append(Section(id=s.id, title=s.title, markdown=s.markdown))
    refs = []
    for i, raw_r in enumerate(fields.items(e, "sources", "edition")):
        where = f"edition source {i + 1}"
        r = fields.obj(raw_r, where)
        refs.append(
            SourceRef(
                id=fields.text(r, "id", where, ""),
                title=fields.text(r, "title", where, ""),
                key=fields.text(r, "key", where, ""),
                site=fields.opt_text(r, "site", where),
                url=fields.opt_text(r, "url", where),
            )
        )
    return Edition(
        number=number,
        series=fields.text(e, "series", "edition", ""),
        previous_path=fields.text(e, "previous_path", "edition", ""),
        previous_title=fields.text(e, "previous_title", "edition", ""),
        previous_date=fields.text(e, "previous_date", "edition", ""),
        sections=sections,
        predictions=_predictions(fields.items(e, "predictions", "edition"), context, "edition "),
        sources=refs,
        show_changes=show,
    )


def _calibration(raw: Any) -> Calibration:
    c = fields.obj(raw, "calibration")
    bins = []
    for i, raw_b in enumerate(fields.items(c, "bins", "calibration")):
        where = f"calibration bin {i + 1}"
        b = fields.obj(raw_b, where)
        low, high, count = (fields.opt_int(b, k, where) for k in ("low", "high", "count"))
        if low is None or high is None or count is None or not 0 <= low <= high <= 100:
            raise Bad(f"{where}: low, high and count must be whole numbers (0-100)")
        bins.append(
            CalibrationBin(
                label=fields.text(b, "label", where, ""),
                low=low,
                high=high,
                count=max(0, count),
                mean_forecast=fields.fraction(b, "mean_forecast", where),
                observed=fields.fraction(b, "observed", where),
            )
        )
    brier = c.get("brier")
    return Calibration(
        scope=fields.text(c, "scope", "calibration", ""),
        as_of=fields.text(c, "as_of", "calibration", ""),
        resolved=max(0, fields.opt_int(c, "resolved", "calibration") or 0),
        unknown=max(0, fields.opt_int(c, "unknown", "calibration") or 0),
        brier=None if brier is None else fields.fraction(c, "brier", "calibration"),
        bins=bins,
    )


def _section(raw: Any, i: int) -> Section:
    where = f"section {i + 1}"
    s = fields.obj(raw, where)
    md = s.get("markdown", "")
    if isinstance(md, list) and all(isinstance(line, str) for line in md):
        md = "\n".join(md)
    elif not isinstance(md, str):
        raise Bad(f"{where}: markdown must be text or a list of lines")
    return Section(
        id=fields.text(s, "id", where, None),
        title=fields.text(s, "title", where, ""),
        markdown=md,
        guidance=fields.text(s, "guidance", where, ""),
        word_budget=fields.opt_int(s, "word_budget", where),
        origins=[_origin(o, f"{where} origin") for o in fields.items(s, "origins", where)],
    )


def _prediction(raw: Any, i: int, prefix: str = "") -> Prediction:
    where = f"{prefix}prediction {i + 1}"
    p = fields.obj(raw, where)
    probability = fields.opt_int(p, "probability", where)
    if probability is not None and not 0 <= probability <= 100:
        raise Bad(f"{where}: probability must be 0-100")
    indicators = fields.items(p, "indicators", where)
    if not all(isinstance(x, str) for x in indicators):
        raise Bad(f"{where}: indicators must be text")
    origin = p.get("origin")
    return Prediction(
        statement=fields.text(p, "statement", where, None),
        probability=probability,
        term=fields.text(p, "term", where, ""),
        timeframe=fields.text(p, "timeframe", where, ""),
        resolve_by=fields.opt_text(p, "resolve_by", where),
        confidence=fields.choice(p, "confidence", _CONFIDENCES, where, ""),  # type: ignore[arg-type]
        indicators=list(indicators),
        status=fields.choice(p, "status", _PREDICTION_STATUSES, where, "open"),  # type: ignore[arg-type]
        source=fields.opt_text(p, "source", where),
        origin=_origin(origin, f"{where} origin") if origin is not None else None,
        criteria=fields.text(p, "criteria", where, ""),
        id=fields.text(p, "id", where, ""),
    )


def _origin(raw: Any, where: str) -> Origin:
    o = fields.obj(raw, where)
    return Origin(
        source=fields.text(o, "source", where, None), block=fields.text(o, "block", where, None)
    )
