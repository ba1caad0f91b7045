"""The memory's editing operations: a source from the library, the what-changed section, the
calibration appendix and a prediction's resolution, each saying what it changed."""

from __future__ import annotations

import copy

from briefing.core import editing
from briefing.core.editing import Changes, LibrarySource
from briefing.core.model.article import Article, Block
from briefing.core.model.document import (
    Briefing,
    Calibration,
    Edition,
    Origin,
    Prediction,
    Section,
)


def _found() -> Article:
    return Article(
        "Seabed cables under watch",
        id="s9",  # its id in the library's archive, not in any briefing
        blocks=[
            Block("paragraph", "Investigators examined the cable.", id="b1"),
            Block("paragraph", "Repairs will take weeks.", id="b2"),
        ],
    )


def _briefing() -> Briefing:
    return Briefing(
        title="Arctic weekly",
        sections=[Section("background", "Background", "Opening.")],
        sources=[Article("Ports", id="s1", blocks=[Block("paragraph", "Cranes idle.", id="b1")])],
    )


def test_a_found_passage_brings_its_source_in_the_same_operation() -> None:
    b = _briefing()
    changes = editing.insert_library_source(b, "background", LibrarySource(_found(), ("b2",)))
    assert changes == Changes(sources=True, text=frozenset({"background"}), origins=True)
    assert [a.id for a in b.sources] == ["s1", "s2"]
    assert b.sections[0].markdown == "Opening.\n\nRepairs will take weeks. [@s2]"
    assert b.sections[0].origins == [Origin("s2", "b2")]


def test_a_source_the_briefing_has_is_cited_not_added_again() -> None:
    b = _briefing()
    editing.add_library_source(b, _found())
    assert editing.add_library_source(b, copy.deepcopy(_found())) == Changes()
    changes = editing.insert_library_source(b, "background", LibrarySource(_found()))
    assert changes == Changes(text=frozenset({"background"}), origins=True)
    assert [a.id for a in b.sources] == ["s1", "s2"]
    assert b.sections[0].markdown.endswith(
        "Investigators examined the cable. [@s2]\n\nRepairs will take weeks. [@s2]"
    )


def test_nothing_changes_for_an_unknown_section_or_block() -> None:
    b = _briefing()
    before = copy.deepcopy(b)
    assert not editing.insert_library_source(b, "nowhere", LibrarySource(_found()))
    assert not editing.insert_library_source(b, "background", LibrarySource(_found(), ("b7",)))
    assert b == before


def test_what_changed_section_calibration_and_resolution() -> None:
    b = _briefing()
    assert not editing.show_changes(b, True)  # a first edition has nothing to show
    b.edition = Edition(number=2)
    assert editing.show_changes(b, True) == Changes(edition=True)
    assert not editing.show_changes(b, True)
    cal = Calibration(scope="analyst R. Okafor", as_of="2026-03-04", resolved=3, brier=0.12)
    assert editing.set_calibration(b, cal) == Changes(calibration=True)
    assert b.calibration == cal and b.calibration is not cal
    assert not editing.set_calibration(b, cal)
    b.predictions = [Prediction("Repairs finish by spring", id="p-1")]
    assert editing.set_resolution(b, 0, "2027-03-31", "Both cables carry traffic") == Changes(
        predictions=True
    )
    assert (b.predictions[0].resolve_by, b.predictions[0].criteria) == (
        "2027-03-31",
        "Both cables carry traffic",
    )
    assert not editing.set_resolution(b, 0, "2027-03-31", "Both cables carry traffic")
    assert not editing.set_resolution(b, 5, None, "")
