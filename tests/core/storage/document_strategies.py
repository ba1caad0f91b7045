"""Hypothesis strategies for briefings (shared by the document round-trip and fuzz tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Origin, Prediction, Section
from briefing.core.model.template import Brand, BrandColors, BrandFonts, SectionSpec, Template

text = st.text(max_size=40)
opt_text = st.none() | text
ident = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
# Ids in a document are slugs (A-Z a-z 0-9 _ -); the loader renames anything else.
doc_id = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
# Template and brand texts are validated as plain data (no URLs, paths or control characters).
plain = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,.?'’é]{0,30}", fullmatch=True)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["heading", "paragraph", "list", "quote", "callout", "qa"]))
    if kind == "qa":
        q, a = draw(text), draw(text)
        return Block(kind="qa", text=f"{q}\n{a}", id=draw(doc_id), question=q, answer=a)
    return Block(
        kind=kind,
        text=draw(text),
        id=draw(doc_id),
        level=draw(st.integers(1, 6)) if kind == "heading" else None,
        label=draw(text) if kind == "callout" else None,
    )


articles = st.builds(
    Article,
    title=text,
    blocks=st.lists(blocks(), max_size=4, unique_by=lambda b: b.id),
    authors=st.lists(text, max_size=3),
    published=opt_text,
    site=opt_text,
    url=opt_text,
    language=opt_text,
    id=doc_id,
    origin=opt_text,
)

origins = st.builds(Origin, source=doc_id, block=doc_id)

sections = st.builds(
    Section,
    id=ident,
    title=text,
    markdown=st.text(max_size=200),
    guidance=text,
    word_budget=st.none() | st.integers(0, 5000),
    origins=st.lists(origins, max_size=3),
)

predictions = st.builds(
    Prediction,
    statement=text,
    probability=st.none() | st.integers(0, 100),
    term=text,
    timeframe=text,
    resolve_by=opt_text,
    confidence=st.sampled_from(["", "low", "moderate", "high"]),
    indicators=st.lists(text, max_size=3),
    status=st.sampled_from(["open", "resolved"]),
    source=st.none() | doc_id,
    origin=st.none() | origins,
    criteria=text,
    id=st.from_regex(r"p-[0-9a-f]{12}", fullmatch=True),  # as the code that makes one gives it
)

metas = st.builds(
    Meta,
    analyst=text,
    organisation=text,
    date=text,
    audience=text,
    handling=text,
    reference=text,
    status=st.sampled_from(["draft", "final"]),
)

section_specs = st.builds(
    SectionSpec,
    id=ident,
    title=plain,
    guidance=plain,
    fill=st.lists(
        st.sampled_from(["narrative", "key-takeaway", "qa", "predictions", "callouts", "none"]),
        max_size=2,
        unique=True,
    ),
    word_budget=st.none() | st.integers(1, 5000),
    required=st.booleans(),
)

templates = st.builds(
    Template,
    id=ident,
    name=plain,
    description=plain,
    sections=st.lists(section_specs, max_size=4, unique_by=lambda s: s.id),
    page_budget=st.none() | st.integers(1, 40),
    handling=plain,
    brand=ident,
    builtin=st.just(False),
)

colors = st.from_regex(r"#[0-9A-F]{6}", fullmatch=True)

brands = st.builds(
    Brand,
    id=ident,
    name=plain,
    logo=st.none(),
    colors=st.builds(BrandColors, primary=colors, accent=colors, text=colors, muted=colors),
    fonts=st.builds(BrandFonts),
    page_size=st.sampled_from(["A4", "Letter"]),
    margins_mm=st.tuples(*[st.floats(5, 50, allow_nan=False).map(lambda f: round(f, 1))] * 4),
    header=st.lists(st.sampled_from(["organisation", "handling", "date", "title"]), unique=True),
    description=plain,
    footer=st.lists(st.sampled_from(["handling", "date", "page", "reference"]), unique=True),
    cover_page=st.booleans(),
    watermark=st.booleans(),
    builtin=st.just(False),
)

briefings = st.builds(
    Briefing,
    title=text,
    subtitle=text,
    meta=metas,
    sections=st.lists(sections, max_size=5, unique_by=lambda s: s.id),
    predictions=st.lists(predictions, max_size=3, unique_by=lambda p: p.id),
    sources=st.lists(articles, max_size=3, unique_by=lambda a: a.id),
    template=st.none() | templates,
    brand=st.none() | brands,
)
