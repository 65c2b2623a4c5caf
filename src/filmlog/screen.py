"""Styled text laid out for a terminal, without Rich.

Importing Rich's console and table costs a command about 45 ms on the machines we measure
on: more than parsing a journal of 10,000 viewings. The commands people run all day
(``show``, ``diary``, the list commands, the line ``add`` prints) need no more than styled
lines, word wrapping, rules and simple tables, so they are laid out here; Rich stays for
the screens that draw more (``stats``, ``search``).

Styles follow Rich's rules: only on a terminal (or with FORCE_COLOR), never with NO_COLOR
or a dumb terminal. A style is a string of SGR parameters (``"1"`` bold, ``"2;36"`` dim
cyan). User text cannot move the cursor: control characters are dropped on the way in.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal, TextIO

BOLD = "1"
DIM = "2"
ITALIC = "3"
UNDERLINE = "4"
RED = "31"
GREEN = "32"
YELLOW = "33"
BLUE = "34"
MAGENTA = "35"
CYAN = "36"
STARS = "1;32"

Overflow = Literal["fold", "ellipsis"]
Justify = Literal["left", "right"]

# C0 and C1 control characters other than the line feed; a tab becomes spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\S+")


def clean(text: str) -> str:
    """``text`` without the characters that would steer the terminal."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub("", text.replace("\t", "    "))


_widths: dict[str, int] = {}


def char_width(char: str) -> int:
    """Cells a character takes: 0 for combining marks and joiners, 2 for wide ones."""
    width = _widths.get(char)
    if width is None:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 2
        else:
            width = 1
        _widths[char] = width
    return width


def cell_len(text: str) -> int:
    """Cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) if ord(c) >= 0x300 else 1 for c in text)


class Text:
    """A line (or lines) of text made of runs, each with one style."""

    __slots__ = ("runs",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.runs: list[tuple[str, str]] = [(clean(text), style)] if text else []

    def append(self, text: str, style: str = "") -> Text:
        """Add ``text`` in ``style``; returns self."""
        if text:
            self.runs.append((clean(text), style))
        return self

    def append_text(self, other: Text) -> Text:
        """Add another Text's runs; returns self."""
        self.runs.extend(other.runs)
        return self

    def __add__(self, other: Text) -> Text:
        joined = Text()
        joined.runs = [*self.runs, *other.runs]
        return joined

    def __repr__(self) -> str:
        return f"Text({self.plain!r})"

    @property
    def plain(self) -> str:
        """The text without styles."""
        return "".join(text for text, _ in self.runs)

    @property
    def cell_len(self) -> int:
        """Cells the text takes (on one line)."""
        return sum(cell_len(text) for text, _ in self.runs)

    def styled(self, style: str) -> Text:
        """A copy with ``style`` added under every run's own style."""
        copy = Text()
        copy.runs = [(t, f"{style};{s}" if s and style else style or s) for t, s in self.runs]
        return copy

    def slice(self, start: int, end: int) -> Text:
        """The characters from ``start`` to ``end`` (indexes into ``plain``)."""
        part = Text()
        at = 0
        for text, style in self.runs:
            stop = at + len(text)
            if stop > start and at < end:
                part.runs.append((text[max(0, start - at) : end - at], style))
            at = stop
            if at >= end:
                break
        return part

    def lines(self) -> list[Text]:
        """The text split at line feeds."""
        plain = self.plain
        if "\n" not in plain:
            return [self]
        found: list[Text] = []
        start = 0
        for index, char in enumerate(plain):
            if char == "\n":
                found.append(self.slice(start, index))
                start = index + 1
        found.append(self.slice(start, len(plain)))
        return found

    def render(self, color: bool) -> str:
        """The text as terminal output, with SGR codes when ``color``."""
        if not color:
            return self.plain
        return "".join(f"\x1b[{s}m{t}\x1b[0m" if s else t for t, s in self.runs)


def _fold_points(plain: str, start: int, end: int, width: int) -> list[int]:
    """Indexes where ``plain[start:end]`` is cut into pieces of at most ``width`` cells."""
    cuts: list[int] = []
    used = 0
    for index in range(start, end):
        cells = cell_len(plain[index])
        if used + cells > width and used:
            cuts.append(index)
            used = 0
        used += cells
    return cuts


