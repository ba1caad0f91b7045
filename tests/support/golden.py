"""Golden pages: the demo and the sample rendered in each built-in brand, as small page images.

The briefings are fixed, so only rendering moves them: the demo is a drafted briefing kept under
``tests/fixtures/golden/demo.briefing``; the sample (``../shared``) is imported and laid out
block by block here, without the drafting engine, with a fixed date. Each page is rasterised
with poppler's ``pdftoppm`` in grey at a low resolution and compared with its golden PNG: a
page fails when more than :data:`MAX_CHANGED` of its pixels differ by more than
:data:`THRESHOLD` grey levels (a moved paragraph, a reflowed line, a new page), which
anti-aliasing differences between machines stay well under.

Regenerate on purpose, after a change you looked at: ``python scripts/golden_pages.py``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

from briefing.core.importing import import_file
from briefing.core.model import markup
from briefing.core.model.document import Briefing, Meta, Prediction, Section
from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.document_io import load_briefing
from briefing.core.storage.library import Library

TESTS = Path(__file__).resolve().parent.parent
GOLDEN = TESTS / "fixtures" / "golden"
SAMPLE = TESTS.parent.parent / "shared" / "samples" / "takaichi-trump-call.txt"
BRANDS = ("default", "ministry", "consultancy")
DPI = 24
THRESHOLD = 64  # grey levels (of 255) a pixel must move by to count as changed
MAX_CHANGED = 0.012  # of a page's pixels


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def demo_briefing() -> Briefing:
    return load_briefing(GOLDEN / "demo.briefing")


def sample_briefing() -> Briefing:
    """The sample paste laid out block by block (no drafting), with fixed metadata."""
    article = import_file(SAMPLE)
    article.id, article.accessed = "s1", "2026-11-28"
    narrative = [b for b in article.blocks if b.kind != "qa"]
    pairs = [b for b in article.blocks if b.kind == "qa"]
    library = Library()
    return Briefing(
        title=article.title,
        subtitle="What a second Trump term means for the alliance",
        meta=Meta(analyst="A. Analyst", date="2026-11-28", handling="TLP:AMBER"),
        sections=[
            Section(
                "background",
                "Background",
                "\n\n".join(markup.block_markdown(b, "s1") for b in narrative),
            ),
            Section(
                "key-takeaway", "Key Takeaway", "The alliance holds, but its costs rise. [@s1]"
            ),
            Section("faq", "FAQ", "\n\n".join(markup.block_markdown(b, "s1") for b in pairs)),
            Section("predictions", "Predictions", ""),
        ],
        predictions=[
            Prediction(
                "Tokyo raises defence spending again.", 70, "likely", "by 2027", source="s1"
            ),
            Prediction("A leaders' call takes place this month.", None, "likely", source="s1"),
            Prediction("New tariffs on Japanese steel.", 30, "unlikely", "2026", source="s1"),
        ],
        sources=[article],
        template=library.template("standard"),
    )


CASES: dict[str, Callable[[], Briefing]] = {"demo": demo_briefing, "sample": sample_briefing}


def case_names(*, with_sample: bool) -> list[str]:
    kinds = ["demo", "sample"] if with_sample else ["demo"]
    return [f"{kind}-{brand}" for kind in kinds for brand in BRANDS]


def render_case(name: str) -> bytes:
    kind, brand = name.split("-", 1)
    return render_pdf(CASES[kind](), brand=Library().brand(brand))


def rasterise(pdf: bytes) -> list[Image.Image]:
    """The pages of ``pdf`` as grey images at :data:`DPI` (poppler's pdftoppm)."""
    tool = pdftoppm()
    assert tool is not None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [tool, "-gray", "-png", "-r", str(DPI), str(source), str(Path(folder) / "p")],
            check=True,
            timeout=120,
        )
        files = sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(io.BytesIO(f.read_bytes())).convert("L") for f in files]


def changed_fraction(page: Image.Image, golden: Image.Image) -> float:
    """The share of pixels that differ by more than :data:`THRESHOLD` (after a slight blur)."""
    if page.size != golden.size:
        return 1.0
    blur = ImageFilter.GaussianBlur(0.6)
    diff = ImageChops.difference(page.filter(blur), golden.filter(blur))
    histogram = diff.histogram()
    changed = sum(histogram[THRESHOLD + 1 :])
    return changed / (page.size[0] * page.size[1])


def golden_pages(name: str) -> list[Image.Image]:
    files = sorted(GOLDEN.glob(f"{name}-p*.png"), key=lambda p: int(p.stem.rsplit("p", 1)[-1]))
    return [Image.open(f).convert("L") for f in files]


def compare(name: str, pages: list[Image.Image], out: Path) -> list[str]:
    """What differs from the golden pages (empty when nothing does); diffs written to ``out``."""
    golden = golden_pages(name)
    problems = []
    if len(pages) != len(golden):
        problems.append(f"{name}: {len(pages)} pages, the golden file has {len(golden)}")
    for number, (page, gold) in enumerate(zip(pages, golden, strict=False), start=1):
        fraction = changed_fraction(page, gold)
        if fraction > MAX_CHANGED:
            out.mkdir(parents=True, exist_ok=True)
            page.save(out / f"{name}-p{number}-now.png")
            ImageChops.difference(page, gold).save(out / f"{name}-p{number}-diff.png")
            problems.append(f"{name} page {number}: {fraction:.1%} of the pixels moved (see {out})")
    return problems


def regenerate(names: list[str]) -> list[Path]:
    """Write the golden PNGs of ``names`` afresh; the files written."""
    written = []
    for name in names:
        for old in GOLDEN.glob(f"{name}-p*.png"):
            old.unlink()
        for number, page in enumerate(rasterise(render_case(name)), start=1):
            path = GOLDEN / f"{name}-p{number}.png"
            page.save(path, optimize=True)
            written.append(path)
    return written
