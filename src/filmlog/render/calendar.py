"""The calendar of the ``filmlog stats`` screen: one shaded cell a day, as on GitHub,
under a heading that names the days it shows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from filmlog.render.charts import heading
from filmlog.render.text import DIM
from filmlog.stats.days import calendar_weeks, shade

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHADES = ("·", "░", "▒", "▓", "█")
SHADE_STYLES = ("grey35", "green4", "green3", "green1", "bold bright_green")
DAY_ROWS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class Heatmap:
    """One cell a day as on GitHub: weeks as columns, weekdays as rows, shades by count.

    On a terminal too narrow for every week, the latest weeks are shown.
    """

    def __init__(self, days: dict[dt.date, int], first: dt.date, last: dt.date) -> None:
        self.days = days
        self.first = first
        self.last = last

    def weeks(self, width: int) -> list[list[dt.date | None]]:
        """The weeks shown in ``width`` cells: every one, or the latest that fit."""
        return calendar_weeks(self.first, self.last)[-max(width - 4, 1) :]

    def span(self, width: int) -> tuple[dt.date, dt.date]:
        """The first and last day shown in ``width`` cells."""
        days = [d for week in self.weeks(width) for d in week if d is not None]
        return (days[0], days[-1]) if days else (self.first, self.last)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        weeks = self.weeks(options.max_width)
        shown = [d for week in weeks for d in week if d is not None]
        biggest = max((self.days.get(d, 0) for d in shown), default=0)
        # Each month is named above the week it starts in; the first week is named after
        # its month too when the next month starts far enough to the right.
        starts = [
            (column, firsts[0].month)
            for column, week in enumerate(weeks)
            if (firsts := [d for d in week if d is not None and d.day == 1])
        ]
        if weeks and (not starts or starts[0][0] > 3):
            first_day = next(d for d in weeks[0] if d is not None)
            starts.insert(0, (0, first_day.month))
        months = Text("    ")
        end = 0  # the column where the labels so far end
        for column, month in starts:
            # A label fits where it leaves a space after the one before it.
            if (column == 0 or column > end) and column + 3 <= len(weeks):
                months.append(" " * (column - end) + MONTHS[month - 1])
                end = column + 3
        months.rstrip()  # no month named: an empty line, not four spaces
        yield months
        for weekday in range(7):
            row = Text(f"{DAY_ROWS[weekday]:<3} ", style=DIM)
            for week in weeks:
                day = week[weekday]
                if day is None:
                    row.append(" ")
                    continue
                level = shade(self.days.get(day, 0), biggest)
                row.append(SHADES[level], style=SHADE_STYLES[level])
            yield row
        legend = Text("    less ", style=DIM)
        for level, mark in enumerate(SHADES):
            legend.append(mark, style=SHADE_STYLES[level])
        legend.append(" more", style=DIM)
        if biggest:
            legend.append(f"  busiest day: {biggest}", style=DIM)
        yield legend


class Calendar:
    """The heatmap under a heading that names the days it shows: on a narrow terminal,
    the latest weeks, not the whole period."""

    def __init__(self, heatmap: Heatmap) -> None:
        self.heatmap = heatmap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first, last = self.heatmap.span(options.max_width)
        yield heading("Calendar", f"{first} to {last}")
        yield self.heatmap
