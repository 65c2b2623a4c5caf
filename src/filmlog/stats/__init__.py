"""Statistics over a period of viewings: totals, ratings, time, people, places, streaks,
the films of the period, decades, tags, companions, the calendar of days.

Pure: stored documents (or models) in, a ``Stats`` value out; no store, no terminal.
People, genres, countries, tags and companions keep both counts, films and viewings (a
film seen twice is one film, two viewings); the other figures count viewings unless
their name says films. ``stats --json`` and the HTML page are both made from a Stats.

By concern:

- ``figures``: the result types (``Period``, ``Stats`` and the figures it holds) and their
  JSON;
- ``reading``: working the figures out from stored documents (``from_documents``,
  ``compute``) and ``on_this_day``;
- ``tally``: names counted whatever their spelling, films and viewings both;
- ``days``: viewings per year and month, the longest streak, the heatmap's weeks and shades.

Everything is importable from ``filmlog.stats``.
"""

from filmlog.stats.days import calendar_weeks, heatmap_span, longest_streak, shade
from filmlog.stats.figures import (
    RATING_STEPS,
    WEEKDAYS,
    Count,
    FilmRef,
    Mention,
    Period,
    Ranked,
    Split,
    Stats,
    Streak,
)
from filmlog.stats.reading import (
    BEST_REVIEWS,
    BY,
    MILESTONES,
    TOP,
    DamagedDocument,
    compute,
    from_documents,
    is_milestone,
    on_this_day,
)

__all__ = [
    "BEST_REVIEWS",
    "BY",
    "MILESTONES",
    "RATING_STEPS",
    "TOP",
    "WEEKDAYS",
    "Count",
    "DamagedDocument",
    "FilmRef",
    "Mention",
    "Period",
    "Ranked",
    "Split",
    "Stats",
    "Streak",
    "calendar_weeks",
    "compute",
    "from_documents",
    "heatmap_span",
    "is_milestone",
    "longest_streak",
    "on_this_day",
    "shade",
]
