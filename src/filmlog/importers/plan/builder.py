"""Building the plan: matching imported films to the journal's, and what each row adds.

A source module records what the journal should gain in a :class:`Builder`, which checks
it against a snapshot of the journal (films, viewings, the watchlist, lists, and what
earlier imports set) and hands back the finished :class:`~filmlog.importers.plan.changes.Plan`.
The module is longer than the ~400 lines the others keep to: :class:`Builder` is one
class whose methods all work on that one snapshot, and splitting it would scatter that
state over classes that only make sense together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from msgspec.structs import replace

from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.records import (
    RECORDS,
    _empty,
    digest,
    read_records,
    write_records,
)
from filmlog.importers.plan.rows import Problem, Row
from filmlog.models import (
    Film,
    FilmIds,
    FilmList,
    Watch,
    WatchlistItem,
    fold,
    format_rating,
    title_key,
)
from filmlog.store import Store

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while rows are checked."""


class Ambiguous(Exception):
    """Several journal films fit one imported film, and nothing tells them apart."""

    def __init__(self, films: Sequence[Film]) -> None:
        super().__init__()
        self.films = list(films)


_FLAGS = ("seen", "liked")
# What Builder._filled gives for a field it leaves as it is.
_KEEP = object()
# Values a newer export may change, when nobody changed them in filmlog since.
_TRACKED_FILM = ("rating", "rated")
_TRACKED_WATCH = ("date", "rating", "review", "tags", "rewatch")


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


