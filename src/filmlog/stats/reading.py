"""Statistics over a period of viewings: totals, ratings, time, people, places, streaks,
the films of the period, decades, tags, companions, the calendar of days.

Pure: stored documents (or models) in, a ``Stats`` value out; no store, no terminal.
People, genres, countries, tags and companions keep both counts, films and viewings (a
film seen twice is one film, two viewings); the other figures count viewings unless
their name says films. ``stats --json`` and the HTML page are both made from a Stats.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import msgspec

from filmlog.errors import InvalidDocument, InvalidInput
from filmlog.models import Film, Watch, film_to_doc, fold, format_rating, watch_to_doc

RATING_STEPS: tuple[float, ...] = tuple(n / 2 for n in range(1, 11))
TOP = 10


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


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BY = ("films", "viewings")
BEST_REVIEWS = 5
# The n-th film of a period worth a mention.
MILESTONES = (1, 10, 25, 50, 100, 250, 500, 750)


def is_milestone(n: int) -> bool:
    return n in MILESTONES or n % 1000 == 0


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


class DamagedDocument(InvalidDocument):
    """A stored document the quick reading of ``from_documents`` could not take."""


def compute(
    watches: Iterable[Watch],
    film_of: Callable[[str], Film | None],
    period: Period | None = None,
    *,
    today: dt.date | None = None,
    top: int = TOP,
    by: str = "films",
) -> Stats:
    """Statistics of the viewings in ``period``; ``film_of`` gives the film of an id.

    The models are read as their documents: see :func:`from_documents`.
    """
    docs = [watch_to_doc(w) for w in watches]
    cache: dict[str, Mapping[str, Any] | None] = {}

    def film_doc(film_id: str) -> Mapping[str, Any] | None:
        if film_id not in cache:
            film = film_of(film_id)
            cache[film_id] = film_to_doc(film) if film is not None else None
        return cache[film_id]

    return from_documents(docs, film_doc, period, today=today, top=top, by=by)


def from_documents(
    watches: Iterable[Mapping[str, Any]],
    film_of: Callable[[str], Mapping[str, Any] | None],
    period: Period | None = None,
    *,
    today: dt.date | None = None,
    top: int = TOP,
    by: str = "films",
) -> Stats:
    """Statistics of the viewings in ``period``, read from stored documents in one pass.

    ``film_of`` gives the stored document of a film id; only the films viewed in the
    period are looked up. ``by`` ("films" or "viewings") is what people, genres,
    countries, tags and companions are ranked by; both counts are kept.
    ``today`` caps the months a one-year period shows (no empty months in the future).
    Hours count finished viewings of films whose runtime is known; ``missing_runtime``
    counts the finished viewings whose film has none.

    A document this reading cannot take raises DamagedDocument (the model readers
    name it).
    """
    try:
        return _from_documents(watches, film_of, period or Period(), today, top, by)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DamagedDocument(
            f"a stored document does not fit: {exc!r}",
            "'filmlog doctor' lists every problem; fix the document or 'filmlog restore'",
        ) from None


def _from_documents(
    docs: Iterable[Mapping[str, Any]],
    film_of: Callable[[str], Mapping[str, Any] | None],
    period: Period,
    today: dt.date | None,
    top: int,
    by: str,
) -> Stats:
    if by not in BY:
        raise InvalidInput(f"cannot count by {by!r}", "give --by films or --by viewings")
    low = period.start.isoformat() if period.start else ""
    high = period.end.isoformat() if period.end else "9999-12-31"
    docs = list(docs)
    _check(docs)
    # Reviews without a day (a null date) are no viewings of a period.
    chosen = [d for d in docs if (on := d["date"]) and low <= on <= high]
    chosen.sort(key=_ID)
    chosen.sort(key=_DATE)
    seen = _Viewings()
    for doc in chosen:
        seen.add(doc)
    viewed, rating_of = seen.viewed, seen.rating_of
    tags, companions = _Tally(), _Tally()
    for pairs, tally in ((seen.tag_pairs, tags), (seen.with_pairs, companions)):
        for (name, film_id), n in pairs.items():
            tally.add_viewing(name, film_id, n)
    films = {film_id: film_of(film_id) for film_id in viewed}
    refs = _Refs(films)
    minutes, missing, runtimes = _hours(seen.finished, films)
    facts = _Facts(viewed, films)
    where = _Tally()
    for place, n in seen.places.items():
        where.spellings[place.strip()] += n
    days = {dt.date.fromisoformat(day): n for day, n in sorted(seen.on_day.items())}
    weekdays = [0] * 7
    for date, n in days.items():
        weekdays[date.weekday()] += n
    highest = [
        Mention(refs[f], viewed[f], rating_of[f])
        for f in _best(rating_of, lambda f: (-rating_of[f], -viewed[f]), refs, top)
    ]
    repeated = _best(
        {f: n for f, n in viewed.items() if n > 1}, lambda f: (-viewed[f], 0), refs, top
    )
    reviews = _best_reviews(highest, seen.reviewed)
    runtimes.sort(key=lambda item: (item[0], fold(refs[item[1]].title), item[1]))
    dates = list(days)
    return Stats(
        period=period,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        watches=len(chosen),
        films=len(viewed),
        rewatches=seen.rewatches,
        dnf=seen.dnf,
        minutes=minutes,
        missing_runtime=missing,
        ratings=seen.ratings,
        by_year=_by_year(days),
        by_month=_by_month(days, period, today or dt.date.today()),
        media=[Count(name, n) for name, n in _ranked(seen.media.items())],
        no_medium=seen.no_medium,
        where=[Count(r.name, r.viewings) for r in where.top(top, "viewings")],
        top_directors=_viewings(facts.directors, top),
        top_actors=_viewings(facts.actors, top),
        top_genres=_viewings(facts.genres, top),
        streak=longest_streak(dates),
        by=by,
        directors=facts.directors.top(top, by),
        actors=facts.actors.top(top, by),
        genres=facts.genres.top(top, by),
        highest_rated=highest,
        most_watched=[Mention(refs[f], viewed[f]) for f in repeated[:top]],
        decades={d: Split(*facts.decades[d]) for d in sorted(facts.decades)},
        release_years={y: Split(*facts.years[y]) for y in sorted(facts.years)},
        countries=facts.countries.top(top, by),
        tags=tags.top(top, by),
        companions=companions.top(top, by),
        unfinished=[Mention(refs[f], date=dt.date.fromisoformat(d)) for f, d in seen.unfinished],
        longest_film=_runtime(refs, runtimes[-1]) if runtimes else None,
        shortest_film=_runtime(refs, runtimes[0]) if runtimes else None,
        milestones=[
            Mention(refs[f], n=n, date=dt.date.fromisoformat(d)) for n, f, d in seen.milestones
        ],
        days=days,
        weekdays=tuple(weekdays),
        best_reviews=reviews,
    )


class _Viewings:
    """What one pass over a period's viewing documents counts, oldest first."""

    def __init__(self) -> None:
        self.ratings = dict.fromkeys(RATING_STEPS, 0)
        self.rewatches = self.dnf = self.no_medium = 0
        self.viewed: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.on_day: Counter[str] = Counter()
        self.media: Counter[str] = Counter()
        self.places: Counter[str] = Counter()
        self.tag_pairs: Counter[tuple[str, str]] = Counter()
        self.with_pairs: Counter[tuple[str, str]] = Counter()
        self.rating_of: dict[str, float] = {}
        self.reviewed: dict[str, Mapping[str, Any]] = {}
        self.unfinished: list[tuple[str, str]] = []
        self.milestones: list[tuple[int, str, str]] = []

    def add(self, doc: Mapping[str, Any]) -> None:
        film_id: str = doc["film"]
        day: str = doc["date"]
        self.on_day[day] += 1
        if film_id not in self.viewed and is_milestone(len(self.viewed) + 1):
            self.milestones.append((len(self.viewed) + 1, film_id, day))
        self.viewed[film_id] += 1
        rating = doc.get("rating")
        if rating is not None:
            self.ratings[rating] += 1
            self.rating_of[film_id] = float(rating)  # stored as 4 or 4.5
        if doc.get("rewatch"):
            self.rewatches += 1
        if doc.get("dnf"):
            self.dnf += 1
            self.unfinished.append((film_id, day))
        else:
            self.finished[film_id] += 1
        medium = doc.get("medium")
        if medium:
            self.media[medium] += 1
        else:
            self.no_medium += 1
        place = doc.get("where")
        if place:
            self.places[place] += 1
        for tag in doc.get("tags") or ():
            self.tag_pairs[tag, film_id] += 1
        for person in doc.get("with") or ():
            self.with_pairs[person, film_id] += 1
        if doc.get("review"):
            self.reviewed[film_id] = doc


