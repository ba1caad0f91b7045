"""User-facing errors are always exactly one line."""

from __future__ import annotations

from briefing.core.errors import BriefingError, TemplateError


def test_message_names_the_file_and_the_reason() -> None:
    err = TemplateError("section 2 has no id", "weekly.json")
    assert str(err) == "weekly.json: section 2 has no id"
    assert err.path == "weekly.json"


def test_line_breaks_quoted_from_a_file_never_split_the_message() -> None:
    err = BriefingError("unknown key 'a\nb\r\nc' in colors", "bad\nname.json")
    assert "\n" not in str(err) and "\r" not in str(err)
    assert str(err) == "bad\\nname.json: unknown key 'a\\nb\\r\\nc' in colors"
    assert len(str(err).splitlines()) == 1
