"""Statistics over a period of viewings: totals, ratings, time, people, places, streaks.

Pure: models in, a ``Stats`` value out; no store, no terminal. Every count is of viewings
(a film seen twice counts twice) unless its name says films.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from filmlog.errors import InvalidInput
from filmlog.models import Film, Watch, fold, format_rating

RATING_STEPS: tuple[float, ...] = tuple(n / 2 for n in range(1, 11))
TOP = 10


@dataclass(frozen=True, slots=True)
class Period:
    """The days asked for; None on a side means "no limit"."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def whole_year(self) -> int | None:
        """The year, when the period is exactly one calendar year."""
        if (
            self.start
            and self.end
            and self.start.year == self.end.year
            and (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        ):
            return self.start.year
        return None

    def describe(self) -> str:
        """``2024``, ``2024-03-01 to 2024-06-30``, ``from 2020-01-01``, or ``all time``."""
        if self.whole_year:
            return str(self.whole_year)
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"up to {self.end}"
        return "all time"


def period_of(
    start: dt.date | None = None, end: dt.date | None = None, year: int | None = None
) -> Period:
    """The period that ``--from``, ``--to`` and ``--year`` describe together."""
    if year is not None:
        start = max(start or dt.date.min, dt.date(year, 1, 1))
        end = min(end or dt.date.max, dt.date(year, 12, 31))
    if start and end and start > end:
        raise InvalidInput(
            f"the period starts ({start}) after it ends ({end})",
            "give --from a day before --to, inside --year if given",
        )
    return Period(start, end)


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count}


