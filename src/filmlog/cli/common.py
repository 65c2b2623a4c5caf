"""What every command shares: the journal path, consoles, JSON output, parsing.

Questions to the user (and the rule that they are asked before the journal is locked)
are in ``asking.py``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from filmlog import paths
from filmlog.cli import complete
from filmlog.errors import FilmlogError, InvalidInput
from filmlog.models import (
    clean_line,
    clean_text,
    if_given,
    parse_date,
    parse_medium,
    parse_rating,
    parse_year,
)

if TYPE_CHECKING:
    from filmlog.store import Store

T = TypeVar("T")

# Options that many commands share, declared once.
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
YearOption = Annotated[
    int | None, typer.Option("--year", "-y", help="Release year, to tell remakes apart.")
]
TitleArgument = Annotated[
    str,
    typer.Argument(
        help="The film's title; 'Heat (1995)' also works.", autocompletion=complete.titles
    ),
]


def number_id(text: str) -> int:
    """A viewing's or disc's id as typed: ``12`` or ``#12``, as filmlog prints it."""
    digits = text.strip().removeprefix("#")
    if not digits.isascii() or not digits.isdigit():
        raise typer.BadParameter(f"{text!r} is not an id (a number such as 12 or #12)")
    return int(digits)


ViewingId = Annotated[
    int,
    typer.Argument(metavar="ID", help="The viewing's id (see diary): 12 or #12.", parser=number_id),
]


class State:
    """Options of the top-level command, kept on the Typer context."""

    def __init__(self, db: Path | None) -> None:
        self.db = db

    @property
    def journal(self) -> Path:
        return paths.journal_path(self.db)


