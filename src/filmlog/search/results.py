"""What a search finds: a hit type for each group, and :class:`Results`, the groups.

They are plain values, so that the screen (``render/search.py``) draws them and
``--json`` prints them without knowing how they were found.
"""

from __future__ import annotations

from typing import Any

import msgspec

from filmlog.models import Disc, Film, Watch
from filmlog.search.snippets import Snippet, snippet


class FilmHit(msgspec.Struct, frozen=True):
    film: Film
    alias: str | None
    watches: int

    def to_json(self) -> dict[str, Any]:
        return {
            **_film_ref(self.film),
            "matched": "aka" if self.alias else "title",
            "aka": self.alias,
            "watches": self.watches,
            "seen": self.seen,
        }

    @property
    def seen(self) -> bool:
        """Seen: a dated viewing, or the film marked seen without one (an import's)."""
        return self.watches > 0 or self.film.seen


class Credit(msgspec.Struct, frozen=True):
    film: Film
    role: str
    character: str = ""

    def describe(self) -> str:
        """``director``, ``cast as Ben``, ``watched with``."""
        return f"{self.role} as {self.character}" if self.character else self.role

    def to_json(self) -> dict[str, Any]:
        return {**_film_ref(self.film), "role": self.role, "character": self.character or None}


class PersonHit(msgspec.Struct, frozen=True):
    name: str
    credits: tuple[Credit, ...]

    @property
    def films(self) -> int:
        return len({c.film.id for c in self.credits})

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "films": self.films,
            "credits": [c.to_json() for c in self.credits],
        }


class TagHit(msgspec.Struct, frozen=True):
    tag: str
    watches: int
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return _gathered("tag", self.tag, self.watches, self.films)


class PlaceHit(msgspec.Struct, frozen=True):
    """A cinema or service, with the viewings there."""

    place: str
    watches: int
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return _gathered("place", self.place, self.watches, self.films)


class GenreHit(msgspec.Struct, frozen=True):
    genre: str
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "genre": self.genre,
            "count": len(self.films),
            "films": [_film_ref(f) for f in self.films],
        }


class _InText:
    """A match in a text: ``spans`` index into ``text``, the plain text that matched."""

    __slots__ = ()
    spans: tuple[tuple[int, int], ...]
    text: str

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.text, self.spans)

    def _snippet_json(self) -> dict[str, Any]:
        cut = self.snippet
        return {
            "matches": self.matches,
            "snippet": cut.text,
            "highlights": [list(span) for span in cut.spans],
        }


class ReviewHit(msgspec.Struct, _InText, frozen=True):
    watch: Watch
    film: Film
    spans: tuple[tuple[int, int], ...]
    text: str = ""  # the review as plain text; ``spans`` index into it

    def to_json(self) -> dict[str, Any]:
        return {
            "watch": self.watch.id,
            **_film_ref(self.film),
            "film": self.film.id,
            "date": self.watch.date.isoformat() if self.watch.date else None,
            "rating": self.watch.rating,
            **self._snippet_json(),
        }


class NoteHit(msgspec.Struct, _InText, frozen=True):
    """A film whose notes (imports keep reviews without a viewing there), synopsis or
    source (``based_on``) match, as plain text."""

    film: Film
    spans: tuple[tuple[int, int], ...]
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**_film_ref(self.film), **self._snippet_json()}


class DiscHit(msgspec.Struct, _InText, frozen=True):
    """A disc whose notes match: its notes, verdict, pros, cons, extras, edition or label."""

    disc: Disc
    films: tuple[Film, ...]
    field: str
    spans: tuple[tuple[int, int], ...]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "disc": self.disc.id,
            "films": [_film_ref(f) for f in self.films],
            "field": self.field,
            **self._snippet_json(),
        }


def _film_ref(film: Film) -> dict[str, Any]:
    return {"film": film.id, "title": film.title, "year": film.year}


def _gathered(key: str, name: str, watches: int, films: tuple[Film, ...]) -> dict[str, Any]:
    """A tag or a place: its name, how many viewings, and their films."""
    return {key: name, "watches": watches, "films": [_film_ref(f) for f in films]}


GROUPS: tuple[str, ...] = (
    "films",
    "people",
    "tags",
    "places",
    "genres",
    "reviews",
    "notes",
    "synopses",
    "based_on",
    "discs",
)


class Results(msgspec.Struct, frozen=True):
    query: str
    films: list[FilmHit] = msgspec.field(default_factory=list)
    people: list[PersonHit] = msgspec.field(default_factory=list)
    tags: list[TagHit] = msgspec.field(default_factory=list)
    places: list[PlaceHit] = msgspec.field(default_factory=list)
    genres: list[GenreHit] = msgspec.field(default_factory=list)
    reviews: list[ReviewHit] = msgspec.field(default_factory=list)
    notes: list[NoteHit] = msgspec.field(default_factory=list)
    synopses: list[NoteHit] = msgspec.field(default_factory=list)
    based_on: list[NoteHit] = msgspec.field(default_factory=list)
    discs: list[DiscHit] = msgspec.field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in GROUPS)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in GROUPS}

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        """``{"query", "counts": {group: n}, "films", "people", …}``, a list a group.

        ``counts`` are totals; each list holds at most ``limit`` entries.
        """
        doc: dict[str, Any] = {"query": self.query, "counts": self.counts()}
        for name in GROUPS:
            hits: list[Any] = getattr(self, name)
            doc[name] = [hit.to_json() for hit in hits[:limit]]
        return doc
