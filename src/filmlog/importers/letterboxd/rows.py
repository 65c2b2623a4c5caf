"""One row's values: films, diary entries, reviews, their days, ratings and tags."""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from filmlog.errors import InvalidInput
from filmlog.html_markdown import html_to_markdown
from filmlog.importers.plan.rows import (
    Row,
    RowError,
    checked_day,
)
from filmlog.models import (
    Watch,
    parse_rating,
    parse_year,
    title_key,
)

# --------------------------------------------------------------------------- rows


class FilmRow(msgspec.Struct, frozen=True):
    """A row that names a film (watched, ratings, likes, watchlist)."""

    row: Row
    name: str
    year: int | None
    uri: str | None
    day: dt.date | None
    rating: float | None = None


class EntryRow(msgspec.Struct, frozen=True):
    """A diary or review row: one viewing (or one undated review)."""

    row: Row
    name: str
    year: int | None
    uri: str | None
    day: dt.date | None
    logged: dt.date | None
    rating: float | None
    rewatch: bool
    tags: tuple[str, ...]
    review: str | None = None
    dnf: bool = False


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def row_day(row: Row, column: str, *, required: bool) -> dt.date | None:
    text = row.get(column)
    if not text:
        if required:
            raise RowError(f"no {column}")
        return None
    if _ISO_DAY.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return checked_day(day, f"{column} {text}")
    raise RowError(f"{text!r} is not a date ({column} should be YYYY-MM-DD)")


def common_cells(
    row: Row, uri_column: str = "Letterboxd URI"
) -> tuple[str, int | None, str | None]:
    name = row.get("Name")
    if not name:
        raise RowError("no film name")
    try:
        year = parse_year(row.get("Year") or None)
    except InvalidInput as exc:
        raise RowError(exc.message) from None
    return name, year, row.get(uri_column) or None


def _rating(row: Row) -> float | None:
    text = row.get("Rating")
    if not text:
        return None
    try:
        return parse_rating(text)
    except InvalidInput as exc:
        raise RowError(exc.message) from None


def _rewatch(row: Row) -> bool:
    text = row.get("Rewatch")
    if text.casefold() in ("", "no"):
        return False
    if text.casefold() == "yes":
        return True
    raise RowError(f"{text!r} is not a Rewatch value (Yes or empty)")


def _tags(row: Row) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in row.get("Tags").split(",") if t.strip()))


def film_row(row: Row, *, with_rating: bool, with_day: bool) -> FilmRow:
    """A film row; only the watchlist needs its Date (the day a film was added)."""
    name, year, uri = common_cells(row)
    day = row_day(row, "Date", required=with_day)
    rating = _rating(row) if with_rating else None
    if with_rating and rating is None:
        raise RowError("no rating")
    return FilmRow(row, name, year, uri, day, rating)


def entry_row(row: Row, with_review: bool) -> EntryRow:
    name, year, uri = common_cells(row)
    logged = row_day(row, "Date", required=False)
    watched = row_day(row, "Watched Date", required=False)
    review = None
    if with_review:
        review = html_to_markdown(row.raw("Review")) or None
    elif watched is None:
        if logged is None:
            raise RowError("no Watched Date and no Date")
        watched = logged
    dnf = row.get("DNF") == "Yes"  # only filmlog's own export says so
    return EntryRow(
        row, name, year, uri, watched, logged, _rating(row), _rewatch(row), _tags(row), review, dnf
    )


def row_position(row: Row, strict: bool = False) -> int:
    text = row.get("Position")
    if text.isdigit() and int(text) > 0:
        return int(text)
    if strict:
        raise RowError(f"{text!r} is not a position (a whole number from 1)")
    return 0


def entry_source(entry: EntryRow, repeat: int) -> str:
    """What names a diary or review row for good: its URI, else its film, day and
    position among identical rows."""
    if entry.uri:
        return "letterboxd:" + entry.uri
    day = entry.day.isoformat() if entry.day else "no day"
    return f"letterboxd:{_title(entry.name, entry.year)} on {day} #{repeat}"


def entry_watch(entry: EntryRow, film_id: str, source: str) -> Watch:
    return Watch(
        id=0,
        film=film_id,
        date=entry.day,
        logged=entry.logged.isoformat() if entry.logged else "",
        rating=entry.rating,
        tags=entry.tags,
        rewatch=entry.rewatch,
        review=entry.review,
        dnf=entry.dnf,
        source=source,
        # Letterboxd's Rewatch (Yes or empty) is what its user said.
        rewatch_given=True,
    )


def merged_entry(entry: EntryRow, review: EntryRow) -> EntryRow:
    """A diary row with its review (and anything the review row adds)."""
    return EntryRow(
        row=entry.row,
        name=entry.name,
        year=entry.year,
        uri=entry.uri,
        day=entry.day,
        logged=entry.logged,
        rating=entry.rating if entry.rating is not None else review.rating,
        rewatch=entry.rewatch or review.rewatch,
        tags=entry.tags or review.tags,
        review=review.review,
        dnf=entry.dnf or review.dnf,
    )


def _title(name: str, year: int | None) -> str:
    return f"{name} ({year})" if year else name


def row_label(name: str, year: int | None) -> str:
    return repr(_title(name, year))


def title_lookup_key(name: str) -> str:
    return title_key(name) or name.casefold()
