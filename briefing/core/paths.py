"""Where Briefing keeps user files, and where its bundled resources are.

All user files live under platformdirs folders. Setting ``BRIEFING_HOME`` relocates every
one of them below that folder (the tests use it so they never touch real user folders).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "Briefing"
HOME_ENV = "BRIEFING_HOME"


def _base(kind: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / kind
    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "state": platformdirs.user_state_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(APP, appauthor=False))


def data_dir() -> Path:
    """User data: templates and brands the user made or imported."""
    return _base("data")


def config_dir() -> Path:
    """User configuration: preferences."""
    return _base("config")


def state_dir() -> Path:
    """State: recovery copies, recent files, window layout."""
    return _base("state")


def cache_dir() -> Path:
    """Disposable cache: thumbnails and the like."""
    return _base("cache")


def user_templates_dir() -> Path:
    """User templates folder (created on demand by the library)."""
    return data_dir() / "templates"


def user_brands_dir() -> Path:
    """User brands folder (created on demand by the library)."""
    return data_dir() / "brands"


def recovery_dir() -> Path:
    """Autosave recovery copies."""
    return state_dir() / "recovery"


def resources_dir() -> Path:
    """The bundled resources: templates, brands, fonts, icons, the demo article.

    In a source checkout they sit at ``<repo>/resources``; an installed wheel carries
    them as the ``briefing/resources`` package folder.
    """
    pkg = Path(__file__).resolve().parent.parent
    installed = pkg / "resources"
    if (installed / "templates").is_dir():
        return installed
    return pkg.parent / "resources"


def demo_article_path() -> Path:
    """The bundled demo article that first run drafts into the standard template."""
    return resources_dir() / "demo" / "demo-article.txt"
