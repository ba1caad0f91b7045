"""Re-run the hardening review's hostile inputs (issue 16) through the real command line.

    python scripts/hostile_figures.py [--out FILE.md]

Makes each input in a temporary folder, runs ``python -m briefing ...`` on it under
``/usr/bin/time`` (wall time and peak memory of the command and the render worker it waits
for) and prints a Markdown table: the finding, what was run, the exit code, the time, the peak
memory and the first line the command printed. docs/reliability.md quotes its output.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = "The port authority said cranes slowed down this week, and more were due soon. " * 4


def _png(width: int, height: int) -> bytes:
    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _svg_bomb(levels: int = 8, fanout: int = 10) -> bytes:
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fanout))
        groups.append(f'<g id="l{level}">{uses}</g>')
    body = f'<defs>{"".join(groups)}</defs><use href="#l{levels}"/>'
    return f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>'.encode()


def _brand_package(path: Path, brand: dict[str, object], logo: tuple[str, bytes] | None) -> Path:
    meta: dict[str, object] = {"logo": logo[0] if logo else None, "fonts": {}}
    manifest = {"format": "briefing-package", "version": 1, "kind": "brand",
                "brands": {"house": meta}}  # fmt: skip
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("brands/house/brand.json", json.dumps(brand))
        if logo:
            zf.writestr(f"brands/house/{logo[0]}", logo[1])
    return path


def _briefing(path: Path, **fields: object) -> Path:
    doc: dict[str, object] = {"format": "briefing", "version": 1, "title": "Note"}
    doc.update(fields)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _inputs(tmp: Path) -> list[tuple[str, list[str]]]:
    """(finding, briefing arguments) in the order of the issue."""
    uri = lambda mime, data: f"data:{mime};base64,{base64.b64encode(data).decode()}"  # noqa: E731
    bad_id = 'x"><script>alert(1)</script><img src="http://127.0.0.1:8765/s.png"><i id="'
    hostile = _briefing(tmp / "hostile-id.briefing", sections=[
        {"id": bad_id, "title": "S", "markdown": ["Body[^1].", "", "[^1]: note"]}])  # fmt: skip
    house = {"format": "briefing-brand", "version": 1, "id": "house", "name": "House"}
    svg_pkg = _brand_package(tmp / "svg-bomb.bfbrand", house, ("logo.svg", _svg_bomb()))
    png_pkg = _brand_package(tmp / "png-bomb.bfbrand", house, ("logo.png", _png(13_000, 13_000)))
    bombs = _briefing(tmp / "images.briefing", sections=[{"id": "a", "title": "A", "markdown": [
        f"![svg]({uri('image/svg+xml', _svg_bomb())})",
        f"![png]({uri('image/png', _png(13_000, 13_000))})"]}])  # fmt: skip
    zw = tmp / "zero-width.html"
    zw.write_text(
        f"<html><body><article><h1>T</h1><p>{WORDS}</p><p>[x]&#8203;"
        f"(http://127.0.0.1:8765/zw) [y](http://127.1/)</p></article></body></html>"
    )
    fonts = _brand_package(tmp / "fonts-abc.bfbrand", {**house, "fonts": "abc"}, None)
    team = tmp / "team" / "brands" / "house"
    team.mkdir(parents=True)
    (team / "brand.json").write_text(json.dumps({**house, "fonts": "abc"}))
    elsewhere = tmp / "elsewhere.svg"
    elsewhere.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    linked = tmp / "team" / "brands" / "linked"
    linked.mkdir()
    (linked / "brand.json").write_text(json.dumps({**house, "id": "linked"}))
    (linked / "logo.svg").symlink_to(elsewhere)
    qa = tmp / "qa.txt"
    qa.write_text(f"{WORDS}\n\nQ: a" + "\u00a0" * 100_000 + "b\n\nA: yes\n", encoding="utf-8")
    spans = tmp / "spans.html"
    spans.write_text(
        f"<html><body><p>{WORDS}</p><p>" + "<b><i>x</i></b>" * 200_000 + "</p></body></html>"
    )
    brs = tmp / "breaks.html"
    brs.write_text(f"<html><body><p>{WORDS}</p><p>" + "<br>" * 500_000 + "</p></body></html>")
    params = "; ".join(f"p{i}=v" for i in range(400_000))
    mhtml = tmp / "params.mhtml"
    mhtml.write_text(f"MIME-Version: 1.0\nContent-Type: text/html; {params}\n\n<p>{WORDS}</p>")
    fifo = tmp / "fifo.briefing"
    os.mkfifo(fifo)
    (tmp / "zero.briefing").symlink_to("/dev/zero")
    surrogate = tmp / "surrogate.briefing"
    surrogate.write_text('{"format": "briefing", "version": 1, "title": "Talks \\ud800 resume"}')
    notes = _briefing(tmp / "notes.briefing")
    article = tmp / "article.md"
    article.write_text("An article the analyst wrote.\n")
    out = str(tmp / "out")
    return [
        ("1 hostile section id", ["export", str(hostile), "-o", f"{out}1.html"]),
        ("2 SVG <use> bomb logo", ["brands", "import", str(svg_pkg)]),
        ("2/11 bomb images in a briefing", ["export", str(bombs), "-o", f"{out}2.pdf"]),
        ("3 zero-width link, 127.1", ["import", str(zw), "--json", "#127."]),
        ('4 "fonts": "abc" package', ["brands", "import", str(fonts)]),
        ('4 "fonts": "abc" in team', ["brands", "list"]),
        ("5 Q: a + 100,000 NBSP + b", ["import", str(qa)]),
        ("6 <b><i>x</i></b> x 200,000", ["import", str(spans)]),
        ("6 <br> x 500,000", ["import", str(brs)]),
        ("6 MHTML, 400,000 parameters", ["import", str(mhtml)]),
        ("7 export fifo.briefing", ["export", str(fifo), "-o", f"{out}7.pdf"]),
        (
            "7 export a link to /dev/zero",
            ["export", str(tmp / "zero.briefing"), "-o", f"{out}7.pdf"],
        ),
        ("8 team logo linked outside", ["brands", "list", "#linked"]),
        ("10 lone surrogate", ["export", str(surrogate), "-o", f"{out}10.pdf"]),
        ("11 13,000 x 13,000 PNG logo", ["brands", "import", str(png_pkg)]),
        ("12 template over a briefing", ["templates", "export", "standard", "-o", str(notes)]),
        ("12 export over an article", ["export", str(notes), "-o", str(article)]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="briefing-hostile-"))
    env = dict(os.environ, BRIEFING_HOME=str(tmp / "home"), PYTHONPATH=str(REPO))
    (tmp / "home" / "config").mkdir(parents=True)
    prefs = {"team_library": str(tmp / "team")}
    (tmp / "home" / "config" / "preferences.json").write_text(json.dumps(prefs))
    rows = ["| finding | command | exit | time | peak memory | first line printed |",
            "|---|---|---|---|---|---|"]  # fmt: skip
    timer = shutil.which("time") or "/usr/bin/time"
    try:
        for finding, command in _inputs(tmp):
            # "#word": report the line naming it (or that no line does) instead of the first.
            word = command.pop()[1:] if command[-1].startswith("#") else None
            run = [timer, "-f", "%e %M", sys.executable, "-m", "briefing", *command]
            done = subprocess.run(run, capture_output=True, text=True, env=env, timeout=600)
            lines = done.stderr.strip().splitlines()
            seconds, kilobytes = lines[-1].split() if lines else ("?", "0")
            said = [line for line in lines[:-1] if line.strip()] or done.stdout.splitlines()[:1]
            if word is not None:
                found = [ln for ln in lines[:-1] + done.stdout.splitlines() if word in ln]
                said = found or [f"(no line of the output names {word!r})"]
            first = (said[0] if said else "").replace(str(tmp) + "/", "").replace("|", "\\|")
            shown = " ".join(c.replace(str(tmp) + "/", "") for c in command)
            rows.append(f"| {finding} | `briefing {shown}` | {done.returncode} | {seconds} s "
                        f"| {int(kilobytes) // 1024} MB | {first[:110]} |")  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    table = "\n".join(rows) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
