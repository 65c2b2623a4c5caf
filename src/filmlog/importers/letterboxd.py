"""Letterboxd account exports: the zip, or its unpacked folder.

Files read (only at the top of the export; ``deleted/`` and ``orphaned/`` reuse the names
and are ignored): ``diary.csv``, ``reviews.csv``, ``ratings.csv``, ``watched.csv``,
``watchlist.csv`` and ``likes/films.csv``. The export is the zip or folder given, or the one
folder it holds when it holds nothing else (a zip re-packed with its folder); the summary
names what was read.

How rows map to the journal:

- each diary row is a viewing on its ``Watched Date`` (else its ``Date``), logged on its
  ``Date``; ``Rewatch`` is kept as given, ``Tags`` are split on commas. Its
  ``Letterboxd URI`` names that diary entry, so it is the viewing's ``source``; a row
  without one is named by title, year, day and its position among identical rows.
- a review joins its diary row (same URI, else same title, year and day) and its HTML
  becomes Markdown. A review with a day but no diary row is a viewing of its own. A
  review with no day (Letterboxd lets you review without logging) has no viewing to join:
  it goes into the film's notes, headed with its date, rating and URI.
- ``ratings.csv`` sets the film's rating, ``watched.csv`` marks films seen (no viewing
  is invented), ``likes/films.csv`` likes them, ``watchlist.csv`` fills the watchlist.
  URIs in these files name films, and are kept as the film's Letterboxd id.
"""

from __future__ import annotations

