"""Letterboxd account exports: the zip, or its unpacked folder.

Files read: ``diary.csv``, ``reviews.csv``, ``ratings.csv``, ``watched.csv``,
``watchlist.csv``, ``likes/films.csv``, ``lists/*.csv``, ``profile.csv`` (the favourite
films), ``orphaned/diary.csv`` (diary rows of films Letterboxd no longer lists, imported as
the diary's), and ``deleted/diary.csv``, ``deleted/reviews.csv`` and ``deleted/lists/*.csv``
(what the member deleted: what an earlier import brought is removed, unless it was changed
in filmlog since, and never brought back). ``likes/reviews.csv``, ``likes/lists.csv`` and
``comments.csv`` are links to other members' writing, counted and left out. The export
is the zip or folder given, or the one folder it holds when it holds nothing else (a zip
re-packed with its folder); the summary names what was read.

How rows map to the journal:

- each diary row is a viewing on its ``Watched Date`` (else its ``Date``), logged on its
  ``Date``; ``Rewatch`` is kept as given, ``Tags`` are split on commas. Its
  ``Letterboxd URI`` names that diary entry, so it is the viewing's ``source``; a row
  without one is named by title, year, day and its position among identical rows.
- a review joins its diary row (same URI, else same title, year and day) and its HTML
  becomes Markdown. A review with a day but no diary row is a viewing of its own. A
  review with no day (Letterboxd lets you review without logging) is an undated entry of
  its film: a viewing without a date, kept out of the diary and the stats.
- ``ratings.csv`` sets the film's rating, ``watched.csv`` marks films seen (no viewing
  is invented), ``likes/films.csv`` likes them, ``watchlist.csv`` fills the watchlist.
  URIs in these files name films, and are kept as the film's Letterboxd id.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.files import MIB, is_folder, read_limited, read_member
from filmlog.importers.html import html_to_markdown
from filmlog.importers.plan import (
    Ambiguous,
    Builder,
    FileError,
    Plan,
    Problem,
    Progress,
    Row,
    RowError,
    checked_day,
    decode,
    read_rows,
)
from filmlog.models import (
    FilmIds,
    FilmList,
    ListEntry,
    Watch,
    WatchlistItem,
    from_spreadsheet_cell,
    list_slug,
    parse_rating,
    parse_year,
    stars,
    title_key,
)
from filmlog.store import Store

DIARY = "diary.csv"
REVIEWS = "reviews.csv"
RATINGS = "ratings.csv"
WATCHED = "watched.csv"
WATCHLIST = "watchlist.csv"
LIKES = "likes/films.csv"
FILES = (DIARY, REVIEWS, RATINGS, WATCHED, WATCHLIST, LIKES)
PROFILE = "profile.csv"
ORPHANED = "orphaned/diary.csv"
DELETED_DIARY = "deleted/diary.csv"
DELETED_REVIEWS = "deleted/reviews.csv"
LIKED_REVIEWS = "likes/reviews.csv"
LIKED_LISTS = "likes/lists.csv"
COMMENTS = "comments.csv"
LINKS = (LIKED_REVIEWS, LIKED_LISTS, COMMENTS)
LISTS = "lists/"
DELETED_LISTS = "deleted/lists/"
# Files of the export read after the main ones (and lists/*.csv, deleted/lists/*.csv).
MORE_FILES = (ORPHANED, DELETED_DIARY, DELETED_REVIEWS, PROFILE, *LINKS)
FILM_COLUMNS = ("Date", "Name", "Year", "Letterboxd URI")
COLUMNS = {
    DIARY: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    REVIEWS: (*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"),
    RATINGS: (*FILM_COLUMNS, "Rating"),
    WATCHED: FILM_COLUMNS,
    WATCHLIST: FILM_COLUMNS,
    LIKES: FILM_COLUMNS,
    PROFILE: ("Favorite Films",),
    ORPHANED: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    DELETED_DIARY: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    DELETED_REVIEWS: (*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"),
    LIKED_REVIEWS: ("Date",),
    LIKED_LISTS: ("Date",),
    COMMENTS: ("Date",),
}
LIST_HEAD = ("Date", "Name", "URL", "Description")
LIST_ENTRY = ("Position", "Name", "Year", "URL", "Description")
_LIST_EXPORT = re.compile(r"^Letterboxd list export v\d+$")
FAVOURITES = "Favourites"
FAVOURITES_SOURCE = "letterboxd:profile:favourites"
MAX_FILE_BYTES = 256 * MIB
WHAT = "a Letterboxd export file"
HINT = "give the zip Letterboxd sends (Settings > Data > Export) or its unpacked folder"


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Export:
    """An export's known files by name, and where they were read (the folder, or the zip
    with the folder inside it: ``letterboxd.zip/letterboxd-me-2024-05-01-utc``)."""

    files: dict[str, bytes]
    where: str
    # Files in Letterboxd's import layout (Title, WatchedDate...), as filmlog exports them.
    own: dict[str, bytes] = field(default_factory=dict)


def read_export(path: Path) -> Export:
    """The export's known files by name (``likes/films.csv`` keeps its folder)."""
    try:
        if is_folder(path, "the export", HINT):
            return _read_folder(path)
        if path.suffix.casefold() == ".csv":
            return Export({}, str(path), {path.name: read_limited(path, MAX_FILE_BYTES, WHAT)})
        with zipfile.ZipFile(path) as archive:
            return _read_zip(path, archive)
    except zipfile.BadZipFile:
        raise InvalidInput(f"{path} is neither a folder nor a zip file", HINT) from None
    except OSError as exc:
        where = f"{exc.filename}" if exc.filename else f"{path}"
        raise FilmlogError(f"cannot read {where}: {exc.strerror or exc}") from None


