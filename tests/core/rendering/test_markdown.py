"""The configured Markdown renderer against golden files in tests/fixtures/render."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.core.rendering.markdown import render_markdown

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "render"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md") if p.stem != "README")
SOURCES = {"s1": 1, "s2": 2, "s3": 3}


def _render(name: str) -> str:
    return render_markdown(
        (GOLDEN / f"{name}.md").read_text("utf-8"), sources=SOURCES, doc_id="sec"
    )


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    expected = (GOLDEN / f"{name}.html").read_text("utf-8")
    assert _render(name) == expected


def test_unsafe_targets_never_become_links_or_images() -> None:
    html = "".join(_render(name) for name in ("links", "images", "raw-html", "structure"))
    for bad in ("javascript:", "vbscript:", "file:", "/etc/", "../", "data:text", "gif"):
        assert f'href="{bad}' not in html.lower() and f'src="{bad}' not in html.lower()
    assert "<script" not in html and "<iframe" not in html and "<link" not in html
    assert html.count("<img ") == 2  # only the embedded PNG and SVG (a cut PNG is not drawn)


def test_raw_html_is_text() -> None:
    html = _render("raw-html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'rel="attachment"' not in html


if __name__ == "__main__" and "--regenerate" in sys.argv:
    for case in CASES:
        (GOLDEN / f"{case}.html").write_text(_render(case), encoding="utf-8")
        print("wrote", case)
