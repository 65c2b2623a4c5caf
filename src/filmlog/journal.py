"""Use cases: find a film by title, log and change viewings, summarise a film.

Takes a Store and models; knows nothing of terminals. A caller that can ask the user
passes ``choose`` to pick between films of the same title.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field, replace
from typing import Any

from filmlog.errors import (
    AmbiguousTitle,
    DiscNotFound,
    FilmlogError,
    FilmNotFound,
    InvalidInput,
    WatchNotFound,
)
from filmlog.models import (
    Disc,
    Film,
    Watch,
    clean_line,
    model,
    split_title_year,
    title_key,
    watch_order,
)
from filmlog.store import Store

Choose = Callable[[Sequence[Film]], Film]


# --------------------------------------------------------------------------- titles


@model
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
    films = [f for f in (store.film(c.id) for c in matches) if f is not None]
    return sorted(films, key=lambda f: (f.year or 0, f.title))


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


def suggestions(store: Store, text: str, limit: int = 3) -> list[str]:
    """Near titles for "did you mean": close spellings, then titles containing the words.

    Spellings are compared with titles of about the same length that share the first or
    the last letter (a typo seldom changes both): comparing every title of a large
    journal would cost more than all the rest of ``add``.
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
    if len(close) < limit:
        close += [k for k in keys if wanted in k and k not in close][: limit - len(close)]
    # Remakes share a title: each is suggested, with its year.
    labels = (sorted(Candidate(*e).label for e in store.films_titled(k)) for k in close)
    return list(dict.fromkeys(label for group in labels for label in group))[:limit]


def resolve_title(
    store: Store, text: str, year: int | None = None, choose: Choose | None = None
) -> Film:
    """The one film a title names; never a silent guess.

    Raises FilmNotFound (with suggestions) or AmbiguousTitle (with the candidates).
    """
    films = matching_films(store, text, year)
    if len(films) == 1:
        return films[0]
    if films:
        return _pick(films, text, choose)
    near = suggestions(store, text)
    hint = "did you mean " + " or ".join(repr(s) for s in near) + "?" if near else None
    shown = text.strip() + (f" ({year})" if year else "")
    raise FilmNotFound(f"no film called {shown!r} in the journal", hint, tuple(near))


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


# --------------------------------------------------------------------------- viewings


@model
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


def _seen_before(others: Iterable[Watch], day: dt.date, watch_id: int | None, seen: bool) -> bool:
    """A viewing's own rewatch flag: an earlier viewing is in the journal, or the film is
    marked seen without any dated viewing (a rating imported from IMDb, say)."""
    others = [w for w in others if w.id != watch_id]
    days = [(w.date, w.id) for w in others if w.date is not None]
    key = _order(day, watch_id)
    # A review without a day says the film was seen, as "seen" does.
    seen = seen or len(days) < len(others)
    return any(d < key for d in days) or (seen and not days)


def rewatches_after(
    watches: Iterable[Watch], day: dt.date, watch_id: int | None = None
) -> list[Watch]:
    """The viewings a viewing on ``day`` makes rewatches, marked as such (to be saved).

    The rule behind ``rewatch``: whenever a viewing of a film lands on a day (logged,
    moved to another day or film, merged, imported), every other viewing of the film
    after it becomes a rewatch: those on a later day, and those on the same day with a
    higher id (``watch_id`` None is a viewing not saved yet, which comes last). Nothing
    turns a rewatch back into a first viewing: one marked as a rewatch may stand for a
    viewing from before the journal. ``watches`` are the film's viewings.
    """
    key = _order(day, watch_id)
    return [
        replace(w, rewatch=True)
        for w in watches
        if not w.rewatch and w.id != watch_id and w.date is not None and _order(w.date, w.id) > key
    ]


