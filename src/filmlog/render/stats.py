"""The ``filmlog stats`` screen: totals, a calendar of the days (``render/calendar.py``),
then charts of counts with Rich bars and lists of films (``render/charts.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from filmlog.models import count, stars
from filmlog.render.calendar import MONTHS, Calendar, Heatmap
from filmlog.render.charts import Charts, Row, chart, heading, listing
from filmlog.render.tables import KeyValues
from filmlog.render.text import DIM, STARS, after_blank, line
from filmlog.stats.days import heatmap_span, shade
from filmlog.stats.figures import RATING_STEPS, WEEKDAYS, Count, Mention, Ranked, Stats

# The screens, and the parts the tests draw alone (from where they were first written).
__all__ = [
    "Calendar",
    "Heatmap",
    "Row",
    "chart",
    "empty_stats_line",
    "on_this_day_screen",
    "shade",
    "stats_screen",
]

MAX_WIDTH = 100


def stats_screen(stats: Stats) -> RenderableType:
    """The whole ``filmlog stats`` screen."""
    title = Text(f"Stats: {stats.period.describe()}", style="bold")
    if stats.first and stats.last:
        span = f"{stats.first}" if stats.first == stats.last else f"{stats.first} to {stats.last}"
        title.append(f"  (viewings {span})", style=DIM)
    charts = [chart(name, rows) for name, rows in _sections(stats) if rows]
    lists = [listing(name, rows) for name, rows in _films(stats) if rows]
    parts: list[RenderableType] = [
        Rule(title, style="cyan", align="left"),
        KeyValues(_totals(stats)),
    ]
    shown = heatmap_span(stats.period, stats.first, stats.last)
    if shown:
        parts.append(after_blank(Calendar(Heatmap(stats.days, *shown))))
    parts += [Charts(lists), Charts(charts)]
    hint = _missing_facts(stats)
    if hint:
        parts.append(after_blank(Text(hint, style=DIM)))
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
    first = Text(str(stats.first_watches), style="bold")
    first.append(f" first watches, {count(stats.rewatches, 'rewatch', 'rewatches')}")
    rows.append(("First time", first))
    # One line each: the figure first, then the title, cut short if it must be.
    for label, mention in (("Longest", stats.longest_film), ("Shortest", stats.shortest_film)):
        if mention is not None and mention.runtime:
            text = Text(f"{mention.runtime} min  ", no_wrap=True, overflow="ellipsis")
            text.append_text(line(mention.ref.label))
            rows.append((label, text))
    for milestone in stats.milestones[-3:]:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{milestone.date}  ", style=DIM)
        text.append_text(line(milestone.ref.label))
        rows.append((f"{_ordinal(milestone.n)} film", text))
    return rows


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


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


def _ranked(counts: Sequence[Ranked], by: str) -> list[Row]:
    """Rows counting ``by``, the other count beside them (when it differs anywhere)."""
    if all(c.films == c.viewings for c in counts):
        return [Row(line(c.name), c.count) for c in counts]
    if by == "films":
        return [Row(line(c.name), c.count, detail=f"{c.viewings}v") for c in counts]
    return [Row(line(c.name), c.count, detail=f"{c.films}f") for c in counts]


def _films(stats: Stats) -> list[tuple[Text, list[tuple[Text, Text]]]]:
    def rated(m: Mention) -> tuple[Text, Text]:
        return line(m.ref.label), Text(stars(m.rating), style=STARS)

    def watched(m: Mention) -> tuple[Text, Text]:
        return line(m.ref.label), Text(f"{m.viewings}×")

    def unfinished(m: Mention) -> tuple[Text, Text]:
        return line(m.ref.label), Text(str(m.date), style=DIM)

    return [
        (heading("Highest rated"), [rated(m) for m in stats.highest_rated]),
        (heading("Most watched"), [watched(m) for m in stats.most_watched]),
        (heading("Not finished"), [unfinished(m) for m in stats.unfinished[-TOP_LISTED:]]),
    ]


TOP_LISTED = 10


def _sections(stats: Stats) -> list[tuple[Text, list[Row]]]:
    ratings = (
        [Row(Text(stars(r), style=STARS), stats.ratings[r]) for r in RATING_STEPS]
        if stats.rated
        else []
    )
    media = _counts(stats.media)
    if media and stats.no_medium:
        media.append(Row(Text("not recorded"), stats.no_medium, dim=True))
    weekdays = [Row(Text(name), n) for name, n in zip(WEEKDAYS, stats.weekdays, strict=True)]
    decades = [
        Row(Text(f"{d}s"), split.films, detail=f"{split.viewings}v")
        for d, split in stats.decades.items()
    ]
    if all(split.films == split.viewings for split in stats.decades.values()):
        decades = [Row(row.label, row.count) for row in decades]

    def ranked(title: str, counts: Sequence[Ranked]) -> tuple[Text, list[Row]]:
        rows = _ranked(counts, stats.by)
        if not any(row.detail for row in rows):
            return heading(title), rows
        other = "v = viewings" if stats.by == "films" else "f = films"
        return heading(title, f"{stats.by}, {other}"), rows

    return [
        (heading("Ratings", count(stats.rated, "rating")), ratings),
        _per_period(stats),
        (heading("Weekdays"), weekdays if stats.watches else []),
        (
            heading("Decades", "films, v = viewings" if decades and decades[0].detail else ""),
            decades,
        ),
        (heading("Media"), media),
        (heading("Where"), _counts(stats.where)),
        ranked("Top directors", stats.directors),
        ranked("Top genres", stats.genres),
        ranked("Top actors", stats.actors),
        ranked("Countries", stats.countries),
        ranked("Tags", stats.tags),
        ranked("Watched with", stats.companions),
    ]


def _per_period(stats: Stats) -> tuple[Text, list[Row]]:
    if stats.monthly and stats.by_month:
        year = next(iter(stats.by_month))[0]
        rows = [Row(Text(MONTHS[m - 1]), n) for (_, m), n in stats.by_month.items()]
        return heading("Viewings per month", str(year)), rows
    return heading("Viewings per year"), _years(stats.by_year)


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


def on_this_day_screen(day: dt.date, found: Sequence[Mention]) -> RenderableType:
    """``stats --on-this-day``: earlier years' viewings of this day, newest first."""
    title = Text(f"On this day: {day:%-d %B}", style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True)
    for m in found:
        ago = f"{m.date}  {count(m.n, 'year')} ago"
        grid.add_row(ago, line(m.ref.label), Text(stars(m.rating), style=STARS))
    return Constrain(Group(Rule(title, style="cyan", align="left"), grid), MAX_WIDTH)
