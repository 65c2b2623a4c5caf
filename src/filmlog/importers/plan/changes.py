"""The plan of one import's changes, and applying it to the journal.

The plan is only data until :func:`apply` runs it through the store's bulk methods,
inside the caller's one transaction, so the journal is written once or not at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from filmlog.importers.plan.records import RECORDS
from filmlog.importers.plan.rows import Problem
from filmlog.models import Film, FilmList, Watch, WatchlistItem
from filmlog.store import Store


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
    new_lists: list[FilmList] = field(default_factory=list)
    changed_lists: list[FilmList] = field(default_factory=list)
    removed_lists: list[FilmList] = field(default_factory=list)
    removed_watches: list[Watch] = field(default_factory=list)
    records: dict[str, str] | None = None
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
            or self.new_lists
            or self.changed_lists
            or self.removed_lists
            or self.removed_watches
            or self.records is not None
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
                "lists": len(self.new_lists),
            },
            "updated": {
                "films": len(self.changed_films),
                "viewings": len(self.changed_watches),
                "watchlist_removed": len(self.watchlist_removed),
                "lists": len(self.changed_lists),
            },
            "removed": {
                "viewings": len(self.removed_watches),
                "lists": len(self.removed_lists),
            },
            "unchanged": {
                k: self.unchanged[k] for k in ("films", "viewings", "watchlist", "lists")
            },
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
    for watch in plan.removed_watches:
        store.remove_watch(watch.id)
    for film_list in plan.removed_lists:
        store.remove_list(film_list.id)
    if plan.new_lists or plan.changed_lists:
        store.save_lists([*plan.new_lists, *plan.changed_lists])
    if plan.records is not None:
        store.set_meta(RECORDS, plan.records)
    from filmlog.journal import settle_import

    settle_import(
        store,
        [f.id for f in films],
        {w.film for w in (*plan.new_watches, *plan.changed_watches, *plan.removed_watches)},
    )
