"""Use cases for what a collector keeps beside the diary, by concern:

- ``facts``: film facts (``film set``) and the film list;
- ``merging``: folding one film into another, and deleting a film;
- ``discs``: disc editions;
- ``watchlist``: films to see;
- ``fields``: what they share (setting, appending and naming fields).

Takes a Store and models; knows nothing of terminals. Titles are looked up with
``journal.find_or_create_film`` / ``journal.resolve_title``, so aliases, ``Title (1995)``
and ``--year`` work here exactly as they do for ``add`` and ``show``.
"""

from filmlog.catalog.discs import (
    DISC_FIELDS,
    DISC_LISTS,
    PURCHASE_FIELDS,
    DiscChanges,
    DiscResult,
    add_disc,
    disc_changes,
    disc_field,
    disc_films,
    disc_format,
    disc_rows,
    edit_disc,
    get_disc,
    remove_disc,
)
from filmlog.catalog.facts import (
    FILM_LISTS,
    FILM_VALUES,
    FactChanges,
    FactsResult,
    fact_changes,
    film_field,
    names_film,
    other_film,
    parse_imdb,
    parse_runtime,
    parse_tmdb,
    set_facts,
    with_alias,
    with_values,
)
from filmlog.catalog.fields import (
    appended,
    appended_cast,
    split_field_value,
    with_field,
)
from filmlog.catalog.merging import (
    MERGE_VALUES,
    FilmRemoval,
    MergeConflict,
    MergeResult,
    merge_conflicts,
    merge_films,
    removal_plan,
    remove_film,
)
from filmlog.catalog.watchlist import (
    WatchlistRow,
    add_to_watchlist,
    remove_from_watchlist,
    watchlist_rows,
)

__all__ = [
    "DISC_FIELDS",
    "DISC_LISTS",
    "FILM_LISTS",
    "FILM_VALUES",
    "MERGE_VALUES",
    "PURCHASE_FIELDS",
    "DiscChanges",
    "DiscResult",
    "FactChanges",
    "FactsResult",
    "FilmRemoval",
    "MergeConflict",
    "MergeResult",
    "WatchlistRow",
    "add_disc",
    "add_to_watchlist",
    "appended",
    "appended_cast",
    "disc_changes",
    "disc_field",
    "disc_films",
    "disc_format",
    "disc_rows",
    "edit_disc",
    "fact_changes",
    "film_field",
    "get_disc",
    "merge_conflicts",
    "merge_films",
    "names_film",
    "other_film",
    "parse_imdb",
    "parse_runtime",
    "parse_tmdb",
    "removal_plan",
    "remove_disc",
    "remove_film",
    "remove_from_watchlist",
    "set_facts",
    "split_field_value",
    "watchlist_rows",
    "with_alias",
    "with_field",
    "with_values",
]
