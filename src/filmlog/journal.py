"""Use cases: find a film by title, log and change viewings, summarise a film.

Takes a Store and models; knows nothing of terminals. A caller that can ask the user
passes ``choose`` to pick between films of the same title.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from filmlog.errors import (
    AmbiguousTitle,
    DiscNotFound,
    FilmlogError,
    FilmNotFound,
    InvalidInput,
    NotFound,
    WatchNotFound,
)
from filmlog.models import (
    Disc,
    Film,
    Listed,
    Watch,
    WatchlistItem,
    clean_line,
    split_title_year,
    title_key,
    watch_order,
)
from filmlog.store import Store

Choose = Callable[[Sequence[Film]], Film]


# --------------------------------------------------------------------------- titles


@dataclass(frozen=True, slots=True)
class Candidate:
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
    title, parsed_year = split_title_year(text)
    if _years_disagree(store, text, parsed_year, year):
        title, parsed_year = text.strip(), None
    year = year or parsed_year
    matches = _title_matches(store, title, year)
    if not matches and parsed_year is not None:
        matches = _title_matches(store, text.strip(), None)
    if not matches and (bare := _BARE_YEAR.match(text.strip())) and year in (None, int(bare[2])):
        # "Heat 1995": a year typed without brackets, when no film has that whole title.
        matches = _title_matches(store, bare[1], int(bare[2]))
    films = [f for f in (store.film(c.id) for c in matches) if f is not None]
    return sorted(films, key=lambda f: (f.year or 0, f.title))


_BARE_YEAR = re.compile(r"^(.*\S)\s+((?:18|19|20)\d\d)$")


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
    for entry in store.film_index():
        for name in (entry[1], *entry[3]):
            have = fold(name).split()
            if have[:size] == words:
                starts.append(Candidate(*entry))
                break
            if any(have[i : i + size] == words for i in range(1, len(have) - size + 1)):
                inside.append(Candidate(*entry))
                break
    return sorted(starts, key=lambda c: c.label) + sorted(inside, key=lambda c: c.label)


def suggestions(store: Store, text: str, limit: int = 3) -> list[str]:
    """Near titles for "did you mean", with their years (see near_films)."""
    return list(dict.fromkeys(c.label for c in near_films(store, text, limit)))


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
    listed = ", ".join(f.label for f in films)
    raise AmbiguousTitle(
        f"{text.strip()!r} matches {len(films)} films: {listed}",
        tuple(films),
        "add --year to pick one",
    )


def find_or_create_film(
    store: Store, text: str, year: int | None = None, choose: Choose | None = None
) -> tuple[Film, bool]:
    """The film a title names, or a new one of that title and year. Returns (film, created)."""
    title, parsed_year = split_title_year(text)
    if _years_disagree(store, text, parsed_year, year):
        title, parsed_year = text.strip(), None
    year = year or parsed_year
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


@dataclass(frozen=True, slots=True)
class Pick:
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


def _typo_of(title: str, candidate: Candidate) -> bool:
    """Whether ``title`` is most likely ``candidate`` mistyped: a letter or two off (one
    in five at most, never a number: "Film 2" is a sequel), or its first words."""
    if _starts(candidate, title):
        return True
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


# --------------------------------------------------------------------------- viewings


@dataclass(frozen=True, slots=True)
class WatchDetails:
    """What a user says about one viewing; None means "not given"."""

    date: dt.date
    rating: float | None = None
    medium: str | None = None
    where: str | None = None
    with_: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rewatch: bool | None = None
    liked: bool = False
    dnf: bool = False
    spoilers: bool = False
    review: str | None = None
    disc: int | None = None
    source: str | None = None


def now_stamp() -> str:
    """The local time now, to the second, with its UTC offset."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _order(day: dt.date, watch_id: int | None) -> tuple[dt.date, float]:
    # A viewing not saved yet (no id) will get the highest id: it comes last on its day.
    return (day, math.inf if watch_id is None else watch_id)


