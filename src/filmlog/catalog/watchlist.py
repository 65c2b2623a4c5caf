"""The watchlist: adding films to see, listing and taking them off."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog import journal
from filmlog.errors import (
    AmbiguousTitle,
    NotFound,
)
from filmlog.journal import Choose, Pick
from filmlog.models import (
    Film,
    WatchlistItem,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- watchlist


class WatchlistRow(msgspec.Struct, frozen=True):
    item: WatchlistItem
    film: Film

    def to_json(self) -> dict[str, Any]:
        return {
            "film": self.film.id,
            "title": self.film.title,
            "year": self.film.year,
            "added": self.item.added.isoformat(),
            "note": self.item.note,
        }


def add_to_watchlist(
    store: Store,
    pick: Pick,
    note: str | None,
    choose: Choose | None = None,
    today: dt.date | None = None,
) -> tuple[WatchlistRow, bool, bool]:
    """Put a film on the watchlist (creating the film if new).

    Returns (row, film created, was already on the list). A film already on the list
    keeps its date; a new note replaces the old one.
    """
    film, created = journal.find_picked(store, pick, choose)
    if created or store.film(film.id) != film:
        store.save_film(film)
    current = next((i for i in store.watchlist() if i.film == film.id), None)
    note = note.strip() if note and note.strip() else None
    if current is not None:
        item = replace(current, note=note) if note is not None else current
    else:
        item = WatchlistItem(film=film.id, added=today or dt.date.today(), note=note)
    if item != current:
        store.save_watchlist_items([item])
    return WatchlistRow(item, film), created, current is not None


def watchlist_rows(store: Store) -> list[WatchlistRow]:
    """The watchlist, oldest addition first, with each entry's film."""
    return [
        WatchlistRow(i, store.film(i.film) or Film(id=i.film, title=i.film))
        for i in store.watchlist()
    ]


def remove_from_watchlist(
    store: Store, title: str, year: int | None, choose: Choose | None = None
) -> Film:
    """Take a film off the watchlist; NotFound when it is not on it.

    Among films of the same title, only those on the watchlist are candidates.
    """
    films = journal.matching_films(store, title, year)
    listed = [f for f in films if store.on_watchlist(f.id)]
    if not listed:
        film = journal.resolve_title(store, title, year, choose)
        raise NotFound(
            f"{film.label} is not on your watchlist", "'filmlog watchlist list' shows it"
        )
    if len(listed) == 1:
        film = listed[0]
    elif choose is not None:
        film = choose(listed)
    else:
        raise AmbiguousTitle(
            f"{title.strip()!r} matches {len(listed)} films on your watchlist: "
            + ", ".join(f.label for f in listed),
            tuple(listed),
            "add --year to pick one",
        )
    store.remove_from_watchlist(film.id)
    return film
