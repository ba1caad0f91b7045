"""Where an output may be written: never over a file the user did not name for that output.

``briefing templates export standard -o notes.briefing`` must not turn a briefing into a zip,
and ``briefing export notes.briefing -o article.md`` must not replace the article it was
drafted from without being asked. Both faces check a target with :func:`check_target` before
writing: the suffix must be one of the output's own, and a file already there is replaced
only when the user said so (``--force`` on the command line, a question in the editor). The
writers themselves then keep the replaced file as ``<name>~`` (``atomic_write_bytes(...,
backup=True)``), so a replaced file can always be got back.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.core.errors import DocumentError
from briefing.core.storage.atomic import backup_path


def check_target(
    path: str | Path, *, suffixes: tuple[str, ...], what: str, force: bool = False
) -> None:
    """Refuse ``path`` as the target of ``what`` (e.g. "a template package") unless it ends in
    one of ``suffixes`` and either does not exist yet or ``force`` says to replace it.

    Raises :class:`DocumentError` naming the path, with the way out in the reason.
    """
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        names = " or ".join(suffixes)
        raise DocumentError(f"the name of {what} must end in {names}", p)
    if p.is_dir():
        raise DocumentError("this is a folder; give a file name", p)
    if os.path.lexists(p) and not force:
        raise DocumentError(
            f"the file already exists (use --force to replace it; the old one is kept as "
            f"{backup_path(p).name})",
            p,
        )
