"""Nobody waits at a prompt while filmlog holds the journal's lock: every question
("which one?", "delete it?") is asked first, then the journal is locked, looked at again
and written. A journal that changed while the question was open is not written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from filmlog.models import Film
from filmlog.store import Store, journal_lock
from tests.helpers import stored

TWO_HEATS = (
    Film(id="heat-1995", title="Heat", year=1995),
    Film(id="heat-1986", title="Heat", year=1986),
)


def seed(journal: Path, *films: Film) -> None:
    with Store.transaction(journal) as store:
        store.save_films(films)


def lock_is_free(journal: Path) -> bool:
    """Whether another process could take the journal's lock right now."""
    from filmlog.errors import JournalLocked

    try:
        with journal_lock(journal, timeout=0):
            return True
    except JournalLocked:
        return False


@pytest.fixture
def answers(monkeypatch, journal):
    """Answer the prompts in turn, noting for each whether the lock was free."""
    monkeypatch.setattr("filmlog.cli.asking.interactive", lambda: True)
    asked: list[tuple[str, bool]] = []
    queue: list[str | Callable[[], str]] = []

    def ask(question, *args, **kwargs):
        asked.append((str(question), lock_is_free(journal)))
        answer = queue.pop(0)
        return answer() if callable(answer) else answer

    def confirm(question, *args, **kwargs):
        return ask(question).strip().casefold() in ("y", "yes")

    monkeypatch.setattr("rich.prompt.Prompt.ask", ask)
    monkeypatch.setattr("rich.prompt.Confirm.ask", confirm)

    def give(*replies: str | Callable[[], str]) -> list[tuple[str, bool]]:
        queue.extend(replies)
        return asked

    return give


def test_edit_asks_which_film_before_locking(cli, journal, answers):
    seed(journal, *TWO_HEATS)
    assert cli("add", "Heat (1995)", "--on", "2024-05-01").code == 0
    asked = answers("2")  # the list is by year: 1. Heat (1986)  2. Heat (1995)
    result = cli("edit", "1", "--title", "Heat")
    assert result.code == 0, result.stderr
    assert asked and all(free for _, free in asked), asked
    assert stored(journal)["watches"]["1"]["film"] == "heat-1995"


def test_list_add_and_watchlist_rm_ask_before_locking(cli, journal, answers):
    seed(journal, *TWO_HEATS)
    assert cli("list", "new", "Crime").code == 0
    assert cli("watchlist", "add", "Heat (1986)").code == 0
    asked = answers("1", "1")
    assert cli("list", "add", "Crime", "Heat").code == 0
    assert cli("watchlist", "rm", "Heat").code == 0
    assert len(asked) == 2 and all(free for _, free in asked), asked
    assert [e["film"] for e in stored(journal)["lists"]["crime"]["entries"]] == ["heat-1986"]
    assert "heat-1986" not in stored(journal)["watchlist"]


def test_disc_rm_asks_before_locking(cli, journal, answers):
    seed(journal, *TWO_HEATS)
    assert cli("disc", "add", "Heat (1995)", "--format", "Blu-ray").code == 0
    asked = answers("y")
    result = cli("disc", "rm", "1")
    assert result.code == 0, result.stderr
    assert len(asked) == 1 and asked[0][1], asked
    assert stored(journal)["discs"] == {}


def test_disc_edit_asks_which_film_before_locking(cli, journal, answers):
    seed(journal, *TWO_HEATS, Film(id="thief-1981", title="Thief", year=1981))
    assert cli("disc", "add", "Thief", "--format", "DVD").code == 0
    asked = answers("1")
    result = cli("disc", "edit", "1", "--film", "Heat")
    assert result.code == 0, result.stderr
    assert len(asked) == 1 and asked[0][1], asked
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981", "heat-1986"]


def test_a_disc_changed_while_asking_is_not_deleted(cli, journal, answers):
    seed(journal, *TWO_HEATS)
    assert cli("disc", "add", "Heat (1995)", "--format", "Blu-ray").code == 0

    def meanwhile() -> str:
        # Another terminal edits the disc while this one waits for an answer.
        assert cli("disc", "edit", "1", "--edition", "Director's Definitive").code == 0
        return "y"

    answers(meanwhile)
    result = cli("disc", "rm", "1")
    assert result.code == 1
    assert "changed while you answered; nothing deleted" in result.stderr
    assert stored(journal)["discs"]["1"]["edition"] == "Director's Definitive"


def test_a_choice_the_journal_no_longer_offers_is_refused(cli, journal, answers):
    seed(journal, *TWO_HEATS)
    assert cli("add", "Heat (1995)", "--on", "2024-05-01").code == 0
    before = journal.read_bytes()

    def meanwhile() -> str:
        # Another terminal adds a third Heat while this one is choosing.
        seed(journal, Film(id="heat-2013", title="Heat", year=2013))
        return "2"

    answers(meanwhile)
    result = cli("edit", "1", "--title", "Heat", "--rating", "5")
    assert result.code == 1
    assert "the journal changed while you were answering" in result.stderr
    assert stored(journal)["watches"]["1"]["rating"] is None
    assert journal.read_bytes() != before  # the third Heat is there; the edit is not
