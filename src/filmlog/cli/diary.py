"""Reading viewings: ``show`` (a film's page) and ``diary`` (viewings, filtered).

Kept apart from ``watches.py``, which changes viewings: these two only read the journal
(``common.read_store``), and running one does not import the options and helpers that
logging or changing a viewing needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from msgspec.structs import replace

from filmlog.cli import asking, common, complete
from filmlog.cli.common import medium_or_none, rating_or_none, year_or_none
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog.journal import DiaryFilter

Json = common.JsonOption
Year = common.YearOption


def show(
    ctx: typer.Context,
    title: Annotated[
        str,
        typer.Argument(
            help="The film's title, an alias, or 'Title (year)'.", autocompletion=complete.titles
        ),
    ],
    year: Year = None,
    json: Json = False,
) -> None:
    """Show a film's page: facts, rating, every viewing, disc notes and reviews.

    Examples:

        filmlog show "Leaving Las Vegas"

        filmlog show Heat --year 1995 --json
    """
    from filmlog import journal

    store = common.read_store(ctx)
    film = journal.resolve_title(store, title, year_or_none(year), asking.chooser())
    page = journal.film_page(store, film)
    if json:
        common.print_json(page.to_json())
        return
    from filmlog.render import console, pages

    console.show(pages.film_page(page))


def diary(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option("--from", help="First day (a date, e.g. 2024-05-01).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (a date).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")] = None,
    month: Annotated[
        str | None, typer.Option("--month", metavar="YYYY-MM", help="Only this month.")
    ] = None,
    film: Annotated[
        str | None,
        typer.Option(
            "--film",
            metavar="TITLE",
            help="Only this film (found as 'show' finds it; 'Heat (1995)' works).",
            autocompletion=complete.titles,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", "-t", help="Only with this tag (repeatable).", autocompletion=complete.tags
        ),
    ] = None,
    medium: Annotated[
        str | None,
        typer.Option(
            help="Only this medium: cinema, blu-ray, uhd, dvd, streaming, tv, digital, vhs, other.",
            autocompletion=complete.media,
        ),
    ] = None,
    where: Annotated[
        str | None, typer.Option("--where", help="Only where the place holds these words.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Only viewings with this person (repeatable)."),
    ] = None,
    liked: Annotated[bool, typer.Option("--liked", help="Only viewings you loved.")] = False,
    rewatch: Annotated[
        bool | None,
        typer.Option("--rewatch/--first", help="Only rewatches, or only first viewings."),
    ] = None,
    dnf: Annotated[bool, typer.Option("--dnf", help="Only viewings you did not finish.")] = False,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Only viewings with a review.")
    ] = False,
    min_rating: Annotated[
        str | None, typer.Option("--min-rating", help="At least this rating.")
    ] = None,
    max_rating: Annotated[
        str | None, typer.Option("--max-rating", help="At most this rating.")
    ] = None,
    reverse: Annotated[
        bool, typer.Option("--reverse", help="Oldest first (--limit then takes the oldest).")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N viewings.")
    ] = None,
    json: Json = False,
) -> None:
    """List viewings, newest first. Filters given together must all hold.

    Examples:

        filmlog diary --limit 20

        filmlog diary --year 2024 --medium cinema --min-rating 4

        filmlog diary --month 2025-03 --reverse

        filmlog diary --film "Heat (1995)" --with Sam --rewatch

        filmlog diary --tag 35mm --liked --json
    """
    from filmlog import journal

    wanted = _diary_filter(ctx.params)
    store = common.read_store(ctx)
    if film is not None:
        wanted = replace(wanted, film=journal.resolve_title(store, film, None, asking.chooser()).id)
    cut = common.row_cap(limit, json)
    rows = journal.diary(store, wanted, limit or (cut + 1 if cut else None), reverse)
    if json:
        common.print_json([journal.watch_json(w, f) for w, f in rows])
    elif not rows:
        common.note("no viewings yet" if wanted == journal.DiaryFilter() else "no viewings match")
    else:
        from filmlog.render import tables

        rows, hidden = common.capped(rows, cut, lambda: len(journal.diary(store, wanted)))
        tables.show_table(tables.diary_table(rows), hidden, "use --limit or filters to see them")
    if undated := journal.undated_matching(store, wanted):
        common.note(
            f"note: {count(undated, 'review')} without a day "
            f"{'is' if undated == 1 else 'are'} not in the diary ('filmlog show TITLE' has them)"
        )


def _diary_filter(options: dict[str, Any]) -> DiaryFilter:
    """The filter the options of ``diary`` ask for (Click's ``ctx.params``: every option
    by its parameter name, as parsed), a bad value refused as the option's."""
    from filmlog import journal
    from filmlog.period import period_from

    period = period_from(options["start"], options["end"], options["year"], options["month"])
    return journal.diary_filter(
        period.start,
        period.end,
        tags=options["tag"] or (),
        medium=medium_or_none(options["medium"]),
        min_rating=rating_or_none(options["min_rating"]),
        max_rating=rating_or_none(options["max_rating"]),
        where=common.words_or_none("--where", options["where"]),
        with_=[common.words_or_none("--with", p) for p in options["with_"] or ()],
        liked=options["liked"],
        rewatch=options["rewatch"],
        dnf=options["dnf"],
        reviewed=options["reviewed"],
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(show)
    app.command()(diary)
