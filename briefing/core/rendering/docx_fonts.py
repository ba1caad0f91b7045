"""The brand's fonts embedded in the Word file, so it looks the same on a machine without them.

Word keeps embedded fonts as "obfuscated" parts (ECMA-376 Part 1, 17.8.1): the first 32
bytes of the font file XOR-ed with a key taken from a GUID, the GUID named in fontTable.xml
(``w:embedRegular w:fontKey``), and ``w:embedTrueTypeFonts`` set in settings.xml. Only the
bundled families (SIL OFL and similar licences that allow embedding) and the brand's own
font files are embedded, and never a font whose OS/2 table forbids it. LibreOffice reads
every embedded face; Word reads TrueType-flavoured ones (a CFF ``.otf`` face falls back to a
font Word has).
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import uuid
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from briefing.core.model.template import Brand
from briefing.core.rendering.docx_styles import element
from briefing.core.rendering.fonts import bundled_faces

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
MAX_FONT_BYTES = 4 * 1024 * 1024
_SLOTS = {(400, False): "embedRegular", (700, False): "embedBold", (400, True): "embedItalic",
          (700, True): "embedBoldItalic"}  # fmt: skip
_FONT_URI = re.compile(r"^data:[\w/+.-]+;base64,([A-Za-z0-9+/=\s]+)$")
_NAMESPACE = uuid.UUID("6f7e3c1a-2b5d-4c8e-9a10-b7d2f4e6a8c0")


def embeddable(data: bytes) -> bool:
    """A TrueType/OpenType font whose OS/2 ``fsType`` allows embedding."""
    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return False
    (count,) = struct.unpack(">H", data[4:6])
    for i in range(min(count, 64)):
        tag, _sum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"OS/2" and length >= 10 and offset + 10 <= len(data):
            (fs_type,) = struct.unpack(">H", data[offset + 8 : offset + 10])
            return not fs_type & 0x0002  # "restricted licence embedding"
    return True  # no OS/2 table: nothing forbids it


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """The font as Word stores it: its first 32 bytes XOR-ed with the GUID's bytes reversed."""
    mask = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _faces(brand: Brand, family: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for face in bundled_faces(family):
        slot = _SLOTS.get((face.weight, face.italic))
        if slot and slot not in out:
            try:
                data = face.path.read_bytes()
            except OSError:
                continue
            if len(data) <= MAX_FONT_BYTES and embeddable(data):
                out[slot] = data
    uri = brand.fonts.files.get(family)
    m = _FONT_URI.match(uri or "")
    if not out and m:
        try:
            data = base64.b64decode(m.group(1))
        except (binascii.Error, ValueError):
            data = b""
        if len(data) <= MAX_FONT_BYTES and embeddable(data):
            out["embedRegular"] = data
    return out


ALL_FACES = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


def embed_fonts(document: Any, brand: Brand, families: dict[str, tuple[str, ...]]) -> int:
    """Embed each family's faces (``embedRegular``, ``embedBold``...) in ``document``;
    returns the number of faces embedded."""
    main = document.part
    table_part = next(
        (r.target_part for r in main.rels.values() if r.reltype == RT.FONT_TABLE), None
    )
    if table_part is None:
        return 0
    root = etree.fromstring(table_part.blob)
    count = 0
    for family, slots in families.items():
        faces = {k: v for k, v in _faces(brand, family).items() if k in slots}
        if not faces:
            continue
        font = next((f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == family),
                    None)  # fmt: skip
        if font is None:
            font = element("font", name=family)
            font.append(element("pitch", val="variable"))
            root.append(font)
        for old in [c for c in font if str(c.tag).rsplit("}", 1)[-1].startswith("embed")]:
            font.remove(old)
        for slot in ALL_FACES:
            if slot not in faces:
                continue
            count += 1
            key = uuid.uuid5(_NAMESPACE, f"{family}/{slot}")
            part = Part(PackURI(f"/word/fonts/font{count}.odttf"), CONTENT_TYPE,
                        obfuscate(faces[slot], key), main.package)  # fmt: skip
            embed = element(slot, fontKey="{" + str(key).upper() + "}")
            embed.set(qn("r:id"), table_part.relate_to(part, RT.FONT))
            font.append(embed)
    if count:
        table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)  # fmt: skip
        settings = document.settings.element
        if settings.find(qn("w:embedTrueTypeFonts")) is None:
            flag = element("embedTrueTypeFonts")
            zoom = settings.find(qn("w:zoom"))
            if zoom is not None:
                zoom.addnext(flag)
            else:
                settings.insert(0, flag)
    return count