def _ignored(name: str) -> bool:
    """What a file manager or an archiver leaves beside an export (``.DS_Store``...)."""
    return name.startswith(".") or name == "__MACOSX"


def _holds_export(folder: Path) -> bool:
    try:
        return any((folder / name).exists() for name in FILES)
    except OSError:  # a folder we may not look into holds nothing we can read
        return False


def _read_folder(path: Path) -> Export:
    root = path
    own = sorted(f for pattern in OWN_FILES for f in path.glob(pattern))
    if own and not _holds_export(path):
        return Export({}, str(path), {f.name: read_limited(f, MAX_FILE_BYTES, WHAT) for f in own})
    if not _holds_export(path):
        entries = sorted(e for e in path.iterdir() if not _ignored(e.name))
        if len(entries) == 1 and entries[0].is_dir() and _holds_export(entries[0]):
            root = entries[0]  # the folder a zip unpacks to, unpacked into a folder of its own
        else:
            raise InvalidInput(
                f"{path} has no Letterboxd export files (diary.csv...)",
                _exports_inside(entries),
            )
    found = {}
    for name in (*FILES, *MORE_FILES):
        file = root / name
        if file.exists():
            found[name] = read_limited(file, MAX_FILE_BYTES, WHAT)
    for folder in (LISTS, DELETED_LISTS):
        if (root / folder).is_dir():
            for file in sorted((root / folder).glob("*.csv")):
                if not _ignored(file.name):
                    found[folder + file.name] = read_limited(file, MAX_FILE_BYTES, WHAT)
    return Export(found, str(root))


def _exports_inside(entries: list[Path]) -> str:
    """A hint naming the folders inside that hold an export (they are never guessed at)."""
    inner = [e for e in entries if e.is_dir() and _holds_export(e)]
    if len(inner) == 1:
        return f"{inner[0]} holds one: give that folder"
    if inner:
        listed = ", ".join(str(e) for e in inner[:3]) + (", ..." if len(inner) > 3 else "")
        return f"these folders hold exports: {listed}; import one at a time"
    return HINT


def _read_zip(path: Path, archive: zipfile.ZipFile) -> Export:
    members = {
        info.filename: info
        for info in archive.infolist()
        if not info.is_dir() and not _ignored(info.filename.split("/", 1)[0])
    }
    prefix = ""
    if not any(name in members for name in FILES):
        tops = {member.split("/", 1)[0] for member in members}
        folder = tops.pop() if len(tops) == 1 else None
        if (
            folder is None
            or folder in members
            or not any(f"{folder}/{name}" in members for name in FILES)
        ):
            raise InvalidInput(f"{path} has no Letterboxd export files (diary.csv...)", HINT)
        prefix = folder + "/"
    found = {}
    lists = sorted(
        m[len(prefix) :]
        for m in members
        for folder in (LISTS, DELETED_LISTS)
        if m.startswith(prefix + folder)
        and m.casefold().endswith(".csv")
        and "/" not in m[len(prefix + folder) :]
        and not _ignored(m.rsplit("/", 1)[-1])
    )
    for name in (*FILES, *MORE_FILES, *lists):
        info = members.get(prefix + name)
        if info is None:
            continue
        found[name] = read_member(archive, info, MAX_FILE_BYTES, str(path))
    return Export(found, f"{path}/{prefix.rstrip('/')}" if prefix else str(path))


