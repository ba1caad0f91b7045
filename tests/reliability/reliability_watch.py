"""Watching what a piece of code touches: every file Python opens, and every access to a folder.

* :class:`Audit` records Python's audit events (``open``, renames, removals, sockets,
  subprocesses) raised while it is active. It sees what Python code does, including
  WeasyPrint's and trafilatura's Python parts, but not what C libraries open themselves.
* :class:`FolderWatch` uses Linux inotify, which sees every open, read, write, creation and
  removal in a folder by anyone, C libraries (libxml2's entity loader, fontconfig) included.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import struct
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PATH_EVENTS = {  # event -> index of the path argument(s) that are written
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.symlink": (0, 1),
    "os.link": (0, 1),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "shutil.copyfile": (1,),
    "shutil.rmtree": (0,),
}
# Where an event carries a dir_fd, its path is relative to that folder (shutil.rmtree removes
# files this way): path index -> dir_fd index.
_DIR_FDS = {
    "os.remove": {0: 1},
    "os.rmdir": {0: 1},
    "os.mkdir": {0: 2},
    "os.rename": {0: 2, 1: 3},
}
_NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
_PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.fork"}


@dataclass
class Audit:
    """Paths read and written, network and process events, while :meth:`recording`."""

    reads: set[Path] = field(default_factory=set)
    writes: set[Path] = field(default_factory=set)
    network: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)

    @contextlib.contextmanager
    def recording(self) -> Iterator[Audit]:
        _ACTIVE.append(self)
        try:
            yield self
        finally:
            _ACTIVE.remove(self)

    def _on(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None))[:3]
            target = _path(path)
            if target is None:
                return
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS
            )
            (self.writes if writing else self.reads).add(target)
        elif event in _PATH_EVENTS:
            dir_fds = _DIR_FDS.get(event, {})
            for i in _PATH_EVENTS[event]:
                fd = args[dir_fds[i]] if i in dir_fds and dir_fds[i] < len(args) else None
                target = _path(args[i], fd) if i < len(args) else None
                if target is not None:
                    self.writes.add(target)
        elif event == "urllib.Request" and str(args[0]).lower().startswith("data:"):
            return  # WeasyPrint reads data: URIs through urllib's data handler, no network
        elif event in _NETWORK_EVENTS:
            self.network.append(f"{event} {args[1:] if event == 'socket.connect' else args}")
        elif event in _PROCESS_EVENTS:
            self.processes.append(f"{event} {str(args)[:200]}")


_ACTIVE: list[Audit] = []


def _path(value: Any, dir_fd: Any = None) -> Path | None:
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    if not isinstance(value, str | os.PathLike):
        return None  # a file descriptor: its path was recorded when it was opened
    if isinstance(dir_fd, int) and not os.path.isabs(value):
        with contextlib.suppress(OSError):
            return Path(os.readlink(f"/proc/self/fd/{dir_fd}")) / os.fspath(value)
    return Path(os.path.abspath(os.fspath(value)))


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _ACTIVE:
        for audit in list(_ACTIVE):
            audit._on(event, args)


sys.addaudithook(_hook)  # hooks cannot be removed; it does nothing unless an Audit records


def outside(paths: set[Path], roots: list[Path]) -> list[Path]:
    """The paths in ``paths`` that are in none of ``roots`` (both compared fully resolved)."""
    resolved = [r.resolve() for r in roots]
    bad = []
    for p in paths:
        real = p.resolve()
        if not any(real == r or real.is_relative_to(r) for r in resolved):
            bad.append(p)
    return sorted(bad)


def scratch(path: Path) -> bool:
    """/dev/null, or the system's temporary folder and the scratch files made directly in it:
    ``tmp*`` (``tempfile`` probing it, ``ctypes.util.find_library``) and WeasyPrint's copies of
    ``@font-face`` fonts in ``weasyprint-*`` (removed again: test_reliability_tempfiles.py)."""
    temp = Path(tempfile.gettempdir())
    if path in (Path(os.devnull), temp):
        return True
    top = path.relative_to(temp).parts[0] if path.is_relative_to(temp) else ""
    return top.startswith("weasyprint-") or (path.parent == temp and top.startswith("tmp"))


# -- inotify --------------------------------------------------------------------------------

IN_ACCESS, IN_MODIFY, IN_ATTRIB, IN_OPEN = 0x1, 0x2, 0x4, 0x20
IN_ALL_EVENTS = 0xFFF
_NAMES = {
    0x1: "read",
    0x2: "write",
    0x4: "attributes",
    0x8: "closed after writing",
    0x10: "closed",
    0x20: "opened",
    0x40: "moved out",
    0x80: "moved in",
    0x100: "created",
    0x200: "deleted",
    0x400: "folder deleted",
    0x800: "folder moved",
}


class FolderWatch:
    """Every access to the files of one folder (not its sub-folders), by any code."""

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), IN_ALL_EVENTS)
        if wd < 0:
            os.close(self._fd)
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")

    def events(self) -> list[str]:
        """What happened since the last call, e.g. ``["secret.txt opened", "secret.txt read"]``."""
        out: list[str] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return out
            offset = 0
            while offset < len(data):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16 : offset + 16 + size].rstrip(b"\0").decode()
                offset += 16 + size
                for bit, what in _NAMES.items():
                    if mask & bit:
                        out.append(f"{name or '.'} {what}")

    def close(self) -> None:
        os.close(self._fd)
