"""Lists: ``list show`` (a heading, the description, a table of films) and ``list ls``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from filmlog.models import FilmList, clean_line, stars
from filmlog.render.console import console, piped
from filmlog.render.tables import Column, Fitted, _labels, show_table
from filmlog.render.text import DIM, STARS, line, prose

if TYPE_CHECKING:
    from filmlog.lists import ListRow


def list_table(film_list: FilmList, rows: Sequence[ListRow]) -> Fitted:
    """A list's films in order: rank (or position), film, your rating, seen, note."""
    return Fitted(
        [
            Column(
                "Rank" if film_list.ranked else "#",
                [str(r.entry.position) for r in rows],
                "" if film_list.ranked else DIM,
                wrap=False,
                justify="right",
            ),
            _labels("Film", [r.film for r in rows]),
            Column("Rating", [stars(r.rating) for r in rows], STARS, wrap=False),
            Column("Seen", ["✓" if r.seen else "" for r in rows], "green", wrap=False),
            Column("Note", [clean_line(r.entry.note or "") for r in rows], "italic"),
        ],
        ("Note",),
        main="Film",
    )


def heading(film_list: FilmList) -> Text:
    """``Name  ranked, 12 films`` then the description under it."""
    count = len(film_list.entries)
    text = line(film_list.name, "bold")
    kind = "ranked, " if film_list.ranked else ""
    text.append(f"  {kind}{count} {'film' if count == 1 else 'films'}", style=DIM)
    if film_list.description:
        text.append("\n").append_text(prose(film_list.description, "italic"))
    return text


def show_list(film_list: FilmList, rows: Sequence[ListRow]) -> None:
    """``list show``: the heading, then the table (one row a line on a pipe)."""
    out = console()
    if not piped(out):
        out.print(heading(film_list))
    if rows:
        show_table(list_table(film_list, rows))


def lists_table(lists: Sequence[FilmList]) -> Fitted:
    """``list ls``: every list with its film count."""
    return Fitted(
        [
            Column("List", [clean_line(f.name) for f in lists], "bold"),
            Column("Films", [str(len(f.entries)) for f in lists], wrap=False, justify="right"),
            Column("Ranked", ["yes" if f.ranked else "" for f in lists], DIM, wrap=False),
            Column("Created", [f.created.isoformat() if f.created else "" for f in lists], DIM),
            Column("Description", [clean_line(f.description or "") for f in lists], "italic"),
        ],
        ("Description", "Created"),
        main="List",
    )
