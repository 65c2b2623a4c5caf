"""Reading the journal as a whole: ``stats`` and ``search``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from filmlog.cli import common
from filmlog.cli.common import date_or_none
from filmlog.errors import InvalidInput

if TYPE_CHECKING:
    import datetime as dt

    from filmlog.stats import Stats
    from filmlog.store import Store

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]

# At most this many hits a group on a terminal (--limit shows more).
TTY_HITS = 25


def _count_by(value: str) -> str:
    name = value.strip().casefold()
    if name not in ("films", "viewings"):
        raise typer.BadParameter(f"{value!r} is neither 'films' nor 'viewings'")
    return name


def stats(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First day (a date).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (a date).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")] = None,
    month: Annotated[
        str | None, typer.Option("--month", metavar="YYYY-MM", help="Only this month.")
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="films|viewings",
            callback=_count_by,
            help="Rank people, genres, countries, tags and companions by films (a film "
            "seen twice counts once) or by viewings.",
        ),
    ] = "films",
    html: Annotated[
        str | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write the period as one self-contained HTML page to FILE (- for stdout).",
        ),
    ] = None,
    on_this_day: Annotated[
        bool,
        typer.Option(
            "--on-this-day", help="What you watched on this day of the year in earlier years."
        ),
    ] = False,
    day: Annotated[
        str | None,
        typer.Option("--date", help="The day for --on-this-day (default: today)."),
    ] = None,
    json: Json = False,
) -> None:
    """Your viewing in numbers: totals, hours, ratings, the year's best and most watched
    films, people, genres, decades, countries, tags, companions, media and places, a
    calendar of the days you watched, weekdays, milestones and streaks.

    People, genres, countries, tags and companions count films, with viewings beside
    them ('--by viewings' ranks by viewings). Hours add up the runtimes of finished
    viewings whose film has one (set with 'filmlog film set TITLE --runtime').

    JSON: {"period": {from, to, first_watched, last_watched}, "watches", "films",
    "rewatches", "dnf", "hours", "missing_runtime", "average_rating", "ratings": {"0.5":
    n, …, "5": n}, "by_year", "by_month" (first to last, empty ones 0), "media":
    {medium: n}, "where", "top_directors", "top_actors", "top_genres" (top 10 by
    viewings as [{name, count}]), "streak": {days, from, to} or null; and "by",
    "directors", "actors", "genres", "countries", "tags", "companions" (top 10 as [{name,
    count, films, viewings}], count and order as --by), "first_watches",
    "highest_rated", "most_watched", "decades", "release_years", "unfinished",
    "longest_film", "shortest_film", "milestones", "days", "weekdays", "best_reviews":
    README lists them all. With --on-this-day: {"date", "viewings":
    [{film, title, year, date, rating, years_ago}]}.

    Examples:

        filmlog stats

        filmlog stats --year 2024 --html 2024.html

        filmlog stats --from 2024-06-01 --to 2024-08-31 --by viewings --json

        filmlog stats --on-this-day --date 2025-12-25
    """
    from filmlog import stats as statistics
    from filmlog.period import period_from

    _refuse_mixed(ctx.params)
    if on_this_day:
        _on_this_day(ctx, date_or_none(day, allow_future=True), json)
        return
    days = period_from(start, end, year, month)
    period = statistics.Period(days.start, days.end)
    store = common.read_store(ctx)
    result = _figures(
        store, lambda watches, film_of: statistics.from_documents(watches, film_of, period, by=by)
    )
    if html is not None:
        _write_page(ctx, store, result, html)
    elif json:
        common.print_json(result.to_json())
    else:
        _show_stats(result)


def _refuse_mixed(options: dict[str, Any]) -> None:
    """Refuse options of ``stats`` that do not go together (Click's ``ctx.params``: every
    option by its parameter name, as parsed)."""
    day, on_this_day, html = options["day"], options["on_this_day"], options["html"]
    if day is not None and not on_this_day:
        raise InvalidInput("--date goes with --on-this-day", "add --on-this-day")
    period = options["start"] or options["end"] or options["year"] is not None or options["month"]
    if on_this_day and (html is not None or period):
        raise InvalidInput(
            "--on-this-day takes no period and no --html", "give it --date DAY alone"
        )
    if html is not None and options["json"]:
        raise InvalidInput("--html and --json each print the figures", "give one of them")


def _show_stats(result: Stats) -> None:
    from filmlog.render import console
    from filmlog.render import stats as screen

    if not result.watches:
        common.note(screen.empty_stats_line(result))
        return
    console.show(screen.stats_screen(result))


_T = TypeVar("_T")


def _figures(
    store: Store,
    work: Callable[[list[Mapping[str, Any]], Callable[[str], Mapping[str, Any] | None]], _T],
) -> _T:
    """``work`` over the journal's stored viewings and films, read as they are stored (no
    model built); a document that does not fit is named as the model readers name it."""
    from filmlog.stats import DamagedDocument

    raw = store.raw_data()
    try:
        films = {doc["id"]: doc for doc in (raw.get("films") or {}).values()}
        return work(list((raw.get("watches") or {}).values()), films.get)
    except (DamagedDocument, KeyError, TypeError, AttributeError):
        store.watches()
        store.films()
        raise


def _on_this_day(ctx: typer.Context, day: dt.date | None, json: bool) -> None:
    import datetime

    from filmlog import stats as statistics

    day = day or datetime.date.today()
    store = common.read_store(ctx)
    found = _figures(store, lambda watches, film_of: statistics.on_this_day(watches, film_of, day))
    if json:
        common.print_json(
            {
                "date": day.isoformat(),
                "viewings": [{**m.to_json("date", "rating"), "years_ago": m.n} for m in found],
            }
        )
        return
    from filmlog.render import console
    from filmlog.render import stats as screen

    if not found:
        common.note(f"Nothing watched on {day:%-d %B} in earlier years.")
        return
    console.show(screen.on_this_day_screen(day, found))


def _write_page(ctx: typer.Context, store: Store, result: Stats, out: str) -> None:
    import sys
    from pathlib import Path

    from filmlog.cli.exporting import _write
    from filmlog.export.html_stats import page

    data = page(result.to_json()).encode()
    if out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(out).expanduser()
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder", "give --html a file name")
    _write(target, data, store.path)
    common.note(f"Wrote {target}")


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
    from filmlog.search.prefilter import search_documents
    from filmlog.search.query import Query

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
    cut = limit if limit is not None else (TTY_HITS if common.terminal() else None)
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
