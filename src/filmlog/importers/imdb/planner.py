"""Planning an IMDb import: each checked row's film found or made, its rating, watchlist
entry or list entry planned (nothing is written)."""

from __future__ import annotations

from pathlib import Path

from filmlog.errors import InvalidInput
from filmlog.importers.imdb.export_file import HINT, read_export
from filmlog.importers.imdb.rows import ALIASES, Item, RowError, parse_row
from filmlog.importers.plan.builder import Ambiguous, Builder, Progress
from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.rows import Row, decode, read_rows
from filmlog.models import (
    FilmIds,
    FilmList,
    ListEntry,
    Watch,
    WatchlistItem,
    fold,
    list_slug,
    title_key,
)
from filmlog.store import Store


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
                item = parse_row(row, is_list=self.is_list)
            except RowError as exc:
                self.b.problem(row, str(exc))
                continue
            if item.unknown_kind:
                self.unknown_kinds.setdefault(item.unknown_kind, row.line)
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

    def _apply(self, item: Item, order: int, *, adopt_undated: bool) -> None:
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

    def _list(self, parsed: list[Item]) -> None:
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


def _tkey(name: str) -> str:
    return title_key(name) or name.casefold()
