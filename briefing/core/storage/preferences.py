"""User preferences: a small JSON file in the config folder, read into :class:`Preferences`.

Keys this version does not know (written by a newer one, say) are kept and written back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing.core import paths
from briefing.core.errors import BriefingError, PreferencesError
from briefing.core.storage.atomic import atomic_write_bytes

MAX_BYTES = 1024 * 1024
TEAM_LIBRARY = "team_library"
SPELL_CHECK = "spell_check"
ANALYST = "analyst"
ORGANISATION = "organisation"
DICTIONARY = "dictionary"
DICTIONARIES = ("en-GB", "en-US")  # British and American English
_KNOWN = (TEAM_LIBRARY, SPELL_CHECK, ANALYST, ORGANISATION, DICTIONARY)


def _text(value: Any) -> str:
    return " ".join(value.split())[:200] if isinstance(value, str) else ""


@dataclass(frozen=True)
class Preferences:
    """What the analyst chose in Preferences (defaults for what they never chose)."""

    team_library: Path | None = None  # the shared team folder of templates and brands
    spell_check: bool = True  # underline misspellings as you type
    analyst: str = ""  # the name new briefings carry as their analyst
    organisation: str = ""  # and the organisation
    dictionary: str = "en-GB"  # which English the spell checker expects (DICTIONARIES)
    other: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept as they were

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Preferences:
        """Preferences from the file's object; a value of the wrong type gives the default."""
        team = data.get(TEAM_LIBRARY)
        dictionary = data.get(DICTIONARY)
        return cls(
            team_library=Path(team) if isinstance(team, str) and team.strip() else None,
            spell_check=data.get(SPELL_CHECK, True) is not False,
            analyst=_text(data.get(ANALYST)),
            organisation=_text(data.get(ORGANISATION)),
            dictionary=dictionary if dictionary in DICTIONARIES else "en-GB",
            other={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.other)
        if self.team_library is not None:
            out[TEAM_LIBRARY] = str(self.team_library)
        out[SPELL_CHECK] = self.spell_check
        out[DICTIONARY] = self.dictionary
        if self.analyst:
            out[ANALYST] = self.analyst
        if self.organisation:
            out[ORGANISATION] = self.organisation
        return out


def preferences_path() -> Path:
    """Where the preferences file lives."""
    return paths.config_dir() / "preferences.json"


def load_preferences() -> Preferences:
    """The saved preferences; an absent, unreadable or damaged file gives the defaults.

    Preferences are never worth refusing to start over, so damage is not an error here.
    """
    try:
        with preferences_path().open("rb") as fh:
            data = json.loads(fh.read(MAX_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Preferences()
    return Preferences.from_dict(data) if isinstance(data, dict) else Preferences()


def save_preferences(prefs: Preferences) -> None:
    """Write the preferences atomically; :class:`PreferencesError` (one line) on failure."""
    path = preferences_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(prefs.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write_bytes(path, data.encode("utf-8"))
    except OSError as err:
        raise PreferencesError(f"cannot save preferences ({err.strerror or err})", path) from None
    except (TypeError, ValueError) as err:
        raise PreferencesError(f"preferences are not plain data ({err})", path) from None
    except BriefingError as err:
        raise PreferencesError(err.reason, path) from None


def team_library_dir() -> Path | None:
    """The team library folder chosen in Preferences, or ``None``."""
    team = load_preferences().team_library
    return team.expanduser() if team is not None else None


def set_team_library_dir(folder: Path | None) -> None:
    """Choose (or with ``None`` forget) the team library folder."""
    save_preferences(replace(load_preferences(), team_library=folder))
