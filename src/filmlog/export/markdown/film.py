"""A film's Markdown page: its front matter, then its body.

The body's headings nest: the film is level 1, its sections (facts, cast, viewings, discs,
notes) level 2, each viewing and disc level 3, and a review's own headings start at level 4.
The journal, list and index pages (``pages``) reuse its body, its links to other films
and its rating.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from filmlog.export import Library
from filmlog.export.markdown.yaml_text import front_matter
from filmlog.export.mdtext import inline, paragraphs, review
from filmlog.models import Disc, Film, Watch, day_label, format_rating, score_word, stars

REVIEW_TOP = 4  # a review's highest heading, under the viewing's level-3 heading


def film_page(library: Library, film: Film, names: dict[str, str] | None = None) -> str:
    """A film's whole page: front matter, then its body."""
    watches = library.watches_of(film.id)
    return front_matter(_film_meta(film, watches)) + "\n" + _film_body(library, film, names)


def _film_body(library: Library, film: Film, names: dict[str, str] | None) -> str:
    watches = library.watches_of(film.id)
    discs = library.discs_of(film.id)
    blocks: list[str] = [f"# {inline(film.label)}", _headline(film, watches)]
    facts = _facts(library, film, names)
    if facts or film.synopsis:
        blocks.append("## Facts")
        if facts:
            blocks.append(_list(facts))
        if film.synopsis:
            blocks.append(paragraphs(film.synopsis))
    if film.cast:
        blocks.append("## Cast")
        blocks.append(
            _list(
                inline(c.name) + (f" as *{inline(c.role)}*" if c.role.strip() else "")
                for c in film.cast
            )
        )
    if watches:
        blocks.append("## Viewings")
        for watch in watches:
            blocks.extend(_viewing(library, watch))
    if discs:
        blocks.append("## Discs")
        for disc in discs:
            blocks.extend(_disc(library, disc, film, names))
    if film.notes and film.notes.strip():
        blocks.append("## Notes")
        blocks.append(paragraphs(film.notes))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _headline(film: Film, watches: Sequence[Watch]) -> str:
    parts = []
    rating = _rating(film, watches)
    if rating is not None:
        parts.append(f"{stars(rating)} {format_rating(rating)}/5")
    if film.liked:
        parts.append("♥ liked")
    days = _days(watches)
    if days:
        first, last = days[0].isoformat(), days[-1].isoformat()
        if len(days) == 1:
            parts.append(f"seen once, on {last}")
        else:
            parts.append(f"seen {len(days)} times, first {first}, last {last}")
        rated = [w.rating for w in watches if w.rating is not None]
        if len(rated) > 1:
            parts.append(f"average {format_rating(round(sum(rated) / len(rated), 2))}")
    elif film.seen:
        parts.append("seen (no dated viewing)")
    else:
        parts.append("not seen yet")
    return " · ".join(parts)


def _facts(library: Library, film: Film, names: dict[str, str] | None) -> list[str]:
    rows = [
        ("Also known as", _join(film.aka)),
        ("Kind", inline(film.kind) if film.kind != "film" else ""),
        ("Directed by", _join(film.directors)),
        ("Written by", _join(film.writers)),
        ("Based on", inline(film.based_on or "")),
        ("Music", _join(film.composers)),
        ("Cinematography", _join(film.cinematographers)),
        ("Genres", _join(film.genres)),
        ("Runtime", f"{film.runtime} min" if film.runtime else ""),
        ("Certificate", inline(film.certificate or "")),
        ("Countries", _join(film.countries)),
        ("IMDb", _id_link(film.ids.imdb, _IMDB, "https://www.imdb.com/title/{}/")),
        (
            "TMDb",
            _id_link(
                film.ids.tmdb,
                _DIGITS if film.kind == "film" else _NOTHING,
                "https://www.themoviedb.org/movie/{}",
            ),
        ),
        ("Letterboxd", _id_link(film.ids.letterboxd, _LETTERBOXD, "{}")),
        ("See also", ", ".join(_film_ref(library, i, names) for i in film.see_also)),
    ]
    return [f"**{label}:** {value}" for label, value in rows if value]


_IMDB = re.compile(r"^tt\d{1,12}$")
_DIGITS = re.compile(r"^\d{1,12}$")
_NOTHING = re.compile(r"(?!)")
_LETTERBOXD = re.compile(r"^https://(?:letterboxd\.com|boxd\.it)/[A-Za-z0-9\-._~/%]*$")


def _id_link(value: str | None, pattern: re.Pattern[str], url: str) -> str:
    if not value or not value.strip():
        return ""
    if pattern.match(value):
        return f"[{inline(value)}]({url.format(value)})"
    return inline(value)


def _film_ref(library: Library, film_id: str, names: dict[str, str] | None) -> str:
    other = library.film(film_id)
    label = inline(other.label if other else film_id)
    if other is not None and names and film_id in names:
        return f"[{label}]({names[film_id]})"
    return label


def _viewing(library: Library, watch: Watch) -> list[str]:
    heading = f"### {day_label(watch.date)}"
    if watch.rating is not None:
        heading += f" · {stars(watch.rating)}"
    details = _viewing_details(library, watch)
    blocks = [heading]
    if details:
        blocks.append(_list(details))
    text = review(watch.review or "", REVIEW_TOP, f"v{watch.id}")
    if text:
        if watch.spoilers:
            blocks.append("*The review below has spoilers.*")
        elif details and _JOINS_LIST.match(text):
            # Indented text or a "-" list right after the details list would join it.
            blocks.append("*Review:*")
        blocks.append(text)
    return blocks


