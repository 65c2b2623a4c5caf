"""The plan of a Letterboxd import: what each file adds to, changes in or removes from
the journal.

By concern:

- ``reading``: the export's files read into rows (:func:`plan_import`, :func:`plan_files`,
  :func:`read_list` for a list file's two tables), and the planner's steps run in order;
- ``films``: the planner's shared state, the rows parsed, and the journal's film for each
  film they name;
- ``viewings``: rows deleted on Letterboxd, reviews joined to their diary rows, viewings;
- ``lists``: the export's lists and the profile's favourite films.
"""

from filmlog.importers.letterboxd.planner.films import FilmKey
from filmlog.importers.letterboxd.planner.reading import plan_files, plan_import, read_list

__all__ = ["FilmKey", "plan_files", "plan_import", "read_list"]
