"""Articles written for the analysis tests: one story told by two sites and a wire copy, and
an unrelated story. Plain data, made up for these tests (no real outlet's text)."""

from __future__ import annotations

from briefing.core.model.article import Article, Block


def _article(source: str, title: str, published: str, blocks: list[tuple[str, str]]) -> Article:
    out = []
    for n, (kind, text) in enumerate(blocks, start=1):
        if kind.startswith("callout:"):
            out.append(Block("callout", text, id=f"b{n}", label=kind.split(":", 1)[1]))
        elif kind == "qa":
            q, a = text.split("\n", 1)
            out.append(Block("qa", text, id=f"b{n}", question=q, answer=a))
        elif kind == "heading":
            out.append(Block("heading", text, id=f"b{n}", level=2))
        else:
            out.append(Block(kind, text, id=f"b{n}"))  # type: ignore[arg-type]
    return Article(title=title, blocks=out, published=published, id=source)


def baltic_a() -> Article:
    """The Baltic cable story as the first site tells it."""
    return _article(
        "s1",
        "Baltic data cable cut near Gotland; repairs take four days",
        "2026-03-05",
        [
            (
                "paragraph",
                "A data cable linking Sweden and Lithuania was cut near Gotland on 3 "
                "March, the operator said. Repairs caused a delay of four days for traffic "
                "between the two countries. The operator estimated the repair bill at $2bn "
                "including lost revenue.",
            ),
            ("heading", "Investigation"),
            (
                "paragraph",
                "Swedish police have opened an investigation into sabotage. A cargo ship "
                "that had dragged its anchor across the seabed was detained in port. Investigators "
                "said the ship's crew were cooperating.",
            ),
            (
                "paragraph",
                "The defence minister said the government will present a plan to protect "
                "undersea cables before the summer. Officials are likely to seek more patrol ships "
                "within the next two years.",
            ),
            ("paragraph", "Share your experience below."),
            (
                "callout:Key Takeaway",
                "The cut shows how exposed the Baltic's few data cables are to "
                "a single dragged anchor.",
            ),
            (
                "qa",
                "Who pays for the repairs?\nThe operator pays first and will seek damages from "
                "the ship's owner.",
            ),
            (
                "qa",
                "Was the cut deliberate?\nInvestigators have not said; sabotage has not been "
                "ruled out.",
            ),
        ],
    )


def baltic_b() -> Article:
    """The same story from a second site, with different figures for the delay and cost."""
    return _article(
        "s2",
        "Sweden investigates cut data cable in the Baltic Sea",
        "2026-03-06",
        [
            (
                "paragraph",
                "Sweden has opened a sabotage investigation after a data cable to "
                "Lithuania was cut near Gotland on 4 March. Traffic between the two countries "
                "suffered five days of delay while the cable was repaired.",
            ),
            (
                "paragraph",
                "A cargo ship that had dragged its anchor across the seabed was detained "
                "in port, police said. The repair bill, including lost revenue, came to $2.4bn, "
                "according to the operator.",
            ),
            ("heading", "What comes next"),
            (
                "paragraph",
                "The government will present a plan to protect undersea cables before "
                "the summer, the defence minister said. Insurers expect premiums for Baltic cable "
                "owners to rise next year.",
            ),
            ("paragraph", "Follow us for more updates."),
            (
                "qa",
                "Who will pay for the repair?\nThe operator, which will seek damages from the "
                "ship's owner.",
            ),
            ("qa", "How long did the repair take?\nFive days, according to the operator."),
        ],
    )


def baltic_wire() -> Article:
    """A wire copy of the first site's story, republished with a new top and trimmed."""
    a = baltic_a()
    blocks = [
        Block(
            "paragraph",
            "BREAKING: Sweden and Lithuania lose a data link after a cable cut near Gotland.",
            id="w1",
        ),  # fmt: skip
        *[
            Block(
                b.kind,
                b.text,
                id=f"w{n}",
                level=b.level,
                label=b.label,
                question=b.question,
                answer=b.answer,
            )
            for n, b in enumerate(a.blocks[:4], start=2)
        ],  # fmt: skip
    ]
    return Article(title="Baltic cable cut (wire)", blocks=blocks, published="2026-03-05", id="s3")


def harvest() -> Article:
    """An unrelated story."""
    return _article(
        "s4",
        "Drought cuts Spain's olive harvest for a second year",
        "2026-03-04",
        [
            (
                "paragraph",
                "Spain's olive harvest fell by a third this season after a second dry "
                "winter, farmers' groups said. Prices for olive oil rose 40% in shops. Growers in "
                "Andalusia said irrigation reservoirs stood at a fifth of their capacity.",
            ),
            (
                "paragraph",
                "The agriculture ministry will release emergency aid for growers in "
                "April. Economists expect olive oil prices to stay high until the next harvest.",
            ),
            ("heading", "Growers adapt"),
            (
                "paragraph",
                "Some growers are replacing old trees with drought-resistant varieties. "
                "Others have switched to almonds, which need less water.",
            ),
        ],
    )


def harvest_b() -> Article:
    """The olive story from a second site: a sentence shared nearly word for word, and a
    different figure for the price rise."""
    return _article(
        "s5",
        "Olive oil prices climb as Spanish harvest shrinks again",
        "2026-03-05",
        [
            (
                "paragraph",
                "Spain's olive harvest fell by a third this season after a second dry winter, "
                "farmers' groups said on Tuesday. Shop prices for olive oil rose 55% over the "
                "year, according to the statistics office.",
            ),
            (
                "paragraph",
                "The agriculture ministry will release emergency aid for growers in April, "
                "officials said. Exporters warned that buyers in Italy and France were already "
                "looking to Tunisia and Turkey for supplies.",
            ),
            ("paragraph", "Subscribe to our newsletter for weekly market updates."),
        ],
    )


def five_sources() -> list[Article]:
    """Five sources on two stories: the Baltic cable cut (two sites and a wire copy) and the
    Spanish olive harvest (two sites), given interleaved."""
    return [baltic_a(), harvest(), baltic_b(), baltic_wire(), harvest_b()]
