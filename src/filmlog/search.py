"""Search the journal: titles and aliases, people, tags, reviews and film notes.

Pure: models in, a ``Results`` value out. Matching ignores case, accents and punctuation
(``atraco`` finds ``¡Atraco!``) and starts at a word: ``heat`` finds "Heat" and "The Heat
Is On", not "Theatre". A query of several words matches them as a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from filmlog.errors import InvalidInput
from filmlog.models import Film, Watch, fold, watch_order

SNIPPET_CONTEXT = 60


# --------------------------------------------------------------------------- matching


def fold_char(char: str) -> str:
    """One character folded as ``models.fold`` folds it, with a space for punctuation.

    Folding works character by character (decomposition, dropping marks and case folding
    all do), so joining these and collapsing the spaces gives ``fold(text)``.
    """
    if char == "&":
        return " and "
    decomposed = unicodedata.normalize("NFKD", char)
    kept = (c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return "".join(kept).casefold()


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character, filled in as characters appear.

    Characters that fold to other than exactly one character (``ß``, ``&``, a lone
    accent) are noted in ``uneven``: only texts holding one need their offsets mapped.
    """

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLD = _FoldTable()


def spread_fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded without collapsing spaces, and where each character came from.

    Collapsing the runs of spaces gives ``fold(text)``. The origins are None when the
    folded text lines up with ``text`` character for character, as it nearly always does.
    """
    spread = text.translate(_FOLD)
    if _FOLD.uneven.isdisjoint(text):
        return spread, None
    return spread, [index for index, char in enumerate(text) for _ in _FOLD[ord(char)]]


@dataclass(frozen=True, slots=True)
class Query:
    """What the user typed, folded for matching."""

    text: str
    folded: str
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, text: str) -> Query:
        folded = fold(text)
        if not folded:
            raise InvalidInput(
                f"{text.strip()!r} has nothing to search for", "give at least one letter or digit"
            )
        # The first word starts a word of the text; the words follow with any punctuation
        # or spacing between them.
        words = " +".join(re.escape(word) for word in folded.split(" "))
        return cls(text.strip(), folded, re.compile("(?<![^ ])" + words))

    def matches(self, text: str) -> bool:
        """Whether the text holds the query at the start of a word."""
        return self.pattern.search(text.translate(_FOLD)) is not None

    def exact(self, text: str) -> bool:
        return fold(text) == self.folded

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query occurs in ``text`` (start of a word), as [start, end) indexes."""
        found = [m.span() for m in self.pattern.finditer(text.translate(_FOLD))]
        if not found:
            return found
        _, origins = spread_fold(text)
        if origins is None:
            return found
        return [(origins[start], origins[end - 1] + 1) for start, end in found]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FilmHit:
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


@dataclass(frozen=True, slots=True)
class Credit:
    film: Film
    role: str
    character: str = ""

    def describe(self) -> str:
        """``director``, ``cast as Ben``, ``watched with``."""
        return f"{self.role} as {self.character}" if self.character else self.role

    def to_json(self) -> dict[str, Any]:
        return {**_film_ref(self.film), "role": self.role, "character": self.character or None}


@dataclass(frozen=True, slots=True)
class PersonHit:
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


@dataclass(frozen=True, slots=True)
class TagHit:
    tag: str
    watches: int
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "watches": self.watches,
            "films": [_film_ref(f) for f in self.films],
        }


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of a review around its first hit; ``spans`` index into ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ReviewHit:
    watch: Watch
    film: Film
    spans: tuple[tuple[int, int], ...]

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.watch.review or "", self.spans)

    def to_json(self) -> dict[str, Any]:
        cut = self.snippet
        return {
            "watch": self.watch.id,
            **_film_ref(self.film),
            "film": self.film.id,
            "date": self.watch.date.isoformat() if self.watch.date else None,
            "rating": self.watch.rating,
            "matches": self.matches,
            "snippet": cut.text,
            "highlights": [list(span) for span in cut.spans],
        }


