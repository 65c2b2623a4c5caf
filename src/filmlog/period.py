"""The one place that turns ``--from``, ``--to``, ``--year`` and ``--month`` into days.

Every command that reads a period (``diary``, ``stats``) calls :func:`period_from`, so
they accept the same words and refuse the same mistakes: a malformed day, year or month,
and a range that ends before it starts, are all bad input (exit 2), never "nothing
matched".
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from filmlog.errors import InvalidInput
from filmlog.models import parse_date, parse_year

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class DateRange(msgspec.Struct, frozen=True):
    """The days asked for, both ends included; None on a side means "no limit"."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def parse_month(text: str) -> tuple[dt.date, dt.date]:
    """``2025-03`` as its first and last day."""
    match = _MONTH.fullmatch(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise InvalidInput(f"{text.strip()!r} is not a month", "use YYYY-MM, e.g. 2025-03")
    year = parse_year(int(match[1]))
    assert year is not None
    month = int(match[2])
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def period_from(
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    year: int | None = None,
    month: str | None = None,
) -> DateRange:
    """The days that ``--from``, ``--to``, ``--year`` and ``--month`` describe together.

    Days are typed as ``add --on`` takes them (``2024-05-01``, ``yesterday``, …) and may
    lie ahead. Options given together narrow each other; a range left empty by them, or
    one whose start comes after its end, is refused.
    """
    first = _day(start)
    last = _day(end)
    bounds: list[tuple[dt.date, dt.date]] = []
    if year is not None:
        checked = parse_year(year)
        assert checked is not None
        bounds.append((dt.date(checked, 1, 1), dt.date(checked, 12, 31)))
    if month is not None:
        bounds.append(parse_month(month))
    if len(bounds) == 2 and (bounds[1][0] > bounds[0][1] or bounds[1][1] < bounds[0][0]):
        raise InvalidInput(
            f"--month {month} is not in --year {year}", "give one of them, or a month of that year"
        )
    for low, high in bounds:
        first = max(first or dt.date.min, low)
        last = min(last or dt.date.max, high)
    if first and last and first > last:
        raise InvalidInput(
            f"the period starts ({first}) after it ends ({last})",
            "give --from a day before --to, inside --year or --month if given",
        )
    return DateRange(first, last)


def _day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return parse_date(value, allow_future=True)
