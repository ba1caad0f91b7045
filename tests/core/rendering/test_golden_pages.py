"""The pages themselves, compared with golden images: a CSS change, a WeasyPrint upgrade or a
font that moves things is seen here (see tests/support/golden.py for the tolerance).

After an intended change: look at the pages, then ``python scripts/golden_pages.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import golden

pytestmark = pytest.mark.skipif(
    golden.pdftoppm() is None, reason="pdftoppm (poppler-utils) is not installed"
)


@pytest.mark.parametrize("name", golden.case_names(with_sample=False))
def test_demo_pages_look_as_they_did(name: str, tmp_path: Path) -> None:
    pages = golden.rasterise(golden.render_case(name))
    assert not golden.compare(name, pages, tmp_path / "golden-diff")


@pytest.mark.parametrize("brand", golden.BRANDS)
def test_sample_pages_look_as_they_did(brand: str, sample_path: Path, tmp_path: Path) -> None:
    name = f"sample-{brand}"
    pages = golden.rasterise(golden.render_case(name))
    assert not golden.compare(name, pages, tmp_path / "golden-diff")


def test_the_comparison_sees_a_moved_paragraph() -> None:
    """The tolerance is not so loose that it passes anything."""
    briefing = golden.demo_briefing()
    briefing.sections[0].markdown = "A new opening paragraph.\n\n" + briefing.sections[0].markdown
    from briefing.core.rendering.pdf import render_pdf
    from briefing.core.storage.library import Library

    moved = golden.rasterise(render_pdf(briefing, brand=Library().brand("default")))
    first = golden.golden_pages("demo-default")[0]
    assert golden.changed_fraction(moved[0], first) > golden.MAX_CHANGED
    same = golden.rasterise(golden.render_case("demo-default"))
    assert golden.changed_fraction(same[0], first) < golden.MAX_CHANGED / 4
