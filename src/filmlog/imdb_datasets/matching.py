"""Which title of the datasets each film is: :func:`lookup` and what it finds.

The titles are read from title.akas and title.basics, kept only when a film could be them
(by its IMDb id, or by a title folded as title lookup folds them), then their votes from
title.ratings. Each film is matched by its IMDb id, else by title, year and title type, with
the votes to break a tie; the people of the titles matched are read last (see ``people``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from filmlog.imdb_datasets.files import Progress, _int, _list, _text, blocks, keyed_rows
from filmlog.imdb_datasets.people import _read_people
from filmlog.models import Film, title_key

# The title types that fit each film kind, best first; a film's kind "film" is also what
# films of unknown kind have, so TV films, videos and shorts fit it after feature films.
FITS: dict[str, tuple[tuple[bytes, ...], ...]] = {
    "film": ((b"movie",), (b"tvMovie", b"video", b"tvSpecial"), (b"short", b"tvShort")),
    "tv movie": ((b"tvMovie",), (b"movie", b"video")),
    "short": ((b"short", b"tvShort"), (b"movie",)),
    "tv short": ((b"tvShort", b"short"),),
    "video": ((b"video",), (b"movie", b"tvMovie")),
    "tv special": ((b"tvSpecial",), (b"tvMovie",)),
    "tv series": ((b"tvSeries",), (b"tvMiniSeries",)),
    "tv mini series": ((b"tvMiniSeries",), (b"tvSeries",)),
    "tv episode": ((b"tvEpisode",),),
    "video game": ((b"videoGame",),),
    "music video": ((b"musicVideo",),),
    "podcast series": ((b"podcastSeries",),),
    "podcast episode": ((b"podcastEpisode",),),
}
# A tie on everything else is broken by votes only when the leader has this many times
# the votes of the next title; closer than that, the two are equally good.
VOTES_LEAD = 2


# --------------------------------------------------------------------------- titles


@dataclass(slots=True)
class Title:
    """A title of the datasets that a film of the journal may be."""

    tconst: str
    type: str = ""
    primary: str = ""
    original: str = ""
    year: int | None = None
    runtime: int | None = None
    genres: tuple[str, ...] = ()
    akas: list[str] = field(default_factory=list)
    votes: int = 0
    in_basics: bool = False

    @property
    def label(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.primary}{year} [{self.type}, {self.tconst}]"


class Match(msgspec.Struct, frozen=True):
    """A film and the title it is, with how it was found."""

    film: Film
    title: Title
    how: str  # "IMDb id", "title and year", "by votes" ...


class Refusal(msgspec.Struct, frozen=True):
    """A film left alone: no title fits it, or several fit it equally well."""

    film: Film
    reason: str
    candidates: tuple[Title, ...]


@dataclass
class Lookup:
    """What the datasets say about a set of films."""

    matches: list[Match] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # by tconst
    rows: dict[str, int] = field(default_factory=dict)  # rows read, by file
    kept: dict[str, int] = field(default_factory=dict)  # rows kept, by file


def _fits(kind: str) -> tuple[tuple[bytes, ...], ...]:
    return FITS.get(kind, FITS["film"])


def _type_rank(kind: str, title_type: str) -> int | None:
    for rank, types in enumerate(_fits(kind)):
        if title_type.encode() in types:
            return rank
    return None


def _film_keys(film: Film) -> set[str]:
    return {k for k in (title_key(t) for t in (film.title, *film.aka)) if k}


def lookup(
    files: Mapping[str, Path],
    films: Sequence[Film],
    pinned: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Lookup:
    """Match ``films`` to titles of the datasets and gather the facts of those titles.

    ``pinned`` maps a film id to the tconst the user says it is (``--imdb``); a film
    holding an IMDb id is matched by it; the others by title, year and title type.
    """
    pinned = dict(pinned or {})
    result = Lookup()
    by_id: dict[str, str] = {}
    for film in films:
        tconst = pinned.get(film.id) or film.ids.imdb
        if tconst:
            by_id[film.id] = tconst
    ids = {tconst.encode() for tconst in by_id.values()}
    keys: set[str] = set()
    types: set[bytes] = set()
    for film in films:
        if film.id not in by_id:
            keys |= _film_keys(film)
            for group in _fits(film.kind):
                types.update(group)
    titles = _read_titles(files, ids, keys, types, result, progress)
    _read_votes(files, titles, result, progress)
    index = _title_index(titles)
    for film in films:
        _match(film, by_id.get(film.id), titles, index, result)
    chosen = {m.title.tconst: m.title for m in result.matches}
    _read_people(files, chosen, result, progress)
    return result


def _read_titles(
    files: Mapping[str, Path],
    ids: set[bytes],
    keys: set[str],
    types: set[bytes],
    result: Lookup,
    progress: Progress | None,
) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    # Akas first: a title whose alternative title is a film's is a candidate, and the
    # other titles of every candidate are kept (a title's rows come together).
    rows = kept = 0
    group: list[list[bytes]] = []
    group_id = b""
    hit = False

    def keep() -> None:
        title = titles.setdefault(_text(group_id), Title(_text(group_id)))
        title.akas.extend(
            _text(cols[2]) for cols in group if len(cols) > 7 and b"working" not in cols[5]
        )

    for block in blocks(files["title.akas"], "title.akas", progress):
        rows += len(block)
        for line in block:
            cols = line.split(b"\t")
            if cols[0] != group_id:
                if hit:
                    kept += len(group)
                    keep()
                group_id, group, hit = cols[0], [], cols[0] in ids
            group.append(cols)
            if not hit and len(cols) > 2 and title_key(_text(cols[2])) in keys:
                hit = True
    if hit:
        kept += len(group)
        keep()
    result.rows["title.akas"], result.kept["title.akas"] = rows, kept
    rows = kept = 0
    for block in blocks(files["title.basics"], "title.basics", progress):
        rows += len(block)
        for line in block:
            cols = line.split(b"\t")
            if len(cols) < 9:
                continue
            tconst = cols[0]
            if not (
                tconst in ids
                or _text(tconst) in titles
                or (
                    cols[1] in types
                    and (title_key(_text(cols[2])) in keys or title_key(_text(cols[3])) in keys)
                )
            ):
                continue
            kept += 1
            title = titles.setdefault(_text(tconst), Title(_text(tconst)))
            title.type = _text(cols[1])
            title.primary = _text(cols[2])
            title.original = _text(cols[3])
            title.year = _int(cols[5])
            title.runtime = _int(cols[7])
            title.genres = _list(cols[8])
            title.in_basics = True
    result.rows["title.basics"], result.kept["title.basics"] = rows, kept
    return {t: title for t, title in titles.items() if title.in_basics}


def _read_votes(
    files: Mapping[str, Path],
    titles: dict[str, Title],
    result: Lookup,
    progress: Progress | None,
) -> None:
    wanted = {t.encode(): title for t, title in titles.items()}
    kept = 0
    for tconst, rest in keyed_rows(files, "title.ratings", wanted, result.rows, progress):
        kept += 1
        wanted[tconst].votes = _int(rest.rpartition(b"\t")[2]) or 0
    result.kept["title.ratings"] = kept


# --------------------------------------------------------------------------- matching


def _title_index(titles: dict[str, Title]) -> dict[str, dict[str, int]]:
    """Titles by the key of each of their names: 0 for the primary or original title,
    1 for an alternative title only."""
    index: dict[str, dict[str, int]] = defaultdict(dict)
    for tconst, title in titles.items():
        for aka in title.akas:
            index[title_key(aka)][tconst] = 1
        for name in (title.primary, title.original):
            index[title_key(name)][tconst] = 0
    return index


def _match(
    film: Film,
    tconst: str | None,
    titles: dict[str, Title],
    index: dict[str, dict[str, int]],
    result: Lookup,
) -> None:
    if tconst is not None:
        title = titles.get(tconst)
        if title is None:
            result.refused.append(Refusal(film, f"{tconst} is not in title.basics", ()))
        else:
            result.matches.append(Match(film, title, "IMDb id"))
        return
    ranks: dict[str, int] = {}
    for key in _film_keys(film):
        for found, rank in index.get(key, {}).items():
            ranks[found] = min(rank, ranks.get(found, rank))
    named = [(rank, titles[found]) for found, rank in ranks.items()]
    scored: list[tuple[tuple[int, int, int], Title]] = []
    for by_aka, title in named:
        type_rank = _type_rank(film.kind, title.type)
        if type_rank is None:
            continue
        if film.year is not None:
            if title.year is None or abs(title.year - film.year) > 1:
                continue
            off = abs(title.year - film.year)
        else:
            off = 0
        scored.append(((off, type_rank, by_aka), title))
    if not scored:
        others = tuple(t for _, t in sorted(named, key=lambda n: -n[1].votes))[:5]
        reason = "no title of that name fits its year and kind" if others else "no such title"
        result.refused.append(Refusal(film, reason, others))
        return
    best = min(score for score, _ in scored)
    tied = sorted((t for score, t in scored if score == best), key=lambda t: -t.votes)
    if len(tied) == 1:
        result.matches.append(Match(film, tied[0], _how(best, film.year)))
    elif film.year is not None and tied[0].votes >= max(1, VOTES_LEAD * tied[1].votes):
        # Without a year, a title as common as "Home" would go to the best known film.
        result.matches.append(Match(film, tied[0], _how(best, film.year) + ", most votes"))
    else:
        result.refused.append(Refusal(film, "several titles fit it equally well", tuple(tied)))


def _how(score: tuple[int, int, int], year: int | None) -> str:
    off, _, by_aka = score
    title = "alternative title" if by_aka else "title"
    if year is None:
        return f"{title} (the film has no year)"
    return f"{title} and year" + (" (one year off)" if off else "")
