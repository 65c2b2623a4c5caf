"""Reading the journal: a film's page, summaries, the diary and its filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog.errors import InvalidInput
from filmlog.models import (
    Disc,
    Film,
    Watch,
    clean_line,
    watch_order,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- reading


class Summary(msgspec.Struct, frozen=True):
    watches: int
    average_rating: float | None
    last_rating: float | None
    first_watched: dt.date | None
    last_watched: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "watches": self.watches,
            "average_rating": self.average_rating,
            "last_rating": self.last_rating,
            "first_watched": self.first_watched.isoformat() if self.first_watched else None,
            "last_watched": self.last_watched.isoformat() if self.last_watched else None,
        }


def summarise(watches: Sequence[Watch]) -> Summary:
    """Counts, average and latest rating, first and last day of a film's viewings."""
    ordered = sorted(watches, key=watch_order)
    rated = [w.rating for w in ordered if w.rating is not None]
    days = [w.date for w in ordered if w.date is not None]
    return Summary(
        watches=len(ordered),
        average_rating=round(sum(rated) / len(rated), 2) if rated else None,
        last_rating=rated[-1] if rated else None,
        first_watched=days[0] if days else None,
        last_watched=days[-1] if days else None,
    )


def current_rating(film: Film, summary: Summary) -> float | None:
    """The film's rating: set on the film, else the latest viewing's."""
    return film.rating if film.rating is not None else summary.last_rating


class FilmPage(msgspec.Struct, frozen=True):
    film: Film
    watches: list[Watch]
    discs: list[Disc]
    summary: Summary
    see_also: list[Film]
    on_watchlist: bool
    # The other films on this film's discs, by id (a disc can hold several).
    disc_films: dict[str, Film] = msgspec.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        from filmlog.models import disc_to_doc, film_to_doc, watch_to_doc

        film = film_to_doc(self.film)
        film["rating"] = current_rating(self.film, self.summary)
        return {
            "film": film,
            "watches": [watch_to_doc(w) for w in self.watches],
            "discs": [disc_to_doc(d) for d in self.discs],
            "summary": self.summary.to_json(),
        }


def film_page(store: Store, film: Film) -> FilmPage:
    """Everything the journal knows about one film."""
    watches = store.watches([film.id])
    see_also = [f for f in (store.film(i) for i in film.see_also) if f is not None]
    discs = store.discs(film.id)
    others = {i for d in discs for i in d.films if i != film.id}
    return FilmPage(
        film=film,
        watches=watches,
        discs=discs,
        summary=summarise(watches),
        see_also=see_also,
        on_watchlist=store.on_watchlist(film.id),
        disc_films={i: f for i in sorted(others) if (f := store.film(i)) is not None},
    )


class DiaryFilter(msgspec.Struct, frozen=True):
    start: dt.date | None = None
    end: dt.date | None = None
    tags: tuple[str, ...] = ()
    medium: str | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    film: str | None = None  # a film id
    where: str | None = None  # words the place holds, from the start of a word
    with_: tuple[str, ...] = ()  # people, each named from the start of a word
    liked: bool = False
    rewatch: bool | None = None  # True: rewatches only; False: first viewings only
    dnf: bool = False
    reviewed: bool = False

    def accepts(self, watch: Watch) -> bool:
        if watch.date is None:
            return False
        if self.start and watch.date < self.start:
            return False
        if self.end and watch.date > self.end:
            return False
        if self.film is not None and watch.film != self.film:
            return False
        if self.medium and watch.medium != self.medium:
            return False
        if not self._rated(watch.rating) or not self._flagged(watch):
            return False
        if self.where is not None and not holds_words(watch.where or "", self.where):
            return False
        if any(not any(holds_words(p, name) for p in watch.with_) for name in self.with_):
            return False
        wanted = {t.casefold() for t in self.tags}
        return wanted <= {t.casefold() for t in watch.tags}

    def _rated(self, rating: float | None) -> bool:
        if self.min_rating is None and self.max_rating is None:
            return True
        if rating is None:
            return False
        return (self.min_rating is None or rating >= self.min_rating) and (
            self.max_rating is None or rating <= self.max_rating
        )

    def _flagged(self, watch: Watch) -> bool:
        return (
            (not self.liked or watch.liked)
            and (not self.dnf or watch.dnf)
            and (not self.reviewed or bool(watch.review))
            and (self.rewatch is None or watch.rewatch == self.rewatch)
        )


def diary_filter(
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    tags: Iterable[str] = (),
    medium: str | None = None,
    min_rating: float | None = None,
    max_rating: float | None = None,
    where: str | None = None,
    with_: Iterable[str | None] = (),
    liked: bool = False,
    rewatch: bool | None = None,
    dnf: bool = False,
    reviewed: bool = False,
) -> DiaryFilter:
    """The diary's filter from values already parsed: tags each once, whatever their
    case; a lowest rating above the highest is refused (bad input)."""
    if min_rating is not None and max_rating is not None and min_rating > max_rating:
        raise InvalidInput(
            f"--min-rating {min_rating:g} is above --max-rating {max_rating:g}",
            "give the lower one first",
        )
    return DiaryFilter(
        start=start,
        end=end,
        tags=unique(tags),
        medium=medium,
        min_rating=min_rating,
        max_rating=max_rating,
        where=where,
        with_=tuple(w for w in with_ if w),
        liked=liked,
        rewatch=rewatch,
        dnf=dnf,
        reviewed=reviewed,
    )


def holds_words(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` from the start of a word, folded as titles are."""
    from filmlog.models import fold

    return f" {fold(text)} ".find(f" {fold(words)}") >= 0


def undated_matching(store: Store, where: DiaryFilter) -> int:
    """How many reviews without a day (left out of the diary) the filter would take if
    they had one; none when it names a period, which they cannot be in."""
    if where.start or where.end:
        return 0
    day = dt.date.min
    return sum(where.accepts(replace(w, date=day)) for w in store.undated_watches())


def diary(
    store: Store, where: DiaryFilter, limit: int | None = None, oldest_first: bool = False
) -> list[tuple[Watch, Film]]:
    """Viewings newest (or oldest) first with their films, filtered, at most ``limit``."""
    if oldest_first:
        return diary(store, where)[::-1][:limit]
    rows: list[tuple[Watch, Film]] = []
    films: dict[str, Film] = {}
    for watch in store.watches_newest_first():
        if limit is not None and len(rows) >= limit:
            break
        if not where.accepts(watch):
            continue
        film = films.get(watch.film) or store.film(watch.film)
        if film is None:
            film = Film(id=watch.film, title=watch.film)
        films[watch.film] = film
        rows.append((watch, film))
    return rows


def watch_json(watch: Watch, film: Film) -> dict[str, Any]:
    """A viewing as JSON with its film's title and year (the diary shape)."""
    from filmlog.models import watch_to_doc

    doc = watch_to_doc(watch)
    doc["title"] = film.title
    doc["year"] = film.year
    return doc


def split_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags as typed: ``"neo-noir, 35mm"`` is two tags, as on Letterboxd."""
    return unique(t.strip() for v in values for t in v.split(","))


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, cleaned to one line each, in order, each once whatever its case
    (``Noir`` and ``noir`` are one tag: the first spelling stays)."""
    kept: dict[str, str] = {}
    for value in values:
        if value and (clean := clean_line(value)):
            kept.setdefault(clean.casefold(), clean)
    return tuple(kept.values())
