"""The document session: the briefing being edited, its file, dirty state and undo history.

Every edit is a core operation (:mod:`briefing.core.editing`) run here as one undo step; the
:class:`~briefing.core.editing.Changes` it returns is emitted as ``changed``, on undo and redo
too, and the views redraw what it names. They never hold their own copy of the truth. No dialogs
here: file flows live in the controller.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing.core import editing
from briefing.core.editing import BlockRef, Changes, LibrarySource, SourceFields
from briefing.core.model.article import Article
from briefing.core.model.document import UNTITLED, Briefing, Calibration
from briefing.core.model.template import Brand, Template
from briefing.ui.undo import SnapshotCommand, ValueCommand

UNDO_LIMIT = 300  # steps; structural steps hold two copies of the briefing


class DocumentSession(QObject):
    """One open briefing: the model every widget edits."""

    changed = Signal(object)  # Changes: what the edit, undo or redo just changed
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None

    def __init__(self, briefing: Briefing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.briefing: Briefing = briefing or Briefing(title=UNTITLED)
        self.path: Path | None = None
        self.read_only = False
        self._forced_dirty = False
        self.revision = 0  # bumped on every change; autosave compares it
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        with contextlib.suppress(RuntimeError):  # emitted while the stack is being destroyed
            self.dirty_changed.emit(self.dirty)

    def _notify(self, changes: Changes) -> None:
        if changes:
            self.revision += 1
            self.changed.emit(changes)

    # --- state -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else (self.briefing.title or UNTITLED)

    def replace(
        self,
        briefing: Briefing,
        path: Path | None = None,
        *,
        dirty: bool = False,
        read_only: bool = False,
    ) -> None:
        """Start over on another document (open, new, restore): history is cleared."""
        self.briefing = briefing
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.read_only = read_only
        self.set_path(path)
        self.set_dirty(dirty)
        self._notify(Changes.everything())

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(path)

    def mark_saved(self) -> None:
        self.undo_stack.setClean()
        self.set_dirty(False)

    def set_dirty(self, forced: bool) -> None:
        before = self.dirty
        self._forced_dirty = forced
        if self.dirty != before:
            self.dirty_changed.emit(self.dirty)

    # --- the two kinds of undo step ----------------------------------------------------
    def _value_step(
        self,
        label: str,
        key: Hashable,
        old: object,
        new: object,
        apply: Callable[[Briefing, object], Changes],
    ) -> None:
        """Set one value as an undo step that merges with the next one for the same ``key``."""
        if old != new:
            step = ValueCommand(
                label, key, old, new, lambda v: apply(self.briefing, v), self._notify
            )
            self.undo_stack.push(step)

    def _bound(self, apply: Callable[[Briefing, object], Changes]) -> Callable[[object], Changes]:
        """``apply`` on whichever briefing is current when the step is done or undone."""
        return lambda value: apply(self.briefing, value)

    def _restore(self, briefing: Briefing, changes: Changes) -> None:
        self.briefing = briefing
        self._notify(changes)

    def end_typing(self) -> None:
        """What comes next is a step of its own, not more of the typing before it (a
        formatting command between two runs of typing is undone by itself)."""
        index = self.undo_stack.index()
        top = self.undo_stack.command(index - 1) if index > 0 else None
        if isinstance(top, ValueCommand):
            top.closed = True

    def structural(self, label: str, op: Callable[[Briefing], Changes]) -> Changes:
        """Run the editing operation ``op`` on a copy of the briefing as one undo step.

        Nothing is pushed when ``op`` changed nothing; its :class:`Changes` are returned.
        """
        work = copy.deepcopy(self.briefing)
        changes = op(work)
        if changes:
            self.undo_stack.push(
                SnapshotCommand(label, self.briefing, work, changes, self._restore)
            )
        return changes

    # --- metadata ----------------------------------------------------------------------
    def field_value(self, name: str) -> str:
        return editing.field_value(self.briefing, name)

    def set_field(self, name: str, value: str) -> None:
        """Set the title, subtitle or a ``Meta`` field (typing merges into one undo step)."""
        old = self.field_value(name)  # KeyError for an unknown field
        self._value_step(
            f"Edit {name}",
            ("field", name),
            old,
            value,
            lambda b, v: editing.set_field(b, name, str(v)),
        )

    def switch_template(self, template: Template) -> Changes:
        return self.structural(
            f"Switch to template {template.name}", lambda b: editing.switch_template(b, template)
        )

    def switch_brand(self, brand: Brand) -> Changes:
        return self.structural(
            f"Switch to brand {brand.name}", lambda b: editing.switch_brand(b, brand)
        )

    # --- sections ----------------------------------------------------------------------
    def set_section_text(self, section_id: str, text: str) -> None:
        section = self.briefing.section(section_id)
        if section is None:
            return
        self._value_step(
            f"Type in {section.title}",
            ("section", section_id),
            section.markdown,
            text,
            lambda b, v: editing.set_section_text(b, section_id, str(v)),
        )

    def add_section(self, title: str, index: int | None = None) -> str:
        sid = editing.new_section_id(self.briefing, title)
        self.structural(
            f"Add section {title}",
            lambda b: editing.add_section(b, title, index, section_id=sid),
        )
        return sid

    def remove_section(self, section_id: str) -> None:
        self.structural("Remove section", lambda b: editing.remove_section(b, section_id))

    def rename_section(self, section_id: str, title: str) -> None:
        self.structural(
            f"Rename section to {title}", lambda b: editing.rename_section(b, section_id, title)
        )

    def move_section(self, section_id: str, delta: int) -> None:
        self.structural("Move section", lambda b: editing.move_section(b, section_id, delta))

    def insert_blocks(
        self,
        section_id: str,
        refs: Iterable[BlockRef],
        position: int | None = None,
        *,
        before_block: int | None = None,
    ) -> bool:
        """Insert source blocks as cited Markdown (see :func:`editing.insert_blocks`) at a
        character of the Markdown or before a block of the formatted text; False when nothing
        could be inserted (unknown section or blocks)."""
        section = self.briefing.section(section_id)
        if section is None:
            return False
        refs = list(refs)
        changes = self.structural(
            f"Insert into {section.title}",
            lambda b: editing.insert_blocks(
                b, section_id, refs, position, before_block=before_block
            ),
        )
        return bool(changes)

    def insert_library_source(
        self,
        section_id: str,
        found: LibrarySource,
        position: int | None = None,
        *,
        before_block: int | None = None,
    ) -> bool:
        """Insert blocks of a source found in the library, the source joining the briefing in
        the same undo step (see :func:`editing.insert_library_source`); False when nothing
        could be inserted."""
        section = self.briefing.section(section_id)
        if section is None:
            return False
        changes = self.structural(
            f"Insert into {section.title}",
            lambda b: editing.insert_library_source(
                b, section_id, found, position, before_block=before_block
            ),
        )
        return bool(changes)

    def used_blocks(self) -> set[tuple[str, str]]:
        """(source id, block id) pairs some section already draws on."""
        return editing.used_blocks(self.briefing)

    def block_usage(self) -> dict[tuple[str, str], editing.BlockUse]:
        """How much of each block the sections use (see :func:`editing.block_usage`)."""
        return editing.block_usage(self.briefing)

    def resize_section(self, section_id: str, words: int) -> Changes:
        """Condense or expand a section to ``words`` words, as one undo step (see
        :func:`editing.resize_section`); a :class:`BriefingError` says why it cannot."""
        section = self.briefing.section(section_id)
        if section is None:
            return Changes()
        now = editing.section_capacity(self.briefing, section_id).words
        verb = "Condense" if words < now else "Expand"
        return self.structural(
            f"{verb} {section.title} to {words} words",
            lambda b: editing.resize_section(b, section_id, words),
        )

    def redraft_section(self, section_id: str) -> Changes:
        """Draft a section again from all the sources (one undo step)."""
        section = self.briefing.section(section_id)
        if section is None:
            return Changes()
        return self.structural(
            f"Re-draft {section.title}", lambda b: editing.redraft_section(b, section_id)
        )

    # --- sources -----------------------------------------------------------------------
    def add_sources(self, articles: list[Article]) -> list[str]:
        """Embed ``articles`` as sources (one undo step); returns the ids they were given."""
        label = "Import source" if len(articles) == 1 else f"Import {len(articles)} sources"
        self.structural(label, lambda b: editing.add_sources(b, articles))
        return [a.id for a in articles]

    def import_sources(self, articles: list[Article]) -> list[str]:
        """Embed ``articles`` and draft the sections still empty from all the sources, as
        ``briefing draft`` would (one undo step); returns the ids the articles were given."""
        label = "Import source" if len(articles) == 1 else f"Import {len(articles)} sources"
        self.structural(label, lambda b: editing.import_sources(b, articles))
        return [a.id for a in articles]

    def add_library_source(self, article: Article) -> bool:
        """Add a source found in the library (one undo step); False when the briefing has it."""
        return bool(self.structural("Add source", lambda b: editing.add_library_source(b, article)))

    def remove_source(self, source_id: str) -> None:
        self.structural("Remove source", lambda b: editing.remove_source(b, source_id))

    def edit_source(self, source_id: str, details: SourceFields) -> None:
        """Correct a source's details (title, site, published, url, authors)."""
        self.structural("Edit source details", lambda b: editing.edit_source(b, source_id, details))

    # --- predictions -------------------------------------------------------------------
    def set_prediction_field(self, row: int, name: str, value: editing.predictions.Value) -> None:
        """Set one field of a prediction; a new likelihood fills in its estimative term
        (one undo step for both). ``ValueError`` (nothing changed) for a value the prediction
        cannot hold, such as a likelihood of 150 %."""
        if not 0 <= row < len(self.briefing.predictions):
            return
        new = editing.field_update(name, value, self.briefing.likelihood_scale)
        for field, checked in new.items():
            editing.check_value(field, checked)
        old = editing.prediction_values(self.briefing, row, list(new))

        def apply(b: Briefing, values: object) -> Changes:
            assert isinstance(values, dict)
            return editing.set_prediction_fields(b, row, values)

        self._value_step(f"Edit prediction {name}", ("prediction", row, name), old, new, apply)

    def add_prediction(self, statement: str = "") -> None:
        self.structural("Add prediction", lambda b: editing.add_prediction(b, statement))

    def remove_prediction(self, row: int) -> None:
        self.structural("Remove prediction", lambda b: editing.remove_prediction(b, row))

    def set_resolution(self, row: int, resolve_by: str | None, criteria: str) -> None:
        """When and how prediction ``row`` resolves (one undo step for both)."""
        self.structural(
            "Edit prediction resolution",
            lambda b: editing.set_resolution(b, row, resolve_by, criteria),
        )

    # --- what the memory adds ----------------------------------------------------------
    def show_changes(self, show: bool) -> None:
        label = "Show what changed in the PDF" if show else "Leave what changed out of the PDF"
        self.structural(label, lambda b: editing.show_changes(b, show))

    def set_calibration(self, calibration: Calibration | None) -> None:
        label = "Add calibration appendix" if calibration else "Remove calibration appendix"
        self.structural(label, lambda b: editing.set_calibration(b, calibration))
