"""Fuzzing the .briefing loader: random mutations of valid files fail only with DocumentError.

In the suite each test runs the profile's example count (100); the long run is
``HYPOTHESIS_PROFILE=fuzz pytest -m fuzz --timeout=0 tests/core/storage/test_document_fuzz.py``
(20,000 examples each, several minutes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from document_strategies import briefings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import DocumentError
from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import dumps_briefing, load_briefing, loads_briefing

pytestmark = pytest.mark.fuzz

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "documents" / "v0-prototype.briefing"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _check(text: str) -> None:
    """Either a Briefing that saves and loads to itself, or a one-line DocumentError."""
    try:
        b = loads_briefing(text, name="fuzz.briefing")
    except DocumentError as err:
        assert str(err).startswith("fuzz.briefing: ")
        assert "\n" not in str(err)
        return
    assert isinstance(b, Briefing)
    assert loads_briefing(dumps_briefing(b), name="again") == b


@st.composite
def byte_mutations(draw: st.DrawFn) -> bytes:
    base = bytearray(dumps_briefing(draw(briefings)).encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        at = draw(st.integers(0, max(0, len(base) - 1)))
        if op == "flip" and base:
            base[at] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del base[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            base[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif op == "truncate":
            del base[at:]
        else:
            base[at:at] = base[at : at + draw(st.integers(1, 60))]
    return bytes(base)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


@st.composite
def structural_mutations(draw: st.DrawFn) -> str:
    data = json.loads(dumps_briefing(draw(briefings)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()):
            parent[path[-1]] = draw(json_values)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(byte_mutations())
def test_byte_mutations(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # load_briefing refuses these before parsing (see test below)
    _check(text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(structural_mutations())
def test_structural_mutations(text: str) -> None:
    _check(text)


@given(st.binary(max_size=2000))
def test_random_bytes_from_disk(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.briefing"
    path.write_bytes(data)
    try:
        load_briefing(path)
    except DocumentError as err:
        assert str(err).startswith(str(path))
    assert path.read_bytes() == data  # never modified


@given(st.integers(0, 2000), st.binary(min_size=1, max_size=8))
def test_mutated_old_version_file(at: int, junk: bytes) -> None:
    text = FIXTURE.read_bytes()
    mutated = text[:at] + junk + text[at + len(junk) :]
    try:
        decoded = mutated.decode("utf-8")
    except UnicodeDecodeError:
        return
    _check(decoded)
