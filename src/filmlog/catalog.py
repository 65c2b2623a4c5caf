"""Use cases for what a collector keeps beside the diary: film facts, disc editions, the watchlist.

Takes a Store and models; knows nothing of terminals. Titles are looked up with
``journal.find_or_create_film`` / ``journal.resolve_title``, so aliases, ``Title (1995)``
and ``--year`` work here exactly as they do for ``add`` and ``show``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from filmlog import journal
from filmlog import lists as film_lists
from filmlog.errors import (
    AmbiguousTitle,
    DiscNotFound,
    FilmlogError,
    FilmNotFound,
    InvalidInput,
    NotFound,
)
from filmlog.journal import Choose, Pick
from filmlog.models import (
    CastMember,
    Disc,
    Film,
    WatchlistItem,
    film_to_doc,
    fold,
    parse_cast,
    parse_rating,
    parse_year,
    split_title_year,
    title_key,
)
from filmlog.store import Store

_Model = TypeVar("_Model")


def _set(obj: _Model, name: str, value: Any) -> _Model:
    """A copy of a frozen model with the field ``name`` set."""
    changes: dict[str, Any] = {name: value}
    return replace(obj, **changes)  # type: ignore[type-var]


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


def split_field_value(text: str, what: str = "--remove") -> tuple[str, str]:
    """``"genre=Comedy"`` -> ("genre", "Comedy")."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InvalidInput(f"{what} {text!r} needs FIELD=VALUE", f'e.g. {what} "genre=Comedy"')
    return name.strip(), value.strip()


