"""The index is a cache: deleted or damaged it is rebuilt from the files; migrated from every
older schema; shared by several processes; and a SIGKILL while indexing leaves it usable."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from briefing.core.memory import files, schema
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import ledger_entries, record_outcome
from briefing.core.memory.record import record_imported, record_saved
from briefing.core.memory.scan import folder_files, reindex_folder
from briefing.core.memory.search import counts, search
from tests.core.memory.memory_data import article, briefing, save

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "memory"
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def _fill(folder: Path) -> MemoryIndex:
    index = MemoryIndex()
    for n in range(3):
        b = briefing(f"Weekly {n}", day=f"2026-03-0{n + 1}")
        record_saved(b, save(b, folder, f"weekly-{n}.briefing"), index)
    record_imported([article("Port strike", "Dockers in Bergen walk out over pay.")], index)
    entry = ledger_entries(index)[0]
    record_outcome(index, entry.pid, "happened", note="confirmed", day="2026-04-01")
    return index


def _snapshot(index: MemoryIndex) -> tuple[dict[str, int], list[str], dict[str, str]]:
    entries = ledger_entries(index)
    outcomes = {e.pid: e.outcome.outcome for e in entries if e.outcome}
    return counts(index), sorted(h.title for h in search(index, "")), outcomes


def test_deleting_the_index_loses_nothing(tmp_path: Path) -> None:
    index = _fill(tmp_path)
    before = _snapshot(index)
    index.close()
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (files.memory_dir() / name).unlink(missing_ok=True)
    again = MemoryIndex()
    assert _snapshot(again) == before
    assert before[0] == {"briefing": 3, "source": 2, "predictions": 6}


@pytest.mark.parametrize("damage", ["garbage", "truncated-page"])
def test_a_damaged_index_is_set_aside_and_rebuilt(tmp_path: Path, damage: str) -> None:
    index = _fill(tmp_path)
    before = _snapshot(index)
    index.close()
    path = files.index_path()
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 500)
    else:
        data = bytearray(path.read_bytes())
        data[4096 : 4096 + 2048] = b"\xff" * 2048  # overwrite the first b-tree page
        path.write_bytes(bytes(data))
        for extra in ("-wal", "-shm"):
            path.with_name(path.name + extra).unlink(missing_ok=True)
    again = MemoryIndex()
    assert _snapshot(again) == before
    (notice,) = again.take_notices()
    assert "damaged" in notice and "set aside" in notice and "\n" not in notice
    aside = list(files.memory_dir().glob("index.damaged-*.sqlite"))
    assert len(aside) == 1 and aside[0].stat().st_size > 0  # kept, not deleted


def test_migrates_schema_version_1(tmp_path: Path) -> None:
    path = files.index_path()
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "index-v1.sql").read_text(encoding="utf-8"))
    con.close()
    b = briefing("Arctic weekly 2")  # a briefing the places file knows: rescanned on open
    record_saved(b, save(b, tmp_path, "weekly.briefing"), MemoryIndex(path, rebuild=False))
    index = MemoryIndex(path)
    con2 = index.connection()
    assert con2.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert {h.title for h in search(index, "telecommunica")} == {
        "Seabed cables under watch",
        "Arctic weekly",
    }  # the old rows, found by prefix (v2's prefix index)
    assert len(ledger_entries(index)) == 2
    assert con2.execute("SELECT count(*) FROM state WHERE key = 'rescan'").fetchone()[0] == 0


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_every_older_schema_has_a_fixture_and_a_migration(version: int) -> None:
    assert (FIXTURES / f"index-v{version}.sql").is_file()
    assert version in schema.MIGRATIONS


def test_a_newer_index_is_refused_with_one_line() -> None:
    path = files.index_path()
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(Exception, match="newer Briefing") as err:
        MemoryIndex().connection()
    assert "\n" not in str(err.value)


def _writer(home: str, folder: str, worker: int, count: int) -> None:
    os.environ["BRIEFING_HOME"] = home
    index = MemoryIndex()
    for n in range(count):
        b = briefing(f"Worker {worker} note {n}", body=f"Unique{worker}x{n} cables. [@s1]")
        record_saved(b, save(b, Path(folder), f"w{worker}-{n}.briefing"), index)
        search(index, "cables")
    index.close()


def test_several_processes_share_one_index(tmp_path: Path) -> None:
    MemoryIndex().connection()  # made once, so the workers only write
    ctx = multiprocessing.get_context("spawn")
    home = os.environ["BRIEFING_HOME"]
    procs = [ctx.Process(target=_writer, args=(home, str(tmp_path), w, 12)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    index = MemoryIndex()
    assert counts(index)["briefing"] == 48
    assert len(search(index, "unique2x11")) == 1
    assert index.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@needs_fork
def test_sigkill_while_indexing_leaves_a_usable_index(tmp_path: Path) -> None:
    """A child indexes briefings in a loop; it is killed at a random moment, 25 times; after
    each kill the index passes SQLite's integrity check and every briefing in it is whole."""
    rng = random.Random(19)
    for trial in range(25):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read)
            try:
                index = MemoryIndex()
                n = 0
                while True:
                    body = " ".join(f"word{rng.randint(0, 999)}" for _ in range(400))
                    b = briefing(f"Trial {trial} note {n}", body=f"{body} [@s1]")
                    record_saved(b, save(b, tmp_path, f"t{trial}-{n % 3}.briefing"), index)
                    os.write(write, b"x")
                    n += 1
            finally:
                os._exit(0)
        os.close(write)
        os.read(read, 1)  # it has started indexing
        time.sleep(rng.uniform(0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        index = MemoryIndex()
        con = index.connection()
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute(
            "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')"
        ).rowcount in (-1, 0, 1)
        for (doc,) in con.execute("SELECT id FROM documents WHERE kind = 'briefing'"):
            # a briefing is in the index whole or not at all: text, uses and predictions
            assert con.execute("SELECT 1 FROM documents_fts WHERE rowid = ?", (doc,)).fetchone()
            assert con.execute("SELECT count(*) FROM uses WHERE briefing = ?", (doc,)).fetchone()[0]
            assert (
                con.execute("SELECT count(*) FROM predictions WHERE briefing = ?", (doc,))
                .fetchone()[0] == 2
            )  # fmt: skip
        index.close()


def test_reindex_folder_indexes_what_it_can_and_names_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "reading"
    folder.mkdir()
    b = briefing("Folder note")
    save(b, folder, "note.briefing")
    (folder / "article.txt").write_text(
        "Trawler seized\n\nCoast guard seized a trawler near Tromsø after the cable cut.\n\n"
        "The crew was questioned for six hours.",
        encoding="utf-8",
    )
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "broken.briefing").write_text("{not json", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret\n\nNothing here should be indexed ever.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.txt").write_text("Hidden\n\nHidden words here.", encoding="utf-8")
    assert {p.name for p in folder_files(folder)} == {
        "note.briefing", "article.txt", "empty.md", "broken.briefing",
    }  # fmt: skip
    index = MemoryIndex()
    report = reindex_folder(index, folder)
    assert (report.briefings, report.sources) == (1, 1)
    assert len(report.problems) == 2 and all("\n" not in p for p in report.problems)
    assert any("broken.briefing" in p for p in report.problems)
    assert [h.title for h in search(index, "trawler")] == ["Trawler seized"]
    assert search(index, "secret") == []
    again = reindex_folder(index, folder)
    assert again.unchanged == 2  # unchanged files are skipped


def test_reindex_folder_takes_word_email_and_plain_pdf_articles(tmp_path: Path) -> None:
    from email.message import EmailMessage

    import docx  # python-docx
    from weasyprint import HTML

    folder = tmp_path / "reading"
    folder.mkdir()
    document = docx.Document()
    document.add_heading("Icebreaker order placed", level=1)
    document.add_paragraph("The coast guard ordered two icebreakers for the Barents patrols.")
    document.save(str(folder / "order.docx"))
    mail = EmailMessage()
    mail["Subject"] = "Weekly Arctic digest"
    mail["From"] = "desk@example.org"
    mail.set_content("Fishing quotas were cut again this week.\n\nThe fleet protested in Bodø.")
    (folder / "digest.eml").write_bytes(mail.as_bytes())
    HTML(
        string="<h1>Seabed sensors</h1><p>Acoustic seabed sensors were tested offshore.</p>"
    ).write_pdf(folder / "report.pdf")
    assert {p.name for p in folder_files(folder)} == {"order.docx", "digest.eml", "report.pdf"}
    index = MemoryIndex()
    report = reindex_folder(index, folder)
    assert report.problems == [] and report.sources == 3
    assert [h.kind for h in search(index, "icebreakers")] == ["source"]
    assert len(search(index, "quotas")) == 1
    assert len(search(index, "acoustic")) == 1
    index.close()
