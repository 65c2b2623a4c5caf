"""``filmlog facts fill``: film facts from IMDb's public dataset files, offline."""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from filmlog.cli import asking, common
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog.imdb_datasets import FillPlan, Lookup, Title
    from filmlog.store import Store

facts_app = typer.Typer(
    name="facts",
    help="Fill film facts from files you downloaded once (IMDb's datasets), offline.",
    no_args_is_help=True,
)

SHOWN = 100
CANDIDATES = 8  # shown for a film left alone (--json lists them all)


def fill(
    ctx: typer.Context,
    datasets: Annotated[
        Path,
        typer.Option(
            "--imdb-datasets",
            metavar="FOLDER",
            help="The folder holding IMDb's dataset files (title.basics.tsv.gz, "
            "title.akas, title.ratings, title.crew, title.principals, name.basics; "
            "gzipped or not), from https://datasets.imdbws.com/.",
            show_default=False,
        ),
    ],
    titles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TITLE]...",
            help="Films to fill ('Heat (1995)' also works); every film when none is named.",
            show_default=False,
        ),
    ] = None,
    year: common.YearOption = None,
    imdb: Annotated[
        str | None,
        typer.Option(
            "--imdb",
            help="The IMDb id (tt0113627) the one TITLE named is: settles a film left "
            "alone by hand.",
        ),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="Replace facts you typed or imported too (not the year)."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show every match and what would change; write nothing."),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")] = False,
) -> None:
    """Fill empty film facts from IMDb's public dataset files, without a network.

    Each film is matched by its IMDb id, else by title (primary, original or
    alternative, folded as title lookup folds them), year (one year off allowed) and
    title type, with the number of votes to break a tie. A film with no good match, or
    two equally good ones, is left alone and listed with its candidates. Only empty
    facts are filled (IMDb id, year, kind, runtime, genres, directors, writers, cast with
    roles, composers, cinematographers, other titles): what you typed or imported stays
    unless --overwrite. Facts a fill set are remembered, so a later fill refreshes them.

    Examples:

        filmlog facts fill --imdb-datasets ~/imdb --dry-run

        filmlog facts fill --imdb-datasets ~/imdb

        filmlog facts fill "Spirited Away" --imdb-datasets ~/imdb --imdb tt0245429
    """
    from filmlog import imdb_datasets as data
    from filmlog.errors import InvalidInput

    if year is not None and not titles:
        raise InvalidInput("--year picks between films of a TITLE", "name the film too")
    files = data.locate(datasets)
    store = common.read_store(ctx)
    films, pinned = data.films_to_fill(
        store, titles or (), common.year_or_none(year), asking.chooser(), imdb
    )
    if not films:
        common.note("no films to fill yet ('filmlog import' or 'filmlog add' brings them)")
        return
    from filmlog.render.progress import progress_bars

    with progress_bars(enabled=not json, in_bytes=True) as progress:
        found = data.lookup(files, films, pinned, progress)
    data.check_pinned(found, pinned)
    plan, written = _planned(ctx, store, found, pinned, overwrite=overwrite, dry_run=dry_run)
    if json:
        common.print_json(_json(found, plan, dry_run=dry_run, written=written))
    else:
        _print(datasets, found, plan, dry_run=dry_run, written=written)


def _planned(
    ctx: typer.Context,
    store: Store,
    found: Lookup,
    pinned: Mapping[str, str],
    *,
    overwrite: bool,
    dry_run: bool,
) -> tuple[FillPlan, bool]:
    """The fill's plan, and whether it was saved: planned on the journal as read for a
    dry run, else planned again and saved in one transaction."""
    from filmlog import imdb_datasets as data

    if dry_run:
        return data.plan_for(store, found, overwrite, pinned), False
    with common.transaction(ctx) as locked:
        plan = data.plan_for(locked, found, overwrite, pinned)
        return plan, data.save(locked, plan)


def _candidate(title: Title) -> str:
    votes = f", {title.votes:,} votes" if title.votes else ""
    return f"{title.primary} ({title.year or '?'}, {title.type}, {title.tconst}{votes})"


