"""Manager: the live preview follows template and brand edits; thumbnails render off-thread.

These render real PDFs (WeasyPrint in a worker), so they take a few seconds each.
"""

from __future__ import annotations

import pytest
from manager_helpers import make_manager
from PySide6.QtGui import QImage
from support.waiting import wait_until

from briefing.core.storage.library import Library
from briefing.ui.manager.thumbs import WIDTH, ThumbnailLoader, content_key

pytestmark = pytest.mark.slow


def page_text(window, page: int = 0) -> str:  # type: ignore[no-untyped-def]
    document = window.preview.document()
    if document is None or document.pageCount() <= page:
        return ""
    return str(document.getAllText(page).text())


def test_preview_follows_template_and_brand_edits(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot, preview=True)
    try:
        window.select("template", "standard")
        window.duplicate()
        assert wait_until(window.preview.is_idle, 60000)
        qtbot.waitUntil(lambda: window.preview.page_count() > 0, timeout=60000)
        text = " ".join(page_text(window, p) for p in range(window.preview.page_count()))
        # The summary box's label is letter-spaced capitals: QtPdf reads "K E Y TA K E ...".
        assert "Background" in text and "KEYTAKEAWAY" in "".join(text.split())
        assert "Arctic" in text  # the demo article was drafted into it

        editor = window.template_editor
        editor.rename_section(0, "Strategic Context")
        qtbot.waitUntil(lambda: "Strategic Context" in page_text(window), timeout=60000)

        assert window.save()  # switching with unsaved changes would ask first
        window.select("brand", "consultancy")
        brand = Library().brand("consultancy")
        assert brand.page_size == "Letter"
        qtbot.waitUntil(
            lambda: (
                window.preview.document() is not None
                and window.preview.document().pagePointSize(0).width() == pytest.approx(612, abs=2)
            ),
            timeout=60000,
        )

        # closing stops the render worker; showing the window again previews again
        window.close()
        old = window.preview
        window.show()
        assert window.preview is not old
        window.select("template", "standard-copy")
        qtbot.waitUntil(lambda: "Strategic Context" in page_text(window), timeout=60000)
    finally:
        window.preview.shutdown()


def test_thumbnails_render_off_thread_and_are_cached(qtbot) -> None:  # type: ignore[no-untyped-def]
    library = Library()
    template, brand = library.template("bluf"), library.brand("default")
    loader = ThumbnailLoader()
    assert loader.request("template:bluf", template, brand) is None  # not drawn yet
    with qtbot.waitSignal(loader.ready, timeout=90000) as blocker:
        pass
    key, image = blocker.args
    assert key == "template:bluf"
    assert isinstance(image, QImage) and not image.isNull()
    assert image.width() >= WIDTH and image.height() > image.width()  # a portrait page
    assert image.pixelColor(image.width() // 2, image.height() // 2).isValid()

    again = ThumbnailLoader()
    cached = again.request("template:bluf", template, brand)
    assert cached is not None and cached.size() == image.size()
    assert content_key(template, brand) != content_key(template, library.brand("ministry"))
    loader.shutdown()
    again.shutdown()