def rewatches_after(
    watches: Iterable[Watch], day: dt.date, watch_id: int | None = None
) -> list[Watch]:
    """The viewings a viewing on ``day`` makes rewatches, marked as such (to be saved).

    Every other viewing of the film after it becomes a rewatch: those on a later day,
    and those on the same day with a higher id (``watch_id`` None is a viewing not saved
    yet, which comes last). A flag the user gave stays. ``watches`` are the film's
    viewings. (An import plans with this; :func:`derive` is the whole rule.)
    """
    key = _order(day, watch_id)
    return [
        replace(w, rewatch=True)
        for w in watches
        if not w.rewatch
        and not w.rewatch_given
        and w.id != watch_id
        and w.date is not None
        and _order(w.date, w.id) > key
    ]


# --------------------------------------------------------------------------- derived state

# Set in _meta once the journal's flags have been read as derived (see adopt_flags).
DERIVED_MARK = "derived"


def derive(
    films: Iterable[Film], watches: Iterable[Watch], discs: Iterable[Disc] | None = None
) -> tuple[list[Film], list[Watch]]:
    """The films and viewings whose derived state is stale, with it made right.

    The one rule for what filmlog works out rather than is told:

    - a film is ``seen`` when it has a viewing, or is seen without one (``seen_given``);
    - a viewing is a ``rewatch`` when the film has an earlier viewing (by day, then id)
      or is seen without one, unless the user gave the flag (``rewatch_given``);
    - with ``discs``, a viewing's ``disc`` must be a disc that holds its film (a disc
      that holds no film takes any); otherwise the link is dropped.

    Only the viewings of the films given are looked at.
    """
    by_film: dict[str, list[Watch]] = {}
    for watch in watches:
        by_film.setdefault(watch.film, []).append(watch)
    holding = None if discs is None else {d.id: d.films for d in discs}
    stale_films: list[Film] = []
    stale_watches: list[Watch] = []
    for film in films:
        views = by_film.get(film.id, [])
        if film.seen != (film.seen_given or bool(views)):
            stale_films.append(replace(film, seen=not film.seen))
        # A review without a day (an undated entry) says the film was seen before the
        # dated viewings; it is no viewing of its own to call first or again.
        dated = sorted((w for w in views if w.date is not None), key=lambda w: (w.date, w.id))
        seen_before = film.seen_given or len(dated) < len(views)
        order = {w.id: n for n, w in enumerate(dated)}
        for watch in views:
            right = watch
            n = order.get(watch.id)
            if (
                n is not None
                and not watch.rewatch_given
                and watch.rewatch != (n > 0 or seen_before)
            ):
                right = replace(right, rewatch=not watch.rewatch)
            if holding is not None and watch.disc is not None:
                held = holding.get(watch.disc)
                if held is None or (held and film.id not in held):
                    right = replace(right, disc=None)
            if right is not watch:
                stale_watches.append(right)
    return stale_films, stale_watches


def adopted_flags(films: list[Film], watches: list[Watch]) -> tuple[list[Film], list[Watch]]:
    """A journal written before flags were derived, read as the user meant it.

    Its ``seen`` and ``rewatch`` may be the user's (or an import's) word: a film seen
    without a viewing is seen without one, and a rewatch the rule would not make keeps
    its flag as given (a viewing from before the journal). A first viewing the rule
    makes a rewatch becomes one, as the next change would have made it before. Returns
    the films and viewings to save.
    """
    viewed = {w.film for w in watches}
    marked = {
        f.id: replace(f, seen_given=True)
        for f in films
        if f.seen and not f.seen_given and f.id not in viewed
    }
    everyone = [marked.get(f.id, f) for f in films]
    _, differ = derive(everyone, watches)
    stored = {w.id: w for w in watches}
    given = [replace(stored[w.id], rewatch_given=True) for w in differ if not w.rewatch]
    return list(marked.values()), given


def adopt_flags(store: Store) -> None:
    """Once per journal: read flags written before they were derived (see adopted_flags).

    An empty journal has none: it is marked with its first change (see mark_derived).
    """
    if store.meta(DERIVED_MARK) or store.is_empty():
        return
    films, watches = adopted_flags(store.films(), store.watches())
    store.save_films(films)
    store.save_watches(watches)
    store.set_meta(DERIVED_MARK, 1)


