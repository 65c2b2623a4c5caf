"""Text from user data: cleaned by the one helper of ``filmlog.models``, styled, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.text import Text

from filmlog.models import Disc, Film, clean_line, clean_text, stars

STARS = "bold green"
DIM = "dim"


def after_blank(renderable: RenderableType) -> Group:
    """A part of a screen after a blank line, an empty one (a Padding would fill it with
    spaces as wide as the part, which a copy from the terminal or a pipe keeps)."""
    return Group(Text(), renderable)


def line(value: str | None, style: str = "") -> Text:
    """One line of user text (a title, a name, a place): nothing in it can move the
    cursor, break the line, or be read as markup."""
    return Text(clean_line(value or ""), style=style)


def prose(value: str | None, style: str = "") -> Text:
    """User text of several lines (a synopsis, a note, a review): its line breaks kept."""
    return Text(clean_text(value or ""), style=style)


def joined(values: Iterable[str], style: str = "") -> Text:
    """User values, comma-separated."""
    return line(", ".join(values), style)


def star_text(rating: float | None) -> Text:
    """Stars for a rating, empty when unrated."""
    return Text(stars(rating), style=STARS) if rating is not None else Text("")


def film_label(film: Film) -> Text:
    """``Title (year)`` with the year dimmed."""
    text = line(film.title, "bold")
    if film.year:
        text.append(f" ({film.year})", style=DIM)
    return text


def films_text(films: Iterable[Film], between: str = ", ") -> Text:
    """Film labels one after another, unstyled."""
    return Text(between).join(line(film.label) for film in films)


def disc_name(disc: Disc, unnamed: str = "edition") -> str:
    """What a disc is called: label, format and edition (``Arrow Blu-ray Limited Edition``).

    A disc with none of them is called ``unnamed``.
    """
    return " ".join(v for v in (disc.label, disc.format, disc.edition) if v) or unnamed


def indented_line(value: str, style: str = "") -> Text:
    """One line of user text after its indent: the leading spaces kept, the rest cleaned
    as by :func:`line`."""
    return Text(value[: len(value) - len(value.lstrip(" "))]) + line(value, style)
