"""The Briefing dialect as markdown-it reads it: one configuration for every reader.

CommonMark with tables, strikethrough and footnotes, the ``::: callout``, ``::: qa`` and
``::: check`` containers and the ``[@s1]`` citation rule (:mod:`.markup` holds the patterns).
Raw HTML is off, so tags in article text stay text. The renderer adds its render rules to
this parser and the editor's formatted-text reader (:mod:`.richtext_read`) walks its tokens,
so both read a section alike.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from briefing.core.model import markup


def citation_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[@s1]`` or ``[@s1; @s2]`` -> a ``citation`` token (``meta["ids"]``)."""
    if state.src[state.pos] != "[" or state.src[state.pos + 1 : state.pos + 2] != "@":
        return False
    match = markup.CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        # "text. [@s1]" sets the superscript against the text, as in print.
        state.pending = state.pending.rstrip(" ")
        token = state.push("citation", "", 0)
        token.meta = {"ids": markup.citation_ids(match[1])}
    state.pos = match.end()
    return True


def make_parser() -> MarkdownIt:
    """A new markdown-it instance that reads the dialect (no render rules of its own)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(container_plugin, name=markup.CALLOUT)
    md.use(container_plugin, name=markup.QA)
    md.use(container_plugin, name=markup.CHECK)
    md.inline.ruler.before("link", "citation", citation_rule)
    return md
