"""The rows of an IMDb export: its columns under each name IMDb has given them, its
title types in every language, and each row checked."""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from filmlog.errors import InvalidInput
from filmlog.importers.plan.rows import Row, RowError, checked_day
from filmlog.models import fold, parse_year, title_key

__all__ = ["ALIASES", "KINDS", "Item", "RowError", "kind_of", "parse_row"]

ALIASES = {
    "const": "Const",
    "your rating": "Your Rating",
    "you rated": "Your Rating",
    "date rated": "Date Rated",
    "title": "Title",
    "original title": "Original Title",
    "url": "URL",
    "title type": "Title Type",
    "runtime (mins)": "Runtime (mins)",
    "year": "Year",
    "genres": "Genres",
    "directors": "Directors",
    "position": "Position",
    "created": "Created",
    "modified": "Modified",
    "description": "Description",
}

# Title types: IMDb's codes, its English labels, and the labels of localised exports.
# Compared after fold() (case, accents and punctuation ignored).
KINDS: dict[str, str] = {
    "movie": "film",
    "feature film": "film",
    "film": "film",
    "pelicula": "film",
    "filme": "film",
    "tvseries": "tv series",
    "tv series": "tv series",
    "serie tv": "tv series",
    "serie de tv": "tv series",
    "fernsehserie": "tv series",
    "tvminiseries": "tv mini series",
    "tv mini series": "tv mini series",
    "mini series": "tv mini series",
    "mini serie tv": "tv mini series",
    "miniserie de tv": "tv mini series",
    "mini serie": "tv mini series",
    "miniserie": "tv mini series",
    "tvmovie": "tv movie",
    "tv movie": "tv movie",
    "film tv": "tv movie",
    "telefilm": "tv movie",
    "pelicula de tv": "tv movie",
    "fernsehfilm": "tv movie",
    "short": "short",
    "short film": "short",
    "corto": "short",
    "cortometraggio": "short",
    "cortometraje": "short",
    "court metrage": "short",
    "kurzfilm": "short",
    "video": "video",
    "tvspecial": "tv special",
    "tv special": "tv special",
    "speciale tv": "tv special",
    "especial de tv": "tv special",
    "special tv": "tv special",
    "tvepisode": "tv episode",
    "tv episode": "tv episode",
    "episodio tv": "tv episode",
    "episodio de tv": "tv episode",
    "episode tv": "tv episode",
    "tvshort": "tv short",
    "tv short": "tv short",
    "corto tv": "tv short",
    "videogame": "video game",
    "video game": "video game",
    "videogioco": "video game",
    "videojuego": "video game",
    "music video": "music video",
    "musicvideo": "music video",
    "podcastseries": "podcast series",
    "podcast series": "podcast series",
    "podcastepisode": "podcast episode",
    "podcast episode": "podcast episode",
}


_CONST = re.compile(r"^tt\d{5,}$")
_OLD_DATE = "%a %b %d %H:%M:%S %Y"


def _rating(row: Row) -> float | None:
    text = row.get("Your Rating")
    if not text:
        return None
    if not re.fullmatch(r"\d{1,2}", text) or not 1 <= int(text) <= 10:
        raise RowError(f"{text!r} is not a rating from 1 to 10")
    return int(text) / 2


def _day(row: Row, column: str) -> dt.date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
        elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            day = dt.datetime.strptime(text, "%m/%d/%Y").date()
        else:
            day = dt.datetime.strptime(text, _OLD_DATE).date()
    except ValueError:
        raise RowError(f"{text!r} is not a date ({column})") from None
    return checked_day(day, f"{column} {text}")


def _runtime(row: Row) -> int | None:
    text = row.get("Runtime (mins)")
    if not text:
        return None
    if not text.isdigit() or int(text) == 0:
        raise RowError(f"{text!r} is not a runtime in minutes")
    return int(text)


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))


def kind_of(label: str) -> str | None:
    """The film kind for an IMDb title type (a code or a label), or None if unknown."""
    key = fold(label)
    return KINDS.get(key) or KINDS.get(key.replace(" ", ""))


def parse_row(row: Row, *, is_list: bool) -> Item:
    """One row checked: raises RowError saying what is wrong with it."""
    const = row.get("Const")
    if not _CONST.match(const):
        raise RowError(f"{const!r} is not an IMDb id (tt followed by digits)")
    local = row.get("Title")
    original = row.get("Original Title")
    if not local and not original:
        raise RowError("no title")
    title = original or local
    aka = (local,) if local and title_key(local) != title_key(title) else ()
    try:
        year = parse_year(row.get("Year") or None)
    except InvalidInput as exc:
        raise RowError(exc.message) from None
    rating = _rating(row)
    if rating is None and not is_list:
        raise RowError("no rating (Your Rating is empty)")
    added = None
    if not is_list:
        _day(row, "Date Rated")  # a day add would refuse makes the row a bad one
    if is_list:
        added = _day(row, "Created") or _day(row, "Modified") or _day(row, "Date Rated")
        if added is None:
            raise RowError("no date it was added (Created is empty)")
    # Before 2017 a rated title's list entry was made when it was rated.
    rated = (_day(row, "Date Rated") or added) if rating is not None else None
    position = row.get("Position")
    if position and not position.isdigit():
        raise RowError(f"{position!r} is not a position (a whole number from 1)")
    label = row.get("Title Type")
    kind = kind_of(label) if label else None
    unknown = label if label and kind is None else None
    if unknown:
        kind = " ".join(unknown.casefold().split())
    return Item(
        row=row,
        const=const,
        title=title,
        aka=aka,
        year=year,
        rating=rating,
        kind=kind,
        runtime=_runtime(row),
        genres=_split(row.get("Genres")),
        directors=_split(row.get("Directors")),
        added=added,
        note=row.get("Description") or None,
        rated=rated,
        position=int(position) if position else None,
        unknown_kind=unknown,
    )


class Item(msgspec.Struct, frozen=True):
    """One checked row."""

    row: Row
    const: str
    title: str
    aka: tuple[str, ...]
    year: int | None
    rating: float | None
    kind: str | None
    runtime: int | None
    genres: tuple[str, ...]
    directors: tuple[str, ...]
    added: dt.date | None
    note: str | None
    rated: dt.date | None = None
    position: int | None = None
    unknown_kind: str | None = None  # a title type filmlog does not know, as given

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aka)

    @property
    def label(self) -> str:
        return repr(f"{self.title} ({self.year})" if self.year else self.title)
