"""Check drafting's page estimate against real layouts, and measure the fonts' set widths.

    python scripts/page_metrics.py            estimate vs laid-out pages, block by block
    python scripts/page_metrics.py --widths   the set width of each bundled family

The first drafts the sample paste (needs ../shared), the demo article, both, and the sample
with two sites that disagree, into the standard template in each built-in brand; lays each
out with WeasyPrint (before any last-page tightening) and prints the pages it fills (the
last one as a fraction) beside the estimate, then each block's height in millimetres, laid
out / estimated. The second sets one long paragraph of running text on a 150 mm measure in
each family at its body size and prints the average character's advance in ems: the
figures of ``briefing.core.model.typography.SET_WIDTH_EM``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
SAMPLE = REPO.parent / "shared" / "samples" / "takaichi-trump-call.txt"
PX_MM = 25.4 / 96


def _walk(box: Any) -> Any:
    stack = [box]
    while stack:
        b = stack.pop()
        yield b
        stack.extend(reversed(getattr(b, "children", None) or []))


def _blocks(document: Any) -> dict[str, float]:
    """Height (mm, margins included) of the cover, each section and the Sources list."""
    out: dict[str, float] = {}
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            b = stack.pop()
            el = getattr(b, "element", None)
            if el is not None and type(b).__name__ == "BlockBox":
                tag, cls = b.element_tag, el.get("class") or ""
                key = "cover" if tag == "header" and "cover" in cls else None
                key = el.get("id") if tag == "section" else key
                if key:
                    out[key] = out.get(key, 0.0) + b.margin_height() * PX_MM
                    continue
            stack.extend(getattr(b, "children", None) or [])
    return out


def compare() -> None:
    from support.stories import baltic_a, baltic_b

    from briefing.core.drafting import draft_briefing
    from briefing.core.drafting import pages as P
    from briefing.core.importing import import_file
    from briefing.core.paths import demo_article_path
    from briefing.core.rendering.document_html import effective_brand, render_html_parts
    from briefing.core.rendering.pdf import _lay_out, last_page_fill
    from briefing.core.storage.library import Library

    library = Library()
    demo = demo_article_path()
    cases = {"demo": lambda: [import_file(demo)]}
    if SAMPLE.exists():
        cases["sample"] = lambda: [import_file(SAMPLE)]
        cases["sample+demo"] = lambda: [import_file(SAMPLE), import_file(demo)]
        cases["three"] = lambda: [import_file(SAMPLE), baltic_a(), baltic_b()]
    for brand_id in ("default", "ministry", "consultancy"):
        for name, articles in cases.items():
            brand = library.brand(brand_id)
            b = draft_briefing(articles(), library.template("standard"), brand)
            shown = effective_brand(b, brand)
            html, css = render_html_parts(b, brand=shown)
            document, _ = _lay_out(html, css, None, None)
            m = P.metrics_for(shown)
            real = len(document.pages) - 1 + last_page_fill(document)
            estimated = P.estimate_pages(b, shown)
            parts = []
            for key, mm in _blocks(document).items():
                section = next((s for s in b.sections if f"sec-{s.id}" == key), None)
                if key == "cover":
                    est = None if m.cover_page else P._cover_mm(b, m, False)
                elif key == "sources":
                    est = P._sources_mm(b, m)
                elif section is not None and P._is_panel(b, section):
                    est = P._panel_mm(b, section, m)
                elif section is not None:
                    est = P._section_heading_mm(m) + P.section_mm(section, m)
                    est += P._prediction_mm(b, m) if section.id == "predictions" else 0.0
                else:
                    est = None
                parts.append(f"{key}:{mm:.0f}/{'-' if est is None else f'{est:.0f}'}")
            print(f"{brand_id:11} {name:11} laid out {real:.2f} pages, estimate {estimated:.2f}")
            print("    " + "  ".join(parts), flush=True)


def widths() -> None:
    from briefing.core.importing import import_file
    from briefing.core.model.template import Brand, BrandFonts
    from briefing.core.model.typography import PT_MM, body_type
    from briefing.core.paths import demo_article_path
    from briefing.core.rendering.fonts import available_families, font_face_css
    from briefing.core.rendering.pdf import _lay_out
    from briefing.core.rendering.style import brand_css

    paths = [demo_article_path(), *([SAMPLE] if SAMPLE.exists() else [])]
    texts = [b.text for p in paths for b in import_file(p).blocks if b.kind == "paragraph"]
    text = " ".join(t for t in texts if len(t) > 250)
    for family in available_families():
        if family.startswith("Noto Sans ") and family != "Noto Sans":
            continue  # the CJK fallbacks
        brand = Brand(id="w", name="w", fonts=BrandFonts(heading=family, body=family))
        brand.margins_mm = (20.0, 30.0, 20.0, 30.0)  # a 150 mm measure on A4
        css = font_face_css(brand) + brand_css(brand)
        html = f'<html lang="en"><body><main><p>{escape(text)}</p></main></body></html>'
        document, _ = _lay_out(html, css, None, None)
        lines = sum(
            type(b).__name__ == "LineBox" for page in document.pages for b in _walk(page._page_box)
        )
        per_line = len(text) / (lines - 0.5)
        em = 150 / per_line / (body_type(family).size_pt * PT_MM)
        print(f"{family:18} {per_line:5.1f} characters a line, {em:.3f} em a character")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", action="store_true", help="measure the fonts' set widths")
    args = parser.parse_args(argv)
    os.environ["BRIEFING_HOME"] = tempfile.mkdtemp(prefix="briefing-metrics-")  # built-ins only
    widths() if args.widths else compare()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
