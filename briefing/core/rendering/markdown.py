"""The configured Markdown renderer: CommonMark + tables, footnotes, strikethrough, with
callouts, Q&A pairs and citations as plugins, and links/images locked down.

Citations render as the document asks (:class:`CitationMarks`: numbers pointing at the
Sources list, or footnotes); one mark covers each run of text from the same sources
(:mod:`briefing.core.rendering.citation_runs`). A handling mark can open every paragraph
(portion marking).

Untrusted text stays inert: raw HTML is off (it renders as text), links keep only http,
https and mailto targets on public hosts (anything else renders as its label), and images
render only when they are ``data:`` URIs of PNG, JPEG or SVG the document itself embeds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.core.model import markup
from briefing.core.model.markup_parser import make_parser
from briefing.core.rendering.citation_runs import merge_citation_runs
from briefing.core.rendering.emoji import emoji_spans
from briefing.core.rendering.image_limits import data_uri_refusal
from briefing.core.rendering.text import emoji_html
from briefing.core.safe_text import safe_id
from briefing.core.safe_urls import safe_link

SAFE_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)
SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$", re.IGNORECASE)
MAX_IMAGE_URI = 10 * 1024 * 1024


def live_link(href: str) -> bool:
    """Whether a link in a briefing stays live: http, https or mailto, to a public host. A
    hand-edited or received ``.briefing`` may hold any link (every renderer asks this)."""
    return bool(SAFE_LINK.match(href)) and safe_link(href) is not None


def live_source_url(url: str) -> bool:
    """Whether a source's URL is written as a link (a public http or https page)."""
    return url.lower().startswith("http") and live_link(url)


def drawable_image(src: str) -> bool:
    """Whether an image in a briefing is drawn: a ``data:`` PNG, JPEG or SVG the document
    embeds, within the size limits of what it expands to
    (:mod:`briefing.core.rendering.image_limits`)."""
    return len(src) <= MAX_IMAGE_URI and bool(SAFE_IMAGE.match(src)) and not data_uri_refusal(src)


_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|file):", re.IGNORECASE)
_FIRST_SUBHEADING = 3  # a section's title is its <h2>; headings in its text start at <h3>
# A paragraph the analyst already marked, e.g. "(U) The call..." keeps its own mark.
_OWN_PORTION_MARK = re.compile(r"^\s*\([A-Z][A-Z0-9:+/ -]{0,30}\)\s")


class CitationMarks(Protocol):
    """Turns the source ids of one citation into its mark (see ``rendering.citations``)."""

    def mark(self, source_ids: list[str]) -> str: ...


def number_marks(numbers: dict[str, int], source_ids: list[str]) -> str:
    """A superscript of Sources-list numbers, each a link to its entry: ``<sup>1,3</sup>``
    (in the list's order, however the text names them)."""
    parts = []
    ordered = sorted(source_ids, key=lambda i: numbers.get(i, len(numbers) + 1))
    for source_id in ordered:
        number = numbers.get(source_id)
        if number is None:
            parts.append(f'<span class="cite-missing">@{escape(source_id)}?</span>')
        else:
            parts.append(f'<a href="#source-{number}">{number}</a>')
    return f'<sup class="cite">{",".join(parts)}</sup>'


def _validate_link(url: str) -> bool:
    """markdown-it's first gate: script and local-file schemes never become links."""
    return not _BAD_SCHEME.match(url)


# Holds a mark on the line of the word before it: without it WeasyPrint may set a mark that
# does not fit alone at the start of the next line (seen in narrow table cells).
WORD_JOINER = "\u2060"