def settle(store: Store, film_ids: Iterable[str]) -> list[Watch]:
    """Make the derived state of these films and their viewings right (see derive).

    Every change calls this for the films it touched. Returns the viewings changed.
    """
    adopt_flags(store)
    ids = set(film_ids)
    films = [f for f in (store.film(i) for i in sorted(ids)) if f is not None]
    watches = store.watches(ids)
    discs = store.discs() if any(w.disc is not None for w in watches) else []
    stale_films, stale_watches = derive(films, watches, discs)
    store.save_films(stale_films)
    store.save_watches(stale_watches)
    return stale_watches


def settle_import(store: Store, films: Iterable[str], viewed: Iterable[str]) -> None:
    """After an import: a film it marks seen that has no viewing is seen without one
    (a watched list, a rating); then the derived state of every film it touched."""
    touched = {*films, *viewed}
    have = {w.film for w in store.watches(touched)}
    given = [
        replace(f, seen_given=True)
        for f in (store.film(i) for i in sorted(touched - have))
        if f is not None and f.seen and not f.seen_given
    ]
    adopt_flags(store)
    store.save_films(given)
    settle(store, touched)


def _take_off_watchlist(store: Store, film_id: str) -> Listed | None:
    """Take a film off the watchlist; the entry, to be kept on the viewing that did it."""
    item = next((i for i in store.watchlist() if i.film == film_id), None)
    if item is None:
        return None
    store.remove_from_watchlist(film_id)
    return Listed(item.added, item.note)


def _give_back(store: Store, watch: Watch) -> None:
    """The watchlist entry a viewing took off, after the viewing left its film: back on
    the list when the film has no viewing left, else kept by its first remaining one."""
    if watch.watchlist is None or store.film(watch.film) is None:
        return
    left = [w for w in store.watches([watch.film]) if w.id != watch.id]
    if left:
        if left[0].watchlist is None:
            store.save_watch(replace(left[0], watchlist=watch.watchlist))
    elif not store.on_watchlist(watch.film):
        item = WatchlistItem(watch.film, watch.watchlist.added, watch.watchlist.note)
        store.save_watchlist_items([item])


def log_watch(store: Store, film: Film, details: WatchDetails) -> Watch:
    """Save a viewing of ``film`` (saving the film too), and take it off the watchlist.

    The viewing is a rewatch when an earlier one is in the journal, unless
    ``details.rewatch`` says; the film's later viewings become rewatches. A watchlist
    entry it takes off is kept on it (``watch.watchlist``).
    """
    disc = _check_disc(store, details.disc)
    if disc is not None:
        _check_disc_holds(store, disc, film)
        if details.medium is None:
            details = replace(details, medium=disc_medium(disc))
    others = store.watches([film.id])
    watch = Watch(
        id=0,
        film=film.id,
        date=details.date,
        logged=now_stamp(),
        rating=details.rating,
        medium=details.medium,
        where=details.where,
        with_=details.with_,
        tags=details.tags,
        rewatch=bool(details.rewatch),
        liked=details.liked,
        dnf=details.dnf,
        spoilers=details.spoilers,
        review=details.review,
        disc=details.disc,
        source=details.source,
        rewatch_given=details.rewatch is not None,
    )
    # A rating kept on the film (an import's) gives way to a newer rated viewing, as on
    # Letterboxd; an older viewing logged late leaves it alone.
    rating = film.rating
    if (
        rating is not None
        and details.rating is not None
        and not any(w.date is not None and w.date > details.date for w in others)
    ):
        rating = details.rating
    film = replace(film, liked=film.liked or details.liked, rating=rating)
    if disc is not None and not disc.films:
        disc = replace(disc, films=(film.id,))
        store.save_disc(disc)
    watch = replace(watch, watchlist=_take_off_watchlist(store, film.id))
    # The one rule (see derive), worked out before anything is written, so each table is
    # changed once: the new viewing will have the highest id, as its stand-in has here.
    adopt_flags(store)
    stand_in = replace(watch, id=_NEWEST)
    views = [*others, stand_in]
    discs = store.discs() if any(w.disc is not None for w in views) else []
    stale_films, stale_watches = derive([film], views, discs)
    film = next(iter(stale_films), film)
    watch = next((replace(w, id=0) for w in stale_watches if w.id == _NEWEST), watch)
    store.save_film(film)
    saved = store.add_watch(watch)
    store.save_watches(w for w in stale_watches if w.id != _NEWEST)
    return saved


