"""Models to the plain documents the journal stores and back: ``*_to_doc`` and
``*_from_doc`` (strict: it names the field it rejects). Both directions stay in this one
module, so a field is added in one place; the compact form the journal stores (in
``compact.py``) takes its fields and their defaults from the ``*_to_doc`` shapes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from msgspec.structs import fields, replace

from filmlog.errors import InvalidDocument
from filmlog.models.grammar import MEDIA, SCORE_NAMES
from filmlog.models.types import (
    CastMember,
    Disc,
    Film,
    FilmIds,
    FilmList,
    Listed,
    ListEntry,
    Purchase,
    Scores,
    Watch,
    WatchlistItem,
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def film_to_doc(film: Film) -> dict[str, Any]:
    """The stored document of a film (also its JSON shape)."""
    return {
        "id": film.id,
        "title": film.title,
        "year": film.year,
        "aka": list(film.aka),
        "directors": list(film.directors),
        "writers": list(film.writers),
        "cast": [{"name": c.name, "role": c.role} for c in film.cast],
        "composers": list(film.composers),
        "cinematographers": list(film.cinematographers),
        "based_on": film.based_on,
        "genres": list(film.genres),
        "runtime": film.runtime,
        "certificate": film.certificate,
        "countries": list(film.countries),
        "synopsis": film.synopsis,
        "ids": {"imdb": film.ids.imdb, "tmdb": film.ids.tmdb, "letterboxd": film.ids.letterboxd},
        "liked": film.liked,
        "rating": film.rating,
        "seen": film.seen,
        "kind": film.kind,
        "see_also": list(film.see_also),
        "notes": film.notes,
        "seen_given": film.seen_given,
        "rated": _iso(film.rated),
    }


def watch_to_doc(watch: Watch) -> dict[str, Any]:
    """The stored document of a viewing (also its JSON shape)."""
    return {
        "id": watch.id,
        "film": watch.film,
        "date": _iso(watch.date),
        "logged": watch.logged,
        "rating": watch.rating,
        "medium": watch.medium,
        "where": watch.where,
        "with": list(watch.with_),
        "tags": list(watch.tags),
        "rewatch": watch.rewatch,
        "liked": watch.liked,
        "dnf": watch.dnf,
        "spoilers": watch.spoilers,
        "review": watch.review,
        "disc": watch.disc,
        "source": watch.source,
        "rewatch_given": watch.rewatch_given,
        "watchlist": _listed_doc(watch.watchlist),
    }


def _listed_doc(listed: Listed | None) -> dict[str, Any] | None:
    if listed is None:
        return None
    return {"added": listed.added.isoformat(), "note": listed.note}


def disc_to_doc(disc: Disc) -> dict[str, Any]:
    """The stored document of a disc (also its JSON shape)."""
    return {
        "id": disc.id,
        "films": list(disc.films),
        "format": disc.format,
        "edition": disc.edition,
        "label": disc.label,
        "region": disc.region,
        "released": _iso(disc.released),
        "discs": disc.discs,
        "certificate": disc.certificate,
        "packaging": disc.packaging,
        "video": disc.video,
        "audio": disc.audio,
        "scores": {name: getattr(disc.scores, name) for name in SCORE_NAMES},
        "extras": list(disc.extras),
        "pros": list(disc.pros),
        "cons": list(disc.cons),
        "verdict": disc.verdict,
        "notes": disc.notes,
        "purchased": {
            "date": _iso(disc.purchased.date),
            "price": disc.purchased.price,
            "shop": disc.purchased.shop,
        },
    }


def watchlist_to_doc(item: WatchlistItem) -> dict[str, Any]:
    """The stored document of a watchlist entry."""
    return {"film": item.film, "added": item.added.isoformat(), "note": item.note}


def list_to_doc(film_list: FilmList) -> dict[str, Any]:
    """The stored document of a list (also its JSON shape)."""
    return {
        "id": film_list.id,
        "name": film_list.name,
        "description": film_list.description,
        "ranked": film_list.ranked,
        "entries": [
            {"film": e.film, "position": e.position, "note": e.note} for e in film_list.entries
        ],
        "created": _iso(film_list.created),
        "source": film_list.source,
    }


_STRINGS = itertools.repeat(str)


class _Reader:
    """Reads one document strictly, naming what it rejects."""

    __slots__ = ("doc", "what")

    def __init__(self, doc: object, what: str) -> None:
        if not isinstance(doc, Mapping):
            raise InvalidDocument(f"{what} is not an object")
        self.doc: Mapping[str, Any] = doc
        self.what = what

    def fail(self, key: str, expected: str) -> InvalidDocument:
        return InvalidDocument(f"{self.what}: {key!r} should be {expected}")

    def text(self, key: str) -> str:
        value = self.doc.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, "a non-empty string")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.doc.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string or null")
        return value

    def opt_int(self, key: str, doc: Mapping[str, Any] | None = None) -> int | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.fail(key, "a whole number or null")
        return value

    def whole(self, key: str) -> int:
        value = self.opt_int(key)
        if value is None:
            raise self.fail(key, "a whole number")
        return value

    def flag(self, key: str) -> bool:
        value = self.doc.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.doc.get(key)
        if not value:  # most documents leave most lists out
            return ()
        # map() runs isinstance over the list in C
        if not isinstance(value, list) or not all(map(isinstance, value, _STRINGS)):
            raise self.fail(key, "a list of strings")
        return tuple(value)

    def rating(self, key: str, doc: Mapping[str, Any] | None = None) -> float | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0.5 <= value <= 5
            or value * 2 != int(value * 2)
        ):
            raise self.fail(key, "a rating from 0.5 to 5 in half steps, or null")
        return float(value)

    def date(self, key: str, doc: Mapping[str, Any] | None = None) -> dt.date | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(key, "a date YYYY-MM-DD or null") from None

    def records(self, key: str, expected: str) -> list[Any]:
        """A list of nested documents (each read by a reader of its own)."""
        value = self.doc.get(key) or []
        if not isinstance(value, list):
            raise self.fail(key, expected)
        return value

    def sub(self, key: str) -> Mapping[str, Any]:
        value = self.doc.get(key) or {}
        if not isinstance(value, Mapping):
            raise self.fail(key, "an object")
        return value


def film_from_doc(doc: object) -> Film:
    """A Film from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "film")
    r.what = f"film {r.doc.get('id')!r}"
    cast = []
    for entry in r.records("cast", "a list of {name, role}"):
        c = _Reader(entry, f"{r.what} cast entry")
        cast.append(CastMember(c.text("name"), c.opt_text("role") or ""))
    ids = _Reader(r.sub("ids"), f"{r.what} ids")
    return Film(
        id=r.text("id"),
        title=r.text("title"),
        year=r.opt_int("year"),
        aka=r.texts("aka"),
        directors=r.texts("directors"),
        writers=r.texts("writers"),
        cast=tuple(cast),
        composers=r.texts("composers"),
        cinematographers=r.texts("cinematographers"),
        based_on=r.opt_text("based_on"),
        genres=r.texts("genres"),
        runtime=r.opt_int("runtime"),
        certificate=r.opt_text("certificate"),
        countries=r.texts("countries"),
        synopsis=r.opt_text("synopsis"),
        ids=FilmIds(ids.opt_text("imdb"), ids.opt_text("tmdb"), ids.opt_text("letterboxd")),
        liked=r.flag("liked"),
        rating=r.rating("rating"),
        seen=r.flag("seen"),
        kind=r.opt_text("kind") or "film",
        see_also=r.texts("see_also"),
        notes=r.opt_text("notes"),
        seen_given=r.flag("seen_given"),
        rated=r.date("rated"),
    )


