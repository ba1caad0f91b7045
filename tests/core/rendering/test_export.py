"""Exports to files (PDF, single-file HTML, Markdown) and the `briefing export` command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_helpers import assert_pdf_basics, coded_briefing, pdf_reader

from briefing.cli import main
from briefing.core.errors import RenderError
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.export import export_file, export_html, export_markdown
from briefing.core.rendering.pdf import source_from_pdf
from briefing.core.services import prediction_problems


def test_export_file_dispatches_by_suffix(tmp_path: Path) -> None:
    briefing = coded_briefing(paragraphs=1)
    for suffix in (".pdf", ".html", ".md"):
        export_file(briefing, tmp_path / f"out{suffix}")
    assert_pdf_basics(
        (tmp_path / "out.pdf").read_bytes(), title=briefing.title, handling="TLP:AMBER"
    )
    assert source_from_pdf(tmp_path / "out.pdf") is not None  # attached by default
    assert (tmp_path / "out.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "out.md").read_text("utf-8").startswith("# Takaichi")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html", "out.md", "out.pdf"]


def test_unknown_suffix_and_unwritable_target_name_the_file(tmp_path: Path) -> None:
    briefing = coded_briefing(paragraphs=1)
    with pytest.raises(RenderError, match=r"out\.xlsx: unknown export type"):
        export_file(briefing, tmp_path / "out.xlsx")
    missing = tmp_path / "no-such-folder" / "out.pdf"
    with pytest.raises(RenderError, match="no-such-folder"):
        export_file(briefing, missing)
    assert not missing.parent.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_failed_export_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old export", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(RenderError, match="out.md"):
        export_markdown(coded_briefing(paragraphs=1), target)
    assert target.read_text("utf-8") == "old export"


def test_standalone_html_inlines_fonts_and_loads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    export_html(coded_briefing(paragraphs=1), path)
    html = path.read_text("utf-8")
    assert 'src: url("data:font/' in html
    assert "file://" not in html
    assert "<h2>Bottom line</h2>" in html and 'class="callout callout-key"' in html
    assert 'id="source-1"' in html and 'href="#source-1"' in html


def test_pdf_html_references_bundled_fonts_not_inline_copies() -> None:
    html = render_html(coded_briefing(paragraphs=1))
    assert "rendercv_fonts" in html and "data:font/" not in html


def test_markdown_export_is_portable(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    export_markdown(coded_briefing(paragraphs=1), path)
    text = path.read_text("utf-8")
    assert ":::" not in text and "[@" not in text
    assert "> **Key Takeaway**" in text
    assert "**Q:** Will the alliance survive?" in text
    assert "| A call takes place this month. | Likely (75%) |" in text
    assert "Likely (90%) (check: term and percentage disagree)" in text
    assert "1. James Carter, “US-Japan Relations Under Trump 2.0”, World News" in text
    assert "<https://example.com/a>" in text


def test_prediction_problems_flag_only_contradictions() -> None:
    briefing = coded_briefing(paragraphs=1)
    problems = prediction_problems(briefing)
    assert len(problems) == 1
    assert problems[0].startswith("prediction 2 (“Defence spending")
    assert "90%" in problems[0]


def _save(briefing: object, path: Path) -> Path:
    from briefing.core.storage.document_io import save_briefing

    save_briefing(briefing, path)  # type: ignore[arg-type]
    return path


def test_cli_export_writes_pdf_and_warns_about_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _save(coded_briefing(paragraphs=1), tmp_path / "note.briefing")
    out = tmp_path / "note.pdf"
    code = main(["export", str(source), "-o", str(out), "--variant", "pdf/ua-1", "--no-attach"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "warning" in captured.err and "prediction 2" in captured.err
    assert source_from_pdf(out) is None  # --no-attach
    assert_pdf_basics(out.read_bytes(), title=coded_briefing().title, handling="TLP:AMBER")


def test_cli_export_with_a_library_brand(tmp_path: Path) -> None:
    from briefing.core.storage.library import Library

    brand_id = Library().brands()[-1].id
    source = _save(coded_briefing(paragraphs=1), tmp_path / "note.briefing")
    out = tmp_path / "note.html"
    assert main(["export", str(source), "-o", str(out), "--brand", brand_id]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.briefing", "-o", "x.pdf"], "missing.briefing"),
        (["note.briefing", "-o", "x.xlsx"], "x.xlsx: unknown export type"),
        (["note.briefing", "-o", "x.pdf", "--brand", "no-such-brand"], "no-such-brand"),
        (["junk.briefing", "-o", "x.pdf"], "junk.briefing"),
    ],
)
def test_cli_export_errors_are_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _save(coded_briefing(paragraphs=1), tmp_path / "note.briefing")
    (tmp_path / "junk.briefing").write_bytes(b"\x00\xff not json")
    assert main(["export", *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("briefing: ") and message in err[-1]
    assert "Traceback" not in "\n".join(err)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()


def test_failed_render_leaves_the_old_pdf_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old pdf")
    with pytest.raises(RenderError, match=r"out\.pdf: unknown PDF variant"):
        export_file(coded_briefing(paragraphs=1), target, variant="pdf/x-9")
    assert target.read_bytes() == b"old pdf"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_markdown_export_keeps_raw_html_inert_in_other_viewers(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    from briefing.core.model.document import Briefing, Section

    briefing = Briefing(
        title="<img src=x onerror=alert(1)> Talks",
        sections=[Section("s", "S", "Text <script>x()</script>, `<kept>` and <https://ok.org>")],
    )
    path = tmp_path / "out.md"
    export_markdown(briefing, path)
    # A viewer that does pass raw HTML through (CommonMark default) still shows it as text.
    html = MarkdownIt("commonmark").render(path.read_text("utf-8"))
    assert "<img" not in html and "<script" not in html
    assert "&lt;script&gt;" in html and "<code>&lt;kept&gt;</code>" in html
    assert '<a href="https://ok.org">' in html


def test_malformed_briefing_fails_in_one_line_naming_the_file(tmp_path: Path) -> None:
    from briefing.core.model.document import Section

    briefing = coded_briefing(paragraphs=1)
    briefing.sections.append(Section("bad", "Bad", markdown=None))  # type: ignore[arg-type]
    for suffix in (".pdf", ".html"):
        target = tmp_path / f"out{suffix}"
        with pytest.raises(RenderError) as caught:
            export_file(briefing, target)
        assert str(caught.value).startswith(f"{target}: could not ")
        assert "\n" not in str(caught.value) and not target.exists()


def test_cli_exports_from_a_pdf_that_carries_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefing = coded_briefing(paragraphs=1)
    export_file(briefing, tmp_path / "with.pdf")
    export_file(briefing, tmp_path / "without.pdf", attach_source=False)
    assert main(["export", str(tmp_path / "with.pdf"), "-o", str(tmp_path / "again.md")]) == 0
    assert (tmp_path / "again.md").read_text("utf-8").startswith("# Takaichi")
    assert main(["export", str(tmp_path / "without.pdf"), "-o", str(tmp_path / "x.md")]) == 1
    assert "carries no .briefing source" in capsys.readouterr().err


def test_cli_export_warns_about_empty_required_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.core.model.document import Section
    from briefing.core.model.template import SectionSpec, Template

    briefing = coded_briefing(paragraphs=1)
    briefing.sections.append(Section("options", "Options", ""))
    briefing.template = Template(
        id="memo",
        name="Memo",
        sections=[
            SectionSpec("options", "Options", required=True),
            SectionSpec("predictions", "Predictions", fill=["predictions"], required=True),
            SectionSpec("faq", "FAQ", required=True),
        ],
    )
    source = _save(briefing, tmp_path / "memo.briefing")
    assert main(["export", str(source), "-o", str(tmp_path / "memo.md")]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "section" in line]
    # Predictions is filled by its table; FAQ has text: only Options is reported.
    assert warnings == [
        f"briefing: warning: {source}: required section 'Options' is empty and left out "
        "of the output"
    ]


def test_cli_export_from_a_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    damaged = tmp_path / "cut.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # no xref, no %%EOF
    before = damaged.read_bytes()
    # A real process: pytest's log capture would hide what pypdf prints on its own.
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(damaged), "-o", str(tmp_path / "x.md")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "cut.pdf: not a readable PDF" in run.stderr, run.stderr
    assert damaged.read_bytes() == before and not (tmp_path / "x.md").exists()


def test_cli_export_reports_pages_and_warns_over_the_page_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.core.model.template import Template

    briefing = coded_briefing(paragraphs=14)  # two pages
    briefing.template = Template(id="short", name="Short", page_budget=1)
    source = _save(briefing, tmp_path / "long.briefing")
    out = tmp_path / "long.pdf"
    assert main(["export", str(source), "-o", str(out), "--no-attach"]) == 0
    captured = capsys.readouterr()
    pages = len(pdf_reader(out).pages)
    assert pages >= 2
    assert captured.out == f"exported {out} ({pages} pages)\n"
    assert f"{out}: {pages} pages; the template's page budget is 1" in captured.err


def test_the_suggested_file_name_carries_the_title_and_the_handling_label() -> None:
    from briefing.core.rendering.export import export_file_name

    briefing = coded_briefing(paragraphs=1)
    assert export_file_name(briefing) == (
        "Takaichi & Trump Call Possible Friday Talks - TLP-AMBER.pdf"
    )
    briefing.meta.handling = "tlp: amber+strict"
    assert export_file_name(briefing, ".html", stem="notes") == "notes - TLP-AMBER+STRICT.html"
    briefing.meta.handling = "OFFICIAL-SENSITIVE"
    briefing.title = "../../etc/passwd"
    assert export_file_name(briefing) == "etc passwd - OFFICIAL-SENSITIVE.pdf"
    briefing.meta.handling = ""
    assert export_file_name(briefing, stem="x - TLP-RED") == "x - TLP-RED.pdf"


def test_cli_export_without_output_writes_the_suggested_name_beside_the_file(
    tmp_path: Path,
) -> None:
    from briefing.cli import main
    from briefing.core.storage.document_io import save_briefing

    save_briefing(coded_briefing(paragraphs=1), tmp_path / "n.briefing")
    assert main(["export", str(tmp_path / "n.briefing")]) == 0
    out = tmp_path / "Takaichi & Trump Call Possible Friday Talks - TLP-AMBER.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["export", str(tmp_path / "n.briefing"), "-o", str(folder)]) == 0
    assert (folder / out.name).is_file()
