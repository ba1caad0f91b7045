"""Import and export of templates and brands, and "Save as template" from a briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from briefing.core.errors import BriefingError, IdConflictError
from briefing.core.model.document import Briefing
from briefing.core.model.ids import slug, unique_id
from briefing.core.model.template import Brand, LibraryKind, Template
from briefing.core.storage.library import Library, OnConflict
from briefing.ui.plain import plain, plain_box

TITLE = "Templates and Brands"
Choice = Literal["replace", "keep-both"]
IMPORT_FILTER = (
    "Templates and brands (*.bftemplate *.bfbrand *.json *.yml *.yaml);;"
    "Templates (*.bftemplate *.json);;Brands (*.bfbrand);;Quarto brand.yml (*.yml *.yaml)"
)
BRAND_YML_FILTER = "Quarto brand.yml (*.yml)"
SUFFIXES = (".bftemplate", ".bfbrand", ".json", ".yml", ".yaml")


def show_error(parent: QWidget | None, message: str) -> None:
    """One clear line in a warning dialog."""
    QMessageBox.warning(parent, TITLE, plain(message))


def ask_conflict(parent: QWidget | None, kind: str, item_id: str) -> Choice | None:
    """Ask whether an import whose id exists replaces it or keeps both; ``None`` cancels."""
    box = plain_box(QMessageBox(parent))  # the id comes from the package
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(TITLE)
    box.setText(f"A {kind} with the id “{item_id}” already exists.")
    box.setInformativeText(
        "Replace it with the imported one, or keep both (the import gets a new id)?"
    )
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep Both", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is replace:
        return "replace"
    if clicked is keep:
        return "keep-both"
    return None


def ask_import_copy(
    parent: QWidget | None, kind: LibraryKind, existing: Template | Brand
) -> Choice | None:
    """The id belongs to a read-only (built-in or team) item: import as a copy, or cancel."""
    where = "built-in" if existing.origin == "builtin" else "team library"
    box = plain_box(QMessageBox(parent))  # the name comes from the library
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(TITLE)
    box.setText(f"The {where} {kind} “{existing.name}” has the same id and cannot be replaced.")
    box.setInformativeText("Import this one as a copy beside it (with a new id)?")
    copy = box.addButton("Import as Copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    return "keep-both" if box.clickedButton() is copy else None


def _existing(library: Library, kind: LibraryKind, item_id: str) -> Template | Brand | None:
    try:
        items: list[Template] | list[Brand] = (
            library.brands() if kind == "brand" else library.templates()
        )
    except BriefingError:
        return None
    return next((i for i in items if i.id == item_id), None)


def kind_of(path: Path) -> LibraryKind:
    """Which kind of item a file holds, judged by its name."""
    return "brand" if path.suffix.lower() in (".bfbrand", ".yml", ".yaml") else "template"


def show_notes(parent: QWidget | None, path: Path, brand: Brand, notes: list[str]) -> None:
    """What a _brand.yml import has to say (kept keys, unusable values), as plain text."""
    if not notes:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(TITLE)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Imported “{brand.name}” from {path.name}.")
    box.setInformativeText("\n".join(f"• {note}" for note in notes))
    box.exec()


def import_item(parent: QWidget | None, library: Library, path: Path) -> Template | Brand | None:
    """Import ``path``, asking about an id that already exists; ``None`` if refused/cancelled."""
    kind = kind_of(path)
    if path.suffix.lower() in (".yml", ".yaml"):

        def run(path: Path, *, on_conflict: OnConflict) -> Template | Brand:
            found = library.import_brand_yml(path, on_conflict=on_conflict)
            show_notes(parent, path, found.brand, found.notes)
            return found.brand

    else:
        run = library.import_brand if kind == "brand" else library.import_template
    try:
        return run(path, on_conflict="error")
    except IdConflictError as err:
        existing = _existing(library, err.kind, err.item_id)
        if existing is not None and existing.read_only:
            # a built-in or team item cannot be replaced: offer the copy, not a dead end
            choice = ask_import_copy(parent, err.kind, existing)
        else:
            choice = ask_conflict(parent, err.kind, err.item_id)
    except BriefingError as err:
        show_error(parent, str(err))  # hostile or damaged: nothing was written
        return None
    if choice is None:
        return None
    try:
        return run(path, on_conflict=choice)
    except BriefingError as err:
        show_error(parent, str(err))
        return None


def choose_and_import(parent: QWidget | None, library: Library) -> Template | Brand | None:
    """Ask for a file and import it."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a template or brand", str(Path.home()), IMPORT_FILTER
    )
    return import_item(parent, library, Path(name)) if name else None


def export_item(
    parent: QWidget | None, library: Library, kind: LibraryKind, item_id: str
) -> Path | None:
    """Ask where to save and export the template (with its brand) or brand as one file."""
    suffix = ".bfbrand" if kind == "brand" else ".bftemplate"
    label = "Brand" if kind == "brand" else "Template"
    filters = f"{label} package (*{suffix})"
    if kind == "brand":
        filters += f";;{BRAND_YML_FILTER}"
    name, chosen = QFileDialog.getSaveFileName(
        parent, f"Export {kind}", str(Path.home() / f"{item_id}{suffix}"), filters
    )
    if not name:
        return None
    path = Path(name)
    as_yml = kind == "brand" and (
        path.suffix.lower() in (".yml", ".yaml") or chosen == BRAND_YML_FILTER
    )
    if as_yml and path.suffix.lower() not in (".yml", ".yaml"):
        path = path.with_name(path.name + ".yml")
    elif not as_yml and path.suffix.lower() not in (suffix, ".json"):
        path = path.with_name(path.name + suffix)
    try:
        if as_yml:
            library.export_brand_yml(item_id, path)
        elif kind == "brand":
            library.export_brand(item_id, path)
        else:
            library.export_template(item_id, path)
    except BriefingError as err:
        show_error(parent, str(err))
        return None
    return path


def free_id(name: str, taken: set[str]) -> str:
    """An id made from ``name`` that is not in ``taken``."""
    return unique_id(slug(name, "template")[:56], taken)


def save_briefing_as_template(
    parent: QWidget | None, library: Library, briefing: Briefing
) -> Template | None:
    """ "Save as template": ask for a name and store the briefing's structure as a user
    template. Returns the saved template, or ``None`` if cancelled or refused (with a message).
    """
    suggested = (briefing.template.name + " (mine)") if briefing.template else briefing.title
    name, ok = QInputDialog.getText(
        parent, "Save as Template", "Template name:", QLineEdit.EchoMode.Normal, suggested
    )
    name = name.strip()
    if not ok or not name:
        return None
    try:
        taken = {t.id for t in library.templates()}
        template = library.template_from_briefing(briefing, id=free_id(name, taken), name=name)
    except BriefingError as err:
        show_error(parent, str(err))
        return None
    return template