class _Facts:
    """People, genres, countries, decades and release years of the films viewed."""

    def __init__(
        self, viewed: Mapping[str, int], films: Mapping[str, Mapping[str, Any] | None]
    ) -> None:
        self.directors, self.actors = _Tally(), _Tally()
        self.genres, self.countries = _Tally(), _Tally()
        self.decades: dict[int, list[int]] = {}
        self.years: dict[int, list[int]] = {}
        for film_id, n in viewed.items():
            film = films[film_id]
            if film is not None:
                self._add(film, n)

    def _add(self, film: Mapping[str, Any], n: int) -> None:
        self.directors.add_film(film.get("directors"), n)
        cast = film.get("cast")
        if cast:
            self.actors.add_film([member["name"] for member in cast], n)
        self.genres.add_film(film.get("genres"), n)
        self.countries.add_film(film.get("countries"), n)
        year = film.get("year")
        if year is not None:
            for key, table in ((year // 10 * 10, self.decades), (year, self.years)):
                split = table.setdefault(key, [0, 0])
                split[0] += 1
                split[1] += n


def _hours(
    finished: Mapping[str, int], films: Mapping[str, Mapping[str, Any] | None]
) -> tuple[int, int, list[tuple[int, str]]]:
    """Minutes of the finished viewings of films with a runtime, how many viewings had
    none, and (runtime, film id) of each film with one."""
    minutes = missing = 0
    runtimes: list[tuple[int, str]] = []
    for film_id, n in finished.items():
        film = films[film_id]
        runtime = film.get("runtime") if film is not None else None
        if runtime:
            minutes += runtime * n
            runtimes.append((runtime, film_id))
        else:
            missing += n
    return minutes, missing, runtimes


def _best_reviews(
    highest: list[Mention], reviewed: Mapping[str, Mapping[str, Any]]
) -> list[Mention]:
    """The reviews of the highest rated films, best first."""
    reviews: list[Mention] = []
    for mention in highest:
        written = reviewed.get(mention.ref.film)
        if written is not None and len(reviews) < BEST_REVIEWS:
            reviews.append(
                Mention(
                    mention.ref,
                    rating=_rating(written),
                    date=dt.date.fromisoformat(written["date"]),
                    text=written["review"],
                    spoilers=bool(written.get("spoilers")),
                )
            )
    return reviews


def _viewings(tally: _Tally, top: int) -> list[Count]:
    """The ``top_*`` lists stats always had: names by viewings."""
    return [Count(r.name, r.viewings) for r in tally.top(top, "viewings")]


class _Refs(dict[str, FilmRef]):
    """FilmRef of a film id, made when first asked for."""

    def __init__(self, films: Mapping[str, Mapping[str, Any] | None]) -> None:
        super().__init__()
        self.films = films

    def __missing__(self, film_id: str) -> FilmRef:
        ref = self[film_id] = _ref(film_id, self.films[film_id])
        return ref


def _best(
    candidates: Iterable[str],
    rank: Callable[[str], tuple[float, float]],
    refs: Mapping[str, FilmRef],
    top: int,
) -> list[str]:
    """The first ``top`` films by ``rank``, ties by title: only the films that can make
    the cut have their title folded."""
    ordered = sorted(candidates, key=rank)
    if len(ordered) > top:
        cut = rank(ordered[top - 1])
        ordered = [f for f in ordered if rank(f) <= cut]
    ordered.sort(key=lambda f: (rank(f), fold(refs[f].title), f))
    return ordered[:top]


_RATINGS = frozenset((None, *RATING_STEPS))


def _check(docs: list[Mapping[str, Any]]) -> None:
    """What the quick reading relies on, checked over every viewing (not only those of
    the period): a whole-number id, a film id, and a date that is one or null."""
    if not all(type(d["id"]) is int and type(d["film"]) is str for d in docs):
        raise TypeError("a viewing's id or film")
    if not {d.get("rating") for d in docs} <= _RATINGS:
        raise ValueError("a viewing's rating")
    for day in {d["date"] for d in docs}:
        if day is not None:
            dt.date.fromisoformat(day)


def _ID(doc: Mapping[str, Any]) -> Any:
    return doc["id"]


def _DATE(doc: Mapping[str, Any]) -> Any:
    return doc["date"]


def _rating(doc: Mapping[str, Any]) -> float | None:
    rating = doc.get("rating")
    return None if rating is None else float(rating)


def _ref(film_id: str, film: Mapping[str, Any] | None) -> FilmRef:
    if film is None:
        return FilmRef(film_id, film_id, None)
    return FilmRef(film_id, film["title"], film.get("year"))


def _runtime(refs: Mapping[str, FilmRef], item: tuple[int, str]) -> Mention:
    return Mention(refs[item[1]], runtime=item[0])


def on_this_day(
    watches: Iterable[Mapping[str, Any]],
    film_of: Callable[[str], Mapping[str, Any] | None],
    day: dt.date,
) -> list[Mention]:
    """Viewings on this day of the year in earlier years, newest first; 29 February's
    show on 28 February of a year without one."""
    wanted = {day.strftime("-%m-%d")}
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
        wanted.add("-02-29")
    before = day.isoformat()[:4]
    try:
        watches = list(watches)
        _check(watches)
        found = [
            d for d in watches if d["date"] and d["date"][4:] in wanted and d["date"][:4] < before
        ]
        found.sort(key=_ID, reverse=True)
        found.sort(key=_DATE, reverse=True)
        return [
            Mention(
                _ref(d["film"], film_of(d["film"])),
                rating=_rating(d),
                date=dt.date.fromisoformat(d["date"]),
                n=day.year - int(d["date"][:4]),
            )
            for d in found
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DamagedDocument(f"a stored document does not fit: {exc!r}") from None


def _ranked(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(items, key=lambda item: (-item[1], fold(item[0]), item[0]))


class _Tally:
    """Counts names with case, accents and punctuation ignored; shows the commonest spelling.

    Films are counted once per name, viewings as often as they happen.
    """

    __slots__ = ("films", "sets", "spellings")

    def __init__(self) -> None:
        self.spellings: Counter[str] = Counter()  # viewings
        self.films: Counter[str] = Counter()
        self.sets: dict[str, set[str]] = {}  # film ids, for names given per viewing

    def add_film(self, names: Iterable[str] | None, viewings: int) -> None:
        """The names of one film viewed ``viewings`` times."""
        if not names:
            return
        if type(names) is not list and type(names) is not tuple:
            raise TypeError("a film's names should be a list")
        # A name listed twice on one film (an actor in two roles) counts once.
        for name in dict.fromkeys(n.strip() for n in names):
            self.spellings[name] += viewings
            self.films[name] += 1

    def add_viewing(self, name: str, film_id: str, viewings: int = 1) -> None:
        """A name given to viewings of one film (a tag, a companion)."""
        name = name.strip()
        self.spellings[name] += viewings
        self.sets.setdefault(name, set()).add(film_id)

    def top(self, limit: int, by: str = "films") -> list[Ranked]:
        # Folding once per distinct spelling, not once per viewing, keeps this cheap.
        viewings: Counter[str] = Counter()
        films: dict[str, Any] = {}
        best: dict[str, tuple[int, str]] = {}
        for name, n in self.spellings.items():
            key = fold(name)
            if not key:
                continue
            viewings[key] += n
            if name in self.sets:
                films[key] = films.get(key, set()) | self.sets[name]
            else:
                films[key] = films.get(key, 0) + self.films[name]
            if key not in best or (-n, name) < best[key]:
                best[key] = (-n, name)
        counted = [
            (best[key][1], v, f if isinstance(f, int) else len(f))
            for key, v in viewings.items()
            for f in (films[key],)
        ]
        if by == "films":
            counted.sort(key=lambda c: (-c[2], -c[1], fold(c[0]), c[0]))
            return [Ranked(name, f, f, v) for name, v, f in counted[:limit]]
        counted.sort(key=lambda c: (-c[1], -c[2], fold(c[0]), c[0]))
        return [Ranked(name, v, f, v) for name, v, f in counted[:limit]]


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
