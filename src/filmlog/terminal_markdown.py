"""Review Markdown laid out for a terminal, without Rich.

A review is Markdown as the rest of filmlog reads it: CommonMark with raw HTML turned off
(``<b>Bold</b>`` is text and shows as typed), plus tables and ``~~strikethrough~~``, the
two extensions people type most and the ones ``show`` has always drawn.

Two parsers produce one block structure (:func:`blocks`):

- :func:`parse_fast` reads the Markdown that reviews are made of (paragraphs, ATX
  headings, block quotes, lists, thematic breaks, hard breaks, ``*``/``_`` emphasis that
  nests plainly, inline links, autolinks, code spans, backslash escapes and entities)
  line by line and character run by character run. It is exact or it declines: whatever
  it is not certain to read as CommonMark would (emphasis runs that CommonMark pairs
  across each other, reference links, setext headings, code blocks and fences, tables,
  images, strikethrough, lazy continuation lines, odd indentation, tabs, addresses
  markdown-it would encode, ...) makes it return None. The tests hold it to
  markdown-it's reading of generated and real reviews.
- :func:`parse_full` reads anything, with markdown-it-py, imported only when needed
  (importing it costs a command about 35 ms).

The look (:func:`render_markdown`): paragraphs are word-wrapped, one blank line apart; a
soft line break is a space, a hard break a new line. Emphasis is italic, strong text
bold, strikethrough struck, code spans cyan. A link's text is underlined and followed by
its address, dimmed, in parentheses (left out when the text is the address; an address
percent-encoding non-ASCII text shows that text). Headings are bold, the first level also
underlined, without their ``#``. Quoted lines start with a magenta ``▌``; list items with
``•`` or their number, their lines hanging under the first; nested lists indent further;
a loose list (items apart) keeps a blank line between items. Code blocks keep their lines
as written, cyan and indented four cells, a line wider than the room folded onto the
next. A thematic break is a dim rule across the width; a table is laid out in columns
(its header bold, over a rule), or, when the columns cannot fit, as one ``header: value``
line per cell. An image shows as its alt text and address. No line is wider than the
width; containers give up their indentation rather than squeeze their text under four
cells. Control characters in the text never reach the terminal (``screen.Text`` drops
them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from filmlog import screen
from filmlog.screen import Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "Block",
    "CodeBlock",
    "Heading",
    "Inline",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Rule",
    "Span",
    "Table",
    "blocks",
    "parse_fast",
    "parse_full",
    "render_markdown",
]


# --------------------------------------------------------------------------- structure


class _Value:
    """Equality, hash and repr from the fields named in ``__slots__``."""

    __slots__: tuple[str, ...] = ()

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Value) and type(other) is type(self) and self._key() == other._key()
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(repr(value) for value in self._key())
        return f"{type(self).__name__}({shown})"


class Span(_Value):
    """Inline markup around its children.

    ``kind`` is ``em``, ``strong``, ``strike``, ``code`` (one child: the code), ``link``
    or ``image`` (``url`` is the address; an image's children are its alt text).
    """

    __slots__ = ("children", "kind", "url")

    def __init__(self, kind: str, children: Inline, url: str = "") -> None:
        self.kind = kind
        self.children = children
        self.url = url


# Text and spans; adjacent text is one string, a hard line break is "\n" in it.
Inline = tuple[str | Span, ...]


class Paragraph(_Value):
    """A paragraph."""

    __slots__ = ("content",)

    def __init__(self, content: Inline) -> None:
        self.content = content


class Heading(_Value):
    """A heading of level 1 to 6."""

    __slots__ = ("content", "level")

    def __init__(self, level: int, content: Inline) -> None:
        self.level = level
        self.content = content


class Quote(_Value):
    """A block quote."""

    __slots__ = ("blocks",)

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks


class ListBlock(_Value):
    """A bullet list (``start`` None) or an ordered one numbered from ``start``."""

    __slots__ = ("items", "loose", "start")

    def __init__(
        self, start: int | None, loose: bool, items: tuple[tuple[Block, ...], ...]
    ) -> None:
        self.start = start
        self.loose = loose
        self.items = items


class CodeBlock(_Value):
    """Lines shown as they are written."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Rule(_Value):
    """A thematic break."""

    __slots__ = ()


class Table(_Value):
    """A table: ``aligns`` holds ``left``, ``right``, ``center`` or ``""`` per column."""

    __slots__ = ("aligns", "header", "rows")

    def __init__(
        self,
        aligns: tuple[str, ...],
        header: tuple[Inline, ...],
        rows: tuple[tuple[Inline, ...], ...],
    ) -> None:
        self.aligns = aligns
        self.header = header
        self.rows = rows


Block = Paragraph | Heading | Quote | ListBlock | CodeBlock | Rule | Table


class _Run:
    """Inline content being built: adjacent text joined, a line feed only for hard breaks."""

    __slots__ = ("nodes",)

    def __init__(self) -> None:
        self.nodes: list[str | Span] = []

    def text(self, text: str) -> None:
        self._add(text.replace("\n", " ") if "\n" in text else text)

    def hard_break(self) -> None:
        self._add("\n")

    def _add(self, text: str) -> None:
        if not text:
            return
        if self.nodes and isinstance(self.nodes[-1], str):
            self.nodes[-1] += text
        else:
            self.nodes.append(text)

    def span(self, span: Span) -> None:
        self.nodes.append(span)

    def done(self) -> Inline:
        return tuple(self.nodes)


def blocks(text: str) -> tuple[Block, ...]:
    """The review's blocks: read by the fast parser when it can, else by markdown-it."""
    found = parse_fast(text)
    return found if found is not None else parse_full(text)


# --------------------------------------------------------------------------- fast parser


class _Refused(Exception):
    """The text holds something the fast parser leaves to markdown-it."""


_MAX_DEPTH = 6
# Controls (after line endings are made "\n"), tabs, and what markdown-it turns into U+FFFD.
_UNSUPPORTED = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Thematic breaks, setext underlines, table delimiter rows (and a bit more); code fences.
_SUSPECT = re.compile(r"[ \-=*_:|]*$|```|~~~")
_BREAK = re.compile(r"(?:\*[ ]*){3,}$|(?:-[ ]*){3,}$|(?:_[ ]*){3,}$")
_HEADING = re.compile(r"(#{1,6})(?: |$)")
_MARKER = re.compile(r"(?:([-+*])|([0-9]{1,9})([.)]))( *)")


def parse_fast(text: str) -> tuple[Block, ...] | None:
    """The blocks of ``text`` when it is plain enough to read without markdown-it, else None.

    Whatever it returns, markdown-it reads the same; it declines everything else.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNSUPPORTED.search(text):
        return None
    try:
        return tuple(_fast_blocks(text.split("\n"), 0))
    except _Refused:
        return None


def _fast_blocks(lines: Sequence[str], depth: int) -> list[Block]:
    found: list[Block] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        start = line.lstrip(" ")
        if not start:
            index += 1
            continue
        indent = len(line) - len(start)
        if not indent and _BREAK.match(start):
            found.append(Rule())  # here, not under a paragraph line: not an underline
            index += 1
            continue
        if indent > 3 or _SUSPECT.match(start):
            raise _Refused  # indented code, underlines, table rows, fences
        first = start[0]
        if indent and not first.isalpha():
            if _marker(start) is None:
                raise _Refused  # a block indented in a way left to markdown-it
            index = _fast_list(lines, index, depth, found)
        elif first == "#" and (heading := _HEADING.match(start)):
            content = start[heading.end() :].strip(" ")
            if not content or content.endswith("#"):
                raise _Refused  # empty, or maybe a closing sequence
            found.append(Heading(len(heading.group(1)), _fast_inline(content.strip())))
            index += 1
        elif first == ">":
            index = _fast_quote(lines, index, depth, found)
        elif _marker(start) is not None:
            index = _fast_list(lines, index, depth, found)
        else:
            index = _fast_paragraph(lines, index, found)
    return found


def _marker(line: str) -> tuple[str, int | None, int] | None:
    """A list item's marker character, number (None for a bullet) and content column."""
    match = _MARKER.match(line)
    if match is None:
        return None
    end = match.end()
    spaces = len(match.group(4))
    if end == len(line):
        raise _Refused  # an empty item
    if not spaces:
        return None
    if spaces > 4:
        raise _Refused  # an item starting with indented code
    number = match.group(2)
    return (match.group(1) or match.group(3), int(number) if number else None, end)


def _interrupts(line: str) -> bool:
    """Whether a line (indented less than four spaces) ends the paragraph before it."""
    first = line[0]
    if first == "#":
        return _HEADING.match(line) is not None
    if first == ">":
        return True
    marker = _marker(line)
    return marker is not None and (marker[1] is None or marker[1] == 1)


def _fast_paragraph(lines: Sequence[str], index: int, found: list[Block]) -> int:
    end = index + 1
    while end < len(lines):
        line = lines[end]
        start = line.lstrip(" ")
        if not start:
            break
        if _SUSPECT.match(start):
            raise _Refused
        indent = len(line) - len(start)
        if indent < 4:
            if _interrupts(start):
                break
            if indent and not start[0].isalpha():
                raise _Refused
        end += 1
    # Python's strip() and markdown-it's trim differ only on control characters.
    source = "\n".join([lines[index], *lines[index + 1 : end]]).strip()
    if source.startswith("[") and "]:" in source:
        raise _Refused  # maybe a link reference definition
    found.append(Paragraph(_fast_inline(source)))
    return end


def _fast_quote(lines: Sequence[str], index: int, depth: int, found: list[Block]) -> int:
    if depth >= _MAX_DEPTH:
        raise _Refused
    inner: list[str] = []
    while index < len(lines):
        line = lines[index]
        if line.startswith(">"):
            rest = line[1:]
            inner.append(rest[1:] if rest.startswith(" ") else rest)
        elif line.strip(" "):
            raise _Refused  # a lazy continuation line, or a block right under the quote
        else:
            break
        index += 1
    found.append(Quote(tuple(_fast_blocks(inner, depth + 1))))
    return index


def _fast_list(lines: Sequence[str], index: int, depth: int, found: list[Block]) -> int:
    if depth >= _MAX_DEPTH:
        raise _Refused
    base = len(lines[index]) - len(lines[index].lstrip(" "))
    marker = _marker(lines[index][base:])
    assert marker is not None
    kind, start, column = marker[0], marker[1], base + marker[2]
    items: list[tuple[Block, ...]] = []
    loose = False
    count = len(lines)
    while True:
        item = [lines[index][column:]]
        after = index + 1
        following: tuple[int, int] | None = None
        while after < count:
            line = lines[after]
            bare = line.lstrip(" ")
            indent = len(line) - len(bare)
            if not bare:
                ahead = after + 1
                while ahead < count and not lines[ahead].strip(" "):
                    ahead += 1
                if ahead < count:
                    next_line = lines[ahead]
                    indent = len(next_line) - len(next_line.lstrip(" "))
                    if indent >= column:
                        raise _Refused  # an item of several blocks apart
                    if _SUSPECT.match(next_line, indent):
                        raise _Refused  # maybe a thematic break that ends the list
                    sibling = _marker(next_line[indent:]) if indent < 4 else None
                    if sibling is not None and indent != base:
                        raise _Refused  # an item indented unlike the first
                    if sibling is not None and sibling[0] == kind:
                        loose = True
                        following = (ahead, base + sibling[2])
                break
            if indent >= column:
                item.append(line[column:])
                after += 1
                continue
            if _SUSPECT.match(bare):
                raise _Refused  # maybe a thematic break that ends the list
            sibling = _marker(bare) if indent == base else None
            if sibling is None:
                raise _Refused  # a lazy continuation line, or a block the list gives way to
            if sibling[0] == kind:
                following = (after, base + sibling[2])
            break
        items.append(tuple(_fast_blocks(item, depth + 1)))
        if following is None:
            break
        index, column = following
    if loose and any(len(item) != 1 or type(item[0]) is not Paragraph for item in items):
        raise _Refused  # loose lists of nested blocks: their looseness is subtle
    found.append(ListBlock(start, loose, tuple(items)))
    return after


# Characters that may start inline syntax; everything else is plain text.
_PLAIN = re.compile(r"[^\n\\`*_&<\[!~]+")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ASCII_PUNCTUATION = _ESCAPABLE
_WHITE = frozenset(
    " \t\n\x0b\x0c\r\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
)
# Patterns only some reviews need are compiled on first use (compiling costs start-up).
_DIGITAL = r"&#((?:x[a-f0-9]{1,6}|[0-9]{1,7}));"
_NAMED = r"&([a-z][a-z0-9]{1,31});"
_COMMON_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\xa0"}
# markdown-it's own patterns, searched as it does ("$" also matches before a final "\n").
_AUTOLINK = r"^[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20]*$"
_EMAIL = (
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)
_ENTITY_LIKE = r"&#?[A-Za-z0-9]+;"
_HEX = frozenset("0123456789abcdefABCDEF")
# Characters of the addresses markdown-it keeps exactly as written (it percent-encodes others).
_URL_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'*+,;=%"
)
_ADDRESS_CHARS = _URL_CHARS | frozenset("()")
_UNSAFE_SCHEMES = ("vbscript:", "javascript:", "file:", "data:")


