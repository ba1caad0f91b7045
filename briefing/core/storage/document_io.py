"""The ``.briefing`` file: one human-readable, diffable JSON document.

Layout (format version 1)::

    {
      "format": "briefing",
      "version": 1,
      "title": "...", "subtitle": "...",
      "meta": {"analyst": ..., "organisation": ..., "date": ..., "audience": ...,
               "handling": ..., "reference": ..., "status": "draft" | "final"},
      "sections": [{"id", "title", "markdown": ["line", ...], "guidance", "word_budget",
                    "origins": [{"source", "block"}]}],
      "predictions": [{"statement", "probability", "term", "timeframe", "resolve_by",
                       "confidence", "indicators", "status", "source", "origin"}],
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
and a prediction's percentage under ``"likelihood"``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.core.article import Article
from briefing.core.document import Briefing, Meta, Origin, Prediction, Section
from briefing.core.errors import BriefingError, DocumentError, TemplateError
from briefing.core.safe_text import (
    json_may_hold_surrogates,
    safe_id,
    unique_safe_ids,
    valid_unicode,
    valid_unicode_tree,
)
from briefing.core.storage.atomic import atomic_write_text
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.core.template import Brand, Template

FORMAT = "briefing"
VERSION = 1
MAX_BYTES = 200 * 1024 * 1024  # a briefing with many embedded articles is a few MB at most

_META_KEYS = ("analyst", "organisation", "date", "audience", "handling", "reference", "status")
_STATUSES = ("draft", "final")
_CONFIDENCES = ("low", "moderate", "high")
_PREDICTION_STATUSES = ("open", "resolved")


class _Bad(ValueError):
    """A validation failure inside the document; becomes a DocumentError naming the file."""


# ---------------------------------------------------------------- writing


def briefing_to_dict(b: Briefing) -> dict[str, Any]:
    """The briefing as a JSON-ready dict in the file's key order (current format version)."""
    from briefing.core.storage.template_io import brand_to_dict, template_to_dict

    return {
        "format": FORMAT,
        "version": VERSION,
        "title": b.title,
        "subtitle": b.subtitle,
        "meta": {key: getattr(b.meta, key) for key in _META_KEYS},
        "sections": [_section_to_dict(s) for s in b.sections],
        "predictions": [_prediction_to_dict(p) for p in b.predictions],
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


def _prediction_to_dict(p: Prediction) -> dict[str, Any]:
    return {
        "statement": p.statement,
        "probability": p.probability,
        "term": p.term,
        "timeframe": p.timeframe,
        "resolve_by": p.resolve_by,
        "confidence": p.confidence,
        "indicators": list(p.indicators),
        "status": p.status,
        "source": p.source,
        "origin": _origin_to_dict(p.origin) if p.origin is not None else None,
    }


def dumps_briefing(b: Briefing) -> str:
    """The text of a ``.briefing`` file for ``b`` (always valid Unicode: a lone surrogate
    that reached the document some other way than loading is written as U+FFFD)."""
    return valid_unicode(json.dumps(briefing_to_dict(b), indent=2, ensure_ascii=False) + "\n")


def save_briefing(b: Briefing, path: str | Path) -> None:
    """Save ``b`` to ``path`` atomically, keeping the previous version as ``<name>~``."""
    atomic_write_text(path, dumps_briefing(b), backup=True)


# ---------------------------------------------------------------- reading


def load_briefing(path: str | Path) -> Briefing:
    """Read a ``.briefing`` file. Raises :class:`DocumentError` naming the file; never writes."""
    p = Path(path)
    try:
        data = read_untrusted(p, MAX_BYTES)
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
    except _Bad as err:
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
    for s in _list(d, "sections", "document"):
        if isinstance(s, dict) and "body" in s:
            s = dict(s)
            s["markdown"] = s.pop("body")
        sections.append(s)
    out["sections"] = sections
    predictions = []
    for p in _list(d, "predictions", "document"):
        if isinstance(p, dict) and "likelihood" in p:
            p = dict(p)
            p["probability"] = p.pop("likelihood")
        predictions.append(p)
    out["predictions"] = predictions
    return out


def _build(d: dict[str, Any]) -> Briefing:
    from briefing.core.storage.template_io import brand_from_dict, template_from_dict

    meta_d = _obj(d.get("meta", {}), "meta")
    status = _choice(meta_d, "status", _STATUSES, "meta", "draft")
    meta = Meta(status=status)  # type: ignore[arg-type]  # checked by _choice
    for key in _META_KEYS[:-1]:
        setattr(meta, key, _str(meta_d, key, "meta", getattr(meta, key)))
    sources = []
    for i, a in enumerate(_list(d, "sources", "document")):
        try:
            sources.append(Article.from_dict(a))
        except ValueError as err:
            raise _Bad(f"source {i + 1}: {err}") from err
    template_d = d.get("template")
    brand_d = d.get("brand")
    template: Template | None = None
    brand: Brand | None = None
    try:
        if template_d is not None:
            template = template_from_dict(template_d, name="template")
        if brand_d is not None:
            brand = brand_from_dict(brand_d, name="brand")
    except TemplateError as err:
        raise _Bad(f"{err.path} snapshot: {err.reason}") from err
    briefing = Briefing(
        title=_str(d, "title", "document", None),
        subtitle=_str(d, "subtitle", "document", ""),
        meta=meta,
        sections=[_section(s, i) for i, s in enumerate(_list(d, "sections", "document"))],
        predictions=[_prediction(p, i) for i, p in enumerate(_list(d, "predictions", "document"))],
        sources=sources,
        template=template,
        brand=brand,
    )
    _safe_ids(briefing)
    return briefing


def _safe_ids(b: Briefing) -> None:
    """Every id in the document becomes a unique slug (``A-Z a-z 0-9 _ -``).

    Ids go into HTML anchors, footnote labels and citations; a file may hold anything there
    (``x"><script>...``). Safe ids are kept as they are; a renamed source id is renamed in
    the origins and predictions that point at it too.
    """
    for section, new in zip(
        b.sections,
        unique_safe_ids((s.id for s in b.sections), "section", keep_empty=False),
        strict=True,
    ):
        section.id = new
    renamed: dict[str, str] = {}
    for article, new in zip(
        b.sources, unique_safe_ids((a.id for a in b.sources), "source"), strict=True
    ):
        if article.id != new:
            renamed.setdefault(article.id, new)
        article.id = new
        for block, block_id in zip(
            article.blocks, unique_safe_ids((x.id for x in article.blocks), "block"), strict=True
        ):
            block.id = block_id
    origins = [o for s in b.sections for o in s.origins]
    origins += [p.origin for p in b.predictions if p.origin is not None]
    for origin in origins:
        origin.source = _kept_id(renamed.get(origin.source, origin.source), "source")
        origin.block = _kept_id(origin.block, "block")
    for prediction in b.predictions:
        if prediction.source is not None:
            source = prediction.source
            prediction.source = _kept_id(renamed.get(source, source), "source")


def _kept_id(value: str, fallback: str) -> str:
    return safe_id(value, fallback) if value else value


def _section(raw: Any, i: int) -> Section:
    where = f"section {i + 1}"
    s = _obj(raw, where)
    md = s.get("markdown", "")
    if isinstance(md, list) and all(isinstance(line, str) for line in md):
        md = "\n".join(md)
    elif not isinstance(md, str):
        raise _Bad(f"{where}: markdown must be text or a list of lines")
    return Section(
        id=_str(s, "id", where, None),
        title=_str(s, "title", where, ""),
        markdown=md,
        guidance=_str(s, "guidance", where, ""),
        word_budget=_opt_int(s, "word_budget", where),
        origins=[_origin(o, f"{where} origin") for o in _list(s, "origins", where)],
    )


def _prediction(raw: Any, i: int) -> Prediction:
    where = f"prediction {i + 1}"
    p = _obj(raw, where)
    probability = _opt_int(p, "probability", where)
    if probability is not None and not 0 <= probability <= 100:
        raise _Bad(f"{where}: probability must be 0-100")
    indicators = _list(p, "indicators", where)
    if not all(isinstance(x, str) for x in indicators):
        raise _Bad(f"{where}: indicators must be text")
    origin = p.get("origin")
    return Prediction(
        statement=_str(p, "statement", where, None),
        probability=probability,
        term=_str(p, "term", where, ""),
        timeframe=_str(p, "timeframe", where, ""),
        resolve_by=_opt_str(p, "resolve_by", where),
        confidence=_choice(p, "confidence", _CONFIDENCES, where, "moderate"),  # type: ignore[arg-type]
        indicators=list(indicators),
        status=_choice(p, "status", _PREDICTION_STATUSES, where, "open"),  # type: ignore[arg-type]
        source=_opt_str(p, "source", where),
        origin=_origin(origin, f"{where} origin") if origin is not None else None,
    )


def _origin(raw: Any, where: str) -> Origin:
    o = _obj(raw, where)
    return Origin(source=_str(o, "source", where, None), block=_str(o, "block", where, None))


# ---------------------------------------------------------------- field checks


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"{where} must be an object")
    return value


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{where}: {key} must be a list")
    return value


def _str(d: dict[str, Any], key: str, where: str, default: str | None) -> str:
    value = d.get(key, default)
    if value is None and default is None and key not in d:
        raise _Bad(f"{where}: {key} is missing")
    if not isinstance(value, str):
        raise _Bad(f"{where}: {key} must be text")
    return value


def _opt_str(d: dict[str, Any], key: str, where: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise _Bad(f"{where}: {key} must be text")
    return value


def _opt_int(d: dict[str, Any], key: str, where: str) -> int | None:
    value = d.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise _Bad(f"{where}: {key} must be a whole number")
    return value


def _choice(d: dict[str, Any], key: str, allowed: tuple[str, ...], where: str, default: str) -> str:
    value = d.get(key, default)
    if value not in allowed:
        raise _Bad(f"{where}: {key} must be one of {', '.join(allowed)}")
    return str(value)
