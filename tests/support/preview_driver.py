"""Drive a real editor process to measure its live preview; prints what it measured.

    python tests/support/preview_driver.py first-pages FILE
        BRIEFING_FIRST_PAGES exposed=<unix s> first=<unix s> complete=<unix s>
    python tests/support/preview_driver.py latency FILE PAGE EDITS
        BRIEFING_LATENCY page=<PAGE> ms=<ms>,<ms>,...
    python tests/support/preview_driver.py stalls FILE PASTE_FILE KEYS
        BRIEFING_STALLS typing=<ms> paste_source=<ms> brand=<ms>

- ``first-pages``: when the window is first exposed, when the first pages of FILE are on
  screen (a partial result or the complete one) and when the complete PDF is.
- ``latency``: scrolls the preview to page PAGE (0-based), puts the cursor at the end of a
  paragraph the PDF shows on that page and types EDITS single keys, each after a quiet
  spell; for each, the time until the preview shows that page re-rendered (a partial result
  whose exact pages include it, or the complete PDF).
- ``stalls``: the largest gap between the ticks of a 5 ms timer on the UI thread while
  typing KEYS keys 20 ms apart, while the text of PASTE_FILE is pasted as a new source, and
  while the brand is switched, each until the preview is idle again.

It runs the editor as ``briefing`` does (:func:`briefing.ui.app.run_editor`) with the hook
passed through ``started``, and drives it only through what any version of the editor has
(section editors, the preview's ``rendered`` signal, actions), so the same driver measures
an older checkout put first on ``PYTHONPATH``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for support.waiting

try:  # as ``briefing`` does: the render worker starts before the editor's modules load
    from briefing.ui.launch import start_process
except ImportError:  # an older checkout: it starts the worker as it builds the window
    pass
else:
    start_process()

from briefing.ui.app import run_editor  # noqa: E402
from support.editor_driver import FirstExpose  # noqa: E402
from support.waiting import wait_until  # noqa: E402

QUIET_S = 0.6  # a pause longer than the preview's debounce before each measured keystroke


def _quit(editor: Any) -> None:
    editor.session.mark_saved()
    for other in list(getattr(getattr(editor, "workspace", None), "editors", [editor])):
        other.session.mark_saved()
        other.window.close()
    editor.window.close()
    QApplication.quit()


def _page_shown(preview: Any, page: int, then: Callable[[], None]) -> Callable[[], None]:
    """Call ``then`` once the preview shows ``page`` re-rendered; returns a disconnector."""

    def complete(_pages: int) -> None:
        then()

    def partial(exact: int) -> None:
        if exact > page:
            then()

    preview.rendered.connect(complete)
    has_partial = hasattr(preview, "partial_shown")
    if has_partial:
        preview.partial_shown.connect(partial)

    def disconnect() -> None:
        preview.rendered.disconnect(complete)
        if has_partial:
            preview.partial_shown.disconnect(partial)

    return disconnect


def _first_pages(editor: Any) -> None:
    marks: dict[str, float] = {}
    preview = editor.preview

    def first() -> None:
        marks.setdefault("first", time.time())

    preview.rendered.connect(lambda _n: (first(), marks.setdefault("complete", time.time())))
    if hasattr(preview, "partial_shown"):
        preview.partial_shown.connect(lambda _n: first())

    def report() -> None:
        wait_until(lambda: "complete" in marks, 300_000)
        print(
            f"BRIEFING_FIRST_PAGES exposed={marks.get('exposed', 0):.6f} "
            f"first={marks.get('first', 0):.6f} complete={marks.get('complete', 0):.6f}",
            flush=True,
        )
        QTimer.singleShot(0, lambda: _quit(editor))

    def exposed() -> None:
        marks["exposed"] = time.time()
        QTimer.singleShot(0, report)

    handle = editor.window.windowHandle()
    assert handle is not None, "the window is shown before the hook is installed"
    FirstExpose(handle, exposed)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2029", " ").split())


def _paragraph_on(editor: Any, page: int) -> tuple[Any, int] | None:
    """(section text box, cursor position at the end of a paragraph shown on ``page``).

    Paragraphs are the text boxes' blocks: the formatted editor's and the Markdown
    editor's alike (the latter's blank lines are empty blocks). A paragraph whose words
    also appear on earlier pages (a long briefing made of repeated text) is taken at the
    occurrence that is on ``page``.
    """
    document = editor.preview.document()
    shown = _norm(document.getAllText(page).text())
    before = _norm(" ".join(document.getAllText(p).text() for p in range(page)))
    seen: dict[str, int] = {}
    first: tuple[Any, int] | None = None  # a paragraph begun on an earlier page, if no other
    for section in editor.briefing_pane.editors.values():
        box = section.editor
        block = box.document().firstBlock()
        while block.isValid():
            paragraph = block.text()
            words = paragraph.split()
            plain = len(words) >= 12 and not paragraph.lstrip().startswith(("#", ":::", "|", ">"))
            ends = (_norm(" ".join(words[:6])), _norm(" ".join(words[-6:-2])))
            if plain and all(end in shown for end in ends):
                count = seen.get(ends[0], 0)
                seen[ends[0]] = count + 1
                end = box, block.position() + len(paragraph.rstrip())
                if count >= before.count(ends[0]):
                    return end
                first = first or end
            block = block.next()
    return first


def _latency(editor: Any, page: int, edits: int) -> None:
    preview = editor.preview
    wait_until(preview.is_idle, 300_000)
    QTest.qWait(500)
    found = _paragraph_on(editor, page)
    if found is None:
        print(f"BRIEFING_LATENCY page={page} ms=", flush=True)
        QTimer.singleShot(0, lambda: _quit(editor))
        return
    box, position = found
    times: list[float] = []
    for n in range(edits):
        box.setFocus()
        preview.go_to_page(page)
        cursor = box.textCursor()
        cursor.setPosition(min(position + n, box.document().characterCount() - 1))
        box.setTextCursor(cursor)
        QTest.qWait(int(QUIET_S * 1000))
        done: list[float] = []
        stop = _page_shown(preview, page, lambda done=done: done.append(time.perf_counter()))
        start = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_A if n % 2 else Qt.Key.Key_E)
        wait_until(lambda done=done: bool(done), 120_000)
        stop()
        if done:
            times.append(done[0] - start)
        wait_until(preview.is_idle, 300_000)
    ms = ",".join(f"{t * 1000:.1f}" for t in times)
    print(f"BRIEFING_LATENCY page={page} ms={ms}", flush=True)
    QTimer.singleShot(0, lambda: _quit(editor))


class _Gaps:
    """The largest gap between ticks of a 5 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.ticker = QTimer()
        self.ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self.ticker.setInterval(5)
        self.ticker.timeout.connect(self._tick)
        self.largest = 0.0
        self._last = 0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.largest = max(self.largest, (now - self._last) / 1e9)
        self._last = now

    def __enter__(self) -> _Gaps:
        self.clock.start()
        self._last = self.clock.nsecsElapsed()
        self.ticker.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.ticker.stop()


