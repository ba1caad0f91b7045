"""Damaged documents of every kind analysts receive: one line naming the file, never more.

The class test for the document importers (PDF, Word, OpenDocument, e-mail): a good file of
each kind is damaged in many ways (cut short at many points, bytes overwritten in the middle
of its parts, a run of zeros, its first bytes swapped for another kind's), and each damaged
file goes through the path the editor and the CLI use (``import_sources``) and through
``briefing import``. Each either imports (some damage leaves the text readable) or is refused
with an ``ArticleImportError`` whose message is one line starting with the file's path;
nothing else may come out, and each finishes within seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.document_makers import make_docx, make_odt, make_pdf, newsletter_eml

from briefing.cli import main
from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_sources

GOOD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "word": (make_docx, "good.docx"),
    "opendocument": (make_odt, "good.odt"),
    "pdf": (make_pdf, "good.pdf"),
    "e-mail": (newsletter_eml, "good.eml"),
}
OTHER_HEADERS = [b"%PDF-1.7\n", b"PK\x03\x04", b"From: a@b\n\n", b"\xd0\xcf\x11\xe0", b"\x00" * 8]
BOUND_S = 20.0


def _damaged(data: bytes, seed: int) -> list[tuple[str, bytes]]:
    """A dozen ways to damage ``data``, the same for every run (``seed``)."""
    rng = random.Random(seed)
    size = len(data)
    out = [(f"cut at {n}/8", data[: size * n // 8]) for n in (1, 3, 5, 7)]
    out.append(("last byte gone", data[:-1]))
    for _ in range(4):
        at = rng.randrange(size // 8, size - 16)
        noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
        out.append((f"noise at {at}", data[:at] + noise + data[at + len(noise) :]))
    mid = size // 2
    out.append(("zeros in the middle", data[:mid] + b"\0" * 512 + data[mid + 512 :]))
    header = OTHER_HEADERS[seed % len(OTHER_HEADERS)]
    out.append(("another kind's header", header + data[len(header) :]))
    return out


def _check(path: Path, time_bound: Any) -> None:
    with time_bound(BOUND_S, f"importing {path.name}"):
        try:
            articles = import_sources(path)
        except ArticleImportError as err:
            message = str(err)
            assert message.startswith(f"{path}: ") and "\n" not in message, message
            return
    assert articles and all(a.blocks for a in articles)


@pytest.mark.parametrize("kind", list(GOOD))
def test_every_damage_to_every_document_kind_gets_one_line(
    tmp_path: Path, time_bound: Any, kind: str
) -> None:
    make, name = GOOD[kind]
    good = make(tmp_path / name)
    data = good.read_bytes()
    assert import_sources(good), "the undamaged file imports"
    damages = _damaged(data, seed=sum(map(ord, kind)))
    for n, (_how, broken) in enumerate(damages):
        path = tmp_path / f"damaged-{n}{good.suffix}"
        path.write_bytes(broken)
        _check(path, time_bound)


def test_briefing_import_says_one_line_for_each_damaged_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI: one line per bad file on stderr, the good ones still imported, exit 1."""
    paths = []
    for kind, (make, name) in GOOD.items():
        good = make(tmp_path / name)
        broken = tmp_path / f"broken-{kind}{good.suffix}"
        broken.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
        paths += [good, broken]
    assert main(["import", *map(str, paths)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    named = [line for line in lines if "broken-" in line]
    assert len(named) == len(GOOD), lines
    assert all(line.startswith("briefing: ") for line in named), named
