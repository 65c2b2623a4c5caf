"""What every import shares: reading CSV rows, matching films, and the plan of changes.

A source module reads its rows, checks every one (a bad row becomes a :class:`Problem`
naming its file and line, and the other rows are still checked), and records what the
journal should gain in a :class:`Builder`. Nothing touches the journal until
:func:`apply` runs the finished :class:`Plan` through the store's bulk methods, inside the
caller's one transaction.

What an import may change is deliberately narrow. It adds films, viewings and watchlist
entries; it fills in what the journal does not know yet (a missing rating, runtime, id,
review...); it sets ``seen`` and ``liked``, and marks the journal's viewings after an
imported one of the same film as rewatches. It never overwrites a value the journal already
holds with a different one: that is reported as skipped, with both values, so that edits
made in filmlog survive a re-import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from filmlog.models import (
    Film,
    FilmIds,
    Watch,
    WatchlistItem,
    clean_line,
    fold,
    format_rating,
    title_key,
    without_terminal_codes,
)
from filmlog.store import Store

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while rows are checked."""


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that cannot be imported (or a row left out, with why), by file and line."""

    file: str
    line: int | None
    message: str
    kind: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


class RowError(Exception):
    """A value in one row is not acceptable; the builder records it as a Problem."""


def checked_day(day: dt.date, column: str) -> dt.date:
    """A day read from a row, refused by the rules ``add`` keeps: not in the future,
    not before films existed."""
    from filmlog.errors import InvalidInput
    from filmlog.models import parse_date

    try:
        return parse_date(day.isoformat())
    except InvalidInput as exc:
        raise RowError(
            f"{column} {exc.message.removeprefix(repr(day.isoformat()) + ' ')}"
        ) from None


# --------------------------------------------------------------------------- CSV


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record: its file, the line it starts on, and its values by column."""

    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The value on one line, without escape codes or outer blank space."""
        value = self.values.get(column) or ""
        return value.strip() if value.isprintable() else clean_line(value)

    def raw(self, column: str) -> str:
        """The value as written (line breaks too), without escape codes."""
        return without_terminal_codes(self.values.get(column) or "")


class FileError(Exception):
    """A whole file cannot be read; carries the Problem that says where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def decode(file: str, raw: bytes, *, latin1_fallback: bool) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 (a BOM is dropped), else Latin-1."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if latin1_fallback:
            return raw.decode("latin-1"), "latin-1"
        line = raw[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        raise FileError(Problem(file, line, message)) from None


def read_rows(
    file: str,
    text: str,
    required: Sequence[str],
    aliases: dict[str, str] | None = None,
) -> tuple[list[str], list[Row], list[Problem]]:
    """Parse CSV text into rows keyed by header names, each with the line it starts on.

    ``aliases`` maps other spellings of a column (compared case-insensitively) to the
    name the importer uses. A missing required column is one problem for the whole file.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [], [Problem(file, 1, f"not a CSV file ({exc})")]
    if header is None:
        return [], [], []
    names = [_column(h, aliases) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        found = ", ".join(repr(h.strip()) for h in header[:6]) or "nothing"
        return names, [], [Problem(file, 1, f"no {missing[0]!r} column (the header has {found})")]
    rows: list[Row] = []
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(file, start, f"cannot be read as CSV ({exc})"))
            break
        line, start = start, reader.line_num + 1
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if len(fields) != len(names):
            problems.append(
                Problem(file, line, f"has {len(fields)} fields where the header has {len(names)}")
            )
            continue
        rows.append(Row(file, line, dict(zip(names, fields, strict=True))))
    return names, rows, problems


def _column(name: str, aliases: dict[str, str] | None) -> str:
    clean = name.strip().lstrip("\ufeff").strip()
    if aliases:
        return aliases.get(clean.casefold(), clean)
    return clean


# --------------------------------------------------------------------------- the plan


@dataclass
class Plan:
    """Everything one import would change, and everything it found wrong."""

    source: str
    path: str
    files: dict[str, int] = field(default_factory=dict)
    new_films: list[Film] = field(default_factory=list)
    changed_films: list[Film] = field(default_factory=list)
    film_changes: dict[str, list[str]] = field(default_factory=dict)
    new_watches: list[Watch] = field(default_factory=list)
    changed_watches: list[Watch] = field(default_factory=list)
    watch_changes: dict[int, list[str]] = field(default_factory=dict)
    watchlist_added: list[WatchlistItem] = field(default_factory=list)
    watchlist_removed: list[str] = field(default_factory=list)
    unchanged: Counter[str] = field(default_factory=Counter)
    details: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_films
            or self.changed_films
            or self.new_watches
            or self.changed_watches
            or self.watchlist_added
            or self.watchlist_removed
        )

    def to_json(self, *, dry_run: bool, written: bool) -> dict[str, Any]:
        """The summary as plain data (the shape of ``import ... --json``)."""
        return {
            "source": self.source,
            "path": self.path,
            "dry_run": dry_run,
            "written": written,
            "files": dict(self.files),
            "added": {
                "films": len(self.new_films),
                "viewings": len(self.new_watches),
                "watchlist": len(self.watchlist_added),
            },
            "updated": {
                "films": len(self.changed_films),
                "viewings": len(self.changed_watches),
                "watchlist_removed": len(self.watchlist_removed),
            },
            "unchanged": {k: self.unchanged[k] for k in ("films", "viewings", "watchlist")},
            "details": dict(self.details),
            "film_changes": [
                {"film": f.id, "title": f.title, "year": f.year, "fields": self.film_changes[f.id]}
                for f in self.changed_films
            ],
            "viewing_changes": [
                {"id": w.id, "film": w.film, "fields": self.watch_changes[w.id]}
                for w in self.changed_watches
            ],
            "skipped": [p.to_json() for p in self.skipped],
            "problems": [p.to_json() for p in self.problems],
            "notes": list(self.notes),
        }


def apply(store: Store, plan: Plan) -> None:
    """Make the plan's changes in the store, one bulk update per table."""
    films = [*plan.new_films, *plan.changed_films]
    if films:
        store.save_films(films)
    if plan.new_watches:
        store.add_watches(plan.new_watches)
    if plan.changed_watches:
        store.save_watches(plan.changed_watches)
    if plan.watchlist_added:
        store.save_watchlist_items(plan.watchlist_added)
    for film_id in plan.watchlist_removed:
        store.remove_from_watchlist(film_id)
    from filmlog.journal import settle_import

    settle_import(
        store,
        [f.id for f in films],
        {w.film for w in (*plan.new_watches, *plan.changed_watches)},
    )


# --------------------------------------------------------------------------- building


class Ambiguous(Exception):
    """Several journal films fit one imported film, and nothing tells them apart."""

    def __init__(self, films: Sequence[Film]) -> None:
        super().__init__()
        self.films = list(films)


_FLAGS = ("seen", "liked")
_TUPLES = ("aka", "directors", "genres", "writers", "countries")


def _show(value: object) -> str:
    if isinstance(value, float):
        return format_rating(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _same_names(old: object, new: object) -> bool:
    """Two lists of names that differ only in order, case or accents."""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return False
    return {fold(str(v)) for v in old} == {fold(str(v)) for v in new}


def _lookup_key(name: str) -> str:
    return title_key(name) or "=" + name.strip().casefold()


class Builder:
    """Collects one import's changes against a snapshot of the journal."""

    def __init__(
        self,
        store: Store,
        source: str,
        path: str,
        id_field: str,
        progress: Progress | None = None,
    ) -> None:
        self.plan = Plan(source=source, path=path)
        self.id_field = id_field
        self._store = store
        self._progress = progress
        self._done = 0
        self._total = 0
        self.original: dict[str, Film] = {f.id: f for f in store.films()}
        self.current: dict[str, Film] = dict(self.original)
        self._created: list[str] = []
        self._film_changes: dict[str, list[str]] = defaultdict(list)
        self._by_ext: dict[str, str] = {}
        self._by_title: dict[str, list[str]] = defaultdict(list)
        self._claims: dict[str, Hashable] = {}
        for film in self.original.values():
            self._index(film)
        self._watches_by_source = {w.source: w for w in store.watches() if w.source}
        self._planned_sources: dict[str, Problem] = {}
        self._new_watches: list[tuple[tuple[Any, ...], Watch]] = []
        self._changed_watches: dict[int, Watch] = {}
        self._watch_changes: dict[int, list[str]] = defaultdict(list)
        self._watchlist = {item.film for item in store.watchlist()}
        self._watchlist_added: dict[str, WatchlistItem] = {}
        self._keep_on_watchlist: set[str] = set()

    # -- progress and problems ---------------------------------------------------

    def expect(self, rows: int) -> None:
        """Announce how many rows are coming (for the progress bar)."""
        self._total += rows

    def tick(self) -> None:
        self._done += 1
        if self._progress is not None and (self._done % 250 == 0 or self._done == self._total):
            self._progress(self._done, self._total)

    def problem(self, row: Row | None, message: str, file: str = "") -> None:
        self.plan.problems.append(
            Problem(row.file if row else file, row.line if row else None, message)
        )

    def skip(self, row: Row | None, message: str, kind: str = "", file: str = "") -> None:
        """Record a row (or a value in it) left out on purpose, and why."""
        self.plan.skipped.append(
            Problem(row.file if row else file, row.line if row else None, message, kind)
        )

    # -- films -------------------------------------------------------------------

    def _index(self, film: Film) -> None:
        ext = getattr(film.ids, self.id_field)
        if ext:
            self._by_ext.setdefault(ext, film.id)
        for name in (film.title, *film.aka):
            ids = self._by_title[_lookup_key(name)]
            if film.id not in ids:
                ids.append(film.id)

    def find_film(
        self,
        ext: str | None,
        titles: Iterable[str],
        year: int | None,
        claim: Hashable,
        *,
        adopt_undated: bool,
    ) -> Film | None:
        """The journal film an imported film is, or None when it is new.

        By external id first; else by title or alias (case, accents, punctuation ignored)
        and the same year. A film without a year is taken for a dated one only when
        ``adopt_undated`` says the import names that title with one year only. A film
        holding another external id, or already taken by another imported film, is
        never a match. Several matches raise Ambiguous: an import does not guess.
        """
        if ext and ext in self._by_ext:
            film_id = self._by_ext[ext]
            self._claims.setdefault(film_id, claim)
            return self.current[film_id]
        found: list[str] = []
        for name in titles:
            for film_id in self._by_title.get(_lookup_key(name), ()):
                if film_id not in found:
                    found.append(film_id)

        def usable(film_id: str) -> bool:
            other = getattr(self.current[film_id].ids, self.id_field)
            if ext and other and other != ext:
                return False
            return self._claims.get(film_id, claim) == claim

        same = [i for i in found if self.current[i].year == year and usable(i)]
        if not same and year is not None and adopt_undated:
            same = [i for i in found if self.current[i].year is None and usable(i)]
        if len(same) > 1:
            raise Ambiguous([self.current[i] for i in same])
        if not same:
            return None
        self._claims[same[0]] = claim
        return self.current[same[0]]

    def create_film(self, title: str, year: int | None, claim: Hashable, **facts: Any) -> Film:
        """A new film (its id never used before); facts are set as given."""
        film = Film(id=self._store.new_film_id(title, year, self.current), title=title, year=year)
        film = replace(film, **facts)
        self.current[film.id] = film
        self._created.append(film.id)
        self._claims[film.id] = claim
        self._index(film)
        return film

    def fill(self, film_id: str, row: Row | None, **values: Any) -> None:
        """Fill in what the film lacks; a different value already held is kept (and reported).

        ``seen`` and ``liked`` are only ever switched on. ``aka`` gains new titles.
        ``kind`` "film" is the default, so another kind fills it. ``ids`` takes a FilmIds
        whose set fields fill the film's.
        """
        film = self.current[film_id]
        updates: dict[str, Any] = {}
        for name, new in values.items():
            if new is None or new == ():
                continue
            if name == "ids":
                ids = self._fill_ids(film, new, row)
                if ids != film.ids:
                    updates["ids"] = ids
                continue
            old = getattr(film, name)
            if old == new:
                continue
            if name in _FLAGS:
                if new and not old:
                    updates[name] = True
            elif name == "aka":
                known = {_lookup_key(t) for t in (film.title, *film.aka)}
                extra = tuple(t for t in dict.fromkeys(new) if _lookup_key(t) not in known)
                if extra:
                    updates[name] = (*film.aka, *extra)
            elif old is None or old == () or (name == "kind" and old == "film"):
                updates[name] = new
            elif old != new and not _same_names(old, new):
                self.skip(
                    row,
                    f"kept the journal's {name} of {film.label}: {_show(old)} "
                    f"(the export says {_show(new)})",
                    f"kept {name}",
                )
        if updates:
            updated = replace(film, **updates)
            self.current[film_id] = updated
            if film_id in self.original:
                changes = self._film_changes[film_id]
                changes.extend(k for k in updates if k not in changes)
            if "aka" in updates or "ids" in updates or "title" in updates:
                self._index(updated)

    def add_note(self, film_id: str, block: str, marker: str) -> bool:
        """Append a block to the film's notes unless ``marker`` is already there."""
        film = self.current[film_id]
        notes = film.notes or ""
        if marker in notes:
            return False
        self.current[film_id] = replace(film, notes=f"{notes}\n\n{block}" if notes else block)
        if film_id in self.original and "notes" not in self._film_changes[film_id]:
            self._film_changes[film_id].append("notes")
        return True

    def _fill_ids(self, film: Film, new: FilmIds, row: Row | None) -> FilmIds:
        ids = film.ids
        for name in ("imdb", "tmdb", "letterboxd"):
            value = getattr(new, name)
            old = getattr(ids, name)
            if value is None or value == old:
                continue
            if old is None:
                ids = replace(ids, **{name: value})
            else:
                self.skip(
                    row,
                    f"kept the journal's {name} id of {film.label}: {old} "
                    f"(the export says {value})",
                    f"kept {name} id",
                )
        return ids

    # -- viewings ----------------------------------------------------------------

    def film_of_viewing(self, source: str) -> str | None:
        """The film a viewing imported before (by its source) is on now, and claim it."""
        existing = self._watches_by_source.get(source)
        if existing is None or existing.film not in self.current:
            return None
        self._claims.setdefault(existing.film, source)
        return existing.film

    def add_watch(self, watch: Watch, row: Row, order: tuple[Any, ...]) -> None:
        """Plan a viewing, unless its source is already in the journal (then fill gaps)."""
        source = watch.source or ""
        earlier = self._planned_sources.get(source)
        if earlier is not None:
            self.skip(row, f"the same entry as line {earlier.line} ({source})", "repeated entry")
            return
        self._planned_sources[source] = Problem(row.file, row.line, source)
        existing = self._watches_by_source.get(source)
        if existing is None:
            self._new_watches.append((order, watch))
            if watch.film in self._watchlist and watch.film not in self._keep_on_watchlist:
                self.plan.watchlist_removed.append(watch.film)
                self._watchlist.discard(watch.film)
            return
        self._refresh_watch(existing, watch, row)

    def _refresh_watch(self, existing: Watch, imported: Watch, row: Row) -> None:
        updates: dict[str, Any] = {}
        differ: list[str] = []
        for name in ("rating", "review", "tags", "rewatch", "date", "film"):
            old, new = getattr(existing, name), getattr(imported, name)
            if old == new or new is None or new == () or new is False:
                continue
            if old is None or old == () or old is False:
                updates[name] = new
            else:
                differ.append(name)
        if differ:
            self.skip(
                row,
                f"kept viewing #{existing.id} as the journal has it "
                f"({', '.join(differ)} differ from the export)",
                "kept viewing",
            )
        if updates:
            self._changed_watches[existing.id] = replace(existing, **updates)
            self._watch_changes[existing.id].extend(updates)
        else:
            self.plan.unchanged["viewings"] += 1

    def _mark_later_rewatches(self, new: Sequence[Watch]) -> None:
        """The journal's viewings after an imported one of their film become rewatches.

        The imported rows keep their own Rewatch as the export gives it.
        """
        from filmlog.journal import rewatches_after

        first: dict[str, Watch] = {}
        for watch in new:
            if watch.film not in first or watch.date < first[watch.film].date:
                first[watch.film] = watch
        if not first:
            return
        held: dict[str, list[Watch]] = defaultdict(list)
        for watch in self._store.watches(first):
            held[watch.film].append(self._changed_watches.get(watch.id, watch))
        for film_id, landed in first.items():
            for watch in rewatches_after(held[film_id], landed.date):
                if watch.id not in self._changed_watches and watch.source in self._planned_sources:
                    self.plan.unchanged["viewings"] -= 1  # counted unchanged when re-read
                self._changed_watches[watch.id] = watch
                self._watch_changes[watch.id].append("rewatch")

    # -- watchlist ---------------------------------------------------------------

    def keep_on_watchlist(self, film_id: str) -> None:
        """The export lists this film as still to see: a new viewing does not take it off."""
        self._keep_on_watchlist.add(film_id)

    def add_to_watchlist(self, item: WatchlistItem) -> None:
        if item.film in self._watchlist or item.film in self._watchlist_added:
            self.plan.unchanged["watchlist"] += 1
            return
        self._watchlist_added[item.film] = item

    # -- finishing ---------------------------------------------------------------

    def finish(self) -> Plan:
        """The plan: new and changed films, viewings in date order, watchlist entries."""
        plan = self.plan
        files = {name: rank for rank, name in enumerate(plan.files)}
        plan.problems.sort(key=lambda p: (files.get(p.file, len(files)), p.line or 0))
        plan.new_films = [self.current[i] for i in self._created]
        plan.changed_films = [
            self.current[i] for i in self.original if self.current[i] != self.original[i]
        ]
        plan.film_changes = {f.id: self._film_changes[f.id] for f in plan.changed_films}
        touched = len(self._claims) - len(self._created)
        plan.unchanged["films"] = max(0, touched - len(plan.changed_films))
        plan.new_watches = [w for _, w in sorted(self._new_watches, key=lambda p: p[0])]
        self._mark_later_rewatches(plan.new_watches)
        plan.changed_watches = list(self._changed_watches.values())
        plan.watch_changes = {w.id: self._watch_changes[w.id] for w in plan.changed_watches}
        plan.watchlist_added = list(self._watchlist_added.values())
        return plan
