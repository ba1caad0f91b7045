"""The preview's render machinery: debounce, newest wins, time/memory limits, clean shutdown.

These tests drive the real worker process with a stand-in renderer
(``tests/support/fake_worker.py``) so the behaviour under test is the machinery, not the
speed of the real renderer; ``test_preview_real.py`` covers the real export path.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from support.fake_worker import FAKE_WORKER, jobs_started
from support.waiting import wait_until

from briefing.core.model.document import Briefing, Section
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.worker.protocol import RenderLimits
from briefing.ui.preview import PreviewPane
from briefing.ui.render_client import RenderClient


def alive(pid: int) -> bool:
    """True if ``pid`` exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def exists(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def make_pane(qtbot, log: Path, **client_opts: object) -> PreviewPane:  # type: ignore[no-untyped-def]
    """A preview whose worker renders with the stand-in; ``log`` counts the jobs it starts."""
    worker = [sys.executable, str(FAKE_WORKER), "--log", str(log)]
    pane = PreviewPane(client=RenderClient(worker=worker, **client_opts))  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    return pane


@pytest.fixture
def pane(qtbot, tmp_path: Path) -> Iterator[PreviewPane]:  # type: ignore[no-untyped-def]
    limits = RenderLimits(memory_mb=700, time_limit_ms=4000)
    p = make_pane(qtbot, tmp_path / "jobs.log", limits=limits, supersede_grace_ms=600)
    yield p
    pid = p.client.worker_pid()
    p.shutdown()
    if pid:
        assert not exists(pid), "the worker must be reaped on shutdown"


def doc(title: str, paras: int = 2, words: int = 30) -> Briefing:
    body = "\n\n".join(" ".join(f"w{p}x{i}" for i in range(words)) for p in range(paras))
    return Briefing(
        title=title,
        sections=[
            Section(id="background", title="Background", markdown=body),
            Section(id="key-takeaway", title="Key Takeaway", markdown=body),
            Section(id="faq", title="FAQ", markdown=body),
        ],
    )


def page_text(pane: PreviewPane) -> str:
    document = pane.document()
    assert document is not None
    return "\n".join(document.getAllText(i).text() for i in range(document.pageCount()))


def test_render_shows_pages_text_and_outline(pane: PreviewPane) -> None:
    pages: list[int] = []
    pane.rendered.connect(pages.append)
    pane.request_render(doc("Arctic cables"))
    assert wait_until(pane.is_idle, 20000)
    assert pages == [pane.page_count()] and pane.page_count() >= 1
    assert "Arctic cables" in page_text(pane)
    assert pane.pdf_bytes().startswith(b"%PDF")
    assert set(pane.section_pages()) == {"background", "key-takeaway", "faq"}
    titles = [pane.outline.item(i).text() for i in range(pane.outline.count())]
    assert any("FAQ" in t for t in titles)


def test_200_keystrokes_start_few_renders_and_only_newest_is_shown(
    qtbot, pane: PreviewPane, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    briefing = doc("Typing")
    shown: list[str] = []
    pane.rendered.connect(lambda _n: shown.append(page_text(pane)))
    state = {"n": 0}

    def keystroke() -> None:
        state["n"] += 1
        section = briefing.sections[0]
        section.markdown += f" k{state['n']}"
        pane.request_render(briefing)
        if state["n"] == 200:
            timer.stop()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(keystroke)
    timer.start()
    qtbot.waitUntil(lambda: state["n"] == 200, timeout=30000)
    assert wait_until(pane.is_idle, 20000)
    started = jobs_started(tmp_path / "jobs.log")
    assert 1 <= started <= 6, f"{started} renders started for 200 keystrokes"
    assert "k200" in page_text(pane)
    # Every result that reached the screen was the newest request at the time; the last one
    # on screen reflects the last keystroke, and no older result replaced it.
    assert shown and "k200" in shown[-1]
    assert len(shown) <= started


def test_request_takes_a_snapshot(pane: PreviewPane) -> None:
    briefing = doc("Snapshot title")
    pane.request_render(briefing)
    briefing.title = "Changed after the request"
    briefing.sections[0].markdown = "changed too"
    assert wait_until(pane.is_idle, 20000)
    shown = page_text(pane)
    assert "Snapshot title" in shown and "Changed after" not in shown
    assert "changed too" not in shown


def test_scroll_position_is_kept_across_rerenders(pane: PreviewPane) -> None:
    briefing = doc("Long", paras=12, words=120)
    pane.request_render(briefing)
    assert wait_until(pane.is_idle, 20000)
    assert pane.page_count() >= 3
    bar = pane.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    briefing.sections[2].markdown += " one more word"
    pane.request_render(briefing)
    assert wait_until(pane.is_idle, 20000)
    assert "one more word" in page_text(pane)
    assert bar.value() == before


def test_go_to_section_jumps_to_its_heading(pane: PreviewPane) -> None:
    briefing = doc("Jump", paras=12, words=120)
    pane.request_render(briefing)
    assert wait_until(pane.is_idle, 20000)
    faq_page = pane.section_pages()["faq"]
    assert faq_page >= 1
    assert pane.go_to_section("faq")
    assert pane.current_page() == faq_page
    assert pane.pages_label.text() == f"Page {faq_page + 1} of {pane.page_count()}"
    assert "FAQ" in pane.outline.currentItem().text()
    bar = pane.view.verticalScrollBar()
    middle = pane.section_pages()["key-takeaway"]
    assert pane.go_to_section("key-takeaway")
    at_heading = bar.value()
    assert at_heading < bar.maximum()
    pane.go_to_page(middle)
    assert bar.value() < at_heading, "the jump lands on the heading, below the page top"
    assert pane.current_page() == middle
    bar.setValue(bar.minimum())
    assert pane.current_page() == 0, "scrolling moves the current page"
    assert pane.pages_label.text().startswith("Page 1 of")
    assert not pane.go_to_section("no-such-section")


def test_page_budget_warning(pane: PreviewPane) -> None:
    pane.set_page_budget(1)
    pane.request_render(doc("Budget", paras=12, words=120))
    assert wait_until(pane.is_idle, 20000)
    assert pane.page_count() > 1
    assert not pane.budget_label.isHidden()
    assert "1-page budget" in pane.budget_label.text()
    pane.set_page_budget(50)
    assert pane.budget_label.isHidden()


def test_zoom_in_out_and_fit_width(qtbot, pane: PreviewPane) -> None:  # type: ignore[no-untyped-def]
    pane.request_render(doc("Zoom"))
    assert wait_until(pane.is_idle, 20000)
    pane.zoom_in()
    first = pane.view.zoomFactor()
    pane.zoom_in()
    assert pane.view.zoomFactor() > first
    pane.zoom_out()
    pane.zoom_out()
    assert pane.view.zoomFactor() == pytest.approx(first / 1.25)
    pane.fit_width()
    assert pane.view.zoomMode() == pane.view.ZoomMode.FitToWidth
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pane.view.zoomMode() == pane.view.ZoomMode.Custom, "Ctrl++ zooms in"


def test_runaway_render_is_killed_restarted_and_ui_keeps_ticking(pane: PreviewPane) -> None:
    pane.request_render(doc("Before"))
    assert wait_until(pane.is_idle, 20000)
    pane.client.time_limit_ms = 2000
    good_pdf = pane.pdf_bytes()
    first_pid = pane.client.worker_pid()
    errors: list[str] = []
    pane.failed.connect(errors.append)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()
    pane.request_render(doc("SLEEP forever"))
    assert wait_until(pane.is_idle, 20000)
    ticker.stop()
    assert errors and "longer than 2 s" in errors[-1]
    assert "longer than" in pane.status_label.text()
    assert pane.pdf_bytes() == good_pdf, "the last good pages stay on screen"
    assert not exists(first_pid), "the runaway worker was killed and reaped"
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 100 and max(gaps) < 1.0, f"largest event-loop gap {max(gaps):.2f} s"
    pane.request_render(doc("After"))
    assert wait_until(pane.is_idle, 20000)
    assert "After" in page_text(pane)
    assert pane.client.worker_pid() not in (0, first_pid)


def test_memory_hog_is_stopped_by_the_memory_limit(pane: PreviewPane) -> None:
    pane.client.time_limit_ms = 60000  # only the memory limit may stop it, even on a busy machine
    errors: list[str] = []
    pane.failed.connect(errors.append)
    pane.request_render(doc("HOG memory"))
    assert wait_until(pane.is_idle, 60000)
    assert errors and "memory" in errors[-1], errors
    pane.request_render(doc("Recovered"))
    assert wait_until(pane.is_idle, 20000)
    assert "Recovered" in page_text(pane)


def test_crashed_worker_is_reported_and_replaced(pane: PreviewPane) -> None:
    errors: list[str] = []
    pane.failed.connect(errors.append)
    pane.request_render(doc("CRASH now"))
    assert wait_until(pane.is_idle, 20000)
    assert errors and "crashed" in errors[-1]
    pane.request_render(doc("Fine again"))
    assert wait_until(pane.is_idle, 20000)
    assert "Fine again" in page_text(pane)


def test_a_superseded_slow_preview_is_stopped_by_the_worker_which_lives_on(
    qtbot, pane: PreviewPane, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    pane.failed.connect(errors.append)
    pane.request_render(doc("Warm"))
    assert wait_until(pane.is_idle, 20000)
    log = tmp_path / "jobs.log"
    restarts: list[bool] = []
    pane.client.worker_restarted.connect(lambda: restarts.append(True))
    jobs = jobs_started(log)
    pane.request_render(doc("SLEEP slow"))
    qtbot.waitUntil(lambda: jobs_started(log) == jobs + 1, timeout=10000)
    worker = pane.client.worker_pid()
    pane.request_render(doc("Newest"))
    assert wait_until(pane.is_idle, 20000)
    assert "Newest" in page_text(pane)
    assert restarts == [] and pane.client.worker_pid() == worker, "stopped, not killed"
    assert errors == [], "a superseded job is dropped silently"


def test_a_superseded_job_that_cannot_be_stopped_is_killed_for_the_newest(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "jobs.log"
    client = RenderClient(
        worker=[sys.executable, str(FAKE_WORKER), "--log", str(log)],
        limits=RenderLimits(memory_mb=700, time_limit_ms=8000),
        supersede_grace_ms=600,
    )
    shown: list[bytes] = []
    client.rendered.connect(lambda result: shown.append(result.pdf))
    restarts: list[bool] = []
    client.worker_restarted.connect(lambda: restarts.append(True))
    try:
        client.request(dumps_briefing(doc("SLEEP slow")))  # a plain render: never stopped
        qtbot.waitUntil(lambda: jobs_started(log) == 1, timeout=10000)
        slow = client.worker_pid()
        client.request(dumps_briefing(doc("Newest")))
        assert wait_until(client.is_idle, 20000)
        assert restarts == [True] and not exists(slow), "the slow worker was replaced"
        assert len(shown) == 1 and b"%PDF" in shown[0]
    finally:
        client.shutdown()


def render_children() -> list[int]:
    """Render workers that are children of this test process (running or zombie)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and (b"fake_worker" in cmdline or b"core.worker" in cmdline):
            found.append(int(entry.name))
    return found


def test_shutdown_leaves_no_process(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = make_pane(qtbot, tmp_path / "jobs.log")
    p.request_render(doc("Bye"))
    assert wait_until(p.is_idle, 20000)
    pid = p.client.worker_pid()
    assert alive(pid) and pid in render_children()
    p.shutdown()
    p.shutdown()
    assert not exists(pid)
    # Only the command line's export worker (kept for its next export) may still run.
    from briefing.core.worker.export_client import worker_pid

    assert [child for child in render_children() if child != worker_pid()] == []


def test_outline_gives_way_in_a_narrow_pane_until_the_user_chooses(pane: PreviewPane) -> None:
    pane.resize(900, 800)
    assert not pane.outline.isHidden() and pane.outline_button.isChecked()
    pane.resize(450, 800)
    assert pane.outline.isHidden() and not pane.outline_button.isChecked()
    pane.outline_button.click()
    assert not pane.outline.isHidden()
    pane.resize(460, 800)
    assert not pane.outline.isHidden(), "the user's choice sticks"


def test_two_panes_on_one_worker_both_finish_and_share_the_process(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.render_worker import RenderWorker

    log = tmp_path / "jobs.log"
    worker = RenderWorker(worker=[sys.executable, str(FAKE_WORKER), "--log", str(log)])
    panes = [PreviewPane(worker=worker) for _ in range(2)]
    for pane in panes:
        qtbot.addWidget(pane)
    try:
        # Requests from both, again and again: each may stop the other's render, but a
        # stopped one waits its turn instead of stopping the one that stopped it.
        for n in range(6):
            for name, pane in zip(("Left", "Right"), panes, strict=True):
                pane.request_render(doc(f"{name} {n}", paras=20, words=80))
            qtbot.wait(30)
        for pane in panes:
            assert wait_until(pane.is_idle, 30000), "no render starves"
        assert "Left 5" in page_text(panes[0]) and "Right 5" in page_text(panes[1])
        assert panes[0].client.worker_pid() == panes[1].client.worker_pid() != 0
        assert jobs_started(log) < 30
    finally:
        pid = worker.pid()
        for pane in panes:
            pane.shutdown()
    assert not exists(pid), "the last pane to leave stops the shared worker"
