"""The document session: the briefing being edited, its file, dirty state and undo history.

Every edit goes through a method here and becomes an undo command, so undo and redo cover the
whole document. Widgets listen to ``changed`` (what changed: ``"all"``, ``"meta"``,
``"sections"``, ``"section:<id>"``, ``"sources"``, ``"predictions"``, ``"brand"``) and never
hold their own copy of the truth. No dialogs here: file flows live in the controller.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing.core.article import Article
from briefing.core.document import Briefing, Origin, Prediction, Section
from briefing.core.estimative import term_for
from briefing.ui.blocks import BlockRef, block_markdown
from briefing.ui.undo import SnapshotCommand, ValueCommand

UNDO_LIMIT = 300  # steps; structural steps hold two copies of the briefing
META_FIELDS = ("analyst", "organisation", "date", "audience", "handling", "reference", "status")
TOP_FIELDS = ("title", "subtitle")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"


class DocumentSession(QObject):
    """One open briefing: the model every widget edits."""

    changed = Signal(str)
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None

    def __init__(self, briefing: Briefing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.briefing: Briefing = briefing or Briefing(title="Untitled briefing")
        self.path: Path | None = None
        self.read_only = False
        self._forced_dirty = False
        self.revision = 0  # bumped on every change; autosave compares it
        self.changed.connect(self._bump)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        with contextlib.suppress(RuntimeError):  # emitted while the stack is being destroyed
            self.dirty_changed.emit(self.dirty)

    def _bump(self, _what: str) -> None:
        self.revision += 1

    # --- state -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else (self.briefing.title or "Untitled briefing")

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
        self.changed.emit("all")

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

    # --- building blocks ---------------------------------------------------------------
    def _set_value(
        self, label: str, key: tuple[Any, ...], old: Any, new: Any, apply: Callable[[Any], None]
    ) -> None:
        if old == new:
            return
        self.undo_stack.push(ValueCommand(label, key, old, new, apply))

    def _restore(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.changed.emit("all")

    def structural(self, label: str, mutate: Callable[[Briefing], Briefing | None]) -> None:
        """Apply ``mutate`` to a copy of the briefing as one undoable step."""
        before = copy.deepcopy(self.briefing)
        work = copy.deepcopy(self.briefing)
        result = mutate(work)
        after = result if isinstance(result, Briefing) else work
        self.undo_stack.push(SnapshotCommand(label, before, after, self._restore))

    # --- metadata ----------------------------------------------------------------------
    def field_value(self, name: str) -> str:
        if name in TOP_FIELDS:
            return str(getattr(self.briefing, name))
        return str(getattr(self.briefing.meta, name))

    def set_field(self, name: str, value: str) -> None:
        """Set the title, subtitle or a ``Meta`` field (typing merges into one undo step)."""
        if name not in TOP_FIELDS and name not in META_FIELDS:
            raise KeyError(name)

        def apply(v: Any) -> None:
            target: Any = self.briefing if name in TOP_FIELDS else self.briefing.meta
            setattr(target, name, v)
            self.changed.emit("meta")

        self._set_value(f"Edit {name}", ("field", name), self.field_value(name), value, apply)

    # --- sections ----------------------------------------------------------------------
    def set_section_text(self, section_id: str, text: str) -> None:
        section = self.briefing.section(section_id)
        if section is None:
            return

        def apply(v: Any) -> None:
            target = self.briefing.section(section_id)
            if target is not None:
                target.markdown = v
                self.changed.emit(f"section:{section_id}")

        self._set_value(
            f"Type in {section.title}", ("section", section_id), section.markdown, text, apply
        )

    def new_section_id(self, title: str) -> str:
        base = _slug(title)
        taken = {s.id for s in self.briefing.sections}
        sid, n = base, 2
        while sid in taken:
            sid, n = f"{base}-{n}", n + 1
        return sid

    def add_section(self, title: str, index: int | None = None) -> str:
        sid = self.new_section_id(title)

        def mutate(b: Briefing) -> None:
            at = len(b.sections) if index is None else max(0, min(index, len(b.sections)))
            b.sections.insert(at, Section(id=sid, title=title.strip() or "New section"))

        self.structural(f"Add section {title}", mutate)
        return sid

    def remove_section(self, section_id: str) -> None:
        def mutate(b: Briefing) -> None:
            b.sections = [s for s in b.sections if s.id != section_id]

        self.structural("Remove section", mutate)

    def rename_section(self, section_id: str, title: str) -> None:
        section = self.briefing.section(section_id)
        if section is None or not title.strip() or title == section.title:
            return

        def mutate(b: Briefing) -> None:
            target = b.section(section_id)
            if target is not None:
                target.title = title.strip()

        self.structural(f"Rename section to {title}", mutate)

    def move_section(self, section_id: str, delta: int) -> None:
        ids = [s.id for s in self.briefing.sections]
        if section_id not in ids:
            return
        old = ids.index(section_id)
        new = max(0, min(len(ids) - 1, old + delta))
        if new == old:
            return

        def mutate(b: Briefing) -> None:
            b.sections.insert(new, b.sections.pop(old))

        self.structural("Move section", mutate)

    def insert_blocks(
        self, section_id: str, refs: Iterable[BlockRef], position: int | None = None
    ) -> bool:
        """Insert source blocks as cited Markdown into a section and record their origins.

        ``position`` is a character offset in the section's Markdown (``None`` appends).
        Returns False when nothing could be inserted (unknown section or blocks).
        """
        section = self.briefing.section(section_id)
        if section is None:
            return False
        passages: list[str] = []
        origins: list[Origin] = []
        added: list[Article] = []
        for ref in refs:
            article = self._library_source(ref, added) if ref.article else None
            article = article or self.briefing.source(ref.source)
            if article is None:
                continue
            for block_id in ref.blocks:
                block = article.block(block_id)
                if block is not None:
                    passages.append(block_markdown(block, article.id))
                    origins.append(Origin(article.id, block.id))
        if not passages:
            return False
        text = "\n\n".join(passages)

        def mutate(b: Briefing) -> None:
            target = b.section(section_id)
            assert target is not None
            md = target.markdown
            at = len(md) if position is None else max(0, min(position, len(md)))
            before, after = md[:at].rstrip("\n"), md[at:].lstrip("\n")
            target.markdown = "\n\n".join(p for p in (before, text, after) if p)
            known = {(o.source, o.block) for o in target.origins}
            target.origins += [o for o in origins if (o.source, o.block) not in known]
            b.sources.extend(copy.deepcopy(added))

        self.structural(f"Insert into {section.title}", mutate)
        return True

    def _library_source(self, ref: BlockRef, added: list[Article]) -> Article | None:
        """The briefing's copy of a source dropped from the library: the one it already has
        (same content), else a new source queued in ``added``."""
        from briefing.core.memory.keys import source_key

        assert ref.article is not None
        key = source_key(ref.article)
        for article in [*self.briefing.sources, *added]:
            if source_key(article) == key:
                return article
        article = copy.deepcopy(ref.article)
        article.id = self.next_source_id([a.id for a in added])
        added.append(article)
        return article

    def used_blocks(self) -> set[tuple[str, str]]:
        """(source id, block id) pairs some section already draws on."""
        return {(o.source, o.block) for s in self.briefing.sections for o in s.origins}

    # --- sources -----------------------------------------------------------------------
    def next_source_id(self, taken: Iterable[str] = ()) -> str:
        used = {a.id for a in self.briefing.sources} | set(taken)
        n = 1
        while f"s{n}" in used:
            n += 1
        return f"s{n}"

    def add_sources(self, articles: list[Article]) -> list[str]:
        ids: list[str] = []
        for article in articles:
            article.id = self.next_source_id(ids)
            ids.append(article.id)

        def mutate(b: Briefing) -> None:
            b.sources.extend(copy.deepcopy(articles))

        label = "Import source" if len(articles) == 1 else f"Import {len(articles)} sources"
        self.structural(label, mutate)
        return ids

    def remove_source(self, source_id: str) -> None:
        def mutate(b: Briefing) -> None:
            b.sources = [a for a in b.sources if a.id != source_id]
            for s in b.sections:
                s.origins = [o for o in s.origins if o.source != source_id]

        self.structural("Remove source", mutate)

    def edit_source(self, source_id: str, **fields: Any) -> None:
        """Correct a source's metadata (title, site, published, url, authors)."""

        def mutate(b: Briefing) -> None:
            article = b.source(source_id)
            if article is not None:
                for name, value in fields.items():
                    setattr(article, name, value)

        self.structural("Edit source details", mutate)

    # --- predictions -------------------------------------------------------------------
    def set_prediction_field(self, row: int, name: str, value: Any) -> None:
        """Set one field of a prediction; a new likelihood fills in its estimative term
        (one undo step for both)."""
        if not 0 <= row < len(self.briefing.predictions):
            return
        names = (name,)
        values: tuple[Any, ...] = (value,)
        if name == "probability" and isinstance(value, int):
            names, values = ("probability", "term"), (value, term_for(value))
        prediction = self.briefing.predictions[row]
        old = tuple(getattr(prediction, n) for n in names)

        def apply(v: Any) -> None:
            if row < len(self.briefing.predictions):
                for n, x in zip(names, v, strict=True):
                    setattr(self.briefing.predictions[row], n, x)
                self.changed.emit("predictions")

        self._set_value(f"Edit prediction {name}", ("prediction", row, name), old, values, apply)

    def add_prediction(self, statement: str = "") -> None:
        def mutate(b: Briefing) -> None:
            b.predictions.append(Prediction(statement=statement))

        self.structural("Add prediction", mutate)

    def remove_prediction(self, row: int) -> None:
        def mutate(b: Briefing) -> None:
            if 0 <= row < len(b.predictions):
                del b.predictions[row]

        self.structural("Remove prediction", mutate)
