"""Lists of films: ``list new``, ``list add``, ``list rm``, ``list show``, ``list ls``,
``list edit``."""

from __future__ import annotations

from typing import Annotated

import typer

from filmlog.cli import asking, common, complete
from filmlog.cli.common import year_or_none
from filmlog.errors import FilmlogError

list_app = typer.Typer(
    name="list",
    help="Lists of films, ranked or not, with a note on each entry.",
    no_args_is_help=True,
)

Name = Annotated[
    str,
    typer.Argument(
        help="The list's name (case and accents ignored).", autocompletion=complete.list_names
    ),
]
Title = Annotated[
    str,
    typer.Argument(
        help="A film's title; 'Heat (1995)' also works.", autocompletion=complete.titles
    ),
]
Year = common.YearOption
Json = common.JsonOption
Description = Annotated[
    str | None, typer.Option("--description", "-d", help="What the list is about.")
]


def new(
    ctx: typer.Context,
    name: Name,
    ranked: Annotated[
        bool, typer.Option("--ranked", help="A ranking: positions are shown as ranks.")
    ] = False,
    description: Description = None,
    json: Json = False,
) -> None:
    """Make a new, empty list.

    Examples:

        filmlog list new "Best of 2024" --ranked

        filmlog list new "Rainy Sundays" --description "Comfort films"
    """
    from filmlog import lists

    with common.transaction(ctx) as store:
        made = lists.new_list(store, name, ranked, description)
    if json:
        common.print_json(lists.list_json(made))
        return
    common.note(f"Made the list {made.name!r}{' (ranked)' if made.ranked else ''}.")


def add(
    ctx: typer.Context,
    name: Name,
    title: Title,
    year: Year = None,
    at: Annotated[
        int | None, typer.Option("--at", help="Put it at this position (default: last).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note on this entry.")] = None,
    json: Json = False,
) -> None:
    """Put a film on a list, last or --at a position; a film already on it moves there.

    Examples:

        filmlog list add "Best of 2024" "Perfect Days" --at 1 --note "the ending"

        filmlog list add "Rainy Sundays" "Paddington 2 (2017)"
    """
    from filmlog import lists

    choose = asking.choices_before_lock(ctx, [(title, year_or_none(year))])
    with common.transaction(ctx) as store:
        updated, film, already = lists.add_film(
            store, name, title, year_or_none(year), at, note, choose
        )
    entry = next(e for e in updated.entries if e.film == film.id)
    if json:
        common.print_json({**lists.list_json(updated), "entry": entry.position})
        return
    verb = "Moved" if already else "Added"
    common.note(f"{verb} {film.label} to {updated.name!r} at {entry.position}.")


def rm(
    ctx: typer.Context,
    name: Name,
    title: Annotated[
        str | None, typer.Argument(help="The film to take off; without it, delete the list.")
    ] = None,
    year: Year = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete the list without asking.")
    ] = False,
) -> None:
    """Take a film off a list, or delete a whole list (asks first unless --yes).

    The films stay in the journal either way.

    Examples:

        filmlog list rm "Best of 2024" "Heat"

        filmlog list rm "Best of 2024" --yes
    """
    from filmlog import lists

    if title is None and not yes:
        found = lists.find_list(common.open_store(ctx), name)
        if not asking.confirm(f"Delete the list {found.name!r} ({len(found.entries)} films)?"):
            raise FilmlogError("nothing deleted")
    with common.transaction(ctx) as store:
        updated, film = lists.remove(store, name, title, year_or_none(year))
    if film is None:
        common.note(f"Deleted the list {updated.name!r}; its films stay in the journal.")
    else:
        common.note(f"Took {film.label} off {updated.name!r}.")


def show(ctx: typer.Context, name: Name, json: Json = False) -> None:
    """Show a list: its films in order, with your rating and whether you have seen each.

    Examples:

        filmlog list show "Best of 2024"

        filmlog list show favourites --json
    """
    from filmlog import lists

    store = common.open_store(ctx)
    found = lists.find_list(store, name)
    rows = lists.rows(store, found)
    if json:
        common.print_json({**lists.list_json(found), "entries": [r.to_json() for r in rows]})
        return
    from filmlog.render import lists as screens

    screens.show_list(found, rows)


def ls(ctx: typer.Context, json: Json = False) -> None:
    """List your lists, with how many films each holds.

    Examples:

        filmlog list ls

        filmlog list ls --json
    """
    from filmlog import lists

    found = common.open_store(ctx).lists()
    if json:
        common.print_json([lists.list_json(f) for f in found])
        return
    if not found:
        common.note("you have no lists yet ('filmlog list new NAME' makes one)")
        return
    from filmlog.render import lists as screens
    from filmlog.render.tables import show_table

    show_table(screens.lists_table(found))


def edit(
    ctx: typer.Context,
    name: Name,
    rename: Annotated[str | None, typer.Option("--rename", help="A new name.")] = None,
    description: Description = None,
    ranked: Annotated[
        bool | None, typer.Option("--ranked/--unranked", help="Whether it is a ranking.")
    ] = None,
    move: Annotated[str | None, typer.Option("--move", help="A film on the list to move.")] = None,
    year: Year = None,
    to: Annotated[int | None, typer.Option("--to", help="The position --move puts it at.")] = None,
    json: Json = False,
) -> None:
    """Rename a list, change its description, make it ranked or not, or move an entry.

    Examples:

        filmlog list edit "Best of 2024" --rename "Best of 2024 (so far)"

        filmlog list edit "Best of 2024" --move "Perfect Days" --to 1

        filmlog list edit "Rainy Sundays" --ranked --description ""
    """
    from filmlog import lists

    with common.transaction(ctx) as store:
        updated, changed = lists.edit(
            store,
            name,
            rename=rename,
            description=description,
            ranked=ranked,
            move=move,
            year=year_or_none(year),
            to=to,
        )
    if json:
        common.print_json(lists.list_json(updated))
        return
    if changed:
        common.note(f"Updated the list {updated.name!r}: {', '.join(changed)}.")
    else:
        common.note(f"Nothing changed: the list {updated.name!r} already is that way.")


def register(app: typer.Typer) -> None:
    """Add the ``list`` group to the app."""
    list_app.command("new")(new)
    list_app.command("add")(add)
    list_app.command("rm")(rm)
    list_app.command("show")(show)
    list_app.command("ls")(ls)
    list_app.command("edit")(edit)
    app.add_typer(list_app, name="list")
