"""What filmlog works out rather than is told (seen, rewatch, disc links): the one rule
and where it is applied."""

from __future__ import annotations

from collections.abc import Iterable

from msgspec.structs import replace

from filmlog.models import (
    Disc,
    Film,
    Watch,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- derived state

# Set in _meta once the journal's flags have been read as derived (see adopt_flags).
DERIVED_MARK = "derived"


def derive(
    films: Iterable[Film], watches: Iterable[Watch], discs: Iterable[Disc] | None = None
) -> tuple[list[Film], list[Watch]]:
    """The films and viewings whose derived state is stale, with it made right.

    The one rule for what filmlog works out rather than is told:

    - a film is ``seen`` when it has a viewing, or is seen without one (``seen_given``);
    - a viewing is a ``rewatch`` when the film has an earlier viewing (by day, then id)
      or is seen without one, unless the user gave the flag (``rewatch_given``);
    - with ``discs``, a viewing's ``disc`` must be a disc that holds its film (a disc
      that holds no film takes any); otherwise the link is dropped.

    Only the viewings of the films given are looked at.
    """
    by_film: dict[str, list[Watch]] = {}
    for watch in watches:
        by_film.setdefault(watch.film, []).append(watch)
    holding = None if discs is None else {d.id: d.films for d in discs}
    stale_films: list[Film] = []
    stale_watches: list[Watch] = []
    for film in films:
        views = by_film.get(film.id, [])
        if film.seen != (film.seen_given or bool(views)):
            stale_films.append(replace(film, seen=not film.seen))
        # A review without a day (an undated entry) says the film was seen before the
        # dated viewings; it is no viewing of its own to call first or again.
        dated = sorted((w for w in views if w.date is not None), key=lambda w: (w.date, w.id))
        seen_before = film.seen_given or len(dated) < len(views)
        order = {w.id: n for n, w in enumerate(dated)}
        for watch in views:
            right = watch
            n = order.get(watch.id)
            if (
                n is not None
                and not watch.rewatch_given
                and watch.rewatch != (n > 0 or seen_before)
            ):
                right = replace(right, rewatch=not watch.rewatch)
            if holding is not None and watch.disc is not None:
                held = holding.get(watch.disc)
                if held is None or (held and film.id not in held):
                    right = replace(right, disc=None)
            if right is not watch:
                stale_watches.append(right)
    return stale_films, stale_watches


def adopted_flags(films: list[Film], watches: list[Watch]) -> tuple[list[Film], list[Watch]]:
    """A journal written before flags were derived, read as the user meant it.

    Its ``seen`` and ``rewatch`` may be the user's (or an import's) word: a film seen
    without a viewing is seen without one, and a rewatch the rule would not make keeps
    its flag as given (a viewing from before the journal). A first viewing the rule
    makes a rewatch becomes one, as the next change would have made it before. Returns
    the films and viewings to save.
    """
    viewed = {w.film for w in watches}
    marked = {
        f.id: replace(f, seen_given=True)
        for f in films
        if f.seen and not f.seen_given and f.id not in viewed
    }
    everyone = [marked.get(f.id, f) for f in films]
    _, differ = derive(everyone, watches)
    stored = {w.id: w for w in watches}
    given = [replace(stored[w.id], rewatch_given=True) for w in differ if not w.rewatch]
    return list(marked.values()), given


def adopt_flags(store: Store) -> None:
    """Once per journal: read flags written before they were derived (see adopted_flags).

    An empty journal has none: it is marked with its first change (see mark_derived).
    """
    if store.meta(DERIVED_MARK) or store.is_empty():
        return
    films, watches = adopted_flags(store.films(), store.watches())
    store.save_films(films)
    store.save_watches(watches)
    store.set_meta(DERIVED_MARK, 1)


def settle(store: Store, film_ids: Iterable[str]) -> list[Watch]:
    """Make the derived state of these films and their viewings right (see derive).

    Every change calls this for the films it touched. Returns the viewings changed.
    """
    adopt_flags(store)
    ids = set(film_ids)
    films = [f for f in (store.film(i) for i in sorted(ids)) if f is not None]
    watches = store.watches(ids)
    discs = store.discs() if any(w.disc is not None for w in watches) else []
    stale_films, stale_watches = derive(films, watches, discs)
    store.save_films(stale_films)
    store.save_watches(stale_watches)
    return stale_watches


def settle_import(store: Store, films: Iterable[str], viewed: Iterable[str]) -> None:
    """After an import: a film it marks seen that has no viewing is seen without one
    (a watched list, a rating); then the derived state of every film it touched."""
    touched = {*films, *viewed}
    have = {w.film for w in store.watches(touched)}
    given = [
        replace(f, seen_given=True)
        for f in (store.film(i) for i in sorted(touched - have))
        if f is not None and f.seen and not f.seen_given
    ]
    adopt_flags(store)
    store.save_films(given)
    settle(store, touched)
