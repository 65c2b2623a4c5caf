"""Looking after the journal: ``path``, ``doctor``, ``restore``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from filmlog.cli import asking, common
from filmlog.models import count

if TYPE_CHECKING:
    from pathlib import Path

    from filmlog.doctor.backups import BackupInfo
    from filmlog.doctor.report import Report


def path(
    ctx: typer.Context,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print where the journal, its backups, its review drafts and its lock live.

    Examples:

        filmlog path

        FILMLOG_DB=~/films.json filmlog path --json
    """
    import os
    from pathlib import Path

    from filmlog import paths

    journal = common.state(ctx).journal
    # A symlinked journal is locked beside the file it names, as every path to it must be.
    locked = Path(os.path.realpath(journal)) if journal.is_symlink() else journal
    where = {
        "journal": str(journal),
        "backups": str(paths.backup_dir(journal)),
        "drafts": str(paths.drafts_dir(journal)),
        "lock": str(paths.lock_path(locked)),
        "exists": journal.exists(),
    }
    if json:
        common.print_json(where)
        return
    for key in ("journal", "backups", "drafts", "lock"):
        _echo(f"{key + ':':9} ", str(where[key]))


def doctor(
    ctx: typer.Context,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check the journal thoroughly and list its backups. Exits 1 when something is wrong.

    Loads the journal strictly, validates every film, viewing, disc and watchlist entry,
    follows every reference between them, looks for ids used twice and for id counters
    that have fallen behind, and says what each backup holds. Changes nothing.

    Examples:

        filmlog doctor

        filmlog doctor --json
    """
    from filmlog.doctor.report import check
    from filmlog.errors import JournalError

    report = check(common.state(ctx).journal)
    if json:
        common.print_json(report.to_json())
    else:
        _print_report(report)
    if not report.ok:
        unreadable = any(p.kind == "unreadable" for p in report.problems)
        restorable = any(b.loads for b in report.backups)
        raise JournalError(
            f"{count(len(report.problems), 'problem')} found in journal {report.journal}",
            "'filmlog restore' puts back the newest backup that loads"
            if unreadable and restorable
            else None,
        )


def _print_report(report: Report) -> None:
    _echo("journal   ", str(report.journal))
    if report.size is not None:
        facts = [_size(report.size)]
        if report.schema is not None:
            facts.append(f"schema {report.schema}")
        for table, (one, many) in _LABELS.items():
            if table in report.counts:
                facts.append(count(report.counts[table], one, many))
        _echo("          ", " · ".join(facts))
    for problem in report.problems:
        _echo("problem   ", problem.message)
    for note in report.notes:
        _echo("note      ", note)
    if not report.backups:
        _echo("backups   ", "none yet")
    else:
        _echo("backups   ", f"{len(report.backups)}, newest first:")
        width = max(len(b.name) for b in report.backups)
        for backup in report.backups:
            holds, error = _backup_line(backup)
            _echo(f"  {backup.name:{width}}  {holds}", error)
    if report.ok and report.exists:
        _echo(
            "healthy   ",
            "loads strictly; every document is valid; references resolve; ids are unique",
        )


_LABELS = {
    "films": ("film", "films"),
    "watches": ("viewing", "viewings"),
    "discs": ("disc", "discs"),
    "watchlist": ("on the watchlist", "on the watchlist"),
    "lists": ("list", "lists"),
}


def _backup_line(backup: BackupInfo) -> tuple[str, str]:
    """What a backup holds, and why it does not load (if it does not)."""
    taken = backup.taken.strftime("%Y-%m-%d %H:%M:%S")
    if not backup.loads:
        return f"{taken}  does not load: ", str(backup.error)
    films = f"{backup.films} film{'' if backup.films == 1 else 's'}"
    watches = f"{backup.watches} viewing{'' if backup.watches == 1 else 's'}"
    return f"{taken}  {films:>9}  {watches:>12}  {_size(backup.size)}", ""


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def restore(
    ctx: typer.Context,
    backup: Annotated[
        str | None,
        typer.Argument(
            metavar="[BACKUP]",
            help="A backup's name (as 'filmlog doctor' lists it) or a file. "
            "Default: the newest backup that loads.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Put a backup back as the journal. The current file is kept as a backup first.

    The backup is checked before anything changes; the swap is atomic and holds the
    journal's lock. Viewing ids given out since the backup are not given out again.

    Examples:

        filmlog restore

        filmlog restore 20240501T203000.000000.json --yes
    """
    from filmlog.doctor import backups
    from filmlog.errors import FilmlogError

    journal = common.state(ctx).journal
    chosen = backups.find_backup(journal, backup)
    if chosen.loads and not yes and not asking.confirm(_restore_question(journal, chosen)):
        raise FilmlogError("nothing restored")
    done = backups.restore(
        journal, chosen, on_wait=lambda: common.waiting_note(journal), wanted=backup
    )
    _echo("", f"Restored {chosen.name} ({_holds(chosen.films, chosen.watches)}) to {journal}.")
    if done.kept is not None:
        _echo("", f"The file it replaced is kept as backup {done.kept.name}.")


def _restore_question(journal: Path, chosen: BackupInfo) -> str:
    """``Restore backup … (taken …: what it holds) over journal … (what it holds)?``"""
    from filmlog.doctor import backups

    now = backups.counts(journal)
    if not journal.exists():
        current = "which does not exist"
    elif now is None:
        current = "which does not load"
    else:
        current = _holds(*now)
    return (
        f"Restore backup {chosen.name} (taken {chosen.taken:%Y-%m-%d %H:%M:%S}: "
        f"{_holds(chosen.films, chosen.watches)}) over journal {journal} ({current})?"
    )


def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Put the journal back as it was before the last change. Asks first unless --yes.

    Undo again to go back one more change. It works while the journal is as filmlog's
    last change (or undo) left it; a restore, an upgrade or a change by another program
    ends the chain ('filmlog restore' still puts back any backup). The undone journal is
    kept as a backup.

    Examples:

        filmlog undo

        filmlog undo --yes
    """
    from filmlog import undo as undoing
    from filmlog.errors import FilmlogError

    journal = common.state(ctx).journal
    plan = undoing.plan_undo(journal)
    common.note(f"Undo the last change to {journal}: it would")
    for line in plan.summary:
        common.note(f"  {line}")
    if not yes and not asking.confirm("Undo it?"):
        raise FilmlogError("nothing undone")
    undoing.undo(journal, plan, on_wait=lambda: common.waiting_note(journal))
    common.note(f"Undone: the journal is as it was at {plan.backup.taken:%Y-%m-%d %H:%M:%S}.")


def _echo(label: str, value: str = "") -> None:
    """Print a line of the report: a label as it is, then a value (a path, a problem)
    cleaned to one line."""
    from rich.text import Text

    from filmlog.render.console import say
    from filmlog.render.text import line

    say(Text(label) + line(value))


def _holds(films: int | None, watches: int | None) -> str:
    return (
        f"{films} film{'' if films == 1 else 's'}, {watches} viewing{'' if watches == 1 else 's'}"
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(path)
    app.command()(doctor)
    app.command()(restore)
    app.command()(undo)
