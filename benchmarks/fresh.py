"""The fresh prediction set: benchmark pages the first labelled set never used, split once.

The rule was fixed before any of these pages was looked at (issue 13, second round):

- Pages: every page of ``../shared/article-benchmark`` and ``../shared/web-benchmark`` that no
  row of ``prediction-labels.jsonl`` names.
- Split: a page is **fresh held-out** when the first hex digit of
  SHA-1("i13b-fresh:" + page) is 0 or 1 (one page in eight), else **fresh dev**: unlabelled
  material the prediction rules may be developed on (read, never scored).
- Sample (held-out pages only, in SHA-1 order of the page id): import the page; keep it if
  its body reads as English; from its sentences of 6-60 words in paragraphs, lists and
  quotes, take the two whose SHA-1 is smallest among those with a forward-looking or hedging
  cue word (:data:`CUE`), and the one whose SHA-1 is smallest among those without; stop at
  :data:`TARGET` sentences.

``python -m benchmarks.fresh sample OUT.jsonl`` writes the sample with its text, for labelling;
``python -m benchmarks.fresh dev`` lists the fresh-dev pages. The labels themselves live in
``benchmarks/data/prediction-labels-fresh.jsonl`` (page and SHA-1, no text; see README).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import SHARED
from benchmarks.labels import LABELS
from briefing.core.analysis.terms import word_set

TARGET = 180
SALT = "i13b-fresh:"
CUE = re.compile(
    r"(?i)\b(?:will|won't|won’t|\w+'ll|\w+’ll|would|shall|going to|could|may|might|should|"
    r"must|expects?|expected|likely|unlikely|probably|possibly|perhaps|plans?|planned|"
    r"planning|set to|due to|scheduled|aims?|intends?|hopes?|forecasts?|predicts?|next|"
    r"upcoming|coming|soon|future|later|chance|risk|poised|20[2-3]\d)\b"
)
_ENGLISH = word_set("the of and to is in that it for was on are with as be by this")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def unused_pages() -> list[str]:
    """Every benchmark page no row of the first labelled set names, as ``bench/id``."""
    used = {
        json.loads(line).get("page")
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if line
    }
    out = []
    for bench in ("article-benchmark", "web-benchmark"):
        for path in sorted((SHARED / bench / "html").glob("*.html.gz")):
            page = f"{bench}/{path.name.removesuffix('.html.gz')}"
            if page not in used:
                out.append(page)
    return out


def is_held_out(page: str) -> bool:
    return _sha1(SALT + page)[0] in "01"


def page_sentences(page: str, tmp: Path) -> tuple[str | None, list[tuple[str, str]]]:
    """(published date, [(sentence, block kind)]) of one benchmark page, as imported."""
    from briefing.core.analysis import split_sentences
    from briefing.core.importing import import_file

    bench, page_id = page.split("/", 1)
    path = tmp / f"{page_id}.html"
    path.write_bytes(gzip.decompress((SHARED / bench / "html" / f"{page_id}.html.gz").read_bytes()))
    article = import_file(path)
    article.id = "s1"
    found = [(s.text, s.kind) for s in split_sentences(article) if s.kind != "callout"]
    return article.published, found


def _english(sentences: list[tuple[str, str]]) -> bool:
    words = [w.lower() for text, _ in sentences for w in re.findall(r"[A-Za-z']+", text)]
    return len(words) >= 50 and sum(w in _ENGLISH for w in words) / len(words) >= 0.12


def sample() -> Iterator[dict[str, object]]:
    """The held-out sample, in order (see the module docstring for the rule)."""
    pages = sorted((p for p in unused_pages() if is_held_out(p)), key=lambda p: _sha1(p))
    n = 0
    with tempfile.TemporaryDirectory() as folder:
        for page in pages:
            try:
                published, sentences = page_sentences(page, Path(folder))
            except Exception:  # a page the importer refuses has no sentences to sample
                continue
            if not _english(sentences):
                continue
            fit = [(t, k) for t, k in sentences if 6 <= len(t.split()) <= 60]
            cued = sorted((t for t, _ in fit if CUE.search(t)), key=_sha1)[:2]
            plain = sorted((t for t, _ in fit if not CUE.search(t)), key=_sha1)[:1]
            kinds = dict(fit)
            for text in cued + plain:
                yield {"id": f"fresh-{n:03d}", "part": "fresh", "page": page,
                       "sha1": _sha1(text), "published": published, "kind": kinds[text],
                       "text": text}  # fmt: skip
                n += 1
                if n >= TARGET:
                    return


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "dev":
        print("\n".join(p for p in unused_pages() if not is_held_out(p)))
    elif len(sys.argv) >= 3 and sys.argv[1] == "sample":
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            for row in sample():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        sys.exit(__doc__)
