"""Letterboxd: CSV files that Letterboxd's importers (letterboxd.com/import) read.

The diary has one row per viewing, with the importer's column names: ``Title``, ``Year``,
``Directors`` and the ids (``imdbID``, ``tmdbID``, ``LetterboxdURI``) so it can match the
film, then ``Rating`` (0.5 to 5), ``WatchedDate`` (YYYY-MM-DD), ``Rewatch`` (``Yes`` or
empty, as Letterboxd's own export writes it), ``Tags`` (comma-separated) and ``Review``.
Reviews are Markdown in the journal; here they use the few tags a Letterboxd review knows
(``<b>``, ``<i>``, ``<a href>``, ``<blockquote>``; paragraphs are blank lines), as
Letterboxd's own export writes them. A review without a day is a row with a review and no
date; a film rated or marked seen without a viewing of its own rating gets one row without
a date, which the importer reads as "watched" (with that rating).

Letterboxd has no "did not finish": such a viewing is written as a diary row tagged
``dnf``, the tag Letterboxd members use for it, so it is kept, found by that tag there,
and read back by filmlog as a viewing not finished. Letterboxd holds films only: TV series,
episodes and games are left out (and counted). A folder also gets the watchlist
(``watchlist-1.csv``) and each list (``list-<id>-1.csv``, with ``Position`` and the entry's
note as ``Review``), and ``lists.csv`` naming each list file's list (name, whether ranked,
description), for filmlog to read back. The importers take files under 1 MB, so each is
split over several files, each with the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.export import Library
from filmlog.models import (
    DNF_TAG,
    Film,
    FilmList,
    Watch,
    format_rating,
    spreadsheet_cell,
    without_terminal_codes,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

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
FILM_COLUMNS = COLUMNS[:6]
WATCHLIST_COLUMNS = (*FILM_COLUMNS, "Added")
LIST_COLUMNS = ("Position", *FILM_COLUMNS, "Review")
LISTS_INDEX = "lists.csv"
INDEX_COLUMNS = ("File", "Name", "Ranked", "Created", "Description")
# What Letterboxd does not hold: it lists films (shorts, TV films and specials too).
NOT_FILMS = frozenset(
    {"tv series", "tv mini series", "tv episode", "video game", "podcast series", "podcast episode"}
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
    """``diary-1.csv``, ``diary-2.csv``, ...; ``watchlist-1.csv``...; for each list
    ``list-<id>-1.csv``... and ``lists.csv`` naming them: each under 1 MB."""
    files = [(f"diary-{n}.csv", data) for n, data in enumerate(split(library), 1)]
    if library.only is not None:
        return files
    films = {f.id: f for f in library.all_films()}
    listed = [films[i.film] for i in library.source.watchlist() if _exported(films.get(i.film))]
    added = {i.film: i.added.isoformat() for i in library.source.watchlist()}
    watchlist = ((f.label, [*_film_cells(f), added[f.id]]) for f in listed)
    chunks = _split(WATCHLIST_COLUMNS, watchlist) if listed else []
    files += [(f"watchlist-{n}.csv", data) for n, data in enumerate(chunks, 1)]
    index: list[list[str]] = []
    for film_list in library.lists():
        entries = [(films[e.film], e) for e in film_list.entries if _exported(films.get(e.film))]
        rows = (
            (
                f"{film.label} on {film_list.name}",
                [str(n), *_film_cells(film), _review_cell(e.note or "")],
            )
            for n, (film, e) in enumerate(entries, 1)
        )
        for n, data in enumerate(_split(LIST_COLUMNS, rows), 1):
            name = f"list-{film_list.id}-{n}.csv"
            files.append((name, data))
            index.append(_index_row(name, film_list))
    if index:
        files.append((LISTS_INDEX, b"".join([_line(list(INDEX_COLUMNS)), *map(_line, index)])))
    return files


def _index_row(name: str, film_list: FilmList) -> list[str]:
    return [
        name,
        spreadsheet_cell(film_list.name),
        "Yes" if film_list.ranked else "",
        film_list.created.isoformat() if film_list.created else "",
        _review_cell(film_list.description or ""),
    ]


def left_out(library: Library) -> list[str]:
    """What Letterboxd cannot take and the export leaves out, counted, for the summary."""
    kinds = Counter(f.kind for f in library.films() if f.kind in NOT_FILMS)
    if not kinds:
        return []
    listed = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    return [f"left out what Letterboxd does not hold (films only): {listed}"]


def _exported(film: Film | None) -> bool:
    return film is not None and film.kind not in NOT_FILMS


def split(library: Library) -> list[bytes]:
    """The diary's CSV files: each under MAX_BYTES, each with the header."""
    return _split(COLUMNS, rows(library))


