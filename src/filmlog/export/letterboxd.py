"""Letterboxd: CSV files that Letterboxd's importer (letterboxd.com/import) reads.

One row per viewing, with the importer's column names: ``Title``, ``Year``,
``Directors`` and the ids (``imdbID``, ``tmdbID``, ``LetterboxdURI``) so it can match the
film, then ``Rating`` (0.5 to 5), ``WatchedDate`` (YYYY-MM-DD), ``Rewatch`` (true or
false), ``Tags`` (comma-separated) and ``Review``. A film marked seen or rated without
any dated viewing gets one row without a date, which the importer reads as "watched".
The importer takes files under 1 MB, so the rows are split over several files, each
with the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.export import Library
from filmlog.models import Film, Watch, format_rating

COLUMNS = (
    "Title",
    "Year",
    "Directors",
    "imdbID",
    "tmdbID",
    "LetterboxdURI",
    "Rating",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
)
# Under 1 MB however the importer counts a megabyte (10^6 or 2^20 bytes).
MAX_BYTES = 1_000_000 - 1

_IMDB = re.compile(r"^tt\d{1,12}$")
_TMDB = re.compile(r"^\d{1,12}$")
_URI = re.compile(r"^https?://(?:letterboxd\.com|boxd\.it)/\S+$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


def document(library: Library) -> bytes:
    """The rows as one file; refused when they need more than one."""
    files = split(library)
    if len(files) > 1:
        raise InvalidInput(
            f"the Letterboxd export needs {len(files)} files of under 1 MB each",
            "give a folder: --out FOLDER/ writes diary-1.csv, diary-2.csv, ...",
        )
    return files[0]


def folder(library: Library) -> list[tuple[str, bytes]]:
    """The rows as ``diary-1.csv``, ``diary-2.csv``, ... each under 1 MB."""
    return [(f"diary-{n}.csv", data) for n, data in enumerate(split(library), 1)]


def split(library: Library) -> list[bytes]:
    """The CSV files: each under MAX_BYTES, each with the header."""
    header = _line(list(COLUMNS))
    files: list[bytes] = []
    chunk: list[bytes] = [header]
    size = len(header)
    for label, values in rows(library):
        line = _line(values)
        if len(header) + len(line) > MAX_BYTES:
            raise FilmlogError(
                f"the row for {label} is larger than Letterboxd's 1 MB limit",
                "shorten its review, or export it with --format csv",
            )
        if size + len(line) > MAX_BYTES:
            files.append(b"".join(chunk))
            chunk, size = [header], len(header)
        chunk.append(line)
        size += len(line)
    files.append(b"".join(chunk))
    return files


def rows(library: Library) -> Iterator[tuple[str, list[str]]]:
    """(what the row is, its cells): every viewing oldest first, then undated films."""
    films = {f.id: f for f in library.films()}
    viewed: set[str] = set()
    for watch in library.watches():
        film = films.get(watch.film)
        if film is None:
            continue
        viewed.add(film.id)
        yield f"{film.label} on {watch.date}", _cells(film, watch)
    for film in library.films():
        if film.id not in viewed and (film.seen or film.rating is not None):
            yield film.label, _cells(film, None)


def _cells(film: Film, watch: Watch | None) -> list[str]:
    ids = film.ids
    rating = watch.rating if watch is not None else film.rating
    return [
        film.title,
        str(film.year) if film.year else "",
        ", ".join(film.directors),
        ids.imdb if ids.imdb and _IMDB.match(ids.imdb) else "",
        ids.tmdb if ids.tmdb and _TMDB.match(ids.tmdb) and film.kind == "film" else "",
        _uri(ids.letterboxd),
        format_rating(rating),
        watch.date.isoformat() if watch else "",
        ("true" if watch.rewatch else "false") if watch else "",
        ", ".join(t.replace(",", " ").strip() for t in watch.tags) if watch else "",
        (watch.review or "").replace("\r\n", "\n") if watch else "",
    ]


def _uri(value: str | None) -> str:
    """A Letterboxd link the importer can follow; a bare film slug becomes its URL."""
    if not value:
        return ""
    if _URI.match(value):
        return value
    if _SLUG.match(value):
        return f"https://letterboxd.com/film/{value}/"
    return ""


def _line(values: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue().encode()
