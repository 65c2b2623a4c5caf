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
    import gc

    # A command is a short-lived process: the cyclic collector would walk the whole
    # parsed journal again and again (most of the time of a 100k-viewing journal),
    # while reference counting frees what it makes; the journal forms no cycles.
    gc.disable()
    from filmlog.cli.app import run

    _exit(run(args))


def _exit(code: int) -> None:
    """Exit at once: the interpreter's teardown would free the parsed journal object by
    object, which takes longer than many commands. Output is flushed first; the journal
    was written and synced before the command returned; nothing else is left to run."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
