"""The plain text a review's Markdown renders to, and the snippet of it around a hit.

Search matches what a reader sees, not the markup (the hit of a link's address is none),
and shows a window of it on one line. A text without markup is its own plain text, so
the Markdown parser is imported only the first time a text holds some.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SNIPPET_CONTEXT = 60


class Snippet(msgspec.Struct, frozen=True):
    """A window of a review around its first hit; ``spans`` index into ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]


# Text without these is its own plain text: no emphasis, code, links, headings, HTML,
# entities, escapes, lists, quotes or rules.
_MARKDOWN_SIGNS = re.compile(r"[*_`#\[\]<>&\\~]|^ *(?:[-+=>]|\d+[.)])", re.MULTILINE)
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close"}


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """The text a reader sees of ``markdown``: no markup, link addresses or HTML tags;
    paragraphs, headings and list items apart on their own lines."""
    if not _MARKDOWN_SIGNS.search(markdown):
        return markdown
    parts: list[str] = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline", "image"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
        elif token.type in ("code_block", "fence"):
            parts.append(token.content.rstrip("\n") + "\n\n")
        elif token.type == "html_block":
            # Its text, as an import reads a review's HTML (no tag survives that).
            from filmlog.html_markdown import html_to_markdown

            parts.append(plain_text(html_to_markdown(token.content)) + "\n\n")
        elif token.type in _BLOCK_ENDS and parts and not parts[-1].endswith("\n"):
            parts.append("\n\n")
    return "".join(parts).strip()


def snippet(text: str, spans: Sequence[tuple[int, int]], context: int = SNIPPET_CONTEXT) -> Snippet:
    """The part of ``text`` around its first span, on one line, cut at word edges.

    ``…`` marks where the text was cut; every span inside the window is kept (shifted).
    """
    first_start, first_end = spans[0]
    start = max(0, first_start - context)
    end = min(len(text), first_end + context)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space >= 0 else end
    window = text[start:end]
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    flat, shifted = _one_line(window, inside)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    moved = tuple((s + len(lead), e + len(lead)) for s, e in shifted)
    return Snippet(lead + flat + tail, moved)


_RUN_OF_SPACE = re.compile(r"\s+")


def _one_line(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse runs of white space (line breaks too) into one space, moving the spans."""
    out: list[str] = []
    new_index: list[int] = []
    position = 0
    for match in _RUN_OF_SPACE.finditer(text):
        for char in text[position : match.start()]:
            new_index.append(len(out))
            out.append(char)
        for _ in range(match.start(), match.end()):
            new_index.append(len(out))
        out.append(" ")
        position = match.end()
    for char in text[position:]:
        new_index.append(len(out))
        out.append(char)
    new_index.append(len(out))
    flat = "".join(out)
    stripped_left = len(flat) - len(flat.lstrip())
    flat = flat.strip()
    moved = [
        (max(0, new_index[s] - stripped_left), min(len(flat), new_index[e] - stripped_left))
        for s, e in spans
    ]
    return flat, moved
