"""The preview through the real renderer: export's pages, live edits, runaway documents."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QTimer
from support.waiting import wait_until

from briefing.core.model.document import Briefing, Meta, Section
from briefing.core.model.template import Brand, BrandColors, BrandFonts
from briefing.core.rendering.export import export_file
from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.library import Library
from briefing.core.worker.protocol import RenderLimits
from briefing.ui.preview import PreviewPane
from briefing.ui.render_client import RenderClient


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def briefing() -> Briefing:
    template = Library().template("standard")
    body = "\n\n".join(
        f"Paragraph {i}: subsea cables carry most of the region's traffic." for i in range(8)
    )
    return Briefing(
        title="Arctic cable cuts",
        subtitle="What the outage means",
        meta=Meta(analyst="A. Analyst", organisation="Policy Unit", date="2026-11-28"),
        sections=[Section(id=s.id, title=s.title, markdown=body) for s in template.sections],
        template=template,
    )


@pytest.fixture
def pane(qtbot) -> Iterator[PreviewPane]:  # type: ignore[no-untyped-def]
    p = PreviewPane(client=RenderClient(limits=RenderLimits(time_limit_ms=1500)))
    qtbot.addWidget(p)
    p.resize(600, 800)
    p.show()
    yield p
    pid = p.client.worker_pid()
    p.shutdown()
    assert not pid or not Path(f"/proc/{pid}").exists()


def test_preview_shows_the_pages_export_writes(pane: PreviewPane, tmp_path: Path) -> None:
    doc = briefing()
    pane.client.time_limit_ms = 20000
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 30000)
    exported = tmp_path / "out.pdf"
    export_file(doc, exported, attach_source=False)
    assert texts(pane.pdf_bytes()) == texts(exported.read_bytes()) == texts(render_pdf(doc))
    assert pane.page_count() == len(texts(render_pdf(doc)))
    assert set(pane.section_pages()) == {s.id for s in doc.sections}


def test_an_edit_shows_up_in_the_page_text(pane: PreviewPane) -> None:
    doc = briefing()
    pane.client.time_limit_ms = 20000
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 30000)
    assert "Greenland" not in "".join(texts(pane.pdf_bytes()))
    doc.sections[1].markdown = "Greenland's landing station is the single point of failure."
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 30000)
    document = pane.document()
    assert document is not None
    shown = " ".join(document.getAllText(i).text() for i in range(document.pageCount()))
    assert "single point of failure" in " ".join(shown.split())


def runaway_cases() -> dict[str, Briefing]:
    table = "| Row | Detail | Value |\n|---|---|---|\n" + "\n".join(
        f"| r{i} | {'cell text ' * 3} | {i} |" for i in range(2000)
    )
    nested_list = "\n".join("  " * i + "- item" for i in range(5000))
    return {
        "2000-row table": Briefing(title="T", sections=[Section("a", "Data", table)]),
        "5000-deep list": Briefing(title="L", sections=[Section("a", "Deep", nested_list)]),
    }


def absurd_brand() -> Brand:
    return Brand(
        id="absurd",
        name="Absurd",
        colors=BrandColors(primary="red; font-size: 99999pt", accent="#" + "f" * 5000),
        fonts=BrandFonts(heading="X; font-size: 100000pt", body="Y} * { font-size: 99999pt"),
        margins_mm=(1e9, 1e9, -1e9, 1e9),
    )


def hostile_but_bounded() -> dict[str, Briefing]:
    return {
        "5000-deep blockquote": Briefing(
            title="Q", sections=[Section("a", "Quotes", "> " * 5000 + "deep")]
        ),
        "absurd brand values": Briefing(
            title="Brand", sections=[Section("a", "A", "text " * 200)], brand=absurd_brand()
        ),
    }


def tick_while(pane: PreviewPane, doc: Briefing) -> list[float]:
    """Request ``doc`` and wait for idle while a 10 ms timer records when it fired."""
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 40000)
    ticker.stop()
    return [b - a for a, b in zip(ticks, ticks[1:], strict=False)]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(runaway_cases()))
def test_runaway_documents_are_stopped_and_the_ui_keeps_running(
    pane: PreviewPane, name: str
) -> None:
    errors: list[str] = []
    pane.failed.connect(errors.append)
    gaps = tick_while(pane, runaway_cases()[name])
    assert errors and "longer than" in errors[-1], f"{name}: {errors}"
    assert "Preview stopped" in pane.status_label.text()
    assert len(gaps) > 50 and max(gaps) < 1.0, f"largest event-loop gap {max(gaps):.2f} s"
    pane.client.time_limit_ms = 20000
    pane.request_render(Briefing(title="Recovered", sections=[Section("a", "A", "fine")]))
    assert wait_until(pane.is_idle, 30000)
    assert "Recovered" in "".join(texts(pane.pdf_bytes()))


@pytest.mark.parametrize("name", list(hostile_but_bounded()))
def test_deep_nesting_and_absurd_brand_values_render_or_fail_cleanly(
    pane: PreviewPane, name: str
) -> None:
    pane.client.time_limit_ms = 20000
    errors: list[str] = []
    pane.failed.connect(errors.append)
    gaps = tick_while(pane, hostile_but_bounded()[name])
    assert pane.page_count() >= 1 or errors, name
    assert all("\n" not in e for e in errors)
    assert max(gaps) < 1.0, f"largest event-loop gap {max(gaps):.2f} s"


def long_doc(extra: str = "") -> Briefing:
    doc = briefing()
    doc.sections[0].markdown = "\n\n".join(
        f"Paragraph {i}: subsea cables carry most of the region's traffic, and repairs take "
        "weeks when a ship must come from far away." + (extra if i == 3 else "")
        for i in range(90)
    )
    return doc


def test_an_early_edit_shows_its_pages_first_then_the_complete_pdf(pane: PreviewPane) -> None:
    pane.client.time_limit_ms = 60000
    pane.request_render(long_doc())
    assert wait_until(pane.is_idle, 60000) and not pane.is_partial()
    total = pane.page_count()
    assert total >= 5
    partials: list[tuple[int, bool, str, list[str]]] = []

    def seen(exact: int) -> None:
        partials.append(
            (exact, pane.is_partial(), pane.status_label.text(), texts(pane.pdf_bytes()))
        )

    pane.partial_shown.connect(seen)
    doc = long_doc(" Greenland's landing station is the single point of failure.")
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 60000)
    assert len(partials) == 1
    exact, partial, status, shown = partials[0]
    assert partial and 1 <= exact < total
    assert status == f"Updating pages {exact + 1}–{total}…"
    assert "single point of failure" in " ".join(" ".join(shown[:exact]).split())
    # The complete PDF replaced the partial, and its first pages are the partial's.
    assert not pane.is_partial() and pane.status_label.text().startswith("Up to date")
    final = texts(pane.pdf_bytes())
    assert final == texts(render_pdf(doc)) and shown[:exact] == final[:exact]
    assert pane.page_count() == len(final)


def test_fast_typing_on_a_long_briefing_ends_on_the_complete_newest_pages(
    qtbot, pane: PreviewPane
) -> None:  # type: ignore[no-untyped-def]
    pane.client.time_limit_ms = 60000
    doc = long_doc()
    pane.request_render(doc)
    assert wait_until(pane.is_idle, 60000)
    shown: list[tuple[bool, str]] = []
    pane.partial_shown.connect(lambda _n: shown.append((True, " ".join(texts(pane.pdf_bytes())))))
    pane.rendered.connect(lambda _n: shown.append((False, " ".join(texts(pane.pdf_bytes())))))
    state = {"n": 0}

    def keystroke() -> None:
        state["n"] += 1
        doc.sections[0].markdown = re.sub(
            r"Paragraph 2( k\d+)?:", f"Paragraph 2 k{state['n']}:", doc.sections[0].markdown
        )
        pane.request_render(doc)
        if state["n"] == 40:
            timer.stop()

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(keystroke)
    timer.start()
    qtbot.waitUntil(lambda: state["n"] == 40, timeout=30000)
    assert wait_until(pane.is_idle, 60000)
    assert shown and shown[-1][0] is False, "the complete render comes last"
    assert "k40" in shown[-1][1] and not pane.is_partial()
    # Every keystroke wins over the one before: no result shown went back to older text.
    numbers = [int(t.split("Paragraph 2 k", 1)[1].split(":")[0]) for _p, t in shown if " k" in t]
    assert numbers == sorted(numbers)
