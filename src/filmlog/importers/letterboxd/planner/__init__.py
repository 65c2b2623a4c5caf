"""The plan of a Letterboxd import: what each file adds to, changes in or removes from
the journal."""

from filmlog.importers.letterboxd.planner.reading import (
    FilmKey,
    plan_files,
    plan_import,
    read_list,
)

__all__ = ["FilmKey", "plan_files", "plan_import", "read_list"]
