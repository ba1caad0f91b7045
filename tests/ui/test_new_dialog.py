"""The New-briefing chooser lists the library's templates with rendered, cached first pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog
from support.waiting import wait_until

from briefing.core import paths
from briefing.core.model.document import Briefing, Section
from briefing.core.storage.library import Library
from briefing.ui.new_dialog import ID_ROLE, THUMB_WIDTH, NewBriefingDialog
from briefing.ui.thumbnails import cache_folder, thumbnail_key


def ink(image: QImage) -> int:
    """How many sampled pixels are not white (a blank page has none)."""
    white = QColor("white").rgb()
    return sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixel(x, y) != white
    )


def open_dialog(qtbot, **kwargs: object) -> NewBriefingDialog:  # type: ignore[no-untyped-def]
    dialog = NewBriefingDialog(None, Library(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_lists_every_template_with_its_description(qtbot) -> None:  # type: ignore[no-untyped-def]
    library = Library()
    dialog = open_dialog(qtbot, thumbnails=False)
    ids = [dialog.list.item(i).data(ID_ROLE) for i in range(dialog.list.count())]
    assert ids == [t.id for t in library.templates()]
    assert {"standard", "bluf", "decision-memo", "sitrep"} <= set(ids)
    assert dialog.selected_template_id() == "standard"
    standard = library.template("standard")
    assert standard.name in dialog.name_label.text()
    assert dialog.description_label.text() == standard.description
    assert "Key Takeaway" in dialog.sections_label.text()
    dialog.list.setCurrentRow(ids.index("sitrep"))
    assert dialog.selected_template_id() == "sitrep"
    assert dialog.selected_brand_id() == library.template("sitrep").brand
    assert library.template("sitrep").name in dialog.name_label.text()


def test_double_click_creates(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, thumbnails=False)
    item = dialog.list.item(1)
    dialog.list.setCurrentItem(item)
    dialog.list.itemDoubleClicked.emit(item)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.selected_template_id() == item.data(ID_ROLE)


def test_thumbnails_render_in_background_and_come_from_cache_next_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    assert wait_until(dialog.is_idle, 90000)
    for template in dialog.templates:
        image = dialog.thumbnail(template.id)
        assert image is not None and image.width() == THUMB_WIDTH, template.id
        assert image.height() > image.width() and ink(image) > 50, template.id
    assert dialog.picture.pixmap().width() == THUMB_WIDTH
    files = sorted(cache_folder().glob("*.png"))
    assert len(files) == len(dialog.templates)
    assert cache_folder().is_relative_to(paths.cache_dir())
    dialog.reject()

    again = open_dialog(qtbot)
    assert wait_until(again.is_idle, 30000)
    assert all(again.thumbnail(t.id) is not None for t in again.templates)
    assert again._renderer is not None
    # Every page came from the cache: no render was sent, so no worker was even started.
    assert again._renderer.client.worker_pid() == 0
    again.reject()


def test_thumbnail_keys_change_with_the_width_and_the_content() -> None:
    briefing = Briefing(title="Thumb", sections=[Section("a", "Background", "Some text.")])
    key = thumbnail_key(briefing, 120)
    assert key == thumbnail_key(briefing, 120) != thumbnail_key(briefing, 121)
    briefing.sections[0].title = "Changed"
    assert thumbnail_key(briefing, 120) != key


def test_thumbnail_cache_keeps_only_the_newest(tmp_path: Path) -> None:
    import os

    from briefing.ui.thumbnails import prune_cache

    for i in range(6):
        file = tmp_path / f"{i}.png"
        file.write_bytes(b"png")
        os.utime(file, (1000 + i, 1000 + i))
    prune_cache(tmp_path, keep=4)
    assert sorted(f.name for f in tmp_path.glob("*.png")) == ["2.png", "3.png", "4.png", "5.png"]
