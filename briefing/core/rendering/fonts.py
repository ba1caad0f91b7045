"""Fonts for rendering: bundled families from ``rendercv-fonts``, user font files, emoji.

Bundled fonts are loaded through ``@font-face`` rules that point at the installed
``rendercv_fonts`` package folder; the safe URL fetcher serves only that folder (and the
project's resources), so a brand can name a family but never a path. User font files travel
inside the brand as ``data:`` URIs.
"""

from __future__ import annotations

import ctypes.util
import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefing.core.model.template import Brand

# Styles we look for in a family folder, by file-name suffix: (weight, italic).
_STYLES: dict[str, tuple[int, bool]] = {
    "Regular": (400, False),
    "Italic": (400, True),
    "Bold": (700, False),
    "BoldItalic": (700, True),
}
_FONT_SUFFIXES = (".ttf", ".otf")
_LICENCES = ("OFL.txt", "LICENSE.txt", "UFL.txt", "README")
DEFAULT_HEADING = "Source Sans 3"  # a humanist sans for headings, labels and tables
DEFAULT_BODY = "XCharter"  # Charter: a sturdy, readable serif made for print
_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9 _.\-]")
_DATA_FONT = re.compile(
    r"^data:(font/(ttf|otf|woff2?)|application/(x-font-ttf|x-font-otf|font-woff2?|"
    r"octet-stream));base64,[A-Za-z0-9+/=\s]+$"
)
# Scripts the default families lack; their Noto Sans variants load only when text needs them.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    weight: int
    italic: bool


def fonts_root() -> Path | None:
    """The folder the ``rendercv-fonts`` package installed its families in, or ``None``."""
    try:
        import rendercv_fonts
    except ImportError:
        return None
    return Path(rendercv_fonts.__file__).resolve().parent


@functools.cache
def _faces() -> dict[str, tuple[Face, ...]]:
    root = fonts_root()
    if root is None:
        return {}
    families: dict[str, tuple[Face, ...]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if not any((folder / name).is_file() for name in _LICENCES):
            continue  # offered only with its licence text at hand (Fontin ships none)
        files = [f for f in folder.iterdir() if f.suffix.lower() in _FONT_SUFFIXES]
        # File names are "<Prefix>-<Style>.ttf"; a folder may hold sub-families (Noto Sans JP).
        by_prefix: dict[str, list[Face]] = {}
        for file in files:
            prefix, _, style = file.stem.rpartition("-")
            if style in _STYLES and prefix:
                weight, italic = _STYLES[style]
                by_prefix.setdefault(prefix, []).append(Face("", file, weight, italic))
        for prefix, faces in by_prefix.items():
            suffix = prefix.removeprefix(folder.name.replace(" ", ""))
            family = folder.name if not suffix else f"{folder.name} {suffix}"
            if not any(f.weight == 400 and not f.italic for f in faces):
                continue
            families[family] = tuple(
                Face(family, f.path, f.weight, f.italic)
                for f in sorted(faces, key=lambda f: (f.weight, f.italic))
            )
    return families


def bundled_faces(family: str) -> tuple[Face, ...]:
    """The bundled font files of ``family`` (none when it is not bundled)."""
    return _faces().get(family, ())


def available_families() -> list[str]:
    """Font families bundled with the program (from ``rendercv-fonts``), sorted."""
    return sorted(_faces())


def licence_files() -> dict[str, Path]:
    """Each bundled family's licence text as shipped by ``rendercv-fonts``."""
    root = fonts_root()
    out: dict[str, Path] = {}
    if root is None:
        return out
    for family in _faces():
        folder = _faces()[family][0].path.parent
        for name in _LICENCES:
            if (folder / name).is_file():
                out[family] = folder / name
                break
    return out


def _css_name(name: str) -> str:
    return _CSS_UNSAFE.sub("", name).strip() or "serif"


@functools.cache
def system_families() -> frozenset[str]:
    """Font families installed on the system (via fontconfig's ``fc-list``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        out = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(n.strip() for line in out.splitlines() for n in line.split(",") if n.strip())


def resolve_family(name: str, brand: Brand, fallback: str) -> str:
    """``name`` if it is bundled, one of the brand's font files or installed; else ``fallback``.

    A brand naming a family this machine lacks would otherwise render in whatever
    fontconfig picks (digits even fell to the emoji font), so it falls back to a
    bundled family of the same kind.
    """
    clean = _css_name(name)
    if clean in _faces() or clean in {_css_name(f) for f in brand.fonts.files}:
        return clean
    if clean in system_families():
        return clean
    return fallback


def family_stack(name: str, generic: str) -> str:
    """A CSS font-family list: the brand's family, fallbacks for other scripts, emoji."""
    # The emoji font is not listed here: Pango would then draw digits with it. Emoji get
    # their own span instead (see ``emoji_css``).
    parts = [f'"{_css_name(name)}"']
    for extra in ("Noto Sans", "Noto Sans JP", "Noto Sans SC", "Noto Sans KR", "DejaVu Sans"):
        if extra != name:
            parts.append(f'"{extra}"')
    parts.append(generic)
    return ", ".join(parts)


def emoji_css() -> str:
    """CSS for ``span.emoji``: the installed colour emoji font."""
    family = emoji_font()
    if family is None:
        return ""
    return (
        f'.emoji {{ font-family: "{_css_name(family)}"; font-style: normal; font-weight: normal; }}'
    )


def _face_rule(face: Face) -> str:
    style = "italic" if face.italic else "normal"
    return (
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); '
        f"font-weight: {face.weight}; font-style: {style}; }}"
    )


def font_face_css(brand: Brand, text: str = "") -> str:
    """``@font-face`` rules for the brand's families and any script ``text`` needs.

    Bundled families load from the ``rendercv-fonts`` folder; families in
    ``brand.fonts.files`` load from their ``data:`` URI (anything else there is ignored).
    CJK fallbacks are added only when ``text`` contains such characters, because those
    font files are large.
    """
    faces = _faces()
    wanted = [
        resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING),
        resolve_family(brand.fonts.body, brand, DEFAULT_BODY),
    ]
    if _CJK.search(text):
        if _HANGUL.search(text):
            wanted.append("Noto Sans KR")
        if _KANA.search(text):
            wanted.append("Noto Sans JP")
        wanted.append("Noto Sans SC")
    rules: list[str] = []
    seen: set[str] = set()
    for family, uri in brand.fonts.files.items():
        if isinstance(uri, str) and _DATA_FONT.match(uri):
            name = _css_name(family)
            seen.add(name)
            rules.append(f'@font-face {{ font-family: "{name}"; src: url("{uri}"); }}')
    for family in wanted:
        if family in seen or family not in faces:
            continue
        seen.add(family)
        rules.extend(_face_rule(face) for face in faces[family])
    return "\n".join(rules)


@functools.cache
def emoji_font() -> str | None:
    """The family name of an installed colour emoji font (via fontconfig), or ``None``."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, ":charset=1f1ef 1f600", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
    preferred = [f for f in families if "emoji" in f.lower()]
    chosen = preferred or families
    return chosen[0] if chosen else None


def harfbuzz_subset_available() -> bool:
    """Whether HarfBuzz's subset library is installed (WeasyPrint subsets fonts fast with it)."""
    return ctypes.util.find_library("harfbuzz-subset") is not None