def _split(columns: tuple[str, ...], rows: Iterable[tuple[str, list[str]]]) -> list[bytes]:
    """Rows as CSV files, each under MAX_BYTES, each with the header."""
    header = _line(list(columns))
    files: list[bytes] = []
    chunk: list[bytes] = [header]
    size = len(header)
    for label, values in rows:
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
    """(what the row is, its cells): every viewing oldest first (reviews without a day
    first), then a row without a date for each film with a rating of its own (what
    Letterboxd's ratings hold) or seen without any viewing."""
    films = {f.id: f for f in library.films() if _exported(f)}
    viewed: set[str] = set()
    for watch in library.watches():
        film = films.get(watch.film)
        if film is None:
            continue
        viewed.add(film.id)
        yield f"{film.label} on {watch.date or 'no day'}", _cells(film, watch)
    for film in films.values():
        if film.rating is not None or (film.id not in viewed and film.seen):
            yield film.label, _cells(film, None)


def _film_cells(film: Film) -> list[str]:
    ids = film.ids
    return [
        spreadsheet_cell(film.title),
        str(film.year) if film.year else "",
        spreadsheet_cell(", ".join(film.directors)),
        ids.imdb if ids.imdb and _IMDB.match(ids.imdb) else "",
        ids.tmdb if ids.tmdb and _TMDB.match(ids.tmdb) and film.kind == "film" else "",
        _uri(ids.letterboxd),
    ]


def _cells(film: Film, watch: Watch | None) -> list[str]:
    if watch is None:
        return [*_film_cells(film), format_rating(film.rating), "", "", "", ""]
    tags = [t.replace(",", " ").strip() for t in watch.tags]
    if watch.dnf and DNF_TAG not in tags:
        tags.append(DNF_TAG)
    return [
        *_film_cells(film),
        format_rating(watch.rating),
        watch.date.isoformat() if watch.date else "",
        "Yes" if watch.rewatch else "",
        spreadsheet_cell(", ".join(tags)),
        _review_cell(watch.review or ""),
    ]


# Spreadsheet formulas: Title, Directors and Tags starting with = + - @ get a leading
# apostrophe (see models.spreadsheet_cell). Letterboxd matches a row to its film by
# imdbID, tmdbID or LetterboxdURI first, which are written whenever the journal knows
# them, so the apostrophe of a title such as "+1" or "-1" does not change which film is
# matched; without an id it is a title search, and Letterboxd's import screen shows the
# rows it matched so that one can be corrected. filmlog's own importer takes the
# apostrophe off again. The review is HTML to Letterboxd, so there the first character
# is written as a character reference instead (&#61; for =), which a spreadsheet does
# not run and both Letterboxd and filmlog read back as the character itself: the review
# arrives unchanged.
def _review_cell(markdown: str) -> str:
    html = review_html(without_terminal_codes(markdown))
    if spreadsheet_cell(html) == html:
        return html
    return f"&#{ord(html[0])};{html[1:]}"


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


# --------------------------------------------------------------------------- reviews

# Text without any of these is the same in Markdown and in Letterboxd's review HTML.
_MARKDOWN = re.compile(
    r"[\\`*_\[\]<>&]|^[ \t]*(?:[-+>#]|\d{1,9}[.)])|^(?: {4}|\t)|^[ \t]*(?:=+|-+)[ \t]*$|~~~",
    re.MULTILINE,
)


def review_html(text: str) -> str:
    """A Markdown review in the HTML of a Letterboxd review (raw HTML in it stays text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _MARKDOWN.search(text):
        return text
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    lists: list[list[int]] = []  # [ordered, next number] of each open list
    emitted: list[str] = []
    for token in parser.parse(text):
        emitted.append(_block(token, lists, parser))
    joined = "".join(emitted)
    joined = re.sub(r"\s+</blockquote>", "</blockquote>", joined)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


def _block(token: Token, lists: list[list[int]], parser: MarkdownIt) -> str:
    kind = token.type
    if kind == "inline":
        return _inline(token.children or [])
    if kind == "paragraph_close":
        return "\n" if token.hidden else "\n\n"
    if kind == "heading_open":
        return "<b>"
    if kind == "heading_close":
        return "</b>\n\n"
    if kind == "blockquote_open":
        return "<blockquote>"
    if kind == "blockquote_close":
        return "</blockquote>\n\n"
    if kind in ("bullet_list_open", "ordered_list_open"):
        start = int(token.attrs.get("start", 1) or 1)
        lists.append([kind == "ordered_list_open", start])
        return ""
    if kind in ("bullet_list_close", "ordered_list_close"):
        lists.pop()
        return "\n"
    if kind == "list_item_open":
        ordered, number = lists[-1]
        lists[-1][1] += 1
        return f"{number}. " if ordered else "- "
    if kind in ("fence", "code_block"):
        return _escape(token.content) + "\n"
    if kind == "hr":
        return "* * *\n\n"
    return ""


def _inline(children: list[Token]) -> str:
    out = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(_escape(child.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind in ("em_open", "em_close"):
            out.append("<i>" if kind == "em_open" else "</i>")
        elif kind in ("strong_open", "strong_close"):
            out.append("<b>" if kind == "strong_open" else "</b>")
        elif kind == "link_open":
            out.append(f'<a href="{_escape(str(child.attrs.get("href", "")))}">')
        elif kind == "link_close":
            out.append("</a>")
        elif kind == "image":
            src = _escape(str(child.attrs.get("src", "")))
            alt = _inline(child.children or []) or src
            out.append(f'<a href="{src}">{alt}</a>')
    return "".join(out)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