# A stand-in id for a viewing not yet numbered, after every viewing's id.
_NEWEST = 2**62


@dataclass(frozen=True, slots=True)
class Logged:
    """What ``add`` did: the viewing, its film (new or not), titles the new film's
    might be a typo of, and a note when the film was already logged that day."""

    watch: Watch
    film: Film
    created: bool
    near: tuple[str, ...] = ()
    again: str | None = None


def add_viewing(
    store: Store,
    pick: Pick,
    details: WatchDetails,
    review: str | None = None,
    listed_as: str | None = None,
    again: str | None = None,
) -> Logged:
    """Log a viewing of the film ``pick`` names (see log_watch). ``again`` is what was
    said beforehand of a film already logged that day ("" once answered); when nobody
    was asked, it is found out here and returned to be noted."""
    film, created = find_picked(store, pick)
    if again is None and not created:
        again = logged_on(store, film, details.date)
    if listed_as is not None:
        from filmlog.catalog import with_alias

        film = with_alias(film, listed_as)
    near = tuple(suggestions(store, pick.text)) if created else ()
    watch = log_watch(store, film, replace(details, review=review))
    return Logged(watch, film, created, near, again)


@dataclass(frozen=True, slots=True)
class Edited:
    """What ``edit`` did: the viewing before and after, and its film before and after
    (None when a script left it pointing at no film)."""

    before: Watch
    watch: Watch
    was: Film | None
    film: Film | None


def edit_viewing(
    store: Store,
    watch_id: int,
    changes: dict[str, Any],
    lists: dict[str, ListEdit],
    title: str | None = None,
    year: int | None = None,
    choose: Choose | None = None,
) -> Edited:
    """Change a viewing (see edit_watch); ``title`` moves it to the film it names."""
    film = resolve_title(store, title, year, choose) if title else None
    if not changes and not lists and film is None:
        raise InvalidInput("nothing to change", "give an option such as --rating; see --help")
    before = get_watch(store, watch_id)
    watch = edit_watch(store, watch_id, changes, film, lists)
    return Edited(before, watch, store.film(before.film), store.film(watch.film))


def disc_medium(disc: Disc) -> str | None:
    """The medium of a viewing from this disc (``4K UHD`` -> uhd), if its format says."""
    from filmlog.models import parse_medium

    try:
        return parse_medium((disc.format or "").replace(" ", "-"))
    except InvalidInput:
        return None


def _check_disc(store: Store, disc_id: int | None) -> Disc | None:
    if disc_id is None:
        return None
    disc = store.disc(disc_id)
    if disc is None:
        raise DiscNotFound(f"no disc #{disc_id}", "'filmlog disc list' shows your discs")
    return disc


def _check_disc_holds(store: Store, disc: Disc, film: Film, other_way: str = "") -> None:
    """Refuse a viewing from a disc that does not hold its film (a wrong id, most likely).

    A disc that holds no film (made by hand) takes any.
    """
    if film.id in disc.films or not disc.films:
        return
    import shlex

    held = ", ".join((f.label if (f := store.film(i)) else i) for i in disc.films)
    raise FilmlogError(
        f"disc #{disc.id} holds {held}, not {film.label}",
        f"if it is on the disc too: filmlog disc edit {disc.id} --film {shlex.quote(film.label)}"
        + other_way,
    )


def get_watch(store: Store, watch_id: int) -> Watch:
    """The viewing with this id, or WatchNotFound."""
    watch = store.watch(watch_id)
    if watch is None:
        raise WatchNotFound(
            f"no viewing #{watch_id}", "'filmlog diary' lists viewings with their ids"
        )
    return watch


@dataclass(frozen=True, slots=True)
class ListEdit:
    """What ``edit`` does to a list of a viewing (``tags``, ``with_``), in this order:
    empty it, take values off, add values."""

    clear: bool = False
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()


