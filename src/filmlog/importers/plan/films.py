"""The base of :class:`~filmlog.importers.plan.builder.Builder`: the journal's films as
an import found them, what earlier imports set, progress and problems, and the films
each imported row is matched to or makes (and what it fills in on them).

Every step of an import resolves its films here, so the steps that plan viewings,
watchlist entries and lists (``entries.py``) build on this one state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from msgspec.structs import replace

from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.records import (
    RECORDS,
    digest,
    read_records,
)
from filmlog.importers.plan.rows import Problem, Row
from filmlog.models import (
    Film,
    FilmIds,
    fold,
    format_rating,
    title_key,
)
from filmlog.store import Store

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while rows are checked."""


class Ambiguous(Exception):
    """Several journal films fit one imported film, and nothing tells them apart."""

    def __init__(self, films: Sequence[Film]) -> None:
        super().__init__()
        self.films = list(films)


_FLAGS = ("seen", "liked")
# What _Films._filled gives for a field it leaves as it is.
_KEEP = object()
# Values a newer export may change, when nobody changed them in filmlog since.
_TRACKED_FILM = ("rating", "rated")
_TRACKED_WATCH = ("date", "rating", "review", "tags", "rewatch")


def _show(value: object) -> str:
    if isinstance(value, float):
        return format_rating(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _same_names(old: object, new: object) -> bool:
    """Two lists of names that differ only in order, case or accents."""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return False
    return {fold(str(v)) for v in old} == {fold(str(v)) for v in new}


def _lookup_key(name: str) -> str:
    return title_key(name) or "=" + name.strip().casefold()


class _Films:
    """One import's films, matched and filled against a snapshot of the journal."""

    def __init__(
        self,
        store: Store,
        source: str,
        path: str,
        id_field: str,
        progress: Progress | None = None,
    ) -> None:
        self.plan = Plan(source=source, path=path)
        self.id_field = id_field
        self._store = store
        self._progress = progress
        self._done = 0
        self._total = 0
        self.original: dict[str, Film] = {f.id: f for f in store.films()}
        self.current: dict[str, Film] = dict(self.original)
        self._created: list[str] = []
        self._film_changes: dict[str, list[str]] = defaultdict(list)
        self._by_ext: dict[str, str] = {}
        self._by_title: dict[str, list[str]] = defaultdict(list)
        self._claims: dict[str, Hashable] = {}
        for film in self.original.values():
            self._index(film)
        self._records_before = read_records(store.meta(RECORDS))
        self._records = {k: dict(v) for k, v in self._records_before.items()}

    # -- what earlier imports set ------------------------------------------------

    def remember(self, key: str, **values: object) -> None:
        """Record the values this import sets (or offers) under ``key``."""
        record = self._records.setdefault(key, {})
        for name, value in values.items():
            fingerprint = digest(value)
            if fingerprint is None:
                record.pop(name, None)
            else:
                record[name] = fingerprint

    def imported_before(self, key: str) -> bool:
        """Whether an earlier import brought what ``key`` names."""
        return key in self._records_before

    def untouched(self, key: str, name: str, current: object) -> bool:
        """Whether the journal still holds the value an earlier import set (nobody
        changed it in filmlog since)."""
        record = self._records_before.get(key)
        return record is not None and record.get(name) == digest(current)

    def film_key(self, film_id: str) -> str:
        return f"{self.plan.source}/film/{film_id}"

    # -- progress and problems ---------------------------------------------------

    def expect(self, rows: int) -> None:
        """Announce how many rows are coming (for the progress bar)."""
        self._total += rows

    def tick(self) -> None:
        self._done += 1
        if self._progress is not None and (self._done % 250 == 0 or self._done == self._total):
            self._progress(self._done, self._total)

    def problem(self, row: Row | None, message: str, file: str = "") -> None:
        self.plan.problems.append(
            Problem(row.file if row else file, row.line if row else None, message)
        )

    def skip(self, row: Row | None, message: str, kind: str = "", file: str = "") -> None:
        """Record a row (or a value in it) left out on purpose, and why."""
        self.plan.skipped.append(
            Problem(row.file if row else file, row.line if row else None, message, kind)
        )

    # -- films -------------------------------------------------------------------

    def _index(self, film: Film) -> None:
        ext = getattr(film.ids, self.id_field)
        if ext:
            self._by_ext.setdefault(ext, film.id)
        for name in (film.title, *film.aka):
            ids = self._by_title[_lookup_key(name)]
            if film.id not in ids:
                ids.append(film.id)

    def find_film(
        self,
        ext: str | None,
        titles: Iterable[str],
        year: int | None,
        claim: Hashable,
        *,
        adopt_undated: bool,
    ) -> Film | None:
        """The journal film an imported film is, or None when it is new.

        By external id first; else by title or alias (case, accents, punctuation ignored)
        and the same year. A film without a year is taken for a dated one only when
        ``adopt_undated`` says the import names that title with one year only. A film
        holding another external id, or already taken by another imported film, is
        never a match. Several matches raise Ambiguous: an import does not guess.
        """
        if ext and ext in self._by_ext:
            film_id = self._by_ext[ext]
            self._claims.setdefault(film_id, claim)
            return self.current[film_id]
        found: list[str] = []
        for name in titles:
            for film_id in self._by_title.get(_lookup_key(name), ()):
                if film_id not in found:
                    found.append(film_id)

        def usable(film_id: str) -> bool:
            other = getattr(self.current[film_id].ids, self.id_field)
            if ext and other and other != ext:
                return False
            return self._claims.get(film_id, claim) == claim

        same = [i for i in found if self.current[i].year == year and usable(i)]
        if not same and year is not None and adopt_undated:
            same = [i for i in found if self.current[i].year is None and usable(i)]
        if len(same) > 1:
            raise Ambiguous([self.current[i] for i in same])
        if not same:
            return None
        self._claims[same[0]] = claim
        return self.current[same[0]]

    def create_film(self, title: str, year: int | None, claim: Hashable, **facts: Any) -> Film:
        """A new film (its id never used before); facts are set as given."""
        film = Film(id=self._store.new_film_id(title, year, self.current), title=title, year=year)
        film = replace(film, **facts)
        self.current[film.id] = film
        self._created.append(film.id)
        self._claims[film.id] = claim
        self._index(film)
        return film

    def fill(self, film_id: str, row: Row | None, **values: Any) -> None:
        """Fill in what the film lacks; a different value already held is kept (and reported).

        ``seen`` and ``liked`` are only ever switched on. ``aka`` gains new titles.
        ``kind`` "film" is the default, so another kind fills it. ``ids`` takes a FilmIds
        whose set fields fill the film's.
        """
        film = self.current[film_id]
        updates: dict[str, Any] = {}
        tracked = {k: v for k, v in values.items() if k in _TRACKED_FILM and v is not None}
        if tracked:
            self.remember(self.film_key(film_id), **tracked)
        for name, new in values.items():
            if new is None or new == ():
                continue
            if name == "ids":
                ids = self._fill_ids(film, new, row)
                if ids != film.ids:
                    updates["ids"] = ids
                continue
            value = self._filled(film, name, new, row)
            if value is not _KEEP:
                updates[name] = value
        if updates:
            updated = replace(film, **updates)
            self.current[film_id] = updated
            if film_id in self.original:
                changes = self._film_changes[film_id]
                changes.extend(k for k in updates if k not in changes)
            if "aka" in updates or "ids" in updates or "title" in updates:
                self._index(updated)

    def _filled(self, film: Film, name: str, new: Any, row: Row | None) -> Any:
        """What ``fill`` puts in one field of ``film`` (not ids), or _KEEP."""
        old = getattr(film, name)
        if old == new:
            return _KEEP
        if name in _FLAGS:
            return True if new and not old else _KEEP
        if name == "aka":
            known = {_lookup_key(t) for t in (film.title, *film.aka)}
            extra = tuple(t for t in dict.fromkeys(new) if _lookup_key(t) not in known)
            return (*film.aka, *extra) if extra else _KEEP
        if old is None or old == () or (name == "kind" and old == "film"):
            return new
        if name in _TRACKED_FILM and self.untouched(self.film_key(film.id), name, old):
            self.plan.notes.append(
                f"{row.file if row else 'the export'}: {film.label}'s {name} is now "
                f"{_show(new)} (it was {_show(old)}, as an earlier import set it)"
            )
            return new
        if not _same_names(old, new):
            self.skip(
                row,
                f"kept the journal's {name} of {film.label}: {_show(old)} "
                f"(the export says {_show(new)})",
                f"kept {name}",
            )
        return _KEEP

    def remove_note(self, film_id: str, block: str) -> bool:
        """Take a block an earlier import appended out of the film's notes."""
        film = self.current[film_id]
        notes = film.notes or ""
        if block not in notes:
            return False
        kept = "\n\n".join(p.strip() for p in notes.split(block) if p.strip()) or None
        self.current[film_id] = replace(film, notes=kept)
        if film_id in self.original and "notes" not in self._film_changes[film_id]:
            self._film_changes[film_id].append("notes")
        return True

    def _fill_ids(self, film: Film, new: FilmIds, row: Row | None) -> FilmIds:
        ids = film.ids
        for name in ("imdb", "tmdb", "letterboxd"):
            value = getattr(new, name)
            old = getattr(ids, name)
            if value is None or value == old:
                continue
            if old is None:
                ids = replace(ids, **{name: value})
            else:
                self.skip(
                    row,
                    f"kept the journal's {name} id of {film.label}: {old} "
                    f"(the export says {value})",
                    f"kept {name} id",
                )
        return ids
