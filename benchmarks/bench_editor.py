"""The editor: start-up, keystroke-to-new-pages latency, UI-thread stalls while typing, memory.

Targets (issue 6): window shown < 1.5 s from launch; after a keystroke in the 4-page sample
briefing the new pages are on screen within 400 ms (median; p95 reported); typing never blocks
the UI thread for more than 50 ms while the preview renders; < 400 MB RSS (editor plus render
worker, peak) with a 40-page briefing open.

Start-up and memory run the real editor in a child process (``tests/support/editor_driver.py``
starts it as ``briefing`` does and prints the figures); latency and stalls drive a real editor
window in this process (offscreen).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Figure, median, spread

STARTUP_TARGET_S = 1.5
LATENCY_TARGET_MS = 400
STALL_TARGET_MS = 50
RSS_TARGET_MB = 400


DRIVER = REPO / "tests" / "support" / "editor_driver.py"


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, BRIEFING_HOME=str(home))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _run_hook(args: list[str], home: Path, hook: str, prefix: str, timeout: float) -> str:
    proc = subprocess.run(
        [sys.executable, str(DRIVER), hook, *args],
        cwd=REPO,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(prefix):
            return line
    raise RuntimeError(f"editor did not report {prefix}: {proc.stderr[-500:]}")


def _startup(runs: int, home: Path) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.time()
        line = _run_hook([], home, "startup", "BRIEFING_EXPOSED", 60)
        out.append(float(line.split()[1]) - start)
    return out


def _sample_briefing():  # type: ignore[no-untyped-def]
    from benchmarks.bench_export import _sample_briefing as sample

    return sample()[0]


def _editor_with(briefing):  # type: ignore[no-untyped-def]
    from briefing.ui.app import Editor, make_app
    from tests.support.waiting import wait_until

    make_app(["briefing"])
    editor = Editor()
    editor.window.resize(1500, 950)
    editor.window.show()
    editor.controller._adopt(briefing, None)
    if not wait_until(editor.preview.is_idle, 120_000):
        raise RuntimeError("the preview did not render the sample")
    return editor


def _latency(editor, edits: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds from a keystroke to the preview showing the re-rendered pages."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from tests.support.waiting import wait_until

    section = next(s for s in editor.session.briefing.sections if s.markdown.strip())
    box = editor.briefing_pane.editors[section.id].editor
    box.setFocus()
    cursor = box.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    box.setTextCursor(cursor)
    out = []
    for i in range(edits):
        loop = QEventLoop()
        done: list[float] = []

        def shown(_pages: int, done: list[float] = done, loop: QEventLoop = loop) -> None:
            done.append(time.perf_counter())
            loop.quit()

        editor.preview.rendered.connect(shown)
        QTimer.singleShot(60_000, loop.quit)
        start = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_A if i % 2 else Qt.Key.Key_Space)
        loop.exec()
        editor.preview.rendered.disconnect(shown)
        if done:
            out.append(done[0] - start)
        wait_until(editor.preview.is_idle, 60_000)
        QTest.qWait(50)
    return out


def _stall(editor, chars: int) -> float:  # type: ignore[no-untyped-def]
    """Largest gap (s) between 5 ms timer ticks while typing ``chars`` keys 20 ms apart."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from tests.support.waiting import wait_until

    section = next(s for s in editor.session.briefing.sections if s.markdown.strip())
    box = editor.briefing_pane.editors[section.id].editor
    box.setFocus()
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    gaps: list[float] = []

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e9)
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    typed = [0]
    loop = QEventLoop()

    def type_one() -> None:
        if typed[0] >= chars:
            typer.stop()
            loop.quit()
            return
        QTest.keyClick(box, Qt.Key.Key_B)
        typed[0] += 1

    typer = QTimer()
    typer.setInterval(20)
    typer.timeout.connect(type_one)
    ticker.start()
    typer.start()
    loop.exec()
    wait_until(editor.preview.is_idle, 60_000)  # renders finishing after the typing count too
    ticker.stop()
    return max(gaps[1:]) if len(gaps) > 1 else 0.0


def _memory(home: Path, pages: int) -> tuple[float, int, float, float]:
    """(peak MB editor + worker, pages shown, editor MB, worker MB) with a long briefing."""
    from benchmarks.bench_export import _long_briefing
    from briefing.core.storage.document_io import save_briefing

    long, _count = _long_briefing(_sample_briefing(), pages)
    path = home / "long.briefing"
    save_briefing(long, path)
    line = _run_hook([str(path)], home, "idle-report", "BRIEFING_IDLE", 600)
    fields = dict(part.split("=") for part in line.split()[1:])
    editor_mb = int(fields["peak_kb"]) / 1024
    worker_mb = int(fields["worker_peak_kb"]) / 1024
    return editor_mb + worker_mb, int(fields["pages"]), editor_mb, worker_mb


def run(quick: bool) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        home = Path(tmp)
        os.environ["BRIEFING_HOME"] = str(home / "inproc")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

        starts = _startup(1 if quick else 7, home / "child")
        figures.append(
            Figure(
                "editor: start-up to window shown",
                median(starts),
                "s",
                target=f"< {STARTUP_TARGET_S:g} s",
                met=None if quick else median(starts) < STARTUP_TARGET_S,
                spread=spread(starts, 1, "s"),
                note="the editor as `briefing` starts it, offscreen, until the first expose",
            )
        )

        editor = _editor_with(_sample_briefing())
        try:
            pages = editor.preview.page_count()
            lat = _latency(editor, 3 if quick else 24)
            ms = [v * 1000 for v in lat]
            p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) >= 20 else max(ms)
            figures.append(
                Figure(
                    f"editor: keystroke to new preview pages ({pages}-page sample)",
                    median(ms),
                    "ms",
                    target=f"< {LATENCY_TARGET_MS} ms (median)",
                    met=None if quick else median(ms) < LATENCY_TARGET_MS,
                    spread=spread(ms, 1, "ms"),
                    note=f"p95 {p95:.0f} ms over {len(ms)} edits; includes the preview debounce",
                )
            )
            stall = _stall(editor, 20 if quick else 200) * 1000
            figures.append(
                Figure(
                    "editor: largest UI-thread stall while typing during renders",
                    stall,
                    "ms",
                    target=f"< {STALL_TARGET_MS} ms",
                    met=None if quick else stall < STALL_TARGET_MS,
                    note=f"{20 if quick else 200} keys 20 ms apart; 5 ms timer gaps",
                )
            )
        finally:
            editor.session.mark_saved()
            editor.window.close()

        total, shown, editor_mb, worker_mb = _memory(home / "child", 4 if quick else 40)
        figures.append(
            Figure(
                f"editor: peak RSS with a {shown}-page briefing open",
                total,
                "MB",
                target=f"< {RSS_TARGET_MB} MB",
                met=None if quick else total < RSS_TARGET_MB,
                note=f"editor {editor_mb:.0f} MB + render worker {worker_mb:.0f} MB (VmHWM)",
            )
        )
    return figures
