"""The figures of a period, and the viewings on this day in earlier years, worked out from
the journal's stored documents in one pass, without a model per viewing (that is what keeps
``stats`` quick on a large journal); a document this reading cannot take raises
DamagedDocument."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from filmlog.errors import InvalidDocument, InvalidInput
from filmlog.models import Film, Watch, film_to_doc, fold, watch_to_doc
from filmlog.stats.days import _by_month, _by_year, longest_streak
from filmlog.stats.figures import RATING_STEPS, Count, FilmRef, Mention, Period, Split, Stats
from filmlog.stats.tally import _ranked, _Tally

TOP = 10
BY = ("films", "viewings")
BEST_REVIEWS = 5
# "Reviews of the best" are of films rated this or higher: a year with few rated films
# would otherwise show the review of a film its writer panned.
BEST_FROM = 3.5
# The n-th film of a period worth a mention.
MILESTONES = (1, 10, 25, 50, 100, 250, 500, 750)


def is_milestone(n: int) -> bool:
    return n in MILESTONES or n % 1000 == 0


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
    """The reviews of the highest rated films (rated BEST_FROM or higher), best first."""
    reviews: list[Mention] = []
    for mention in highest:
        if mention.rating is None or mention.rating < BEST_FROM:
            break  # highest rated first: the rest are lower
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
