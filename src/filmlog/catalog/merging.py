"""Folding a film into another (``film merge``) and deleting a film (``film rm``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog import journal
from filmlog import lists as film_lists
from filmlog.catalog.discs import remove_disc
from filmlog.catalog.facts import with_values
from filmlog.catalog.fields import appended, appended_cast, with_field
from filmlog.errors import (
    FilmlogError,
    InvalidInput,
)
from filmlog.models import (
    Film,
    title_key,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- merging films


class MergeConflict(msgspec.Struct, frozen=True):
    """A fact both films of a merge hold, with different values."""

    name: str
    kept: Any  # the value of the film merged into
    other: Any  # the value of the film folded away


class MergeResult(msgspec.Struct, frozen=True):
    film: Film
    gone: Film
    watches: int
    discs: int
    rewatches: int = 0
    # Values of the folded film that the merged one does not hold (the user chose none
    # of them).
    not_kept: tuple[MergeConflict, ...] = ()


# Facts with one value: filled when the film merged into has none; when both films hold
# different ones, one is kept (the target's unless the user picks the other).
MERGE_VALUES: tuple[str, ...] = (
    "year",
    "runtime",
    "certificate",
    "based_on",
    "kind",
    "rating",
    "imdb",
    "tmdb",
    "letterboxd",
)
_MERGE_LISTS = ("directors", "writers", "composers", "cinematographers", "genres", "countries")
_MERGE_TEXTS = ("synopsis", "notes")


def merge_conflicts(source: Film, target: Film) -> list[MergeConflict]:
    """The facts ``source`` and ``target`` both hold with different values."""
    out = []
    for name in MERGE_VALUES:
        kept, other = _fact(target, name), _fact(source, name)
        if kept not in (None, "") and other not in (None, "") and kept != other:
            out.append(MergeConflict(name, kept, other))
    return out


def _fact(film: Film, name: str) -> Any:
    return (
        getattr(film.ids, name) if name in ("imdb", "tmdb", "letterboxd") else getattr(film, name)
    )


def merge_films(store: Store, source: Film, target: Film, take: Sequence[str] = ()) -> MergeResult:
    """Fold ``source`` (a wrong or duplicate film) into ``target``.

    Its viewings, discs, watchlist entry and see-also links move over; its title and
    aliases become aliases of ``target``; its lists join ``target``'s, its notes and
    synopsis are added to ``target``'s, and its other facts fill the ones ``target``
    lacks. Where both hold a different value, ``target``'s stays unless the fact is
    named in ``take``; the values left out are in the result's ``not_kept``. ``source``
    is deleted and its id never given out again. Every viewing lands on the merged film,
    so all but its first become rewatches.
    """
    if source.id == target.id:
        raise InvalidInput(f"{source.label} and {target.label} are the same film")
    merged = _merged_facts(source, target, take)
    store.save_film(merged)
    moved = [replace(w, film=target.id) for w in store.watches([source.id])]
    store.save_watches(moved)
    discs = store.discs(source.id)
    for disc in discs:
        films = tuple(dict.fromkeys(target.id if f == source.id else f for f in disc.films))
        store.save_disc(replace(disc, films=films))
    for other in store.films():
        if source.id in other.see_also and other.id != target.id:
            links = tuple(dict.fromkeys(target.id if i == source.id else i for i in other.see_also))
            store.save_film(replace(other, see_also=tuple(i for i in links if i != other.id)))
    listed = {i.film: i for i in store.watchlist()}
    if source.id in listed:
        store.remove_from_watchlist(source.id)
        if target.id not in listed and not moved:
            store.save_watchlist_items([replace(listed[source.id], film=target.id)])
    if moved:
        store.remove_from_watchlist(target.id)
    film_lists.move_film(store, source.id, target.id)
    store.remove_film(source.id)
    marked = [w for w in journal.settle(store, [target.id]) if w.rewatch]
    left_out = tuple(c for c in merge_conflicts(source, target) if c.name not in take)
    return MergeResult(merged, source, len(moved), len(discs), len(marked), left_out)


def _merged_facts(source: Film, target: Film, take: Sequence[str]) -> Film:
    merged = target
    aka = appended(target.aka, (source.title, *source.aka))
    merged = replace(merged, aka=tuple(a for a in aka if title_key(a) != title_key(target.title)))
    for name in _MERGE_LISTS:
        merged = with_field(merged, name, appended(getattr(merged, name), getattr(source, name)))
    merged = replace(merged, cast=appended_cast(merged.cast, source.cast))
    for name in _MERGE_TEXTS:
        mine, theirs = getattr(merged, name), getattr(source, name)
        if theirs and mine and theirs.strip() != mine.strip():
            merged = with_field(merged, name, f"{mine}\n\n{theirs}")
        elif theirs and not mine:
            merged = with_field(merged, name, theirs)
    values = {}
    for name in MERGE_VALUES:
        mine, theirs = _fact(merged, name), _fact(source, name)
        if theirs not in (None, "") and (mine in (None, "") or name in take):
            values[name] = theirs
    merged = with_values(merged, values)
    see_also = appended(target.see_also, source.see_also)
    return replace(
        merged,
        see_also=tuple(i for i in see_also if i not in (source.id, target.id)),
        liked=target.liked or source.liked,
        seen=target.seen or source.seen,
        seen_given=target.seen_given or source.seen_given,
    )


# --------------------------------------------------------------------------- deleting films


class FilmRemoval(msgspec.Struct, frozen=True):
    """What deleting a film takes with it."""

    film: Film
    watches: int = 0
    discs: int = 0  # deleted: they held only this film
    shared_discs: int = 0  # kept: they hold other films too, and no longer this one
    watchlist: bool = False
    see_also: int = 0  # films whose see-also named it


def removal_plan(store: Store, film: Film, with_watches: bool, with_discs: bool) -> FilmRemoval:
    """What deleting ``film`` would take; refused while viewings or discs point to it and
    the matching ``with_`` flag is not given."""
    watches = len(store.watches([film.id]))
    discs = store.discs(film.id)
    only = sum(1 for d in discs if set(d.films) <= {film.id})
    refused = []
    if watches and not with_watches:
        refused.append((f"{watches} viewing{'s' if watches != 1 else ''}", "--with-viewings"))
    if discs and not with_discs:
        refused.append((f"{len(discs)} disc{'s' if len(discs) != 1 else ''}", "--with-discs"))
    if refused:
        raise FilmlogError(
            f"{film.label} has {' and '.join(what for what, _ in refused)}; nothing deleted",
            " and ".join(flag for _, flag in refused) + " to delete them with the film",
        )
    return FilmRemoval(
        film,
        watches=watches,
        discs=only,
        shared_discs=len(discs) - only,
        watchlist=store.on_watchlist(film.id),
        see_also=sum(1 for f in store.films() if film.id in f.see_also and f.id != film.id),
    )


def remove_film(store: Store, film: Film, with_watches: bool, with_discs: bool) -> FilmRemoval:
    """Delete a film, and (when told) its viewings and discs: a disc holding other films
    too keeps them and drops this one. It leaves the watchlist and other films'
    see-also; viewings linked to a disc deleted forget it. Its id is retired."""
    plan = removal_plan(store, film, with_watches, with_discs)
    for watch in store.watches([film.id]):
        store.remove_watch(watch.id)
    for disc in store.discs(film.id):
        if set(disc.films) <= {film.id}:
            remove_disc(store, disc.id)
        else:
            store.save_disc(replace(disc, films=tuple(f for f in disc.films if f != film.id)))
    store.remove_from_watchlist(film.id)
    film_lists.drop_film(store, film.id)
    linked = [f for f in store.films() if film.id in f.see_also and f.id != film.id]
    store.save_films(
        replace(f, see_also=tuple(i for i in f.see_also if i != film.id)) for f in linked
    )
    store.remove_film(film.id)
    return plan
