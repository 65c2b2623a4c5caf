"""The film page of ``filmlog show``: facts, rating, cast, viewings, discs and reviews."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from filmlog.journal import FilmPage, current_rating
from filmlog.models import Disc, Film, Watch, day_label, format_rating, score_word, stars
from filmlog.render.tables import KeyValues, cast_table, viewings_table
from filmlog.render.text import (
    DIM,
    STARS,
    after_blank,
    disc_name,
    film_label,
    films_text,
    joined,
    line,
    prose,
)


def _facts(film: Film) -> list[tuple[str, Text]]:
    rows = [
        ("Also known as", joined(film.aka)),
        ("Kind", line(film.kind if film.kind != "film" else "")),
        ("Directed by", joined(film.directors)),
        ("Written by", joined(film.writers)),
        ("Based on", line(film.based_on)),
        ("Music", joined(film.composers)),
        ("Cinematography", joined(film.cinematographers)),
        ("Genres", joined(film.genres)),
        ("Runtime", Text(f"{film.runtime} min" if film.runtime else "")),
        ("Certificate", line(film.certificate)),
        ("Countries", joined(film.countries)),
        ("IMDb", line(film.ids.imdb)),
        ("TMDb", line(film.ids.tmdb)),
        ("Letterboxd", line(film.ids.letterboxd)),
    ]
    return [(k, v) for k, v in rows if v]


def _headline(page: FilmPage) -> Text:
    film, summary = page.film, page.summary
    headline = Text()
    rating = current_rating(film, summary)
    if rating is not None:
        headline.append(stars(rating), style=STARS)
        headline.append(f"  {format_rating(rating)}/5   ")
        if film.rated is not None and film.rating is not None:
            headline.append(f"rated {film.rated.isoformat()}   ", style=DIM)
    if film.liked:
        headline.append("♥ liked   ", style="red")
    if summary.watches:
        times = "once" if summary.watches == 1 else f"{summary.watches} times"
        headline.append(f"seen {times}", style="bold")
        if summary.first_watched and summary.first_watched != summary.last_watched:
            headline.append(f", first {summary.first_watched}, last {summary.last_watched}")
        elif summary.last_watched:
            headline.append(f", on {summary.last_watched}")
        if summary.average_rating is not None and summary.watches > 1:
            headline.append(f"; average {format_rating(summary.average_rating)}")
    elif film.seen:
        headline.append("seen (no dated viewing)", style="bold")
    else:
        headline.append("not seen yet", style=DIM)
    if page.on_watchlist:
        headline.append("   on your watchlist", style="yellow")
    return headline


def film_page(page: FilmPage) -> RenderableType:
    """The whole ``filmlog show`` page."""
    film = page.film
    parts: list[RenderableType] = [Rule(film_label(film), style="cyan"), _headline(page)]
    facts = _facts(film)
    if facts:
        parts.append(after_blank(KeyValues(facts)))
    if film.synopsis:
        parts.append(after_blank(prose(film.synopsis, "italic")))
    if film.cast:
        parts.append(after_blank(cast_table(film)))
    if page.see_also:
        parts.append(after_blank(Text("See also: ", style="cyan") + films_text(page.see_also)))
    if film.notes:
        parts.append(after_blank(prose(film.notes)))
    if page.watches:
        parts.append(after_blank(Text("Viewings", style="bold underline")))
        parts.append(viewings_table(page.watches))
    for disc in page.discs:
        films = [film if i == film.id else page.disc_films.get(i) for i in disc.films]
        parts.append(discafter_blank(disc, [f for f in films if f is not None]))
    parts += [reviewafter_blank(w) for w in reversed(page.watches) if w.review]
    return Group(*parts)


def reviewafter_blank(watch: Watch) -> RenderableType:
    """One review, rendered from its Markdown under a rule naming its viewing."""
    from filmlog.render.review import review

    title = Text(f"Review, {day_label(watch.date)}")
    if watch.rating is not None:
        title.append(f"  {stars(watch.rating)}", style=STARS)
    if watch.spoilers:
        title.append("  (spoilers)", style="yellow")
    rule = Rule(title, style="magenta", align="left")
    return Group(Text(), rule, review(watch.review or ""))


def score_text(score: float | None) -> Text:
    """A disc score as stars and its word: ``★★★★  good`` (words line up under each other)."""
    if score is None:
        return Text("")
    text = Text(stars(score).ljust(5), style=STARS)
    text.append(f" {score_word(score)}", style="bold")
    return text


def _disc_facts(disc: Disc, films: Sequence[Film]) -> list[tuple[str, Text]]:
    facts = [("Films", films_text(films))] if len(films) > 1 else []
    facts += [
        (k, line(v))
        for k, v in (
            ("Format", disc.format),
            ("Edition", disc.edition),
            ("Label", disc.label),
            ("Region", disc.region),
            ("Released", disc.released.isoformat() if disc.released else ""),
            ("Discs", str(disc.discs) if disc.discs else ""),
            ("Certificate", disc.certificate),
            ("Packaging", disc.packaging),
            ("Video", disc.video),
            ("Audio", disc.audio),
        )
        if v
    ]
    for name in ("film", "picture", "audio", "extras"):
        score = getattr(disc.scores, name)
        if score is not None:
            facts.append((f"{name.capitalize()} score", score_text(score)))
    bought = disc.purchased
    when = bought.date.isoformat() if bought.date else None
    purchase = ", ".join(v for v in (when, bought.price, bought.shop) if v)
    if purchase:
        facts.append(("Bought", line(purchase)))
    return facts


def discafter_blank(disc: Disc, films: Sequence[Film]) -> RenderableType:
    """A disc edition: its facts, scores, extras, pros, cons and verdict.

    ``films`` are the films on the disc; they are listed when there are several.
    """
    heading = Text(f"Disc #{disc.id}: ") + line(disc_name(disc))
    parts: list[RenderableType] = [
        Text(),
        Rule(heading, style="yellow", align="left"),
        KeyValues(_disc_facts(disc, films)),
    ]
    for label, items, mark in (
        ("Extras", disc.extras, "•"),
        ("Pros", disc.pros, "+"),
        ("Cons", disc.cons, "-"),
    ):
        if items:
            marks = Table.grid(padding=(0, 1))
            marks.add_column(no_wrap=True)
            marks.add_column(overflow="fold")
            for item in items:
                marks.add_row(mark, line(item))
            listed = Padding(marks, (0, 0, 0, 2), expand=False)
            parts.append(after_blank(Group(Text(label, style="bold"), listed)))
    if disc.verdict:
        parts.append(after_blank(Text("Verdict: ", style="bold") + line(disc.verdict, "italic")))
    if disc.notes:
        parts.append(after_blank(prose(disc.notes)))
    return Group(*parts)
