"""IMDb exports: "Your Ratings" and watchlist (or any list) CSV files.

IMDb has changed the layout over the years and the importer reads all of them:

- 2017-2024: ``Const,Your Rating,Date Rated,Title,URL,Title Type,...,Directors`` with
  title types as codes (``movie``, ``tvSeries``...) and directors joined by ", ".
- 2024-: ``Original Title`` after ``Title``; the title, title types and genres are in the
  language of the account (``Serie TV``, ``Azione``); directors joined by ",".
- before 2017: lower-case ``position,const,created,...,You rated`` with dates such as
  ``Sat Dec 31 00:00:00 2016``.

Older files are Latin-1 rather than UTF-8; a file that is not UTF-8 is read as Latin-1.

IMDb keeps no viewing dates, so a rated title becomes a seen film with its rating (IMDb's
1-10 halved to stars: 9 is 4.5) and the day it was rated (``Date Rated``); no viewing is
invented, unless ``as_viewings`` asks for one on that day (for those whose only record is
IMDb). A file named as a watchlist makes watchlist entries (its ``Description`` is the
note); any other list export (``Position``, ``Created``...) becomes a filmlog list named
after the file, in the list's order, its ratings kept too. List dates are ``YYYY-MM-DD``,
``M/D/YYYY`` or, before 2017, ``Sat Dec 31 00:00:00 2016``. Where both titles are given the original
title is the film's title and the localised one an alias: the original does not change
with the language the account is set to, so exports taken in two languages name the same
films, and the alias still finds the film by the title the user knows it by.
"""

from filmlog.importers.imdb.export_file import HINT, MAX_FILE_BYTES, read_export
from filmlog.importers.imdb.planner import plan_file, plan_import
from filmlog.importers.imdb.rows import ALIASES, KINDS, kind_of

__all__ = [
    "ALIASES",
    "HINT",
    "KINDS",
    "MAX_FILE_BYTES",
    "kind_of",
    "plan_file",
    "plan_import",
    "read_export",
]
