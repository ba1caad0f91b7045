"""One reader for files Briefing did not write: regular files only, size first, links kept
inside the folder they came from.

Findings 7 and 8 of the hardening review: ``export fifo.briefing``, ``export fifo.pdf``,
``templates import fifo.bftemplate`` and ``brands import fifo.bfbrand`` hung for ever,
``export /dev/zero`` (or a ``.briefing`` link to it) read until memory ran out, and a team
brand whose ``logo.svg`` was a link to an SVG elsewhere embedded that file in the PDF. The
class test feeds every reader of untrusted files every kind of file that is not one.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from briefing.core.errors import BriefingError
from briefing.core.importing import import_file
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger_io import merge_ledger
from briefing.core.memory.places import read_archived
from briefing.core.rendering.pdf import source_from_pdf
from briefing.core.storage.assets import font_data_uri, logo_data_uri
from briefing.core.storage.document_io import load_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.packages import read_package
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.core.storage.template_io import read_json_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices: POSIX")

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="4"/></svg>'
BRAND_JSON = '{"format": "briefing-brand", "version": 1, "id": "house", "name": "House"}'
TEMPLATE_JSON = (
    '{"format": "briefing-template", "version": 1, "id": "weekly", "name": "Weekly",'
    ' "sections": [{"id": "a", "title": "A"}]}'
)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, Callable[[str], Path]]]:
    """Makers of files that are not what they claim, each given the name to make."""
    sockets: list[socket.socket] = []
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    def sock(name: str) -> Path:
        path = tmp_path / name
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        sockets.append(server)
        return path

    def link(target: Path) -> Callable[[str], Path]:
        def make(name: str) -> Path:
            path = tmp_path / name
            path.symlink_to(target)
            return path

        return make

    def sparse(name: str) -> Path:  # a terabyte that takes no disk: refused before reading
        path = tmp_path / name
        with path.open("wb") as fh:
            fh.truncate(1 << 40)
        return path

    def loop(name: str) -> Path:
        path = tmp_path / name
        path.symlink_to(path)
        return path

    def folder(name: str) -> Path:
        path = tmp_path / name
        path.mkdir()
        return path

    yield {
        "fifo": lambda name: _fifo(tmp_path / name),
        "device /dev/zero": link(Path("/dev/zero")),
        "empty device /dev/null": link(Path("/dev/null")),
        "socket": sock,
        "folder": folder,
        "link loop": loop,
        "1 TB sparse file": sparse,
        "dangling link": link(outside / "gone"),
    }
    for server in sockets:
        server.close()


READERS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "document": (".briefing", load_briefing),
    "pdf": (".pdf", source_from_pdf),
    "template package": (".bftemplate", read_package),
    "brand package": (".bfbrand", read_package),
    "template json": (".json", read_json_file),
    "text article": (".txt", import_file),
    "markdown article": (".md", import_file),
    "web page": (".html", import_file),
    "mhtml page": (".mhtml", import_file),
    "pdf article": (".pdf", import_file),
    "word document": (".docx", import_file),
    "opendocument text": (".odt", import_file),
    "e-mail": (".eml", import_file),
    "colleague's ledger": (".bfledger", lambda p: merge_ledger(MemoryIndex(), p)),
    "archived source": (".json", lambda p: read_archived(p)),
    "logo": (".svg", logo_data_uri),
    "font": (".ttf", font_data_uri),
}


SPECIALS = [
    "fifo",
    "device /dev/zero",
    "empty device /dev/null",
    "socket",
    "folder",
    "link loop",
    "1 TB sparse file",
    "dangling link",
]


@pytest.mark.parametrize(
    ("special", "reader"),
    [
        (special, reader)
        for reader in READERS
        for special in SPECIALS
        # a folder of ledgers is merged file by file (test_a_team_folder_merge_skips...)
        if (special, reader) != ("folder", "colleague's ledger")
    ],
)
def test_every_reader_refuses_every_file_that_is_not_a_small_regular_file(
    specials: dict[str, Callable[[str], Path]], time_bound: Any, reader: str, special: str
) -> None:
    suffix, read = READERS[reader]
    path = specials[special](f"input{suffix}")
    with time_bound(10, f"{reader} of a {special}"), pytest.raises(BriefingError) as err:
        read(path)
    message = str(err.value)
    assert message.startswith(str(path)) and "\n" not in message, message


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{fifo}.briefing", "-o", "{out}.pdf"],
        ["export", "{fifo}.pdf", "-o", "{out}.html"],
        ["templates", "import", "{fifo}.bftemplate"],
        ["brands", "import", "{fifo}.bfbrand"],
        ["import", "{fifo}.txt"],
        ["import", "{fifo}.docx"],
        ["ledger", "merge", "{fifo}.bfledger"],
        ["draft", "{fifo}.md"],
        ["export", "/dev/zero", "-o", "{out}.pdf"],
        ["export", "{zero}.briefing", "-o", "{out}.pdf"],
    ],
    ids=lambda c: " ".join(c).replace("{", "").replace("}", ""),
)
def test_review_commands_refuse_pipes_and_devices_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], time_bound: Any, command: list[str]
) -> None:
    fifo, zero = tmp_path / "fifo", tmp_path / "zero"
    for suffix in (".briefing", ".pdf", ".bftemplate", ".bfbrand", ".txt", ".md", ".docx",
                   ".bfledger"):  # fmt: skip
        os.mkfifo(f"{fifo}{suffix}")
    (tmp_path / "zero.briefing").symlink_to("/dev/zero")
    argv = [a.format(fifo=fifo, zero=zero, out=tmp_path / "out") for a in command]
    with time_bound(20, " ".join(command)):
        code = main(argv)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and ("pipe" in lines[0] or "device" in lines[0]), err
    assert not list(tmp_path.glob("out*"))


def _team(tmp_path: Path) -> Path:
    team = tmp_path / "team"
    (team / "brands" / "house").mkdir(parents=True)
    (team / "templates").mkdir()
    (team / "brands" / "house" / "brand.json").write_text(BRAND_JSON)
    return team


def test_team_brand_logo_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    team = _team(tmp_path)
    private = tmp_path / "private" / "photo.svg"
    private.parent.mkdir()
    private.write_bytes(SVG.replace(b"<rect", b"<!-- PRIVATE --><rect"))
    (team / "brands" / "house" / "logo.svg").symlink_to(private)
    library = Library(user_dir=tmp_path / "user", team_dir=team)
    assert "house" not in [b.id for b in library.brands()]
    problems = library.problems()
    assert len(problems) == 1 and "outside" in problems[0] and "logo.svg" in problems[0]
    # A link that stays inside the team folder is an ordinary shared logo.
    shared = team / "brands" / "shared-logo.svg"
    shared.write_bytes(SVG)
    (team / "brands" / "house" / "logo.svg").unlink()
    (team / "brands" / "house" / "logo.svg").symlink_to(shared)
    brand = Library(user_dir=tmp_path / "user", team_dir=team).brand("house")
    assert brand.logo is not None and brand.origin == "team"


@pytest.mark.parametrize(
    "place",
    ["templates/weekly.json", "brands/house/brand.json", "brands/house/logo.svg", "x.bfbrand"],
)
def test_no_library_file_is_read_through_a_link_out_of_the_team_folder(
    tmp_path: Path, place: str
) -> None:
    team = _team(tmp_path)
    (team / "brands" / "house" / "brand.json").unlink()
    outside = tmp_path / "outside"
    outside.mkdir()
    content = {"templates/weekly.json": TEMPLATE_JSON, "brands/house/brand.json": BRAND_JSON}
    real = outside / Path(place).name
    real.write_text(content.get(place, "x")) if place in content else real.write_bytes(SVG)
    if place != "brands/house/brand.json":
        (team / "brands" / "house" / "brand.json").write_text(BRAND_JSON)
    (team / place).symlink_to(real)
    library = Library(user_dir=tmp_path / "user", team_dir=team)
    team_items = [i for i in library.templates() + library.brands() if i.origin == "team"]
    if place == "brands/house/logo.svg":
        assert team_items == [] and "outside" in " ".join(library.problems())
    elif place == "brands/house/brand.json":
        assert team_items == []
    else:
        assert [i.id for i in team_items] == ["house"]  # the linked file is not read


def test_reader_reads_regular_files_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "ok.bin"
    path.write_bytes(b"x" * 100)
    assert read_untrusted(path, 100) == b"x" * 100
    with pytest.raises(UntrustedFileError) as err:
        read_untrusted(path, 99)
    assert err.value.problem == "too-big" and err.value.size == 100
    inner = tmp_path / "in"
    inner.mkdir()
    (inner / "link").symlink_to(path)
    with pytest.raises(UntrustedFileError) as err:
        read_untrusted(inner / "link", 1000, within=inner)
    assert err.value.problem == "outside"
    assert read_untrusted(inner / "link", 1000, within=tmp_path) == b"x" * 100


def test_a_pipe_as_a_documents_lock_file_does_not_hang_opening_it(
    tmp_path: Path, time_bound: Any
) -> None:
    from briefing.core.storage.lock import lock_path, read_lock

    document = tmp_path / "shared.briefing"
    document.write_text("{}")
    os.mkfifo(lock_path(document))
    with time_bound(10, "reading a FIFO lock"):
        assert read_lock(document) is None


def test_library_reindex_reads_only_regular_files_inside_the_folder(
    tmp_path: Path, time_bound: Any
) -> None:
    from briefing.core.memory.scan import _scan, reindex_folder
    from briefing.core.model.document import Briefing
    from briefing.core.storage.document_io import save_briefing

    reading = tmp_path / "reading"
    reading.mkdir()
    (reading / "kept.txt").write_text("Harbour cranes slowed down this week, the port said.\n")
    private = tmp_path / "private"
    private.mkdir()
    save_briefing(Briefing(title="PRIVATE"), private / "secret.briefing")
    (private / "secret.txt").write_text("PRIVATE words that must stay out of the library.\n")
    (reading / "secret.briefing").symlink_to(private / "secret.briefing")
    (reading / "secret.txt").symlink_to(private / "secret.txt")
    _fifo(reading / "pipe.txt")
    (reading / "zero.md").symlink_to("/dev/zero")
    with time_bound(30, "reindexing a folder of pipes and links"), MemoryIndex() as index:
        report = reindex_folder(index, reading)
        assert (report.sources, report.briefings) == (1, 0), report
        # A link swapped in after the folder was listed is refused when it is read.
        late = _scan_report(_scan, index, [reading / "secret.txt", reading / "secret.briefing"],
                            reading)  # fmt: skip
    assert (late.sources, late.briefings) == (0, 0)
    assert len(late.problems) == 2 and all("outside" in p for p in late.problems), late.problems


def _scan_report(scan: Any, index: MemoryIndex, paths: list[Path], folder: Path) -> Any:
    from briefing.core.memory.scan import ScanReport

    report = ScanReport()
    scan(index, paths, report, skip=False, within=folder)
    return report


def test_memory_files_are_read_as_untrusted_files(
    tmp_path: Path, time_bound: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.core.memory import files
    from briefing.core.memory.scan import rebuild

    archive = files.archive_dir()
    archive.mkdir(parents=True)
    outside = tmp_path / "outside.json"
    outside.write_text('{"format": "briefing-source", "version": 1, "article": {}}')
    (archive / "src-linked.json").symlink_to(outside)
    with time_bound(30, "rebuilding from a link"), MemoryIndex() as index:
        report = rebuild(index)
    problems = " ".join(report.problems)
    assert "src-linked.json" in problems and "outside" in problems, report.problems
    _fifo(files.ledger_path())
    with time_bound(30, "a pipe as the ledger"):
        assert main(["ledger", "list"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ledger.json" in err[0] and "pipe" in err[0], err


def test_a_team_folder_merge_skips_ledgers_linked_out_of_it(tmp_path: Path) -> None:
    team = tmp_path / "ledgers"
    team.mkdir()
    outside = tmp_path / "someone.bfledger"
    outside.write_text('{"format": "briefing-ledger", "version": 1, "predictions": {}}')
    (team / "colleague.bfledger").symlink_to(outside)
    _fifo(team / "pipe.bfledger")  # not a regular file: not even listed
    with MemoryIndex() as index:
        report = merge_ledger(index, team)
    assert len(report.skipped) == 1 and "outside" in report.skipped[0], report
    assert "1 file(s) skipped" in report.summary()