def log_watch(store: Store, film: Film, details: WatchDetails) -> Watch:
    """Save a viewing of ``film`` (saving the film too), and take it off the watchlist.

    The viewing is a rewatch when an earlier one is in the journal, unless
    ``details.rewatch`` says; the film's later viewings become rewatches.
    """
    disc = _check_disc(store, details.disc)
    if disc is not None:
        _check_disc_holds(store, disc, film)
        if details.medium is None:
            details = replace(details, medium=disc_medium(disc))
    others = store.watches([film.id])
    rewatch = details.rewatch
    if rewatch is None:
        rewatch = _seen_before(others, details.date, None, seen=film.seen)
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
        rewatch=rewatch,
        liked=details.liked,
        dnf=details.dnf,
        spoilers=details.spoilers,
        review=details.review,
        disc=details.disc,
        source=details.source,
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
    store.save_film(replace(film, seen=True, liked=film.liked or details.liked, rating=rating))
    if disc is not None and not disc.films:
        store.save_disc(replace(disc, films=(film.id,)))
    if store.on_watchlist(film.id):
        store.remove_from_watchlist(film.id)
    saved = store.add_watch(watch)
    if later := rewatches_after(others, details.date, saved.id):
        store.save_watches(later)
    return saved


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


def edit_watch(
    store: Store, watch_id: int, changes: dict[str, Any], film: Film | None = None
) -> Watch:
    """Change some fields of a viewing; ``film`` moves it to another film.

    A viewing moved to another day or film lands there as a new one does: its own
    rewatch flag (unless given) can turn on, and the film's later viewings become
    rewatches.
    """
    watch = get_watch(store, watch_id)
    target = film if film is not None else store.film(watch.film)
    moved = target is not None and target.id != watch.film
    disc = _check_disc(store, changes["disc"]) if "disc" in changes else None
    if disc is None and moved and watch.disc is not None and "disc" not in changes:
        disc = store.disc(watch.disc)
    if disc is not None and target is not None:
        _check_disc_holds(store, disc, target, "; else add --clear disc" if moved else "")
    if target is not None and (moved or changes.get("liked")):
        # As with add --like, loving a viewing likes the film.
        store.save_film(
            replace(target, seen=True, liked=target.liked or bool(changes.get("liked")))
        )
        changes["film"] = target.id
    updated = replace(watch, **changes)
    day = updated.date
    if day is not None and (day != watch.date or updated.film != watch.film):
        others = [w for w in store.watches([updated.film]) if w.id != watch_id]
        if "rewatch" not in changes and not updated.rewatch:
            # The film's own "seen" counts only for a film this viewing is new to.
            seen = target is not None and moved and target.seen
            updated = replace(updated, rewatch=_seen_before(others, day, watch_id, seen))
        if later := rewatches_after(others, day, watch_id):
            store.save_watches(later)
    store.save_watch(updated)
    return updated


def remove_watch(store: Store, watch_id: int) -> Watch:
    """Delete a viewing; returns what was deleted."""
    watch = get_watch(store, watch_id)
    store.remove_watch(watch_id)
    return watch


# --------------------------------------------------------------------------- reading


@model
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


@model
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


@model
class DiaryFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    tags: tuple[str, ...] = ()
    medium: str | None = None
    min_rating: float | None = None

    def accepts(self, watch: Watch) -> bool:
        if watch.date is None:
            return False
        if self.start and watch.date < self.start:
            return False
        if self.end and watch.date > self.end:
            return False
        if self.medium and watch.medium != self.medium:
            return False
        if self.min_rating is not None and (watch.rating is None or watch.rating < self.min_rating):
            return False
        wanted = {t.casefold() for t in self.tags}
        return wanted <= {t.casefold() for t in watch.tags}


def diary(store: Store, where: DiaryFilter, limit: int | None = None) -> list[tuple[Watch, Film]]:
    """Viewings newest first with their films, filtered, at most ``limit``."""
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


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, cleaned to one line each, in order, each once whatever its case
    (``Noir`` and ``noir`` are one tag: the first spelling stays)."""
    kept: dict[str, str] = {}
    for value in values:
        if value and (clean := clean_line(value)):
            kept.setdefault(clean.casefold(), clean)
    return tuple(kept.values())
