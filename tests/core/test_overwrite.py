"""Writing never replaces a file the user did not name for that output without asking, and a
replaced file is always kept as ``<name>~``.

Finding 12 of the hardening review: ``templates export standard -o notes.briefing`` replaced a
briefing with a zip and kept no backup, and ``export -o article.md`` replaced the article;
``draft`` already demanded ``--force``. The class test runs every command that writes a file
against every kind of file already at the target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.errors import BriefingError
from briefing.core.model.document import Briefing, Section
from briefing.core.rendering.export import export_file
from briefing.core.storage.document_io import save_briefing
from briefing.core.storage.library import Library

ARTICLE = "An article the analyst wrote by hand, which must survive.\n"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "note.briefing"
    save_briefing(Briefing(title="Note", sections=[Section("a", "A", "Words.")]), path)
    return path


def test_review_template_export_over_a_briefing_is_refused(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = note.read_bytes()
    assert main(["templates", "export", "standard", "-o", str(note)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "must end in .bftemplate or .json" in err
    assert main(["templates", "export", "standard", "-o", str(note), "--force"]) == 1
    assert main(["brands", "export", "default", "-o", str(note), "--force"]) == 1
    assert note.read_bytes() == before and not Path(f"{note}~").exists()


def test_review_export_over_an_article_needs_force_and_keeps_a_backup(
    tmp_path: Path, note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE)
    assert main(["export", str(note), "-o", str(article)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists (use --force" in err
    assert article.read_text() == ARTICLE
    assert main(["export", str(note), "-o", str(article), "--force"]) == 0
    assert "Words." in article.read_text()
    assert Path(f"{article}~").read_text() == ARTICLE


# Every command that writes a file the user names: (argv with {out}, suffix it writes).
WRITERS = {
    "export pdf": (["export", "{note}", "-o", "{out}"], ".pdf"),
    "export html": (["export", "{note}", "-o", "{out}"], ".html"),
    "export md": (["export", "{note}", "-o", "{out}"], ".md"),
    "export docx": (["export", "{note}", "-o", "{out}"], ".docx"),
    "draft": (["draft", "{article}", "-o", "{out}"], ".briefing"),
    "templates export": (["templates", "export", "bluf", "-o", "{out}"], ".bftemplate"),
    "templates export json": (["templates", "export", "bluf", "-o", "{out}"], ".json"),
    "brands export": (["brands", "export", "default", "-o", "{out}"], ".bfbrand"),
    "brands export yml": (["brands", "export", "default", "-o", "{out}"], ".yml"),
    "edition": (["edition", "{note}", "-o", "{out}"], ".briefing"),
    "condense": (["condense", "{note}", "-s", "a", "-w", "10", "-o", "{out}"], ".briefing"),
    "ledger export csv": (["ledger", "export", "-o", "{out}"], ".csv"),
    "ledger export file": (["ledger", "export", "-o", "{out}"], ".bfledger"),
    "ledger chart": (["ledger", "scores", "--chart", "{out}"], ".svg"),
}
WRONG_SUFFIXES = (".briefing", ".md", ".txt", ".pdf", ".bftemplate", ".html", "")


@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_writer_replaces_an_existing_file_without_force_and_each_keeps_a_backup(
    tmp_path: Path, note: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    argv, suffix = WRITERS[writer]
    article = tmp_path / "source.txt"
    article.write_text("Harbour cranes slowed down this week, the port authority said.\n")
    out = tmp_path / f"target{suffix}"
    out.write_bytes(b"precious")
    args = [a.format(note=note, article=article, out=out) for a in argv]
    assert main(args) == 1, writer
    assert out.read_bytes() == b"precious"
    assert main([*args, "--force"]) == 0, capsys.readouterr().err
    assert out.read_bytes() != b"precious"
    assert Path(f"{out}~").read_bytes() == b"precious", "the replaced file is kept"
    err = capsys.readouterr().err
    assert "Traceback" not in err


def _own_suffixes(writer: str) -> tuple[str, ...]:
    if writer.startswith("export"):
        return (".pdf", ".docx", ".html", ".md")
    if writer.startswith("ledger export"):
        return (".csv", ".bfledger", ".json")
    return (WRITERS[writer][1], ".json")


@pytest.mark.parametrize(
    ("writer", "wrong"),
    [
        (writer, wrong)
        for writer in (
            "templates export",
            "brands export",
            "draft",
            "export pdf",
            "edition",
            "ledger export csv",
            "ledger chart",
        )  # fmt: skip
        for wrong in WRONG_SUFFIXES
        if wrong not in _own_suffixes(writer)
    ],
)
def test_no_writer_writes_under_another_kind_of_name(
    tmp_path: Path, note: Path, capsys: pytest.CaptureFixture[str], writer: str, wrong: str
) -> None:
    argv, _suffix = WRITERS[writer]
    out = tmp_path / f"target{wrong}"
    out.write_bytes(b"precious")
    args = [a.format(note=note, article=note, out=out) for a in argv]
    assert main([*args, "--force"]) == 1
    assert out.read_bytes() == b"precious" and not Path(f"{out}~").exists()
    assert capsys.readouterr().err.count("\n") == 1


def test_core_exports_keep_the_file_they_replace(tmp_path: Path, note: Path) -> None:
    briefing = Briefing(title="Again", sections=[Section("a", "A", "New words.")])
    for suffix in (".pdf", ".docx", ".html", ".md"):
        target = tmp_path / f"old{suffix}"
        target.write_bytes(b"old")
        export_file(briefing, target)
        assert Path(f"{target}~").read_bytes() == b"old"
    library = Library()
    package = tmp_path / "mine.bftemplate"
    package.write_bytes(b"old package")
    library.export_template("bluf", package)
    assert Path(f"{package}~").read_bytes() == b"old package"
    with pytest.raises(BriefingError, match="must end in .bfbrand"):
        library.export_brand("default", note)
