"""The live preview keeps up: keystroke to page, first pages, UI-thread stalls (issue 14).

Targets, as ratios to a bare WeasyPrint render of the sample measured in the same run
(``HTML(string=render_html(sample)).write_pdf()``, the median of runs before and after the
editor's). The sample is the paste in ``../shared/samples`` drafted into the standard
template (3 to 4 pages, as the drafting rules change; the demo where ``../shared`` is absent):

* keystroke to the updated visible page, sample: at most 0.7x the bare render plus
  the preview's debounce (250 ms); measured for edits on each of its first three pages;
* on a 40-page briefing, an edit on page 3 shows within 2x the sample's figure;
* the first pages are on screen within 1.5x the bare render after the window appears;
* the largest UI-thread stall stays under 50 ms while typing, while a 1 MB article is
  pasted as a new source and while the brand is switched.

Every figure comes from a real editor process (``tests/support/preview_driver.py``) run as
``briefing`` runs. With ``BRIEFING_BENCH_BASE=<git ref>`` (e.g. the commit a branch started
from) the same driver also measures that version of the code, exported with ``git archive``
into a temporary folder and put first on ``PYTHONPATH``, so "before" and "after" come from
the same run on the same machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, SHARED, Figure, median, spread

DRIVER = REPO / "tests" / "support" / "preview_driver.py"
DEBOUNCE_MS = 250
KEYSTROKE_RATIO = 0.7
LONG_RATIO = 2.0
FIRST_RATIO = 1.5
STALL_MS = 50


def _bare(briefing, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    from briefing.core.rendering.document_html import render_html

    html = render_html(briefing)
    HTML(string=html).write_pdf()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        HTML(string=html).write_pdf()
        out.append(time.perf_counter() - start)
    return out


def _drive(code: Path | None, home: Path, args: list[str], prefix: str, timeout: float) -> str:
    env = dict(os.environ, BRIEFING_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).strip(
            os.pathsep
        )
    proc = subprocess.run(
        [sys.executable, str(DRIVER), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(prefix):
            return line
    raise RuntimeError(f"the editor did not report {prefix}: {proc.stderr[-800:]}")


def _fields(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split()[1:])


def _latencies(code: Path | None, home: Path, file: Path, page: int, edits: int) -> list[float]:
    line = _drive(
        code, home, ["latency", str(file), str(page), str(edits)], "BRIEFING_LATENCY", 900
    )
    values = _fields(line)["ms"]
    return [float(v) for v in values.split(",") if v]


def _first_pages(
    code: Path | None, home: Path, file: Path, runs: int
) -> tuple[list[float], list[float]]:
    first, complete = [], []
    for _ in range(runs):
        line = _drive(code, home, ["first-pages", str(file)], "BRIEFING_FIRST_PAGES", 300)
        marks = {k: float(v) for k, v in _fields(line).items()}
        first.append(marks["first"] - marks["exposed"])
        complete.append(marks["complete"] - marks["exposed"])
    return first, complete


def _stalls(code: Path | None, home: Path, file: Path, paste: Path, keys: int) -> dict[str, float]:
    line = _drive(code, home, ["stalls", str(file), str(paste), str(keys)], "BRIEFING_STALLS", 900)
    return {k: float(v) for k, v in _fields(line).items()}


def _export_base(ref: str, into: Path) -> Path | None:
    """The code of git ``ref`` in ``into`` (None when git or the ref is unavailable)."""
    archive = into / "base.tar"
    try:
        subprocess.run(
            ["git", "-C", str(REPO), "archive", "-o", str(archive), ref],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    folder = into / "base"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _paste_text(size: int) -> str:
    """About ``size`` characters of article text: the sample paste (or the demo) repeated."""
    from briefing.core.paths import demo_article_path

    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    source = sample if sample.is_file() else demo_article_path()
    text = source.read_text(encoding="utf-8", errors="replace")
    return ((text + "\n\n") * (size // max(1, len(text)) + 1))[:size]


Documents = tuple[Path, Path, int, Path, int]  # sample, long one, its pages, paste, sample pages


def _documents(folder: Path, quick: bool) -> Documents:
    from benchmarks.bench_export import _long_briefing, _sample_briefing
    from briefing.core.storage.document_io import save_briefing

    sample = _sample_briefing()[0]
    short = _long_briefing(sample, 1)[1]  # the sample's own page count
    long, pages = _long_briefing(sample, 6 if quick else 40)
    paths = folder / "sample.briefing", folder / "long.briefing"
    save_briefing(sample, paths[0])
    save_briefing(long, paths[1])
    paste = folder / "article.txt"
    paste.write_text(_paste_text(100_000 if quick else 1_000_000), encoding="utf-8")
    return paths[0], paths[1], pages, paste, short


Version = tuple[str, Path | None, Path]  # label, code folder (None: this checkout), home


def _measure(versions: list[Version], docs: Documents, quick: bool) -> dict[str, dict[str, object]]:
    """Every figure for every version, the versions taking turns at each measurement (so a
    change in the machine's load falls on all of them alike)."""
    sample, long, _pages, paste, _short = docs
    edits = 2 if quick else 8
    pages = (0,) if quick else (0, 1, 2)
    results: dict[str, dict[str, object]] = {label: {"keystroke": {}} for label, *_ in versions}
    for page in pages:
        for label, code, home in versions:
            by_page = results[label]["keystroke"]
            by_page[page] = _latencies(code, home, sample, page, edits)  # type: ignore[index]
    for label, code, home in versions:
        results[label]["long"] = _latencies(code, home, long, 2, edits)
    runs = 1 if quick else 5
    for label, _code, _home in versions:
        results[label]["first"] = ([], [])
    for _ in range(runs):
        for label, code, home in versions:
            first, complete = _first_pages(code, home, sample, 1)
            results[label]["first"][0].extend(first)  # type: ignore[index]
            results[label]["first"][1].extend(complete)  # type: ignore[index]
    for label, code, home in versions:
        results[label]["stalls"] = _stalls(code, home, sample, paste, 20 if quick else 200)
    return results


def _figures(
    label: str, result: dict[str, object], bare_ms: float, quick: bool, docs: Documents
) -> list[Figure]:
    out: list[Figure] = []
    pages, short = docs[2], docs[4]
    by_page: dict[int, list[float]] = result["keystroke"]  # type: ignore[assignment]
    every = [v for values in by_page.values() for v in values]
    four = median(every) if every else float("nan")
    limit = KEYSTROKE_RATIO * bare_ms + DEBOUNCE_MS
    per_page = ", ".join(f"p.{p + 1}: {median(v):.0f} ms" for p, v in by_page.items() if v)
    out.append(
        Figure(
            f"preview{label}: keystroke to updated visible page ({short}-page sample)",
            four,
            "ms",
            target=f"<= 0.7x bare + {DEBOUNCE_MS} ms = {limit:.0f} ms",
            met=None if quick else four <= limit,
            spread=spread(every, 1, "ms") if every else "",
            baseline=f"bare WeasyPrint {bare_ms:.0f} ms",
            note=f"{len(every)} edits; {per_page}; ratio {four / bare_ms:.2f}x bare",
        )
    )
    long: list[float] = result["long"]  # type: ignore[assignment]
    value = median(long) if long else float("nan")
    out.append(
        Figure(
            f"preview{label}: edit on page 3 of a {pages}-page briefing to the updated page",
            value,
            "ms",
            target=f"<= 2x the {short}-page figure = {LONG_RATIO * four:.0f} ms",
            met=None if quick else value <= LONG_RATIO * four,
            spread=spread(long, 1, "ms") if long else "",
            note=f"{len(long)} edits; ratio {value / four:.2f}x the {short}-page figure",
        )
    )
    first, complete = result["first"]  # type: ignore[misc]
    value = median(first) * 1000
    out.append(
        Figure(
            f"preview{label}: first pages on screen after the window appears ({short}-page sample)",
            value,
            "ms",
            target=f"<= 1.5x bare = {FIRST_RATIO * bare_ms:.0f} ms",
            met=None if quick else value <= FIRST_RATIO * bare_ms,
            spread=spread(first, 1000, "ms"),
            note=f"complete PDF {median(complete) * 1000:.0f} ms; "
            f"ratio {value / bare_ms:.2f}x bare",
        )
    )
    stalls: dict[str, float] = result["stalls"]  # type: ignore[assignment]
    for name, what in (
        ("typing", "typing 200 keys 20 ms apart"),
        ("paste_source", "pasting a 1 MB article as a new source"),
        ("brand", "switching brand"),
    ):
        value = stalls.get(name, float("nan"))
        out.append(
            Figure(
                f"preview{label}: largest UI-thread stall while {what}",
                value,
                "ms",
                target=f"< {STALL_MS} ms",
                met=None if quick else value < STALL_MS,
                note="5 ms timer gaps, until the preview is idle again",
            )
        )
    return out


def run(quick: bool) -> list[Figure]:
    from benchmarks.bench_export import _sample_briefing

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        folder = Path(tmp)
        docs = _documents(folder, quick)
        sample = _sample_briefing()[0]
        bare = _bare(sample, 3 if quick else 5)
        base_ref = os.environ.get("BRIEFING_BENCH_BASE", "")
        base = _export_base(base_ref, folder) if base_ref and not quick else None
        versions: list[Version] = [("", None, folder / "home")]
        if base is not None:
            versions.insert(0, (f" [before: {base_ref}]", base, folder / "home-base"))
        results = _measure(versions, docs, quick)
        bare += _bare(sample, 3 if quick else 5)
        bare_ms = statistics.median(bare) * 1000
        for label, _code, _home in versions:
            figures.extend(_figures(label, results[label], bare_ms, quick, docs))
    return figures


if __name__ == "__main__":
    for figure in run(quick="--smoke" in sys.argv):
        print(figure)
