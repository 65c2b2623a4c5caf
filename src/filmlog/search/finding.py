"""The search over models: each group's hits found and ranked.

Pure: models in, a ``Results`` value out. Best matches come first in each group:
whole-name matches, then the most seen. ``documents`` picks which of a journal's
stored documents to make models of.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from filmlog.models import Disc, Film, Watch, fold, watch_order
from filmlog.search.query import Query
from filmlog.search.results import (
    Credit,
    DiscHit,
    FilmHit,
    GenreHit,
    NoteHit,
    PersonHit,
    PlaceHit,
    Results,
    ReviewHit,
    TagHit,
)
from filmlog.search.snippets import plain_text

PERSON_ROLES: tuple[tuple[str, str], ...] = (
    ("directors", "director"),
    ("writers", "writer"),
    ("composers", "composer"),
    ("cinematographers", "cinematographer"),
)


def search(
    films: Iterable[Film],
    watches: Sequence[Watch],
    text: str,
    discs: Iterable[Disc] = (),
    seen: Mapping[str, int] | None = None,
) -> Results:
    """Everything in the journal that matches ``text``, grouped by what matched.

    Films by title or alias; people (crew, cast and the people you watched with) with
    their credits, actors also by the role they play; tags and places with the viewings
    that carry them; genres with their films; reviews, newest first, film notes,
    synopses, sources and disc notes, each with a snippet around the first hit. Best
    matches come first: whole-name matches, then the most seen. ``seen`` counts each
    film's viewings when ``watches`` are not all of them.
    """
    query = Query.of(text)
    by_id = {f.id: f for f in films}
    if seen is None:
        counted: dict[str, int] = {}
        for watch in watches:
            counted[watch.film] = counted.get(watch.film, 0) + 1
        seen = counted
    return Results(
        query=query.text,
        films=_films(query, by_id.values(), seen),
        people=_people(query, by_id, watches),
        tags=_tags(query, by_id, watches),
        places=_places(query, by_id, watches),
        genres=_genres(query, by_id.values()),
        reviews=_reviews(query, by_id, watches),
        notes=_texts(query, by_id.values(), "notes", markdown=True),
        synopses=_texts(query, by_id.values(), "synopsis"),
        based_on=_texts(query, by_id.values(), "based_on"),
        discs=_discs(query, by_id, discs),
    )


def _films(query: Query, films: Iterable[Film], seen: Mapping[str, int]) -> list[FilmHit]:
    hits = []
    for film in films:
        if query.names(film, film.title):
            hits.append(FilmHit(film, None, seen.get(film.id, 0)))
            continue
        alias = next((a for a in film.aka if query.names(film, a)), None)
        if alias is not None:
            hits.append(FilmHit(film, alias, seen.get(film.id, 0)))

    def rank(hit: FilmHit) -> tuple[Any, ...]:
        name = hit.alias or hit.film.title
        whole = query.exact(name) or query.is_title(hit.film, name)
        return (not whole, -hit.watches, fold(hit.film.title), hit.film.year or 0)

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


def _places(query: Query, films: Mapping[str, Film], watches: Sequence[Watch]) -> list[PlaceHit]:
    counts: dict[str, int] = {}
    spellings: dict[str, str] = {}
    where: dict[str, dict[str, Film]] = {}
    for watch in watches:
        if not watch.where or not query.matches(watch.where):
            continue
        key = fold(watch.where)
        spellings.setdefault(key, watch.where)
        counts[key] = counts.get(key, 0) + 1
        film = films.get(watch.film) or Film(id=watch.film, title=watch.film)
        where.setdefault(key, {})[film.id] = film
    hits = [PlaceHit(spellings[k], counts[k], tuple(where[k].values())) for k in counts]
    return sorted(hits, key=lambda h: (not query.exact(h.place), -h.watches, fold(h.place)))


def _genres(query: Query, films: Iterable[Film]) -> list[GenreHit]:
    spellings: dict[str, str] = {}
    found: dict[str, list[Film]] = {}
    for film in sorted(films, key=lambda f: (fold(f.title), f.year or 0)):
        for genre in film.genres:
            if query.matches(genre):
                key = fold(genre)
                spellings.setdefault(key, genre)
                found.setdefault(key, []).append(film)
    hits = [GenreHit(spellings[k], tuple(found[k])) for k in found]
    return sorted(hits, key=lambda h: (not query.exact(h.genre), -len(h.films), fold(h.genre)))


def _texts(query: Query, films: Iterable[Film], name: str, markdown: bool = False) -> list[NoteHit]:
    """Films whose field ``name`` (a text) matches, with spans into its plain text."""
    hits = []
    for film in films:
        value: str | None = getattr(film, name)
        if not value or not query.matches(value):
            continue
        text = plain_text(value) if markdown else value
        if spans := query.spans(text):
            hits.append(NoteHit(film, tuple(spans), text))
    return sorted(hits, key=lambda h: (fold(h.film.title), h.film.year or 0))


DISC_TEXTS: tuple[str, ...] = ("notes", "verdict", "pros", "cons", "extras", "edition", "label")


def _discs(query: Query, films: Mapping[str, Film], discs: Iterable[Disc]) -> list[DiscHit]:
    hits = []
    for disc in discs:
        for name in DISC_TEXTS:
            value: str | tuple[str, ...] | None = getattr(disc, name)
            if not value:
                continue
            text = value if isinstance(value, str) else "\n".join(value)
            if not query.matches(text):
                continue
            text = plain_text(text) if name == "notes" else text
            if spans := query.spans(text):
                held = tuple(films.get(f) or Film(id=f, title=f) for f in disc.films)
                hits.append(DiscHit(disc, held, name, tuple(spans), text))
                break
    return sorted(hits, key=lambda h: h.disc.id)


def _reviews(query: Query, films: Mapping[str, Film], watches: Sequence[Watch]) -> list[ReviewHit]:
    hits = []
    for watch in watches:
        if not watch.review or not query.matches(watch.review):
            continue
        # What a reader sees: the hit of a link's address or of markup is none.
        text = plain_text(watch.review)
        spans = query.spans(text)
        if not spans:
            continue
        film = films.get(watch.film) or Film(id=watch.film, title=watch.film)
        hits.append(ReviewHit(watch, film, tuple(spans), text))
    return sorted(hits, key=lambda h: watch_order(h.watch), reverse=True)
