"""The ``filmlog search`` screen: results grouped by what matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from filmlog.models import Film, count, day_label
from filmlog.render.text import DIM, film_label, joined, line, star_text
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
from filmlog.search.snippets import Snippet

HIT_STYLE = "bold reverse"
FIRST = 2  # the indent of a result's first line
MORE = 4  # and of the lines under it


def _heading(text: str, count: int) -> Text:
    return Text(text, style="bold underline") + Text(f"  {count}", style=DIM)


def search_results(results: Results, limit: int | None = None) -> RenderableType:
    """Search results grouped by what matched; each group shows at most ``limit``."""
    groups: list[tuple[str, Sequence[object], Callable[[object], list[Padding]]]] = [
        ("Films", results.films, _film_lines),
        ("People", results.people, _person_lines),
        ("Tags", results.tags, _tag_lines),
        ("Places", results.places, _place_lines),
        ("Genres", results.genres, _genre_lines),
        ("Reviews", results.reviews, _review_lines),
        ("Film notes", results.notes, _note_lines),
        ("Synopses", results.synopses, _note_lines),
        ("Based on", results.based_on, _note_lines),
        ("Disc notes", results.discs, _disc_lines),
    ]
    parts: list[RenderableType] = []
    for name, hits, draw in groups:
        if not hits:
            continue
        if parts:
            parts.append(Text())
        parts.append(_heading(name, len(hits)))
        shown = hits[:limit] if limit is not None else hits
        for hit in shown:
            parts += draw(hit)
        if len(hits) > len(shown):
            more = f"… {len(hits) - len(shown)} more; use --limit or --json"
            parts.append(Padding(Text(more, style=DIM), (0, 0, 0, FIRST)))
    return Group(*parts)


def _at(indent: int, text: Text) -> Padding:
    """``text`` indented, its wrapped lines under its first."""
    return Padding(text, (0, 0, 0, indent), expand=False)


def _film_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, FilmHit)
    text = film_label(hit.film)
    if hit.alias:
        text += Text("  also known as ", style=DIM) + line(hit.alias, "italic")
    if hit.watches:
        text.append(f"  seen {'once' if hit.watches == 1 else f'{hit.watches} times'}", DIM)
    else:
        text.append("  seen, no dated viewing" if hit.seen else "  not seen", style=DIM)
    if hit.film.directors:
        text += Text("  ") + joined(hit.film.directors, DIM)
    return [_at(FIRST, text)]


def _films_text(films: Sequence[Film], most: int = 5) -> Text:
    text = Text(", ").join(line(film.label) for film in films[:most])
    if len(films) > most:
        text.append(f", and {len(films) - most} more", style=DIM)
    return text


def _person_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, PersonHit)
    head = line(hit.name, "bold") + Text(f"  {count(hit.films, 'film')}", style=DIM)
    roles: dict[str, list[Credit]] = {}
    for credit in hit.credits:
        roles.setdefault(credit.role, []).append(credit)
    found = [_at(FIRST, head)]
    for role, credits in roles.items():
        text = Text(f"{role}: ", style="cyan")
        for i, credit in enumerate(credits[:5]):
            if i:
                text.append(", ")
            text += line(credit.film.label)
            if credit.character:
                text += Text(" as ", style=DIM) + line(credit.character, DIM)
        if len(credits) > 5:
            text.append(f", and {len(credits) - 5} more", style=DIM)
        found.append(_at(MORE, text))
    return found


def _tag_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, TagHit)
    return _named_films(line(hit.tag, "yellow"), count(hit.watches, "viewing"), hit.films)


def _place_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, PlaceHit)
    return _named_films(line(hit.place, "cyan"), count(hit.watches, "viewing"), hit.films)


def _genre_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, GenreHit)
    return _named_films(line(hit.genre, "cyan"), count(len(hit.films), "film"), hit.films)


def _named_films(name: Text, counted: str, films: Sequence[Film]) -> list[Padding]:
    """A tag, place or genre, how many of what, and its films: one line."""
    return [_at(FIRST, name + Text(f"  {counted}: ", style=DIM) + _films_text(films))]


def _disc_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, DiscHit)
    head = Text(f"disc #{hit.disc.id} ", style=DIM) + _films_text(hit.films)
    head.append(f"  {hit.field}", style="cyan")
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", style=DIM)
    return [_at(FIRST, head), _at(MORE, _snippet_text(hit.snippet))]


def _review_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, ReviewHit)
    head = Text(f"#{hit.watch.id} ", style=DIM) + Text(day_label(hit.watch.date) + "  ")
    head += film_label(hit.film)
    if hit.watch.rating is not None:
        head += Text("  ") + star_text(hit.watch.rating)
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", style=DIM)
    return [_at(FIRST, head), _at(MORE, _snippet_text(hit.snippet))]


def _note_lines(hit: object) -> list[Padding]:
    assert isinstance(hit, NoteHit)
    head = film_label(hit.film)
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", style=DIM)
    return [_at(FIRST, head), _at(MORE, _snippet_text(hit.snippet))]


def _snippet_text(cut: Snippet) -> Text:
    text = line(cut.text)
    if len(text) == len(cut.text):
        for start, end in cut.spans:
            text.stylize(HIT_STYLE, start, end)
    return text


def nothing_found_line(query: str) -> str:
    """What ``search`` says when nothing matches."""
    return f"Nothing in the journal matches {query!r}."
