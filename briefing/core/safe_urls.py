"""Which link targets a reader may follow: public http(s) pages and mail addresses only.

One rule for the importers (which keep a page's links as Markdown) and the renderer (which
turns them into live links in a PDF or HTML file). A click in an exported note must never
reach the reader's own machine or private network, however the address is spelled: a
browser reads ``http://127.1/``, ``http://0x7f.1/``, ``http://2130706433/`` and
``http://[::ffff:127.0.0.1]/`` as loopback, so the host is parsed as a browser parses it
(the WHATWG URL rules for IPv4 numbers) before it is judged.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

SAFE_LINK = re.compile(r"^(https?://|mailto:)[^\s<>()\[\]]+$", re.IGNORECASE)
# Names that only ever mean the reader's own machine or a private network.
_PRIVATE_NAME = re.compile(
    r"(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain|home\.arpa)$"
)
# What browsers strip or treat as a label separator in a host.
_DOTS = re.compile("[\u3002\uff0e\uff61]")


def safe_link(target: str | None) -> str | None:
    """The link target if a reader may follow it, else ``None``.

    Only http, https and mailto; never a link into the reader's own machine or private
    network (localhost, loopback, link-local, private, shared and reserved address ranges in
    any spelling, ``.local``/``.internal`` names, single-label intranet names).
    """
    if not target:
        return None
    target = target.strip()
    if not SAFE_LINK.match(target):
        return None
    if target.lower().startswith("mailto:"):
        return target
    host = link_host(target)
    if host is None or is_private_host(host):
        return None
    return target


def link_host(url: str) -> str | None:
    """The host of ``url``, lower-cased, without a trailing dot; ``None`` if it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return _DOTS.sub(".", host.lower()).rstrip(".") or None


def is_private_host(host: str) -> bool:
    """True if a browser would take ``host`` to the reader's machine or a private network
    (or the host cannot be judged at all)."""
    host = host.strip("[]").lower().rstrip(".")
    if not host:
        return True
    address = _ip_address(host)
    if address is not None:
        return not address.is_global or address.is_multicast
    if "." not in host or _PRIVATE_NAME.search(host):
        return True  # "intranet", "printer", "foo.local"
    # A host ending in a number is an IPv4 address to a browser; one it cannot parse is refused.
    return _is_ipv4_number(host.rsplit(".", 1)[-1])


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if ":" in host:
        try:
            v6 = ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
        return v6.ipv4_mapped or v6
    return _ipv4(host)


def _is_ipv4_number(part: str) -> bool:
    return bool(re.fullmatch(r"(0[xX][0-9a-fA-F]*|\d+)", part))


def _ipv4(host: str) -> ipaddress.IPv4Address | None:
    """``host`` read as the WHATWG URL standard reads an IPv4 host (1-4 parts, each decimal,
    ``0x`` hex or leading-zero octal; the last part fills the remaining bytes)."""
    parts = host.split(".")
    if not parts or len(parts) > 4 or not all(_is_ipv4_number(p) for p in parts):
        return None
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not re.fullmatch(r"[0-7]+", part):
                return None
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    last = numbers.pop()
    if any(n > 255 for n in numbers) or last >= 256 ** (4 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(numbers):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)