def _render_citation(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    ids: list[str] = tokens[idx].meta["ids"]
    marks: CitationMarks | None = env.get("citations")
    mark = marks.mark(ids) if marks is not None else number_marks(env.get("sources", {}), ids)
    return WORD_JOINER + mark


def _render_link_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    safe = live_link(href)
    env.setdefault("_links", []).append(safe)
    if not safe:
        return ""
    # Only href and title survive: no rel (WeasyPrint turns rel=attachment into attachments).
    title = tokens[idx].attrGet("title")
    title_attr = f' title="{escape(str(title))}"' if title else ""
    return f'<a href="{escape(href)}"{title_attr}>'


def _render_link_close(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    stack: list[bool] = env.get("_links", [])
    return "</a>" if stack and stack.pop() else ""


def _render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if drawable_image(src):
        return f'<img src="{escape(src)}" alt="{escape(alt)}" class="figure">'
    label = f"image: {alt}" if alt else "image"
    return f'<span class="image-omitted">[{escape(label)}]</span>'


def _render_callout(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    if token.nesting != 1:
        return "</aside>\n"
    label = markup.callout_label(markup.fence_info(token.info).label)
    kind = markup.callout_kind(label)
    return f'<aside class="callout callout-{kind}">\n<p class="callout-label">{escape(label)}</p>\n'


def _render_check(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    """An analyst's check note: shown in the preview and the PDF as a note, never as content."""
    if tokens[idx].nesting != 1:
        return "</aside>\n"
    label = escape(markup.CHECK_LABEL)
    return f'<aside class="check" role="note">\n<p class="check-label">{label}</p>\n'


def _render_qa(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    return '<div class="qa">\n' if tokens[idx].nesting == 1 else "</div>\n"


def _strip_prefix(inline: Token, prefix: str) -> None:
    """Drop a leading ``**Q:**`` (strong + text) from an inline token's children."""
    kids = inline.children or []
    while kids and kids[0].type == "text" and not kids[0].content:
        del kids[0]
    if (
        len(kids) >= 3
        and kids[0].type == "strong_open"
        and kids[1].type == "text"
        and kids[1].content.strip() == prefix
        and kids[2].type == "strong_close"
    ):
        del kids[:3]
        if kids and kids[0].type == "text":
            kids[0].content = kids[0].content.lstrip()


def _qa_rule(state: Any) -> None:
    """Core rule: inside ``::: qa`` the first paragraph is the question, the rest the answer."""
    opened, closed = f"container_{markup.QA}_open", f"container_{markup.QA}_close"
    depth = 0
    first = False
    tokens: list[Token] = state.tokens
    for i, token in enumerate(tokens):
        if token.type == opened:
            depth += 1
            first = True
        elif token.type == closed:
            depth -= 1
        elif depth and token.type == "paragraph_open":
            token.attrSet("class", "qa-question" if first else "qa-answer")
            if i + 1 < len(tokens) and tokens[i + 1].type == "inline":
                prefix = markup.QUESTION_PREFIX if first else markup.ANSWER_PREFIX
                _strip_prefix(tokens[i + 1], prefix)
            first = False


def _token(kind: str, content: str = "") -> Token:
    token = Token(kind, "", 0)
    token.content = content
    return token


def _emoji_tokens(text: str) -> list[Token]:
    """``text`` as ``text`` and ``emoji`` tokens, each run of emoji held on one line with the
    word before it (``nobr_open`` / ``nobr_close``): WeasyPrint otherwise breaks such a line
    at its first break opportunity."""
    out: list[Token] = []
    pending = ""
    pieces = emoji_spans(text)
    for n, (piece, is_emoji) in enumerate(pieces):
        if not is_emoji:
            pending += piece
            continue
        if n == 0 or not pieces[n - 1][1]:
            stripped = pending.rstrip(" ")
            cut = stripped.rfind(" ") + 1
            if pending[:cut]:
                out.append(_token("text", pending[:cut]))
            out.append(_token("nobr_open"))
            if pending[cut:]:
                out.append(_token("text", pending[cut:]))
            pending = ""
        out.append(_token("emoji", piece))
        if n + 1 == len(pieces) or not pieces[n + 1][1]:
            out.append(_token("nobr_close"))
    if pending:
        out.append(_token("text", pending))
    return out


def _emoji_rule(state: Any) -> None:
    """Core rule: emoji become ``emoji`` tokens, drawn in the colour emoji font (or set as text
    where there is none; the Word export writes them as text).

    Putting the emoji font in the general font list makes Pango draw digits with it.
    """
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type == "text" and any(ord(c) >= 0x2300 for c in child.content):
                children.extend(_emoji_tokens(child.content))
            else:
                children.append(child)
        block.children = children


def _portion_rule(state: Any) -> None:
    """Core rule: the handling mark (``env["portion"]``) opens every paragraph."""
    mark = state.env.get("portion") if isinstance(state.env, dict) else None
    if not mark:
        return
    tokens: list[Token] = state.tokens
    for i, token in enumerate(tokens[:-1]):
        inline = tokens[i + 1]
        if token.type != "paragraph_open" or inline.type != "inline":
            continue
        if _OWN_PORTION_MARK.match(inline.content):
            continue
        inline.children = [_token("portion", mark), *(inline.children or [])]


def _heading_rule(state: Any) -> None:
    """Core rule: headings inside a section sit below the section's own <h2>.

    The passage's highest heading becomes <h3> and the others keep their distance from it,
    whether the text writes them from ``#`` (typed) or from ``###`` (drafted, see
    :func:`markup.heading_level`): a reader (and a screen reader) never meets a skipped level
    or a sub-heading set as body text.
    """
    levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
    if not levels:
        return
    shift = _FIRST_SUBHEADING - min(levels)
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"


def make_markdown() -> MarkdownIt:
    """A new renderer configured for briefing text (see the module docstring)."""
    md = make_parser()  # the dialect, read as the editor reads it
    md.validateLink = _validate_link  # type: ignore[method-assign]
    for name, render in (
        (markup.CALLOUT, _render_callout),
        (markup.QA, _render_qa),
        (markup.CHECK, _render_check),
    ):
        md.add_render_rule(f"container_{name}_open", render)
        md.add_render_rule(f"container_{name}_close", render)
    md.core.ruler.push("qa_pairs", _qa_rule)
    md.core.ruler.push("citation_runs", merge_citation_runs)
    md.core.ruler.push("shift_headings", _heading_rule)
    md.core.ruler.push("emoji", _emoji_rule)
    md.core.ruler.push("portion_marks", _portion_rule)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("emoji", lambda _s, tokens, idx, _o, _e: emoji_html(tokens[idx].content))
    md.add_render_rule("nobr_open", lambda *_: '<span class="nobr">')
    md.add_render_rule("nobr_close", lambda *_: "</span>")
    md.add_render_rule(
        "portion",
        lambda _s, tokens, idx, _o, _e: (
            f'<span class="portion">{escape(tokens[idx].content)}</span> '
        ),
    )
    return md


_MD: MarkdownIt | None = None


def _renderer() -> MarkdownIt:
    global _MD
    if _MD is None:
        _MD = make_markdown()
    return _MD


def render_markdown(
    text: str,
    *,
    sources: dict[str, int] | None = None,
    doc_id: str = "",
    citations: CitationMarks | None = None,
    portion: str = "",
) -> str:
    """HTML for one passage of briefing Markdown.

    ``sources`` maps a source id to its number in the Sources list (for ``[@s1]``), or
    ``citations`` renders the marks (footnotes, first use in full); ``doc_id`` keeps footnote
    anchors unique when several passages share one page; ``portion`` is the handling mark
    to set before each paragraph (none when empty).
    """
    env: dict[str, Any] = {"sources": sources or {}}
    if citations is not None:
        env["citations"] = citations
    if doc_id:
        # The footnote plugin writes docId into id and href attributes unescaped.
        env["docId"] = safe_id(doc_id, "part")
    if portion:
        env["portion"] = portion
    html: str = _renderer().render(text, env)
    return html


def render_inline(text: str, *, citations: CitationMarks | None = None) -> str:
    """HTML for one line of briefing Markdown (a table cell): emphasis, links and citations
    as in the sections, no blocks; raw HTML stays text and links stay locked down."""
    env: dict[str, Any] = {"sources": {}}
    if citations is not None:
        env["citations"] = citations
    html: str = _renderer().renderInline(" ".join(text.split()), env)
    return html
