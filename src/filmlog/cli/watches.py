"""Changing viewings: ``add``, ``edit``, ``rm``.

The commands that only read viewings, ``show`` and ``diary``, are in ``diary.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from filmlog.cli import asking, common, complete
from filmlog.cli.common import (
    review_from,
    year_or_none,
)
from filmlog.errors import FilmlogError
from filmlog.models import Watch, day_label

if TYPE_CHECKING:
    import datetime as dt

    from filmlog import journal
    from filmlog.store import Store

Json = common.JsonOption
Year = common.YearOption
Rating = Annotated[
    str | None, typer.Option("--rating", "-r", help="Stars: 4, 4.5, 4½, ★★★★½ or 9/10.")
]
Medium = Annotated[
    str | None,
    typer.Option(
        help="cinema, blu-ray, uhd, dvd, streaming, tv, digital, vhs or other.",
        autocompletion=complete.media,
    ),
]
Where = Annotated[str | None, typer.Option("--where", help="Cinema or service, e.g. Netflix.")]
With = Annotated[
    list[str] | None, typer.Option("--with", help="Who you watched with (repeatable).")
]
Tag = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help="A tag (repeatable).", autocompletion=complete.tags),
]
Rewatch = Annotated[
    bool | None,
    typer.Option(
        "--rewatch/--first",
        help="A rewatch, or a first viewing. Unless given, a rewatch when the journal has an "
        "earlier viewing of the film (or marks it seen). A viewing logged on (or moved to) an "
        "earlier day makes the film's later viewings rewatches; nothing turns a rewatch back "
        "into a first viewing.",
    ),
]
Review = Annotated[str | None, typer.Option("--review", help="The review, as Markdown.")]
ReviewFile = Annotated[
    str | None, typer.Option("--review-file", help="Read the review from a file; - reads stdin.")
]
Edit = Annotated[bool, typer.Option("--edit", "-e", help="Write the review in $VISUAL / $EDITOR.")]
DiscId = Annotated[
    int | None,
    typer.Option(
        "--disc",
        help="The disc (id: 3 or #3) you watched it from; it must hold the film.",
        parser=common.number_id,
    ),
]

TEMPLATE = "Review of {film}, watched {date}."


def add(
    ctx: typer.Context,
    title: common.TitleArgument,
    year: Year = None,
    on: Annotated[
        str,
        typer.Option(
            "--on", "-d", help="When: YYYY-MM-DD, today, yesterday, '3 days ago', friday."
        ),
    ] = "today",
    rating: Rating = None,
    medium: Medium = None,
    where: Where = None,
    with_: With = None,
    tag: Tag = None,
    rewatch: Rewatch = None,
    like: Annotated[
        bool, typer.Option("--like", help="You loved it (likes the film too).")
    ] = False,
    dnf: Annotated[bool, typer.Option("--dnf", help="You did not finish it.")] = False,
    spoilers: Annotated[bool, typer.Option("--spoilers", help="The review has spoilers.")] = False,
    review: Review = None,
    review_file: ReviewFile = None,
    edit: Edit = False,
    disc: DiscId = None,
    listed_as: Annotated[
        str | None,
        typer.Option(
            "--listed-as",
            help="The wrong title a service listed it under; kept as an alias of the film.",
        ),
    ] = None,
    new: asking.NewOption = False,
    json: Json = False,
) -> None:
    """Log a viewing. Creates the film if the journal does not know it; prints the new id.

    Examples:

        filmlog add "Leaving Las Vegas" --year 1995 --rating 4.5 --medium blu-ray

        filmlog add "Leaving Las Vegas" --year 1995 --where Netflix --listed-as "Vegas Blues"

        filmlog add Heat --on yesterday --where "Prince Charles Cinema" --with Sam --tag 35mm

        filmlog add "Paris, Texas" --review-file review.md
    """
    from filmlog import journal

    details = journal.watch_details(ctx.params)
    year = year_or_none(year)
    review_text = review_from(
        review,
        review_file,
        edit,
        TEMPLATE.format(film=title, date=details.date),
        drafts=common.drafts(ctx),
    )
    from filmlog.cli.editor import kept_on_failure

    with kept_on_failure(common.drafts(ctx), review_text if edit else None):
        pick = asking.pick_film(ctx, title, year, new)
        again = _logged_before(ctx, pick, details.date)
    with (
        kept_on_failure(common.drafts(ctx), review_text if edit else None),
        common.transaction(ctx) as store,
    ):
        logged = journal.add_viewing(store, pick, details, review_text, listed_as, again)
    _show_logged(logged, json)


def _show_logged(logged: journal.Logged, json: bool) -> None:
    """The notes about a new viewing on stderr, then its line (or its JSON)."""
    film, watch = logged.film, logged.watch
    if logged.near:
        common.note(
            f"note: {film.label} is new to the journal (did you mean {' or '.join(logged.near)}?)"
        )
    if logged.again:
        common.note(f"note: {logged.again}; logged it again as #{watch.id}")
    if watch.watchlist is not None:
        common.note(
            f"Took {film.label} off your watchlist (added {watch.watchlist.added}); "
            f"'filmlog rm {watch.id}' would put it back."
        )
    if json:
        from filmlog.models import watch_to_doc

        common.print_json(watch_to_doc(watch))
    else:
        from filmlog.render import console, messages

        console.say(messages.logged_line(watch, film, logged.created))


def _logged_before(ctx: typer.Context, pick: journal.Pick, day: dt.date) -> str | None:
    """On a terminal, whether to log a film already logged that day is asked before the
    journal is locked ("" once answered yes); without one, None: the add notes it."""
    if pick.film_id is None or not asking.interactive():
        return None
    from filmlog import journal

    store = common.open_store(ctx)
    film = store.film(pick.film_id)
    said = None if film is None else journal.logged_on(store, film, day)
    if said is None:
        return None
    if not asking.confirm(f"{said}. Log it again?"):
        raise FilmlogError("nothing logged")
    return ""  # asked and answered: nothing to note


def edit(
    ctx: typer.Context,
    watch_id: common.ViewingId,
    title: Annotated[str | None, typer.Option("--title", help="Move it to another film.")] = None,
    year: Year = None,
    on: Annotated[str | None, typer.Option("--on", "-d", help="Another day.")] = None,
    rating: Rating = None,
    medium: Medium = None,
    where: Where = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Add a person you watched it with (repeatable)."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Add a tag; 'neo-noir, 35mm' is two (repeatable)."),
    ] = None,
    rewatch: Rewatch = None,
    like: Annotated[bool | None, typer.Option("--like/--no-like")] = None,
    dnf: Annotated[bool | None, typer.Option("--dnf/--finished")] = None,
    spoilers: Annotated[bool | None, typer.Option("--spoilers/--no-spoilers")] = None,
    review: Review = None,
    review_file: ReviewFile = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Edit the review in $EDITOR.")] = False,
    disc: DiscId = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="FIELD=VALUE",
            help="Take one tag or person off: 'tag=35mm', 'with=Sam' (repeatable).",
        ),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            metavar="FIELD",
            help="Empty a field: rating, medium, where, with, tags, review, disc; "
            "rewatch goes back to being worked out. '--clear tags --tag x' replaces the tags.",
        ),
    ] = None,
    json: Json = False,
) -> None:
    """Change a viewing. Only the options you give change.

    `--tag` and `--with` add to the viewing's tags and people; `--remove tag=X` or
    `--remove with=NAME` takes one off; `--clear tags` or `--clear with` empties them.

    Examples:

        filmlog edit 12 --rating 4 --tag rewatch-worthy

        filmlog edit 12 --remove tag=heist --with Sam

        filmlog edit 12 --edit

        filmlog edit 12 --title "Heat" --year 1995 --clear where
    """
    from filmlog import journal
    from filmlog.cli.editor import kept_on_failure

    changes = journal.viewing_changes(ctx.params, new_review=bool(review or review_file or edit))
    # The editor runs before the journal is locked: writing can take minutes, and
    # other filmlog commands must not wait for it.
    text = _edited_review(ctx, watch_id, review, review_file, edit)
    fields = changes.fields if text is None else changes.fields | {"review": text}
    choose = asking.choices_before_lock(ctx, [(title, year_or_none(year))])
    with (
        kept_on_failure(common.drafts(ctx), text if edit else None),
        common.transaction(ctx) as store,
    ):
        edited = journal.edit_viewing(
            store, watch_id, fields, changes.lists, title, year_or_none(year), choose
        )
    _say_edited(edited, json)


def _edited_review(
    ctx: typer.Context, watch_id: int, review: str | None, review_file: str | None, edit: bool
) -> str | None:
    """The viewing's new review from --review, --review-file or the editor (started on
    the current one), or None to leave it."""
    from filmlog import journal

    before = common.open_store(ctx)
    current = journal.get_watch(before, watch_id)
    watched = before.film(current.film)
    return review_from(
        review,
        review_file,
        edit,
        TEMPLATE.format(
            film=watched.label if watched else current.film,
            date=f"{day_label(current.date)} (viewing #{watch_id})",
        ),
        current.review,
        common.drafts(ctx),
    )


def _say_edited(edited: journal.Edited, json: bool) -> None:
    if json:
        from filmlog.models import watch_to_doc

        common.print_json(watch_to_doc(edited.watch))
    elif edited.film is not None:
        from filmlog.render import console, messages

        verb = "Updated" if edited.changed else "No change to"
        console.say(messages.logged_line(edited.watch, edited.film, False, verb=verb))
        for change in messages.watch_changes(edited.before, edited.watch, edited.was, edited.film):
            console.say(change)


def rm(
    ctx: typer.Context,
    watch_id: common.ViewingId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a viewing (asks first unless --yes). Its id is never given out again.

    Examples:

        filmlog rm 12

        filmlog rm 12 --yes
    """
    from filmlog import journal

    if not yes:
        # Asked before the journal is locked: an answer can take a while.
        store = common.open_store(ctx)
        watch = journal.get_watch(store, watch_id)
        if not asking.confirm(f"Delete {_viewing_label(store, watch)}?"):
            raise FilmlogError("nothing deleted")
    with common.transaction(ctx) as store:
        watch = journal.remove_watch(store, watch_id)
        label = _viewing_label(store, watch)
    common.note(f"Deleted {label}.")


def _viewing_label(store: Store, watch: Watch) -> str:
    film = store.film(watch.film)
    return f"viewing #{watch.id} of {film.label if film else watch.film} on {day_label(watch.date)}"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(add)
    app.command()(edit)
    app.command()(rm)
