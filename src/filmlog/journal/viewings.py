"""Logging, changing and deleting viewings."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog.errors import (
    DiscNotFound,
    FilmlogError,
    InvalidInput,
    NotFound,
    WatchNotFound,
)
from filmlog.journal.derived import adopt_flags, derive, settle
from filmlog.journal.reading import unique
from filmlog.journal.titles import Choose, Pick, find_picked, logged_on, resolve_title, suggestions
from filmlog.models import (
    Disc,
    Film,
    Listed,
    Watch,
    WatchlistItem,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- viewings


class WatchDetails(msgspec.Struct, frozen=True):
    """What a user says about one viewing; None means "not given"."""

    date: dt.date
    rating: float | None = None
    medium: str | None = None
    where: str | None = None
    with_: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rewatch: bool | None = None
    liked: bool = False
    dnf: bool = False
    spoilers: bool = False
    review: str | None = None
    disc: int | None = None
    source: str | None = None


def now_stamp() -> str:
    """The local time now, to the second, with its UTC offset."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _order(day: dt.date, watch_id: int | None) -> tuple[dt.date, float]:
    # A viewing not saved yet (no id) will get the highest id: it comes last on its day.
    return (day, math.inf if watch_id is None else watch_id)


def rewatches_after(
    watches: Iterable[Watch], day: dt.date, watch_id: int | None = None
) -> list[Watch]:
    """The viewings a viewing on ``day`` makes rewatches, marked as such (to be saved).

    Every other viewing of the film after it becomes a rewatch: those on a later day,
    and those on the same day with a higher id (``watch_id`` None is a viewing not saved
    yet, which comes last). A flag the user gave stays. ``watches`` are the film's
    viewings. (An import plans with this; :func:`derive` is the whole rule.)
    """
    key = _order(day, watch_id)
    return [
        replace(w, rewatch=True)
        for w in watches
        if not w.rewatch
        and not w.rewatch_given
        and w.id != watch_id
        and w.date is not None
        and _order(w.date, w.id) > key
    ]


def _take_off_watchlist(store: Store, film_id: str) -> Listed | None:
    """Take a film off the watchlist; the entry, to be kept on the viewing that did it."""
    item = next((i for i in store.watchlist() if i.film == film_id), None)
    if item is None:
        return None
    store.remove_from_watchlist(film_id)
    return Listed(item.added, item.note)


def _give_back(store: Store, watch: Watch) -> None:
    """The watchlist entry a viewing took off, after the viewing left its film: back on
    the list when the film has no viewing left, else kept by its first remaining one."""
    if watch.watchlist is None or store.film(watch.film) is None:
        return
    left = [w for w in store.watches([watch.film]) if w.id != watch.id]
    if left:
        if left[0].watchlist is None:
            store.save_watch(replace(left[0], watchlist=watch.watchlist))
    elif not store.on_watchlist(watch.film):
        item = WatchlistItem(watch.film, watch.watchlist.added, watch.watchlist.note)
        store.save_watchlist_items([item])


