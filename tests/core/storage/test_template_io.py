"""Template serialisation and strict validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core import paths
from briefing.core.errors import TemplateError
from briefing.core.model.template import SectionSpec, Template
from briefing.core.storage.template_io import (
    FILL_KINDS,
    template_from_dict,
    template_from_json,
    template_to_dict,
    template_to_json,
)


def _valid() -> dict[str, Any]:
    return {
        "id": "weekly",
        "name": "Weekly note",
        "sections": [
            {"id": "summary", "title": "Summary", "fill": ["bottom-line"], "word_budget": 80},
            {"id": "detail", "title": "Detail", "fill": ["narrative", "callouts"]},
        ],
        "page_budget": 2,
    }


def _error(data: Any) -> str:
    with pytest.raises(TemplateError) as err:
        template_from_dict(data, name="weekly.json")
    message = str(err.value)
    assert message.startswith("weekly.json: ")
    assert "\n" not in message
    return message


def test_builtin_templates_load_and_have_the_promised_sections() -> None:
    folder = paths.resources_dir() / "templates"
    loaded = {
        f.stem: template_from_dict(json.loads(f.read_text("utf-8")), name=f.name)
        for f in folder.glob("*.json")
    }
    assert set(loaded) >= {"standard", "bluf", "decision-memo", "sitrep"}
    standard = loaded["standard"]
    assert [s.id for s in standard.sections] == ["background", "key-takeaway", "faq", "predictions"]
    assert [s.title for s in standard.sections] == [
        "Background",
        "Key Takeaway",
        "FAQ",
        "Predictions",
    ]
    assert standard.handling == "TLP:CLEAR"
    titles = {k: [s.title for s in t.sections] for k, t in loaded.items()}
    assert titles["decision-memo"] == [
        "Issue",
        "Background",
        "Options",
        "Recommendation",
        "Next steps",
    ]
    assert titles["sitrep"] == ["Situation", "Developments", "Impact", "Outlook"]
    assert titles["bluf"][0] == "Bottom line up front"
    assert "bottom-line" in loaded["bluf"].sections[0].fill
    for t in loaded.values():
        assert t.id == [k for k, v in loaded.items() if v is t][0]
        for s in t.sections:
            assert len(s.guidance) > 60, f"{t.id}/{s.id} needs real guidance"
            assert s.word_budget and s.word_budget > 0


def test_round_trip_keeps_every_field() -> None:
    t = template_from_dict(_valid(), name="weekly.json")
    assert template_from_dict(template_to_dict(t), name="x") == t
    assert template_from_json(template_to_json(t), name="x") == t
    assert t.sections[0].word_budget == 80 and t.page_budget == 2


_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=40).filter(
    lambda s: (
        "://" not in s and ".." not in s and not s.startswith(("/", "\\", "~")) and ":" not in s
    )
)


@given(
    st.lists(
        st.builds(
            SectionSpec,
            id=_ids,
            title=_text.filter(lambda s: s.strip() != ""),
            guidance=_text,
            fill=st.lists(st.sampled_from(FILL_KINDS), max_size=3),
            word_budget=st.none() | st.integers(0, 20000),
            required=st.booleans(),
        ),
        max_size=6,
        unique_by=lambda s: s.id,
    ),
    st.none() | st.integers(1, 200),
)
def test_any_valid_template_round_trips(sections: list[SectionSpec], pages: int | None) -> None:
    t = Template(id="t", name="T", sections=sections, page_budget=pages)
    assert template_from_json(template_to_json(t), name="t.json") == t


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["sections"][1].pop("id"), "section 2 has no id"),
        (lambda d: d["sections"][1].update(id="summary"), "duplicate section id 'summary'"),
        (lambda d: d["sections"][0].update(fill=["magic"]), "unknown fill kind 'magic'"),
        (lambda d: d["sections"][0].update(word_budget=-5), "word budget is negative"),
        (lambda d: d["sections"][0].update(word_budget="lots"), "word budget must be a whole"),
        (lambda d: d["sections"][0].update(title=""), "title is empty"),
        (lambda d: d["sections"][0].update(required="yes"), "'required' must be true or false"),
        (lambda d: d["sections"][0].update(script="alert(1)"), "unknown key 'script'"),
        (lambda d: d.update(page_budget=0), "page budget 0 is out of range"),
        (lambda d: d.update(likelihood_scale="kent"), "'likelihood_scale' must be one of 'icd203'"),
        (lambda d: d.update(likelihood_scale=3), "'likelihood_scale' must be one of"),
        (lambda d: d.update(id="../evil"), "template id '../evil'"),
        (lambda d: d.update(id="Has Spaces"), "may only use a-z"),
        (lambda d: d.update(id="con"), "Windows reserves"),
        (lambda d: d.pop("name"), "template name is missing"),
        (lambda d: d.update(sections="none"), "'sections' must be a list"),
        (lambda d: d.update(brand="http://x"), "brand id"),
        (lambda d: d.update(description="see https://example.org"), "names a URL"),
        (lambda d: d.update(description="load FILE:///etc/passwd"), "names a URL"),
        (lambda d: d["sections"][0].update(guidance="/etc/passwd"), "names a file path"),
        (lambda d: d["sections"][0].update(guidance="read ../../secret"), "names a file path"),
        (lambda d: d["sections"][0].update(guidance="C:\\Users\\x"), "names a file path"),
        (lambda d: d.update(version=99), "newer Briefing"),
        (lambda d: d.update(format="briefing-brand"), "not a template"),
    ],
)
def test_invalid_templates_are_refused_with_a_reason(mutate: Any, expected: str) -> None:
    data = _valid()
    mutate(data)
    assert expected in _error(data)


def test_the_likelihood_scale_round_trips_and_defaults_to_icd_203() -> None:
    data = _valid()
    data.pop("likelihood_scale", None)
    assert template_from_dict(data, name="t.json").likelihood_scale == "icd203"
    data["likelihood_scale"] = "phia"
    t = template_from_dict(data, name="t.json")
    assert t.likelihood_scale == "phia"
    assert template_to_dict(t)["likelihood_scale"] == "phia"


def test_non_object_and_bad_json_are_refused() -> None:
    assert "must be a JSON object" in _error(["not", "a", "template"])
    with pytest.raises(TemplateError, match="t.json: not valid JSON"):
        template_from_json(b"{nope", name="t.json")
    with pytest.raises(TemplateError, match="t.json: the file is empty"):
        template_from_json(b"  ", name="t.json")
    with pytest.raises(TemplateError, match="nested too deeply"):
        template_from_json(b"[" * 200_000, name="t.json")


def test_profile_and_tlp_labels_are_not_mistaken_for_urls() -> None:
    data = _valid()
    data["sections"][0]["guidance"] = "Risk profile: low. Handling: TLP:AMBER. Ratio 1/2."
    t = template_from_dict(data, name="x")
    assert t.sections[0].guidance.startswith("Risk profile")


def test_saved_file_is_readable_json(tmp_path: Path) -> None:
    t = template_from_dict(_valid(), name="x")
    out = tmp_path / "t.json"
    out.write_bytes(template_to_json(t))
    text = out.read_text("utf-8")
    assert '"format": "briefing-template"' in text and text.count("\n") > 10
