"""A parsed ``.briefing`` document (current format, already migrated) built into the model.

Every field is checked as it is read (:mod:`.fields`); :mod:`.document_io` reads, migrates
and writes the files and turns what this module raises into one line naming the file.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.core.errors import LibraryError
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
from briefing.core.storage import fields
from briefing.core.storage.document_ids import make_ids_safe
from briefing.core.storage.fields import Bad

META_KEYS = ("analyst", "organisation", "date", "audience", "handling", "reference", "status")
_STATUSES = ("draft", "final")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_CONFIDENCES = ("", "low", "moderate", "high")
_PREDICTION_STATUSES = ("open", "resolved")


def build_briefing(d: dict[str, Any]) -> Briefing:
    """The model of a parsed, migrated current-format document; raises ``Bad`` (naming the
    field) or ``BriefingError`` for anything it cannot hold."""
    from briefing.core.storage.template_io import brand_from_dict, template_from_dict

    meta_d = fields.obj(d.get("meta", {}), "meta")
    status = fields.choice(meta_d, "status", _STATUSES, "meta", "draft")
    meta = Meta(status=status)  # type: ignore[arg-type]  # checked by _choice
    for key in META_KEYS[:-1]:
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