def log_watch(store: Store, film: Film, details: WatchDetails) -> Watch:
    """Save a viewing of ``film`` (saving the film too), and take it off the watchlist.

    The viewing is a rewatch when an earlier one is in the journal, unless
    ``details.rewatch`` says; the film's later viewings become rewatches. A watchlist
    entry it takes off is kept on it (``watch.watchlist``).
    """
    disc = _check_disc(store, details.disc)
    if disc is not None:
        _check_disc_holds(store, disc, film)
        if details.medium is None:
            details = replace(details, medium=disc_medium(disc))
    others = store.watches([film.id])
    given = msgspec.structs.asdict(details)
    watch = Watch(
        id=0,
        film=film.id,
        logged=now_stamp(),
        **given | {"rewatch": bool(details.rewatch), "rewatch_given": details.rewatch is not None},
    )
    # A rating kept on the film (an import's) gives way to a newer rated viewing, as on
    # Letterboxd; an older viewing logged late leaves it alone.
    rating = film.rating
    if (
        rating is not None
        and details.rating is not None
        and not any(w.date is not None and w.date > details.date for w in others)
    ):
        rating = details.rating
    film = replace(film, liked=film.liked or details.liked, rating=rating)
    if disc is not None and not disc.films:
        disc = replace(disc, films=(film.id,))
        store.save_disc(disc)
    watch = replace(watch, watchlist=_take_off_watchlist(store, film.id))
    # The one rule (see derive), worked out before anything is written, so each table is
    # changed once: the new viewing will have the highest id, as its stand-in has here.
    adopt_flags(store)
    stand_in = replace(watch, id=_NEWEST)
    views = [*others, stand_in]
    discs = store.discs() if any(w.disc is not None for w in views) else []
    stale_films, stale_watches = derive([film], views, discs)
    film = next(iter(stale_films), film)
    watch = next((replace(w, id=0) for w in stale_watches if w.id == _NEWEST), watch)
    store.save_film(film)
    saved = store.add_watch(watch)
    store.save_watches(w for w in stale_watches if w.id != _NEWEST)
    return saved


# A stand-in id for a viewing not yet numbered, after every viewing's id.
_NEWEST = 2**62


class Logged(msgspec.Struct, frozen=True):
    """What ``add`` did: the viewing, its film (new or not), titles the new film's
    might be a typo of, and a note when the film was already logged that day."""

    watch: Watch
    film: Film
    created: bool
    near: tuple[str, ...] = ()
    again: str | None = None


def add_viewing(
    store: Store,
    pick: Pick,
    details: WatchDetails,
    review: str | None = None,
    listed_as: str | None = None,
    again: str | None = None,
) -> Logged:
    """Log a viewing of the film ``pick`` names (see log_watch). ``again`` is what was
    said beforehand of a film already logged that day ("" once answered); when nobody
    was asked, it is found out here and returned to be noted."""
    film, created = find_picked(store, pick)
    if again is None and not created:
        again = logged_on(store, film, details.date)
    if listed_as is not None:
        from filmlog.catalog import with_alias

        film = with_alias(film, listed_as)
    near = tuple(suggestions(store, pick.text, typos_only=True)) if created else ()
    watch = log_watch(store, film, replace(details, review=review))
    return Logged(watch, film, created, near, again)


class Edited(msgspec.Struct, frozen=True):
    """What ``edit`` did: the viewing before and after, and its film before and after
    (None when a script left it pointing at no film)."""

    before: Watch
    watch: Watch
    was: Film | None
    film: Film | None

    @property
    def changed(self) -> bool:
        """Whether the edit changed anything (an edit to what is already there writes
        nothing)."""
        return self.before != self.watch or self.was != self.film


def edit_viewing(
    store: Store,
    watch_id: int,
    changes: dict[str, Any],
    lists: dict[str, ListEdit],
    title: str | None = None,
    year: int | None = None,
    choose: Choose | None = None,
) -> Edited:
    """Change a viewing (see edit_watch); ``title`` moves it to the film it names."""
    film = resolve_title(store, title, year, choose) if title else None
    if not changes and not lists and film is None:
        raise InvalidInput("nothing to change", "give an option such as --rating; see --help")
    before = get_watch(store, watch_id)
    watch = edit_watch(store, watch_id, changes, film, lists)
    return Edited(before, watch, store.film(before.film), store.film(watch.film))


def disc_medium(disc: Disc) -> str | None:
    """The medium of a viewing from this disc (``4K UHD`` -> uhd), if its format says."""
    from filmlog.models import parse_medium

    try:
        return parse_medium((disc.format or "").replace(" ", "-"))
    except InvalidInput:
        return None


def _check_disc(store: Store, disc_id: int | None) -> Disc | None:
    if disc_id is None:
        return None
    disc = store.disc(disc_id)
    if disc is None:
        raise DiscNotFound(f"no disc #{disc_id}", "'filmlog disc list' shows your discs")
    return disc


