"""Bylines to names, dates to ISO."""

from __future__ import annotations

import pytest

from briefing.core.importing.meta import author_names, clean_authors, find_date, is_date_line


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("by James Carter Senior News Editor", ["James Carter"]),
        ("By JANE DOE and Pierre Martin, Associated Press", ["Jane Doe", "Pierre Martin"]),
        ("By Anna Smith, Bob Jones and Carl Wu", ["Anna Smith", "Bob Jones", "Carl Wu"]),
        ("Author: Ingrid Solberg", ["Ingrid Solberg"]),
        ("Carter, James", ["James Carter"]),
        ("Jean-Luc van der Berg, Bloomberg News", ["Jean-Luc van der Berg"]),
        ("By Friday, officials expect a deal", []),
        ("By Reuters Staff", []),
    ],
)
def test_author_names(raw: str, names: list[str]) -> None:
    assert author_names(raw) == names


def test_clean_authors_dedupes() -> None:
    assert clean_authors(["James Carter", "By James Carter", "Carter, James"]) == ["James Carter"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 14, 2026", "2026-03-14"),
        ("Published: 2 June 2025", "2025-06-02"),
        ("Updated 2024-10-14T10:32:00Z", "2024-10-14"),
        ("14.03.2026", "2026-03-14"),
        ("Sept. 3rd, 2025", "2025-09-03"),
        ("February 30, 2025", None),
        ("no date here", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_date_line_is_only_a_date() -> None:
    assert is_date_line("Updated: 14 October 2024 at 10:32 GMT")
    assert not is_date_line("On March 14, 2026 the council met to discuss the plan.")
