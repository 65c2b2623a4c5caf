"""The charts and lists of the ``filmlog stats`` screen: ``label  count  bar`` lines with
Rich bars, lists of films, two side by side on a wide terminal, and the headings over them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec
from rich.console import RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from filmlog.render.text import DIM, after_blank

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

TWO_COLUMNS_FROM = 70
LABEL_WIDTH = 24


class Row(msgspec.Struct, frozen=True):
    label: Text
    count: int
    dim: bool = False
    # Shown dim after the count: the viewings beside a count of films, or the films.
    detail: str = ""


END_BLOCKS = (" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar(count: int, biggest: int, width: int) -> str:
    """``count`` of ``biggest`` as a bar ``width`` cells wide, in eighths of a cell."""
    if count <= 0 or biggest <= 0 or width <= 0:
        return ""
    eighths = int(width * 8 * count / biggest)
    body = "█" * (eighths // 8)
    if eighths % 8:
        body += END_BLOCKS[eighths % 8]
    return body


class Chart:
    """A title over ``label  count  bar`` lines, the longest bar for the largest count.

    Laid out by hand rather than as a table: a stats screen holds a dozen of them."""

    def __init__(self, title: Text, rows: Sequence[Row]) -> None:
        self.title = title
        self.rows = list(rows)

    def _widths(self) -> tuple[int, int, int]:
        label = min(max((r.label.cell_len for r in self.rows), default=0), LABEL_WIDTH)
        count = max((len(str(r.count)) for r in self.rows), default=0)
        detail = max((len(r.detail) for r in self.rows), default=0)
        return label, count, detail

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        label, count, detail = self._widths()
        least = label + count + (detail + 1 if detail else 0) + 2
        return Measurement(min(least, options.max_width), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label_width, count_width, detail_width = self._widths()
        room = width - label_width - count_width - 2 - (detail_width + 1 if detail_width else 0)
        biggest = max((r.count for r in self.rows if not r.dim), default=0)
        title = self.title.copy()
        title.truncate(width, overflow="ellipsis")
        yield title
        for row in self.rows:
            text = row.label.copy()
            text.truncate(label_width, overflow="ellipsis", pad=True)
            text.append(" " + str(row.count).rjust(count_width))
            if detail_width:
                text.append(" " + row.detail.rjust(detail_width), style=DIM)
            text.append(" ")
            if not row.dim:
                text.append(bar(row.count, biggest, room).ljust(max(room, 0)), style="cyan")
            else:
                text.append(" " * max(room, 0))
                text.stylize(DIM)
            text.truncate(width, overflow="crop")
            yield text


def chart(title: Text, rows: Sequence[Row]) -> Chart:
    """A title over ``label  count  bar`` lines, the longest bar for the largest count."""
    return Chart(title, rows)


class Listing:
    """A title over ``film  detail`` lines (the best films, the most watched)."""

    def __init__(self, title: Text, rows: Sequence[tuple[Text, Text]]) -> None:
        self.title = title
        self.rows = list(rows)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        detail = max((d.cell_len for _, d in self.rows), default=0)
        return Measurement(min(detail + 12, options.max_width), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        detail_width = max((d.cell_len for _, d in self.rows), default=0)
        title = self.title.copy()
        title.truncate(width, overflow="ellipsis")
        yield title
        for label, detail in self.rows:
            text = label.copy()
            text.truncate(max(width - detail_width - 1, 1), overflow="ellipsis", pad=True)
            text.append(" ")
            text.append_text(detail)
            text.truncate(width, overflow="crop")
            yield text


def listing(title: Text, rows: Sequence[tuple[Text, Text]]) -> Listing:
    return Listing(title, rows)


class Charts:
    """Charts two side by side from ``TWO_COLUMNS_FROM`` cells, otherwise one under another."""

    def __init__(self, charts: Sequence[RenderableType]) -> None:
        self.charts = list(charts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width < TWO_COLUMNS_FROM:
            for one in self.charts:
                yield after_blank(one)
            return
        for i in range(0, len(self.charts), 2):
            pair = Table.grid(padding=(0, 3), expand=True)
            pair.add_column(ratio=1)
            pair.add_column(ratio=1)
            pair.add_row(*self.charts[i : i + 2])
            yield after_blank(pair)


def heading(text: str, detail: str = "") -> Text:
    """A section's heading, with what its numbers mean dimmed beside it."""
    shown = Text(text, style="bold underline")
    if detail:
        shown.append(f"  {detail}", style=DIM)
    return shown
