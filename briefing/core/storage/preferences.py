"""User preferences as a small JSON file in the config folder (Qt-free).

Keys used by the core: ``team_library`` (path of the shared team folder, or absent). The UI
may keep other keys here; unknown keys are preserved on save.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.core import paths
from briefing.core.errors import BriefingError, TemplateError
from briefing.core.storage.atomic import atomic_write_bytes

MAX_BYTES = 1024 * 1024


def preferences_path() -> Path:
    """Where the preferences file lives."""
    return paths.config_dir() / "preferences.json"


def load_preferences() -> dict[str, Any]:
    """The saved preferences; an absent, unreadable or damaged file gives ``{}``.

    Preferences are never worth refusing to start over, so damage is not an error here.
    """
    try:
        with preferences_path().open("rb") as fh:
            data = json.loads(fh.read(MAX_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def save_preferences(prefs: dict[str, Any]) -> None:
    """Write the preferences atomically (``TemplateError``-style one-line error on failure)."""
    path = preferences_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(prefs, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write_bytes(path, data.encode("utf-8"))
    except OSError as err:
        raise TemplateError(f"cannot save preferences ({err.strerror or err})", path) from None
    except (TypeError, ValueError) as err:
        raise TemplateError(f"preferences are not plain data ({err})", path) from None
    except BriefingError as err:
        raise TemplateError(err.reason, path) from None


def team_library_dir() -> Path | None:
    """The team library folder chosen in Preferences, or ``None``."""
    value = load_preferences().get("team_library")
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return None


def set_team_library_dir(folder: Path | None) -> None:
    """Choose (or with ``None`` forget) the team library folder."""
    prefs = load_preferences()
    if folder is None:
        prefs.pop("team_library", None)
    else:
        prefs["team_library"] = str(folder)
    save_preferences(prefs)