@functools.cache
def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


class _Delimiter:
    """A run of ``*`` or ``_`` that may open or close emphasis."""

    __slots__ = ("can_close", "can_open", "char", "length", "paired")

    def __init__(self, char: str, length: int, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.length = length
        self.can_open = can_open
        self.can_close = can_close
        self.paired = False


_HARD_BREAK = object()


def _fast_inline(source: str) -> Inline:
    return _fast_scope(source, 0, len(source))


def _fast_scope(src: str, pos: int, end: int) -> Inline:
    """The inline content of ``src[pos:end]`` (a paragraph, or a link's text)."""
    items: list[object] = []
    pending = ""
    plain = _PLAIN.match
    while pos < end:
        found = plain(src, pos, end)
        if found:
            pending += found.group()
            pos = found.end()
            continue
        char = src[pos]
        if char == "\n":
            # As markdown-it: two trailing spaces make a hard break; one is dropped.
            if pending.endswith("  "):
                items.append(pending.rstrip(" "))
                items.append(_HARD_BREAK)
            else:
                items.append(pending[:-1] if pending.endswith(" ") else pending)
                items.append(" ")
            pending = ""
            pos = _skip_spaces(src, pos + 1, end)
        elif char == "\\":
            if pos + 1 >= end:
                pending += "\\"
                pos += 1
                continue
            items.append(pending)
            pending = ""
            following = src[pos + 1]
            if following == "\n":
                items.append(_HARD_BREAK)
                pos = _skip_spaces(src, pos + 2, end)
            else:
                items.append(following if following in _ESCAPABLE else "\\" + following)
                pos += 2
        elif char == "`":
            stop = pos
            while stop < end and src[stop] == "`":
                stop += 1
            close = _closing_backticks(src, stop, end, stop - pos)
            if close is None:
                pending += src[pos:stop]
                pos = stop
                continue
            items.append(pending)
            pending = ""
            code = src[stop:close].replace("\n", " ")
            if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
                code = code[1:-1]
            items.append(Span("code", (code,)))
            pos = close + stop - pos
        elif char in "*_":
            stop = pos
            while stop < end and src[stop] == char:
                stop += 1
            items.append(pending)
            pending = ""
            items.append(_delimiter(src, pos, stop, end))
            pos = stop
        elif char == "~":
            if pos + 1 < end and src[pos + 1] == "~":
                raise _Refused  # strikethrough
            pending += "~"
            pos += 1
        elif char == "&":
            entity = _entity(src, pos, end)
            if entity is None:
                pending += "&"
                pos += 1
            else:
                items.append(pending)
                pending = ""
                items.append(entity[0])
                pos = entity[1]
        elif char == "<":
            link = _autolink(src, pos, end)
            if link is None:
                pending += "<"
                pos += 1
            else:
                items.append(pending)
                pending = ""
                items.append(link[0])
                pos = link[1]
        elif char == "!":
            if pos + 1 < end and src[pos + 1] == "[":
                raise _Refused  # an image
            pending += "!"
            pos += 1
        else:  # "["
            link = _inline_link(src, pos, end)
            if link is None:
                pending += "["
                pos += 1
            else:
                items.append(pending)
                pending = ""
                items.append(link[0])
                pos = link[1]
    items.append(pending)
    return _emphasised(items)


def _skip_spaces(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] == " ":
        pos += 1
    return pos


def _closing_backticks(src: str, pos: int, end: int, length: int) -> int | None:
    """Where the run of exactly ``length`` backticks closing a code span starts."""
    while True:
        start = src.find("`", pos, end)
        if start == -1:
            return None
        stop = start
        while stop < len(src) and src[stop] == "`":
            stop += 1
        if stop > end:
            return None
        if stop - start == length:
            return start
        pos = stop


def _kind(char: str) -> int:
    """0 for a letter or digit (or other), 1 for white space, 2 for punctuation."""
    if char in _WHITE:
        return 1
    if char < "\x80":
        return 2 if char in _ASCII_PUNCTUATION else 0
    category = unicodedata.category(char)
    if category[0] == "P":
        return 2
    if category[0] in "LN":
        return 0
    raise _Refused  # symbols count as punctuation for some markdown-it versions only


def _delimiter(src: str, start: int, stop: int, end: int) -> _Delimiter:
    """The run ``src[start:stop]`` with what it can do, by CommonMark's flanking rules."""
    before = _kind(src[start - 1]) if start > 0 else 1
    after = _kind(src[stop]) if stop < end else 1
    left = after != 1 and (after != 2 or before != 0)
    right = before != 1 and (before != 2 or after != 0)
    if src[start] == "*":
        return _Delimiter("*", stop - start, left, right)
    can_open = left and (not right or before == 2)
    can_close = right and (not left or after == 2)
    return _Delimiter("_", stop - start, can_open, can_close)


def _entity(src: str, pos: int, end: int) -> tuple[str, int] | None:
    if pos + 1 >= end:
        return None
    if src[pos + 1] == "#":
        digital = _lazy(_DIGITAL, re.IGNORECASE).match(src, pos)
        if digital is None:
            return None
        number = digital.group(1)
        code = int(number[1:], 16) if number[0] in "xX" else int(number)
        return (chr(code) if _valid_code(code) else "\ufffd", digital.end())
    named = _lazy(_NAMED, re.IGNORECASE).match(src, pos)
    if named is None:
        return None
    name = named.group(1)
    value = _COMMON_ENTITIES.get(name)
    if value is None:
        from html.entities import html5

        value = html5.get(name + ";", html5.get(name))
        if value is None:
            return None
    return (value, named.end())


def _valid_code(code: int) -> bool:
    """Whether a numeric entity names a character (markdown-it's rule)."""
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFF in (0xFFFF, 0xFFFE):
        return False
    if code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F:
        return False
    return code <= 0x10FFFF


def _autolink(src: str, pos: int, end: int) -> tuple[Span, int] | None:
    close = pos + 1
    while close < end and src[close] not in "<>":
        close += 1
    if close >= end or src[close] == "<":
        return None
    url = src[pos + 1 : close]
    if _lazy(_AUTOLINK).search(url):
        if _plain_url(url) and "%" not in url and "xn--" not in url.lower():
            return (Span("link", (url,), url), close + 1)
        raise _Refused  # markdown-it would encode or refuse the address
    if _lazy(_EMAIL).search(url):
        raise _Refused
    return None


def _plain_url(url: str) -> bool:
    """Whether markdown-it takes ``url`` as it is (no encoding, no entity, a safe scheme)."""
    if not url or not _ADDRESS_CHARS.issuperset(url):
        return False
    if url[:11].lower().startswith(_UNSAFE_SCHEMES):
        return False
    at = url.find("%")
    while at != -1:
        if at + 3 > len(url) or not _HEX.issuperset(url[at + 1 : at + 3]):
            return False  # a lone "%" would be encoded
        at = url.find("%", at + 3)
    return "&" not in url or not _lazy(_ENTITY_LIKE).search(url)


def _inline_link(src: str, pos: int, end: int) -> tuple[Span, int] | None:
    """An inline link ``[text](url)`` at ``pos``; None when the bracket is only text."""
    # The text ends at the first "]" outside a code span, an autolink or an escape.
    label_end = pos + 1
    while label_end < end:
        char = src[label_end]
        if char == "]":
            break
        if char == "[":
            raise _Refused  # brackets inside the text
        if char == "\\" and label_end + 1 < end:
            label_end += 2
        elif char == "`":
            stop = label_end
            while stop < end and src[stop] == "`":
                stop += 1
            close = _closing_backticks(src, stop, end, stop - label_end)
            label_end = stop if close is None else close + stop - label_end
        elif char == "<":
            link = _autolink(src, label_end, end)
            label_end = label_end + 1 if link is None else link[1]
        else:
            label_end += 1
    if label_end >= end:
        return None
    if label_end + 1 >= end or src[label_end + 1] != "(":
        return None  # a reference link, and there are no definitions
    start = stop = label_end + 2
    if stop < end and src[stop] == "<":  # <url>, which may hold unbalanced parentheses
        close = src.find(">", stop, end)
        url = src[stop + 1 : close]
        if close == -1 or close + 1 >= end or src[close + 1] != ")":
            raise _Refused
        if not url or not _plain_url(url):
            raise _Refused
        return (Span("link", _fast_scope(src, pos + 1, label_end), url), close + 2)
    depth = 0
    while stop < end:
        char = src[stop]
        if char == "(":
            depth += 1
            if depth > 32:
                raise _Refused
        elif char == ")":
            if not depth:
                break
            depth -= 1
        elif char not in _URL_CHARS:
            raise _Refused  # spaces, a title, escapes or encoding
        stop += 1
    url = src[start:stop]
    if stop >= end or not url or not _plain_url(url):
        raise _Refused
    return (Span("link", _fast_scope(src, pos + 1, label_end), url), stop + 1)


def _emphasised(items: list[object]) -> Inline:
    """Pair the delimiters and build the content.

    Each closer must close the innermost open opener, with the same character and length:
    then CommonMark's pairing is plain nesting (and its rule of three never applies).
    A run that can do both closes when it can, else opens. Anything else is left to
    markdown-it.
    """
    openers: list[_Delimiter] = []
    for item in items:
        if not isinstance(item, _Delimiter) or not (item.can_open or item.can_close):
            continue
        if item.length > 3:
            raise _Refused
        if item.can_close and openers:
            opener = openers.pop()
            if opener.char != item.char or opener.length != item.length:
                raise _Refused
            opener.paired = item.paired = True
            item.can_open = False
        elif item.can_open:
            openers.append(item)
    run = _Run()
    outer: list[_Run] = []
    for item in items:
        if isinstance(item, str):
            run.text(item)
        elif isinstance(item, Span):
            run.span(item)
        elif isinstance(item, _Delimiter):
            if not item.paired:
                run.text(item.char * item.length)
            elif item.can_open:  # a closer that could open too no longer can
                outer.append(run)
                run = _Run()
            else:
                content = run.done()
                run = outer.pop()
                if item.length == 1:
                    run.span(Span("em", content))
                elif item.length == 2:
                    run.span(Span("strong", content))
                else:
                    run.span(Span("em", (Span("strong", content),)))
        else:
            run.hard_break()
    return run.done()


# --------------------------------------------------------------------------- markdown-it


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def parse_full(text: str) -> tuple[Block, ...]:
    """The blocks of any review, as markdown-it reads it."""
    tokens = _parser().parse(text)
    found, _ = _token_blocks(tokens, 0, "")
    return tuple(found)


def _token_blocks(tokens: list[Token], index: int, close: str) -> tuple[list[Block], int]:
    found: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == close:
            return found, index + 1
        if kind == "paragraph_open":
            found.append(Paragraph(_token_inline(tokens[index + 1].children)))
            index += 3
        elif kind == "heading_open":
            found.append(Heading(int(token.tag[1:]), _token_inline(tokens[index + 1].children)))
            index += 3
        elif kind == "blockquote_open":
            inner, index = _token_blocks(tokens, index + 1, "blockquote_close")
            found.append(Quote(tuple(inner)))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            first = index
            start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else None
            items: list[tuple[Block, ...]] = []
            index += 1
            while tokens[index].type == "list_item_open":
                inner, index = _token_blocks(tokens, index + 1, "list_item_close")
                items.append(tuple(inner))
            loose = any(
                t.type == "paragraph_open" and t.level == token.level + 2 and not t.hidden
                for t in tokens[first:index]
            )
            found.append(ListBlock(start, loose, tuple(items)))
            index += 1
        elif kind in ("fence", "code_block"):
            found.append(CodeBlock(token.content.removesuffix("\n")))
            index += 1
        elif kind == "hr":
            found.append(Rule())
            index += 1
        elif kind == "table_open":
            table, index = _token_table(tokens, index + 1)
            found.append(table)
        elif kind == "html_block":  # not with HTML turned off; shown as typed if it comes
            run = _Run()
            for number, line in enumerate(token.content.strip("\n").split("\n")):
                if number:
                    run.hard_break()
                run.text(line)
            found.append(Paragraph(run.done()))
            index += 1
        else:
            index += 1
    return found, index


def _token_table(tokens: list[Token], index: int) -> tuple[Table, int]:
    rows: list[tuple[Inline, ...]] = []
    aligns: list[str] = []
    row: list[Inline] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
        elif token.type in ("th_open", "td_open"):
            if not rows:
                style = str(token.attrs.get("style", ""))
                aligns.append(style.removeprefix("text-align:"))
            row.append(_token_inline(tokens[index + 1].children))
            index += 1
        index += 1
    header = rows[0] if rows else ()
    return Table(tuple(aligns), header, tuple(rows[1:])), index + 1


_OPENING = {"em_open": "em", "strong_open": "strong", "s_open": "strike", "link_open": "link"}


def _token_inline(children: list[Token] | None) -> Inline:
    run = _Run()
    stack: list[tuple[_Run, str, str]] = []
    for token in children or ():
        kind = token.type
        if kind == "softbreak":
            run.text(" ")
        elif kind == "hardbreak":
            run.hard_break()
        elif kind == "code_inline":
            run.span(Span("code", (token.content,)))
        elif kind in _OPENING:
            stack.append((run, _OPENING[kind], str(token.attrs.get("href", ""))))
            run = _Run()
        elif kind in ("em_close", "strong_close", "s_close", "link_close"):
            outer, span_kind, url = stack.pop()
            outer.span(Span(span_kind, run.done(), url))
            run = outer
        elif kind == "image":
            alt = _token_inline(token.children)
            run.span(Span("image", alt, str(token.attrs.get("src", ""))))
        else:  # text, text_special (escapes, entities), html_inline
            run.text(token.content)
    return run.done()


# --------------------------------------------------------------------------- rendering

QUOTE_STYLE = screen.MAGENTA
CODE_STYLE = screen.CYAN
_MARKS = {"em": screen.ITALIC, "strong": screen.BOLD, "strike": "9"}
_MIN_TEXT = 4  # cells a container leaves its text at least, else it drops its indent


def render_markdown(text: str, width: int) -> list[Text]:
    """The review laid out in lines of at most ``width`` cells (no trailing blank line)."""
    return _render(blocks(text), max(width, 1), tight=False)


def _render(found: Sequence[Block], width: int, tight: bool) -> list[Text]:
    lines: list[Text] = []
    for block in found:
        rendered = _render_block(block, width)
        if lines and rendered and not tight:
            lines.append(Text())
        lines.extend(rendered)
    return lines


def _render_block(block: Block, width: int) -> list[Text]:
    if isinstance(block, Paragraph):
        return _wrapped(styled(block.content), width)
    if isinstance(block, Heading):
        style = f"{screen.BOLD};{screen.UNDERLINE}" if block.level == 1 else screen.BOLD
        return _wrapped(styled(block.content, style), width)
    if isinstance(block, Quote):
        return _render_quote(block, width)
    if isinstance(block, ListBlock):
        return _render_list(block, width)
    if isinstance(block, CodeBlock):
        return _render_code(block.text, width)
    if isinstance(block, Table):
        return _render_table(block, width)
    return [Text("─" * width, screen.DIM)]


def _wrapped(text: Text, width: int) -> list[Text]:
    """Text wrapped to the width, without blank lines at its ends (a hard break there)."""
    lines = screen.wrap(text, width) if text.runs else []
    while lines and not lines[-1].plain.strip():
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start].plain.strip():
        start += 1
    return lines[start:]


