"""The calendar side of ``stats``: viewings per year and per month, the longest streak,
and the weeks, span and shades of the calendar heatmap the screen and the HTML page draw.

Plain dates and counts in, no documents: ``reading`` counts the days first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from filmlog.stats.figures import Period, Streak


def _by_year(days: Mapping[dt.date, int]) -> dict[int, int]:
    counts: Counter[int] = Counter()
    for day, n in days.items():
        counts[day.year] += n
    if not counts:
        return {}
    return {year: counts[year] for year in range(min(counts), max(counts) + 1)}


def _by_month(
    days: Mapping[dt.date, int], period: Period, today: dt.date
) -> dict[tuple[int, int], int]:
    """Viewings per month from the first month to the last, empty months included.

    A period of one calendar year shows all its months up to the current one.
    """
    counts: Counter[tuple[int, int]] = Counter()
    for day, n in days.items():
        counts[(day.year, day.month)] += n
    if not counts:
        return {}
    first, last = min(counts), max(counts)
    year = period.whole_year
    if year is not None:
        first = min(first, (year, 1))
        last = max(last, min((year, 12), (today.year, today.month)))
    months: dict[tuple[int, int], int] = {}
    y, m = first
    while (y, m) <= last:
        months[(y, m)] = counts[(y, m)]
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def longest_streak(days: Iterable[dt.date]) -> Streak | None:
    """The longest run of consecutive days with a viewing (the earliest, if several tie)."""
    ordered = sorted(set(days))
    if not ordered:
        return None
    best = Streak(1, ordered[0], ordered[0])
    start = previous = ordered[0]
    for day in ordered[1:]:
        if day - previous != dt.timedelta(days=1):
            start = day
        previous = day
        length = (day - start).days + 1
        if length > best.days:
            best = Streak(length, start, day)
    return best


def calendar_weeks(first: dt.date, last: dt.date) -> list[list[dt.date | None]]:
    """Weeks (Monday first) from the week of ``first`` to that of ``last``; days outside
    the span are None."""
    day = first - dt.timedelta(days=first.weekday())
    weeks: list[list[dt.date | None]] = []
    while day <= last:
        week: list[dt.date | None] = []
        for _ in range(7):
            week.append(day if first <= day <= last else None)
            day += dt.timedelta(days=1)
        weeks.append(week)
    return weeks


def heatmap_span(
    period: Period, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The days a calendar of the period shows: the whole year of a one-year period,
    else the year up to the last viewing (less, if the viewings span less)."""
    year = period.whole_year
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not first or not last:
        return None
    return max(first, last - dt.timedelta(days=364)), last


def shade(count: int, biggest: int) -> int:
    """A calendar day's shade: 0 for no viewing, 4 for the busiest day's count, 1 to 3
    spread evenly in between (one viewing is always 1, unless it is the most)."""
    if count <= 0:
        return 0
    if count >= biggest:
        return 4
    return min(3, 1 + (count - 1) * 3 // (biggest - 1))
