"""The watchlist: ``watchlist add``, ``watchlist list``, ``watchlist rm``."""

from __future__ import annotations

from typing import Annotated

import typer

from filmlog.cli import asking, common
from filmlog.cli.common import year_or_none

watchlist_app = typer.Typer(
    name="watchlist",
    help="Films to see. Logging a viewing takes a film off the list.",
    no_args_is_help=True,
)

Year = common.YearOption
Title = common.TitleArgument


def add(
    ctx: typer.Context,
    title: Title,
    year: Year = None,
    note: Annotated[str | None, typer.Option("--note", help="Why, or who recommended it.")] = None,
    new: asking.NewOption = False,
    json: Annotated[bool, typer.Option("--json", help="Print the entry as JSON.")] = False,
) -> None:
    """Put a film on your watchlist; creates the film if the journal does not know it.

    A film already on the list keeps its date; --note replaces its note.

    Examples:

        filmlog watchlist add "Paris, Texas" --year 1984 --note "Sam says: the ending"

        filmlog watchlist add "Heat (1995)"
    """
    from filmlog import catalog, journal

    pick = asking.pick_film(ctx, title, year_or_none(year), new)
    with common.transaction(ctx) as store:
        row, created, already = catalog.add_to_watchlist(store, pick, note)
        near = (
            [n for n in journal.suggestions(store, title, typos_only=True) if n != row.film.label]
            if created
            else []
        )
        seen = bool(store.watches([row.film.id])) or row.film.seen
    if created and near:
        common.note(
            f"note: {row.film.label} is new to the journal (did you mean {' or '.join(near)}?)"
        )
    if json:
        common.print_json(row.to_json())
        return
    from filmlog.render import console, messages

    console.say(messages.watchlist_line(row, already, seen))


def list_watchlist(
    ctx: typer.Context,
    json: Annotated[
        bool, typer.Option("--json", help="Print JSON: {film, title, year, added, note}.")
    ] = False,
) -> None:
    """List the films on your watchlist, oldest addition first.

    Examples:

        filmlog watchlist list

        filmlog watchlist list --json
    """
    from filmlog import catalog

    rows = catalog.watchlist_rows(common.read_store(ctx))
    if json:
        common.print_json([r.to_json() for r in rows])
        return
    if not rows:
        common.note("your watchlist is empty ('filmlog watchlist add TITLE' adds a film)")
        return
    from filmlog.render import tables

    tables.show_table(tables.watchlist_table(rows))


def rm(ctx: typer.Context, title: Title, year: Year = None) -> None:
    """Take a film off your watchlist (the film stays in the journal).

    Examples:

        filmlog watchlist rm "Paris, Texas"
    """
    from filmlog import catalog

    choose = asking.choices_before_lock(ctx, [(title, year_or_none(year))])
    with common.transaction(ctx) as store:
        film = catalog.remove_from_watchlist(store, title, year_or_none(year), choose)
    common.note(f"Took {film.label} off your watchlist.")


def register(app: typer.Typer) -> None:
    """Add the ``watchlist`` group to the app."""
    watchlist_app.command("add")(add)
    watchlist_app.command("list")(list_watchlist)
    watchlist_app.command("rm")(rm)
    app.add_typer(watchlist_app, name="watchlist")
