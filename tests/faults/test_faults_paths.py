"""Nothing is lost through symlinks, planted links, odd paths, permissions or damaged counters."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from filmlog import store
from filmlog.store import list_backups
from tests.faults.support import cli_at, one_error_line
from tests.helpers import stored_raw

REVIEW = "The diner scene *still* works."


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(the name the user gives, the file in a synced folder that it links to)."""
    synced = tmp_path / "Sync" / "journal.json"
    synced.parent.mkdir()
    link = tmp_path / "data" / "journal.json"
    link.parent.mkdir()
    assert cli_at(synced, "add", "Heat", "--year", "1995", "--review", REVIEW).code == 0
    link.symlink_to(synced)
    return link, synced


def test_a_symlinked_journal_round_trip_keeps_real_backups(linked):
    link, synced = linked
    assert cli_at(link, "add", "Thief", "--year", "1981").code == 0
    assert link.is_symlink(), "the link stays a link"
    assert cli_at(link, "rm", "1", "--yes").code == 0
    assert REVIEW not in synced.read_text()
    backups = list_backups(link)
    assert backups and not any(b.path.is_symlink() for b in backups)
    assert REVIEW in backups[0].path.read_text()
    restored = cli_at(link, "restore", "--yes")
    assert restored.code == 0, restored.stderr
    assert link.is_symlink()
    assert stored_raw(synced)["watches"]["1"]["review"] == REVIEW
    assert "The diner scene" in cli_at(link, "show", "Heat").stdout


def test_an_export_never_lands_on_the_journal_by_another_name(linked, tmp_path):
    link, synced = linked
    before = synced.read_bytes()
    folder_link = tmp_path / "export-here"
    folder_link.symlink_to(synced.parent)
    backups = store.list_backups(synced)[0].path.parent if store.list_backups(synced) else None
    targets = [
        link,  # the journal's symlink
        synced,  # the file it names
        folder_link / "journal.json",  # through a symlinked folder
        Path(str(link) + ".lock"),
        Path(str(synced) + ".lock"),
        Path(str(link) + ".backups") / "x.json",
    ]
    if backups is not None:
        targets.append(backups / "y.json")
    for target in targets:
        result = cli_at(link, "export", "--format", "json", "--out", str(target))
        assert result.code == 2, (target, result.stderr)
        assert "is the journal's own file or folder" in one_error_line(result)
    assert synced.read_bytes() == before
    assert link.is_symlink()


def test_an_export_replaces_a_planted_symlink_instead_of_writing_through_it(journal, tmp_path):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "diary.csv").symlink_to(victim)
    result = cli_at(journal, "export", "--format", "csv", "--out", str(out / "diary.csv"))
    assert result.code == 0, result.stderr
    assert victim.read_text() == "precious"
    assert not (out / "diary.csv").is_symlink()
    assert "Heat" in (out / "diary.csv").read_text()
    # A link planted at the temp name makes the write fail; nothing is written through it.
    tmp_name = out / f".page.md.{os.getpid()}.tmp"
    tmp_name.symlink_to(victim)
    result = cli_at(journal, "export", "Heat", "--out", str(out / "page.md"))
    assert result.code == 1
    assert one_error_line(result).startswith(f"error: could not write {out / 'page.md'}")
    assert victim.read_text() == "precious"
    assert not (out / "page.md").exists()


def test_an_export_refuses_a_fifo_or_a_folder(journal, tmp_path):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = cli_at(journal, "export", "--format", "csv", "--out", str(fifo))
    assert result.code == 1
    assert "not a regular file" in one_error_line(result)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_journal_lock_and_backups_are_private(journal):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    assert cli_at(journal, "add", "Thief", "--year", "1981").code == 0
    assert mode(journal) == 0o600
    assert mode(Path(str(journal) + ".lock")) == 0o600
    backups = Path(str(journal) + ".backups")
    assert mode(backups) == 0o700
    assert all(mode(b.path) == 0o600 for b in list_backups(journal))


