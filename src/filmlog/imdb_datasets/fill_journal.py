"""A fill run against the journal: which films it looks up, what it would change in the
journal as it is now, and saving that in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from filmlog.errors import InvalidInput, NotFound
from filmlog.imdb_datasets.filling import (
    RECORD,
    FillPlan,
    check_tconst,
    plan_fill,
    read_records,
    write_records,
)
from filmlog.imdb_datasets.matching import Lookup

if TYPE_CHECKING:
    from filmlog.journal import Choose
    from filmlog.models import Film
    from filmlog.store import Store


def films_to_fill(
    store: Store,
    titles: Sequence[str],
    year: int | None,
    choose: Choose | None,
    imdb: str | None,
) -> tuple[list[Film], dict[str, str]]:
    """The films named (each found as ``show`` finds it), or every film of the journal;
    and the IMDb id the user gave for the one film named, if any ("pinned")."""
    from filmlog import journal

    if titles:
        chosen = {}
        for text in titles:
            film = journal.resolve_title(store, text, year, choose)
            chosen[film.id] = film
        films = list(chosen.values())
    else:
        films = store.films()
    if imdb is None:
        return films, {}
    if len(films) != 1 or len(titles) != 1:
        raise InvalidInput("--imdb settles one film", "name that one film: TITLE --imdb tt…")
    return films, {films[0].id: check_tconst(imdb)}


def check_pinned(found: Lookup, pinned: Mapping[str, str]) -> None:
    """A film the user gave an IMDb id for must have matched it; raises NotFound."""
    if pinned and found.refused:
        refusal = found.refused[0]
        raise NotFound(f"{refusal.film.label}: {refusal.reason}; nothing was changed")


def plan_for(store: Store, found: Lookup, overwrite: bool, pinned: Mapping[str, str]) -> FillPlan:
    """What the fill changes in the journal as ``store`` holds it, knowing which facts
    earlier fills set (those it may refresh; the user's own it keeps)."""
    records = read_records(store.meta(RECORD))
    return plan_fill(store.films(), found, records, overwrite, pinned)


def save(store: Store, plan: FillPlan) -> bool:
    """Save ``plan`` in a store opened for writing; whether the journal changed."""
    store.save_films(f.after for f in plan.changed)
    store.set_meta(RECORD, write_records(plan.records))
    return store.changed
