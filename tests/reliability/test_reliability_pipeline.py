"""The whole pipeline over every hostile input: import -> draft -> save -> export PDF.

Each case is refused with a one-line error naming the file, or neutralised: the PDF has the
article's words and nothing the page tried to pull in. For every case, and all at once:

* nothing is fetched: a loopback listener named by every input accepts no connection, and no
  socket connect or name lookup is even attempted (Python audit events, sockets allowed);
* nothing outside the chosen folders is touched: an inotify watch on a "canary" folder the
  inputs point at (``file://``, ``../``) sees no open, read or write, by Python or by C code;
  every file Python opens is inside the allowed roots, every file written is in the output
  folder or Briefing's own home; the input folder and the canary folder are unchanged;
* nothing hangs: each case runs under its own pytest-timeout;
* no script survives: the PDF has no JavaScript, launch action, or link to ``javascript:``,
  ``file:``, ``data:`` or the loopback listener.
"""

from __future__ import annotations

import hashlib
import secrets
import site
import socket
import sys
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from reliability_watch import Audit, FolderWatch, outside, scratch

from briefing.core import paths
from briefing.core.drafting import draft_briefing
from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file, import_text
from briefing.core.rendering.export import export_pdf
from briefing.core.storage.document_io import load_briefing, save_briefing
from briefing.core.storage.library import Library

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the canary watch uses inotify")

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
REPO = Path(__file__).resolve().parent.parent.parent
PARAGRAPH = (
    "<p>The council approved the coastal defence budget after a long debate about how to share "
    "the cost between the districts that would benefit most from the new sea wall.</p>"
    "<p>Engineers told the meeting that the first section could be finished before the autumn "
    "storms if the contract is signed this month, and that delays would raise the price.</p>"
)
LOCAL_PROGRAMS = {"fc-list", "ldconfig", "gcc", "cc", "ld", "objdump"}
KEPT = "coastal defence budget"  # every neutralised input keeps these words


def _huge_data_uri(port: int, canary: str) -> bytes:
    blob = "QUFB" * 2_000_000  # 8 MB of base64 in one attribute
    return (
        f'<html><head><title>Sea Wall</title><link rel="stylesheet" href="data:text/css,'
        f'@import url(http://127.0.0.1:{port}/d.css);"></head><body><article>'
        f'<img src="data:image/png;base64,{blob}"><a href="data:text/html;base64,{blob}">x</a>'
        f"<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><image "
        f"href='file://{canary}/secret.png'/></svg>\">{PARAGRAPH}</article></body></html>"
    ).encode()


def _deep_page(port: int, canary: str) -> bytes:
    depth = 200_000
    img = f'<img src="http://127.0.0.1:{port}/deep.png"><img src="file://{canary}/secret.png">'
    return f"<html><body>{'<div>' * depth}{img}{PARAGRAPH}{'</div>' * depth}</body></html>".encode()


def _deep_markdown(port: int, canary: str) -> bytes:
    quotes = "> " * 50_000 + f"![x](http://127.0.0.1:{port}/q.png)\n\n"
    lists = "\n".join("  " * i + f"- [i](file://{canary}/secret.txt)" for i in range(600))
    words = "The council approved the coastal defence budget after a long debate.\n\n"
    return (f"# Sea Wall\n\n{words}{quotes}{lists}\n\n{words}" + "[" * 50_000).encode()


def _many_parts_mhtml(port: int, canary: str) -> bytes:
    head = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        f"--B\r\nContent-Type: text/html\r\nContent-Location: http://127.0.0.1:{port}/p\r\n\r\n"
        f"<html><head><title>Sea Wall</title></head><body><article>{PARAGRAPH}</article></body>"
        "</html>\r\n"
    )
    part = (
        f"--B\r\nContent-Type: image/png\r\nContent-Location: file://{canary}/secret.png\r\n\r\n"
        "xx\r\n"
    )
    return (head + part * 20_000 + "--B--\r\n").encode()


