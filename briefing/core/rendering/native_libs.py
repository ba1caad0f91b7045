"""Native libraries (Pango, HarfBuzz, fontconfig...) are looked up once, not on every run.

WeasyPrint loads its libraries through cffi, which asks ``ctypes.util.find_library`` for each
spelling of each name it tries. On Linux every such question runs ``ldconfig``, ``gcc`` and
``ld`` (about a hundred programs per render worker or command-line export, leaving ``/tmp/cc*``
files behind). :func:`remember_native_libraries` wraps ``find_library`` so each name is asked
once per machine: answers are kept in memory and in ``<cache>/native-libraries.json``, valid
while the dynamic linker's cache, ``LD_LIBRARY_PATH`` and the platform stay the same.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import json
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from briefing.core import paths

CACHE_NAME = "native-libraries.json"
_LOCK = threading.Lock()
_original: Callable[[str], str | None] | None = None
_answers: dict[str, str | None] = {}
_loaded = False


def _stamp() -> list[Any]:
    """What the answers depend on; a change makes every remembered answer stale."""
    linker: list[Any] = []
    for path in ("/etc/ld.so.cache", "/etc/ld.so.conf"):
        try:
            st = os.stat(path)
        except OSError:
            linker.append(None)
        else:
            linker.append([st.st_mtime_ns, st.st_size])
    env = [os.environ.get(k, "") for k in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "PATH")]
    return [sys.platform, sys.executable, linker, env]


def _load() -> None:
    global _loaded
    _loaded = True
    with contextlib.suppress(OSError, ValueError, TypeError):
        data = json.loads((paths.cache_dir() / CACHE_NAME).read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("stamp") == _stamp():
            found = data.get("found")
            if isinstance(found, dict):
                _answers.update({k: v for k, v in found.items() if isinstance(v, str | None)})


def _save() -> None:
    """Write the answers (whole or not at all; a cache needs no fsync, and one that cannot be
    written is no loss)."""
    folder = paths.cache_dir()
    text = json.dumps({"stamp": _stamp(), "found": _answers}, indent=1, sort_keys=True)
    scratch = folder / f".{CACHE_NAME}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, folder / CACHE_NAME)
    with contextlib.suppress(OSError):
        scratch.unlink(missing_ok=True)


def find_library(name: str) -> str | None:
    """``ctypes.util.find_library(name)``, asked once per machine (see the module docstring)."""
    with _LOCK:
        if not _loaded:
            _load()
        if name in _answers:
            return _answers[name]
        assert _original is not None
        answer = _original(name)
        _answers[name] = answer
        _save()
        return answer


def remember_native_libraries() -> None:
    """Route ``ctypes.util.find_library`` through :func:`find_library` (idempotent).

    Call before WeasyPrint is imported: it looks its libraries up at import time.
    """
    global _original
    if _original is not None:
        return
    _original = ctypes.util.find_library
    ctypes.util.find_library = find_library
