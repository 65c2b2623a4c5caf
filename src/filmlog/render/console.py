"""The one place a Rich ``Console`` is made, and how screens reach it.

Rich decides colour from the environment: none on a pipe, none on a ``TERM=dumb``
terminal, colour with ``FORCE_COLOR`` even on a pipe; with ``NO_COLOR`` no style at all.
The width is ``COLUMNS`` when it is set, else the terminal's, else 80.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.text import Text


def _given(name: str) -> int | None:
    value = os.environ.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else None


def columns_given() -> int | None:
    """The width COLUMNS gives, if it gives one."""
    return _given("COLUMNS")


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr) that reads no markup, no emoji codes and
    highlights nothing: everything it prints is built as ``Text``."""
    width = columns_given()
    # Rich keeps to a given width on a dumb terminal only when given a height too.
    height = (_given("LINES") or 25) if width else None
    # NO_COLOR: Rich would still print bold and dim; the user asked for plain text.
    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(
        stderr=stderr,
        width=width,
        height=height,
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


def piped(out: Console) -> bool:
    """Whether ``out`` goes to a pipe or a file with no width given (COLUMNS unset): list
    commands then print one row a line, for grep, cut and sort."""
    return columns_given() is None and not out.is_terminal


def show(renderable: RenderableType, stderr: bool = False) -> None:
    """Print a page on stdout (or stderr)."""
    console(stderr).print(renderable)


def say(line: Text, stderr: bool = False) -> None:
    """Print one line as it is: a terminal wraps it, Rich does not break it."""
    console(stderr).print(line, soft_wrap=True)


def lines(rows: Iterable[Text], out: Console | None = None) -> None:
    """Print lines as they are, one each (piped list output)."""
    (out or console()).print(Text("\n").join(rows), soft_wrap=True)
