"""Exports: Markdown pages, a lossless JSON backup, a Letterboxd import file, a CSV diary.

One module per format, listed in :data:`FORMATS`; the CLI's ``--format`` choices come from
here. Models in, bytes out: no terminal, no files. An exporter reads a :class:`Library`,
which loads from anything with the store's reading methods, only what it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any, Protocol, cast

import msgspec

from filmlog.models import Disc, Film, FilmList, Watch, WatchlistItem, fold


class Source(Protocol):
    """What an export reads from (the store's reading methods)."""

    def films(self) -> list[Film]: ...

    def film(self, film_id: str) -> Film | None: ...

    def watches(self, film_ids: Iterable[str] | None = None) -> list[Watch]: ...

    def discs(self, film_id: str | None = None) -> list[Disc]: ...

    def watchlist(self) -> list[WatchlistItem]: ...

    def lists(self) -> list[FilmList]: ...

    def raw_data(self) -> dict[str, Any]: ...


def film_order(film: Film) -> tuple[str, int, str]:
    """How exports list films: by title (case and accents ignored), then year."""
    return (fold(film.title), film.year or 0, film.id)


class Library:
    """The journal as an exporter sees it: every film, or one (``only``)."""

    def __init__(self, source: Source, only: Film | None = None) -> None:
        self.source = source
        self.only = only
        self._all_films: list[Film] | None = None
        self._watches: dict[str, list[Watch]] | None = None
        self._discs: list[Disc] | None = None
        self._discs_by_film: dict[str, list[Disc]] | None = None
        self._films_by_id: dict[str, Film] | None = None
        self._discs_by_id: dict[int, Disc] | None = None

    def all_films(self) -> list[Film]:
        """Every film of the journal, in export order (also when exporting one)."""
        if self._all_films is None:
            self._all_films = sorted(self.source.films(), key=film_order)
        return self._all_films

    def films(self) -> list[Film]:
        """The films to export, in export order."""
        return [self.only] if self.only is not None else self.all_films()

    def film(self, film_id: str) -> Film | None:
        """Any film of the journal by id (for "see also" and discs holding several)."""
        if self._all_films is None:
            return self.source.film(film_id)
        if self._films_by_id is None:
            self._films_by_id = {f.id: f for f in self._all_films}
        return self._films_by_id.get(film_id)

    def watches_of(self, film_id: str) -> list[Watch]:
        """A film's viewings, oldest first."""
        return self._grouped().get(film_id, [])

    def watches(self) -> list[Watch]:
        """Every exported viewing, oldest first."""
        wanted = None if self.only is None else [self.only.id]
        return self.source.watches(wanted)

    def _grouped(self) -> dict[str, list[Watch]]:
        if self._watches is None:
            grouped: dict[str, list[Watch]] = {}
            for watch in self.watches():
                grouped.setdefault(watch.film, []).append(watch)
            self._watches = grouped
        return self._watches

    def discs(self) -> list[Disc]:
        """Every disc of the journal, by id."""
        if self._discs is None:
            self._discs = self.source.discs()
        return self._discs

    def discs_of(self, film_id: str) -> list[Disc]:
        """The discs that hold a film, by id."""
        if self._discs_by_film is None:
            grouped: dict[str, list[Disc]] = {}
            for disc in self.discs():
                for held in dict.fromkeys(disc.films):
                    grouped.setdefault(held, []).append(disc)
            self._discs_by_film = grouped
        return self._discs_by_film.get(film_id, [])

    def disc(self, disc_id: int) -> Disc | None:
        """A disc by id."""
        if self._discs_by_id is None:
            self._discs_by_id = {d.id: d for d in self.discs()}
        return self._discs_by_id.get(disc_id)

    def raw(self) -> dict[str, Any]:
        """The whole journal as stored."""
        return self.source.raw_data()

    def lists(self) -> list[FilmList]:
        """Every list of the journal, by name."""
        return self.source.lists()


class Exporter(Protocol):
    """What every format module provides."""

    def document(self, library: Library) -> bytes:
        """One document: what goes to stdout or to ``--out FILE``."""
        ...

    def folder(self, library: Library) -> list[tuple[str, bytes]]:
        """Files (name, bytes) for ``--out FOLDER``, in the order they are written."""
        ...


class Format(msgspec.Struct, frozen=True):
    name: str
    summary: str
    module: str
    one_film: bool = True  # whether ``export TITLE`` makes sense in this format
    # Files an earlier export into the same folder may have left (a regex on names).
    leftovers: str | None = None

    def load(self) -> Exporter:
        """The format's module, imported only when used."""
        return cast(Exporter, importlib.import_module(self.module))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "markdown",
            "one page per film with YAML front matter (a folder gets index.md too)",
            "filmlog.export.markdown",
        ),
        Format(
            "json",
            "the whole journal, for 'filmlog import json' (a lossless backup)",
            "filmlog.export.json_backup",
            one_film=False,
        ),
        Format(
            "csv",
            "the diary, one row per viewing, every field",
            "filmlog.export.csv_diary",
        ),
        Format(
            "letterboxd",
            "CSVs that Letterboxd's importers read (diary; a folder also gets the watchlist "
            "and lists), split into files under 1 MB",
            "filmlog.export.letterboxd",
            leftovers=r"^(diary|watchlist)-\d+\.csv$|^list-.+-\d+\.csv$|^lists\.csv$",
        ),
    )
}


def names() -> list[str]:
    """The format names, default first."""
    return list(FORMATS)
