"""What every command shares: the journal path, consoles, JSON output, prompts, parsing."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from filmlog import paths
from filmlog.cli import complete
from filmlog.errors import FilmlogError, InvalidInput
from filmlog.models import (
    Film,
    clean_line,
    clean_text,
    if_given,
    parse_date,
    parse_medium,
    parse_rating,
    parse_year,
)

if TYPE_CHECKING:
    from filmlog.journal import Choose, Pick
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


def interactive() -> bool:
    """Whether a person is at the terminal to answer a question."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def chooser() -> Choose | None:
    """A way to ask which film is meant, or None when nobody can answer."""
    if not interactive():
        return None

    def choose(films: Sequence[Film]) -> Film:
        note("Several films match:")
        for number, film in enumerate(films, 1):
            note(
                f"  {number}. {film.label}"
                + (f"  [{', '.join(film.directors)}]" if film.directors else "")
            )
        last = len(films)
        while True:
            # End of input at the prompt aborts; anything else is asked again.
            answer = ask(f"Which one (1-{last})").strip()
            if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= last:
                return films[int(answer) - 1]
            note(f"{answer!r} is not on the list: type a number from 1 to {last}.")

    return choose


def choices_before_lock(
    ctx: typer.Context, titles: Iterable[tuple[str | None, int | None]]
) -> Choose | None:
    """Ask "which one?" for each title that names several films now, before the journal
    is locked, and return a chooser that gives the same answers under the lock.

    Nobody waits at a prompt while holding the lock (a second command would find the
    journal busy). A title that names another set of films by then (the journal changed
    meanwhile) is refused rather than answered with a guess.
    """
    if not interactive():
        return None
    from filmlog import journal

    store = open_store(ctx)
    ask_which = chooser()
    assert ask_which is not None
    answers: dict[frozenset[str], str] = {}
    for title, year in titles:
        if not title:
            continue
        try:
            films = journal.matching_films(store, title, year)
        except FilmlogError:
            continue  # a title that is refused is refused again, under the lock
        key = frozenset(f.id for f in films)
        if len(films) > 1 and key not in answers:
            answers[key] = ask_which(films).id

    def replay(films: Sequence[Film]) -> Film:
        chosen = answers.get(frozenset(f.id for f in films))
        for film in films:
            if film.id == chosen:
                return film
        raise FilmlogError(
            "the journal changed while you were answering; nothing changed",
            "run the command again",
        )

    return replay


def pick_film(ctx: typer.Context, title: str, year: int | None, new: bool) -> Pick:
    """The film a TITLE names, asked about before the journal is locked.

    A title the journal lacks that is near titles it has is most likely a typo: a
    terminal asks "Did you mean ...?"; without one it is refused with the suggestion,
    unless ``new`` (``--new``) says it is a new film.
    """
    from filmlog import journal

    if not interactive():  # nothing to ask: settled once, under the lock
        return journal.Pick(title, year, None, settled=False, new=new)
    pick, near = journal.pick_film(open_store(ctx), title, year, chooser())
    if pick.film_id is not None or new or not near:
        return pick
    shown = title.strip() + (f" ({year})" if year else "")
    labels = [c.label for c in near]
    chosen = _did_you_mean(shown, labels)
    return journal.Pick(title, year, None if chosen is None else near[chosen].id)


def _did_you_mean(shown: str, labels: list[str]) -> int | None:
    """Which of ``labels`` a typed title means (an index), or None for a new film."""
    if len(labels) == 1:
        question = f"{shown} is not in your journal. Did you mean {labels[0]}? [Y/n/new]"
    else:
        note(f"{shown} is not in your journal. Did you mean:")
        for number, label in enumerate(labels, 1):
            note(f"  {number}. {label}")
        question = f"Which one (1-{len(labels)}), n for none, or new for a new film"
    while True:
        answer = ask(question).strip().casefold()
        if answer == "new":
            return None
        if answer in ("n", "no"):
            raise FilmlogError("nothing changed")
        if len(labels) == 1 and answer in ("", "y", "yes"):
            return 0
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(labels):
            return int(answer) - 1
        note(f"{answer!r} is not an answer here: type y, n or new.")


NewOption = Annotated[
    bool,
    typer.Option(
        "--new",
        help="The title is a new film, even if titles near it are in the journal "
        "(else a terminal asks 'did you mean', and without one it is refused).",
    ),
]


def confirm(question: str) -> bool:
    """Ask yes/no on a terminal; refuse (exit 2) when nobody can answer."""
    if not interactive():
        raise InvalidInput(f"not asking {question!r} without a terminal", "pass --yes to confirm")
    from rich.prompt import Confirm

    from filmlog.render.console import console
    from filmlog.render.text import line

    try:
        return Confirm.ask(line(question), default=False, console=console(stderr=True))
    except EOFError:
        raise typer.Abort() from None


def still_as_asked(now: object, asked: object, what: str, undone: str, again: str) -> None:
    """Refuse, changing nothing, when what a question was about (read before the journal
    was locked) is no longer what the locked journal holds."""
    if now != asked:
        raise FilmlogError(f"{what} changed while you answered; {undone}", again)


def ask(question: str) -> str:
    """An answer typed at a prompt on stderr; end of input aborts."""
    from rich.prompt import Prompt

    from filmlog.render.console import console
    from filmlog.render.text import line

    try:
        return Prompt.ask(line(question), console=console(stderr=True))
    except EOFError:
        raise typer.Abort() from None


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
