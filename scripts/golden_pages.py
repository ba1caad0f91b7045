"""Regenerate the golden page images the rendering tests compare against, on purpose.

    python scripts/golden_pages.py [NAME ...]     e.g. demo-ministry sample-default

Run it after a rendering change you have looked at (render the PDFs, open the pages), then
review the new PNGs under tests/fixtures/golden/ in the diff before committing them. Without
names, every case is written: the demo in each built-in brand, and the sample where
../shared is present. Needs poppler's pdftoppm.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    # The built-in library only: the user's own brands must not change the golden pages.
    os.environ["BRIEFING_HOME"] = tempfile.mkdtemp(prefix="briefing-golden-")
    from support import golden

    if golden.pdftoppm() is None:
        print("golden_pages: pdftoppm (poppler-utils) is not installed", file=sys.stderr)
        return 1
    names = args.names or golden.case_names(with_sample=golden.SAMPLE.is_file())
    for path in golden.regenerate(names):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
