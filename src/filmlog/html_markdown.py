"""Review HTML (as Letterboxd exports it) to Markdown.

Letterboxd stores reviews as text with a few HTML tags: ``<i>``/``<em>``, ``<b>``/``<strong>``,
``<a href>`` (quoted with ' or "), ``<p>``, ``<br>``, ``<blockquote>``, and entities such as
``&#39;``. Everything else in a review is the user's own text, often already Markdown-ish
(``* points``, ``**bold**``), so text is kept as written; only tags are translated. Tags
outside that set are dropped and their text kept, so no tag survives into the journal.

Letterboxd shows every line break of a review (a blank line starts a paragraph). Markdown
joins the lines of a paragraph, so a single line break becomes a hard break: a backslash
ending the line (inside a quote too, before the next ``> `` line). Unlike two trailing
spaces, a backslash shows in an editor and survives one that trims lines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from filmlog.models import without_terminal_codes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_EMPHASIS = {"i": "*", "em": "*", "b": "**", "strong": "**"}
_BLOCKS = ("p", "blockquote", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6")
_FRAMED = (*_EMPHASIS, "a", *_BLOCKS)


def html_to_markdown(text: str) -> str:
    """Markdown for a review written in Letterboxd's HTML.

    Plain text comes back as it was, but for its line breaks (kept as hard breaks).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" not in text and "&" not in text:
        return _hard_breaks(_tidy(text))
    converter = _Converter()
    converter.feed(text)
    converter.close()
    # Character references can spell escape codes (&#27;[2J) that the raw text did not hold.
    return _hard_breaks(_tidy(without_terminal_codes(converter.result())))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined).strip("\n").strip()


def _hard_breaks(markdown: str) -> str:
    """End each line that Markdown would join to the next with a backslash (a hard break).

    Only lines inside one paragraph (or heading) are joined: list items, quotes, headings
    and code are left as they are.
    """
    if not _SINGLE_NEWLINE.search(markdown):
        return markdown  # one line, or paragraphs only: nothing for Markdown to join
    lines = markdown.split("\n")
    for token in _markdown_parser().parse(markdown):
        if token.type != "inline" or not token.map:
            continue
        first, end = token.map
        breaks = [c.type for c in token.children or () if c.type in ("softbreak", "hardbreak")]
        if len(breaks) != end - first - 1:
            continue  # a code span across lines: its line break is not one to show
        for offset, kind in enumerate(breaks):
            if kind == "softbreak":
                lines[first + offset] += "\\"
    return "\n".join(lines)


_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


@functools.cache
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


@dataclass
class _Frame:
    tag: str
    href: str | None = None
    parts: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.parts)


_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = [_Frame("")]

    def result(self) -> str:
        while len(self.stack) > 1:
            self._close_top()
        return self.stack[0].text()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1].parts.append("\n")
        elif tag in _FRAMED:
            href = dict(attrs).get("href") if tag == "a" else None
            self.stack.append(_Frame(tag, (href or "").strip() or None))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1].parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not any(frame.tag == tag for frame in self.stack[1:]):
            return
        while self.stack[-1].tag != tag:
            self._close_top()
        self._close_top()

    def handle_data(self, data: str) -> None:
        # Text that would read as a tag or an entity was escaped in the HTML; keep it literal.
        data = _TAG_LIKE.sub(r"\\<", data)
        data = _ENTITY_LIKE.sub(r"\\&", data)
        self.stack[-1].parts.append(data)

    def _close_top(self) -> None:
        frame = self.stack.pop()
        self.stack[-1].parts.append(_render(frame))


def _render(frame: _Frame) -> str:
    content = frame.text()
    if frame.tag in _EMPHASIS:
        return _emphasise(content, _EMPHASIS[frame.tag])
    if frame.tag == "a":
        return _link(content, frame.href)
    if frame.tag == "blockquote":
        inner = _tidy(content)
        if not inner:
            return ""
        quoted = "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        return f"\n\n{quoted}\n\n"
    if frame.tag == "li":
        return f"\n- {_tidy(content)}\n"
    if frame.tag.startswith("h") and frame.tag[1:].isdigit():
        return f"\n\n{'#' * int(frame.tag[1:])} {_tidy(content)}\n\n"
    return f"\n\n{_tidy(content)}\n\n"


def _emphasise(content: str, mark: str) -> str:
    # CommonMark emphasis cannot start or end on a space, nor cross a blank line.
    chunks = re.split(r"(\n\s*\n)", content)
    out = []
    for chunk in chunks:
        core = chunk.strip()
        if not core:
            out.append(chunk)
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$")


def _link(content: str, href: str | None) -> str:
    text = content.strip()
    if not href:
        return content
    if (not text or text == href) and _SCHEME.match(href):
        return f"<{href}>"
    label = (text or href).replace("[", "\\[").replace("]", "\\]")
    target = href
    if re.search(r"[\s()<>]", href):
        target = "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    lead = content[: len(content) - len(content.lstrip())]
    trail = content[len(content.rstrip()) :]
    return f"{lead}[{label}]({target}){trail}"