# ASCII digits only: \d and str.isdigit also take other scripts' digits and superscripts.
_IMDB = re.compile(r"(?:^|/)(tt\d{7,})(?:[/?#].*)?$", re.ASCII)
_TMDB = re.compile(
    r"^(?:https?://)?(?:www\.)?themoviedb\.org/(?:movie|tv)/(\d+)(?:-[^/?#]*)?(?:[/?#].*)?$",
    re.ASCII,
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


@dataclass(frozen=True, slots=True)
class FactChanges:
    """What ``film set`` was asked to change. Applied in order: clear, remove, add, set."""

    clear: tuple[str, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    add: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cast: tuple[CastMember, ...] = ()
    see_also: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
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


@dataclass(frozen=True, slots=True)
class FactsResult:
    film: Film
    created: bool
    changed: tuple[str, ...]
    new_films: tuple[Film, ...] = ()


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
        film = _set(film, name, _append(getattr(film, name), values))
    if changes.cast:
        film = replace(film, cast=_append_cast(film.cast, changes.cast))
    for text in changes.see_also:
        other, made = other_film(store, text, choose, create=changes.create)
        if other.id == film.id:
            raise InvalidInput(f"{film.label} cannot be its own see-also")
        if made:
            store.save_film(other)
            new_films.append(other)
        film = replace(film, see_also=_append(film.see_also, (other.id,)))
    film = _with_values(film, changes.values)
    film = _renamed(store, film, changes.title, changes.year)
    after = film_to_doc(film)
    changed = tuple(k for k in after if after[k] != before[k] and k != "id")
    if created or changed:
        store.save_film(film)
    return FactsResult(film, created, changed, tuple(new_films))


def other_film(
    store: Store, text: str, choose: Choose | None, *, create: bool
) -> tuple[Film, bool]:
    """The film a ``--see-also`` or disc ``--film`` title names, or a new one.

    A title the journal lacks that is near titles it has is most likely a typo: it is
    refused with "did you mean" unless ``create`` says to add it. Returns (film, created).
    """
    film, created = journal.find_or_create_film(store, text, None, choose)
    if created and not create and (near := journal.suggestions(store, text)):
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
        return _set(film, name, ())
    if name in ("imdb", "tmdb"):
        return replace(film, ids=_set(film.ids, name, None))
    if name == "liked":
        return replace(film, liked=False)
    return _set(film, name, None)


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
        kept = tuple(i for i in current if not _names_film(store, i, value))
    else:
        kept = tuple(v for v in current if fold(v) != fold(value))
    if len(kept) == len(current):
        listed = _listed(store, film, name)
        raise NotFound(
            f"{film.label} has no {name.replace('_', '-')} {value!r}",
            f"it has: {listed}" if listed else f"its {name.replace('_', '-')} list is empty",
        )
    return _set(film, name, kept)


def _names_film(store: Store, film_id: str, text: str) -> bool:
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


def _append(existing: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """Existing values then new ones; a value already there (in any case) is not repeated."""
    out = list(existing)
    keys = {fold(v) for v in existing}
    for value in new:
        if fold(value) not in keys:
            keys.add(fold(value))
            out.append(value)
    return tuple(out)


def _append_cast(
    existing: Sequence[CastMember], new: Iterable[CastMember]
) -> tuple[CastMember, ...]:
    out = list(existing)
    keys = {(fold(c.name), fold(c.role)) for c in existing}
    for member in new:
        key = (fold(member.name), fold(member.role))
        if key in keys:
            continue
        if member.role:
            # A role given later completes the same actor listed without one.
            bare = next((i for i, c in enumerate(out) if c == CastMember(member.name)), None)
            if bare is not None:
                keys.discard((fold(member.name), ""))
                out[bare] = member
                keys.add(key)
                continue
        keys.add(key)
        out.append(member)
    return tuple(out)


def _with_values(film: Film, values: dict[str, Any]) -> Film:
    for name, value in values.items():
        if name in ("imdb", "tmdb", "letterboxd"):
            film = replace(film, ids=_set(film.ids, name, value))
        else:
            film = _set(film, name, value)
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
    return replace(film, aka=_append(film.aka, (title,)))


# --------------------------------------------------------------------------- merging films


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """A fact both films of a merge hold, with different values."""

    name: str
    kept: Any  # the value of the film merged into
    other: Any  # the value of the film folded away


@dataclass(frozen=True, slots=True)
class MergeResult:
    film: Film
    gone: Film
    watches: int
    discs: int
    rewatches: int = 0
    # Values of the folded film that the merged one does not hold (the user chose none
    # of them).
    not_kept: tuple[MergeConflict, ...] = ()


# Facts with one value: filled when the film merged into has none; when both films hold
# different ones, one is kept (the target's unless the user picks the other).
MERGE_VALUES: tuple[str, ...] = (
    "year",
    "runtime",
    "certificate",
    "based_on",
    "kind",
    "rating",
    "imdb",
    "tmdb",
    "letterboxd",
)
_MERGE_LISTS = ("directors", "writers", "composers", "cinematographers", "genres", "countries")
_MERGE_TEXTS = ("synopsis", "notes")


def merge_conflicts(source: Film, target: Film) -> list[MergeConflict]:
    """The facts ``source`` and ``target`` both hold with different values."""
    out = []
    for name in MERGE_VALUES:
        kept, other = _fact(target, name), _fact(source, name)
        if kept not in (None, "") and other not in (None, "") and kept != other:
            out.append(MergeConflict(name, kept, other))
    return out


def _fact(film: Film, name: str) -> Any:
    return (
        getattr(film.ids, name) if name in ("imdb", "tmdb", "letterboxd") else getattr(film, name)
    )


def merge_films(store: Store, source: Film, target: Film, take: Sequence[str] = ()) -> MergeResult:
    """Fold ``source`` (a wrong or duplicate film) into ``target``.

    Its viewings, discs, watchlist entry and see-also links move over; its title and
    aliases become aliases of ``target``; its lists join ``target``'s, its notes and
    synopsis are added to ``target``'s, and its other facts fill the ones ``target``
    lacks. Where both hold a different value, ``target``'s stays unless the fact is
    named in ``take``; the values left out are in the result's ``not_kept``. ``source``
    is deleted and its id never given out again. Every viewing lands on the merged film,
    so all but its first become rewatches.
    """
    if source.id == target.id:
        raise InvalidInput(f"{source.label} and {target.label} are the same film")
    merged = _merged_facts(source, target, take)
    store.save_film(merged)
    moved = [replace(w, film=target.id) for w in store.watches([source.id])]
    store.save_watches(moved)
    discs = store.discs(source.id)
    for disc in discs:
        films = tuple(dict.fromkeys(target.id if f == source.id else f for f in disc.films))
        store.save_disc(replace(disc, films=films))
    for other in store.films():
        if source.id in other.see_also and other.id != target.id:
            links = tuple(dict.fromkeys(target.id if i == source.id else i for i in other.see_also))
            store.save_film(replace(other, see_also=tuple(i for i in links if i != other.id)))
    listed = {i.film: i for i in store.watchlist()}
    if source.id in listed:
        store.remove_from_watchlist(source.id)
        if target.id not in listed and not moved:
            store.save_watchlist_items([replace(listed[source.id], film=target.id)])
    if moved:
        store.remove_from_watchlist(target.id)
    film_lists.move_film(store, source.id, target.id)
    store.remove_film(source.id)
    marked = [w for w in journal.settle(store, [target.id]) if w.rewatch]
    left_out = tuple(c for c in merge_conflicts(source, target) if c.name not in take)
    return MergeResult(merged, source, len(moved), len(discs), len(marked), left_out)


def _merged_facts(source: Film, target: Film, take: Sequence[str]) -> Film:
    merged = target
    aka = _append(target.aka, (source.title, *source.aka))
    merged = replace(merged, aka=tuple(a for a in aka if title_key(a) != title_key(target.title)))
    for name in _MERGE_LISTS:
        merged = _set(merged, name, _append(getattr(merged, name), getattr(source, name)))
    merged = replace(merged, cast=_append_cast(merged.cast, source.cast))
    for name in _MERGE_TEXTS:
        mine, theirs = getattr(merged, name), getattr(source, name)
        if theirs and mine and theirs.strip() != mine.strip():
            merged = _set(merged, name, f"{mine}\n\n{theirs}")
        elif theirs and not mine:
            merged = _set(merged, name, theirs)
    values = {}
    for name in MERGE_VALUES:
        mine, theirs = _fact(merged, name), _fact(source, name)
        if theirs not in (None, "") and (mine in (None, "") or name in take):
            values[name] = theirs
    merged = _with_values(merged, values)
    see_also = _append(target.see_also, source.see_also)
    return replace(
        merged,
        see_also=tuple(i for i in see_also if i not in (source.id, target.id)),
        liked=target.liked or source.liked,
        seen=target.seen or source.seen,
        seen_given=target.seen_given or source.seen_given,
    )


# --------------------------------------------------------------------------- deleting films


@dataclass(frozen=True, slots=True)
class FilmRemoval:
    """What deleting a film takes with it."""

    film: Film
    watches: int = 0
    discs: int = 0  # deleted: they held only this film
    shared_discs: int = 0  # kept: they hold other films too, and no longer this one
    watchlist: bool = False
    see_also: int = 0  # films whose see-also named it


def removal_plan(store: Store, film: Film, with_watches: bool, with_discs: bool) -> FilmRemoval:
    """What deleting ``film`` would take; refused while viewings or discs point to it and
    the matching ``with_`` flag is not given."""
    watches = len(store.watches([film.id]))
    discs = store.discs(film.id)
    only = sum(1 for d in discs if set(d.films) <= {film.id})
    refused = []
    if watches and not with_watches:
        refused.append((f"{watches} viewing{'s' if watches != 1 else ''}", "--with-viewings"))
    if discs and not with_discs:
        refused.append((f"{len(discs)} disc{'s' if len(discs) != 1 else ''}", "--with-discs"))
    if refused:
        raise FilmlogError(
            f"{film.label} has {' and '.join(what for what, _ in refused)}; nothing deleted",
            " and ".join(flag for _, flag in refused) + " to delete them with the film",
        )
    return FilmRemoval(
        film,
        watches=watches,
        discs=only,
        shared_discs=len(discs) - only,
        watchlist=store.on_watchlist(film.id),
        see_also=sum(1 for f in store.films() if film.id in f.see_also and f.id != film.id),
    )


def remove_film(store: Store, film: Film, with_watches: bool, with_discs: bool) -> FilmRemoval:
    """Delete a film, and (when told) its viewings and discs: a disc holding other films
    too keeps them and drops this one. It leaves the watchlist and other films'
    see-also; viewings linked to a disc deleted forget it. Its id is retired."""
    plan = removal_plan(store, film, with_watches, with_discs)
    for watch in store.watches([film.id]):
        store.remove_watch(watch.id)
    for disc in store.discs(film.id):
        if set(disc.films) <= {film.id}:
            remove_disc(store, disc.id)
        else:
            store.save_disc(replace(disc, films=tuple(f for f in disc.films if f != film.id)))
    store.remove_from_watchlist(film.id)
    film_lists.drop_film(store, film.id)
    linked = [f for f in store.films() if film.id in f.see_also and f.id != film.id]
    store.save_films(
        replace(f, see_also=tuple(i for i in f.see_also if i != film.id)) for f in linked
    )
    store.remove_film(film.id)
    return plan


# --------------------------------------------------------------------------- discs

DISC_LISTS: tuple[str, ...] = ("extras", "pros", "cons")
PURCHASE_FIELDS: tuple[str, ...] = ("bought", "price", "shop")
# What users may type after --clear / --remove (option names, singular or plural) and the
# field each names. Scores are "<name>-score"; "audio" alone is the audio spec's JSON name
# but also the audio score's option, so it is refused as ambiguous (as is "extras").
_DISC_FIELD_NAMES: dict[str, str] = {
    "format": "format",
    "edition": "edition",
    "label": "label",
    "distributor": "label",
    "region": "region",
    "released": "released",
    "discs": "discs",
    "certificate": "certificate",
    "packaging": "packaging",
    "video": "video",
    "audiospec": "audio",
    "filmscore": "film-score",
    "picture": "picture-score",
    "picturescore": "picture-score",
    "audioscore": "audio-score",
    "extrasscore": "extras-score",
    "extra": "extras",
    "extralist": "extras",
    "pro": "pros",
    "pros": "pros",
    "con": "cons",
    "cons": "cons",
    "verdict": "verdict",
    "note": "notes",
    "notes": "notes",
    "bought": "bought",
    "purchased": "bought",
    "price": "price",
    "shop": "shop",
    "film": "films",
    "films": "films",
}
_AMBIGUOUS_DISC_FIELDS = {
    "audio": "audio-spec (the text) or audio-score",
    "extras": "extra (the list) or extras-score",
}
DISC_FIELDS: tuple[str, ...] = (
    "format",
    "edition",
    "label",
    "region",
    "released",
    "discs",
    "certificate",
    "packaging",
    "video",
    "audio-spec",
    "film-score",
    "picture-score",
    "audio-score",
    "extras-score",
    "extra",
    "pros",
    "cons",
    "verdict",
    "notes",
    "bought",
    "price",
    "shop",
)

_FORMATS = {
    "bluray": "Blu-ray",
    "bd": "Blu-ray",
    "uhd": "4K UHD",
    "4k": "4K UHD",
    "4kuhd": "4K UHD",
    "uhdbluray": "4K UHD",
    "uhdbd": "4K UHD",
    "4kuhdbluray": "4K UHD",
    "4kbluray": "4K UHD",
    "dvd": "DVD",
    "hddvd": "HD DVD",
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "ld": "LaserDisc",
    "vcd": "VCD",
}


def disc_format(text: str) -> str:
    """The usual spelling of a disc format (``bluray`` -> ``Blu-ray``); others as typed."""
    raw = text.strip()
    return _FORMATS.get(re.sub(r"[\s_-]+", "", raw.casefold()), raw)


def disc_field(name: str, *, listing: bool = False) -> str:
    """The disc field a user names after --clear (or, with ``listing``, --remove)."""
    key = re.sub(r"[\s_-]+", "", name.strip().lstrip("-").casefold())
    if listing and key == "extras":
        return "extras"
    if key in _DISC_FIELD_NAMES:
        return _DISC_FIELD_NAMES[key]
    if key in _AMBIGUOUS_DISC_FIELDS:
        raise InvalidInput(
            f"{name.strip()!r} could mean two fields", "use " + _AMBIGUOUS_DISC_FIELDS[key]
        )
    raise InvalidInput(
        f"{name.strip()!r} is not a disc field", "use one of " + ", ".join(DISC_FIELDS)
    )


@dataclass(frozen=True, slots=True)
class DiscChanges:
    """What ``disc add`` / ``disc edit`` was asked to change. Order: clear, remove, add, set."""

    values: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    purchase: dict[str, Any] = field(default_factory=dict)
    add: dict[str, tuple[str, ...]] = field(default_factory=dict)
    films: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    # A --film title the journal lacks becomes a new film even when near titles exist.
    create: bool = False

    def is_empty(self) -> bool:
        return not (
            self.values
            or self.scores
            or self.purchase
            or any(self.add.values())
            or self.films
            or self.clear
            or self.remove
        )


def disc_changes(
    *,
    values: dict[str, Any],
    scores: dict[str, str | None],
    purchase: dict[str, Any],
    lists: dict[str, Sequence[str] | None],
    films: Sequence[str] | None = None,
    clear: Sequence[str] | None = None,
    remove: Sequence[str] | None = None,
    create: bool = False,
) -> DiscChanges:
    """Check and normalise what a user typed about a disc; nothing changes on bad input."""
    from filmlog.models import parse_date, parse_score

    checked: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name == "released":
            checked[name] = parse_date(str(value), allow_future=True)
        elif name == "discs":
            if not isinstance(value, int) or value < 1:
                raise InvalidInput(f"{value!r} is not a number of discs", "use 1 or more")
            checked[name] = value
        else:
            text = str(value).strip()
            if not text:
                raise InvalidInput(f"the {name} is empty", f"use --clear {name} to remove it")
            checked[name] = disc_format(text) if name == "format" else text
    bought: dict[str, Any] = {}
    for name, value in purchase.items():
        if value is None:
            continue
        if name == "date":
            bought[name] = parse_date(str(value), what="purchase")
        elif str(value).strip():
            bought[name] = str(value).strip()
    cleared = tuple(dict.fromkeys(disc_field(n) for n in clear or ()))
    removed = tuple(
        (disc_field(n, listing=True), v) for n, v in (split_field_value(r) for r in remove or ())
    )
    for name, _ in removed:
        if name not in (*DISC_LISTS, "films"):
            raise InvalidInput(
                f"--remove works on lists (extra, pro, con, film), and {name} is a single value",
                f"use --clear {name}",
            )
    if "films" in cleared:
        raise InvalidInput(
            "a disc always holds at least one film", 'use --remove "film=TITLE" for one of them'
        )
    return DiscChanges(
        values=checked,
        scores={n: parse_score(v) for n, v in scores.items() if v is not None},
        purchase=bought,
        add={n: journal.unique(v or ()) for n, v in lists.items() if v},
        films=journal.unique(films or ()),
        clear=cleared,
        remove=removed,
        create=create,
    )


@dataclass(frozen=True, slots=True)
class DiscResult:
    disc: Disc
    films: tuple[Film, ...]
    new_films: tuple[Film, ...] = ()
    changed: tuple[str, ...] = ()


def get_disc(store: Store, disc_id: int) -> Disc:
    """The disc with this id, or DiscNotFound."""
    disc = store.disc(disc_id)
    if disc is None:
        raise DiscNotFound(f"no disc #{disc_id}", "'filmlog disc list' shows your discs")
    return disc


def add_disc(
    store: Store,
    pick: Pick,
    changes: DiscChanges,
    choose: Choose | None = None,
) -> DiscResult:
    """Record an edition of a film (creating the film if the journal lacks it)."""
    film, created = journal.find_picked(store, pick, choose)
    if created:
        store.save_film(film)
    new_films = [film] if created else []
    disc = _apply_disc(store, Disc(id=0, films=(film.id,)), changes, choose, new_films)
    disc = store.add_disc(disc)
    return DiscResult(disc, disc_films(store, disc), tuple(new_films))


def edit_disc(
    store: Store, disc_id: int, changes: DiscChanges, choose: Choose | None = None
) -> DiscResult:
    """Change a disc; only what ``changes`` names changes."""
    if changes.is_empty():
        raise InvalidInput("nothing to change", "give an option such as --verdict; see --help")
    before = get_disc(store, disc_id)
    new_films: list[Film] = []
    disc = _apply_disc(store, before, changes, choose, new_films)
    from filmlog.models import disc_to_doc

    old, new = disc_to_doc(before), disc_to_doc(disc)
    changed = tuple(k for k in new if new[k] != old[k])
    if changed:
        store.save_disc(disc)
    return DiscResult(disc, disc_films(store, disc), tuple(new_films), changed)


def _apply_disc(
    store: Store, disc: Disc, changes: DiscChanges, choose: Choose | None, new_films: list[Film]
) -> Disc:
    for name in changes.clear:
        disc = _disc_cleared(disc, name)
    for name, value in changes.remove:
        disc = _disc_without(store, disc, name, value)
    for name, values in changes.add.items():
        disc = _set(disc, name, _append(getattr(disc, name), values))
    for text in changes.films:
        film, created = other_film(store, text, choose, create=changes.create)
        if created:
            store.save_film(film)
            new_films.append(film)
        if film.id not in disc.films:
            disc = replace(disc, films=(*disc.films, film.id))
    disc = replace(disc, **changes.values)
    if changes.scores:
        disc = replace(disc, scores=replace(disc.scores, **changes.scores))
    if changes.purchase:
        disc = replace(disc, purchased=replace(disc.purchased, **changes.purchase))
    return disc


def _disc_cleared(disc: Disc, name: str) -> Disc:
    if name.endswith("-score"):
        return replace(disc, scores=_set(disc.scores, name.removesuffix("-score"), None))
    if name in PURCHASE_FIELDS:
        key = "date" if name == "bought" else name
        return replace(disc, purchased=_set(disc.purchased, key, None))
    if name in DISC_LISTS:
        return _set(disc, name, ())
    return _set(disc, name, None)


def _disc_without(store: Store, disc: Disc, name: str, value: str) -> Disc:
    if name == "films":
        kept = tuple(i for i in disc.films if not _names_film(store, i, value))
        if len(kept) == len(disc.films):
            labels = ", ".join(f.label for f in disc_films(store, disc))
            raise NotFound(f"disc #{disc.id} does not hold {value!r}", f"it holds: {labels}")
        if not kept:
            raise InvalidInput(
                "a disc always holds at least one film",
                "add the right one with --film first, or use 'filmlog disc rm'",
            )
        return replace(disc, films=kept)
    current: tuple[str, ...] = getattr(disc, name)
    kept = tuple(v for v in current if fold(v) != fold(value))
    if len(kept) == len(current):
        raise NotFound(
            f"disc #{disc.id} has no {name} entry {value!r}",
            f"it has: {'; '.join(current)}" if current else f"its {name} list is empty",
        )
    return _set(disc, name, kept)


def disc_films(store: Store, disc: Disc) -> tuple[Film, ...]:
    """The films on a disc, in the disc's order (an id with no film stands for itself)."""
    return tuple(store.film(i) or Film(id=i, title=i) for i in disc.films)


def disc_rows(store: Store, film: Film | None = None) -> list[tuple[Disc, tuple[Film, ...]]]:
    """Every disc (or those holding one film) with its films, by id."""
    return [(d, disc_films(store, d)) for d in store.discs(film.id if film else None)]


def remove_disc(store: Store, disc_id: int) -> tuple[Disc, int]:
    """Delete a disc; viewings watched from it forget it. Returns (disc, viewings changed)."""
    disc = get_disc(store, disc_id)
    linked = [replace(w, disc=None) for w in store.watches() if w.disc == disc_id]
    store.save_watches(linked)
    store.remove_disc(disc_id)
    return disc, len(linked)


# --------------------------------------------------------------------------- watchlist


@dataclass(frozen=True, slots=True)
class WatchlistRow:
    item: WatchlistItem
    film: Film

    def to_json(self) -> dict[str, Any]:
        return {
            "film": self.film.id,
            "title": self.film.title,
            "year": self.film.year,
            "added": self.item.added.isoformat(),
            "note": self.item.note,
        }


def add_to_watchlist(
    store: Store,
    pick: Pick,
    note: str | None,
    choose: Choose | None = None,
    today: dt.date | None = None,
) -> tuple[WatchlistRow, bool, bool]:
    """Put a film on the watchlist (creating the film if new).

    Returns (row, film created, was already on the list). A film already on the list
    keeps its date; a new note replaces the old one.
    """
    film, created = journal.find_picked(store, pick, choose)
    if created or store.film(film.id) != film:
        store.save_film(film)
    current = next((i for i in store.watchlist() if i.film == film.id), None)
    note = note.strip() if note and note.strip() else None
    if current is not None:
        item = replace(current, note=note) if note is not None else current
    else:
        item = WatchlistItem(film=film.id, added=today or dt.date.today(), note=note)
    if item != current:
        store.save_watchlist_items([item])
    return WatchlistRow(item, film), created, current is not None


def watchlist_rows(store: Store) -> list[WatchlistRow]:
    """The watchlist, oldest addition first, with each entry's film."""
    return [
        WatchlistRow(i, store.film(i.film) or Film(id=i.film, title=i.film))
        for i in store.watchlist()
    ]


def remove_from_watchlist(
    store: Store, title: str, year: int | None, choose: Choose | None = None
) -> Film:
    """Take a film off the watchlist; NotFound when it is not on it.

    Among films of the same title, only those on the watchlist are candidates.
    """
    films = journal.matching_films(store, title, year)
    listed = [f for f in films if store.on_watchlist(f.id)]
    if not listed:
        film = journal.resolve_title(store, title, year, choose)
        raise NotFound(
            f"{film.label} is not on your watchlist", "'filmlog watchlist list' shows it"
        )
    if len(listed) == 1:
        film = listed[0]
    elif choose is not None:
        film = choose(listed)
    else:
        raise AmbiguousTitle(
            f"{title.strip()!r} matches {len(listed)} films on your watchlist: "
            + ", ".join(f.label for f in listed),
            tuple(listed),
            "add --year to pick one",
        )
    store.remove_from_watchlist(film.id)
    return film
