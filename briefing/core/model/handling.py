"""Handling labels: FIRST's Traffic Light Protocol 2.0 and the classifications a template defines.

TLP 2.0 asks for the label in capitals in the header and the footer of every page,
right-justified (so it is not taken for a control marking), in 12-point type or larger, in its
colour on black. A classification a template defines (``OFFICIAL-SENSITIVE``) is a banner
instead: centred, top and/or bottom, in the template's colours. Anything else an analyst types
is shown as a TLP-style label, white on black.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.core.model.template import Classification

TLP_LABELS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")

# FIRST TLP 2.0: the label in its colour on a black background (TLP:WHITE is TLP 1.0's CLEAR).
TLP_COLOURS: dict[str, str] = {
    "TLP:CLEAR": "#FFFFFF",
    "TLP:WHITE": "#FFFFFF",
    "TLP:GREEN": "#33FF00",
    "TLP:AMBER": "#FFC000",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:RED": "#FF2B2B",
}

# What each label lets a recipient do, after the standard's own summaries.
TLP_MEANINGS: dict[str, str] = {
    "TLP:CLEAR": "Disclosure is not limited.",
    "TLP:WHITE": "Disclosure is not limited.",
    "TLP:GREEN": "Limited disclosure: recipients may share it within their community, "
    "not through public channels.",
    "TLP:AMBER": "Limited disclosure: recipients may share it on a need-to-know basis within "
    "their organisation and its clients.",
    "TLP:AMBER+STRICT": "Limited disclosure: recipients may share it on a need-to-know basis "
    "within their organisation only.",
    "TLP:RED": "For the eyes and ears of individual recipients only; no further disclosure.",
}

_TLP = re.compile(r"^\s*TLP\s*:\s*(CLEAR|WHITE|GREEN|AMBER(?:\s*\+\s*STRICT)?|RED)\s*$", re.I)
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9+_-]+")


@dataclass(frozen=True)
class Marking:
    """How a handling label is shown on every page and before each paragraph."""

    label: str
    kind: Literal["tlp", "classification", "other"]
    text_color: str
    background: str
    meaning: str = ""
    portion: str = ""  # the mark before each paragraph when the template asks, e.g. "(OS)"
    top: bool = True  # classification banners: which edges of the page carry one
    bottom: bool = True

    @property
    def banner(self) -> bool:
        """A centred banner across the page (a classification) rather than a TLP label."""
        return self.kind == "classification"


def tlp_label(label: str) -> str | None:
    """The canonical TLP label for ``label`` (``"tlp: amber"`` -> ``"TLP:AMBER"``), or ``None``."""
    match = _TLP.match(label)
    if match is None:
        return None
    return "TLP:" + "".join(match[1].upper().split())


def marking(label: str, classifications: Sequence[Classification] = ()) -> Marking | None:
    """How to show ``label``: a TLP label, one of ``classifications``, or ``None`` when empty."""
    text = " ".join(label.split())
    if not text:
        return None
    tlp = tlp_label(text)
    if tlp is not None:
        return Marking(tlp, "tlp", TLP_COLOURS[tlp], "#000000", TLP_MEANINGS[tlp], f"({tlp})")
    for c in classifications:
        if " ".join(c.label.split()).casefold() == text.casefold():
            portion = f"({c.portion.strip() or c.label.strip()})"
            return Marking(
                c.label.strip(),
                "classification",
                c.text_color,
                c.background,
                c.description.strip(),
                portion,
                c.top,
                c.bottom,
            )
    return Marking(text, "other", "#FFFFFF", "#000000", "", f"({text})")


def file_label(label: str) -> str:
    """The label as it can stand in a file name on any system: ``TLP:AMBER`` -> ``TLP-AMBER``."""
    text = tlp_label(label) or " ".join(label.split())
    return _FILE_UNSAFE.sub("-", text).strip("-")[:40]
