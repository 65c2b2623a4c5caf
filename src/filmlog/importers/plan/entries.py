"""Planning the viewings, watchlist entries and lists an import brings: new ones, the
ones an earlier import brought refreshed (unless changed in filmlog since), and the ones
deleted at the source removed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from msgspec.structs import replace

from filmlog.importers.plan.films import _TRACKED_WATCH, _Films
from filmlog.importers.plan.records import _empty
from filmlog.importers.plan.rows import Problem, Row
from filmlog.models import FilmList, Watch, WatchlistItem
from filmlog.store import Store


def _list_content(film_list: FilmList) -> tuple[Any, ...]:
    """What an import sets on a list (its id and creation day are the journal's)."""
    return (
        film_list.name,
        film_list.description,
        film_list.ranked,
        tuple((e.film, e.note) for e in film_list.entries),
    )


class _Entries(_Films):
    """The viewings, watchlist entries and lists one import plans."""

    def __init__(self, store: Store, *args: Any, **kwargs: Any) -> None:
        """Takes what :class:`_Films` takes; reads the journal's viewings, watchlist
        and lists besides."""
        super().__init__(store, *args, **kwargs)
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
