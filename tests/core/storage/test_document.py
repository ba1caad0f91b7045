"""The .briefing file: round trip, readable layout, migration, refusal of bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from document_strategies import briefings
from hypothesis import given, settings

from briefing.core.errors import DocumentError
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Origin, Prediction, Section
from briefing.core.model.template import Brand, SectionSpec, Template
from briefing.core.storage.atomic import backup_path
from briefing.core.storage.document_io import (
    VERSION,
    briefing_from_dict,
    briefing_to_dict,
    dumps_briefing,
    load_briefing,
    loads_briefing,
    save_briefing,
)


def _sample() -> Briefing:
    article = Article(
        title="Cables cut",
        blocks=[
            Block(kind="heading", text="What happened", id="b1", level=2),
            Block(kind="paragraph", text="Two cables — “damaged”.", id="b2"),
            Block(kind="qa", text="Why?\nUnknown.", id="b3", question="Why?", answer="Unknown."),
        ],
        authors=["A. Writer"],
        published="2025-03-01",
        site="Example News",
        id="s1",
    )
    return Briefing(
        title="Arctic cables",
        meta=Meta(analyst="R. Okafor", date="2025-03-02", handling="TLP:AMBER"),
        sections=[
            Section(
                id="background",
                title="Background",
                markdown="Line one.\n\n### Sub\n\nLine two. [@s1]\n",
                origins=[Origin("s1", "b2")],
            ),
            Section(id="faq", title="FAQ"),
        ],
        predictions=[
            Prediction(statement="Repairs likely.", probability=65, term="likely", id="p-1")
        ],
        sources=[article],
        template=Template(
            id="standard",
            name="Standard",
            sections=[SectionSpec(id="background", title="Background", fill=["narrative"])],
        ),
        brand=Brand(id="default", name="Default"),
    )


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "note.briefing"
    save_briefing(_sample(), path)
    assert load_briefing(path) == _sample()


def test_file_is_readable_and_diffable(tmp_path: Path) -> None:
    path = tmp_path / "note.briefing"
    save_briefing(_sample(), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "briefing",\n  "version": 2,')
    assert "“damaged”" in text  # not \u-escaped
    # Each Markdown line is its own JSON line, so a diff shows the changed line.
    assert '      "Line two. [@s1]",\n' in text
    # Same document, same bytes.
    assert dumps_briefing(_sample()) == text
    keys = list(json.loads(text))
    assert keys[:3] == ["format", "version", "title"]
    assert keys[-1] == "sources"


def test_save_keeps_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "note.briefing"
    first = _sample()
    save_briefing(first, path)
    second = _sample()
    second.title = "Changed"
    save_briefing(second, path)
    assert load_briefing(path).title == "Changed"
    assert load_briefing(backup_path(path)) == first


@given(briefings)
def test_any_briefing_round_trips(b: Briefing) -> None:
    text = dumps_briefing(b)
    assert loads_briefing(text, name="x.briefing") == b
    assert briefing_from_dict(json.loads(text), name="x") == b


@settings(max_examples=30)
@given(briefings)
def test_any_briefing_saved_to_disk_loads_equal(
    tmp_path_factory: pytest.TempPathFactory, b: Briefing
) -> None:
    path = tmp_path_factory.mktemp("rt") / "doc.briefing"
    save_briefing(b, path)
    assert load_briefing(path) == b


def test_round_trip_through_disk_keeps_odd_text(tmp_path: Path) -> None:
    b = _sample()
    b.sections[0].markdown = "\r\nçà\x00\u2028 trailing\n\n"
    b.title = "\ufeffBOM-like title"
    path = tmp_path / "odd.briefing"
    save_briefing(b, path)
    assert load_briefing(path) == b


def test_migrates_version_0(fixtures_dir: Path) -> None:
    path = fixtures_dir / "documents" / "v0-prototype.briefing"
    before = path.read_bytes()
    b = load_briefing(path)
    assert path.read_bytes() == before  # loading never writes
    assert b.meta == Meta(
        analyst="R. Okafor",
        organisation="Northern Desk",
        date="2025-03-02",
        audience="Duty officers",
        handling="TLP:AMBER",
        reference="ND-0042",
        status="draft",
    )
    assert b.sections[0].markdown.startswith("Two subsea cables were damaged.\n\n### Timeline")
    assert b.sections[0].origins == [Origin("s1", "b2")]
    assert b.sections[1].markdown == "Redundancy held; latency rose."
    assert b.predictions[0].probability == 65
    assert b.source("s1") is not None
    # Saved again, it is a current-version file that loads to the same document.
    again = briefing_to_dict(b)
    assert again["version"] == VERSION
    assert briefing_from_dict(again, name="x") == b


def _write(tmp_path: Path, data: object | str) -> Path:
    path = tmp_path / "bad.briefing"
    text = data if isinstance(data, str) else json.dumps(data)
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path, match: str) -> str:
    before = path.read_bytes()
    with pytest.raises(DocumentError, match=match) as info:
        load_briefing(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert path.read_bytes() == before
    return message


def test_newer_version_refused(tmp_path: Path) -> None:
    data = briefing_to_dict(_sample())
    data["version"] = VERSION + 1
    _refused(_write(tmp_path, data), "newer Briefing")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("", "empty"),
        ('{"format": "briefing", "version": 1, ', "not valid JSON at line 1"),
        ("[1, 2]", "not a briefing file"),
        ('{"format": "notes", "version": 1}', "not a briefing file"),
        ('{"format": "briefing"}', "no valid format version"),
        ('{"format": "briefing", "version": "1"}', "no valid format version"),
        ('{"format": "briefing", "version": 1}', "title is missing"),
        ('{"format": "briefing", "version": 1, "title": 3}', "title must be text"),
        ("[" * 100_000, "damaged"),
    ],
)
def test_damaged_files_refused(tmp_path: Path, content: str, match: str) -> None:
    _refused(_write(tmp_path, content), match)


@pytest.mark.parametrize(
    ("path_in_doc", "value", "match"),
    [
        (("sections", 0, "markdown"), 5, "section 1: markdown"),
        (("sections", 0, "word_budget"), True, "word_budget must be a whole number"),
        (("sections", 0, "origins"), "s1", "origins must be a list"),
        (("predictions", 0, "probability"), 150, "probability must be 0-100"),
        (("predictions", 0, "confidence"), "certain", "confidence must be one of"),
        (("meta", "status"), "published", "status must be one of"),
        (("sources", 0, "blocks", 0, "kind"), "script", "source 1: unknown block kind"),
        (("sources",), {"s1": {}}, "sources must be a list"),
    ],
)
def test_wrong_field_types_refused(
    tmp_path: Path, path_in_doc: tuple[object, ...], value: object, match: str
) -> None:
    data = briefing_to_dict(_sample())
    node: object = data
    for key in path_in_doc[:-1]:
        node = node[key]  # type: ignore[index]
    node[path_in_doc[-1]] = value  # type: ignore[index]
    _refused(_write(tmp_path, data), match)


def test_not_utf8_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.briefing"
    path.write_bytes(b"\xff\xfe{\x00")
    _refused(path, "not UTF-8")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="could not open: the file does not exist"):
        load_briefing(tmp_path / "none.briefing")
    with pytest.raises(DocumentError, match="the folder does not exist"):
        load_briefing(tmp_path / "gone" / "none.briefing")
    with pytest.raises(DocumentError, match="folder"):
        load_briefing(tmp_path)


def test_message_stays_one_line_when_quoting_odd_keys(tmp_path: Path) -> None:
    data = briefing_to_dict(_sample())
    data["brand"]["colors"] = {"\n\u2028": "#000000"}
    message = _refused(_write(tmp_path, data), "brand snapshot")
    assert "\\n" in message