def _oversized_markdown(port: int, canary: str) -> bytes:
    line = f"The council approved the budget. ![x](http://127.0.0.1:{port}/x.png)\n\n"
    return (line * 200_000).encode()  # about 14 MB: over the text size limit


GENERATED: dict[str, Callable[[int, str], bytes]] = {
    "oversized.md": _oversized_markdown,
    "huge-data-uri.html": _huge_data_uri,
    "deep-200000.html": _deep_page,
    "deep-nesting.md": _deep_markdown,
    "20000-parts.mhtml": _many_parts_mhtml,
}
CASES = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md") + sorted(GENERATED)
# The editor's paste: the same pages, as text or HTML on the clipboard.
PASTED = {".html": "html", ".xhtml": "html", ".md": "markdown", ".txt": "auto"}
CASES += [f"paste:{n}" for n in CASES if Path(n).suffix in PASTED and not n.startswith("huge")]
REFUSED = {"oversized.md", "paste:oversized.md"}  # the rest are neutralised, not refused


@dataclass
class World:
    """A temporary machine: the input folder, the output folder, a canary folder, a listener."""

    root: Path
    inputs: Path
    out: Path
    canary: Path
    secret: str
    listener: socket.socket

    @property
    def port(self) -> int:
        return int(self.listener.getsockname()[1])

    def place(self, name: str) -> Path:
        """Copy (or generate) input ``name`` into the input folder, placeholders filled in."""
        original = name.removeprefix("paste:")
        if original in GENERATED:
            data = GENERATED[original](self.port, str(self.canary))
        else:
            data = (CORPUS / original).read_bytes()
            data = data.replace(b"@PORT@", str(self.port).encode())
            data = data.replace(b"@CANARY@", str(self.canary).encode())
        path = self.inputs / name
        path.write_bytes(data)
        return path

    def accepted(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.listener.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    inputs, out, canary = tmp_path / "input", tmp_path / "out", tmp_path / "canary"
    for folder in (inputs, out, canary):
        folder.mkdir()
    secret = f"CANARY-SECRET-{secrets.token_hex(8)}"
    (canary / "secret.txt").write_text(secret)
    (canary / "secret.css").write_text(f'body::before {{ content: "{secret}" }}')
    (canary / "secret.png").write_text(secret)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text y="10">{secret}</text></svg>'
    (canary / "secret.svg").write_text(svg)
    (canary / "secret.ttf").write_bytes(b"\x00\x01\x00\x00" + secret.encode())
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    yield World(tmp_path, inputs, out, canary, secret, server)
    server.close()


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _read_roots(world: World) -> list[Path]:
    """Where the pipeline may read: its input and output, Briefing's home and its own code and
    resources, Python's libraries, and the system's fonts and shared data."""
    roots = [world.inputs, world.out, paths.resources_dir(), REPO / "briefing"]
    roots += [Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)]
    roots += [Path(p) for p in site.getsitepackages() + [site.getusersitepackages()]]
    roots += [Path(p) for p in sysconfig.get_paths().values()]
    roots += [Path(p) for p in ("/usr/share", "/usr/lib", "/usr/local/lib", "/etc/fonts")]
    roots += [Path(p) for p in ("/etc/mime.types", "/dev/null", "/dev/urandom")]
    roots += [Path(p) for p in sys.path if p and Path(p).is_dir() and Path(p) != world.root]
    return [r for r in roots if r.exists()]


def _run_pipeline(world: World, source: Path) -> tuple[str, bytes | None]:
    """Import, draft into the standard template, save, load and export; ("refused", None) or
    ("exported", PDF bytes)."""
    pasted = source.name.startswith("paste:")
    try:
        if pasted:
            text = source.read_text(encoding="utf-8")
            article = import_text(text, kind=PASTED[source.suffix])  # type: ignore[arg-type]
        else:
            article = import_file(source)
    except ArticleImportError as err:
        message = str(err)
        named = "clipboard" if pasted else str(source)
        assert message.startswith(f"{named}: ") and "\n" not in message, message
        return "refused", None
    library = Library()
    briefing = draft_briefing([article], library.template("standard"), library.brand("default"))
    saved = world.out / "note.briefing"
    save_briefing(briefing, saved)
    pdf = world.out / "note.pdf"
    export_pdf(load_briefing(saved), pdf)
    return "exported", pdf.read_bytes()


