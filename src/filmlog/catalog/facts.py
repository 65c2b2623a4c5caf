"""Film facts: ``film set`` (facts, ids, aliases, see-also, a new title or year) and
the film list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog import journal
from filmlog.catalog.fields import appended, appended_cast, split_field_value, with_field
from filmlog.errors import (
    FilmlogError,
    FilmNotFound,
    InvalidInput,
    NotFound,
)
from filmlog.journal import Choose, Pick
from filmlog.models import (
    CastMember,
    Film,
    film_to_doc,
    fold,
    parse_cast,
    parse_rating,
    parse_year,
    split_title_year,
    title_key,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- film facts

FILM_LISTS: tuple[str, ...] = (
    "aka",
    "directors",
    "writers",
    "cast",
    "composers",
    "cinematographers",
    "genres",
    "countries",
    "see_also",
)
FILM_VALUES: tuple[str, ...] = (
    "based_on",
    "runtime",
    "certificate",
    "synopsis",
    "imdb",
    "tmdb",
    "rating",
    "notes",
    "liked",
)

# What users may type after --clear / --remove: the option name, singular or plural.
_FILM_FIELD_NAMES: dict[str, str] = {
    "aka": "aka",
    "akas": "aka",
    "alias": "aka",
    "aliases": "aka",
    "director": "directors",
    "writer": "writers",
    "actor": "cast",
    "composer": "composers",
    "music": "composers",
    "cinematographer": "cinematographers",
    "genre": "genres",
    "country": "countries",
    "seealso": "see_also",
    "basedon": "based_on",
    "note": "notes",
    "like": "liked",
}


_IMDB = re.compile(r"(?:^|/)(tt\d{7,})(?:[/?#].*)?$", re.ASCII)
_TMDB = re.compile(
    r"^(?:https?://)?(?:www\.)?themoviedb\.org/(?:movie|tv)/(\d+)(?:-[^/?#]*)?(?:[/?#].*)?$",
    re.ASCII,
)


def film_field(name: str) -> str:
    """The film field a user names: ``director``, ``--genres``, ``see-also``, ``based_on``..."""
    key = re.sub(r"[\s_-]+", "", name.strip().lstrip("-").casefold())
    for known in (*FILM_LISTS, *FILM_VALUES):
        if key == known.replace("_", ""):
            return known
    if key in _FILM_FIELD_NAMES:
        return _FILM_FIELD_NAMES[key]
    raise InvalidInput(
        f"{name.strip()!r} is not a film field",
        "use one of " + ", ".join(f.replace("_", "-") for f in (*FILM_LISTS, *FILM_VALUES)),
    )


def parse_imdb(text: str) -> str:
    """An IMDb id (``tt0113627``), also taken out of an IMDb address."""
    raw = text.strip()
    match = _IMDB.search(raw)
    if not match:
        raise InvalidInput(
            f"{raw!r} is not an IMDb id", "use tt followed by digits, e.g. tt0113627"
        )
    return match.group(1)


def parse_tmdb(text: str) -> str:
    """A TMDb id (digits), also taken out of a themoviedb.org address."""
    raw = text.strip()
    match = _TMDB.match(raw)
    digits = raw if raw.isascii() and raw.isdigit() else match.group(1) if match else None
    if digits is None:
        raise InvalidInput(f"{raw!r} is not a TMDb id", "use the number, e.g. 451")
    # Not int(): a very long number would be refused by Python's digit limit.
    return digits.lstrip("0") or "0"


_RUNTIME = re.compile(
    r"^(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)?$"
)
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$")


def parse_runtime(text: str | int) -> int:
    """Minutes: ``111``, ``111 min``, ``1h51``, ``1h 51m``, ``1:51``, ``2h``."""
    raw = str(text).strip().casefold()
    minutes: int | None = None
    if clock := _CLOCK.match(raw):
        minutes = int(clock.group(1)) * 60 + int(clock.group(2))
    elif raw and (match := _RUNTIME.match(raw)) and (match.group("h") or match.group("m")):
        minutes = int(match.group("h") or 0) * 60 + int(match.group("m") or 0)
    if minutes is None or not 1 <= minutes <= 100_000:
        raise InvalidInput(
            f"{str(text).strip()!r} is not a runtime", "give minutes, e.g. 111, 111 min or 1h51"
        )
    return minutes


class FactChanges(msgspec.Struct, frozen=True):
    """What ``film set`` was asked to change. Applied in order: clear, remove, add, set."""

    clear: tuple[str, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    add: dict[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
    cast: tuple[CastMember, ...] = ()
    see_also: tuple[str, ...] = ()
    values: dict[str, Any] = msgspec.field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    # A see-also title the journal lacks becomes a new film even when near titles exist.
    create: bool = False

    def is_empty(self) -> bool:
        return not (
            self.clear
            or self.remove
            or any(self.add.values())
            or self.cast
            or self.see_also
            or self.values
            or self.title
            or self.year
        )


def fact_changes(
    *,
    lists: dict[str, Sequence[str] | None],
    cast: Sequence[str] | None = None,
    see_also: Sequence[str] | None = None,
    values: dict[str, Any],
    clear: Sequence[str] | None = None,
    remove: Sequence[str] | None = None,
    title: str | None = None,
    year: int | None = None,
    create: bool = False,
) -> FactChanges:
    """Check and normalise what a user typed; raises InvalidInput before anything changes."""
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name == "runtime":
            checked[name] = parse_runtime(value)
        elif name == "rating":
            checked[name] = parse_rating(value)
        elif name == "imdb":
            checked[name] = parse_imdb(value)
        elif name == "tmdb":
            checked[name] = parse_tmdb(value)
        elif name == "liked":
            checked[name] = bool(value)
        else:
            text = str(value).strip()
            if not text:
                raise InvalidInput(
                    f"--{name.replace('_', '-')} is empty",
                    f"use --clear {name.replace('_', '-')} to remove it",
                )
            checked[name] = text
    new_title = None
    if title is not None:
        new_title = title.strip()
        if not title_key(new_title):
            raise InvalidInput("a title needs at least one letter or digit")
    return FactChanges(
        clear=tuple(dict.fromkeys(film_field(n) for n in clear or ())),
        remove=tuple((film_field(n), v) for n, v in (split_field_value(r) for r in remove or ())),
        add={name: journal.unique(vals or ()) for name, vals in lists.items() if vals},
        cast=tuple(parse_cast(c) for c in cast or ()),
        see_also=journal.unique(see_also or ()),
        values=checked,
        title=new_title,
        year=parse_year(year),
        create=create,
    )


class FactsResult(msgspec.Struct, frozen=True):
    """What ``film set`` did: the film, whether it is new, the fields that changed, the
    films new to the journal as see-alsos, and, for a new film, the titles near it."""

    film: Film
    created: bool
    changed: tuple[str, ...]
    new_films: tuple[Film, ...] = ()
    near: tuple[str, ...] = ()


def set_facts(
    store: Store,
    pick: Pick,
    changes: FactChanges,
    choose: Choose | None = None,
) -> FactsResult:
    """Set a film's facts, creating the film when no film of that title (and year) exists."""
    film, created = journal.find_picked(store, pick, choose)
    stored = store.film(film.id)
    if not created and changes.is_empty() and stored == film:
        raise InvalidInput(
            f"nothing to change for {film.label}", "give an option such as --director; see --help"
        )
    before = film_to_doc(stored or film)
    new_films: list[Film] = []
    for name in changes.clear:
        film = _cleared(film, name)
    for name, value in changes.remove:
        film = _without(store, film, name, value)
    for name, values in changes.add.items():
        film = with_field(film, name, appended(getattr(film, name), values))
    if changes.cast:
        film = replace(film, cast=appended_cast(film.cast, changes.cast))
    for text in changes.see_also:
        other, made = other_film(store, text, choose, create=changes.create)
        if other.id == film.id:
            raise InvalidInput(f"{film.label} cannot be its own see-also")
        if made:
            store.save_film(other)
            new_films.append(other)
        film = replace(film, see_also=appended(film.see_also, (other.id,)))
    film = with_values(film, changes.values)
    film = _renamed(store, film, changes.title, changes.year)
    after = film_to_doc(film)
    changed = tuple(k for k in after if after[k] != before[k] and k != "id")
    if created or changed:
        store.save_film(film)
    near = journal.suggestions(store, pick.text, typos_only=True) if created else []
    near = [n for n in near if n != film.label]
    return FactsResult(film, created, changed, tuple(new_films), tuple(near))


