"""Questions to the user: which film a title means, "did you mean", yes or no.

Every question is asked before the journal is locked (nobody waits at a prompt while
holding it, so a second command never finds the journal busy), and what it was about is
checked again under the lock: ``choices_before_lock`` replays the answers, and
``still_as_asked`` refuses when the journal changed meanwhile. Without a terminal
nothing is asked: a choice is refused with what would settle it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from filmlog.cli import common
from filmlog.errors import FilmlogError, InvalidInput

if TYPE_CHECKING:
    from filmlog.journal import Choose, Pick
    from filmlog.models import Film


def interactive() -> bool:
    """Whether a person is at the terminal to answer a question."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def chooser() -> Choose | None:
    """A way to ask which film is meant, or None when nobody can answer."""
    if not interactive():
        return None

    def choose(films: Sequence[Film]) -> Film:
        common.note("Several films match:")
        for number, film in enumerate(films, 1):
            common.note(
                f"  {number}. {film.label}"
                + (f"  [{', '.join(film.directors)}]" if film.directors else "")
            )
        last = len(films)
        while True:
            # End of input at the prompt aborts; anything else is asked again.
            answer = ask(f"Which one (1-{last})").strip()
            if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= last:
                return films[int(answer) - 1]
            common.note(f"{answer!r} is not on the list: type a number from 1 to {last}.")

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

    store = common.open_store(ctx)
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
    pick, near = journal.pick_film(common.open_store(ctx), title, year, chooser())
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
        common.note(f"{shown} is not in your journal. Did you mean:")
        for number, label in enumerate(labels, 1):
            common.note(f"  {number}. {label}")
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
        last = len(labels)
        choices = "y, n or new" if last == 1 else f"a number from 1 to {last}, n or new"
        common.note(f"{answer!r} is not an answer here: type {choices}.")


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
