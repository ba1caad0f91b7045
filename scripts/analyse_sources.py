"""Print what ``briefing.core.analysis.analyse`` makes of some articles, for a person to read.

    python scripts/analyse_sources.py [FILE ...] [--background 600] [--scale icd203|phia]

With no files: the bundled demo article and ../shared/samples/takaichi-trump-call.txt. Prints
the condensed Background by theme (each sentence with the sources it stands for), the
disagreements, the key takeaways, the FAQ and the prediction candidates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing.core.analysis import analyse  # noqa: E402
from briefing.core.importing import import_file  # noqa: E402
from briefing.core.paths import demo_article_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--background", type=int, default=600)
    parser.add_argument("--scale", default="icd203", choices=["icd203", "phia"])
    args = parser.parse_args(argv)
    files = args.files or [
        demo_article_path(),
        REPO.parent / "shared" / "samples" / "takaichi-trump-call.txt",
    ]
    articles = []
    for n, path in enumerate(files, start=1):
        article = import_file(path)
        article.id = f"s{n}"
        articles.append(article)
        print(f"[{article.id}] {article.title} ({path.name})")
    result = analyse(articles, background_words=args.background, scale=args.scale)
    print(f"\nstories: {result.stories}")
    print(f"\n== Background ({result.background.words} of {args.background} words) ==")
    for theme in result.themes:
        print(f"\n-- theme: {theme.label or '(no label)'}")
        for item in theme.items:
            cites = "; ".join(f"@{s}" for s in item.sources)
            print(f"{item.sentence.text} [{cites}]")
    print("\n== Disagreements ==")
    for d in result.disagreements:
        print(f"- {d.describe()}")
    print("\n== Key takeaways ==")
    for t in result.takeaways:
        print(f"- {t.text} [{'; '.join('@' + o.source for o in t.origins)}] own={t.own}")
    print("\n== FAQ ==")
    for item in result.faq:
        print(f"Q: {item.question}")
        for a in item.answers:
            print(f"   A: {a.text} [{'; '.join('@' + o.source for o in a.origins)}]")
    print("\n== Prediction candidates ==")
    for c in result.candidates:
        likelihood = f"{c.term} {c.probability}%" if c.term else "not assessed"
        frame = f"{c.timeframe} -> {c.resolve_by}" if c.timeframe else "no time frame"
        print(f"- [{c.origin.source}] {c.statement}\n    {likelihood}; {frame}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
