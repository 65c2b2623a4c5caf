"""``film list``: one row a film, with its viewings counted, filtered and sorted.

Rows are made from the stored documents in one pass over the viewings, not from models:
a journal of 10,000 viewings would spend most of the command decoding documents nobody
looks at. A row becomes a model only for its JSON.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from filmlog.errors import InvalidInput
from filmlog.models import film_from_doc, film_to_doc, fold, title_keys

FILM_SORTS: tuple[str, ...] = ("title", "year", "last-watched", "rating", "watches")
# Other words users type for a sort: the first spelling of --sort watched is kept.
_SORT_ALIASES = {"watched": "last-watched", "last": "last-watched", "lastwatched": "last-watched"}


# (viewings, last day, average rating, latest rating)
Summary = tuple[int, str | None, float | None, float | None]


@dataclass(slots=True)  # not frozen: made once a film, and a frozen init costs twice as much
class FilmRow:
    """A film's stored document with what the table shows of it and of its viewings."""

    doc: Mapping[str, Any]
    title: str
    year: int | None
    directors: list[str]
    liked: bool
    seen: bool  # a dated viewing, or the film marked seen without one (an import's)
    rating: float | None  # set on the film, else the latest viewing's
    watches: int = 0
    last_watched: str | None = None  # ISO day
    average_rating: float | None = None

    @classmethod
    def of(cls, doc: Mapping[str, Any], summary: Summary | None) -> FilmRow:
        watches, last, average, latest = summary or (0, None, None, None)
        year = doc.get("year")
        rating = doc.get("rating")
        return cls(
            doc,
            str(doc.get("title") or ""),
            year if isinstance(year, int) else None,
            _texts(doc.get("directors")),
            doc.get("liked") is True,
            watches > 0 or doc.get("seen") is True,
            float(rating) if isinstance(rating, int | float) else latest,
            watches,
            last,
            average,
        )

    def to_json(self) -> dict[str, Any]:
        doc = film_to_doc(film_from_doc(self.doc))
        doc["rating"] = self.rating
        doc["watches"] = self.watches
        doc["last_watched"] = self.last_watched
        doc["average_rating"] = self.average_rating
        return doc


class FilmFilter(msgspec.Struct, frozen=True):
    """What ``film list`` keeps: every option given must hold."""

    genre: str | None = None
    decade: int | None = None  # its first year
    director: str | None = None
    seen: bool | None = True  # None: seen or not

    def accepts(self, row: FilmRow) -> bool:
        if self.seen is not None and row.seen != self.seen:
            return False
        if self.decade is not None and (row.year is None or row.year // 10 * 10 != self.decade):
            return False
        if self.genre is not None:
            wanted = fold(self.genre)
            if not any(fold(g) == wanted for g in _texts(row.doc.get("genres"))):
                return False
        if self.director is None:
            return True
        from filmlog.journal import holds_words

        return any(holds_words(d, self.director) for d in row.directors)


def parse_sort(text: str) -> str:
    word = text.strip().casefold().replace("_", "-")
    word = _SORT_ALIASES.get(word.replace("-", ""), word)
    if word not in FILM_SORTS:
        raise InvalidInput(f"{text.strip()!r} is not a sort order", "use " + ", ".join(FILM_SORTS))
    return word


_DECADE = re.compile(r"(\d{2}|\d{4})'?s?")


def parse_decade(text: str) -> int:
    """``1990s``, ``1990``, ``90s`` or ``'90s`` as the decade's first year (``90s`` is of
    the 1900s, ``20s`` and lower of the 2000s)."""
    match = _DECADE.fullmatch(text.strip().casefold().lstrip("'"))
    if match is None:
        raise InvalidInput(f"{text.strip()!r} is not a decade", "use e.g. 1990s or 90s")
    year = int(match[1])
    if len(match[1]) == 2:
        year += 2000 if year <= 20 else 1900
    if year % 10 or not 1870 <= year <= 2200:
        raise InvalidInput(f"{text.strip()!r} is not a decade", "use e.g. 1990s or 90s")
    return year


def film_rows(data: Mapping[str, Any], where: FilmFilter, sort: str = "title") -> list[FilmRow]:
    """The films of a journal's stored ``data`` that ``where`` keeps, sorted."""
    films: Mapping[str, Mapping[str, Any]] = data.get("films") or {}
    summaries = _summaries(data.get("watches") or {})
    made = (FilmRow.of(doc, summaries.get(doc.get("id"))) for doc in films.values())
    rows = [row for row in made if where.accepts(row)]
    # By title as lookup keys titles (case, accents, punctuation and spaces aside),
    # keyed all at once: one fold a film would cost more than the rest of the sorting.
    titles = [r.title for r in rows]
    years = [r.year or 0 for r in rows]
    order = sorted(zip(title_keys(titles), years, titles, range(len(rows)), strict=True))
    rows = [rows[entry[-1]] for entry in order]
    if sort == "year":
        rows.sort(key=lambda r: r.year or 0)
    elif sort == "last-watched":
        rows.sort(key=lambda r: r.last_watched or "", reverse=True)
    elif sort == "rating":
        rows.sort(key=lambda r: -1 if r.rating is None else r.rating, reverse=True)
    elif sort == "watches":
        rows.sort(key=lambda r: r.watches, reverse=True)
    return rows


def _summaries(watches: Mapping[str, Mapping[str, Any]]) -> dict[Any, Summary]:
    """By film id: (viewings, last day, average rating, latest rating), the latest as
    ``journal.summarise`` orders viewings (by day, then id; undated ones first)."""
    docs = list(watches.values())
    try:  # two stable sorts on keys taken in C, as the store sorts the diary
        docs.sort(key=_ID)
        docs.sort(key=_day_of)
    except (KeyError, TypeError):  # a damaged document: ordered as well as it can be
        docs.sort(key=lambda d: (str(d.get("date") or ""), str(d.get("id"))))
    count: dict[Any, int] = {}
    last: dict[Any, str] = {}
    rated: dict[Any, list[float]] = {}
    for doc in docs:
        film = doc.get("film")
        count[film] = count.get(film, 0) + 1
        if day := doc.get("date"):
            last[film] = day
        if (rating := doc.get("rating")) is not None:
            rated.setdefault(film, []).append(rating)
    out: dict[Any, Summary] = {}
    for film, n in count.items():
        ratings = rated.get(film)
        if ratings:
            average = round(sum(ratings) / len(ratings), 2)
            out[film] = (n, last.get(film), average, ratings[-1])
        else:
            out[film] = (n, last.get(film), None, None)
    return out


_ID = operator.itemgetter("id")


def _day_of(doc: Mapping[str, Any]) -> str:
    return doc["date"] or ""


def _texts(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
