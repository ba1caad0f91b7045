"""Run every benchmark module and print one table of figures against their targets.

python -m benchmarks            # full run, writes benchmarks/results/latest.md
python -m benchmarks --smoke    # seconds-long check that each benchmark still runs
python -m benchmarks --only import,export
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import Figure

HERE = Path(__file__).resolve().parent


def _modules(only: set[str] | None) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    if only:
        names = [n for n in names if n.removeprefix("bench_") in only]
    return names


def _fmt(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"


def _table(figures: list[Figure]) -> str:
    rows = [
        "| figure | median | spread | target | met | same-run baseline | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        met = "" if f.met is None else ("yes" if f.met else "**NO**")
        rows.append(
            f"| {f.name} | {_fmt(f.value)} {f.unit} | {f.spread} | {f.target} | {met} "
            f"| {f.baseline} | {f.note} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--smoke", action="store_true", help="quick check that each runs")
    parser.add_argument("--only", help="comma-separated areas, e.g. import,export")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    figures: list[Figure] = []
    failed = []
    for name in _modules(only):
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            got = module.run(quick=args.smoke)
        except Exception:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            failed.append(name)
            continue
        figures.extend(got)
        print(f"{name}: {len(got)} figures in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    machine = (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    header = f"Machine: {machine}; run {time.strftime('%Y-%m-%d %H:%M')}"
    if args.smoke:
        header += " (smoke run: figures are not meaningful)"
    text = f"{header}\n\n{_table(figures)}\n"
    print(text)
    if not args.smoke:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    if failed:
        print(f"benchmarks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