def state(ctx: typer.Context) -> State:
    """The top-level options (``--db``)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State(None)


def open_store(ctx: typer.Context) -> Store:
    """The journal, for reading."""
    from filmlog.store import Store

    return _keep(Store.open(state(ctx).journal))


def read_store(ctx: typer.Context) -> Store:
    """The journal, for a command that only reads it: one that does not exist yet is
    said to be missing, with where it was looked for, not read as an empty journal."""
    from filmlog.errors import NotFound

    journal = state(ctx).journal
    if not journal.exists():
        raise NotFound(
            f"journal {journal} does not exist yet",
            "see 'filmlog path'; 'filmlog add' starts it",
        )
    return open_store(ctx)


@contextlib.contextmanager
def transaction(ctx: typer.Context) -> Iterator[Store]:
    """The journal, locked for a read-change-write."""
    from filmlog.journal import adopt_flags
    from filmlog.store import Store
    from filmlog.undo import count_change

    journal = state(ctx).journal
    with Store.transaction(journal, on_wait=lambda: waiting_note(journal)) as store:
        adopt_flags(store)
        store.mark_clean()
        yield _keep(store)
        count_change(store)


# The journal a command opened stays referenced after the command returns: freeing a
# parsed journal object by object takes 5 ms at 10,000 viewings and 40 ms at 100,000,
# and the process ends without freeing anything (see filmlog.cli.main). One is kept.
_opened: list[Store] = []


def _keep(store: Store) -> Store:
    _opened[:] = [store]
    return store


def waiting_note(journal: Path) -> None:
    """Said once when another filmlog keeps the journal locked for a moment."""
    note(f"waiting for another filmlog to finish with {journal}…")


def terminal() -> bool:
    """Whether stdout is a terminal (or FORCE_COLOR treats it as one)."""
    from filmlog.render.console import console

    return console().is_terminal


# The most rows a list (diary, film list) shows on a terminal when no --limit is given;
# a line after the table says how many more there are.
TTY_ROWS = 200


def row_cap(limit: int | None, json: bool = False) -> int | None:
    """How many rows a list shows at most: TTY_ROWS on a terminal, or None (every row)
    when ``--limit`` or ``--json`` is given or stdout is not a terminal."""
    return None if json or limit is not None or not terminal() else TTY_ROWS


def capped(
    rows: list[T], cap: int | None, total: Callable[[], int] | None = None
) -> tuple[list[T], int]:
    """The first ``cap`` rows and how many more there are: ``total()`` counts every row
    when ``rows`` holds only some of them (read up to one past the cap), else they are
    counted in ``rows``."""
    if cap is None or len(rows) <= cap:
        return rows, 0
    return rows[:cap], (len(rows) if total is None else total()) - cap


# Set for a --json command: its messages stay plain text, and Rich is never imported.
plain_messages = False


def note(message: str) -> None:
    """A remark for the user on stderr (never on stdout, where data goes), on one line
    after its indent, whatever the user text in it holds."""
    if plain_messages:
        sys.stderr.write(clean_line(message) + "\n")
        return
    from filmlog.render.console import say
    from filmlog.render.text import indented_line

    say(indented_line(message), stderr=True)


def print_json(data: Any) -> None:
    """Plain JSON on stdout: no colour, indented, non-ASCII kept."""
    import orjson

    out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    sys.stdout.flush()
    sys.stdout.buffer.write(out)
    sys.stdout.flush()


# --------------------------------------------------------------------------- value parsing


def rating_or_none(text: str | None) -> float | None:
    return if_given(parse_rating, text)


def date_or_none(text: str | None, *, allow_future: bool = False) -> Any:
    return None if text is None else parse_date(text, allow_future=allow_future)


def medium_or_none(text: str | None) -> str | None:
    return if_given(parse_medium, text)


def year_or_none(value: int | None) -> int | None:
    return parse_year(value)


def words_or_none(option: str, text: str | None) -> str | None:
    """Words a filter looks for; words with no letter or digit are refused."""
    from filmlog.models import fold

    if text is not None and not fold(text):
        raise InvalidInput(f"{option} {text.strip()!r} has nothing to match", "give a word")
    return text


# The longest review filmlog reads (an essay of 150,000 words is under 1 MiB).
MAX_REVIEW_BYTES = 1024 * 1024


def read_text_file(path: str) -> str:
    """The text of a file, or of stdin for ``-`` (UTF-8, a byte-order mark dropped), of
    at most MAX_REVIEW_BYTES; anything but a regular file is refused."""
    from filmlog.files import read_limited, read_stream

    if path == "-":
        if sys.stdin.isatty():
            note("Type the text, then press Ctrl-D on a line of its own.")
        data = read_stream(sys.stdin.buffer, MAX_REVIEW_BYTES, "the text on stdin", "a review")
    else:
        data = read_limited(Path(path), MAX_REVIEW_BYTES, "a review")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        what = "the text on stdin is not UTF-8" if path == "-" else f"{path} is not UTF-8 text"
        raise InvalidInput(what) from None


def drafts(ctx: typer.Context) -> Path:
    """Where a review typed in the editor is kept when it cannot be saved."""
    from filmlog.paths import drafts_dir

    return drafts_dir(state(ctx).journal)


def review_from(
    text: str | None,
    file: str | None,
    edit: bool,
    template: str,
    current: str | None = None,
    drafts: Path | None = None,
) -> str | None:
    """The review given by ``--review``, ``--review-file`` or ``--edit`` (at most one);
    a review from the editor is kept in ``drafts`` if the editor fails."""
    given = [
        name for name, v in (("--review", text), ("--review-file", file), ("--edit", edit)) if v
    ]
    if len(given) > 1:
        raise InvalidInput(f"{' and '.join(given)} both give a review", "use one of them")
    if file is not None:
        return clean_text(read_text_file(file)) or None
    if edit:
        from filmlog.cli.editor import edit_text

        written = clean_text(edit_text(template, current or "", drafts))
        if not written:
            raise FilmlogError("nothing saved: the review came back empty")
        return written
    return None if text is None else clean_text(text) or None


def debug() -> bool:
    """Whether FILMLOG_DEBUG asks for tracebacks."""
    return os.environ.get("FILMLOG_DEBUG", "") not in ("", "0")