def watch_from_doc(doc: object) -> Watch:
    """A Watch from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "viewing")
    r.what = f"viewing {r.doc.get('id')!r}"
    if "date" not in r.doc:
        raise r.fail("date", "a date YYYY-MM-DD, or null for an undated review")
    day = r.date("date")
    medium = r.opt_text("medium")
    if medium is not None and medium not in MEDIA:
        raise r.fail("medium", "one of " + ", ".join(MEDIA))
    return Watch(
        id=r.whole("id"),
        film=r.text("film"),
        date=day,
        logged=r.opt_text("logged") or "",
        rating=r.rating("rating"),
        medium=medium,
        where=r.opt_text("where"),
        with_=r.texts("with"),
        tags=r.texts("tags"),
        rewatch=r.flag("rewatch"),
        liked=r.flag("liked"),
        dnf=r.flag("dnf"),
        spoilers=r.flag("spoilers"),
        review=r.opt_text("review"),
        disc=r.opt_int("disc"),
        source=r.opt_text("source"),
        rewatch_given=r.flag("rewatch_given"),
        watchlist=_listed(r) if r.doc.get("watchlist") is not None else None,
    )


def _listed(r: _Reader) -> Listed:
    entry = _Reader(r.sub("watchlist"), f"{r.what} watchlist")
    added = entry.date("added")
    if added is None:
        raise entry.fail("added", "a date YYYY-MM-DD")
    return Listed(added, entry.opt_text("note"))


def disc_from_doc(doc: object) -> Disc:
    """A Disc from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "disc")
    r.what = f"disc {r.doc.get('id')!r}"
    scores = r.sub("scores")
    bought = r.sub("purchased")
    return Disc(
        id=r.whole("id"),
        films=r.texts("films"),
        format=r.opt_text("format"),
        edition=r.opt_text("edition"),
        label=r.opt_text("label"),
        region=r.opt_text("region"),
        released=r.date("released"),
        discs=r.opt_int("discs"),
        certificate=r.opt_text("certificate"),
        packaging=r.opt_text("packaging"),
        video=r.opt_text("video"),
        audio=r.opt_text("audio"),
        scores=Scores(**{name: r.rating(name, scores) for name in SCORE_NAMES}),
        extras=r.texts("extras"),
        pros=r.texts("pros"),
        cons=r.texts("cons"),
        verdict=r.opt_text("verdict"),
        notes=r.opt_text("notes"),
        purchased=Purchase(
            date=r.date("date", bought),
            price=_Reader(bought, f"{r.what} purchased").opt_text("price"),
            shop=_Reader(bought, f"{r.what} purchased").opt_text("shop"),
        ),
    )


