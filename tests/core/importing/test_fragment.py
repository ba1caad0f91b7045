"""HTML pasted into a section: basic formatting kept, cleaned as imports are."""

from __future__ import annotations

from briefing.core.importing.fragment import html_fragment_markdown


def test_browser_html_keeps_headings_marks_lists_and_safe_links() -> None:
    html = (
        "<h2>Outlook</h2><p>Prices <strong>rise</strong> and <em>fall</em> "
        "(<a href='https://example.org/a'>bank</a>, <a href='file:///etc/passwd'>here</a>, "
        "<a href='http://127.0.0.1/admin'>there</a>)</p>"
        "<ol><li>first</li><li>second</li></ol><ul><li>a</li></ul>"
        "<blockquote>We will act.</blockquote><script>alert(1)</script>"
        "<img src='https://tracker.example/p.gif' alt='pixel'><style>p{}</style>"
    )
    assert html_fragment_markdown(html) == (
        "### Outlook\n\n"
        "Prices **rise** and *fall* ([bank](https://example.org/a), here, there)\n\n"
        "1. first\n2. second\n\n- a\n\n> We will act.\n"
    )


def test_word_and_google_docs_styles_are_read_as_bold_and_italic() -> None:
    google = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr">'
        '<span style="font-weight:700">Bold</span> and '
        '<span style="font-style:italic">slanted</span> words</p></b>'
    )
    assert html_fragment_markdown(google) == "**Bold** and *slanted* words\n"
    word = (
        "<p class=MsoNormal><b><span style='font-family:Calibri'>Key</span></b>"
        "<span style='font-family:Calibri'> point</span></p>"
    )
    assert html_fragment_markdown(word) == "**Key** point\n"


def test_nothing_to_keep_gives_nothing() -> None:
    assert html_fragment_markdown("") == ""
    assert html_fragment_markdown("<script>x()</script><img src='x.png'>") == ""
    assert html_fragment_markdown("<p>::: qa</p>") == "\\::: qa\n"