def _stalls(editor: Any, paste: Path, keys: int) -> None:
    preview = editor.preview
    wait_until(preview.is_idle, 300_000)
    QTest.qWait(500)
    section = next(s for s in editor.briefing_pane.editors.values() if s.editor.toPlainText())
    box = section.editor
    box.setFocus()
    figures: dict[str, float] = {}
    with _Gaps() as gaps:
        typed = 0
        while typed < keys:
            QTest.keyClick(box, Qt.Key.Key_B)
            typed += 1
            QTest.qWait(20)
        wait_until(preview.is_idle, 300_000)
    figures["typing"] = gaps.largest
    QApplication.clipboard().setText(paste.read_text(encoding="utf-8", errors="replace"))
    QTest.qWait(300)
    with _Gaps() as gaps:
        QTimer.singleShot(20, editor.actions.paste_source.trigger)
        QTest.qWait(100)
        wait_until(preview.is_idle, 300_000)
        QTest.qWait(200)
    figures["paste_source"] = gaps.largest
    brands = editor.window.brand_box
    with _Gaps() as gaps:
        QTimer.singleShot(
            20, lambda: brands.setCurrentIndex((brands.currentIndex() + 1) % brands.count())
        )
        QTest.qWait(100)
        wait_until(preview.is_idle, 300_000)
        QTest.qWait(200)
    figures["brand"] = gaps.largest
    line = " ".join(f"{name}={value * 1000:.1f}" for name, value in figures.items())
    print(f"BRIEFING_STALLS {line}", flush=True)
    QTimer.singleShot(0, lambda: _quit(editor))


def install(editor: Any, hook: str, args: list[str]) -> None:
    if hook == "first-pages":
        _first_pages(editor)
    elif hook == "latency":
        page, edits = int(args[0]), int(args[1])
        QTimer.singleShot(100, lambda: _latency(editor, page, edits))
    elif hook == "stalls":
        QTimer.singleShot(100, lambda: _stalls(editor, Path(args[0]), int(args[1])))
    else:
        raise SystemExit(f"preview_driver: unknown hook {hook!r}")


def main(argv: list[str] | None = None) -> int:
    hook, file, *args = sys.argv[1:] if argv is None else argv
    return run_editor(
        [file], offer_restore=False, started=lambda editor: install(editor, hook, args)
    )


if __name__ == "__main__":
    sys.exit(main())