@dataclass(frozen=True, slots=True)
class NoteHit:
    """A film whose notes match (imports keep reviews without a viewing there)."""

    film: Film
    spans: tuple[tuple[int, int], ...]

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.film.notes or "", self.spans)

    def to_json(self) -> dict[str, Any]:
        cut = self.snippet
        return {
            **_film_ref(self.film),
            "matches": self.matches,
            "snippet": cut.text,
            "highlights": [list(span) for span in cut.spans],
        }


def _film_ref(film: Film) -> dict[str, Any]:
    return {"film": film.id, "title": film.title, "year": film.year}


GROUPS: tuple[str, ...] = ("films", "people", "tags", "reviews", "notes")


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    films: list[FilmHit] = field(default_factory=list)
    people: list[PersonHit] = field(default_factory=list)
    tags: list[TagHit] = field(default_factory=list)
    reviews: list[ReviewHit] = field(default_factory=list)
    notes: list[NoteHit] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in GROUPS)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in GROUPS}

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        """``{"query", "counts": {group: n}, "films", "people", "tags", "reviews", "notes"}``.

        ``counts`` are totals; each list holds at most ``limit`` entries.
        """
        doc: dict[str, Any] = {"query": self.query, "counts": self.counts()}
        for name in GROUPS:
            hits: list[Any] = getattr(self, name)
            doc[name] = [hit.to_json() for hit in hits[:limit]]
        return doc


# --------------------------------------------------------------------------- search


PERSON_ROLES: tuple[tuple[str, str], ...] = (
    ("directors", "director"),
    ("writers", "writer"),
    ("composers", "composer"),
    ("cinematographers", "cinematographer"),
)


def search(films: Iterable[Film], watches: Sequence[Watch], text: str) -> Results:
    """Everything in the journal that matches ``text``, grouped by what matched.

    Films by title or alias; people (crew, cast and the people you watched with) with
    their credits, actors also by the role they play; tags with the viewings that carry
    them; reviews, newest first, and film notes, each with a snippet around the first
    hit. Best matches come first: whole-name matches, then the most seen.
    """
    query = Query.of(text)
    by_id = {f.id: f for f in films}
    seen: dict[str, int] = {}
    for watch in watches:
        seen[watch.film] = seen.get(watch.film, 0) + 1
    return Results(
        query=query.text,
        films=_films(query, by_id.values(), seen),
        people=_people(query, by_id, watches),
        tags=_tags(query, by_id, watches),
        reviews=_reviews(query, by_id, watches),
        notes=_notes(query, by_id.values()),
    )


def _films(query: Query, films: Iterable[Film], seen: Mapping[str, int]) -> list[FilmHit]:
    hits = []
    for film in films:
        if query.matches(film.title):
            hits.append(FilmHit(film, None, seen.get(film.id, 0)))
            continue
        alias = next((a for a in film.aka if query.matches(a)), None)
        if alias is not None:
            hits.append(FilmHit(film, alias, seen.get(film.id, 0)))

    def rank(hit: FilmHit) -> tuple[Any, ...]:
        name = hit.alias or hit.film.title
        return (not query.exact(name), -hit.watches, fold(hit.film.title), hit.film.year or 0)

    return sorted(hits, key=rank)


