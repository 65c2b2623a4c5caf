"""The ``film`` group: ``film set`` (facts), ``film list``; ``film merge`` and ``film rm``
are in ``merging.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from filmlog.cli import asking, common, complete
from filmlog.cli.common import year_or_none

if TYPE_CHECKING:
    from filmlog.catalog import FactChanges, FactsResult
    from filmlog.film_list import FilmFilter

film_app = typer.Typer(
    name="film",
    help="Film facts: who made it, who is in it, what it is called elsewhere.",
    no_args_is_help=True,
)

Json = common.JsonOption
Year = common.YearOption
Many = list[str] | None


def _many(flag: str, text: str) -> object:
    return typer.Option(flag, help=text + " (repeatable; adds one value each time).")


def set_facts(
    ctx: typer.Context,
    title: common.TitleArgument,
    year: Year = None,
    director: Annotated[Many, _many("--director", "A director")] = None,
    writer: Annotated[Many, _many("--writer", "A writer")] = None,
    cast: Annotated[Many, _many("--cast", 'An actor and their role: "Name as Role"')] = None,
    composer: Annotated[Many, _many("--composer", "A composer")] = None,
    cinematographer: Annotated[
        Many, _many("--cinematographer", "A director of photography")
    ] = None,
    genre: Annotated[Many, _many("--genre", "A genre")] = None,
    runtime: Annotated[
        str | None, typer.Option("--runtime", help="Minutes: 111, '111 min' or 1h51.")
    ] = None,
    certificate: Annotated[
        str | None, typer.Option("--certificate", help="Age rating, e.g. 'UK 18'.")
    ] = None,
    country: Annotated[Many, _many("--country", "A country of production")] = None,
    based_on: Annotated[
        str | None, typer.Option("--based-on", help="The book (or play...) it adapts.")
    ] = None,
    synopsis: Annotated[str | None, typer.Option("--synopsis", help="A short synopsis.")] = None,
    aka: Annotated[
        Many, _many("--aka", "Another title it is known or listed by; finds the film too")
    ] = None,
    imdb: Annotated[
        str | None, typer.Option("--imdb", help="IMDb id (tt0113627) or IMDb address.")
    ] = None,
    tmdb: Annotated[
        str | None, typer.Option("--tmdb", help="TMDb id (451) or themoviedb.org address.")
    ] = None,
    see_also: Annotated[
        Many, _many("--see-also", "A film to see also, by title ('Heat (1995)')")
    ] = None,
    create: Annotated[
        bool,
        typer.Option(
            "--new",
            "--create",
            help="TITLE (and a --see-also title) the journal lacks is a new film even when "
            "near titles exist (else a terminal asks 'did you mean', and without one it is "
            "refused).",
        ),
    ] = False,
    like: Annotated[
        bool | None, typer.Option("--like/--no-like", help="You love this film (or no longer).")
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating", "-r", help="Your rating of the film itself (else the latest viewing's)."
        ),
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes on the film.")] = None,
    new_title: Annotated[
        str | None, typer.Option("--new-title", help="Rename the film (its id stays).")
    ] = None,
    new_year: Annotated[
        int | None, typer.Option("--new-year", help="Correct the film's year.")
    ] = None,
    remove: Annotated[
        Many,
        typer.Option(
            "--remove",
            metavar="FIELD=VALUE",
            help="Take one wrong value off a list, e.g. 'genre=Comedy', 'cast=Jane Doe', "
            "'aka=Old Title', 'see-also=Heat (1995)' (repeatable).",
        ),
    ] = None,
    clear: Annotated[
        Many,
        typer.Option(
            "--clear",
            metavar="FIELD",
            help="Empty a field first (then values given alongside replace it): any option "
            "name above, e.g. cast, genre, runtime, rating (repeatable).",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the film as JSON.")] = False,
) -> None:
    """Set a film's facts; creates the film if the journal does not know it.

    Options that take a list add one value each time they are given, and a value may
    contain commas ("Interviews with A, B & C" stays one value). `--remove FIELD=VALUE`
    takes one value off; `--clear FIELD` empties a field, so `--clear genre --genre Drama`
    replaces the genres.

    A `--see-also` title the journal does not know becomes a new film, unless titles
    near it exist: then it is refused as a likely typo, with "did you mean", and
    `--create` adds it anyway.

    Examples:

        filmlog film set "Leaving Las Vegas" --year 1995 --director "Mike Figgis" --runtime 111

        filmlog film set "Leaving Las Vegas" --cast "Nicolas Cage as Ben Sanderson"

        filmlog film set "Leaving Las Vegas" --based-on "the novel by John O'Brien"

        filmlog film set "Leaving Las Vegas" --see-also "Barfly (1987)"

        filmlog film set "Leaving Las Vegas" --aka "Las Vegas Blues"

        filmlog film set Heat --year 1995 --remove "genre=Comedy" --clear certificate
    """
    from filmlog import catalog

    changes = _fact_changes(ctx.params)
    pick = asking.pick_film(ctx, title, year_or_none(year), create)
    choose = asking.choices_before_lock(ctx, [(text, None) for text in changes.see_also])
    with common.transaction(ctx) as store:
        result = catalog.set_facts(store, pick, changes, choose)
    _say_set(result, json)


def _fact_changes(options: dict[str, Any]) -> FactChanges:
    """The changes the options of ``film set`` ask for (Click's ``ctx.params``: every
    option by its parameter name, as parsed)."""
    from filmlog import catalog

    lists = {"aka": "aka", "genres": "genre", "countries": "country", "writers": "writer"}
    lists |= {f"{n}s": n for n in ("director", "composer", "cinematographer")}
    values = ("runtime", "certificate", "based_on", "synopsis", "imdb", "tmdb", "rating")
    return catalog.fact_changes(
        lists={field: options.get(option) for field, option in lists.items()},
        cast=options.get("cast"),
        see_also=options.get("see_also"),
        values={
            **{name: options.get(name) for name in values},
            "notes": options.get("notes"),
            "liked": options.get("like"),
        },
        clear=options.get("clear"),
        remove=options.get("remove"),
        title=options.get("new_title"),
        year=options.get("new_year"),
        create=bool(options.get("create")),
    )


def _say_set(result: FactsResult, json: bool) -> None:
    for made in result.new_films:
        common.note(f"note: {made.label} is new to the journal (as a see-also)")
    if result.near:
        common.note(
            f"note: {result.film.label} is new to the journal "
            f"(did you mean {' or '.join(result.near)}?)"
        )
    if json:
        from filmlog.models import film_to_doc

        common.print_json(film_to_doc(result.film))
    else:
        from filmlog.render import console, messages

        console.say(messages.facts_line(result.film, result.created, result.changed))


def list_films(
    ctx: typer.Context,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            "-s",
            help="title, year, last-watched (latest first), rating (highest first) or watches.",
            autocompletion=complete.film_sorts,
        ),
    ] = "title",
    genre: Annotated[
        str | None, typer.Option("--genre", "-g", help="Only films of this genre.")
    ] = None,
    decade: Annotated[
        str | None, typer.Option("--decade", help="Only films released in it: 1990s or 90s.")
    ] = None,
    director: Annotated[
        str | None, typer.Option("--director", help="Only films this person directed.")
    ] = None,
    seen: Annotated[
        bool | None,
        typer.Option(
            "--seen/--unseen", help="Only films you have seen, or only those you have not."
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", "-a", help="Every film, also those only on your watchlist or never seen."
        ),
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N films.")
    ] = None,
    json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print JSON: each film with watches, last_watched, average_rating."
        ),
    ] = False,
) -> None:
    """List the films you have seen with their viewings, last viewing and ratings.

    Films never seen (on your watchlist, or given facts only) are listed with --all or
    --unseen. Filters given together must all hold.

    Examples:

        filmlog film list

        filmlog film list --sort last-watched --limit 20

        filmlog film list --genre crime --decade 1990s --sort rating

        filmlog film list --director "michael mann" --all --json
    """
    from filmlog import film_list

    wanted = _film_filter(ctx.params)
    sort_by = film_list.parse_sort(sort)
    rows = film_list.film_rows(common.read_store(ctx).raw_data(), wanted, sort_by)[:limit]
    if json:
        common.print_json([r.to_json() for r in rows])
    elif not rows:
        common.note(
            "no films match"
            if wanted != film_list.FilmFilter()
            else "no films seen yet ('filmlog add' logs a viewing; --all lists every film)"
        )
    else:
        from filmlog.render import tables

        rows, hidden = common.capped(rows, common.row_cap(limit))
        tables.show_table(tables.film_table(rows), hidden, "use --limit or --json to see them")


def _film_filter(options: dict[str, Any]) -> FilmFilter:
    """The films the options of ``film list`` keep (Click's ``ctx.params``, as parsed):
    only films seen, unless --all or --seen/--unseen says otherwise."""
    from filmlog import film_list

    seen = options["seen"]
    return film_list.FilmFilter(
        genre=common.words_or_none("--genre", options["genre"]),
        decade=None if options["decade"] is None else film_list.parse_decade(options["decade"]),
        director=common.words_or_none("--director", options["director"]),
        seen=seen if seen is not None else (None if options["all_"] else True),
    )


def register(app: typer.Typer) -> None:
    """Add the ``film`` group to the app."""
    film_app.command("set")(set_facts)
    film_app.command("list")(list_films)
    app.add_typer(film_app, name="film")
