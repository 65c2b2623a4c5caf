"""Lists: named collections of films, ranked or not, with a note on each entry.

Use cases behind ``filmlog list``. A list is known by its name (or the slug of it, its
id); films are found by title the same way every other command finds them. Positions
always run 1, 2, 3... in the list's order; a ranked list shows them as ranks.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog import journal
from filmlog.errors import FilmlogError, InvalidInput, NotFound
from filmlog.models import (
    Film,
    FilmList,
    ListEntry,
    clean_line,
    clean_text,
    fold,
    list_slug,
    list_to_doc,
)
from filmlog.store import Store


class ListNotFound(NotFound):
    """No list of that name."""


def numbered(entries: list[ListEntry] | tuple[ListEntry, ...]) -> tuple[ListEntry, ...]:
    """Entries in their order, positions made 1, 2, 3..."""
    return tuple(replace(e, position=n) for n, e in enumerate(entries, 1))


def find_list(store: Store, name: str) -> FilmList:
    """The list called ``name`` (case, accents and punctuation ignored) or with that id."""
    wanted = fold(name)
    by_id = store.list_(name.strip()) or store.list_(list_slug(name))
    if by_id is not None:
        return by_id
    lists = store.lists()
    for film_list in lists:
        if fold(film_list.name) == wanted:
            return film_list
    names = {fold(f.name): f.name for f in lists}
    near = [names[k] for k in difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)]
    hint = (
        "did you mean " + " or ".join(repr(n) for n in near) + "?"
        if near
        else "'filmlog list ls' shows your lists"
    )
    raise ListNotFound(f"no list called {name.strip()!r}", hint)


def _name(name: str) -> str:
    clean = clean_line(name)
    if not any(c.isalnum() for c in clean):
        raise InvalidInput(f"{name!r} is not a list name", "a name needs a letter or a digit")
    return clean


def _unused_id(store: Store, name: str, own: str | None = None) -> str:
    new_id = list_slug(name)
    other = store.list_(new_id)
    if other is not None and other.id != own:
        raise FilmlogError(
            f"a list called {other.name!r} already exists", "pick another name, or add to that one"
        )
    return new_id


def new_list(
    store: Store,
    name: str,
    ranked: bool = False,
    description: str | None = None,
    today: dt.date | None = None,
) -> FilmList:
    """Make an empty list; refused when a list of that name (or slug) exists."""
    name = _name(name)
    film_list = FilmList(
        id=_unused_id(store, name),
        name=name,
        description=clean_text(description) or None if description else None,
        ranked=ranked,
        created=today or dt.date.today(),
    )
    store.save_list(film_list)
    return film_list


def _place(at: int | None, count: int) -> int:
    """The index a film put ``--at`` N goes to (the end when N is past it)."""
    if at is None:
        return count
    if at < 1:
        raise InvalidInput(f"--at {at} is not a position", "positions start at 1")
    return min(at, count + 1) - 1


def add_film(
    store: Store,
    name: str,
    title: str,
    year: int | None = None,
    at: int | None = None,
    note: str | None = None,
    choose: journal.Choose | None = None,
) -> tuple[FilmList, Film, bool]:
    """Put a film on a list (at position ``at``, else last). Returns (list, film, whether
    it was on the list already: then it moves to ``at`` and takes the note, if given)."""
    film_list = find_list(store, name)
    film = journal.resolve_title(store, title, year, choose)
    entries = list(film_list.entries)
    current = next((e for e in entries if e.film == film.id), None)
    note = clean_text(note) or None if note is not None else None
    if current is not None:
        entries.remove(current)
        entry = replace(current, note=note) if note is not None else current
        index = _place(at, len(entries)) if at is not None else current.position - 1
    else:
        entry = ListEntry(film.id, 0, note)
        index = _place(at, len(entries))
    entries.insert(index, entry)
    updated = replace(film_list, entries=numbered(entries))
    if updated != film_list:
        store.save_list(updated)
    return updated, film, current is not None


def move_film(store: Store, old: str, new: str) -> int:
    """Entries of film ``old`` become entries of ``new`` (a merge): a list holding both
    keeps the first. Returns how many lists changed."""
    changed = []
    for film_list in store.lists():
        if old not in film_list.films:
            continue
        entries: list[ListEntry] = []
        for entry in film_list.entries:
            moved = replace(entry, film=new) if entry.film == old else entry
            if all(e.film != moved.film for e in entries):
                entries.append(moved)
        changed.append(replace(film_list, entries=numbered(entries)))
    store.save_lists(changed)
    return len(changed)


def drop_film(store: Store, film_id: str) -> int:
    """Take a deleted film out of every list (the rest keep their order). Returns how
    many lists changed."""
    changed = [
        replace(film_list, entries=numbered([e for e in film_list.entries if e.film != film_id]))
        for film_list in store.lists()
        if film_id in film_list.films
    ]
    store.save_lists(changed)
    return len(changed)


def _entry_of(store: Store, film_list: FilmList, title: str, year: int | None) -> ListEntry:
    """The entry of the list that a title names (only the list's films are candidates)."""
    on_list = set(film_list.films)
    films = [f for f in journal.matching_films(store, title, year) if f.id in on_list]
    if len(films) == 1:
        return next(e for e in film_list.entries if e.film == films[0].id)
    if films:
        listed = ", ".join(f.label for f in films)
        raise InvalidInput(
            f"{title.strip()!r} matches {len(films)} films on the list: {listed}",
            "add --year to pick one",
        )
    film = journal.resolve_title(store, title, year)
    raise NotFound(
        f"{film.label} is not on the list {film_list.name!r}",
        f"'filmlog list show {film_list.name!r}' shows what is",
    )


def remove(
    store: Store, name: str, title: str | None = None, year: int | None = None
) -> tuple[FilmList, Film | None]:
    """Take a film off a list, or (no title) delete the list. Films stay in the journal."""
    film_list = find_list(store, name)
    if title is None:
        store.remove_list(film_list.id)
        return film_list, None
    entry = _entry_of(store, film_list, title, year)
    entries = [e for e in film_list.entries if e is not entry]
    updated = replace(film_list, entries=numbered(entries))
    store.save_list(updated)
    return updated, store.film(entry.film) or Film(id=entry.film, title=entry.film)


def edit(
    store: Store,
    name: str,
    *,
    rename: str | None = None,
    description: str | None = None,
    ranked: bool | None = None,
    move: str | None = None,
    year: int | None = None,
    to: int | None = None,
) -> tuple[FilmList, list[str]]:
    """Rename a list, change its description or whether it is ranked, or move one entry
    (``move`` a title ``to`` a position). Returns the list and what changed."""
    film_list = find_list(store, name)
    updated = film_list
    if rename is not None:
        new_name = _name(rename)
        updated = replace(updated, name=new_name, id=_unused_id(store, new_name, film_list.id))
    if description is not None:
        updated = replace(updated, description=clean_text(description) or None)
    if ranked is not None:
        updated = replace(updated, ranked=ranked)
    if (move is None) != (to is None):
        raise InvalidInput("--move and --to go together", "e.g. --move Heat --to 1")
    if move is not None and to is not None:
        entry = _entry_of(store, updated, move, year)
        entries = [e for e in updated.entries if e is not entry]
        entries.insert(_place(to, len(entries)), entry)
        updated = replace(updated, entries=numbered(entries))
    changed = [
        n
        for n in ("name", "description", "ranked", "entries")
        if getattr(updated, n) != getattr(film_list, n)
    ]
    if changed:
        if updated.id != film_list.id:
            store.remove_list(film_list.id)
        store.save_list(updated)
    return updated, changed


class ListRow(msgspec.Struct, frozen=True):
    """One entry of a list as shown: its film, your rating of it, and whether seen."""

    entry: ListEntry
    film: Film
    rating: float | None
    seen: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.entry.position,
            "film": self.film.id,
            "title": self.film.title,
            "year": self.film.year,
            "note": self.entry.note,
            "rating": self.rating,
            "seen": self.seen,
        }


def list_json(film_list: FilmList) -> dict[str, Any]:
    """A list's own fields and how many films it holds (its entries left out), for --json."""
    doc = list_to_doc(film_list)
    del doc["entries"]
    return {**doc, "films": len(film_list.entries)}


def rows(store: Store, film_list: FilmList) -> list[ListRow]:
    """The list's entries in order, each with its film, rating and seen mark."""
    watches: dict[str, list[Any]] = {}
    for watch in store.watches(film_list.films):
        watches.setdefault(watch.film, []).append(watch)
    out = []
    for entry in film_list.entries:
        film = store.film(entry.film) or Film(id=entry.film, title=entry.film)
        seen_watches = watches.get(film.id, [])
        rating = journal.current_rating(film, journal.summarise(seen_watches))
        out.append(ListRow(entry, film, rating, film.seen or bool(seen_watches)))
    return out
