"""Real content end to end: the sample paste and several articles, imported, drafted and
exported; the PDF read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import CHROME, assert_pdf_basics, page_texts

from briefing.core.model.document import Briefing
from briefing.core.rendering.pdf import render_pdf

importing = pytest.importorskip("briefing.core.importing")
drafting = pytest.importorskip("briefing.core.drafting")


def _draft(paths: list[Path], template_id: str = "standard") -> Briefing:
    from briefing.core.storage.library import Library

    library = Library()
    articles = [importing.import_file(p) for p in paths]
    briefing: Briefing = drafting.draft_briefing(
        articles, library.template(template_id), library.brand("default")
    )
    return briefing


def _check(briefing: Briefing) -> list[str]:
    reader = assert_pdf_basics(
        render_pdf(briefing, attach_source=True),
        title=briefing.title,
        handling=briefing.meta.handling,
    )
    texts = page_texts(reader)
    text = " ".join(texts)
    assert not CHROME.search(text), CHROME.search(text)
    for marker in (":::", "[@", "**Q:**", "<img", "<script"):
        assert marker not in text, marker
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    titles = [s.title for s in briefing.sections if s.markdown.strip()]
    assert titles and all(t in bookmarks for t in titles)
    assert len(reader.attachments) == 1
    return texts


def test_sample_paste_drafts_into_a_clean_branded_pdf(sample_path: Path) -> None:
    briefing = _draft([sample_path])
    texts = _check(briefing)
    assert "Predictions" in " ".join(texts) and "SOURCES" in " ".join(texts)  # an appendix label


def test_briefing_drafted_from_several_articles(sample_path: Path, fixtures_dir: Path) -> None:
    from briefing.core.paths import demo_article_path

    web = fixtures_dir / "web" / "article.html"
    paths = [sample_path, demo_article_path()] + ([web] if web.is_file() else [])
    briefing = _draft(paths, "bluf")
    texts = _check(briefing)
    joined = " ".join(texts)
    # Every source is listed, and the passages cite more than one of them.
    for article in briefing.sources:
        assert article.title.split()[0] in joined
    assert len({a.id for a in briefing.sources}) == len(paths)
