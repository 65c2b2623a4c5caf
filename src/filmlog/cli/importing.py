"""``filmlog import``: bring in exports from Letterboxd, IMDb and filmlog itself."""

from __future__ import annotations

import typer

import_app = typer.Typer(
    name="import",
    help="Import an export from Letterboxd, IMDb, or a filmlog JSON backup.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``import`` group (its commands are added by their modules) to the app."""
    app.add_typer(import_app, name="import")