def edited_list(watch: Watch, name: str, how: ListEdit) -> tuple[str, ...]:
    """The list ``name`` of ``watch`` after ``how``; a value to take off that it does not
    hold is refused with what it holds."""
    from filmlog.models import fold

    current: tuple[str, ...] = () if how.clear else getattr(watch, name)
    shown = {"with_": "with", "tags": "tag"}.get(name, name)
    for value in how.remove:
        kept = tuple(v for v in current if fold(v) != fold(value))
        if len(kept) == len(current):
            raise NotFound(
                f"viewing #{watch.id} has no {shown} {value!r}",
                f"it has: {', '.join(current)}" if current else f"its {shown} list is empty",
            )
        current = kept
    return unique((*current, *how.add))


def edit_watch(
    store: Store,
    watch_id: int,
    changes: dict[str, Any],
    film: Film | None = None,
    lists: dict[str, ListEdit] | None = None,
) -> Watch:
    """Change some fields of a viewing; ``film`` moves it to another film; ``lists``
    adds to, takes off or empties its tags and people (see ListEdit).

    A ``rewatch`` in ``changes`` is the user's word; ``rewatch_given`` False hands the
    flag back to the rule. Derived state of both films is made right afterwards; a
    viewing moved away gives back the watchlist entry it took off, and one moved onto a
    film on the watchlist takes it off.
    """
    watch = get_watch(store, watch_id)
    for name, how in (lists or {}).items():
        changes[name] = edited_list(watch, name, how)
    target = film if film is not None else store.film(watch.film)
    moved = target is not None and target.id != watch.film
    disc = _check_disc(store, changes["disc"]) if "disc" in changes else None
    if disc is None and moved and watch.disc is not None and "disc" not in changes:
        disc = store.disc(watch.disc)
    if disc is not None and target is not None:
        _check_disc_holds(store, disc, target, "; else add --clear disc" if moved else "")
    if target is not None and (moved or changes.get("liked")):
        # As with add --like, loving a viewing likes the film.
        store.save_film(replace(target, liked=target.liked or bool(changes.get("liked"))))
        changes["film"] = target.id
    if "rewatch" in changes:
        changes["rewatch_given"] = True
    updated = replace(watch, **changes)
    if moved:
        _give_back(store, watch)
        updated = replace(updated, watchlist=_take_off_watchlist(store, updated.film))
    store.save_watch(updated)
    settle(store, {watch.film, updated.film})
    return store.watch(watch_id) or updated


def remove_watch(store: Store, watch_id: int) -> Watch:
    """Delete a viewing; returns what was deleted. The watchlist entry it took off comes
    back, and its film's derived state is made right."""
    watch = get_watch(store, watch_id)
    store.remove_watch(watch_id)
    _give_back(store, watch)
    settle(store, [watch.film])
    return watch


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Summary:
    watches: int
    average_rating: float | None
    last_rating: float | None
    first_watched: dt.date | None
    last_watched: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "watches": self.watches,
            "average_rating": self.average_rating,
            "last_rating": self.last_rating,
            "first_watched": self.first_watched.isoformat() if self.first_watched else None,
            "last_watched": self.last_watched.isoformat() if self.last_watched else None,
        }


def summarise(watches: Sequence[Watch]) -> Summary:
    """Counts, average and latest rating, first and last day of a film's viewings."""
    ordered = sorted(watches, key=watch_order)
    rated = [w.rating for w in ordered if w.rating is not None]
    days = [w.date for w in ordered if w.date is not None]
    return Summary(
        watches=len(ordered),
        average_rating=round(sum(rated) / len(rated), 2) if rated else None,
        last_rating=rated[-1] if rated else None,
        first_watched=days[0] if days else None,
        last_watched=days[-1] if days else None,
    )


def current_rating(film: Film, summary: Summary) -> float | None:
    """The film's rating: set on the film, else the latest viewing's."""
    return film.rating if film.rating is not None else summary.last_rating


@dataclass(frozen=True, slots=True)
class FilmPage:
    film: Film
    watches: list[Watch]
    discs: list[Disc]
    summary: Summary
    see_also: list[Film]
    on_watchlist: bool
    # The other films on this film's discs, by id (a disc can hold several).
    disc_films: dict[str, Film] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        from filmlog.models import disc_to_doc, film_to_doc, watch_to_doc

        film = film_to_doc(self.film)
        film["rating"] = current_rating(self.film, self.summary)
        return {
            "film": film,
            "watches": [watch_to_doc(w) for w in self.watches],
            "discs": [disc_to_doc(d) for d in self.discs],
            "summary": self.summary.to_json(),
        }


