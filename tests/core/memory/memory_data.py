"""Test data for the memory tests: briefings with sources and predictions, saved to files."""

from __future__ import annotations

from pathlib import Path

from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Prediction, Section
from briefing.core.model.ids import give_prediction_ids
from briefing.core.model.template import Template
from briefing.core.storage.document_io import save_briefing


def article(title: str, text: str, *, site: str = "Nordic Monitor", author: str = "Ingrid Berg",
            published: str = "2026-03-02", sid: str = "s1") -> Article:  # fmt: skip
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return Article(
        title=title,
        blocks=[Block("paragraph", p, f"b{i}") for i, p in enumerate(paragraphs, start=1)],
        authors=[author],
        published=published,
        site=site,
        id=sid,
        origin=f"{title[:10]}.html",
        imported="2026-03-03",
    )


def briefing(title: str = "Arctic weekly", *, analyst: str = "R. Okafor", day: str = "2026-03-04",
             handling: str = "TLP:AMBER", sources: list[Article] | None = None,
             predictions: list[Prediction] | None = None, template: str = "standard",
             body: str = "Two cables were cut near Svalbard. [@s1]") -> Briefing:  # fmt: skip
    sources = sources if sources is not None else [
        article("Seabed cables under watch", "Investigators examined the damaged cable.\n\n"
                "Repairs will take weeks, operators said.")
    ]  # fmt: skip
    b = Briefing(
        title=title,
        meta=Meta(analyst=analyst, date=day, handling=handling, organisation="Ministry"),
        sections=[
            Section(id="background", title="Background", markdown=body),
            Section(id="outlook", title="Outlook", markdown="Patrols are expected to grow."),
        ],
        predictions=predictions
        if predictions is not None
        else [
            Prediction("Norway will fund new seabed sensors", 70, "likely", "by end of 2026"),
            Prediction("A suspect vessel will be named", 30, "unlikely", resolve_by="2026-06-30"),
        ],  # fmt: skip
        sources=sources,
        template=Template(id=template, name=template.title()),
    )
    give_prediction_ids(b)  # as drafting or the editor would have given them
    return b


def save(b: Briefing, folder: Path, name: str) -> Path:
    path = folder / name
    save_briefing(b, path)
    return path
