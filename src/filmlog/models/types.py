"""The data model: films, viewings, discs, the watchlist and lists, as frozen msgspec structs."""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from filmlog.models.text import slugify

# --------------------------------------------------------------------------- models


class CastMember(msgspec.Struct, frozen=True):
    name: str
    role: str = ""


class FilmIds(msgspec.Struct, frozen=True):
    imdb: str | None = None
    tmdb: str | None = None
    letterboxd: str | None = None


_NO_IDS = FilmIds()


class Film(msgspec.Struct, frozen=True):
    id: str
    title: str
    year: int | None = None
    aka: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[CastMember, ...] = ()
    composers: tuple[str, ...] = ()
    cinematographers: tuple[str, ...] = ()
    based_on: str | None = None
    genres: tuple[str, ...] = ()
    runtime: int | None = None
    certificate: str | None = None
    countries: tuple[str, ...] = ()
    synopsis: str | None = None
    ids: FilmIds = _NO_IDS
    liked: bool = False
    rating: float | None = None
    seen: bool = False
    kind: str = "film"
    see_also: tuple[str, ...] = ()
    notes: str | None = None
    # Seen before, or outside, the journal's viewings (an import's watched list or rating):
    # ``seen`` stays true without a viewing, and the first viewing logged is a rewatch.
    seen_given: bool = False
    rated: dt.date | None = None  # the day the rating was given (IMDb's Date Rated)

    @property
    def label(self) -> str:
        """Title with its year: ``Heat (1995)``."""
        return f"{self.title} ({self.year})" if self.year else self.title


class Listed(msgspec.Struct, frozen=True):
    """When a film was put on the watchlist, and why: kept on the viewing that took it off."""

    added: dt.date
    note: str | None = None


# Letterboxd has no did-not-finish field: a DNF viewing goes out with this tag, and a
# viewing read back with it is DNF again.
DNF_TAG = "dnf"


class Watch(msgspec.Struct, frozen=True):
    id: int
    film: str
    date: dt.date | None  # None: a review written without a dated viewing
    logged: str = ""
    rating: float | None = None
    medium: str | None = None
    where: str | None = None
    with_: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rewatch: bool = False
    liked: bool = False
    dnf: bool = False
    spoilers: bool = False
    review: str | None = None
    disc: int | None = None
    source: str | None = None
    # ``rewatch`` is the user's word (--rewatch/--first, an export's Rewatch), not derived.
    rewatch_given: bool = False
    # The watchlist entry logging this viewing took off (put back if it is deleted).
    watchlist: Listed | None = None


class Scores(msgspec.Struct, frozen=True):
    film: float | None = None
    picture: float | None = None
    audio: float | None = None
    extras: float | None = None


class Purchase(msgspec.Struct, frozen=True):
    date: dt.date | None = None
    price: str | None = None
    shop: str | None = None


_NO_SCORES = Scores()
_NOT_BOUGHT = Purchase()


class Disc(msgspec.Struct, frozen=True):
    id: int
    films: tuple[str, ...] = ()
    format: str | None = None
    edition: str | None = None
    label: str | None = None
    region: str | None = None
    released: dt.date | None = None
    discs: int | None = None
    certificate: str | None = None
    packaging: str | None = None
    video: str | None = None
    audio: str | None = None
    scores: Scores = _NO_SCORES
    extras: tuple[str, ...] = ()
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    verdict: str | None = None
    notes: str | None = None
    purchased: Purchase = _NOT_BOUGHT


class WatchlistItem(msgspec.Struct, frozen=True):
    film: str
    added: dt.date
    note: str | None = None


class ListEntry(msgspec.Struct, frozen=True):
    film: str
    position: int
    note: str | None = None


class FilmList(msgspec.Struct, frozen=True):
    """A named collection of films, ranked or not, each entry with an optional note."""

    id: str
    name: str
    description: str | None = None
    ranked: bool = False
    entries: tuple[ListEntry, ...] = ()
    created: dt.date | None = None
    source: str | None = None

    @property
    def films(self) -> tuple[str, ...]:
        """The film ids, in the list's order."""
        return tuple(e.film for e in self.entries)


def list_slug(name: str) -> str:
    """A list id: the slug of its name (``Top 10 of 2024`` -> ``top-10-of-2024``)."""
    return slugify(name, None) if re.search(r"[^\W_]", name) else "list"


def watch_order(watch: Watch) -> tuple[dt.date, int]:
    """How viewings are ordered, oldest first: by day, then id; undated reviews first."""
    return (watch.date or dt.date.min, watch.id)
