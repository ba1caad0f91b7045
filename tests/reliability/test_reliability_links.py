"""Regression (found by the whole-pipeline hostile test): a Markdown or text article kept link
targets the web importer drops (``javascript:``, ``file:``, loopback), and a loopback link came
out clickable in the exported PDF. The importer's common pass now takes every unsafe target
out, keeping the link's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file, import_text
from briefing.core.importing.links import neutralise_links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See [the minutes](javascript:alert(1)).", "See the minutes."),
        ("[a [b] c](http://localhost:8080/x 'title') d", "a [b] c d"),
        ("[copy](file:///etc/passwd) [up](../secret.txt)", "copy up"),
        ("[lan](http://192.168.1.4/) [dec](http://2130706433/) [v6](http://[::1]/)", "lan dec v6"),
        ("![chart](http://127.0.0.1:9/c.png)Text", "Text"),
        ("<http://127.0.0.1:9/a> <file:///etc/hosts>x", " x"),
        ("[ref]: file:///etc/passwd\nnext", "\nnext"),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", "data"),
    ],
)
def test_unsafe_targets_are_taken_out(text: str, expected: str) -> None:
    assert neutralise_links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[the record](https://council.example/minutes) and [mail](mailto:a@council.example)",
        "<https://council.example/> ![map](https://council.example/map.png)",
        "[ref]: https://council.example/ref",
        "Citations [@s1] and footnotes[^1] and [brackets] stay. " + "[" * 50_000,
    ],
)
def test_safe_text_is_untouched(text: str) -> None:
    assert neutralise_links(text) == text


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_hand_written_links_in_articles_are_checked(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_text(
        "# Sea Wall Budget Approved\n\nThe council approved the coastal defence budget after "
        "a long debate; see [the minutes](http://127.0.0.1:9/minutes), [the file]"
        "(file:///etc/passwd) and [the record](https://council.example/record).\n",
        encoding="utf-8",
    )
    text = import_file(path).text
    assert "see the minutes, the file and [the record](https://council.example/record)" in text
    assert "127.0.0.1" not in text and "file:" not in text


def test_pasted_qa_answers_are_checked_too() -> None:
    article = import_text(
        "## FAQ\n\n**Q: Where is the report?**\n\n"
        "A: On [the intranet](http://intranet.local/report) and [online](https://example.org/r).",
        kind="markdown",
    )
    assert "intranet.local" not in article.text and "https://example.org/r" in article.text