def _people(query: Query, films: Mapping[str, Film], watches: Sequence[Watch]) -> list[PersonHit]:
    credits: dict[str, list[Credit]] = {}
    names: dict[str, str] = {}

    def consider(name: str, credit: Credit) -> None:
        if not (query.matches(name) or (credit.character and query.matches(credit.character))):
            return
        key = fold(name)
        names.setdefault(key, name.strip())
        if credit not in credits.setdefault(key, []):
            credits[key].append(credit)

    for film in sorted(films.values(), key=lambda f: (f.year or 0, fold(f.title))):
        for attr, role in PERSON_ROLES:
            for name in getattr(film, attr):
                consider(name, Credit(film, role))
        for member in film.cast:
            consider(member.name, Credit(film, "cast", member.role))
    for watch in watches:
        film = films.get(watch.film) or Film(id=watch.film, title=watch.film)
        for name in watch.with_:
            consider(name, Credit(film, "watched with"))
    hits = [PersonHit(names[key], tuple(found)) for key, found in credits.items()]

    def exact(hit: PersonHit) -> bool:
        return query.exact(hit.name) or any(query.exact(c.character) for c in hit.credits)

    return sorted(hits, key=lambda h: (not exact(h), -h.films, fold(h.name)))


def _tags(query: Query, films: Mapping[str, Film], watches: Sequence[Watch]) -> list[TagHit]:
    counts: dict[str, int] = {}
    spellings: dict[str, str] = {}
    tagged: dict[str, dict[str, Film]] = {}
    for watch in watches:
        for tag in watch.tags:
            if not query.matches(tag):
                continue
            key = fold(tag)
            spellings.setdefault(key, tag)
            counts[key] = counts.get(key, 0) + 1
            film = films.get(watch.film) or Film(id=watch.film, title=watch.film)
            tagged.setdefault(key, {})[film.id] = film
    hits = [TagHit(spellings[k], counts[k], tuple(tagged[k].values())) for k in counts]
    return sorted(hits, key=lambda h: (not query.exact(h.tag), -h.watches, fold(h.tag)))


def _notes(query: Query, films: Iterable[Film]) -> list[NoteHit]:
    hits = []
    for film in films:
        if film.notes and (spans := query.spans(film.notes)):
            hits.append(NoteHit(film, tuple(spans)))
    return sorted(hits, key=lambda h: (fold(h.film.title), h.film.year or 0))


def _reviews(query: Query, films: Mapping[str, Film], watches: Sequence[Watch]) -> list[ReviewHit]:
    hits = []
    for watch in watches:
        if not watch.review:
            continue
        spans = query.spans(watch.review)
        if not spans:
            continue
        film = films.get(watch.film) or Film(id=watch.film, title=watch.film)
        hits.append(ReviewHit(watch, film, tuple(spans)))
    return sorted(hits, key=lambda h: watch_order(h.watch), reverse=True)


# --------------------------------------------------------------------------- snippets


def snippet(text: str, spans: Sequence[tuple[int, int]], context: int = SNIPPET_CONTEXT) -> Snippet:
    """The part of ``text`` around its first span, on one line, cut at word edges.

    ``…`` marks where the text was cut; every span inside the window is kept (shifted).
    """
    first_start, first_end = spans[0]
    start = max(0, first_start - context)
    end = min(len(text), first_end + context)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space >= 0 else end
    window = text[start:end]
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    flat, shifted = _one_line(window, inside)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    moved = tuple((s + len(lead), e + len(lead)) for s, e in shifted)
    return Snippet(lead + flat + tail, moved)


_RUN_OF_SPACE = re.compile(r"\s+")


def _one_line(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse runs of white space (line breaks too) into one space, moving the spans."""
    out: list[str] = []
    new_index: list[int] = []
    position = 0
    for match in _RUN_OF_SPACE.finditer(text):
        for char in text[position : match.start()]:
            new_index.append(len(out))
            out.append(char)
        for _ in range(match.start(), match.end()):
            new_index.append(len(out))
        out.append(" ")
        position = match.end()
    for char in text[position:]:
        new_index.append(len(out))
        out.append(char)
    new_index.append(len(out))
    flat = "".join(out)
    stripped_left = len(flat) - len(flat.lstrip())
    flat = flat.strip()
    moved = [
        (max(0, new_index[s] - stripped_left), min(len(flat), new_index[e] - stripped_left))
        for s, e in spans
    ]
    return flat, moved