def wrap(text: Text, width: int, overflow: Overflow = "fold") -> list[Text]:
    """``text`` broken into lines of at most ``width`` cells, at spaces.

    A word longer than the width is cut into pieces (``fold``) or stands on a line of its
    own, cut short with "…" (``ellipsis``). Line feeds are kept; spaces at a break go.
    """
    width = max(width, 1)
    found: list[Text] = []
    for line in text.lines():
        plain = line.plain
        if cell_len(plain) <= width:
            found.append(line)
            continue
        spans: list[tuple[int, int]] = []
        begin = end = used = 0
        empty = True
        for match in _WORD.finditer(plain):
            start, stop = match.span()
            cells = cell_len(plain[start:stop])
            if not empty:
                gap = cell_len(plain[end:start])
                if used + gap + cells <= width:
                    end, used = stop, used + gap + cells
                    continue
                spans.append((begin, end))
            first = empty and not spans
            begin = 0 if first else start
            cells = cell_len(plain[begin:stop])
            if cells > width and overflow == "fold":
                cuts = [begin, *_fold_points(plain, begin, stop, width)]
                spans += list(pairwise(cuts))
                begin = cuts[-1]
                cells = cell_len(plain[begin:stop])
            end, used, empty = stop, cells, False
        if not empty:
            spans.append((begin, end))
        for begin, end in spans or [(0, 0)]:
            piece = line.slice(begin, end)
            found.append(truncate(piece, width) if overflow == "ellipsis" else piece)
    return found