def _list_content(film_list: FilmList) -> tuple[Any, ...]:
    """What an import sets on a list (its id and creation day are the journal's)."""
    return (
        film_list.name,
        film_list.description,
        film_list.ranked,
        tuple((e.film, e.note) for e in film_list.entries),
    )


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
        self._lists = {f.id: f for f in store.lists()}
        self._lists_by_source = {f.source: f for f in self._lists.values() if f.source}
        self._list_ids: set[str] = set(self._lists)
        self._lists_planned: dict[str, Problem] = {}
        self._first_days: dict[str, dt.date] | None = None
        self._records_before = read_records(store.meta(RECORDS))
        self._records = {k: dict(v) for k, v in self._records_before.items()}

    # -- what earlier imports set ------------------------------------------------

    def remember(self, key: str, **values: object) -> None:
        """Record the values this import sets (or offers) under ``key``."""
        record = self._records.setdefault(key, {})
        for name, value in values.items():
            fingerprint = digest(value)
            if fingerprint is None:
                record.pop(name, None)
            else:
                record[name] = fingerprint

    def imported_before(self, key: str) -> bool:
        """Whether an earlier import brought what ``key`` names."""
        return key in self._records_before

    def untouched(self, key: str, name: str, current: object) -> bool:
        """Whether the journal still holds the value an earlier import set (nobody
        changed it in filmlog since)."""
        record = self._records_before.get(key)
        return record is not None and record.get(name) == digest(current)

    def film_key(self, film_id: str) -> str:
        return f"{self.plan.source}/film/{film_id}"

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
        tracked = {k: v for k, v in values.items() if k in _TRACKED_FILM and v is not None}
        if tracked:
            self.remember(self.film_key(film_id), **tracked)
        for name, new in values.items():
            if new is None or new == ():
                continue
            if name == "ids":
                ids = self._fill_ids(film, new, row)
                if ids != film.ids:
                    updates["ids"] = ids
                continue
            value = self._filled(film, name, new, row)
            if value is not _KEEP:
                updates[name] = value
        if updates:
            updated = replace(film, **updates)
            self.current[film_id] = updated
            if film_id in self.original:
                changes = self._film_changes[film_id]
                changes.extend(k for k in updates if k not in changes)
            if "aka" in updates or "ids" in updates or "title" in updates:
                self._index(updated)

    def _filled(self, film: Film, name: str, new: Any, row: Row | None) -> Any:
        """What ``fill`` puts in one field of ``film`` (not ids), or _KEEP."""
        old = getattr(film, name)
        if old == new:
            return _KEEP
        if name in _FLAGS:
            return True if new and not old else _KEEP
        if name == "aka":
            known = {_lookup_key(t) for t in (film.title, *film.aka)}
            extra = tuple(t for t in dict.fromkeys(new) if _lookup_key(t) not in known)
            return (*film.aka, *extra) if extra else _KEEP
        if old is None or old == () or (name == "kind" and old == "film"):
            return new
        if name in _TRACKED_FILM and self.untouched(self.film_key(film.id), name, old):
            self.plan.notes.append(
                f"{row.file if row else 'the export'}: {film.label}'s {name} is now "
                f"{_show(new)} (it was {_show(old)}, as an earlier import set it)"
            )
            return new
        if not _same_names(old, new):
            self.skip(
                row,
                f"kept the journal's {name} of {film.label}: {_show(old)} "
                f"(the export says {_show(new)})",
                f"kept {name}",
            )
        return _KEEP

    def remove_note(self, film_id: str, block: str) -> bool:
        """Take a block an earlier import appended out of the film's notes."""
        film = self.current[film_id]
        notes = film.notes or ""
        if block not in notes:
            return False
        kept = "\n\n".join(p.strip() for p in notes.split(block) if p.strip()) or None
        self.current[film_id] = replace(film, notes=kept)
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
        if existing is None and self.imported_before(source):
            self.skip(
                row,
                f"deleted after an earlier import ({source}); not brought back",
                "deleted since imported",
            )
            return
        self.remember(source, **{n: getattr(watch, n) for n in _TRACKED_WATCH})
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
        source = existing.source or ""
        for name in ("rating", "review", "tags", "rewatch", "date", "film"):
            old, new = getattr(existing, name), getattr(imported, name)
            if old == new or _empty(new):
                continue
            if _empty(old) or (name != "film" and self.untouched(source, name, old)):
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

        first: dict[str, dt.date] = {}
        for watch in new:
            if watch.date is not None and watch.date < first.get(watch.film, dt.date.max):
                first[watch.film] = watch.date
        if not first:
            return
        held: dict[str, list[Watch]] = defaultdict(list)
        for watch in self._store.watches(first):
            held[watch.film].append(self._changed_watches.get(watch.id, watch))
        for film_id, landed in first.items():
            for watch in rewatches_after(held[film_id], landed):
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

    # -- lists -------------------------------------------------------------------

    def add_list(self, film_list: FilmList, row: Row | None, file: str = "") -> None:
        """Plan a list from the export (its ``source`` names it): a new one, or the list
        an earlier import made, updated unless it was changed in filmlog since."""
        source = film_list.source or ""
        where = Problem(row.file if row else file, row.line if row else None, source)
        if source in self._lists_planned:
            self.skip(row, f"the same list as {self._lists_planned[source]}", "repeated entry")
            return
        self._lists_planned[source] = where
        existing = self._lists_by_source.get(source)
        content = _list_content(film_list)
        if existing is None and self.imported_before(source):
            self.skip(
                row,
                f"list {film_list.name!r} was deleted after an earlier import; not brought back",
                "deleted since imported",
                file,
            )
        elif existing is None:
            base, n = film_list.id, 2
            while film_list.id in self._list_ids:
                film_list, n = replace(film_list, id=f"{base}-{n}"), n + 1
            self._list_ids.add(film_list.id)
            self.plan.new_lists.append(film_list)
        elif _list_content(existing) == content:
            self.plan.unchanged["lists"] += 1
        elif self.untouched(source, "list", _list_content(existing)):
            self.plan.changed_lists.append(
                replace(film_list, id=existing.id, created=existing.created or film_list.created)
            )
        else:
            self.plan.unchanged["lists"] += 1
            self.skip(
                row,
                f"kept the list {existing.name!r} as the journal has it (changed in filmlog "
                "since an earlier import)",
                "kept list",
                file,
            )
        self.remember(source, list=content)

    def remove_list(self, source: str, row: Row | None, file: str = "") -> bool:
        """Remove the list an earlier import brought from ``source``, unless it was
        changed in filmlog since; either way it is never brought back."""
        existing = self._lists_by_source.get(source)
        self._records.setdefault(source, {})
        if existing is None:
            return False
        if not self.untouched(source, "list", _list_content(existing)):
            self.skip(
                row,
                f"kept the list {existing.name!r}: deleted on Letterboxd, but changed in "
                "filmlog since",
                "kept list",
                file,
            )
            return False
        self.plan.removed_lists.append(existing)
        return True

    def viewed_before(self, film_id: str, day: dt.date) -> bool:
        """Whether the journal has a viewing of the film before ``day`` (one without a
        day, a review, counts as before any)."""
        if self._first_days is None:
            self._first_days = {}
            for watch in self._store.watches():
                first = watch.date or dt.date.min
                if first < self._first_days.get(watch.film, dt.date.max):
                    self._first_days[watch.film] = first
        return self._first_days.get(film_id, dt.date.max) < day

    def holds(self, source: str) -> bool:
        """Whether the journal holds a viewing imported from ``source``."""
        return source in self._watches_by_source

    def remove_watch(self, deleted: Watch, row: Row) -> bool:
        """Remove the viewing an earlier import brought from ``deleted.source`` (deleted
        on Letterboxd since), unless it was changed in filmlog since; it is never brought
        back. Without a record of what the import set, the viewing must still hold the
        deleted row's values."""
        source = deleted.source or ""
        existing = self._watches_by_source.get(source)
        known = self._records_before.get(source)
        self._records.setdefault(source, {})
        if existing is None or any(w.id == existing.id for w in self.plan.removed_watches):
            return False
        changed = [
            n
            for n in _TRACKED_WATCH
            if not (
                self.untouched(source, n, getattr(existing, n))
                if known
                else getattr(existing, n) == getattr(deleted, n)
            )
        ]
        if changed:
            self.skip(
                row,
                f"kept viewing #{existing.id}: deleted on Letterboxd, but its "
                f"{', '.join(changed)} changed in filmlog since",
                "kept viewing",
            )
            return False
        self.plan.removed_watches.append(existing)
        return True

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
        gone = {w.id for w in plan.removed_watches}
        plan.changed_watches = [w for w in plan.changed_watches if w.id not in gone]
        if self._records != self._records_before:
            plan.records = write_records(self._records)
        return plan