def _render_quote(quote: Quote, width: int) -> list[Text]:
    if width - 2 < _MIN_TEXT:
        return _render(quote.blocks, width, tight=False)
    return [
        Text("▌ " if line.runs else "▌", QUOTE_STYLE) + line
        for line in _render(quote.blocks, width - 2, tight=False)
    ]


def _render_list(block: ListBlock, width: int) -> list[Text]:
    count = len(block.items)
    if block.start is None:
        markers = ["•"] * count
    else:
        numbers = [f"{block.start + n}." for n in range(count)]
        widest = max(len(number) for number in numbers)
        markers = [number.rjust(widest) for number in numbers]
    indent = screen.cell_len(markers[0]) + 1 if markers else 0
    hanging = width - indent >= _MIN_TEXT
    lines: list[Text] = []
    for marker, item in zip(markers, block.items, strict=True):
        if lines and block.loose:
            lines.append(Text())
        if not hanging:
            lines.append(screen.truncate(Text(marker), width))
            lines.extend(_render(item, width, tight=not block.loose))
            continue
        body = _render(item, width - indent, tight=not block.loose)
        lines.append(Text(marker + " ") + (body[0] if body else Text()))
        lines.extend(Text(" " * indent) + line if line.runs else line for line in body[1:])
    return lines