def test_backups_never_stay_looser_than_the_journal(journal):
    journal.parent.mkdir(parents=True, exist_ok=True)
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    journal.chmod(0o644)  # shared for a while
    assert cli_at(journal, "add", "Thief", "--year", "1981").code == 0
    assert cli_at(journal, "add", "Ran", "--year", "1985").code == 0
    assert any(mode(b.path) == 0o644 for b in list_backups(journal))
    journal.chmod(0o600)  # private again: the older backups follow
    assert cli_at(journal, "add", "Ikiru", "--year", "1952").code == 0
    assert all(mode(b.path) & 0o077 == 0 for b in list_backups(journal))


def test_a_write_protected_journal_is_refused_not_rewritten(journal):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    journal.chmod(0o444)
    before = journal.read_bytes()
    result = cli_at(journal, "add", "Thief", "--year", "1981")
    assert result.code == 1
    assert one_error_line(result).startswith(
        f"error: journal {journal} is write-protected (mode 444); nothing was changed"
    )
    assert journal.read_bytes() == before and mode(journal) == 0o444
    assert cli_at(journal, "show", "Heat").code == 0, "reading still works"


def test_a_full_disk_says_how_much_the_backups_hold(journal):
    for title in ("Heat", "Thief"):
        assert cli_at(journal, "add", title).code == 0
    before = journal.read_bytes()
    result = cli_at(journal, "add", "Ran", env={"FILMLOG_FAULTS": "enospc@tmp-write"})
    assert result.code == 1
    line = one_error_line(result)
    assert "disk full" in line
    assert f"the backups in {journal}.backups hold " in line and "bytes" in line
    assert journal.read_bytes() == before


def test_a_damaged_id_counter_is_a_clear_error(journal):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    data = json.loads(journal.read_text())
    data["_meta"]["1"]["next_watch"] = "abc"
    journal.write_text(json.dumps(data))
    before = journal.read_bytes()
    result = cli_at(journal, "add", "Thief")
    assert result.code == 1
    assert one_error_line(result).startswith(
        f"error: journal {journal}: its id counter 'next_watch' is damaged ('abc')"
    )
    assert journal.read_bytes() == before
    problems = cli_at(journal, "doctor", "--json").json()["problems"]
    assert [p["message"] for p in problems] == [
        "_meta: 'next_watch' should be a whole number from 1"
    ]


def test_deep_nesting_is_refused_with_a_clear_message(journal):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    data = json.loads(journal.read_text())
    data["films"]["1"]["notes"] = None
    text = json.dumps(data).replace('"notes": null', '"notes": ' + "[" * 5000 + "]" * 5000)
    journal.write_text(text)
    for args in (["show", "Heat"], ["add", "Thief"]):
        result = cli_at(journal, *args)
        assert result.code == 1
        assert "nests values deeper than a journal ever does" in one_error_line(result)
    assert journal.read_text() == text


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_journal_path_that_is_not_a_file_is_one_clear_line(tmp_path, kind):
    if kind == "device":
        db = Path("/dev/zero")
    else:
        db = tmp_path / "pipe.json"
        os.mkfifo(db)
    for args in (["show", "Heat"], ["add", "Heat"], ["doctor"]):
        result = cli_at(db, *args)
        assert result.code == 1, (args, result.stderr)
        assert f"journal {db} is not a regular file" in result.stderr + result.stdout
        assert "Traceback" not in result.stderr


def test_a_home_folder_that_does_not_exist_is_bad_usage(tmp_path):
    result = cli_at(Path("~nosuchuser-filmlog/journal.json"), "add", "Heat")
    assert result.code == 2
    assert one_error_line(result) == (
        "error: journal path '~nosuchuser-filmlog/journal.json' names a home folder "
        "that does not exist (give the full path)"
    )


def test_an_export_clears_the_temp_file_a_killed_export_left(journal, tmp_path):
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    out = tmp_path / "out"
    out.mkdir()
    dead = 2**22 + 12345  # above the usual pid range: no process has it
    left = out / f".diary.csv.{dead}.tmp"
    left.write_text("half an export")
    alive = out / f".diary.csv.{os.getppid()}.tmp"  # a writer still running
    alive.write_text("being written")
    result = cli_at(journal, "export", "--format", "csv", "--out", str(out / "diary.csv"))
    assert result.code == 0, result.stderr
    assert not left.exists()
    assert alive.exists()
    assert "Heat" in (out / "diary.csv").read_text()