def _viewing_details(library: Library, watch: Watch) -> list[str]:
    """The list under a viewing's heading: rating, medium, where, with, tags, disc,
    flags; only those it has."""
    details = []
    if watch.rating is not None:
        details.append(f"**Rating:** {stars(watch.rating)} {format_rating(watch.rating)}/5")
    if watch.medium:
        details.append(f"**Medium:** {inline(watch.medium)}")
    if watch.where and watch.where.strip():
        details.append(f"**Where:** {inline(watch.where)}")
    if watch.with_:
        details.append(f"**With:** {_join(watch.with_)}")
    if watch.tags:
        details.append(f"**Tags:** {_join(watch.tags)}")
    if watch.disc is not None:
        disc = library.disc(watch.disc)
        details.append(f"**Disc:** {_disc_title(disc) if disc else ''} (disc #{watch.disc})")
    flags = [
        name
        for name, on in (
            ("rewatch", watch.rewatch),
            ("♥ liked", watch.liked),
            ("did not finish", watch.dnf),
        )
        if on
    ]
    if flags:
        details.append(" · ".join(flags))
    return details


_JOINS_LIST = re.compile(r"^(?:[ \t]|-(?:[ \t]|$))")


def _disc_title(disc: Disc) -> str:
    words = " ".join(v.strip() for v in (disc.label, disc.format, disc.edition) if v and v.strip())
    return inline(words) if words else "Edition"


def _disc(library: Library, disc: Disc, film: Film, names: dict[str, str] | None) -> list[str]:
    blocks = [f"### {_disc_title(disc)} (disc #{disc.id})"]
    bought = disc.purchased
    purchase = ", ".join(
        inline(v)
        for v in (bought.date.isoformat() if bought.date else None, bought.price, bought.shop)
        if v and v.strip()
    )
    others = [i for i in disc.films if i != film.id]
    facts = [
        f"**{label}:** {value}"
        for label, value in (
            ("Format", inline(disc.format or "")),
            ("Edition", inline(disc.edition or "")),
            ("Label", inline(disc.label or "")),
            ("Region", inline(disc.region or "")),
            ("Released", disc.released.isoformat() if disc.released else ""),
            ("Discs", str(disc.discs) if disc.discs else ""),
            ("Certificate", inline(disc.certificate or "")),
            ("Packaging", inline(disc.packaging or "")),
            ("Video", inline(disc.video or "")),
            ("Audio", inline(disc.audio or "")),
            ("Bought", purchase),
            ("Also on this disc", ", ".join(_film_ref(library, i, names) for i in others)),
        )
        if value
    ]
    if facts:
        blocks.append(_list(facts))
    scores = [
        f"**{name.capitalize()}:** {stars(score)} {score_word(score)} ({format_rating(score)}/5)"
        for name in ("film", "picture", "audio", "extras")
        if (score := getattr(disc.scores, name)) is not None
    ]
    if scores:
        blocks.extend(["#### Scores", _list(scores)])
    for title, items in (("Extras", disc.extras), ("Pros", disc.pros), ("Cons", disc.cons)):
        listed = [inline(item) for item in items if item.strip()]
        if listed:
            blocks.extend([f"#### {title}", _list(listed)])
    if disc.verdict and disc.verdict.strip():
        blocks.extend(["#### Verdict", paragraphs(disc.verdict)])
    if disc.notes and disc.notes.strip():
        blocks.extend(["#### Notes", paragraphs(disc.notes)])
    return blocks


def _rating(film: Film, watches: Sequence[Watch]) -> float | None:
    """The film's rating: its own, else the latest rated viewing's."""
    if film.rating is not None:
        return film.rating
    rated = [w.rating for w in watches if w.rating is not None]
    return rated[-1] if rated else None


def _join(values: Sequence[str]) -> str:
    if not values:
        return ""
    return ", ".join(inline(v) for v in values if v.strip())


def _list(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


# --------------------------------------------------------------------------- its front matter


def _days(watches: Sequence[Watch]) -> list[dt.date]:
    """The days of dated viewings, oldest first (reviews without a day left out)."""
    return [w.date for w in watches if w.date is not None]


def _film_meta(film: Film, watches: Sequence[Watch]) -> list[tuple[str, Any]]:
    days = _days(watches)
    tags = list(dict.fromkeys(t for w in watches for t in w.tags))
    meta: list[tuple[str, Any]] = [
        ("title", film.title),
        ("year", film.year),
        ("directors", list(film.directors)),
        ("genres", list(film.genres)),
        ("rating", _rating(film, watches)),
        ("liked", film.liked),
        ("watched", days),
    ]
    if days:
        meta.append(("date", days[-1]))
    meta += [("tags", tags), ("aka", list(film.aka))]
    if film.kind != "film":
        meta.append(("kind", film.kind))
    meta.append(
        (
            "ids",
            [
                ("filmlog", film.id),
                ("imdb", film.ids.imdb),
                ("tmdb", film.ids.tmdb),
                ("letterboxd", film.ids.letterboxd),
            ],
        )
    )
    return meta