# --------------------------------------------------------------------------- import layout

# Letterboxd's import layout, as ``filmlog export --format letterboxd`` writes it: the
# diary, the watchlist, each list, and the index naming each list file's list.
IMPORT_COLUMNS = ("Title", "Year", "Rating", "WatchedDate", "Rewatch", "Tags", "Review")
OWN_FILES = ("diary-*.csv", "watchlist-*.csv", "list-*.csv", "lists.csv")
OWN_COLUMNS = {
    "watchlist": ("Title", "Year", "Added"),
    "list": ("Position", "Title", "Year"),
    "index": ("File", "Name"),
    "diary": IMPORT_COLUMNS,
}
DNF_TAG = "dnf"


def own_kind(name: str) -> str:
    """What a file of the import layout holds, by its name (any other CSV is a diary)."""
    if name == "lists.csv":
        return "index"
    if name.startswith("watchlist-"):
        return "watchlist"
    return "list" if name.startswith("list-") else "diary"


def _film_cells(row: Row) -> dict[str, str]:
    return {
        "Date": "",
        "Name": from_spreadsheet_cell(row.get("Title")),
        "Year": row.get("Year"),
        "Letterboxd URI": row.get("LetterboxdURI"),
    }


def _as_export_rows(rows: list[Row]) -> Iterator[tuple[str, Row]]:
    """Diary rows of the import layout as the rows of an account export that say the
    same: a dated row is a diary row (and a review row when it has a review), one with a
    review but no date a review without a day, any other a watched film (and a rating).
    Text cells lose the apostrophe the export put before what a spreadsheet would run as
    a formula. Diary rows carry no Letterboxd URI, which in this layout names the film
    (where an account export's names the diary entry): a watched row carries it. The tag
    ``dnf`` marks a viewing not finished."""
    for row in rows:
        film = _film_cells(row)
        day = row.get("WatchedDate")
        if day or row.get("Review"):
            tags = [t.strip() for t in from_spreadsheet_cell(row.get("Tags")).split(",")]
            diary = {
                **film,
                "Letterboxd URI": "",
                "Rating": row.get("Rating"),
                "Rewatch": "Yes" if row.get("Rewatch").casefold() in ("true", "yes") else "",
                "Tags": ", ".join(t for t in tags if t and t != DNF_TAG),
                "Watched Date": day,
                "DNF": "Yes" if DNF_TAG in tags else "",
            }
            if film["Letterboxd URI"]:
                yield WATCHED, Row(row.file, row.line, film)
            if day:
                yield DIARY, Row(row.file, row.line, diary)
            if row.get("Review"):
                yield REVIEWS, Row(row.file, row.line, {**diary, "Review": row.raw("Review")})
            continue
        yield WATCHED, Row(row.file, row.line, film)
        if row.get("Rating"):
            yield RATINGS, Row(row.file, row.line, {**film, "Rating": row.get("Rating")})


def _own_lists(index: list[Row], files: dict[str, list[Row]]) -> dict[str, tuple[Row, list[Row]]]:
    """The lists of the import layout, as the list files of an account export: the
    index row of each list (its files joined in order) and its film rows."""
    lists: dict[str, tuple[Row, list[Row]]] = {}
    for head in index:
        name = from_spreadsheet_cell(head.get("Name"))
        values = {
            "Date": head.get("Created"),
            "Name": name,
            "URL": "",
            "Description": head.raw("Description"),
            "Ranked": head.get("Ranked"),
        }
        rows = [
            Row(
                r.file,
                r.line,
                {
                    "Position": r.get("Position"),
                    "Name": from_spreadsheet_cell(r.get("Title")),
                    "Year": r.get("Year"),
                    "URL": r.get("LetterboxdURI"),
                    "Description": r.raw("Review"),
                },
            )
            for r in files.get(head.get("File"), ())
        ]
        if name in lists:
            lists[name][1].extend(rows)
        else:
            lists[name] = (Row(head.file, head.line, values), rows)
    return lists


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class _Film:
    """A row that names a film (watched, ratings, likes, watchlist)."""

    row: Row
    name: str
    year: int | None
    uri: str | None
    day: dt.date | None
    rating: float | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
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


