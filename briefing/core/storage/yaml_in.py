"""Read a YAML file that may be hostile: small, no aliases, plain data only.

PyYAML's ``safe_load`` builds no objects, but it still follows aliases (a few lines of
``&a [*a, *a, ...]`` grow to gigabytes) and nests as deep as the file does. This reader
refuses both, caps the file's size, and turns what YAML gives (dates, numbers as keys) into
the plain, JSON-ready data the rest of Briefing keeps. Every refusal is one line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

MAX_YAML_BYTES = 1024 * 1024
MAX_DEPTH = 40


class YamlRefused(ValueError):
    """The YAML cannot be read; the message is the reason, in one line."""


class _NoAliasLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses aliases (``*name``) and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise YamlRefused("uses YAML aliases (*name), which Briefing does not accept")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefused(f"is nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dates as ISO text, keys as text; bytes refused."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None  # .nan has no JSON form
    if isinstance(value, (bytes, bytearray)):
        raise YamlRefused("holds binary data (!!binary), which a brand file has no use for")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise YamlRefused(f"holds a value of an unexpected kind ({type(value).__name__})")


def loads_yaml(data: bytes) -> Any:
    """Parse YAML bytes into plain data; :class:`YamlRefused` says why not."""
    if len(data) > MAX_YAML_BYTES:
        raise YamlRefused(f"is larger than {MAX_YAML_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlRefused("is not UTF-8 text") from None
    if not text.strip():
        raise YamlRefused("is empty")
    loader = _NoAliasLoader(text)
    try:
        return _plain(loader.get_single_data())
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlRefused(f"is not valid YAML{where}: {err.problem or err}") from None
    except yaml.YAMLError as err:
        raise YamlRefused(f"is not valid YAML: {' '.join(str(err).split())[:120]}") from None
    except RecursionError:
        raise YamlRefused("is nested too deeply") from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path) -> Any:
    """Read a YAML file: a regular file (not a FIFO or a device) of at most 1 MB, by the
    one reader of untrusted files (:func:`briefing.core.storage.safe_read.read_untrusted`)."""
    try:
        data = read_untrusted(path, MAX_YAML_BYTES)
    except UntrustedFileError as err:
        if err.problem == "missing":
            raise YamlRefused("does not exist") from None
        if err.problem == "too-big":
            raise YamlRefused(f"is larger than {MAX_YAML_BYTES // 1024} KB") from None
        if err.problem in ("special", "folder"):
            raise YamlRefused("is not a regular file") from None
        raise YamlRefused(f"cannot be read ({err.detail})") from None
    return loads_yaml(data)