def watchlist_from_doc(doc: object) -> WatchlistItem:
    """A WatchlistItem from its stored document."""
    r = _Reader(doc, "watchlist entry")
    added = r.date("added")
    if added is None:
        raise r.fail("added", "a date YYYY-MM-DD")
    return WatchlistItem(film=r.text("film"), added=added, note=r.opt_text("note"))


def list_from_doc(doc: object) -> FilmList:
    """A FilmList from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "list")
    r.what = f"list {r.doc.get('id')!r}"
    entries = []
    for n, entry in enumerate(r.records("entries", "a list of {film, position, note}"), 1):
        e = _Reader(entry, f"{r.what} entry {n}")
        position = e.whole("position")
        if position < 1:
            raise e.fail("position", "a whole number from 1")
        entries.append(ListEntry(e.text("film"), position, e.opt_text("note")))
    return FilmList(
        id=r.text("id"),
        name=r.text("name"),
        description=r.opt_text("description"),
        ranked=r.flag("ranked"),
        entries=tuple(sorted(entries, key=lambda e: e.position)),
        created=r.date("created"),
        source=r.opt_text("source"),
    )


def merge_unique(existing: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    """Existing values then new ones, each once, in order."""
    seen: dict[str, None] = dict.fromkeys(existing)
    for value in new:
        seen.setdefault(value, None)
    return tuple(seen)


def changed(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen model with some fields replaced (None-valued changes skipped)."""
    return replace(obj, **{k: v for k, v in changes.items() if v is not None})


def field_names(model: type) -> tuple[str, ...]:
    """The field names of a model class."""
    return tuple(f.name for f in fields(model))