def _day(row: Row, column: str, *, required: bool) -> dt.date | None:
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


def _common(row: Row, uri_column: str = "Letterboxd URI") -> tuple[str, int | None, str | None]:
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


def _film_row(row: Row, *, with_rating: bool, with_day: bool) -> _Film:
    """A film row; only the watchlist needs its Date (the day a film was added)."""
    name, year, uri = _common(row)
    day = _day(row, "Date", required=with_day)
    rating = _rating(row) if with_rating else None
    if with_rating and rating is None:
        raise RowError("no rating")
    return _Film(row, name, year, uri, day, rating)


def _entry_row(row: Row, with_review: bool) -> _Entry:
    name, year, uri = _common(row)
    logged = _day(row, "Date", required=False)
    watched = _day(row, "Watched Date", required=False)
    review = None
    if with_review:
        review = html_to_markdown(row.raw("Review")) or None
    elif watched is None:
        if logged is None:
            raise RowError("no Watched Date and no Date")
        watched = logged
    dnf = row.get("DNF") == "Yes"  # only filmlog's own export says so
    return _Entry(
        row, name, year, uri, watched, logged, _rating(row), _rewatch(row), _tags(row), review, dnf
    )


# --------------------------------------------------------------------------- the plan

FilmKey = Hashable


def plan_import(store: Store, path: Path, progress: Progress | None = None) -> Plan:
    """Read a Letterboxd export and plan its changes to the journal (nothing is written)."""
    export = read_export(path)
    return plan_files(store, export.files, export.where, progress, export.own)


