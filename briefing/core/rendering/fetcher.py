"""The only way WeasyPrint may load anything: bundled files and ``data:`` URIs.

Everything else (http, https, ftp, a ``file:`` path outside the bundled folders, a relative
URL) is refused before any handler runs, so neither an article nor a template can make an
export reach the network or read a local file. Redirects are off as a second lock.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

from briefing.core.paths import resources_dir
from briefing.core.rendering.fonts import fonts_root

MAX_DATA_URI = 20 * 1024 * 1024  # characters; a bigger embedded asset is refused
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")
_MIME_BY_SUFFIX = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


def allowed_roots() -> list[Path]:
    """Folders whose files may be loaded: the bundled fonts and resources."""
    roots = [resources_dir().resolve() / "fonts", resources_dir().resolve() / "css"]
    fonts = fonts_root()
    if fonts is not None:
        roots.append(fonts)
    return roots


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves only bundled files and ``data:`` URIs."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
        super().__init__(**kwargs)
        self.refused: list[str] = []
        self._roots = allowed_roots()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        match = _SCHEME.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            if len(url) > MAX_DATA_URI:
                return self._refuse(url, "embedded asset too large")
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._bundled_path(url)
            if path is None:
                return self._refuse(url, "not a bundled resource")
            mime = _MIME_BY_SUFFIX.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": mime}
            )
        return self._refuse(url, "only bundled resources and embedded assets load")

    def _bundled_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        if any(path.is_relative_to(root) for root in self._roots):
            return path
        return None

    def _refuse(self, url: str, reason: str) -> URLFetcherResponse:
        self.refused.append(url[:200])
        raise ValueError(f"refused to load {url[:80]!r}: {reason}")
