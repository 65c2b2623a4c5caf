"""Search the journal: titles and aliases, people, tags, places, genres, reviews, film
notes, synopses, what films are based on, and disc notes.

Pure: models in, a ``Results`` value out (:func:`candidates` picks, from the stored
documents, the few worth making models of). Matching ignores case, accents and
punctuation (``atraco`` finds ``¡Atraco!``) and starts at a word: ``heat`` finds "Heat"
and "The Heat Is On", not "Theatre". A query of several words matches them as a phrase.
A title is also found as title lookup finds it (``8 1/2`` finds *8½*, ``Heat (1995)``
finds Heat of 1995). Snippets are the plain text a review's Markdown renders to.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from filmlog.errors import InvalidInput
from filmlog.models import (
    Disc,
    Film,
    Watch,
    fold,
    split_title_year,
    title_key,
    watch_order,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SNIPPET_CONTEXT = 60
# "Heat 1995": a title and its year, typed without brackets.
_BARE_YEAR = re.compile(r"^(.*\S)\s+((?:18|19|20)\d\d)$")


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


class Query(msgspec.Struct, frozen=True):
    """What the user typed, folded for matching."""

    text: str
    folded: str
    pattern: re.Pattern[str]
    # As title lookup keys the text: "8 1/2" and "8½" are both "812"; a title with this
    # key matches. "Heat (1995)" or "Heat 1995" also asks for Heat of 1995.
    key: str = ""
    titled: tuple[str, int] | None = None

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
        title, year = split_title_year(text)
        if year is None and (bare := _BARE_YEAR.match(text.strip())):
            title, year = bare[1], int(bare[2])
        titled = (title_key(title), year) if year is not None and fold(title) else None
        return cls(text.strip(), folded, re.compile("(?<![^ ])" + words), title_key(text), titled)

    def names(self, film: Film, name: str) -> bool:
        """Whether ``name`` (the film's title or an alias) holds the query's words, or
        is the title the query names."""
        return self.matches(name) or self.is_title(film, name)

    def is_title(self, film: Film, name: str) -> bool:
        """Whether the query names ``name`` as title lookup would: the same key (with
        the film's year, when the query gives one)."""
        key = title_key(name)
        return key == self.key or self.titled == (key, film.year)

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
        return {
            "tag": self.tag,
            "watches": self.watches,
            "films": [_film_ref(f) for f in self.films],
        }


class Snippet(msgspec.Struct, frozen=True):
    """A window of a review around its first hit; ``spans`` index into ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]


class PlaceHit(msgspec.Struct, frozen=True):
    """A cinema or service, with the viewings there."""

    place: str
    watches: int
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "watches": self.watches,
            "films": [_film_ref(f) for f in self.films],
        }


class GenreHit(msgspec.Struct, frozen=True):
    genre: str
    films: tuple[Film, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "genre": self.genre,
            "count": len(self.films),
            "films": [_film_ref(f) for f in self.films],
        }


class ReviewHit(msgspec.Struct, frozen=True):
    watch: Watch
    film: Film
    spans: tuple[tuple[int, int], ...]
    text: str = ""  # the review as plain text; ``spans`` index into it

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.text, self.spans)

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


class NoteHit(msgspec.Struct, frozen=True):
    """A film whose notes (imports keep reviews without a viewing there), synopsis or
    source (``based_on``) match, as plain text."""

    film: Film
    spans: tuple[tuple[int, int], ...]
    text: str = ""

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.text, self.spans)

    def to_json(self) -> dict[str, Any]:
        cut = self.snippet
        return {
            **_film_ref(self.film),
            "matches": self.matches,
            "snippet": cut.text,
            "highlights": [list(span) for span in cut.spans],
        }


class DiscHit(msgspec.Struct, frozen=True):
    """A disc whose notes match: its notes, verdict, pros, cons, extras, edition or label."""

    disc: Disc
    films: tuple[Film, ...]
    field: str
    spans: tuple[tuple[int, int], ...]
    text: str

    @property
    def matches(self) -> int:
        return len(self.spans)

    @property
    def snippet(self) -> Snippet:
        return snippet(self.text, self.spans)

    def to_json(self) -> dict[str, Any]:
        cut = self.snippet
        return {
            "disc": self.disc.id,
            "films": [_film_ref(f) for f in self.films],
            "field": self.field,
            "matches": self.matches,
            "snippet": cut.text,
            "highlights": [list(span) for span in cut.spans],
        }


def _film_ref(film: Film) -> dict[str, Any]:
    return {"film": film.id, "title": film.title, "year": film.year}


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


# --------------------------------------------------------------------------- search


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


# --------------------------------------------------------------------------- candidates

# The fields of each table's documents that search reads (lists of text, and the text of
# cast entries, included).
FIELDS: dict[str, tuple[str, ...]] = {
    "films": (
        "title", "aka", "directors", "writers", "composers", "cinematographers", "cast",
        "genres", "based_on", "synopsis", "notes",
    ),
    "watches": ("where", "with", "tags", "review"),
    "discs": DISC_TEXTS,
}  # fmt: skip


class Candidates(msgspec.Struct, frozen=True):
    """The stored documents that may match, and each film's number of viewings."""

    films: list[Mapping[str, Any]]
    watches: list[Mapping[str, Any]]
    discs: list[Mapping[str, Any]]
    seen: dict[str, int]


def candidates(data: Mapping[str, Any], text: str, titled: Iterable[str] = ()) -> Candidates:
    """The documents of a journal's stored ``data`` worth making models of for ``text``:
    those with a field that matches, the films their viewings and discs are of, and the
    films of ``titled`` (ids title lookup found). Every document :func:`search` would
    report is among them; a few more may be."""
    query = Query.of(text)
    tables: dict[str, Mapping[str, Mapping[str, Any]]] = {
        name: data.get(name) or {} for name in FIELDS
    }
    seen: dict[str, int] = {}
    for doc in tables["watches"].values():
        film = doc.get("film")
        if isinstance(film, str):
            seen[film] = seen.get(film, 0) + 1
    watches = _may_match(query, list(tables["watches"].values()), FIELDS["watches"])
    discs = _may_match(query, list(tables["discs"].values()), FIELDS["discs"])
    wanted: set[Any] = set(titled)
    wanted.update(d.get("film") for d in watches)
    wanted.update(f for d in discs for f in d.get("films") or ())
    films = [d for d in tables["films"].values() if d.get("id") in wanted]
    rest = [d for d in tables["films"].values() if d.get("id") not in wanted]
    films += _may_match(query, rest, FIELDS["films"])
    return Candidates(films, watches, discs, seen)


def search_documents(data: Mapping[str, Any], text: str, titled: Iterable[str] = ()) -> Results:
    """:func:`search` of a journal's stored ``data``, making models only of the
    :func:`candidates` (most of a journal does not match, and decoding it would cost
    more than the search)."""
    from filmlog.models import disc_from_doc, film_from_doc, watch_from_doc

    found = candidates(data, text, titled)
    return search(
        [film_from_doc(d) for d in found.films],
        sorted((watch_from_doc(d) for d in found.watches), key=watch_order),
        text,
        [disc_from_doc(d) for d in found.discs],
        found.seen,
    )


def _may_match(
    query: Query, docs: list[Mapping[str, Any]], fields: Sequence[str]
) -> list[Mapping[str, Any]]:
    """The documents with text in ``fields`` that ``query`` matches. Documents of ASCII
    text are folded all together, in C; the others one by one, as :class:`Query` does."""
    texts = [_text_of(doc, fields) for doc in docs]
    plain = [i for i, t in enumerate(texts) if t.isascii()]
    found = {i for i, t in enumerate(texts) if not t.isascii() and query.matches(t)}
    if plain and query.folded.isascii():
        # NUL parts the documents (stored text holds no control characters): the folded
        # words must start at a word and stay inside one document.
        joined = "\0".join(texts[i] for i in plain).encode()
        folded = joined.replace(b"&", b" and ").lower().translate(_ASCII_FOLD)
        words = b" +".join(re.escape(w.encode()) for w in query.folded.split(" "))
        starts = [m.start() for m in re.finditer(b"\0", folded)]
        for match in re.finditer(b"(?<![^ \0])" + words, folded):
            found.add(plain[bisect.bisect(starts, match.start())])
    return [docs[i] for i in sorted(found)]


# ASCII bytes folded as ``fold`` folds them once lowered: letters and digits kept, NUL
# kept (it parts documents), anything else a space.
_ASCII_FOLD = bytes(
    c if (chr(c).isascii() and chr(c).isalnum()) or c == 0 else 32 for c in range(256)
)


def _text_of(doc: Mapping[str, Any], fields: Sequence[str]) -> str:
    parts: list[str] = []
    for name in fields:
        value = doc.get(name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    parts.append(item)
                elif isinstance(item, dict):
                    parts.extend(v for v in item.values() if isinstance(v, str))
    return "\n".join(parts)


# --------------------------------------------------------------------------- snippets


# Text without these is its own plain text: no emphasis, code, links, headings, HTML,
# entities, escapes, lists, quotes or rules.
_MARKDOWN_SIGNS = re.compile(r"[*_`#\[\]<>&\\~]|^ *(?:[-+=>]|\d+[.)])", re.MULTILINE)
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close"}


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """The text a reader sees of ``markdown``: no markup, link addresses or HTML tags;
    paragraphs, headings and list items apart on their own lines."""
    if not _MARKDOWN_SIGNS.search(markdown):
        return markdown
    parts: list[str] = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline", "image"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
        elif token.type in ("code_block", "fence"):
            parts.append(token.content.rstrip("\n") + "\n\n")
        elif token.type == "html_block":
            # Its text, as an import reads a review's HTML (no tag survives that).
            from filmlog.html_markdown import html_to_markdown

            parts.append(plain_text(html_to_markdown(token.content)) + "\n\n")
        elif token.type in _BLOCK_ENDS and parts and not parts[-1].endswith("\n"):
            parts.append("\n\n")
    return "".join(parts).strip()


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