def _check_disc_holds(store: Store, disc: Disc, film: Film, other_way: str = "") -> None:
    """Refuse a viewing from a disc that does not hold its film (a wrong id, most likely).

    A disc that holds no film (made by hand) takes any.
    """
    if film.id in disc.films or not disc.films:
        return
    import shlex

    held = ", ".join((f.label if (f := store.film(i)) else i) for i in disc.films)
    raise FilmlogError(
        f"disc #{disc.id} holds {held}, not {film.label}",
        f"if it is on the disc too: filmlog disc edit {disc.id} --film {shlex.quote(film.label)}"
        + other_way,
    )


def get_watch(store: Store, watch_id: int) -> Watch:
    """The viewing with this id, or WatchNotFound."""
    watch = store.watch(watch_id)
    if watch is None:
        raise WatchNotFound(
            f"no viewing #{watch_id}", "'filmlog diary' lists viewings with their ids"
        )
    return watch


class ListEdit(msgspec.Struct, frozen=True):
    """What ``edit`` does to a list of a viewing (``tags``, ``with_``), in this order:
    empty it, take values off, add values."""

    clear: bool = False
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()


def edited_list(watch: Watch, name: str, how: ListEdit) -> tuple[str, ...]:
    """The list ``name`` of ``watch`` after ``how``; a value to take off that it does not
    hold is refused with what it holds."""
    from filmlog.models import fold

    current: tuple[str, ...] = () if how.clear else getattr(watch, name)
    shown = {"with_": "with", "tags": "tag"}.get(name, name)
    for value in how.remove:
        kept = tuple(v for v in current if fold(v) != fold(value))
        if len(kept) == len(current):
            raise NotFound(
                f"viewing #{watch.id} has no {shown} {value!r}",
                f"it has: {', '.join(current)}" if current else f"its {shown} list is empty",
            )
        current = kept
    return unique((*current, *how.add))


def edit_watch(
    store: Store,
    watch_id: int,
    changes: dict[str, Any],
    film: Film | None = None,
    lists: dict[str, ListEdit] | None = None,
) -> Watch:
    """Change some fields of a viewing; ``film`` moves it to another film; ``lists``
    adds to, takes off or empties its tags and people (see ListEdit).

    A ``rewatch`` in ``changes`` is the user's word; ``rewatch_given`` False hands the
    flag back to the rule. Derived state of both films is made right afterwards; a
    viewing moved away gives back the watchlist entry it took off, and one moved onto a
    film on the watchlist takes it off.
    """
    watch = get_watch(store, watch_id)
    for name, how in (lists or {}).items():
        changes[name] = edited_list(watch, name, how)
    target = film if film is not None else store.film(watch.film)
    moved = target is not None and target.id != watch.film
    disc = _check_disc(store, changes["disc"]) if "disc" in changes else None
    if disc is None and moved and watch.disc is not None and "disc" not in changes:
        disc = store.disc(watch.disc)
    if disc is not None and target is not None:
        _check_disc_holds(store, disc, target, "; else add --clear disc" if moved else "")
    if target is not None and (moved or changes.get("liked")):
        # As with add --like, loving a viewing likes the film.
        store.save_film(replace(target, liked=target.liked or bool(changes.get("liked"))))
        changes["film"] = target.id
    if "rewatch" in changes:
        changes["rewatch_given"] = True
    updated = replace(watch, **changes)
    if moved:
        _give_back(store, watch)
        updated = replace(updated, watchlist=_take_off_watchlist(store, updated.film))
    store.save_watch(updated)
    settle(store, {watch.film, updated.film})
    return store.watch(watch_id) or updated


def remove_watch(store: Store, watch_id: int) -> Watch:
    """Delete a viewing; returns what was deleted. The watchlist entry it took off comes
    back, and its film's derived state is made right."""
    watch = get_watch(store, watch_id)
    store.remove_watch(watch_id)
    _give_back(store, watch)
    settle(store, [watch.film])
    return watch
