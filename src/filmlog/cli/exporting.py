"""``filmlog export`` and ``filmlog import json`` (being built; see the open issues)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app (``import json`` goes on the import group)."""
