"""Text rules run in linear time: every importer path meets 100,000-character runs of each
Unicode space, punctuation and marker character, and each finishes within seconds.

Finding 5 of the hardening review: ``Q: a`` + 100,000 non-breaking (or Ogham) spaces + ``b``
took minutes to import and froze the editor when pasted (``(\\S.*?)\\s*(?:\\*\\*|__)?$`` in the
Q/A rules and the Markdown heading rule). The class test puts each character, as one run of
100,000, inside every construct an importer rule looks for (Q/A, headings, bylines, callouts,
lists, quotes, links, chrome lines, names), through every path: plain text, Markdown, a web
page and an MHTML file. A second test runs every regular expression the importer compiles
over such runs directly, so a rule no document reaches yet is covered too.

The documents analysts receive go the same way: the constructs as paragraphs of a Word file
and an OpenDocument text, lines of a PDF (characters Windows-1252 can draw) and the body of a
saved e-mail.

The bound is generous (a linear pass over these documents takes well under a second; a
quadratic one takes minutes), so it holds on a busy machine and still catches a blow-up.

The full cross products (every path with every character; every pattern after every prefix
with 100,000-character runs) take minutes: they exist only in the long fuzz run
(``scripts/fuzz.sh``), so the suite neither runs nor lists them.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.document_makers import ODT_NS, W_NS, raw_pdf, write_zip

import briefing.core.importing as importing
import briefing.core.model as model
from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file, import_text

RUN = 100_000
# The full cross products take minutes: they are defined in the long fuzz run only.
LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
BOUND_S = 20.0

SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\u00a0", "\u1680", "\u180e",
          *[chr(c) for c in range(0x2000, 0x200C)], "\u2028", "\u2029", "\u202f", "\u205f",
          "\u3000", "\ufeff", "\u00ad", "\u2060"]  # fmt: skip
MARKS = list("*_#>:][()-.,!?`|=+~\"'/\\<&;@$%^{}") + ["“", "”", "«", "»", "—", "–", "•", "·",
                                                      "…", "1", "a", "é", "Я", "ー"]  # fmt: skip
CHARACTERS = SPACES + MARKS

# Each construct an importer rule looks for, with the run where the rule's pattern is.
CONSTRUCTS = [
    "Q: a{run}b",
    "**Question 1:** a{run}b**",
    "A: a{run}b",
    "# a{run}b #",
    "By a{run}b",
    "Jane Doe{run}| Staff Writer",
    "“Key{run}Takeaway”: c",
    "Key takeaway:{run}b",
    "- a{run}b",
    "> a{run}b",
    "[a{run}](http://b.example/)",
    "[a]({run}http://b.example/)",
    "Share this{run}Subscribe",
    "2026-11-28{run}by Jane Doe",
    "Home » a{run}» b",
    "a{run}",
]
WORDS = "The port authority said cranes slowed down this week, and more were due soon."


def _text(char: str, constructs: list[str]) -> str:
    body = "\n\n".join(c.format(run=char * RUN) for c in constructs)
    return f"{WORDS}\n\n{body}\n\n{WORDS}\n"


def _html(char: str, constructs: list[str]) -> str:
    paragraphs = "".join(f"<p>{WORDS} {c.format(run=char * RUN)}</p>" for c in constructs)
    return f"<html><body><article><h1>Cranes</h1>{paragraphs}<p>{WORDS}</p></article></body></html>"


def _mhtml(html: str) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Cranes"
    message["Snapshot-Content-Location"] = "https://news.example/cranes"
    message.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return bytes(message)


def _paragraphs(char: str, constructs: list[str]) -> list[str]:
    return [WORDS, *(c.format(run=char * RUN) for c in constructs), WORDS]


_XML_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _docx(char: str, path: Path) -> Path | None:
    if _XML_REFUSES.search(char):
        return None  # a Word file cannot hold it
    runs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text in _paragraphs(char, CONSTRUCTS)
    )
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{runs}</w:body></w:document>'
    return write_zip(path, {"word/document.xml": document.encode()}, compress=False)


def _odt(char: str, path: Path) -> Path | None:
    if _XML_REFUSES.search(char):
        return None
    body = "".join(f"<text:p>{escape(text)}</text:p>" for text in _paragraphs(char, CONSTRUCTS))
    content = (
        f'<?xml version="1.0"?><office:document-content {ODT_NS}><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>"
    )
    parts = {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": content.encode(),
    }
    return write_zip(path, parts, compress=False)


_PDF_ESCAPES = {b"\r": b"r", b"\n": b"n"}


def _pdf(char: str, path: Path) -> Path | None:
    """Each construct a line of text (half of them: every glyph costs the PDF reader time)."""
    try:
        lines = [text.encode("cp1252") for text in _paragraphs(char, CONSTRUCTS[:8])]
    except UnicodeEncodeError:
        return None  # Helvetica in Windows-1252 cannot draw it
    ops = []
    for n, line in enumerate(lines):
        quoted = re.sub(rb"[\\()\r\n]", lambda m: b"\\" + _PDF_ESCAPES.get(m[0], m[0]), line)
        ops.append(b"BT /F1 10 Tf 40 %d Td (%s) Tj ET" % (800 - 14 * n, quoted))
    path.write_bytes(raw_pdf(b"\n".join(ops), flate=True, winansi=True))
    return path


def _eml(char: str, path: Path) -> Path:
    message = EmailMessage()
    message["From"] = "The Desk <desk@news.example>"
    message["Subject"] = "Cranes"
    message.set_content("\n\n".join(_paragraphs(char, CONSTRUCTS)), cte="quoted-printable")
    path.write_bytes(bytes(message))
    return path


DOCUMENTS = {"word": (_docx, "x.docx"), "opendocument": (_odt, "x.odt"), "pdf": (_pdf, "x.pdf"),
             "e-mail": (_eml, "x.eml")}  # fmt: skip


def _import(kind: str, char: str, tmp_path: Any) -> None:
    try:
        if kind == "text":
            import_text(_text(char, CONSTRUCTS), kind="text")
        elif kind == "markdown":  # 1 MB is the Markdown limit: half the constructs each
            import_text(_text(char, CONSTRUCTS[:8]), kind="markdown")
            import_text(_text(char, CONSTRUCTS[8:]), kind="markdown")
        elif kind == "web page":
            import_text(_html(char, CONSTRUCTS), kind="html")
        elif kind == "mhtml":
            path = tmp_path / "page.mhtml"
            path.write_bytes(_mhtml(_html(char, CONSTRUCTS[:8])))
            import_file(path)
        else:
            make, name = DOCUMENTS[kind]
            document = make(char, tmp_path / name)
            if document is not None:
                import_file(document)
    except ArticleImportError:
        pass  # refused in one line is bounded too


KINDS = ["text", "markdown", "web page", "mhtml", *DOCUMENTS]


@pytest.mark.parametrize(
    ("kind", "char"),
    [("text", "\u00a0"), ("text", "\u1680"), ("markdown", "\u00a0"), ("text", " "),
     ("markdown", "#"), ("web page", "\\"), ("mhtml", ";")],
    ids=["review NBSP", "review Ogham", "markdown NBSP", "spaces", "hashes", "backslashes",
         "semicolons"],
)  # fmt: skip
def test_review_runs_import_in_seconds(
    tmp_path: Any, time_bound: Any, kind: str, char: str
) -> None:
    with time_bound(BOUND_S, f"{kind} import with runs of U+{ord(char):04X}"):
        _import(kind, char, tmp_path)


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), char=st.sampled_from(CHARACTERS))
def test_every_import_path_is_linear_in_each_character_run(
    tmp_path_factory: pytest.TempPathFactory, time_bound: Any, kind: str, char: str
) -> None:
    """A different sample of the (path, character) pairs in each suite run; the long fuzz run
    (``scripts/fuzz.sh``, below) takes every one."""
    with time_bound(BOUND_S, f"{kind} import with runs of U+{ord(char):04X}"):
        _import(kind, char, tmp_path_factory.mktemp("linear"))


if LONG_RUN:  # scripts/fuzz.sh: every pair

    @pytest.mark.fuzz
    @pytest.mark.parametrize("kind", KINDS)
    @pytest.mark.parametrize("char", CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
    def test_every_import_path_and_character_pair(
        tmp_path: Any, time_bound: Any, kind: str, char: str
    ) -> None:
        with time_bound(BOUND_S, f"{kind} import with runs of U+{ord(char):04X}"):
            _import(kind, char, tmp_path)


def _patterns() -> list[tuple[str, re.Pattern[Any]]]:
    """Every compiled regular expression at module level in briefing.core.importing and its
    subpackages (the document readers), and in briefing.core.model (the Markdown dialect a
    loaded or pasted briefing is read with), named by module path below briefing.core."""
    found = []
    modules = []
    for package in (importing, model):
        modules += [package] + [
            importlib.import_module(m.name)
            for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        ]
    for module in modules:
        where = module.__name__.removeprefix("briefing.core.")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{where}.{name}", value))
    return found


PATTERNS = _patterns()
PREFIXES = ["", "a ", "::: a", "Q: a", "# a", "By a", "[a](", "“a", "- a", "Jane Doe", "2026 "]


def _search_runs(name: str, pattern: re.Pattern[Any], prefixes: list[str], run: int, bound: float,
                 time_bound: Any) -> None:  # fmt: skip
    for char in CHARACTERS:
        for prefix in prefixes:
            subject = f"{prefix}{char * run}b"
            data: Any = subject.encode("utf-8") if isinstance(pattern.pattern, bytes) else subject
            with time_bound(bound, f"{name}.search({prefix!r} + {run} x U+{ord(char):04X})"):
                pattern.search(data)


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_every_importer_pattern_searches_runs_in_linear_time(
    time_bound: Any, name: str, pattern: re.Pattern[Any]
) -> None:
    """``search`` over ``prefix + run + "b"`` for every character (the strictest use: a rule
    used with ``match`` on one line is covered by its ``search``). 25,000-character runs and
    three prefixes here (a quadratic rule takes seconds on one run; a linear one milliseconds);
    the long fuzz run (``scripts/fuzz.sh``) takes 100,000 and every prefix."""
    _search_runs(name, pattern, PREFIXES[:3], RUN // 4, 1.0, time_bound)


if LONG_RUN:  # scripts/fuzz.sh: 100,000-character runs after every prefix

    @pytest.mark.fuzz
    @pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
    def test_every_importer_pattern_searches_long_runs_after_every_prefix(
        time_bound: Any, name: str, pattern: re.Pattern[Any]
    ) -> None:
        _search_runs(name, pattern, PREFIXES, RUN, 10.0, time_bound)
