"""The one way Briefing reads a file it did not write: documents, PDFs, packages, library
files, logos and fonts, articles.

A file named on the command line, dropped in a team folder or picked in a dialog may be a
FIFO (reading blocks for ever), a device (``/dev/zero`` never ends), a socket, a folder, a
huge file, or a link that leads out of the folder it was found in. :func:`read_untrusted`

- opens without blocking (``O_NONBLOCK``: a FIFO with no writer opens at once) and without
  becoming the reader's terminal, then judges what it opened (``fstat`` of the open file, so
  nothing can be swapped in between the check and the read): regular files only;
- checks the size before reading and never reads more than the limit, whatever the file
  claims;
- with ``within``, resolves every link and refuses a file whose real place is outside that
  folder.

Failures raise :class:`UntrustedFileError` (a :class:`BriefingError`: one line naming the
file) whose ``problem`` says which rule refused it, so callers can word it their way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

from briefing.core.errors import BriefingError

Problem = Literal["missing", "folder", "special", "too-big", "outside", "unreadable", "empty"]
_MB = 1024 * 1024
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class UntrustedFileError(BriefingError):
    """A file :func:`read_untrusted` refused.

    ``problem`` names the rule, ``detail`` says why in a few words a caller can put after its
    own "could not open: " ("it is a pipe, not a regular file", "permission denied"), and
    ``size`` is the file's size when that is known.
    """

    def __init__(
        self,
        reason: str,
        path: str | Path,
        problem: Problem,
        size: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(reason, path)
        self.problem: Problem = problem
        self.size = size
        self.detail = detail or self.reason


def _megabytes(size: int) -> str:
    return f"{size / _MB:.0f} MB" if size >= _MB else f"{size:,} bytes"


def too_big_reason(size: int, limit: int) -> str:
    """ "is too big (60 MB; the limit is 5 MB)"."""
    return f"is too big ({_megabytes(size)}; the limit is {_megabytes(limit)})"


def inside(path: str | Path, folder: str | Path) -> Path:
    """``path`` with every link resolved, if that is inside ``folder`` (links resolved too).

    Raises :class:`UntrustedFileError` (``"outside"``, or ``"missing"`` for a dangling link).
    """
    p = Path(path)
    try:
        real = p.resolve(strict=True)
        root = Path(folder).resolve()
    except FileNotFoundError:
        raise UntrustedFileError("no such file", p, "missing") from None
    except (OSError, RuntimeError) as err:  # a loop of links
        raise _unreadable(p, err) from None
    if not real.is_relative_to(root):
        detail = f"it is a link to a file outside {root}"
        raise UntrustedFileError(f"is a link to a file outside {root}", p, "outside", None, detail)
    return real


def read_untrusted(
    path: str | Path, limit: int, *, within: str | Path | None = None, allow_empty: bool = True
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see the module docstring).

    ``within`` keeps the file (after resolving links) inside that folder; ``allow_empty=False``
    refuses an empty file (``"empty"``).
    """
    p = Path(path)
    target = inside(p, within) if within is not None else p
    try:
        fd = os.open(target, _FLAGS)
    except FileNotFoundError:
        raise UntrustedFileError("no such file", p, "missing") from None
    except IsADirectoryError:
        raise UntrustedFileError("is a folder, not a file", p, "folder") from None
    except OSError as err:
        if err.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise _special(p, "a socket or device") from None
        raise _unreadable(p, err) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UntrustedFileError("is a folder, not a file", p, "folder")
        if not stat.S_ISREG(st.st_mode):
            raise _special(p, _special_kind(st.st_mode))
        if st.st_size > limit:
            raise UntrustedFileError(too_big_reason(st.st_size, limit), p, "too-big", st.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise _unreadable(p, err) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise UntrustedFileError(too_big_reason(len(data), limit), p, "too-big", len(data))
    if not data and not allow_empty:
        raise UntrustedFileError("the file is empty", p, "empty", 0)
    return data


def _special(path: Path, kind: str) -> UntrustedFileError:
    """A pipe, device or socket: reading could block for ever or never end."""
    detail = f"it is {kind}, not a regular file"
    return UntrustedFileError(
        f"is not a regular file (it is {kind})", path, "special", None, detail
    )


def _unreadable(path: Path, err: OSError | RuntimeError) -> UntrustedFileError:
    detail = _reason(err) if isinstance(err, OSError) else "too many levels of links"
    return UntrustedFileError(f"cannot be read ({detail})", path, "unreadable", None, detail)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _reason(err: OSError) -> str:
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "too many levels of links"
    return err.strerror or type(err).__name__
