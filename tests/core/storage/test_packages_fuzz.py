"""Fuzzing: damaged packages and random template/brand data fail only with LibraryError."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import LibraryError
from briefing.core.storage.packages import read_package_bytes
from briefing.core.storage.template_io import brand_from_dict, template_from_dict

GOOD = (
    Path(__file__).resolve().parents[2] / "fixtures" / "packages" / "good.bftemplate"
).read_bytes()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.fuzz
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_flipped_bytes_never_crash_the_reader(flips: list[tuple[int, int]]) -> None:
    raw = bytearray(GOOD)
    for pos, value in flips:
        raw[pos] = value
    try:
        read_package_bytes(bytes(raw), name="fuzz.bftemplate")
    except LibraryError as err:
        assert str(err).startswith("fuzz.bftemplate: ") and "\n" not in str(err)


def _with(entries: dict[str, Any]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(GOOD)) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            if name in entries:
                continue
            dst.writestr(name, src.read(name))
        for name, value in entries.items():
            dst.writestr(name, json.dumps(value))
    return buf.getvalue()


@pytest.mark.fuzz
@given(
    st.sampled_from(["manifest.json", "template.json", "brands/teamstyle/brand.json"]),
    json_values,
)
def test_random_json_in_any_package_entry_is_refused_cleanly(entry: str, value: Any) -> None:
    with contextlib.suppress(LibraryError):
        read_package_bytes(_with({entry: value}), name="fuzz.bftemplate")


@pytest.mark.fuzz
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "name",
                "sections",
                "page_budget",
                "handling",
                "brand",
                "description",
                "version",
                "format",
            ]
        ),
        json_values,
    )
)
def test_random_template_data_fails_only_with_library_error(data: dict[str, Any]) -> None:
    with contextlib.suppress(LibraryError):
        template_from_dict(data, name="t.json")


@pytest.mark.fuzz
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "name",
                "logo",
                "colors",
                "fonts",
                "page_size",
                "margins_mm",
                "header",
                "footer",
                "cover_page",
            ]
        ),
        json_values,
    )
)
def test_random_brand_data_fails_only_with_library_error(data: dict[str, Any]) -> None:
    with contextlib.suppress(LibraryError):
        brand_from_dict(data, name="b.json")
