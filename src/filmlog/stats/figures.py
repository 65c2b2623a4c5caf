"""What ``stats`` works out, as values: the period asked for, the ``Stats`` of its
viewings and the figures inside (counts, ranked names, films mentioned, the longest streak).

Both ``stats --json`` and the HTML page are made from ``Stats.to_json``, so the JSON keys
live here, beside the fields they come from. Working the figures out is ``reading``'s job.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from filmlog.models import format_rating

RATING_STEPS: tuple[float, ...] = tuple(n / 2 for n in range(1, 11))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Period(msgspec.Struct, frozen=True):
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


class Count(msgspec.Struct, frozen=True):
    name: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count}


class Ranked(msgspec.Struct, frozen=True):
    """A name with the films and the viewings it counts; ``count`` is the one ranked by."""

    name: str
    count: int
    films: int
    viewings: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "films": self.films,
            "viewings": self.viewings,
        }


class Split(msgspec.Struct, frozen=True):
    """Films and viewings of one decade or release year."""

    films: int
    viewings: int

    def to_json(self) -> dict[str, int]:
        return {"films": self.films, "viewings": self.viewings}


class FilmRef(msgspec.Struct, frozen=True):
    film: str
    title: str
    year: int | None

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def to_json(self) -> dict[str, Any]:
        return {"film": self.film, "title": self.title, "year": self.year}


class Mention(msgspec.Struct, frozen=True):
    """A film with what the figure it appears in says about it."""

    ref: FilmRef
    viewings: int = 0
    rating: float | None = None
    date: dt.date | None = None
    runtime: int | None = None
    n: int = 0
    text: str = ""
    spoilers: bool = False

    def to_json(self, *fields: str) -> dict[str, Any]:
        doc = self.ref.to_json()
        for name in fields:
            value = getattr(self, name)
            if name == "date":
                value = _iso(value)
            doc["review" if name == "text" else name] = value
        return doc


class Streak(msgspec.Struct, frozen=True):
    days: int
    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, Any]:
        return {"days": self.days, "from": self.start.isoformat(), "to": self.end.isoformat()}


class Stats(msgspec.Struct, frozen=True):
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
    by: str = "films"
    directors: list[Ranked] = msgspec.field(default_factory=list)
    actors: list[Ranked] = msgspec.field(default_factory=list)
    genres: list[Ranked] = msgspec.field(default_factory=list)
    highest_rated: list[Mention] = msgspec.field(default_factory=list)
    most_watched: list[Mention] = msgspec.field(default_factory=list)
    decades: dict[int, Split] = msgspec.field(default_factory=dict)
    release_years: dict[int, Split] = msgspec.field(default_factory=dict)
    countries: list[Ranked] = msgspec.field(default_factory=list)
    tags: list[Ranked] = msgspec.field(default_factory=list)
    companions: list[Ranked] = msgspec.field(default_factory=list)
    unfinished: list[Mention] = msgspec.field(default_factory=list)
    longest_film: Mention | None = None
    shortest_film: Mention | None = None
    milestones: list[Mention] = msgspec.field(default_factory=list)
    days: dict[dt.date, int] = msgspec.field(default_factory=dict)
    weekdays: tuple[int, ...] = (0,) * 7
    best_reviews: list[Mention] = msgspec.field(default_factory=list)

    @property
    def first_watches(self) -> int:
        return self.watches - self.rewatches

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
        """The ``stats --json`` document (SPEC section 4, plus the keys README lists)."""
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
            "by": self.by,
            "directors": [c.to_json() for c in self.directors],
            "actors": [c.to_json() for c in self.actors],
            "genres": [c.to_json() for c in self.genres],
            "first_watches": self.first_watches,
            "highest_rated": [m.to_json("rating", "viewings") for m in self.highest_rated],
            "most_watched": [m.to_json("viewings") for m in self.most_watched],
            "decades": {f"{d}s": s.to_json() for d, s in self.decades.items()},
            "release_years": {str(y): s.to_json() for y, s in self.release_years.items()},
            "countries": [c.to_json() for c in self.countries],
            "tags": [c.to_json() for c in self.tags],
            "companions": [c.to_json() for c in self.companions],
            "unfinished": [m.to_json("date") for m in self.unfinished],
            "longest_film": self.longest_film.to_json("runtime") if self.longest_film else None,
            "shortest_film": (
                self.shortest_film.to_json("runtime") if self.shortest_film else None
            ),
            "milestones": [m.to_json("n", "date") for m in self.milestones],
            "days": {d.isoformat(): n for d, n in self.days.items()},
            "weekdays": dict(zip(WEEKDAYS, self.weekdays, strict=True)),
            "best_reviews": [
                m.to_json("date", "rating", "text", "spoilers") for m in self.best_reviews
            ],
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
