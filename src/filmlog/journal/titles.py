"""Which film a typed title names: the one title resolver of every command and import
(titles and aliases folded alike, ``Title (1995)``, a bare year, the first words of a
title), suggestions for typos, and a title settled before the journal is locked."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence

import msgspec
from msgspec.structs import replace

from filmlog.errors import (
    AmbiguousTitle,
    FilmlogError,
    FilmNotFound,
    InvalidInput,
)
from filmlog.models import (
    Film,
    clean_line,
    split_title_year,
    title_key,
)
from filmlog.store import Store

Choose = Callable[[Sequence[Film]], Film]


# --------------------------------------------------------------------------- titles


class Candidate(msgspec.Struct, frozen=True):
    id: str
    title: str
    year: int | None
    aka: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


def matching_films(store: Store, text: str, year: int | None = None) -> list[Film]:
    """Films whose title or alias equals ``text`` (case, accents, punctuation ignored).

    ``"Heat (1995)"`` carries its own year; ``year`` narrows further.
    """
    title, parsed_year, year = _typed(store, text, year)
    matches = _title_matches(store, title, year)
    if not matches and parsed_year is not None:
        matches = _title_matches(store, text.strip(), None)
    if not matches and (bare := _BARE_YEAR.match(text.strip())) and year in (None, int(bare[2])):
        # "Heat 1995": a year typed without brackets, when no film has that whole title.
        matches = _title_matches(store, bare[1], int(bare[2]))
    films = [f for f in (store.film(c.id) for c in matches) if f is not None]
    if not films and _ID.match(text.strip()) and (by_id := store.film(text.strip())):
        # A film's id (``heat-1995``), as diary --json and export name it.
        films = [by_id] if year in (None, by_id.year) else []
    return sorted(films, key=lambda f: (f.year or 0, f.title))


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


_BARE_YEAR = re.compile(r"^(.*\S)\s+((?:18|19|20)\d\d)$")


def _typed(store: Store, text: str, year: int | None) -> tuple[str, int | None, int | None]:
    """What a typed title says: (title, the year typed in it, the year to look for).

    ``Heat (1995)`` is Heat of 1995, unless a film is really called "Heat (1995)"
    and ``year`` names another year.
    """
    title, parsed_year = split_title_year(text)
    if _years_disagree(store, text, parsed_year, year):
        title, parsed_year = text.strip(), None
    return title, parsed_year, year or parsed_year


def _years_disagree(store: Store, text: str, parsed: int | None, year: int | None) -> bool:
    """True when ``Title (1995)`` --year 1996 names a film really called "Title (1995)";
    refused when no such film exists, since one of the two years must be a mistake."""
    if parsed is None or year is None or parsed == year:
        return False
    if _title_matches(store, text.strip(), year):
        return True
    raise InvalidInput(
        f"{text.strip()!r} says {parsed} but --year says {year}", "give the year only once"
    )


def _title_matches(store: Store, title: str, year: int | None) -> list[Candidate]:
    key = title_key(title)
    if not key:
        raise InvalidInput("a title needs at least one letter or digit")
    entries = store.films_titled(key)
    if not entries and not title.isprintable():
        # Titles are cleaned of escape codes when typed: look for the cleaned one too.
        entries = store.films_titled(title_key(clean_line(title)))
    return [Candidate(*e) for e in entries if year is None or e[2] == year]


def near_films(store: Store, text: str, limit: int = 3) -> list[Candidate]:
    """Films a mistyped title most likely means: close spellings, then titles that hold
    the typed words whole (``dr strangelove``, ``las vegas``), closest first.

    Spellings are compared with titles of about the same length that share the first or
    the last letter (a typo seldom changes both): comparing every title of a large
    journal would cost more than all the rest of ``add``. A few letters inside a longer
    word never count (``Her`` is not "Everything Everywhere").
    """
    title, _ = split_title_year(text)
    wanted = title_key(title)
    if not wanted:
        return []
    keys = [k for k in dict.fromkeys(store.title_keys()) if k]
    slack = max(3, len(wanted) // 3)
    near = [
        k
        for k in keys
        if abs(len(k) - len(wanted)) <= slack and (k[0] == wanted[0] or k[-1] == wanted[-1])
    ]
    close = difflib.get_close_matches(wanted, near, n=limit, cutoff=0.6)
    found = [
        c for k in close for c in sorted((Candidate(*e) for e in store.films_titled(k)), key=_label)
    ]
    if len(found) < limit:
        found += [c for c in _holding_words(store, title) if c not in found]
    # A film close by its title and by an alias is one suggestion.
    found = list({c.id: c for c in found}.values())
    # Remakes share a title: each is suggested, with its year.
    return found[:limit]


def _label(candidate: Candidate) -> str:
    return candidate.label


def _holding_words(store: Store, title: str) -> list[Candidate]:
    """Films whose title (or an alias) holds the words of ``title`` whole and in order;
    those it starts with first."""
    from filmlog.models import fold

    words = fold(title).split()
    if not words:
        return []
    starts: list[Candidate] = []
    inside: list[Candidate] = []
    size = len(words)
    # A title holding the words has their letters in a row in its key: only those few
    # titles are folded and split into words.
    for entry in store.films_keyed_with("".join(words)):
        for name in (entry[1], *entry[3]):
            have = fold(name).split()
            if have[:size] == words:
                starts.append(Candidate(*entry))
                break
            if any(have[i : i + size] == words for i in range(1, len(have) - size + 1)):
                inside.append(Candidate(*entry))
                break
    return sorted(starts, key=lambda c: c.label) + sorted(inside, key=lambda c: c.label)


def suggestions(store: Store, text: str, limit: int = 3, *, typos_only: bool = False) -> list[str]:
    """Near titles for "did you mean", with their years (see near_films). With
    ``typos_only``, only titles ``text`` is most likely a mistyping of (see _typo_of), as
    the typo prompt asks: a film just created as new is never "meant" to be its sequel."""
    near = near_films(store, text, limit)
    if typos_only:
        title, _ = split_title_year(text)
        near = [c for c in near if _typo_of(title, c)]
    return list(dict.fromkeys(c.label for c in near))


def resolve_title(
    store: Store, text: str, year: int | None = None, choose: Choose | None = None
) -> Film:
    """The one film a title names; never a silent guess.

    A title no film has that starts exactly one film's title, word for word
    (``dr strangelove``), names that film. Raises FilmNotFound (with suggestions) or
    AmbiguousTitle (with the candidates).
    """
    films = matching_films(store, text, year)
    if len(films) == 1:
        return films[0]
    if films:
        return _pick(films, text, choose)
    title, parsed = split_title_year(text)
    starting = [
        c
        for c in _holding_words(store, title)
        if _starts(c, title) and (year or parsed) in (None, c.year)
    ]
    if len(starting) == 1 and (film := store.film(starting[0].id)) is not None:
        return film
    near = suggestions(store, text)
    hint = "did you mean " + " or ".join(repr(s) for s in near) + "?" if near else None
    shown = text.strip() + (f" ({year})" if year else "")
    raise FilmNotFound(f"no film called {shown!r} in the journal", hint, tuple(near))


def _starts(candidate: Candidate, title: str) -> bool:
    from filmlog.models import fold

    words = fold(title).split()
    return any(fold(n).split()[: len(words)] == words for n in (candidate.title, *candidate.aka))


def _pick(films: Sequence[Film], text: str, choose: Choose | None) -> Film:
    if choose is not None:
        return choose(films)
    labels = [f.label for f in films]
    if len(set(labels)) < len(labels):  # the same title and year: only the ids differ
        listed = ", ".join(f"{f.label} [{f.id}]" for f in films)
        hint = "give the id in brackets instead of the title"
    else:
        listed, hint = ", ".join(labels), "add --year to pick one"
    raise AmbiguousTitle(
        f"{text.strip()!r} matches {len(films)} films: {listed}", tuple(films), hint
    )


def find_or_create_film(
    store: Store, text: str, year: int | None = None, choose: Choose | None = None
) -> tuple[Film, bool]:
    """The film a title names, or a new one of that title and year. Returns (film, created)."""
    title, _, year = _typed(store, text, year)
    films = matching_films(store, title, year)
    if not films and year is not None:
        undated = [f for f in matching_films(store, title) if f.year is None]
        if len(undated) == 1:
            return replace(undated[0], year=year), False
    if len(films) == 1:
        return films[0], False
    if films:
        return _pick(films, title, choose), False
    title = clean_line(title)
    film = Film(id=store.new_film_id(title, year), title=title, year=year)
    return film, True


class Pick(msgspec.Struct, frozen=True):
    """The film a typed title names, settled (and asked about) before the journal is
    locked: an existing film's id, or None for a new film of that title and year.

    Without a terminal nothing is asked, so nothing is settled beforehand (``settled``
    false): the title is looked up once, in the locked journal, where a likely typo is
    refused unless ``new`` says it is a new film.
    """

    text: str
    year: int | None
    film_id: str | None
    settled: bool = True
    new: bool = False


def logged_on(store: Store, film: Film, day: dt.date) -> str | None:
    """``Heat (1995) is already logged on 2024-05-01 (#3)``, or None when it is not."""
    same = [w for w in store.watches([film.id]) if w.date == day]
    return f"{film.label} is already logged on {day} (#{same[-1].id})" if same else None


def typo_refused(text: str, year: int | None, near: Sequence[Candidate]) -> FilmNotFound:
    """The error for a title that is most likely a typo of ``near``, asked of nobody."""
    shown = text.strip() + (f" ({year})" if year else "")
    labels = tuple(c.label for c in near)
    return FilmNotFound(
        f"{shown!r} is not in your journal",
        "did you mean " + " or ".join(repr(n) for n in labels) + "? "
        f"--new adds {shown!r} as a new film",
        labels,
    )


def pick_film(
    store: Store, text: str, year: int | None, choose: Choose | None
) -> tuple[Pick, list[Candidate]]:
    """What ``text`` names in a journal opened for reading, and, when that is a new film,
    the films already in it that the title is most likely a typo of.

    A title the journal has with another year is a remake, not a typo: none are given.
    """
    film, created = find_or_create_film(store, text, year, choose)
    if not created:
        return Pick(text, year, film.id), []
    title, parsed = split_title_year(text)
    if store.films_titled(title_key(title)):
        return Pick(text, year, None), []
    typed = year or parsed
    near = [
        c
        for c in near_films(store, text)
        if (typed is None or c.year in (None, typed)) and _typo_of(title, c)
    ]
    return Pick(text, year, None), near


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _without_article(title: str) -> str:
    return title_key(_ARTICLE.sub("", title.strip()))


def _typo_of(title: str, candidate: Candidate) -> bool:
    """Whether ``title`` is most likely ``candidate`` mistyped: a letter or two off (one
    in five at most, never a number: "Film 2" is a sequel), its first words, or it
    with or without a leading "The", "A" or "An"."""
    if _starts(candidate, title):
        return True
    bare = _without_article(title)
    if any(_without_article(name) == bare for name in (candidate.title, *candidate.aka)):
        return True  # "Neon Demon" for "The Neon Demon"
    wanted = title_key(title)
    for name in (candidate.title, *candidate.aka):
        key = title_key(name)
        if re.findall(r"\d+", key) != re.findall(r"\d+", wanted):
            continue
        same = sum(b.size for b in difflib.SequenceMatcher(None, wanted, key).get_matching_blocks())
        if max(len(wanted), len(key)) - same <= max(1, len(wanted) // 5):
            return True
    return False


def find_picked(store: Store, pick: Pick, choose: Choose | None = None) -> tuple[Film, bool]:
    """The film ``pick`` names, looked up again in the locked journal; (film, created)."""
    if not pick.settled:
        settled, near = pick_film(store, pick.text, pick.year, choose)
        if settled.film_id is None and near and not pick.new:
            raise typo_refused(pick.text, pick.year, near)
        pick = settled
    if pick.film_id is None:
        return find_or_create_film(store, pick.text, pick.year, choose)

    def chosen(films: Sequence[Film]) -> Film:
        return next((f for f in films if f.id == pick.film_id), films[0])

    film, created = find_or_create_film(store, pick.text, pick.year, chosen)
    if not created and film.id == pick.film_id:
        return film, False
    stored = store.film(pick.film_id)
    if stored is None:
        raise FilmlogError(
            "the film you chose was deleted while you answered; nothing changed",
            "run the command again",
        )
    return stored, False
