"""The ``filmlog`` command.

``main`` answers ``--version`` before importing Typer or Rich, so the cheapest call
costs no more than the interpreter; everything else goes through the Typer app.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``filmlog`` console script and ``python -m filmlog``."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from filmlog import __version__

        sys.stdout.write(f"filmlog {__version__}\n")
        return
    from filmlog.cli.app import run

    sys.exit(run(args))