def _check_pdf(world: World, name: str, data: bytes) -> None:
    assert world.secret.encode() not in data
    for action in (b"/JavaScript", b"/JS ", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert action not in data, action
    reader = PdfReader(world.out / "note.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert KEPT in text
    assert world.secret not in text
    if not name.endswith((".md", ".txt")) and not name.startswith("paste:"):
        # a text file or a paste may show a URL as words, no more
        assert str(world.port) not in text and "file:" not in text
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = str(annot.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.lower().startswith(("javascript:", "file:", "data:", "vbscript:")), uri
            assert str(world.port) not in uri and "127.0.0.1" not in uri, uri
    for contents in reader.attachments.values():
        for blob in contents:
            assert world.secret.encode() not in blob


@pytest.mark.enable_socket
@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", CASES)
def test_hostile_input_through_the_whole_pipeline(
    world: World, briefing_home: Path, name: str
) -> None:
    source = world.place(name)
    inputs_before, canary_before = _tree(world.inputs), _tree(world.canary)
    watch = FolderWatch(world.canary)
    try:
        with Audit().recording() as audit:
            outcome, data = _run_pipeline(world, source)
        touched = watch.events()
    finally:
        watch.close()

    assert outcome == ("refused" if name in REFUSED else "exported"), name
    if data is not None:
        _check_pdf(world, name, data)
    assert world.accepted() == 0, "something connected to the loopback listener"
    assert audit.network == [], audit.network
    # programs the renderer may run: fontconfig's fc-list (emoji fonts) and the library lookup
    # of ctypes.util.find_library (ldconfig, or gcc/ld where ldconfig has no answer)
    programs = {p.split("'")[1] for p in audit.processes if p.startswith("subprocess.Popen")}
    assert {Path(p).name for p in programs} <= LOCAL_PROGRAMS, audit.processes
    assert touched == [], f"the canary folder was touched: {touched}"
    assert _tree(world.canary) == canary_before and _tree(world.inputs) == inputs_before
    assert outside(audit.reads, [*_read_roots(world), briefing_home]) == []
    bad_writes = [p for p in outside(audit.writes, [world.out, briefing_home]) if not scratch(p)]
    assert bad_writes == [], [str(p) for p in bad_writes]


def test_the_corpus_covers_every_kind_of_input() -> None:
    suffixes = {Path(name).suffix for name in CASES}
    assert {".html", ".xhtml", ".mhtml", ".md", ".txt"} <= suffixes
    assert len(CASES) >= 11


@pytest.mark.enable_socket
def test_the_instruments_see_a_deliberate_leak(world: World, briefing_home: Path) -> None:
    """The checks above are not blind: a read of the canary by C code (libxml2 resolving an
    entity), a write beside it and a connection to the listener are all caught."""
    from lxml import etree

    watch = FolderWatch(world.canary)
    try:
        with Audit().recording() as audit:
            xml = f'<!DOCTYPE r [<!ENTITY s SYSTEM "file://{world.canary}/secret.txt">]><r>&s;</r>'
            parser = etree.XMLParser(resolve_entities=True, no_network=True)
            assert world.secret in "".join(etree.fromstring(xml.encode(), parser).itertext())
            (world.canary / "secret.css").read_text()
            (world.root / "stray.txt").write_text("x")
            socket.create_connection(("127.0.0.1", world.port), timeout=5).close()
        touched = watch.events()
    finally:
        watch.close()
    assert "secret.txt opened" in touched and "secret.css read" in touched
    assert world.canary / "secret.css" in outside(audit.reads, _read_roots(world))
    assert outside(audit.writes, [world.out, briefing_home]) == [world.root / "stray.txt"]
    assert any(event.startswith("socket.connect") for event in audit.network)
    assert world.accepted() == 1