def film_page(store: Store, film: Film) -> FilmPage:
    """Everything the journal knows about one film."""
    watches = store.watches([film.id])
    see_also = [f for f in (store.film(i) for i in film.see_also) if f is not None]
    discs = store.discs(film.id)
    others = {i for d in discs for i in d.films if i != film.id}
    return FilmPage(
        film=film,
        watches=watches,
        discs=discs,
        summary=summarise(watches),
        see_also=see_also,
        on_watchlist=store.on_watchlist(film.id),
        disc_films={i: f for i in sorted(others) if (f := store.film(i)) is not None},
    )


@dataclass(frozen=True, slots=True)
class DiaryFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    tags: tuple[str, ...] = ()
    medium: str | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    film: str | None = None  # a film id
    where: str | None = None  # words the place holds, from the start of a word
    with_: tuple[str, ...] = ()  # people, each named from the start of a word
    liked: bool = False
    rewatch: bool | None = None  # True: rewatches only; False: first viewings only
    dnf: bool = False
    reviewed: bool = False

    def accepts(self, watch: Watch) -> bool:
        if watch.date is None:
            return False
        if self.start and watch.date < self.start:
            return False
        if self.end and watch.date > self.end:
            return False
        if self.film is not None and watch.film != self.film:
            return False
        if self.medium and watch.medium != self.medium:
            return False
        if not self._rated(watch.rating) or not self._flagged(watch):
            return False
        if self.where is not None and not holds_words(watch.where or "", self.where):
            return False
        if any(not any(holds_words(p, name) for p in watch.with_) for name in self.with_):
            return False
        wanted = {t.casefold() for t in self.tags}
        return wanted <= {t.casefold() for t in watch.tags}

    def _rated(self, rating: float | None) -> bool:
        if self.min_rating is None and self.max_rating is None:
            return True
        if rating is None:
            return False
        return (self.min_rating is None or rating >= self.min_rating) and (
            self.max_rating is None or rating <= self.max_rating
        )

    def _flagged(self, watch: Watch) -> bool:
        return (
            (not self.liked or watch.liked)
            and (not self.dnf or watch.dnf)
            and (not self.reviewed or bool(watch.review))
            and (self.rewatch is None or watch.rewatch == self.rewatch)
        )


def holds_words(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` from the start of a word, folded as titles are."""
    from filmlog.models import fold

    return f" {fold(text)} ".find(f" {fold(words)}") >= 0


def diary(
    store: Store, where: DiaryFilter, limit: int | None = None, oldest_first: bool = False
) -> list[tuple[Watch, Film]]:
    """Viewings newest (or oldest) first with their films, filtered, at most ``limit``."""
    if oldest_first:
        return diary(store, where)[::-1][:limit]
    rows: list[tuple[Watch, Film]] = []
    films: dict[str, Film] = {}
    for watch in store.watches_newest_first():
        if limit is not None and len(rows) >= limit:
            break
        if not where.accepts(watch):
            continue
        film = films.get(watch.film) or store.film(watch.film)
        if film is None:
            film = Film(id=watch.film, title=watch.film)
        films[watch.film] = film
        rows.append((watch, film))
    return rows


def watch_json(watch: Watch, film: Film) -> dict[str, Any]:
    """A viewing as JSON with its film's title and year (the diary shape)."""
    from filmlog.models import watch_to_doc

    doc = watch_to_doc(watch)
    doc["title"] = film.title
    doc["year"] = film.year
    return doc


def split_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags as typed: ``"neo-noir, 35mm"`` is two tags, as on Letterboxd."""
    return unique(t.strip() for v in values for t in v.split(","))


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, cleaned to one line each, in order, each once whatever its case
    (``Noir`` and ``noir`` are one tag: the first spelling stays)."""
    kept: dict[str, str] = {}
    for value in values:
        if value and (clean := clean_line(value)):
            kept.setdefault(clean.casefold(), clean)
    return tuple(kept.values())
