"""The ``filmlog stats`` screen: totals, then charts of counts with Rich bars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.bar import Bar
from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from filmlog.models import count, stars
from filmlog.render.tables import KeyValues
from filmlog.render.text import DIM, STARS, line
from filmlog.stats import RATING_STEPS, Count, Stats

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_WIDTH = 100
TWO_COLUMNS_FROM = 70
LABEL_WIDTH = 24


@dataclass(frozen=True, slots=True)
class Row:
    label: Text
    count: int
    dim: bool = False


def chart(title: Text, rows: Sequence[Row]) -> Group:
    """A title over ``label  count  bar`` lines, the longest bar for the largest count."""
    biggest = max((r.count for r in rows if not r.dim), default=0)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, overflow="ellipsis", max_width=LABEL_WIDTH)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for row in rows:
        bar = Bar(biggest, 0, row.count, color="cyan") if row.count and not row.dim else ""
        grid.add_row(row.label, str(row.count), bar, style=DIM if row.dim else None)
    return Group(title, grid)


class Charts:
    """Charts two side by side from ``TWO_COLUMNS_FROM`` cells, otherwise one under another."""

    def __init__(self, charts: Sequence[RenderableType]) -> None:
        self.charts = list(charts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width < TWO_COLUMNS_FROM:
            for one in self.charts:
                yield Padding(one, (1, 0, 0, 0))
            return
        for i in range(0, len(self.charts), 2):
            pair = Table.grid(padding=(0, 3), expand=True)
            pair.add_column(ratio=1)
            pair.add_column(ratio=1)
            pair.add_row(*self.charts[i : i + 2])
            yield Padding(pair, (1, 0, 0, 0))


def _heading(text: str, detail: str = "") -> Text:
    heading = Text(text, style="bold underline")
    if detail:
        heading.append(f"  {detail}", style=DIM)
    return heading


def stats_screen(stats: Stats) -> RenderableType:
    """The whole ``filmlog stats`` screen."""
    title = Text(f"Stats: {stats.period.describe()}", style="bold")
    if stats.first and stats.last:
        span = f"{stats.first}" if stats.first == stats.last else f"{stats.first} to {stats.last}"
        title.append(f"  (viewings {span})", style=DIM)
    charts = [chart(heading, rows) for heading, rows in _sections(stats) if rows]
    parts: list[RenderableType] = [
        Rule(title, style="cyan", align="left"),
        KeyValues(_totals(stats)),
        Charts(charts),
    ]
    hint = _missing_facts(stats)
    if hint:
        parts.append(Padding(Text(hint, style=DIM), (1, 0, 0, 0)))
    return Constrain(Group(*parts), MAX_WIDTH)


def _totals(stats: Stats) -> list[tuple[str, Text]]:
    viewings = Text(str(stats.watches), style="bold")
    extra = [count(stats.films, "film"), count(stats.rewatches, "rewatch", "rewatches")]
    if stats.dnf:
        extra.append(f"{stats.dnf} not finished")
    viewings.append("  " + ", ".join(extra))
    rows = [("Viewings", viewings), ("Hours", _hours(stats))]
    average = stats.average_rating
    if average is None:
        rows.append(("Average", Text("no ratings", style=DIM)))
    else:
        text = Text(stars(round(average * 2) / 2), style=STARS)
        text.append(f"  {average:.2f}", style="bold")
        text.append(f" from {count(stats.rated, 'rating')}")
        rows.append(("Average", text))
    if stats.streak:
        streak = stats.streak
        text = Text(count(streak.days, "day"), style="bold")
        text.append(
            f" in a row, {streak.start} to {streak.end}"
            if streak.days > 1
            else " (never two days running)"
        )
        rows.append(("Longest streak", text))
    return rows


def _hours(stats: Stats) -> Text:
    missing = stats.missing_runtime
    finished = stats.watches - stats.dnf
    if stats.minutes == 0 and missing:
        return Text(f"unknown: no runtime for any of the {count(finished, 'viewing')}", DIM)
    text = Text(f"{stats.hours:g}", style="bold")
    notes = []
    if missing:
        notes.append(f"{count(missing, 'viewing')} without a runtime")
    if stats.dnf:
        notes.append("unfinished ones not counted")
    if notes:
        text.append("  (" + "; ".join(notes) + ")", style=DIM)
    return text


def _counts(counts: Sequence[Count]) -> list[Row]:
    return [Row(line(c.name), c.count) for c in counts]


def _sections(stats: Stats) -> list[tuple[Text, list[Row]]]:
    ratings = (
        [Row(Text(stars(r), style=STARS), stats.ratings[r]) for r in RATING_STEPS]
        if stats.rated
        else []
    )
    media = _counts(stats.media)
    if media and stats.no_medium:
        media.append(Row(Text("not recorded"), stats.no_medium, dim=True))
    return [
        (_heading("Ratings", count(stats.rated, "rating")), ratings),
        _per_period(stats),
        (_heading("Media"), media),
        (_heading("Where"), _counts(stats.where)),
        (_heading("Top directors"), _counts(stats.top_directors)),
        (_heading("Top genres"), _counts(stats.top_genres)),
        (_heading("Top actors"), _counts(stats.top_actors)),
    ]


def _per_period(stats: Stats) -> tuple[Text, list[Row]]:
    if stats.monthly and stats.by_month:
        year = next(iter(stats.by_month))[0]
        rows = [Row(Text(MONTHS[m - 1]), n) for (_, m), n in stats.by_month.items()]
        return _heading("Viewings per month", str(year)), rows
    return _heading("Viewings per year"), _years(stats.by_year)


def _years(by_year: dict[int, int]) -> list[Row]:
    """One row a year; a run of three or more empty years is one row (``2002–16``)."""
    rows: list[Row] = []
    years = list(by_year.items())
    i = 0
    while i < len(years):
        year, n = years[i]
        j = i
        while j + 1 < len(years) and n == 0 and years[j + 1][1] == 0:
            j += 1
        if j - i >= 2:
            last = years[j][0]
            end = str(last)[2:] if str(last)[:2] == str(year)[:2] else str(last)
            rows.append(Row(Text(f"{year}–{end}"), 0, dim=True))
            i = j + 1
            continue
        rows.append(Row(Text(str(year)), n))
        i += 1
    return rows


def _missing_facts(stats: Stats) -> str:
    lacking = [
        name
        for name, values in (
            ("directors", stats.top_directors),
            ("actors", stats.top_actors),
            ("genres", stats.top_genres),
        )
        if not values
    ]
    if stats.minutes == 0 and stats.missing_runtime:
        lacking.append("runtimes")
    if not lacking:
        return ""
    listed = ", ".join(lacking[:-1]) + (" and " if len(lacking) > 1 else "") + lacking[-1]
    return (
        f"No {listed} recorded for these films yet; add them with "
        "'filmlog film set TITLE --director … --cast … --genre … --runtime …', or fill "
        "them from IMDb's datasets with 'filmlog facts fill --imdb-datasets FOLDER'."
    )


def empty_stats_line(stats: Stats, today: dt.date | None = None) -> str:
    """What ``stats`` says when the period holds no viewing."""
    start, end = stats.period.start, stats.period.end
    if start is None and end is None:
        return "No viewings in the journal yet: log one with 'filmlog add TITLE'."
    if stats.period.whole_year:
        when = f"in {stats.period.whole_year}"
    elif start and end:
        when = f"on {start}" if start == end else f"from {start} to {end}"
    elif start:
        when = f"on or after {start}"
    else:
        when = f"on or before {end}"
    if start and start > (today or dt.date.today()):
        return f"No viewings {when}: that is still to come."
    return f"No viewings {when}."
