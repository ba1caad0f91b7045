"""Filling the index from files: the places file, folders, the archive; and rebuilding it.

Everything the index holds comes from here or from :mod:`briefing.core.memory.record`, so
deleting the index loses nothing: :func:`rebuild` reads the same files again. A file that
cannot be read is reported (one line naming it) and skipped; the others are still indexed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.errors import BriefingError, DocumentError
from briefing.core.memory import files, ledger_store, places
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.indexer import (
    drop_path,
    file_stamp,
    put_briefing,
    put_source,
)
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import load_briefing, loads_briefing

ARTICLE_SUFFIXES = (
    *(".txt", ".md", ".markdown", ".html", ".htm", ".mhtml", ".mht"),
    *(".docx", ".docm", ".odt", ".eml"),
)  # and PDFs: a briefing Briefing exported, otherwise an article
BATCH = 100  # documents per write transaction while scanning


@dataclass
class ScanReport:
    """What a scan did; ``problems`` are one line each, naming the file."""

    briefings: int = 0
    sources: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.briefings} briefing(s)", f"{self.sources} source file(s) indexed"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.removed:
            parts.append(f"{self.removed} gone from disk")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        return ", ".join(parts)


def _regular(path: Path, root: Path) -> bool:
    """A regular file inside ``root`` (a symlink out of the folder, a FIFO or device is not)."""
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return False
            st = target.stat()
    except (OSError, RuntimeError):
        return False
    return stat.S_ISREG(st.st_mode)


def folder_files(folder: Path) -> list[Path]:
    """Briefings, exported PDFs and article files below ``folder`` (hidden folders skipped)."""
    out: list[Path] = []
    own = files.memory_dir().absolute()
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if Path(top).absolute() == own:
            dirs[:] = []
            continue
        for name in sorted(names):
            path = Path(top) / name
            suffix = path.suffix.lower()
            wanted = suffix in (".briefing", ".pdf") or suffix in ARTICLE_SUFFIXES
            if wanted and not name.startswith((".", "~")) and _regular(path, folder):
                out.append(path)
    return out


class _Batch:
    """Writes documents in transactions of :data:`BATCH`, so a long scan commits as it goes."""

    def __init__(self, index: MemoryIndex) -> None:
        self.index = index
        self.pending: list[tuple[str, Path, object]] = []

    def add(self, kind: str, path: Path, item: object) -> None:
        self.pending.append((kind, path, item))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with self.index.write() as con:
            for kind, path, item in self.pending:
                if kind == "briefing":
                    assert isinstance(item, Briefing)
                    put_briefing(con, item, path, stamp=file_stamp(path))
                else:
                    assert isinstance(item, Article)
                    doc = put_source(con, item, home=str(path.absolute()), archived=True)
                    con.execute(
                        "UPDATE documents SET stamp = ? WHERE id = ?", (file_stamp(path), doc)
                    )
        self.pending = []


def _stamps(index: MemoryIndex) -> dict[str, str]:
    con = index.connection()
    rows = con.execute("SELECT path, stamp FROM documents WHERE stamp != ''")
    return {str(p): str(s) for p, s in rows}


def _scan(
    index: MemoryIndex,
    paths: list[Path],
    report: ScanReport,
    *,
    skip: bool,
    within: Path | None = None,
) -> None:
    """Index ``paths``; found in the folder ``within``, each is read only if it is really in
    it (a link swapped in after the listing is refused all the same)."""
    stamps = _stamps(index) if skip else {}
    batch = _Batch(index)
    # The importer and the PDF reader are imported when a scan runs, not with this module:
    # the command line builds every parser, and the editor starts, without them.
    from briefing.core.importing import import_file
    from briefing.core.rendering.pdf import source_from_pdf

    for path in paths:
        home = str(path.absolute())
        if skip and stamps.get(home) and stamps[home] == file_stamp(path):
            report.unchanged += 1
            continue
        suffix = path.suffix.lower()
        try:
            if suffix == ".pdf":
                text = source_from_pdf(path, within=within)
                if text is None:  # a PDF Briefing did not export: an article the analyst read
                    batch.add("source", path, import_file(path, within=within))
                    report.sources += 1
                    continue
                batch.add("briefing", path, loads_briefing(text, name=str(path)))
                report.briefings += 1
            elif suffix == ".briefing":
                batch.add("briefing", path, load_briefing(path, within=within))
                report.briefings += 1
            else:
                batch.add("source", path, import_file(path, within=within))
                report.sources += 1
        except BriefingError as err:
            report.problems.append(str(err))
        except Exception as err:  # one bad file never stops the scan
            report.problems.append(f"{path}: could not be indexed ({type(err).__name__}: {err})")
    batch.flush()


def _archive(index: MemoryIndex, report: ScanReport, *, skip: bool) -> None:
    stamps = _stamps(index) if skip else {}
    batch = _Batch(index)
    for path in places.archived_files():
        if skip and stamps.get(str(path.absolute())) == file_stamp(path):
            continue
        try:
            batch.add("source", path, places.read_archived(path))
        except BriefingError as err:
            report.problems.append(str(err))
    batch.flush()


def _known_files(data: dict[str, object]) -> list[Path]:
    known = data.get("files")
    return [Path(p) for p in known] if isinstance(known, dict) else []


def _folders(data: dict[str, object]) -> list[Path]:
    folders = data.get("folders")
    return [Path(str(f)) for f in folders] if isinstance(folders, list) else []


def _update(index: MemoryIndex, *, skip: bool) -> ScanReport:
    report = ScanReport()
    data, problems = places.safe_places()
    report.problems += problems
    gone = [p for p in _known_files(data) if not p.is_file()]
    present = [p for p in _known_files(data) if p.is_file()]
    _scan(index, present, report, skip=skip)
    for folder in _folders(data):
        if folder.is_dir():
            _scan(index, folder_files(folder), report, skip=skip, within=folder)
    _archive(index, report, skip=skip)
    if gone:
        with index.write() as con:
            for path in gone:
                drop_path(con, path)
        report.removed = len(gone)
    ledger_store.sync(index, force=True)
    return report


def rebuild(index: MemoryIndex) -> ScanReport:
    """Fill an empty index from every file it caches."""
    return _update(index, skip=False)


def refresh(index: MemoryIndex) -> ScanReport:
    """Bring the index up to date: changed files again, vanished ones forgotten."""
    return _update(index, skip=True)


def reindex_folder(index: MemoryIndex, folder: Path) -> ScanReport:
    """Remember ``folder`` and index the briefings, PDFs and articles in it (changed ones)."""
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise DocumentError(f"the folder {reason}", folder)
    index.connection()  # a new index is first rebuilt from what was known before this folder
    places.remember_folder(folder)
    report = ScanReport()
    index.run(lambda idx: _scan(idx, folder_files(folder), report, skip=True, within=folder))
    return report
