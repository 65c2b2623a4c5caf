"""The pages' file names: stable, readable, safe on any disk, and never clashing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from filmlog.models import Film, FilmList, slugify

_SAFE_STEM = re.compile(r"^[^\W_][\w\-]*$")
_RESERVED = {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))}
_MAX_STEM_BYTES = 120


def file_names(films: Iterable[Film]) -> dict[str, str]:
    """A stable, readable file name for each film: its id (``heat-1995.md``).

    Ids that would not make a safe name (from a hand-edited journal) fall back to a slug
    of title and year; names never clash, even on a case-insensitive disk.
    """
    taken = set(_RESERVED)
    names: dict[str, str] = {}
    # Films whose ids are safe names claim them first, so a fallback never takes one.
    for film in sorted(films, key=lambda f: (not _SAFE_STEM.match(f.id), f.id)):
        stem = film.id if _SAFE_STEM.match(film.id) else slugify(film.title, film.year)
        while len(stem.encode()) > _MAX_STEM_BYTES:
            stem = stem[:-1]
        stem = stem.rstrip("-") or "film"
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate.casefold())
        names[film.id] = candidate + ".md"
    return names


def list_names(lists: Iterable[FilmList], taken: Iterable[str]) -> dict[str, str]:
    """A file name for each list, ``list-<id>.md``, clashing with no film's page."""
    used = {name.casefold() for name in taken} | set(_RESERVED)
    names: dict[str, str] = {}
    for film_list in lists:
        stem = "list-" + (film_list.id if _SAFE_STEM.match(film_list.id) else "list")
        stem = stem[:_MAX_STEM_BYTES].rstrip("-")
        candidate, n = stem, 2
        while f"{candidate}.md".casefold() in used or candidate.casefold() in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(f"{candidate}.md".casefold())
        names[film_list.id] = candidate + ".md"
    return names
