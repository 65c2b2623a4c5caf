"""Folding and deleting films: ``film merge`` and ``film rm``.

Both ask before the journal is locked, then check in the locked journal that what was
asked about has not changed since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from filmlog.cli import asking, common
from filmlog.cli.common import year_or_none
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog import catalog
    from filmlog.catalog import MergeConflict, MergeResult
    from filmlog.models import Film


def merge(
    ctx: typer.Context,
    wrong: Annotated[
        str, typer.Argument(metavar="TITLE", help="The film to fold away (a wrong listing).")
    ],
    into: Annotated[
        str, typer.Option("--into", help="The right film; 'Title (1995)' picks by year.")
    ],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Year of TITLE (the one folded away).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Fold a wrong or duplicate film into the right one.

    Its viewings, discs and watchlist entry move to the right film, its title becomes an
    alias of it (so the wrong title still finds it), its lists (directors, cast, genres...)
    join the right film's, its notes and synopsis are added, and facts the right film
    lacks are taken over. Where both hold a different value (a runtime, a year), a
    terminal asks which to keep; otherwise the right film's stays and the output names
    the value left out. The wrong film is deleted. Asks first unless --yes. The merged
    film's viewings after its first become rewatches.

    Examples:

        filmlog film merge "Las Vegas Blues" --into "Leaving Las Vegas (1995)"

        filmlog film merge Heet --into Heat --yes
    """
    from filmlog import catalog

    # Questions are asked before the journal is locked: an answer can take a while.
    source, target = _films_to_merge(ctx, wrong, into, year, yes)
    take = _values_to_take(catalog.merge_conflicts(source, target), source, target)
    with common.transaction(ctx) as store:
        now = (store.film(source.id), store.film(target.id))
        asking.still_as_asked(
            now,
            (source, target),
            f"{source.label} or {target.label}",
            "nothing merged",
            "run the merge again",
        )
        result = catalog.merge_films(store, source, target, take)
    _say_merged(result)


def _films_to_merge(
    ctx: typer.Context, wrong: str, into: str, year: int | None, yes: bool
) -> tuple[Film, Film]:
    """The film ``film merge`` folds away and the one it folds into, as the journal has
    them before it is locked; asks first unless ``yes``."""
    from filmlog import journal
    from filmlog.errors import FilmlogError

    before = common.open_store(ctx)
    source = journal.resolve_title(before, wrong, year_or_none(year), asking.chooser())
    target = journal.resolve_title(before, into, None, asking.chooser())
    if source.id == target.id:
        from filmlog.errors import InvalidInput

        raise InvalidInput(f"{wrong!r} and {into!r} are the same film ({source.label})")
    views = len(before.watches([source.id]))
    question = f"Fold {source.label} ({count(views, 'viewing')}) into {target.label}?"
    if not yes and not asking.confirm(question):
        raise FilmlogError("nothing merged")
    return source, target


def _say_merged(result: MergeResult) -> None:
    if result.not_kept:
        values = ", ".join(f"{c.name} {c.other}" for c in result.not_kept)
        common.note(f"note: not kept from {result.gone.label}: {values}")
    alias = result.gone.title in result.film.aka
    common.note(
        f"Merged {result.gone.label} into {result.film.label}: "
        f"{count(result.watches, 'viewing')}, {count(result.discs, 'disc')} moved"
        + (f"; {count(result.rewatches, 'viewing')} now rewatches" if result.rewatches else "")
        + (f"; {result.gone.title!r} now finds {result.film.label}." if alias else ".")
    )


def rm(
    ctx: typer.Context,
    title: common.TitleArgument,
    year: common.YearOption = None,
    with_viewings: Annotated[
        bool, typer.Option("--with-viewings", help="Delete the film's viewings too.")
    ] = False,
    with_discs: Annotated[
        bool,
        typer.Option(
            "--with-discs",
            help="Delete the discs that hold only this film; a disc holding others drops it.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a film (asks first unless --yes). Its id is never given out again.

    Refused while viewings or discs point to the film, unless --with-viewings and
    --with-discs say to delete them too. The film leaves the watchlist and other films'
    see-also.

    Examples:

        filmlog film rm "Heet"

        filmlog film rm Heat --year 1995 --with-viewings --yes
    """
    from filmlog import catalog, journal
    from filmlog.errors import FilmlogError

    # Asked before the journal is locked: an answer can take a while.
    before = common.open_store(ctx)
    film = journal.resolve_title(before, title, year_or_none(year), asking.chooser())
    plan = catalog.removal_plan(before, film, with_viewings, with_discs)
    if not yes and not asking.confirm(f"Delete {_removal_text(plan)}?"):
        raise FilmlogError("nothing deleted")
    with common.transaction(ctx) as store:
        now = store.film(film.id)
        current = catalog.removal_plan(store, now, with_viewings, with_discs) if now else None
        asking.still_as_asked(current, plan, film.label, "nothing deleted", "run the command again")
        done = catalog.remove_film(store, plan.film, with_viewings, with_discs)
    common.note(f"Deleted {_removal_text(done)}.")


def _removal_text(plan: catalog.FilmRemoval) -> str:
    """``Heat (1995), its 2 viewings and 1 disc; off the watchlist``."""

    taken = [count(plan.watches, "viewing")] if plan.watches else []
    if plan.discs:
        taken.append(count(plan.discs, "disc"))
    text = plan.film.label + (f" and its {' and '.join(taken)}" if taken else "")
    also = []
    if plan.shared_discs:
        also.append(f"dropped from {count(plan.shared_discs, 'disc')} holding other films")
    if plan.watchlist:
        also.append("off the watchlist")
    if plan.see_also:
        also.append(f"out of the see-also of {count(plan.see_also, 'film')}")
    return text + ("; " + ", ".join(also) if also else "")


def _values_to_take(conflicts: list[MergeConflict], source: Film, target: Film) -> list[str]:
    """On a terminal, ask which value to keep where both films hold one; the facts whose
    folded film's value is chosen. Without a terminal the target's values stay."""
    if not conflicts or not asking.interactive():
        return []
    take = []
    for conflict in conflicts:
        common.note(f"{conflict.name}:")
        common.note(f"  1. {conflict.kept} ({target.label})")
        common.note(f"  2. {conflict.other} ({source.label})")
        answer = asking.ask(f"Keep which {conflict.name} (1-2, Enter for 1)")
        if answer.strip() == "2":
            take.append(conflict.name)
    return take


def register(app: typer.Typer) -> None:
    """Add ``merge`` and ``rm`` to the ``film`` group."""
    from filmlog.cli.films import film_app

    film_app.command("merge")(merge)
    film_app.command("rm")(rm)
