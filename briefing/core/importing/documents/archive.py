"""Zip packages (.docx, .docm, .odt) and the XML inside them, read defensively.

Office files are zip archives of XML parts, and a hostile one can be a zip bomb (a few
kilobytes that inflate to gigabytes), hold thousands of members, declare sizes it does not
keep to, nest XML deeper than any document needs, or carry a DTD with entity definitions
(billion laughs, external entities). Every member is checked against its declared and its
actual size before and while it is inflated, and XML is parsed with entities left
unresolved, no DTD, no network and libxml2's default depth and size limits.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from lxml import etree

from briefing.core.errors import ArticleImportError

MAX_MEMBERS = 5_000  # a large report with many images has a few hundred
MAX_PART_BYTES = 40 * 1024 * 1024  # one XML part, inflated (a 500-page document is ~15 MB)
MAX_TOTAL_BYTES = 120 * 1024 * 1024  # all the parts we read, inflated
MAX_RATIO = 200  # inflated / compressed for parts over a megabyte (XML compresses ~10-30x)
_RATIO_FLOOR = 1024 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: old .doc or an encrypted package


class Package:
    """An opened zip package: its member names and bounded reads of its parts."""

    def __init__(self, data: bytes, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind  # "Word" or "OpenDocument", for messages
        self._read_total = 0
        if data.startswith(_OLE2):
            if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
                raise ArticleImportError(
                    "is encrypted (password-protected); save an unprotected copy to import it", name
                )
            raise ArticleImportError(
                "is an old binary Word file (.doc), not .docx; save it as .docx to import it",
                name,
            )
        if not data.startswith(b"PK"):
            raise ArticleImportError(f"is not a {kind} file (it is not a zip package)", name)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise ArticleImportError(f"is damaged (not a readable {kind} file)", name) from None
        if len(infos) > MAX_MEMBERS:
            raise ArticleImportError(
                f"has too many parts to be a {kind} file ({len(infos):,}; the limit is "
                f"{MAX_MEMBERS:,})",
                name,
            )
        self._infos = {i.filename: i for i in infos}

    def has(self, member: str) -> bool:
        return member in self._infos

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, member: str) -> bytes | None:
        """The inflated bytes of ``member`` (``None`` if absent), within the size limits."""
        info = self._infos.get(member)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise ArticleImportError("is encrypted (password-protected)", self.name)
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > MAX_PART_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise self._bomb(member)
        room = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self._read_total)
        try:
            with self._zip.open(info) as fh:
                data = fh.read(room + 1)  # the declared size may lie: never trust it alone
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as err:
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise ArticleImportError(f"is damaged ({member}: {reason})", self.name) from None
        if len(data) > room:
            raise self._bomb(member)
        self._read_total += len(data)
        return data

    def xml(self, member: str) -> Any | None:
        """The parsed root element of ``member`` (``None`` if absent)."""
        data = self.read(member)
        return None if data is None else parse_xml(data, self.name, member)

    def _bomb(self, member: str) -> ArticleImportError:
        return ArticleImportError(
            f"is too big once unpacked ({member} inflates past the limit; possibly a zip bomb)",
            self.name,
        )


def parse_xml(data: bytes, name: str, member: str) -> Any:
    """Parse one XML part safely: no DTD at all, no entities, no network, no huge trees."""
    if _DOCTYPE.search(data[:4096]) or b"<!ENTITY" in data:
        raise ArticleImportError(
            f"{member} declares a DTD or entities, which office files never do; refused", name
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        text = str(err)
        if "depth" in text.lower() or "huge" in text.lower():
            raise ArticleImportError(f"{member} is nested too deeply to read", name) from None
        reason = text.splitlines()[0][:120] if text else "malformed XML"
        raise ArticleImportError(f"is damaged ({member}: {reason})", name) from None
    except (ValueError, RecursionError):
        raise ArticleImportError(f"is damaged ({member} is not valid XML)", name) from None