def _render_code(code: str, width: int) -> list[Text]:
    indent = 4 if width - 4 >= _MIN_TEXT else 0
    room = width - indent
    lines: list[Text] = []
    code = code.strip("\n")
    for line in code.split("\n") if code else ():
        clean = screen.clean(line)
        if not clean:
            lines.append(Text())
            continue
        for piece in _fold(clean, room):
            lines.append(Text(" " * indent) + Text(piece, CODE_STYLE))
    return lines


def _fold(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells."""
    if screen.cell_len(text) <= width:
        return [text]
    pieces: list[str] = []
    piece, used = "", 0
    for char in text:
        cells = screen.char_width(char) if ord(char) >= 0x300 else 1
        if used + cells > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += cells
    pieces.append(piece)
    return pieces


_GAP = 2


def _render_table(table: Table, width: int) -> list[Text]:
    header = [styled(cell, screen.BOLD) for cell in table.header]
    rows = [[styled(cell) for cell in row] for row in table.rows]
    count = len(header)
    if not count:
        return []
    natural = [
        max([_natural(header[n])] + [_natural(row[n]) for row in rows if n < len(row)])
        for n in range(count)
    ]
    room = width - _GAP * (count - 1)
    if room < 3 * count:
        return _render_table_rows(header, rows, width)
    widths = _fit(natural, room)
    justify = ["right" if align == "right" else "left" for align in table.aligns]
    justify += ["left"] * (count - len(justify))

    def laid_out(cells: list[list[Text]]) -> list[Text]:
        columns = [
            screen.Column(
                "",
                [row[n] if n < len(row) else Text() for row in cells],
                width=widths[n],
                justify="right" if justify[n] == "right" else "left",
            )
            for n in range(count)
        ]
        return screen.table(columns, gap=_GAP, header=False)

    lines = laid_out([header])
    lines.append(Text("─" * (sum(widths) + _GAP * (count - 1)), screen.DIM))
    return lines + laid_out(rows) if rows else lines


def _natural(cell: Text) -> int:
    return max((screen.cell_len(line) for line in cell.plain.split("\n")), default=0)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: the narrow columns keep theirs, the wide ones share."""
    if sum(natural) <= room:
        return natural
    low, high = 1, max(natural)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if sum(min(n, cap) for n in natural) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [min(n, low) for n in natural]
    spare = room - sum(widths)
    for n, wanted in enumerate(natural):
        if spare and widths[n] < wanted:
            widths[n] += 1
            spare -= 1
    return widths


def _render_table_rows(header: list[Text], rows: list[list[Text]], width: int) -> list[Text]:
    """A table too wide for its columns: each row as ``header: value`` lines."""
    lines: list[Text] = []
    for row in rows or [[]]:
        if lines:
            lines.append(Text())
        for n, heading in enumerate(header):
            cell = row[n] if n < len(row) else Text()
            lines.extend(screen.wrap(heading + Text(": ") + cell, width))
    return lines


def styled(content: Inline, style: str = "") -> Text:
    """Inline content as styled text (hard breaks as line feeds), on top of ``style``."""
    text = Text()
    _append(text, content, style)
    return text


def _with(style: str, mark: str) -> str:
    if not style:
        return mark
    return style if mark in style.split(";") else f"{style};{mark}"


def _append(text: Text, content: Inline, style: str) -> None:
    for node in content:
        if isinstance(node, str):
            text.append(node, style)
        elif node.kind == "code":
            text.append(plain(node.children), _with(style, CODE_STYLE))
        elif node.kind in _MARKS:
            _append(text, node.children, _with(style, _MARKS[node.kind]))
        elif node.kind == "link":
            _append(text, node.children, _with(style, screen.UNDERLINE))
            label = plain(node.children)
            shown = _readable(node.url)
            if not label.strip():
                text.append(shown, _with(style, screen.UNDERLINE))
            elif label not in (node.url, shown, node.url.removeprefix("mailto:")):
                text.append(f" ({shown})", screen.DIM)
        else:  # image
            _append(text, node.children, style)
            shown = _readable(node.url)
            text.append(f" ({shown})" if node.children else shown, screen.DIM)


def plain(content: Inline) -> str:
    """The text of inline content, without markup (links without their address)."""
    return "".join(node if isinstance(node, str) else plain(node.children) for node in content)


_ENCODED = r"(?:%[89A-Fa-f][0-9A-Fa-f])+"


def _readable(url: str) -> str:
    """``url`` with its percent-encoded non-ASCII text decoded (``%C3%A9`` -> ``é``)."""
    if "%" not in url:
        return url

    def decoded(match: re.Match[str]) -> str:
        try:
            return bytes.fromhex(match.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return match.group()

    return _lazy(_ENCODED).sub(decoded, url)