def other_film(
    store: Store, text: str, choose: Choose | None, *, create: bool
) -> tuple[Film, bool]:
    """The film a ``--see-also`` or disc ``--film`` title names, or a new one.

    A title the journal lacks that is near titles it has is most likely a typo: it is
    refused with "did you mean" unless ``create`` says to add it. Returns (film, created).
    """
    film, created = journal.find_or_create_film(store, text, None, choose)
    if created and not create and (near := journal.suggestions(store, text, typos_only=True)):
        shown = text.strip()
        raise FilmNotFound(
            f"no film called {shown!r} in the journal",
            "did you mean " + " or ".join(repr(n) for n in near) + "? "
            f"--new adds {shown!r} as a new film",
            tuple(near),
        )
    return film, created


def _cleared(film: Film, name: str) -> Film:
    if name in FILM_LISTS:
        return with_field(film, name, ())
    if name in ("imdb", "tmdb"):
        return replace(film, ids=with_field(film.ids, name, None))
    if name == "liked":
        return replace(film, liked=False)
    return with_field(film, name, None)


def _without(store: Store, film: Film, name: str, value: str) -> Film:
    if name not in FILM_LISTS:
        raise InvalidInput(
            f"--remove works on lists, and {name.replace('_', '-')} is a single value",
            f"use --clear {name.replace('_', '-')}",
        )
    current = getattr(film, name)
    if name == "cast":
        key = fold(value)
        kept = tuple(c for c in current if key not in (fold(c.name), fold(f"{c.name} as {c.role}")))
    elif name == "see_also":
        kept = tuple(i for i in current if not names_film(store, i, value))
    else:
        kept = tuple(v for v in current if fold(v) != fold(value))
    if len(kept) == len(current):
        listed = _listed(store, film, name)
        raise NotFound(
            f"{film.label} has no {name.replace('_', '-')} {value!r}",
            f"it has: {listed}" if listed else f"its {name.replace('_', '-')} list is empty",
        )
    return with_field(film, name, kept)


