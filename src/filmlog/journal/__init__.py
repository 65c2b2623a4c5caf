"""Use cases of the diary, by concern:

- ``titles``: which film a typed title names (the one resolver), typos, titles settled
  before the journal is locked;
- ``viewings``: logging, changing and deleting viewings;
- ``typed``: what a user types about a viewing, checked (``add``'s details, ``edit``'s
  changes);
- ``derived``: what filmlog works out rather than is told (seen, rewatch, disc links);
- ``reading``: a film's page, summaries and the diary.

Takes a Store and models; knows nothing of terminals. A caller that can ask the user
passes ``choose`` to pick between films of the same title.
"""

from filmlog.journal.derived import (
    DERIVED_MARK,
    adopt_flags,
    adopted_flags,
    derive,
    settle,
    settle_import,
)
from filmlog.journal.reading import (
    DiaryFilter,
    FilmPage,
    Summary,
    current_rating,
    diary,
    diary_filter,
    film_page,
    holds_words,
    split_tags,
    summarise,
    undated_matching,
    unique,
    watch_json,
)
from filmlog.journal.titles import (
    Candidate,
    Choose,
    Pick,
    find_or_create_film,
    find_picked,
    logged_on,
    matching_films,
    near_films,
    pick_film,
    resolve_title,
    suggestions,
    typo_refused,
)
from filmlog.journal.typed import ViewingChanges, viewing_changes, watch_details
from filmlog.journal.viewings import (
    Edited,
    ListEdit,
    Logged,
    WatchDetails,
    add_viewing,
    disc_medium,
    edit_viewing,
    edit_watch,
    edited_list,
    get_watch,
    log_watch,
    now_stamp,
    remove_watch,
    rewatches_after,
)

__all__ = [
    "DERIVED_MARK",
    "Candidate",
    "Choose",
    "DiaryFilter",
    "Edited",
    "FilmPage",
    "ListEdit",
    "Logged",
    "Pick",
    "Summary",
    "ViewingChanges",
    "WatchDetails",
    "add_viewing",
    "adopt_flags",
    "adopted_flags",
    "current_rating",
    "derive",
    "diary",
    "diary_filter",
    "disc_medium",
    "edit_viewing",
    "edit_watch",
    "edited_list",
    "film_page",
    "find_or_create_film",
    "find_picked",
    "get_watch",
    "holds_words",
    "log_watch",
    "logged_on",
    "matching_films",
    "near_films",
    "now_stamp",
    "pick_film",
    "remove_watch",
    "resolve_title",
    "rewatches_after",
    "settle",
    "settle_import",
    "split_tags",
    "suggestions",
    "summarise",
    "typo_refused",
    "undated_matching",
    "unique",
    "viewing_changes",
    "watch_details",
    "watch_json",
]