def plan_files(
    store: Store,
    files: dict[str, bytes],
    path: str,
    progress: Progress | None = None,
    own: dict[str, bytes] | None = None,
) -> Plan:
    """Plan the changes that an export's files (by name) make to the journal; ``own``
    holds files in Letterboxd's import layout (what ``filmlog export`` writes)."""
    builder = Builder(store, "letterboxd", path, "letterboxd", progress)
    tables: dict[str, list[Row]] = {}
    own_rows: dict[str, dict[str, list[Row]]] = defaultdict(dict)
    for name, raw in (own or {}).items():
        try:
            text, _ = decode(name, raw, latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        _, rows, problems = read_rows(name, text, OWN_COLUMNS[own_kind(name)])
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        own_rows[own_kind(name)][name] = rows
    for rows in own_rows["diary"].values():
        for table, row in _as_export_rows(rows):
            tables.setdefault(table, []).append(row)
    for rows in own_rows["watchlist"].values():
        tables.setdefault(WATCHLIST, []).extend(
            Row(r.file, r.line, {**_film_cells(r), "Date": r.get("Added")}) for r in rows
        )
    index = [r for rows in own_rows["index"].values() for r in rows]
    lists: dict[str, tuple[Row, list[Row]]] = _own_lists(index, own_rows["list"])
    list_files = sorted(n for n in files if n.startswith((LISTS, DELETED_LISTS)))
    for name in (*FILES, *MORE_FILES, *list_files):
        if name not in files:
            continue
        try:
            text, _ = decode(name, files[name], latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        if name in list_files:
            head, rows, problems = read_list(name, text)
            if head is not None:
                lists[name] = (head, rows)
        else:
            _, rows, problems = read_rows(name, text, COLUMNS[name])
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        tables.setdefault(name, []).extend(rows)
    if not tables and not lists and not builder.plan.problems:
        raise InvalidInput(f"{path} has no Letterboxd export files (diary.csv...)", HINT)
    _Planner(builder, tables, lists).run()
    return builder.finish()


def read_list(file: str, text: str) -> tuple[Row | None, list[Row], list[Problem]]:
    """A list file of Letterboxd's export: the line ``Letterboxd list export v7``, a
    table of one row (the list: Date, Name, Tags, URL, Description), a blank line, then
    a table of its films (Position, Name, Year, URL, Description). Returns the list's row
    and the film rows, each with the line it starts on."""
    lines = io.StringIO(text, newline="").readlines()
    if not lines or not _LIST_EXPORT.match(lines[0].strip().lstrip("\ufeff")):
        found = lines[0].strip()[:40] if lines else "nothing"
        return None, [], [Problem(file, 1, f"not a Letterboxd list export (it starts {found!r})")]
    # The blank line between the two tables: the first empty record after the header,
    # found by the CSV reader (a description may hold blank lines inside its quotes).
    reader = csv.reader(io.StringIO("".join(lines[1:]), newline=""))
    split = len(lines)
    try:
        for record in reader:
            if not record or record == [""]:
                split = reader.line_num + 1  # the blank line's number in the file
                break
    except csv.Error as exc:
        return None, [], [Problem(file, reader.line_num + 1, f"cannot be read as CSV ({exc})")]
    _, heads, problems = read_rows(file, "".join(lines[1 : split - 1]), LIST_HEAD, first_line=2)
    _, rows, more = read_rows(file, "".join(lines[split:]), LIST_ENTRY, first_line=split + 1)
    problems += more
    if len(heads) != 1:
        if not problems:
            problems.append(Problem(file, 2, f"has {len(heads)} list rows where one is expected"))
        return None, [], problems
    return heads[0], rows, problems


class _Planner:
    def __init__(
        self,
        builder: Builder,
        tables: dict[str, list[Row]],
        lists: dict[str, tuple[Row, list[Row]]] | None = None,
    ) -> None:
        self.b = builder
        self.tables = tables
        self.lists = lists or {}
        self.film_rows: dict[str, list[_Film]] = {}
        self.entries: dict[str, list[_Entry]] = {}
        # (name, year) -> keys of the distinct films of that name in the export, in order
        self.pairs: dict[tuple[str, int | None], list[FilmKey]] = defaultdict(list)
        self.years: dict[str, set[int | None]] = defaultdict(set)
        self.resolved: dict[FilmKey, str | None] = {}
        self.details: dict[str, int] = defaultdict(int)
        self.viewed: set[str] = set()
        self.deleted: set[str] = set()

    def run(self) -> None:
        self._parse()
        self._films()
        self._deletions()
        self._viewings(self._join_reviews())
        self._seen_only()
        self._lists()
        self._favourites()
        self.b.plan.details = {
            k: self.details[k]
            for k in (
                "viewings",
                "rewatches",
                "reviews_joined",
                "reviews_as_viewings",
                "reviews_undated",
                "ratings",
                "seen_without_viewing",
                "likes",
                "watchlist",
                "lists",
                "list_entries",
                "favourites",
                "orphaned",
                "deleted_removed",
                "deleted_kept",
                "deleted_not_imported",
                "lists_deleted",
                "links_left_out",
            )
        }

    # -- parsing -------------------------------------------------------------

    def _parse(self) -> None:
        for name in (WATCHED, RATINGS, LIKES, WATCHLIST):
            parsed = []
            for row in self.tables.get(name, ()):
                self.b.tick()
                try:
                    parsed.append(
                        _film_row(row, with_rating=name == RATINGS, with_day=name == WATCHLIST)
                    )
                except RowError as exc:
                    self.b.problem(row, str(exc))
            self.film_rows[name] = parsed
            for item in parsed:
                key = self._key(item.name, item.year, item.uri)
                keys = self.pairs[(item.name, item.year)]
                if key not in keys:
                    keys.append(key)
                self.years[_tkey(item.name)].add(item.year)
        for name in (DIARY, ORPHANED, REVIEWS, DELETED_DIARY, DELETED_REVIEWS):
            parsed_entries = []
            for row in self.tables.get(name, ()):
                self.b.tick()
                try:
                    parsed_entries.append(
                        _entry_row(row, with_review=name in (REVIEWS, DELETED_REVIEWS))
                    )
                except RowError as exc:
                    self.b.problem(row, str(exc))
            self.entries[name] = parsed_entries
            if name in (DIARY, ORPHANED, REVIEWS):
                for entry in parsed_entries:
                    self.years[_tkey(entry.name)].add(entry.year)
        # Orphaned diary rows are diary rows whose film Letterboxd no longer lists.
        self.details["orphaned"] = len(self.entries[ORPHANED])
        self.entries[DIARY] += self.entries.pop(ORPHANED)
        for name in LINKS:
            for _ in self.tables.get(name, ()):
                self.b.tick()
            self.details["links_left_out"] += len(self.tables.get(name, ()))

    @staticmethod
    def _key(name: str, year: int | None, uri: str | None) -> FilmKey:
        return ("uri", uri) if uri else ("name", name, year)

    # -- films ---------------------------------------------------------------

    def _film_id(self, key: FilmKey, name: str, year: int | None, row: Row) -> str | None:
        if key in self.resolved:
            return self.resolved[key]
        uri = key[1] if isinstance(key, tuple) and key[0] == "uri" else None
        film_id: str | None
        try:
            film = self.b.find_film(
                uri, (name,), year, key, adopt_undated=len(self.years[_tkey(name)]) == 1
            )
        except Ambiguous as exc:
            listed = ", ".join(f"{f.label} [{f.id}]" for f in exc.films)
            self.b.problem(
                row,
                f"{_label(name, year)} matches {len(exc.films)} films in the journal ({listed}); "
                "nothing tells which one this is",
            )
            film_id = None
        else:
            if film is None:
                film = self.b.create_film(name, year, key, ids=FilmIds(letterboxd=uri))
            else:
                self.b.fill(film.id, row, year=year, ids=FilmIds(letterboxd=uri))
            film_id = film.id
        self.resolved[key] = film_id
        return film_id

    def _films(self) -> None:
        for item in self.film_rows.get(WATCHED, ()):
            film_id = self._film_for(item)
            if film_id:
                self.b.fill(film_id, item.row, seen=True)
        for item in self.film_rows.get(RATINGS, ()):
            film_id = self._film_for(item)
            if film_id:
                self.details["ratings"] += 1
                self.b.fill(film_id, item.row, seen=True, rating=item.rating)
        for item in self.film_rows.get(LIKES, ()):
            film_id = self._film_for(item)
            if film_id:
                self.details["likes"] += 1
                self.b.fill(film_id, item.row, liked=True)
        for item in self.film_rows.get(WATCHLIST, ()):
            film_id = self._film_for(item)
            if film_id and item.day is not None:
                self.details["watchlist"] += 1
                self.b.keep_on_watchlist(film_id)
                self.b.add_to_watchlist(WatchlistItem(film=film_id, added=item.day))

    def _film_for(self, item: _Film) -> str | None:
        return self._film_id(
            self._key(item.name, item.year, item.uri), item.name, item.year, item.row
        )

    def _entry_key(self, entry: _Entry, position: dict[tuple[str, int | None], int]) -> FilmKey:
        """The film a diary or review row names by title and year only.

        When the export holds several films of that title and year (Letterboxd tells
        them apart, its diary does not), rows are matched to them in file order.
        """
        pair = (entry.name, entry.year)
        keys = self.pairs.get(pair) or [self._key(entry.name, entry.year, None)]
        index = position.get(pair, 0)
        position[pair] = index + 1
        if len(keys) > 1 and index == 0:
            self.b.plan.notes.append(
                f"{entry.row.file}:{entry.row.line}: the export has {len(keys)} films called "
                f"{_label(entry.name, entry.year)}; their rows were matched to them in file order"
            )
        return keys[min(index, len(keys) - 1)]

    # -- reviews and viewings ------------------------------------------------

    def _join_reviews(self) -> list[_Entry]:
        """Diary rows with their reviews joined, then the reviews without a diary row."""
        diary = list(self.entries.get(DIARY, ()))
        by_uri = {e.uri: i for i, e in enumerate(diary) if e.uri}
        by_day: dict[tuple[str, int | None, dt.date | None], list[int]] = defaultdict(list)
        for i, e in enumerate(diary):
            by_day[(e.name, e.year, e.day)].append(i)
        reviews: dict[int, _Entry] = {}
        alone: list[_Entry] = []
        for review in self.entries.get(REVIEWS, ()):
            if not review.review:
                self.b.skip(review.row, "an empty review", "empty review")
                continue
            index = by_uri.get(review.uri) if review.uri else None
            if index is None and review.day is not None:
                free = [
                    i
                    for i in by_day.get((review.name, review.year, review.day), ())
                    if i not in reviews
                ]
                index = free[0] if free else None
            if index is None:
                alone.append(review)
            elif index in reviews:
                self.b.skip(
                    review.row,
                    f"a second review of the diary entry on line {diary[index].row.line}; "
                    f"the one on line {reviews[index].row.line} was kept",
                    "second review",
                )
            else:
                reviews[index] = review
        joined: list[_Entry] = []
        for i, entry in enumerate(diary):
            found = reviews.get(i)
            if found is not None:
                self.details["reviews_joined"] += 1
            joined.append(entry if found is None else _merge(entry, found))
        return joined + alone

    def _viewings(self, entries: list[_Entry]) -> None:
        """Plan a viewing for each entry; an undated review is a viewing without a day.

        A row already imported keeps the film its viewing is on in the journal (which
        may have been renamed or merged since), so a re-import never makes a new film.
        """
        repeats: dict[tuple[str, int | None, dt.date | None], int] = defaultdict(int)
        position: dict[tuple[str, int | None], int] = {}
        for order, entry in enumerate(entries):
            key = self._entry_key(entry, position)
            same = (entry.name, entry.year, entry.day)
            repeats[same] += 1
            source = _source(entry, repeats[same])
            if source in self.deleted:
                self.b.skip(entry.row, f"deleted on Letterboxd ({source})", "deleted on Letterboxd")
                continue
            film_id = self.b.film_of_viewing(source)
            if film_id is not None:
                self.resolved.setdefault(key, film_id)
            else:
                film_id = self._film_id(key, entry.name, entry.year, entry.row)
            if film_id is None:
                continue
            if entry.day is None:
                self.details["reviews_undated"] += 1
                self._without_old_note(entry, film_id)
            elif entry.row.file == REVIEWS:
                self.details["reviews_as_viewings"] += 1
            self.details["viewings"] += 1
            self.details["rewatches"] += entry.rewatch
            if entry.day is not None:
                self.viewed.add(film_id)
            self.b.fill(film_id, entry.row, seen=True)
            watch = _watch(entry, film_id, source)
            self.b.add_watch(watch, entry.row, (entry.day or dt.date.min, order))

    def _without_old_note(self, review: _Entry, film_id: str) -> None:
        """Take out of the film's notes the copy of this undated review that filmlog put
        there before it kept undated reviews as entries of their own."""
        head = "Letterboxd review" + (f", {review.logged.isoformat()}" if review.logged else "")
        if review.rating is not None:
            head += f", {stars(review.rating)}"
        if review.tags:
            head += f", tags: {', '.join(review.tags)}"
        if review.uri:
            head += f" ({review.uri})"
        self.b.remove_note(film_id, f"{head}:\n\n{review.review}")

    def _seen_only(self) -> None:
        seen = {
            self.resolved.get(self._key(i.name, i.year, i.uri))
            for i in self.film_rows.get(WATCHED, ())
        }
        self.details["seen_without_viewing"] = len({f for f in seen if f} - self.viewed)

    # -- lists ---------------------------------------------------------------

    def _deletions(self) -> None:
        """Rows the member deleted on Letterboxd: the viewings an earlier import brought
        are removed, unless changed in filmlog since; none is ever brought back."""
        diary = self.entries.get(DELETED_DIARY, [])
        by_uri = {e.uri: i for i, e in enumerate(diary) if e.uri}
        by_day = {(e.name, e.year, e.day): i for i, e in enumerate(diary) if e.day}
        alone = []
        for review in self.entries.get(DELETED_REVIEWS, []):
            index = by_uri.get(review.uri) if review.uri else None
            if index is None and review.day is not None:
                index = by_day.get((review.name, review.year, review.day))
            if index is None:
                alone.append(review)
            else:
                diary[index] = _merge(diary[index], review)
        for entry in diary + alone:
            source = _source(entry, 1)
            self.deleted.add(source)
            if self.b.remove_watch(_watch(entry, "", source), entry.row):
                self.details["deleted_removed"] += 1
            elif self.b.holds(source):
                self.details["deleted_kept"] += 1
            else:
                self.details["deleted_not_imported"] += 1
        for name, (head, _) in self.lists.items():
            if name.startswith(DELETED_LISTS):
                self.b.remove_list(
                    "letterboxd:" + (head.get("URL") or f"list {head.get('Name')}"), head
                )
                self.details["lists_deleted"] += 1

    def _lists(self) -> None:
        for name, (head, rows) in self.lists.items():
            if name.startswith(DELETED_LISTS):
                continue
            film_list = self._list_of(head, rows)
            if film_list is not None:
                self.details["lists"] += 1
                self.details["list_entries"] += len(film_list.entries)
                self.b.add_list(film_list, head)

    def _list_of(self, head: Row, rows: list[Row]) -> FilmList | None:
        """The list a list file describes; None when a row of it is bad."""
        entries: list[ListEntry] = []
        bad = False
        for row in sorted(rows, key=_position):
            self.b.tick()
            try:
                name, year, uri = _common(row, uri_column="URL")
                _position(row, strict=True)
            except RowError as exc:
                self.b.problem(row, str(exc))
                bad = True
                continue
            film_id = self._film_id(self._key(name, year, uri), name, year, row)
            if film_id is None:
                bad = True
            elif any(e.film == film_id for e in entries):
                self.b.skip(row, f"{_label(name, year)} is on the list twice", "repeated entry")
            else:
                note = html_to_markdown(row.raw("Description")) or None
                entries.append(ListEntry(film_id, len(entries) + 1, note))
        name = head.get("Name")
        if not name or bad:
            if not name:
                self.b.problem(head, "no list name")
            return None
        try:
            created = _day(head, "Date", required=False)
        except RowError as exc:
            self.b.problem(head, str(exc))
            return None
        url = head.get("URL")
        return FilmList(
            id=list_slug(name),
            name=name,
            description=html_to_markdown(head.raw("Description")) or None,
            # Letterboxd's export does not say whether a list is ranked (it numbers every
            # list); filmlog's own export does.
            ranked=head.get("Ranked").casefold() in ("yes", "true"),
            entries=tuple(entries),
            created=created,
            source="letterboxd:" + (url or f"list {name}"),
        )

    def _favourites(self) -> None:
        """The four favourite films of the profile, a ranked list: found by their URI
        among the export's films (watched, liked, listed)."""
        for row in self.tables.get(PROFILE, ()):
            self.b.tick()
            uris = [u.strip() for u in row.get("Favorite Films").split(",") if u.strip()]
            if not uris:
                continue
            entries: list[ListEntry] = []
            for uri in uris:
                film_id = self.resolved.get(self._key("", None, uri))
                if film_id is None:
                    self.b.skip(
                        row,
                        f"favourite film {uri} is not among the export's films",
                        "unknown favourite",
                    )
                elif film_id not in (e.film for e in entries):
                    entries.append(ListEntry(film_id, len(entries) + 1))
            self.details["favourites"] += len(entries)
            self.b.add_list(
                FilmList(
                    id=list_slug(FAVOURITES),
                    name=FAVOURITES,
                    description="Your favourite films on your Letterboxd profile.",
                    ranked=True,
                    entries=tuple(entries),
                    source=FAVOURITES_SOURCE,
                ),
                row,
            )


def _position(row: Row, strict: bool = False) -> int:
    text = row.get("Position")
    if text.isdigit() and int(text) > 0:
        return int(text)
    if strict:
        raise RowError(f"{text!r} is not a position (a whole number from 1)")
    return 0


def _source(entry: _Entry, repeat: int) -> str:
    """What names a diary or review row for good: its URI, else its film, day and
    position among identical rows."""
    if entry.uri:
        return "letterboxd:" + entry.uri
    day = entry.day.isoformat() if entry.day else "no day"
    return f"letterboxd:{_title(entry.name, entry.year)} on {day} #{repeat}"


def _watch(entry: _Entry, film_id: str, source: str) -> Watch:
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


def _merge(entry: _Entry, review: _Entry) -> _Entry:
    """A diary row with its review (and anything the review row adds)."""
    return _Entry(
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


def _label(name: str, year: int | None) -> str:
    return repr(_title(name, year))


def _tkey(name: str) -> str:
    return title_key(name) or name.casefold()