def names_film(store: Store, film_id: str, text: str) -> bool:
    if film_id == text.strip():
        return True
    other = store.film(film_id)
    if other is None:
        return False
    title, year = split_title_year(text)
    if year is not None and other.year != year:
        return False
    key = title_key(title)
    return any(title_key(name) == key for name in (other.title, *other.aka))


def _listed(store: Store, film: Film, name: str) -> str:
    values: Iterable[str]
    if name == "cast":
        values = (c.name for c in film.cast)
    elif name == "see_also":
        values = ((f.label if (f := store.film(i)) else i) for i in film.see_also)
    else:
        values = getattr(film, name)
    return ", ".join(values)


def with_values(film: Film, values: dict[str, Any]) -> Film:
    for name, value in values.items():
        if name in ("imdb", "tmdb", "letterboxd"):
            film = replace(film, ids=with_field(film.ids, name, value))
        else:
            film = with_field(film, name, value)
    return film


def _renamed(store: Store, film: Film, title: str | None, year: int | None) -> Film:
    if title is None and year is None:
        return film
    new_title = title or film.title
    new_year = year or film.year
    clash = [f for f in journal.matching_films(store, new_title, new_year) if f.id != film.id]
    clash = [f for f in clash if title_key(f.title) == title_key(new_title) and f.year == new_year]
    if clash:
        raise FilmlogError(
            f"another film is already called {clash[0].label}",
            f"'filmlog film merge' joins {film.label} into it",
        )
    return replace(film, title=new_title, year=new_year)


def with_alias(film: Film, alias: str | None) -> Film:
    """The film with one more title it can be found by (a mislabelled listing's title).

    A ``(year)`` at the end of the alias is dropped: the listing's year is as wrong as its
    title, and aliases find a film whatever its year.
    """
    if alias is None:
        return film
    title, _ = split_title_year(alias)
    if not title_key(title):
        raise InvalidInput("an alias needs at least one letter or digit")
    if title_key(title) == title_key(film.title):
        return film
    return replace(film, aka=appended(film.aka, (title,)))