def truncate(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells, ending in "…" when it was longer."""
    if text.cell_len <= width:
        return text
    cut = Text()
    room = max(width - 1, 0)
    style = ""
    for part, style in text.runs:
        cells = cell_len(part)
        if cells <= room:
            cut.runs.append((part, style))
            room -= cells
            continue
        kept = ""
        for char in part:
            if char_width(char) > room:
                break
            kept += char
            room -= char_width(char)
        if kept:
            cut.runs.append((kept, style))
        break
    return cut.append("…", style) if width else cut


def pad(text: Text, width: int, justify: Justify = "left") -> Text:
    """``text`` filled with spaces to ``width`` cells."""
    missing = width - text.cell_len
    if missing <= 0:
        return text
    if justify == "right":
        return Text(" " * missing) + text
    return text + Text(" " * missing)


def rule(title: Text | None, width: int, style: str = "", align: Justify | None = None) -> Text:
    """A horizontal line across ``width`` with ``title`` in its middle (or at its left)."""
    if title is None or not title.plain:
        return Text("─" * width, style)
    if align == "left":
        heading = truncate(title, max(width - 2, 1))
        return heading + Text(" " + "─" * max(width - heading.cell_len - 1, 0), style)
    heading = truncate(title, max(width - 4, 1))
    side = (width - heading.cell_len - 2) // 2
    line = Text("─" * side + " ", style) + heading
    return line.append(" " + "─" * max(width - line.cell_len - 1, 0), style)


class Column:
    """A column of a table: a heading, one cell a row and how the cells fit the width."""

    __slots__ = ("cells", "justify", "name", "overflow", "style", "width", "wrap")

    def __init__(
        self,
        name: str,
        cells: Sequence[Text],
        width: int | None = None,
        wrap: bool = True,
        overflow: Overflow = "fold",
        justify: Justify = "left",
        style: str = "",
    ) -> None:
        self.name = name
        self.cells = list(cells)
        self.width = width
        self.wrap = wrap
        self.overflow = overflow
        self.justify = justify
        self.style = style

    def natural(self) -> int:
        """The width the heading and the widest line of a cell need."""
        lines = (line for cell in self.cells for line in cell.plain.split("\n"))
        return max(cell_len(text) for text in [self.name, *lines])

    def fitted(self, cell: Text, width: int) -> list[Text]:
        """A cell's lines at ``width``."""
        if self.wrap:
            lines = wrap(cell, width, self.overflow)
        elif self.overflow == "fold":
            lines = [piece for line in cell.lines() for piece in wrap(line, width)]
        else:
            lines = [truncate(line, width) for line in cell.lines()]
        return [line.styled(self.style) for line in lines] if self.style else lines


def table(
    columns: Sequence[Column], gap: int = 2, header: bool = True, max_width: int | None = None
) -> list[Text]:
    """Rows of cells under bold headings and a rule, columns ``gap`` cells apart.

    A column without a width gets its natural one; trailing spaces are left off. When the
    columns would be wider than ``max_width``, the widest are narrowed until they fit.
    """
    if not columns:
        return []
    widths = [c.width if c.width is not None else c.natural() for c in columns]
    if max_width is not None:
        widths = narrowed(widths, max_width - gap * (len(columns) - 1))
    spacer = " " * gap
    lines: list[Text] = []
    if header:
        heads = [
            pad(truncate(Text(c.name, BOLD), w), w, c.justify)
            for c, w in zip(columns, widths, strict=True)
        ]
        lines.append(_join_cells(heads, spacer))
        lines.append(Text("─" * (sum(widths) + gap * (len(columns) - 1))))
    for index in range(len(columns[0].cells)):
        cells = [c.fitted(c.cells[index], w) for c, w in zip(columns, widths, strict=True)]
        for row in range(max(len(lines) for lines in cells)):
            lines.append(
                _join_cells(
                    [
                        pad(cell[row] if row < len(cell) else Text(), w, c.justify)
                        for c, cell, w in zip(columns, cells, widths, strict=True)
                    ],
                    spacer,
                )
            )
    return lines


def narrowed(widths: Sequence[int], room: int) -> list[int]:
    """``widths`` with the widest narrowed, a cell at a time, until they fit in ``room``
    (no width below 1)."""
    fitted = list(widths)
    while sum(fitted) > room and max(fitted) > 1:
        fitted[fitted.index(max(fitted))] -= 1
    return fitted


def _join_cells(cells: Sequence[Text], spacer: str) -> Text:
    line = Text()
    for index, cell in enumerate(cells):
        if index:
            line.append(spacer)
        line.append_text(cell)
    return line


def grid(rows: Sequence[tuple[Text, Text]], width: int, key_style: str = CYAN) -> list[Text]:
    """Labels and values side by side, two cells apart; values wrap under themselves.

    When that leaves values fewer than 8 cells, each value goes under its label, indented.
    """
    if not rows:
        return []
    keys = max(key.cell_len for key, _ in rows)
    room = width - keys - 2
    lines: list[Text] = []
    if room < 8:
        for key, value in rows:
            lines.append(truncate(key.styled(key_style), width))
            lines += [Text("  ") + line for line in wrap(value, max(width - 2, 1))]
        return lines
    for key, value in rows:
        for index, line in enumerate(wrap(value, room)):
            label = pad(key.styled(key_style), keys) if index == 0 else Text(" " * keys)
            lines.append(label + Text("  ") + line)
    return lines


# --------------------------------------------------------------------------- output


def terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout) is a terminal, or FORCE_COLOR says to treat it as one."""
    out = sys.stdout if stream is None else stream
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return out.isatty()
    except ValueError:  # closed
        return False


def styled(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout) gets colours and styles."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    return terminal(stream)


def columns_given() -> int | None:
    """The width COLUMNS gives, if it gives one."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None


def width(stream: TextIO | None = None) -> int:
    """The width to lay text out for: COLUMNS, else the terminal's, else 80."""
    given = columns_given()
    if given:
        return given
    if terminal(stream):
        # Output may be redirected while the terminal is still on stdin or stderr.
        for fd in (1, 0, 2):
            try:
                return os.get_terminal_size(fd).columns or 80
            except (OSError, ValueError):
                continue
    return 80


def piped(stream: TextIO | None = None) -> bool:
    """Whether output goes to a pipe or a file with no width given (COLUMNS unset)."""
    return columns_given() is None and not terminal(stream)


def write(lines: Iterable[Text], stream: TextIO | None = None) -> None:
    """Print lines, styled when the stream is a terminal, without trailing spaces."""
    out = sys.stdout if stream is None else stream
    color = styled(out)
    out.write("".join(line.render(color).rstrip(" ") + "\n" for line in lines))
    out.flush()
