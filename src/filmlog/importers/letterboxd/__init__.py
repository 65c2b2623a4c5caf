"""Letterboxd account exports: the zip, or its unpacked folder.

Files read: ``diary.csv``, ``reviews.csv``, ``ratings.csv``, ``watched.csv``,
``watchlist.csv``, ``likes/films.csv``, ``lists/*.csv``, ``profile.csv`` (the favourite
films), ``orphaned/diary.csv`` (diary rows of films Letterboxd no longer lists, imported as
the diary's), and ``deleted/diary.csv``, ``deleted/reviews.csv`` and ``deleted/lists/*.csv``
(what the member deleted: what an earlier import brought is removed, unless it was changed
in filmlog since, and never brought back). ``likes/reviews.csv``, ``likes/lists.csv`` and
``comments.csv`` are links to other members' writing, counted and left out. The export
is the zip or folder given, or the one folder it holds when it holds nothing else (a zip
re-packed with its folder); the summary names what was read.

How rows map to the journal:

- each diary row is a viewing on its ``Watched Date`` (else its ``Date``), logged on its
  ``Date``; ``Rewatch`` is kept as given, ``Tags`` are split on commas. Its
  ``Letterboxd URI`` names that diary entry, so it is the viewing's ``source``; a row
  without one is named by title, year, day and its position among identical rows.
- a review joins its diary row (same URI, else same title, year and day) and its HTML
  becomes Markdown. A review with a day but no diary row is a viewing of its own. A
  review with no day (Letterboxd lets you review without logging) is an undated entry of
  its film: a viewing without a date, kept out of the diary and the stats.
- ``ratings.csv`` sets the film's rating, ``watched.csv`` marks films seen (no viewing
  is invented), ``likes/films.csv`` likes them, ``watchlist.csv`` fills the watchlist.
  URIs in these files name films, and are kept as the film's Letterboxd id.
"""

from filmlog.importers.letterboxd.planner.reading import plan_import

__all__ = ["plan_import"]
