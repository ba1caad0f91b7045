"""How long and how much memory one render may take: the one place both faces read.

The editor's preview and export run in the render worker (``briefing.core.render_service``)
under these limits; so does the command line's ``briefing export``
(:func:`briefing.core.rendering.worker_export.export_in_worker`). A render past its time is
killed; a worker past its memory fails its job with ``MemoryError`` (``RLIMIT_AS``). Kept
outside the rendering package, so the editor reads it without loading that package.
"""

from __future__ import annotations

RENDER_MEMORY_MB = 1536  # address space of a render worker
PREVIEW_TIME_LIMIT_S = 20  # a preview re-render (the editor keeps the last good pages)
EXPORT_TIME_LIMIT_S = 180  # an export, in the editor's dialog and on the command line
