"""CSV: the diary, one row per viewing, oldest first, with every field of a viewing."""

from __future__ import annotations

import csv
import io

from filmlog.export import Library
from filmlog.models import Film, Watch, format_rating, spreadsheet_cell

FILE_NAME = "diary.csv"
COLUMNS = (
    "id",
    "date",
    "title",
    "year",
    "film",
    "rating",
    "rewatch",
    "liked",
    "dnf",
    "spoilers",
    "medium",
    "where",
    "with",
    "tags",
    "disc",
    "review",
    "logged",
    "source",
)


def document(library: Library) -> bytes:
    """The diary as one CSV file (UTF-8, a header row, values separated by commas)."""
    films = {f.id: f for f in library.films()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for watch in library.watches():
        writer.writerow(row(watch, films.get(watch.film)))
    return out.getvalue().encode()


def folder(library: Library) -> list[tuple[str, bytes]]:
    """The diary as ``diary.csv``."""
    return [(FILE_NAME, document(library))]


def row(watch: Watch, film: Film | None) -> list[str]:
    """One viewing's cells, in COLUMNS order (lists joined with ", ").

    Numbers, days, ids and flags are written as they are; the user's text goes through
    ``spreadsheet_cell`` (no escape codes, no formula a spreadsheet would run).
    """
    return [
        str(watch.id),
        watch.date.isoformat() if watch.date else "",
        spreadsheet_cell(film.title if film else watch.film),
        str(film.year) if film and film.year else "",
        spreadsheet_cell(watch.film),
        format_rating(watch.rating),
        _flag(watch.rewatch),
        _flag(watch.liked),
        _flag(watch.dnf),
        _flag(watch.spoilers),
        watch.medium or "",
        spreadsheet_cell(watch.where or ""),
        spreadsheet_cell(", ".join(watch.with_)),
        spreadsheet_cell(", ".join(watch.tags)),
        "" if watch.disc is None else str(watch.disc),
        spreadsheet_cell(watch.review or ""),
        spreadsheet_cell(watch.logged),
        spreadsheet_cell(watch.source or ""),
    ]


def _flag(value: bool) -> str:
    return "true" if value else "false"
