"""The planner's shared state, the export's rows parsed, and the films they name.

:class:`_Films` is the base of the planner's steps (viewings.py, lists.py): each step
resolves the films its rows name through :meth:`_Films._film_id`, which looks every film
up once and remembers it, so all steps must work on this one state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from functools import partial
from typing import TypeVar

from filmlog.importers.letterboxd.export_files import (
    DELETED_DIARY,
    DELETED_REVIEWS,
    DIARY,
    LIKES,
    LINKS,
    ORPHANED,
    RATINGS,
    REVIEWS,
    WATCHED,
    WATCHLIST,
)
from filmlog.importers.letterboxd.rows import (
    EntryRow,
    FilmRow,
    entry_row,
    film_row,
    row_label,
    title_lookup_key,
)
from filmlog.importers.plan.builder import Ambiguous, Builder
from filmlog.importers.plan.rows import Row, RowError
from filmlog.models import FilmIds, WatchlistItem

FilmKey = Hashable
T = TypeVar("T")


class _Films:
    """The rows of an export, parsed, and the journal's film for each film they name."""

    def __init__(
        self,
        builder: Builder,
        tables: dict[str, list[Row]],
        lists: dict[str, tuple[Row, list[Row]]] | None = None,
    ) -> None:
        self.b = builder
        self.tables = tables
        self.lists = lists or {}
        self.film_rows: dict[str, list[FilmRow]] = {}
        self.entries: dict[str, list[EntryRow]] = {}
        # (name, year) -> keys of the distinct films of that name in the export, in order
        self.pairs: dict[tuple[str, int | None], list[FilmKey]] = defaultdict(list)
        self.years: dict[str, set[int | None]] = defaultdict(set)
        self.resolved: dict[FilmKey, str | None] = {}
        self.details: dict[str, int] = defaultdict(int)
        self.viewed: set[str] = set()
        self.deleted: set[str] = set()

    # -- parsing -------------------------------------------------------------

    def _parse(self) -> None:
        for name in (WATCHED, RATINGS, LIKES, WATCHLIST):
            parse = partial(film_row, with_rating=name == RATINGS, with_day=name == WATCHLIST)
            self.film_rows[name] = parsed = self._checked(name, parse)
            for item in parsed:
                key = self._key(item.name, item.year, item.uri)
                keys = self.pairs[(item.name, item.year)]
                if key not in keys:
                    keys.append(key)
                self.years[title_lookup_key(item.name)].add(item.year)
        for name in (DIARY, ORPHANED, REVIEWS, DELETED_DIARY, DELETED_REVIEWS):
            with_review = name in (REVIEWS, DELETED_REVIEWS)
            self.entries[name] = self._checked(name, partial(entry_row, with_review=with_review))
            if name in (DIARY, ORPHANED, REVIEWS):
                for entry in self.entries[name]:
                    self.years[title_lookup_key(entry.name)].add(entry.year)
        # Orphaned diary rows are diary rows whose film Letterboxd no longer lists.
        self.details["orphaned"] = len(self.entries[ORPHANED])
        self.entries[DIARY] += self.entries.pop(ORPHANED)
        for name in LINKS:
            for _ in self.tables.get(name, ()):
                self.b.tick()
            self.details["links_left_out"] += len(self.tables.get(name, ()))

    def _checked(self, name: str, parse: Callable[[Row], T]) -> list[T]:
        """The rows of one file of the export that parse; each other one is a problem."""
        parsed = []
        for row in self.tables.get(name, ()):
            self.b.tick()
            try:
                parsed.append(parse(row))
            except RowError as exc:
                self.b.problem(row, str(exc))
        return parsed

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
                uri, (name,), year, key, adopt_undated=len(self.years[title_lookup_key(name)]) == 1
            )
        except Ambiguous as exc:
            listed = ", ".join(f"{f.label} [{f.id}]" for f in exc.films)
            self.b.problem(
                row,
                f"{row_label(name, year)} matches {len(exc.films)} films in the journal "
                f"({listed}); nothing tells which one this is",
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

    def _film_for(self, item: FilmRow) -> str | None:
        return self._film_id(
            self._key(item.name, item.year, item.uri), item.name, item.year, item.row
        )

    def _entry_key(self, entry: EntryRow, position: dict[tuple[str, int | None], int]) -> FilmKey:
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
                f"{row_label(entry.name, entry.year)}; their rows were matched to them in file "
                "order"
            )
        return keys[min(index, len(keys) - 1)]
