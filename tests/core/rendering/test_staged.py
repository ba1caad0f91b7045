"""Partial previews: the pages a partial render marks exact are the complete render's pages.

A partial render lays out the document cut after the page being edited (or viewed); it is
only worth anything if those pages are the very pages the complete render then shows, page
totals included, for edits anywhere in the document.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from render_helpers import coded_briefing, page_texts, pdf_reader

from briefing.core.model.document import Briefing
from briefing.core.rendering import blocks
from briefing.core.rendering.document_html import render_html_parts
from briefing.core.rendering.pdf import render_pdf
from briefing.core.rendering.staged import StagedRenderer, plan_cut
from briefing.core.worker.protocol import RenderResult


def long_briefing() -> Briefing:
    """About ten pages: the coded briefing with a long background of mixed blocks."""
    briefing = coded_briefing(paragraphs=3)
    background = briefing.section("background")
    assert background is not None
    parts = []
    for n in range(1, 61):
        parts.append(
            f"Paragraph {n}: the talks between Tokyo and Washington touch on tariffs, "
            "semiconductors and the cost of the alliance; officials on both sides expect "
            "a long negotiation with several rounds before the summer. [@s1]"
        )
        if n % 5 == 0:
            parts.append(f"### Part {n // 5}")
        if n % 7 == 0:
            parts.append(f"::: callout Did you know?\nFact {n} about the alliance. [@s2]\n:::")
        if n % 9 == 0:
            parts.append(f"- point {n}a\n- point {n}b\n- point {n}c")
            parts.append(f"> A quote from an official, number {n}.")
    background.markdown = "\n\n".join(parts) + "\n\n" + background.markdown
    return briefing


def stages(renderer: StagedRenderer, briefing: Briefing, visible: int = 0) -> list[RenderResult]:
    out = list(renderer.stages(briefing, key="doc", visible=visible))
    assert None in out, "the complete stage is announced"
    assert out[-1] is not None and not out[-1].partial, "the complete render always comes last"
    return [r for r in out if r is not None]


def edited(briefing: Briefing, paragraph: int, words: str | None) -> Briefing:
    """``briefing`` with ``words`` added to the background's ``paragraph``-th block (with
    the block deleted when ``words`` is None)."""
    changed = copy.deepcopy(briefing)
    background = changed.section("background")
    assert background is not None
    blocks_ = background.markdown.split("\n\n")
    if words is None:
        del blocks_[paragraph]
    else:
        blocks_[paragraph] += words
    background.markdown = "\n\n".join(blocks_)
    return changed


@pytest.fixture(scope="module")
def warmed() -> tuple[StagedRenderer, Briefing, int]:
    renderer = StagedRenderer()
    briefing = long_briefing()
    first = stages(renderer, briefing)
    return renderer, briefing, first[-1].pages


@pytest.mark.parametrize(
    ("paragraph", "words"),
    [
        (0, " A few words more."),  # the first page
        (6, " And a sentence that runs on to fill another line of the page or two."),
        (14, ""),  # nothing changed in the text: the visible page decides
        (30, None),  # a paragraph deleted: later text moves up
    ],
)
def test_partial_pages_are_the_complete_renders_pages(
    warmed: tuple[StagedRenderer, Briefing, int], paragraph: int, words: str | None
) -> None:
    renderer, briefing, pages = warmed
    assert pages >= 6
    changed = edited(briefing, paragraph, words)
    results = stages(renderer, changed, visible=1 if not words else 0)
    partial, complete = results[0], results[-1]
    assert complete.pdf == render_pdf(changed), "the complete render is what export writes"
    assert partial.partial, "an edit well before the end is shown first from a cut document"
    assert partial.pages == pages, "the partial keeps the last page total and scroll range"
    k = partial.exact_pages
    assert 1 <= k < pages
    shown = page_texts(pdf_reader(partial.pdf))
    final = page_texts(pdf_reader(complete.pdf))
    assert len(shown) == partial.pages
    assert shown[:k] == final[:k]
    assert f"Page 1 of {complete.pages}" in shown[0]
    assert all("Updating this page" in text for text in shown[k:]), "placeholders after"


def test_the_partial_covers_the_page_in_view(
    warmed: tuple[StagedRenderer, Briefing, int],
) -> None:
    renderer, briefing, pages = warmed
    results = stages(renderer, edited(briefing, 1, " x"), visible=3)
    assert results[0].partial and results[0].exact_pages >= 4


def test_an_edit_near_the_end_goes_straight_to_the_complete_render(
    warmed: tuple[StagedRenderer, Briefing, int],
) -> None:
    renderer, briefing, pages = warmed
    stages(renderer, briefing)  # the last complete render is the unedited briefing again
    changed = copy.deepcopy(briefing)
    faq = changed.section("faq")
    assert faq is not None
    faq.markdown += "\n\n::: qa\n**Q:** And then?\n\nWe shall see.\n:::\n"
    results = stages(renderer, changed)
    assert len(results) == 1 and results[0].pages >= pages


def test_the_first_render_shows_its_first_pages_with_an_estimated_total() -> None:
    results = stages(StagedRenderer(), long_briefing())
    partial, complete = results[0], results[-1]
    assert partial.partial and partial.exact_pages >= 1
    shown = page_texts(pdf_reader(partial.pdf))
    final = page_texts(pdf_reader(complete.pdf))
    k = partial.exact_pages
    # Before any complete render the total is an estimate; the text above the footer is exact.
    strip = [t.rsplit("Page", 1)[0] for t in shown[:k]]
    assert strip == [t.rsplit("Page", 1)[0] for t in final[:k]]
    assert abs(partial.pages - complete.pages) <= max(2, complete.pages // 4)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_partial_pages_are_pixel_identical(
    warmed: tuple[StagedRenderer, Briefing, int], tmp_path: Path
) -> None:
    renderer, briefing, _pages = warmed
    results = stages(renderer, edited(briefing, 3, " Pixel words."), visible=1)
    partial, complete = results[0], results[-1]
    assert partial.partial
    for name, result in (("partial", partial), ("complete", complete)):
        (tmp_path / f"{name}.pdf").write_bytes(result.pdf)
        last = str(partial.exact_pages)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", last, f"{name}.pdf", name],
            cwd=tmp_path,
            check=True,
            timeout=60,
        )
    shots = sorted(tmp_path.glob("partial-*.png"))
    assert len(shots) == partial.exact_pages
    for shot in shots:
        twin = tmp_path / shot.name.replace("partial", "complete")
        assert shot.read_bytes() == twin.read_bytes(), f"{shot.name} differs"


def test_cut_documents_close_their_containers_and_keep_every_block_before_the_cut() -> None:
    html, _css = render_html_parts(long_briefing())
    spine = blocks.spine(html)
    assert spine and any(e.tag == "aside" for e in spine)
    inner = next(e for e in spine if e.tag == "p" and {"aside", "main"} <= set(e.closers))
    cut = blocks.cut_html(html, inner, "Updating…")
    assert cut.startswith(html[: inner.end])
    closers = "".join(f"</{tag}>" for tag in inner.closers if tag != "body")
    assert closers.startswith("</aside>") and closers.endswith("</section></main>")
    assert cut[inner.end :].startswith(closers)
    assert cut.endswith("</body></html>") and "Updating…" in cut
    again = blocks.spine(cut)
    assert [e.tag for e in again[: inner.index + 1]] == [e.tag for e in spine[: inner.index + 1]]


def test_html_that_is_not_well_formed_is_never_cut() -> None:
    assert blocks.spine("<html><body><main><p>open<div>x</p></main></body></html>") == []
    assert plan_cut("<p>", [], None, 0) is None


def test_page_totals_are_fixed_and_forward_references_refuse_a_cut() -> None:
    css = '.n::after { content: "Page " counter(page) " of " counter( pages ); }'
    assert (
        blocks.with_page_total(css, 41)
        == '.n::after { content: "Page " counter(page) " of " "41"; }'
    )
    margin = "@page { @bottom-right { content: counter(pages, upper-roman) } }"
    assert blocks.with_page_total(margin, 3) is None, "a page total the cut cannot fix"
    # A cross-reference refuses a cut only where an element of the document takes it.
    css = "nav.toc a::after { content: target-counter(attr(href), page) } p { color: red }"
    assert blocks.with_page_total(css, 3) == css
    assert blocks.forward_selectors(css) == ["nav.toc a::after"]
    toc = '<html><body><nav class="toc"><a href="#x">X</a></nav><p id="x">x</p></body></html>'
    assert blocks.refers_forward(toc, blocks.forward_selectors(css))
    assert not blocks.refers_forward("<html><body><p>x</p></body></html>", ["nav.toc a::after"])


def test_edit_offset_is_where_two_texts_first_differ() -> None:
    assert blocks.edit_offset("abcdef", "abcXef") == 3
    assert blocks.edit_offset("abc", "abcdef") == 3
    assert blocks.edit_offset("", "x") == 0
    assert blocks.edit_offset("same", "same") == 4


def test_a_partial_of_a_briefing_with_contents_names_the_last_complete_renders_pages() -> None:
    """The contents' page numbers are cross-references past the cut: like the page total,
    a partial takes them from the last complete render, and the complete render is the
    export's, contents included."""
    from briefing.core.model.template import Brand

    briefing = long_briefing()
    briefing.brand = Brand(id="c", name="C", toc_min_pages=3)
    renderer = StagedRenderer()
    assert len(stages(renderer, briefing)) == 1, "no partial before any page numbers are known"
    changed = edited(briefing, 0, " A few words more.")
    partial, complete = stages(renderer, changed)
    assert complete.pdf == render_pdf(changed)
    shown = page_texts(pdf_reader(partial.pdf))
    final = page_texts(pdf_reader(complete.pdf))
    assert "CONTENTS" in final[0] and re.search(r"Background\s*\.+\s*\d", final[0])
    assert partial.partial and shown[: partial.exact_pages] == final[: partial.exact_pages]
