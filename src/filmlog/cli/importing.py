"""``filmlog import``: bring in exports from Letterboxd, IMDb and filmlog itself."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from filmlog.cli import common
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog.importers.plan.builder import Progress
    from filmlog.importers.plan.changes import Plan
    from filmlog.store import Store

import_app = typer.Typer(
    name="import",
    help="Import an export from Letterboxd, IMDb, or a filmlog JSON backup.",
    no_args_is_help=True,
)

DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]
SkipBad = Annotated[
    bool,
    typer.Option(
        "--skip-bad",
        help="Import the good rows even if some are bad (they are listed). "
        "Without it, one bad row stops the import before anything is written.",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
SHOWN_LINES = 100
SHOWN_SKIPS = 20
# What the export held, as the summary counts it: (one, several) for each detail.
DETAILS = {
    "viewings": ("viewing", "viewings"),
    "rewatches": ("rewatch", "rewatches"),
    "reviews_joined": ("review joined", "reviews joined"),
    "reviews_as_viewings": ("review as a viewing", "reviews as viewings"),
    "reviews_undated": ("review without a day", "reviews without a day"),
    "ratings": ("rating", "ratings"),
    "seen_without_viewing": ("film seen without a viewing", "films seen without a viewing"),
    "likes": ("like", "likes"),
    "watchlist": ("watchlist entry", "watchlist entries"),
    "lists": ("list", "lists"),
    "list_entries": ("list entry", "list entries"),
    "favourites": ("favourite film", "favourite films"),
    "orphaned": ("orphaned diary row", "orphaned diary rows"),
    "deleted_removed": ("deleted row removed", "deleted rows removed"),
    "deleted_kept": (
        "deleted row kept (changed in filmlog)",
        "deleted rows kept (changed in filmlog)",
    ),
    "deleted_not_imported": (
        "deleted row never imported (left out)",
        "deleted rows never imported (left out)",
    ),
    "lists_deleted": ("deleted list", "deleted lists"),
    "links_left_out": (
        "link to others' reviews, lists or comments (left out)",
        "links to others' reviews, lists or comments (left out)",
    ),
}


def letterboxd(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="The export zip, or the folder it unpacks to.", show_default=False),
    ],
    dry_run: DryRun = False,
    skip_bad: SkipBad = False,
    json: Json = False,
) -> None:
    """Import a Letterboxd account export: diary, reviews, ratings, watched, watchlist, likes.

    Every diary row becomes a viewing, reviews join their diary rows (HTML becomes
    Markdown), ratings, likes and the watchlist fill in your films. Running it again
    with the same or a newer export adds only what is new.

    Examples:

        filmlog import letterboxd letterboxd-me-2024-05-01-utc.zip --dry-run

        filmlog import letterboxd ~/Downloads/letterboxd-me-2024-05-01-utc/

        filmlog import letterboxd export.zip --json
    """
    from filmlog.importers import letterboxd as source

    _run(
        ctx,
        "Letterboxd",
        lambda store, progress: source.plan_import(store, path, progress),
        dry_run,
        skip_bad,
        json,
    )


def imdb(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="An IMDb ratings or watchlist CSV.", show_default=False)
    ],
    as_viewings: Annotated[
        bool,
        typer.Option(
            "--as-viewings",
            help="Also log a viewing of each rated title on the day it was rated "
            "(when IMDb is your only record).",
        ),
    ] = False,
    dry_run: DryRun = False,
    skip_bad: SkipBad = False,
    json: Json = False,
) -> None:
    """Import an IMDb ratings, watchlist or list CSV export.

    A rated title becomes a seen film with your rating (10 points halved to stars), the
    day you rated it, its IMDb id, runtime, genres, directors and kind (film, tv series,
    short...). IMDb keeps no viewing dates, so no diary entries are made unless you ask
    with --as-viewings. A watchlist export fills your watchlist; any other list export
    becomes a list named after the file, in its order. Every layout since before 2017 is
    read, in UTF-8 or Latin-1.

    Examples:

        filmlog import imdb ratings.csv --dry-run

        filmlog import imdb ratings.csv --as-viewings

        filmlog import imdb watchlist.csv --json
    """
    from filmlog.importers import imdb as source

    _run(
        ctx,
        "IMDb",
        lambda store, progress: source.plan_import(store, path, progress, as_viewings),
        dry_run,
        skip_bad,
        json,
    )


def _run(
    ctx: typer.Context,
    what: str,
    planner: Callable[[Store, Progress | None], Plan],
    dry_run: bool,
    skip_bad: bool,
    json: bool,
) -> None:
    from filmlog.errors import InvalidInput
    from filmlog.importers.plan.changes import apply
    from filmlog.render.progress import progress_bars

    blocked = False
    with progress_bars(enabled=not json) as bars:
        progress = None if bars is None else functools.partial(bars, "checking rows")
        if dry_run:
            plan = planner(common.open_store(ctx), progress)
            blocked = _blocked(plan, skip_bad)
        else:
            with common.transaction(ctx) as store:
                plan = planner(store, progress)
                blocked = _blocked(plan, skip_bad)
                if not blocked:
                    apply(store, plan)
    written = not dry_run and not blocked and plan.changes_anything
    whole = [p for p in plan.problems if p.whole_file]
    if json:
        common.print_json(plan.to_json(dry_run=dry_run, written=written))
    else:
        _print_problems(plan)
        if not whole:  # what the rest would add means nothing when a file is unreadable
            _print_summary(plan, what, dry_run=dry_run, written=written, blocked=blocked)
    bad = len(plan.problems)
    rows = count(bad, "bad row")
    if whole:
        raise InvalidInput(
            f"{whole[0].file} cannot be read as a whole; nothing was imported",
            "--skip-bad leaves out bad rows, never a whole file: fix it, or import "
            "the export without it",
        )
    if blocked:
        raise InvalidInput(
            f"{rows} in the export; nothing was imported",
            "fix them, or pass --skip-bad to import the other rows",
        )
    if bad and not plan.changes_anything and not sum(plan.unchanged.values()):
        from filmlog.errors import FilmlogError

        raise FilmlogError(f"every row was bad ({rows}); nothing was imported")


def _blocked(plan: Plan, skip_bad: bool) -> bool:
    """Whether problems stop the import: any, without --skip-bad; with it, a file that
    could not be read as a whole (skipping it would drop every row it holds)."""
    return any(p.whole_file for p in plan.problems) or (bool(plan.problems) and not skip_bad)


def _print_problems(plan: Plan) -> None:
    for problem in plan.problems[:SHOWN_LINES]:
        common.note(str(problem))
    if len(plan.problems) > SHOWN_LINES:
        common.note(f"... and {len(plan.problems) - SHOWN_LINES} more (--json lists them all)")


def _print_summary(plan: Plan, what: str, *, dry_run: bool, written: bool, blocked: bool) -> None:
    lines = [f"{what} export {plan.path}"]
    if plan.files:
        lines.append(
            "Read: " + ", ".join(f"{name} ({count(n, 'row')})" for name, n in plan.files.items())
        )
    verb = "Would add" if dry_run or blocked else "Added"
    added = [
        count(len(plan.new_films), "film"),
        count(len(plan.new_watches), "viewing"),
        count(len(plan.watchlist_added), "watchlist entry", "watchlist entries"),
    ]
    if plan.new_lists:
        added.append(count(len(plan.new_lists), "list"))
    lines.append(f"{verb}: " + ", ".join(added))
    updated = [
        count(len(plan.changed_films), "film"),
        count(len(plan.changed_watches), "viewing"),
    ]
    if plan.changed_lists:
        updated.append(count(len(plan.changed_lists), "list"))
    if plan.watchlist_removed:
        updated.append(f"{len(plan.watchlist_removed)} taken off the watchlist (now viewed)")
    lines.append(("Would update" if dry_run or blocked else "Updated") + ": " + ", ".join(updated))
    if plan.removed_watches or plan.removed_lists:
        removed = [
            count(len(plan.removed_watches), "viewing"),
            count(len(plan.removed_lists), "list"),
        ]
        lines.append(
            ("Would remove" if dry_run or blocked else "Removed")
            + f" (deleted on Letterboxd): {', '.join(removed)}"
        )
    unchanged = plan.unchanged
    lines.append(
        f"Already in the journal: {count(unchanged['films'], 'film')}, "
        f"{count(unchanged['viewings'], 'viewing')}, "
        f"{count(unchanged['watchlist'], 'watchlist entry', 'watchlist entries')}"
        + (f", {count(unchanged['lists'], 'list')}" if unchanged["lists"] else "")
    )
    lines.extend(_summary_details(plan, dry_run=dry_run, written=written, blocked=blocked))
    from filmlog.render import console
    from filmlog.render.text import indented_line

    # Lines that name films and rows carry imported text: each is cleaned to one line.
    console.lines(map(indented_line, lines))


def _summary_details(plan: Plan, *, dry_run: bool, written: bool, blocked: bool) -> list[str]:
    """What the export holds beside viewings, what was skipped, and what was written."""
    lines = []
    found = [
        count(n, *DETAILS.get(k, (k.replace("_", " "),))) for k, n in plan.details.items() if n
    ]
    if found:
        lines.append("In the export: " + ", ".join(found))
    if dry_run:
        for film in plan.changed_films[:SHOWN_LINES]:
            lines.append(f"  update {film.label}: {', '.join(plan.film_changes[film.id])}")
        for watch in plan.changed_watches[:SHOWN_LINES]:
            lines.append(f"  update viewing #{watch.id}: {', '.join(plan.watch_changes[watch.id])}")
    if plan.skipped:
        kinds = Counter(s.kind for s in plan.skipped if s.kind)
        grouped = f" ({', '.join(f'{k}: {n}' for k, n in kinds.most_common())})" if kinds else ""
        lines.append(f"Skipped {len(plan.skipped)}{grouped}:")
        lines.extend(f"  {s}" for s in plan.skipped[:SHOWN_SKIPS])
        if len(plan.skipped) > SHOWN_SKIPS:
            lines.append(
                f"  ... and {len(plan.skipped) - SHOWN_SKIPS} more (--json lists them all)"
            )
    if plan.notes:
        lines.append("Notes:")
        lines.extend(f"  {n}" for n in plan.notes)
    if plan.problems and not blocked:
        lines.append(f"Left out {count(len(plan.problems), 'bad row')} (listed on stderr).")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif blocked:
        lines.append("Nothing was written.")
    elif not written:
        lines.append("Nothing to change: the journal already has all of it.")
    return lines


def register(app: typer.Typer) -> None:
    """Add the ``import`` group (its commands are added by their modules) to the app."""
    import_app.command("letterboxd")(letterboxd)
    import_app.command("imdb")(imdb)
    app.add_typer(import_app, name="import")
