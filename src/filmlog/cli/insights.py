"""Reading the journal as a whole: ``stats`` and ``search``."""

from __future__ import annotations

from typing import Annotated

import typer

from filmlog.cli import common

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]

TTY_ROWS = 25


def stats(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First day (a date).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (a date).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")] = None,
    json: Json = False,
) -> None:
    """Your viewing in numbers: totals, hours, ratings, months, media, people, streaks.

    Counts are of viewings (a film seen twice counts twice). Hours add up the runtimes of
    finished viewings whose film has one (set with 'filmlog film set TITLE --runtime').

    JSON: {"period": {from, to, first_watched, last_watched}, "watches", "films",
    "rewatches", "dnf", "hours", "missing_runtime", "average_rating", "ratings": {"0.5":
    n, …, "5": n}, "by_year", "by_month" (first to last, empty ones 0), "media":
    {medium: n}, "where", "top_directors", "top_actors", "top_genres" (top 10 as [{name,
    count}]), "streak": {days, from, to} or null}.

    Examples:

        filmlog stats

        filmlog stats --year 2024

        filmlog stats --from 2024-06-01 --to 2024-08-31 --json
    """
    from filmlog import stats as statistics
    from filmlog.period import period_from

    days = period_from(start, end, year)
    period = statistics.Period(days.start, days.end)
    store = common.read_store(ctx)
    result = statistics.compute(store.watches(), store.film, period)
    if json:
        common.print_json(result.to_json())
        return
    from filmlog.render import console
    from filmlog.render import stats as screen

    if not result.watches:
        common.note(screen.empty_stats_line(result))
        return
    console.show(screen.stats_screen(result))


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to look for.")],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N results of each kind.")
    ] = None,
    json: Json = False,
) -> None:
    """Find films, people, tags, places, genres, and words in reviews, notes and discs.

    Films are found by title or alias, also as 'show' finds them ('8 1/2' finds 8½,
    'Heat (1995)' the Heat of 1995). People are found by name, actors also by the role
    they play ('vincent hanna' finds Al Pacino in Heat). Reviews and notes are read as
    the Markdown they are: snippets show their plain text. Also searched: the places you
    watched at, genres, synopses, what films are based on, and disc notes (notes,
    verdict, pros, cons, extras, edition, label). A film seen without a dated viewing
    (an IMDb rating, a Letterboxd watched film) shows as seen.

    Case, accents and punctuation are ignored, and words match from their start:
    'atraco' finds '¡Atraco!', 'heat' finds 'Heat' but not 'Theatre'. Several words
    match as a phrase.

    JSON: {"query", "counts": {group: total}, "films": [{film, title, year, matched, aka,
    watches, seen}], "people": [{name, films, credits: [{film, title, year, role,
    character}]}], "tags": [{tag, watches, films}], "places": [{place, watches, films}],
    "genres": [{genre, count, films}], "reviews": [{watch, film, title, year, date,
    rating, matches, snippet, highlights}], "notes", "synopses", "based_on": [{film,
    title, year, matches, snippet, highlights}], "discs": [{disc, films, field, matches,
    snippet, highlights}]}; highlights are [start, end) offsets into snippet.

    Examples:

        filmlog search atraco

        filmlog search "michael mann"

        filmlog search 35mm --limit 5 --json
    """
    from filmlog import journal
    from filmlog.search import Query, search_documents

    Query.of(text)  # refuses a query with nothing to look for, before reading
    store = common.read_store(ctx)
    titled = [f.id for f in journal.matching_films(store, text)]
    results = search_documents(store.raw_data(), text, titled)
    if json:
        common.print_json(results.to_json(limit))
        return
    from filmlog.render import console
    from filmlog.render import search as screen

    if not results:
        common.note(screen.nothing_found_line(results.query))
        return
    cut = limit if limit is not None else (TTY_ROWS if common.terminal() else None)
    console.show(screen.search_results(results, cut))


def tags(
    ctx: typer.Context,
    sort: Annotated[
        str, typer.Option("--sort", "-s", help="count (most used first) or name.")
    ] = "count",
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N tags.")
    ] = None,
    json: Json = False,
) -> None:
    """List every tag of your viewings with how many viewings and films carry it.

    Tags that differ only in case or accents count as one, shown as first written.

    JSON: [{tag, watches, films}].

    Examples:

        filmlog tags

        filmlog tags --sort name --json
    """
    from filmlog.tags import tag_counts

    order = sort.strip().casefold()
    if order not in ("count", "name"):
        from filmlog.errors import InvalidInput

        raise InvalidInput(f"{sort.strip()!r} is not a sort order", "use count or name")
    store = common.read_store(ctx)
    counts = tag_counts(store.raw_data(), by_name=order == "name")[:limit]
    if json:
        common.print_json([c.to_json() for c in counts])
        return
    if not counts:
        common.note("no tags yet ('filmlog add TITLE --tag WORD' tags a viewing)")
        return
    from filmlog.render import tables

    tables.show_table(tables.tags_table(counts))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(stats)
    app.command()(search)
    app.command()(tags)
