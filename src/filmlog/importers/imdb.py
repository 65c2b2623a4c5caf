"""IMDb exports: "Your Ratings" and watchlist (or any list) CSV files.

IMDb has changed the layout over the years and the importer reads all of them:

- 2017-2024: ``Const,Your Rating,Date Rated,Title,URL,Title Type,...,Directors`` with
  title types as codes (``movie``, ``tvSeries``...) and directors joined by ", ".
- 2024-: ``Original Title`` after ``Title``; the title, title types and genres are in the
  language of the account (``Serie TV``, ``Azione``); directors joined by ",".
- before 2017: lower-case ``position,const,created,...,You rated`` with dates such as
  ``Sat Dec 31 00:00:00 2016``.

Older files are Latin-1 rather than UTF-8; a file that is not UTF-8 is read as Latin-1.

IMDb keeps no viewing dates, so a rated title becomes a seen film with its rating (IMDb's
1-10 halved to stars: 9 is 4.5) and the day it was rated (``Date Rated``); no viewing is
invented, unless ``as_viewings`` asks for one on that day (for those whose only record is
IMDb). A file named as a watchlist makes watchlist entries (its ``Description`` is the
note); any other list export (``Position``, ``Created``...) becomes a filmlog list named
after the file, in the list's order, its ratings kept too. List dates are ``YYYY-MM-DD``,
``M/D/YYYY`` or, before 2017, ``Sat Dec 31 00:00:00 2016``. Where both titles are given the original
title is the film's title and the localised one an alias: the original does not change
with the language the account is set to, so exports taken in two languages name the same
films, and the alias still finds the film by the title the user knows it by.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import msgspec

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.files import MIB, is_folder, read_limited, read_member
from filmlog.importers.plan.builder import Ambiguous, Builder, Progress
from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.rows import Row, RowError, checked_day, decode, read_rows
from filmlog.models import (
    FilmIds,
    FilmList,
    ListEntry,
    Watch,
    WatchlistItem,
    fold,
    list_slug,
    parse_year,
    title_key,
)
from filmlog.store import Store

HINT = "give the CSV from IMDb's 'Your ratings' or watchlist page (Export)"
MAX_FILE_BYTES = 256 * MIB

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


# --------------------------------------------------------------------------- reading


def read_export(path: Path) -> tuple[str, bytes, str]:
    """The CSV's name, its bytes, and where it was read (a zip holding one CSV is opened
    too: ``ratings.zip/ratings.csv``)."""
    if is_folder(path, "the IMDb export", HINT):
        raise InvalidInput(f"{path} is a folder; an IMDb export is one CSV file", HINT)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                csvs = [
                    i
                    for i in archive.infolist()
                    if i.filename.lower().endswith(".csv")
                    and not i.filename.startswith("__MACOSX/")
                ]
                if len(csvs) != 1:
                    raise InvalidInput(f"{path} holds {len(csvs)} CSV files, not one", HINT)
                inner = csvs[0].filename
                data = read_member(archive, csvs[0], MAX_FILE_BYTES, str(path))
                return inner.rsplit("/", 1)[-1], data, f"{path}/{inner}"
        return path.name, read_limited(path, MAX_FILE_BYTES, "an IMDb export"), str(path)
    except FileNotFoundError:
        raise FilmlogError(f"{path} does not exist", HINT) from None
    except zipfile.BadZipFile:
        raise InvalidInput(f"{path} is a damaged zip file", HINT) from None
    except OSError as exc:
        raise FilmlogError(f"cannot read {path}: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- rows

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


# --------------------------------------------------------------------------- the plan


def plan_import(
    store: Store, path: Path, progress: Progress | None = None, as_viewings: bool = False
) -> Plan:
    """Read an IMDb CSV export and plan its changes to the journal (nothing is written).

    ``as_viewings``: each rating also logs a viewing on the day it was given."""
    name, raw, where = read_export(path)
    return plan_file(store, name, raw, where, progress, as_viewings)


def plan_file(
    store: Store,
    name: str,
    raw: bytes,
    path: str,
    progress: Progress | None = None,
    as_viewings: bool = False,
) -> Plan:
    """Plan the changes one IMDb CSV (its name and bytes) makes to the journal."""
    builder = Builder(store, "imdb", path, "imdb", progress)
    text, encoding = decode(raw, latin1_fallback=True)
    if encoding != "utf-8":
        builder.plan.notes.append(f"{name} is not UTF-8; it was read as Latin-1")
    header, rows, problems = read_rows(name, text, ("Const", "Title"), ALIASES)
    if not header:
        raise InvalidInput(f"{path} is empty", HINT)
    if problems and problems[0].line == 1:
        raise InvalidInput(f"{path} is not an IMDb export: {problems[0].message}", HINT)
    builder.plan.problems.extend(problems)
    builder.plan.files[name] = len(rows)
    builder.expect(len(rows))
    is_list = "Created" in header or "Position" in header
    if not is_list and "Your Rating" not in header:
        raise InvalidInput(
            f"{path} is neither an IMDb ratings export nor a list export (no 'Your Rating' column)",
            HINT,
        )
    _Planner(builder, name, is_list, as_viewings).run(rows)
    return builder.finish()


class _Planner:
    def __init__(self, builder: Builder, name: str, is_list: bool, as_viewings: bool) -> None:
        self.b = builder
        self.name = name
        self.is_list = is_list
        # A list export named as a watchlist fills the watchlist; any other is a list.
        self.watchlist = is_list and "watchlist" in fold(name)
        self.as_viewings = as_viewings
        self.unknown_kinds: dict[str, int] = {}
        self.counts: dict[str, int] = {"ratings": 0, "watchlist": 0, "list_entries": 0}
        self.counts["viewings"] = 0
        self.entries: list[tuple[int, int, ListEntry]] = []

    def run(self, rows: list[Row]) -> None:
        years: dict[str, set[int | None]] = {}
        parsed = []
        for row in rows:
            self.b.tick()
            try:
                item = self._parse(row)
            except RowError as exc:
                self.b.problem(row, str(exc))
                continue
            parsed.append(item)
            for title in item.titles:
                years.setdefault(_tkey(title), set()).add(item.year)
        for order, item in enumerate(parsed):
            single = all(len(years[_tkey(t)]) == 1 for t in item.titles)
            self._apply(item, order, adopt_undated=single)
        if self.is_list and not self.watchlist:
            self._list(parsed)
        for label, line in self.unknown_kinds.items():
            self.b.plan.notes.append(
                f"{self.name}:{line}: title type {label!r} is not one filmlog knows; "
                "it was kept as the film's kind as given"
            )
        self.b.plan.details = dict(self.counts)

    def _parse(self, row: Row) -> _Item:
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
        if rating is None and not self.is_list:
            raise RowError("no rating (Your Rating is empty)")
        added = None
        if not self.is_list:
            _day(row, "Date Rated")  # a day add would refuse makes the row a bad one
        if self.is_list:
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
        if label and kind is None:
            kind = " ".join(label.casefold().split())
            self.unknown_kinds.setdefault(label, row.line)
        return _Item(
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
        )

    def _apply(self, item: _Item, order: int, *, adopt_undated: bool) -> None:
        try:
            film = self.b.find_film(
                item.const, item.titles, item.year, item.const, adopt_undated=adopt_undated
            )
        except Ambiguous as exc:
            listed = ", ".join(f"{f.label} [{f.id}]" for f in exc.films)
            self.b.problem(
                item.row,
                f"{item.label} ({item.const}) matches {len(exc.films)} films in the journal "
                f"({listed}); nothing tells which one this is",
            )
            return
        seen = item.rating is not None
        facts = {
            "year": item.year,
            "aka": item.titles,
            "kind": item.kind,
            "runtime": item.runtime,
            "genres": item.genres,
            "directors": item.directors,
            "ids": FilmIds(imdb=item.const),
            "seen": seen or None,
            "rating": item.rating,
            "rated": item.rated,
        }
        if film is None:
            created = self.b.create_film(item.title, item.year, item.const)
            film_id = created.id
        else:
            film_id = film.id
        self.b.fill(film_id, item.row, **facts)
        if item.rating is not None:
            self.counts["ratings"] += 1
        if self.as_viewings and item.rated is not None:
            self.counts["viewings"] += 1
            viewing = Watch(
                id=0,
                film=film_id,
                date=item.rated,
                logged=item.rated.isoformat(),
                rating=item.rating,
                rewatch=self.b.viewed_before(film_id, item.rated),
                source=f"imdb:{item.const}",
            )
            self.b.add_watch(viewing, item.row, (item.rated, order))
        if self.watchlist and item.added is not None:
            self.counts["watchlist"] += 1
            self.b.keep_on_watchlist(film_id)
            self.b.add_to_watchlist(WatchlistItem(film=film_id, added=item.added, note=item.note))
        elif self.is_list:
            entry = ListEntry(film_id, 0, item.note)
            self.entries.append((item.position or order + 1, order, entry))

    def _list(self, parsed: list[_Item]) -> None:
        """The list the file is, in its order (by Position, else as the rows come)."""
        if len(parsed) != len(self.entries):
            return  # a row is bad or ambiguous (reported): a partial list is no list
        name = self.name.rsplit(".", 1)[0]
        kept: list[ListEntry] = []
        for _, _, entry in sorted(self.entries, key=lambda e: (e[0], e[1])):
            if entry.film not in (e.film for e in kept):
                kept.append(ListEntry(entry.film, len(kept) + 1, entry.note))
        self.counts["list_entries"] = len(kept)
        created = min((i.added for i in parsed if i.added), default=None)
        film_list = FilmList(
            id=list_slug(name),
            name=name,
            entries=tuple(kept),
            created=created,
            source=f"imdb:list:{name}",
        )
        self.b.add_list(film_list, None, self.name)


class _Item(msgspec.Struct, frozen=True):
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

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aka)

    @property
    def label(self) -> str:
        return repr(f"{self.title} ({self.year})" if self.year else self.title)


def _tkey(name: str) -> str:
    return title_key(name) or name.casefold()
