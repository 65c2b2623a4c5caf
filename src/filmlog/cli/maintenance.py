"""Looking after the journal: ``path``."""

from __future__ import annotations

from typing import Annotated

import typer

from filmlog.cli import common


def path(
    ctx: typer.Context,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print where the journal, its lock and its backups live.

    Examples:

        filmlog path

        FILMLOG_DB=~/films.json filmlog path --json
    """
    from filmlog import paths

    journal = common.state(ctx).journal
    where = {
        "journal": str(journal),
        "backups": str(paths.backup_dir(journal)),
        "lock": str(paths.lock_path(journal)),
        "exists": journal.exists(),
    }
    if json:
        common.print_json(where)
        return
    for key in ("journal", "backups", "lock"):
        typer.echo(f"{key + ':':9} {where[key]}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(path)