import datetime as dt
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
    Progress,
    Row,
    RowError,
    checked_day,
    decode,
    read_rows,
)
from filmlog.models import (
    FilmIds,
    Watch,
    WatchlistItem,
    from_spreadsheet_cell,
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
FILM_COLUMNS = ("Date", "Name", "Year", "Letterboxd URI")
COLUMNS = {
    DIARY: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    REVIEWS: (*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"),
    RATINGS: (*FILM_COLUMNS, "Rating"),
    WATCHED: FILM_COLUMNS,
    WATCHLIST: FILM_COLUMNS,
    LIKES: FILM_COLUMNS,
}
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
    own = sorted(path.glob("diary-*.csv"))
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
    for name in FILES:
        file = root / name
        if file.exists():
            found[name] = read_limited(file, MAX_FILE_BYTES, WHAT)
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
    for name in FILES:
        info = members.get(prefix + name)
        if info is None:
            continue
        found[name] = read_member(archive, info, MAX_FILE_BYTES, str(path))
    return Export(found, f"{path}/{prefix.rstrip('/')}" if prefix else str(path))


# --------------------------------------------------------------------------- import layout

# Letterboxd's import layout, as ``filmlog export --format letterboxd`` writes it.
IMPORT_COLUMNS = ("Title", "Year", "Rating", "WatchedDate", "Rewatch", "Tags", "Review")


def _as_export_rows(rows: list[Row]) -> Iterator[tuple[str, Row]]:
    """Rows of the import layout as the rows of an account export that say the same: a
    dated row is a diary row (and a review row when it has a review), an undated one a
    watched film (and a rating). Text cells lose the apostrophe the export put before
    what a spreadsheet would run as a formula. Diary rows carry no Letterboxd URI: in
    this layout it names the film, where an account export's names the diary entry."""
    for row in rows:
        base = {
            "Date": "",
            "Name": from_spreadsheet_cell(row.get("Title")),
            "Year": row.get("Year"),
            "Letterboxd URI": "",
        }
        day = row.get("WatchedDate")
        if day:
            diary = {
                **base,
                "Rating": row.get("Rating"),
                "Rewatch": "Yes" if row.get("Rewatch").casefold() in ("true", "yes") else "",
                "Tags": from_spreadsheet_cell(row.get("Tags")),
                "Watched Date": day,
            }
            yield DIARY, Row(row.file, row.line, diary)
            if row.get("Review"):
                yield REVIEWS, Row(row.file, row.line, {**diary, "Review": row.raw("Review")})
            continue
        film = {**base, "Letterboxd URI": row.get("LetterboxdURI")}
        yield WATCHED, Row(row.file, row.line, film)
        if row.get("Rating"):
            yield RATINGS, Row(row.file, row.line, {**film, "Rating": row.get("Rating")})


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


def _common(row: Row) -> tuple[str, int | None, str | None]:
    name = row.get("Name")
    if not name:
        raise RowError("no film name")
    try:
        year = parse_year(row.get("Year") or None)
    except InvalidInput as exc:
        raise RowError(exc.message) from None
    return name, year, row.get("Letterboxd URI") or None


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
    return _Entry(
        row, name, year, uri, watched, logged, _rating(row), _rewatch(row), _tags(row), review
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
    for name, raw in (own or {}).items():
        try:
            text, _ = decode(name, raw, latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        _, rows, problems = read_rows(name, text, IMPORT_COLUMNS)
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        for table, row in _as_export_rows(rows):
            tables.setdefault(table, []).append(row)
    for name in FILES:
        if name not in files:
            continue
        try:
            text, _ = decode(name, files[name], latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        _, rows, problems = read_rows(name, text, COLUMNS[name])
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        tables.setdefault(name, []).extend(rows)
    if not tables and not builder.plan.problems:
        raise InvalidInput(f"{path} has no Letterboxd export files (diary.csv...)", HINT)
    _Planner(builder, tables).run()
    return builder.finish()


class _Planner:
    def __init__(self, builder: Builder, tables: dict[str, list[Row]]) -> None:
        self.b = builder
        self.tables = tables
        self.film_rows: dict[str, list[_Film]] = {}
        self.entries: dict[str, list[_Entry]] = {}
        # (name, year) -> keys of the distinct films of that name in the export, in order
        self.pairs: dict[tuple[str, int | None], list[FilmKey]] = defaultdict(list)
        self.years: dict[str, set[int | None]] = defaultdict(set)
        self.resolved: dict[FilmKey, str | None] = {}
        self.details: dict[str, int] = defaultdict(int)
        self.viewed: set[str] = set()

    def run(self) -> None:
        self._parse()
        self._films()
        self._viewings(self._join_reviews())
        self._seen_only()
        self.b.plan.details = {
            k: self.details[k]
            for k in (
                "viewings",
                "rewatches",
                "reviews_joined",
                "reviews_as_viewings",
                "reviews_in_notes",
                "ratings",
                "seen_without_viewing",
                "likes",
                "watchlist",
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
        for name in (DIARY, REVIEWS):
            parsed_entries = []
            for row in self.tables.get(name, ()):
                self.b.tick()
                try:
                    parsed_entries.append(_entry_row(row, with_review=name == REVIEWS))
                except RowError as exc:
                    self.b.problem(row, str(exc))
            self.entries[name] = parsed_entries
            for entry in parsed_entries:
                self.years[_tkey(entry.name)].add(entry.year)

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
        """Plan a viewing for each dated entry; undated reviews go to their film's notes.

        A row already imported keeps the film its viewing is on in the journal (which
        may have been renamed or merged since), so a re-import never makes a new film.
        """
        repeats: dict[tuple[str, int | None, dt.date | None], int] = defaultdict(int)
        position: dict[tuple[str, int | None], int] = {}
        for order, entry in enumerate(entries):
            key = self._entry_key(entry, position)
            if entry.day is None:
                self._review_note(entry, self._film_id(key, entry.name, entry.year, entry.row))
                continue
            same = (entry.name, entry.year, entry.day)
            repeats[same] += 1
            source = "letterboxd:" + (
                entry.uri
                or f"{_title(entry.name, entry.year)} on {entry.day.isoformat()} #{repeats[same]}"
            )
            film_id = self.b.film_of_viewing(source)
            if film_id is not None:
                self.resolved.setdefault(key, film_id)
            else:
                film_id = self._film_id(key, entry.name, entry.year, entry.row)
            if film_id is None:
                continue
            if entry.row.file == REVIEWS:
                self.details["reviews_as_viewings"] += 1
            self.details["viewings"] += 1
            self.details["rewatches"] += entry.rewatch
            self.viewed.add(film_id)
            self.b.fill(film_id, entry.row, seen=True)
            watch = Watch(
                id=0,
                film=film_id,
                date=entry.day,
                logged=entry.logged.isoformat() if entry.logged else "",
                rating=entry.rating,
                tags=entry.tags,
                rewatch=entry.rewatch,
                review=entry.review,
                source=source,
                # Letterboxd's Rewatch (Yes or empty) is what its user said.
                rewatch_given=True,
            )
            self.b.add_watch(watch, entry.row, (entry.day, order))

    def _review_note(self, review: _Entry, film_id: str | None) -> None:
        if film_id is None:
            return
        self.details["reviews_in_notes"] += 1
        self.b.fill(film_id, review.row, seen=True)
        head = "Letterboxd review" + (f", {review.logged.isoformat()}" if review.logged else "")
        if review.rating is not None:
            head += f", {stars(review.rating)}"
        if review.tags:
            head += f", tags: {', '.join(review.tags)}"
        if review.uri:
            head += f" ({review.uri})"
        block = f"{head}:\n\n{review.review}"
        if not self.b.add_note(film_id, block, review.uri or block):
            self.b.plan.unchanged["reviews_in_notes"] += 1

    def _seen_only(self) -> None:
        seen = {
            self.resolved.get(self._key(i.name, i.year, i.uri))
            for i in self.film_rows.get(WATCHED, ())
        }
        self.details["seen_without_viewing"] = len({f for f in seen if f} - self.viewed)


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
    )


def _title(name: str, year: int | None) -> str:
    return f"{name} ({year})" if year else name


def _label(name: str, year: int | None) -> str:
    return repr(_title(name, year))


def _tkey(name: str) -> str:
    return title_key(name) or name.casefold()