@dataclass(frozen=True, slots=True)
class Streak:
    days: int
    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, Any]:
        return {"days": self.days, "from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Stats:
    period: Period
    first: dt.date | None
    last: dt.date | None
    watches: int
    films: int
    rewatches: int
    dnf: int
    minutes: int
    missing_runtime: int
    ratings: dict[float, int]
    by_year: dict[int, int]
    by_month: dict[tuple[int, int], int]
    media: list[Count]
    no_medium: int
    where: list[Count]
    top_directors: list[Count]
    top_actors: list[Count]
    top_genres: list[Count]
    streak: Streak | None

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def average_rating(self) -> float | None:
        if not self.rated:
            return None
        total = sum(rating * n for rating, n in self.ratings.items())
        return round(total / self.rated, 2)

    @property
    def monthly(self) -> bool:
        """Whether viewings read best per month: the months shown lie in one year."""
        return len({year for year, _ in self.by_month}) <= 1

    def to_json(self) -> dict[str, Any]:
        """The ``stats --json`` document (SPEC section 4, plus period, where, streak...)."""
        return {
            "period": {
                "from": _iso(self.period.start),
                "to": _iso(self.period.end),
                "first_watched": _iso(self.first),
                "last_watched": _iso(self.last),
            },
            "watches": self.watches,
            "films": self.films,
            "rewatches": self.rewatches,
            "dnf": self.dnf,
            "hours": self.hours,
            "missing_runtime": self.missing_runtime,
            "average_rating": self.average_rating,
            "ratings": {format_rating(r): n for r, n in self.ratings.items()},
            "by_year": {str(y): n for y, n in self.by_year.items()},
            "by_month": {f"{y}-{m:02d}": n for (y, m), n in self.by_month.items()},
            "media": {c.name: c.count for c in self.media},
            "where": [c.to_json() for c in self.where],
            "top_directors": [c.to_json() for c in self.top_directors],
            "top_actors": [c.to_json() for c in self.top_actors],
            "top_genres": [c.to_json() for c in self.top_genres],
            "streak": self.streak.to_json() if self.streak else None,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def compute(
    watches: Iterable[Watch],
    film_of: Callable[[str], Film | None],
    period: Period | None = None,
    *,
    today: dt.date | None = None,
    top: int = TOP,
) -> Stats:
    """Statistics of the viewings in ``period``; ``film_of`` gives the film of an id.

    Only the films viewed in the period are looked up.
    ``today`` caps the months a one-year period shows (no empty months in the future).
    Hours count finished viewings of films whose runtime is known; ``missing_runtime``
    counts the finished viewings whose film has none.
    """
    period = period or Period()
    # Reviews without a day are no viewings of a period.
    dated = [(w.date, w) for w in watches if w.date is not None and period.contains(w.date)]
    dated.sort(key=lambda pair: (pair[0], pair[1].id))
    chosen = [w for _, w in dated]
    ratings = dict.fromkeys(RATING_STEPS, 0)
    rewatches = dnf = no_medium = 0
    finished: Counter[str] = Counter()
    media: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for watch in chosen:
        if watch.rating is not None:
            ratings[watch.rating] += 1
        rewatches += watch.rewatch
        dnf += watch.dnf
        if not watch.dnf:
            finished[watch.film] += 1
        if watch.medium:
            media[watch.medium] += 1
        else:
            no_medium += 1
        if watch.where:
            places[watch.where] += 1
    # People, genres and runtimes belong to films: count each film once, weighted by its
    # viewings, rather than once per viewing.
    viewed = Counter(w.film for w in chosen)
    films = {film_id: film_of(film_id) for film_id in viewed}
    minutes = missing = 0
    for film_id, n in finished.items():
        film = films[film_id]
        if film is not None and film.runtime:
            minutes += film.runtime * n
        else:
            missing += n
    directors, actors, genres = _Tally(), _Tally(), _Tally()
    for film_id, n in viewed.items():
        film = films[film_id]
        if film is not None:
            directors.add_all(film.directors, n)
            actors.add_all((member.name for member in film.cast), n)
            genres.add_all(film.genres, n)
    where = _Tally()
    for place, n in places.items():
        where.add(place, n)
    days = [day for day, _ in dated]
    return Stats(
        period=period,
        first=days[0] if days else None,
        last=days[-1] if days else None,
        watches=len(chosen),
        films=len(viewed),
        rewatches=rewatches,
        dnf=dnf,
        minutes=minutes,
        missing_runtime=missing,
        ratings=ratings,
        by_year=_by_year(days),
        by_month=_by_month(days, period, today or dt.date.today()),
        media=[Count(name, n) for name, n in _ranked(media.items())],
        no_medium=no_medium,
        where=where.top(top),
        top_directors=directors.top(top),
        top_actors=actors.top(top),
        top_genres=genres.top(top),
        streak=longest_streak(days),
    )


def _ranked(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(items, key=lambda item: (-item[1], fold(item[0]), item[0]))


class _Tally:
    """Counts names with case, accents and punctuation ignored; shows the commonest spelling."""

    __slots__ = ("spellings",)

    def __init__(self) -> None:
        self.spellings: Counter[str] = Counter()

    def add(self, name: str, times: int = 1) -> None:
        self.spellings[name.strip()] += times

    def add_all(self, names: Iterable[str], times: int = 1) -> None:
        # A name listed twice on one film (an actor in two roles) counts once per viewing.
        for name in dict.fromkeys(n.strip() for n in names):
            self.spellings[name] += times

    def top(self, limit: int) -> list[Count]:
        # Folding once per distinct spelling, not once per viewing, keeps this cheap.
        counts: Counter[str] = Counter()
        best: dict[str, tuple[int, str]] = {}
        for name, n in self.spellings.items():
            key = fold(name)
            if not key:
                continue
            counts[key] += n
            if key not in best or (-n, name) < best[key]:
                best[key] = (-n, name)
        named = [(best[key][1], n) for key, n in counts.items()]
        return [Count(name, n) for name, n in _ranked(named)[:limit]]


def _by_year(days: Sequence[dt.date]) -> dict[int, int]:
    counts = Counter(day.year for day in days)
    if not counts:
        return {}
    return {year: counts[year] for year in range(min(counts), max(counts) + 1)}


def _by_month(
    days: Sequence[dt.date], period: Period, today: dt.date
) -> dict[tuple[int, int], int]:
    """Viewings per month from the first month to the last, empty months included.

    A period of one calendar year shows all its months up to the current one.
    """
    counts = Counter((day.year, day.month) for day in days)
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
