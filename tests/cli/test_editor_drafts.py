"""A review typed in $EDITOR is never thrown away: when anything fails after the editor
closes, it is kept in a draft file whose path the error names."""

from __future__ import annotations

import shlex
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from filmlog.models import Film
from filmlog.store import Store
from tests.helpers import stored

REVIEW = "## Neil McCauley\n\nDe Niro, *cold* and exact."
EDITOR = textwrap.dedent(
    """
    import os, pathlib, sys
    buffer = pathlib.Path(sys.argv[-1])
    buffer.write_text(buffer.read_text("utf-8") + os.environ["EDITOR_TEXT"], "utf-8")
    sys.exit(int(os.environ.get("EDITOR_STATUS", "0")))
    """
)


@pytest.fixture
def editor(tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")

    def use(text: str = REVIEW, status: int = 0) -> None:
        monkeypatch.setenv("EDITOR_TEXT", text)
        monkeypatch.setenv("EDITOR_STATUS", str(status))

    return use


def drafts(journal: Path) -> list[Path]:
    # Named after the journal, as its backups are: never a folder of the user's own.
    folder = journal.with_name(journal.name + ".drafts")
    return sorted(folder.iterdir()) if folder.exists() else []


def kept(result, journal: Path, review: str = REVIEW) -> Path:
    """The one draft, named on the one error line, private to the user."""
    (draft,) = drafts(journal)
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert f"--review-file {draft}" in result.stderr, result.stderr
    assert draft.read_text(encoding="utf-8").strip() == review
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    return draft


def test_a_failing_editor_keeps_what_was_typed(cli, journal, editor):
    editor(status=3)
    result = cli("add", "Heat", "--edit")
    assert result.code == 1
    assert "the editor exited with status 3" in result.stderr
    draft = kept(result, journal)
    assert not journal.exists()
    again = cli("add", "Heat", "--review-file", str(draft))
    assert again.code == 0, again.stderr
    assert stored(journal)["watches"]["1"]["review"] == REVIEW


def test_an_unknown_disc_keeps_the_review(cli, journal, editor):
    assert cli("add", "Heat", "--year", "1995").code == 0
    before = journal.read_bytes()
    editor()
    result = cli("add", "Heat", "--year", "1995", "--disc", "99", "--edit")
    assert result.code == 1
    kept(result, journal)
    assert journal.read_bytes() == before


def test_an_ambiguous_title_keeps_the_review(cli, journal, editor):
    with Store.transaction(journal) as store:
        store.save_films([Film(id="heat-1986", title="Heat", year=1986),
                          Film(id="heat-1995", title="Heat", year=1995)])  # fmt: skip
    before = journal.read_bytes()
    editor()
    result = cli("add", "Heat", "--edit")
    assert result.code == 1
    assert "matches 2 films" in result.stderr
    kept(result, journal)
    assert journal.read_bytes() == before


def test_a_busy_journal_keeps_the_review(cli, journal, editor, monkeypatch):
    assert cli("add", "Heat", "--review", "First.").code == 0
    before = journal.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time\n"
         "lock = open(sys.argv[1], 'a'); fcntl.flock(lock, fcntl.LOCK_EX)\n"
         "print('held', flush=True); time.sleep(60)", f"{journal}.lock"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setenv("FILMLOG_LOCK_TIMEOUT", "0")
        editor()
        result = cli("edit", "1", "--edit")
    finally:
        holder.kill()
        holder.wait()
    assert result.code == 1
    # The whole review as it would have been saved: the old text and what was added.
    draft = kept(result, journal, "First." + REVIEW)
    assert journal.read_bytes() == before
    assert cli("edit", "1", "--review-file", str(draft)).code == 0
    assert stored(journal)["watches"]["1"]["review"] == "First." + REVIEW


def test_nothing_typed_keeps_no_draft(cli, journal, editor):
    editor("", status=3)
    assert cli("add", "Heat", "--edit").code == 1
    assert cli("add", "Heat", "--disc", "4", "--edit").code == 1
    assert drafts(journal) == []


def test_a_saved_review_leaves_no_draft(cli, journal, editor):
    editor()
    assert cli("add", "Heat", "--edit").code == 0
    assert drafts(journal) == []
    assert stored(journal)["watches"]["1"]["review"] == REVIEW


def test_two_drafts_in_one_second_do_not_overwrite_each_other(cli, journal, editor):
    editor(status=1)
    assert cli("add", "Heat", "--edit").code == 1
    assert cli("add", "Heat", "--edit").code == 1
    assert len(drafts(journal)) == 2