def _left_alone(found: Lookup) -> list[str]:
    """The films with no match or a tie, those with candidates first (one word from
    the user settles them)."""
    if not found.refused:
        return []
    lines = [f"Left alone ({len(found.refused)}):"]
    refused = sorted(found.refused, key=lambda r: (not r.candidates, r.film.label.casefold()))
    for refusal in refused[:SHOWN]:
        lines.append(f"  {refusal.film.label}: {refusal.reason}")
        lines.extend(f"    {_candidate(t)}" for t in refusal.candidates[:CANDIDATES])
        if len(refusal.candidates) > CANDIDATES:
            lines.append(f"    ... and {len(refusal.candidates) - CANDIDATES} more")
    if len(found.refused) > SHOWN:
        lines.append(f"  ... and {len(found.refused) - SHOWN} more (--json lists them all)")
    lines.append("  (settle one with: filmlog facts fill TITLE --imdb-datasets … --imdb tt…)")
    return lines


def _print(folder: Path, found: Lookup, plan: FillPlan, *, dry_run: bool, written: bool) -> None:
    lines = [f"IMDb datasets in {folder}"]
    lines.append(
        "Read: " + ", ".join(f"{name} ({rows:,} rows)" for name, rows in found.rows.items())
    )
    changed = plan.changed
    updated = Counter(name for f in changed for name in f.updated)
    filled = Counter(name for f in changed for name in f.fields) - updated
    verb = "Would fill" if dry_run else "Filled"
    looked = len(found.matches) + len(found.refused)
    done = ("would change" if dry_run else "changed") if updated else verb.lower()
    lines.append(f"Matched {len(found.matches)} of {count(looked, 'film')}; {done} {len(changed)}")
    for said, counts in ((verb, filled), ("Would update" if dry_run else "Updated", updated)):
        if counts:
            lines.append(f"{said}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    fills = {f.before.id: f for f in plan.fills}
    if dry_run:
        for match in found.matches:
            fill = fills.get(match.film.id)
            what = ", ".join(fill.fields) if fill and fill.fields else "nothing new"
            lines.append(f"  {match.film.label} = {_candidate(match.title)} by {match.how}: {what}")
    lines.extend(_left_alone(found))
    kept = [f for f in plan.fills if f.kept]
    if kept:
        lines.append(
            f"Kept your facts where IMDb differs ({count(len(kept), 'film')};"
            " --overwrite replaces):"
        )
        lines.extend(f"  {f.before.label}: {', '.join(f.kept)}" for f in kept[:SHOWN])
    for films in plan.shared:
        labels = " and ".join(f.label for f in films)
        lines.append(f"{labels} share the IMDb id {films[0].ids.imdb}: the same film? Merge with")
        lines.extend(
            f"  filmlog film merge {shlex.quote(f.label)} --into {shlex.quote(films[0].label)}"
            for f in films[1:]
        )
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif not written:
        lines.append("Nothing to change: the journal already has all of it.")
    from filmlog.render import console
    from filmlog.render.text import indented_line

    console.lines(map(indented_line, lines))


def _json(found: Lookup, plan: FillPlan, *, dry_run: bool, written: bool) -> dict[str, Any]:
    fills = {f.before.id: f for f in plan.fills}

    def title(t: Title) -> dict[str, Any]:
        return {
            "imdb": t.tconst,
            "title": t.primary,
            "year": t.year,
            "type": t.type,
            "votes": t.votes,
        }

    matched = []
    for match in found.matches:
        fill = fills.get(match.film.id)
        matched.append(
            {
                "film": match.film.id,
                "match": title(match.title),
                "how": match.how,
                "filled": list(fill.fields) if fill else [],
                "kept": list(fill.kept) if fill else [],
            }
        )
    return {
        "dry_run": dry_run,
        "written": written,
        "files": {
            name: {"rows": rows, "kept": found.kept.get(name, 0)}
            for name, rows in found.rows.items()
        },
        "matched": matched,
        "refused": [
            {
                "film": r.film.id,
                "reason": r.reason,
                "candidates": [title(t) for t in r.candidates],
            }
            for r in found.refused
        ],
        "shared_ids": [
            {"imdb": films[0].ids.imdb, "films": [f.id for f in films]} for films in plan.shared
        ],
    }


def register(app: typer.Typer) -> None:
    """Add the ``facts`` group to the app."""
    facts_app.command("fill")(fill)
    app.add_typer(facts_app, name="facts")
