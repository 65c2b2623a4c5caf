"""A review on screen: Markdown rendered by Rich, raw HTML shown as typed.

A review with nothing Markdown would read (most are plain paragraphs) prints as ``Text``
paragraphs without importing ``rich.markdown`` and markdown-it, which cost a command
about 30 ms; one character that might be Markdown is enough to hand the review to Rich.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from filmlog.render.text import prose

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.markdown import Markdown

# Characters and line starts that can mean something in Markdown (emphasis, code, links,
# HTML, escapes, entities, tables, headings, quotes, lists, rules, code blocks, hard
# breaks). A false alarm only costs the import of rich.markdown.
_MARKDOWN = re.compile(
    r"[*_`\[\]<>\\|~#]|&[#\w]|^ {0,3}(?:[-+=]|\d+[.)])|^(?: {4}|\t)| {2}$", re.MULTILINE
)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")


def review(markdown: str) -> RenderableType:
    """A review's Markdown as a renderable."""
    text = prose(markdown)
    if _MARKDOWN.search(text.plain):
        return _markdown(text.plain)
    # What Markdown would make of it: paragraphs, their lines joined by spaces.
    parts: list[Text] = []
    for paragraph in _PARAGRAPHS.split(text.plain):
        if parts:
            parts.append(Text())
        parts.append(Text(" ".join(paragraph.split())))
    return Group(*parts)


def _markdown(text: str) -> Markdown:
    """Rich's Markdown of ``text``, read with raw HTML off: Rich would drop a tag such as
    ``<b>`` (and obey ``<kbd>``); as text it shows as typed."""
    from markdown_it import MarkdownIt
    from rich.markdown import Markdown

    rendered = Markdown("")
    parser = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])
    rendered.markup = text
    rendered.parsed = parser.parse(text)
    return rendered
