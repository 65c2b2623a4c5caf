"""I/O errors and a full disk, injected at every file operation of every write.

Like SQLite's I/O-error tests: run a write once to count its file operations, then run
it again failing the 1st, the 2nd, ... the last. Before the atomic replace, a failure
leaves the journal byte for byte unchanged, no temp file, exit 1 and one ``error:`` line.
After the replace (the folder fsync, pruning backups) the change is already saved: the
command succeeds, as it would with a real error there. Then a real full disk: a tiny
tmpfs in a private mount namespace.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from filmlog import paths, store
from tests.faults.support import (
    AFTER_REPLACE,
    BEFORE_REPLACE,
    cli_at,
    figure,
    filmlog_command,
    folder_state,
    namespace,
    normalized,
    one_error_line,
    read_state,
    record_steps,
    replay,
    temp_files,
)
from tests.helpers import REAL_DATA


def seeded(journal: Path) -> bytes:
    for n, title in enumerate(("Heat", "Alien", "Stalker", "Ran")):
        result = cli_at(journal, "add", title, "--year", str(1979 + n), "--on", "2024-01-05")
        assert result.code == 0, result.stderr
    older = journal.parent / "older.json"
    older.write_bytes(store.list_backups(journal)[-1].path.read_bytes())
    raw = read_state(journal)
    assert raw is not None
    return raw


def writes(journal: Path) -> dict[str, list[str]]:
    found = {
        "add": ["add", "Paris, Texas", "--year", "1984", "--on", "2024-02-01", "--rating", "5"],
        "add again": ["add", "Heat", "--on", "2024-02-02", "--review", "Better the 2nd time."],
        "edit": ["edit", "2", "--rating", "3", "--tag", "cinema"],
        "rm": ["rm", "1", "--yes"],
        "restore": ["restore", str(journal.parent / "older.json"), "--yes"],
        "film set": ["film", "set", "Heat", "--director", "Michael Mann"],
        "watchlist add": ["watchlist", "add", "Ikiru", "--year", "1952"],
        "disc add": ["disc", "add", "Alien", "--format", "uhd", "--label", "Fox"],
    }
    export = journal.parent / "export.json"
    if not export.exists():
        assert cli_at(journal, "export", "--format", "json", "--out", str(export)).code == 0
    found["import json --replace"] = ["import", "json", str(export), "--replace"]
    if REAL_DATA.is_dir():
        found["import letterboxd"] = ["import", "letterboxd", str(REAL_DATA / "lbx-extratone")]
        found["import imdb"] = ["import", "imdb", str(REAL_DATA / "imdb-aureliome" / "ratings.csv")]
    return found


def put(journal: Path, raw: bytes) -> None:
    journal.unlink()
    journal.write_bytes(raw)


@pytest.mark.parametrize("fault", ["fail", "enospc"])
def test_an_error_at_every_file_operation_of_every_write(journal: Path, tmp_path: Path, fault: str):
    before = seeded(journal)
    injected = 0
    for name, args in writes(journal).items():
        put(journal, before)
        steps, clean = record_steps(journal, args)
        assert clean.code == 0, (name, clean.stderr)
        expected = replay(before, args, tmp_path)
        for n, step in enumerate(steps, start=1):
            put(journal, before)
            state = folder_state(journal)
            result = cli_at(journal, *args, env={"FILMLOG_FAULTS": f"{fault}@{n}"})
            injected += 1
            if step in AFTER_REPLACE:
                assert result.code == 0, (name, step, result.stderr)
                assert normalized(read_state(journal)) == normalized(expected)
            else:
                assert step in BEFORE_REPLACE, step
                assert result.code == 1, (name, step, result.stdout, result.stderr)
                line = one_error_line(result)
                assert "unexpected" not in line, line
                assert str(journal) in line or "journal" in line, line
                assert folder_state(journal) == state, f"{name}: {fault} at {step} changed it"
            assert temp_files(journal) == [], (name, step)
    count = len(writes(journal))
    figure(f"injected {fault} errors: {injected}, at every file operation of {count} writes")


def test_an_error_while_reading_is_one_clear_line(journal: Path):
    before = seeded(journal)
    for args in (["show", "Heat"], ["diary"], ["add", "Ikiru", "--on", "2024-01-01"]):
        result = cli_at(journal, *args, env={"FILMLOG_FAULTS": "fail@read"})
        assert result.code == 1
        assert one_error_line(result) == (
            f"error: cannot read journal {journal}: injected I/O error at read"
        )
    assert read_state(journal) == before


def test_a_lock_that_cannot_be_taken_is_one_clear_line(journal: Path):
    before = seeded(journal)
    result = cli_at(journal, "add", "Ikiru", env={"FILMLOG_FAULTS": "fail@locked"})
    assert result.code == 1
    assert one_error_line(result).startswith(f"error: cannot lock journal {journal}")
    assert read_state(journal) == before


def test_a_backup_copy_cut_short_by_a_full_disk_is_not_left_behind(
    journal: Path, monkeypatch: pytest.MonkeyPatch
):
    """Where hard links fail (FAT, some network shares) the backup is a copy."""
    before = seeded(journal)
    backups_before = store.list_backups(journal)
    real_write = os.write

    def no_link(*_: object, **__: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    cut: set[int] = set()

    def short_write(fd: int, data: bytes | memoryview) -> int:
        if fd in cut:
            raise OSError(errno.ENOSPC, "No space left on device")
        if len(data) == len(before):  # the backup copy: half of it, then a full disk
            cut.add(fd)
            return real_write(fd, bytes(data[: len(data) // 2]))
        return real_write(fd, data)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "write", short_write)
    result = cli_at(journal, "add", "Ikiru", "--year", "1952")
    monkeypatch.undo()
    assert result.code == 1
    assert "No space left on device" in one_error_line(result)
    assert read_state(journal) == before
    assert store.list_backups(journal) == backups_before, "a half backup was left"
    assert store.newest_backup(journal) == backups_before[0].path


def test_backups_are_complete_copies_where_hard_links_fail(
    journal: Path, monkeypatch: pytest.MonkeyPatch
):
    before = seeded(journal)

    def no_link(*_: object, **__: object) -> None:
        raise OSError(errno.EXDEV, "cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    assert cli_at(journal, "add", "Ikiru", "--year", "1952").code == 0
    assert store.list_backups(journal)[0].path.read_bytes() == before


def test_a_journal_reached_through_a_symlink_stays_a_symlink(journal: Path, tmp_path: Path):
    """A journal kept in a synced folder and linked from elsewhere keeps being the file."""
    synced = tmp_path / "Sync" / "journal.json"
    synced.parent.mkdir()
    journal.symlink_to(synced)
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    assert cli_at(journal, "add", "Alien", "--year", "1979").code == 0
    assert journal.is_symlink()
    assert len(json.loads(synced.read_bytes())["watches"]) == 2
    direct = cli_at(synced, "add", "Ran", "--year", "1985")
    assert direct.code == 0
    assert len(json.loads(journal.read_bytes())["watches"]) == 3
    assert [p.name for p in synced.parent.iterdir()].count("journal.json.lock") == 1
    where = cli_at(journal, "path", "--json").json()
    assert where["lock"] == str(synced.parent / "journal.json.lock")


def test_a_counter_left_behind_never_overwrites_a_viewing(journal: Path):
    """A hand-merged journal whose id counter is behind: ids skip past, nothing is lost."""
    seeded(journal)
    data = json.loads(journal.read_bytes())
    data["_meta"]["1"]["next_watch"] = 2
    put(journal, store.dump(data))
    result = cli_at(journal, "add", "Ikiru", "--year", "1952", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["id"] == 5
    stored = json.loads(journal.read_bytes())
    assert sorted(stored["watches"], key=int) == ["1", "2", "3", "4", "5"]
    assert stored["watches"]["2"]["film"] == "alien-1980"
    assert stored["_meta"]["1"]["next_watch"] == 6


def test_temp_files_of_killed_writers_are_cleared_by_the_next_write(journal: Path):
    seeded(journal)
    stale = journal.parent / f".{journal.name}.99999.tmp"
    stale.write_bytes(b'{"half a jour')
    unrelated = journal.parent / ".other.json.12.tmp"
    unrelated.write_bytes(b"not ours")
    assert cli_at(journal, "add", "Ikiru", "--year", "1952").code == 0
    assert not stale.exists()
    assert unrelated.exists()


# --------------------------------------------------------------------------- a real full disk

TINY = 256 * 1024


def disk_full_script(folder: Path, out: Path, tmpfs_options: str, fill: bool) -> str:
    filmlog = filmlog_command()
    journal = folder / "journal.json"
    filler = f"dd if=/dev/zero of={folder}/filler bs=4096 2>/dev/null || true" if fill else "true"
    return f"""
        cp -a {folder}/. {out}/before/
        mount -t tmpfs -o {tmpfs_options} tmpfs {folder}
        cp -a {out}/before/. {folder}/
        {filler}
        rc=0; {filmlog} add "Paris, Texas" --year 1984 2>{out}/full.err || rc=$?
        echo $rc > {out}/full.rc
        rc=0; {filmlog} import letterboxd {REAL_DATA / "lbx-extratone"} \
            2>{out}/import.err >/dev/null || rc=$?
        echo $rc > {out}/import.rc
        rc=0; {filmlog} diary --json >{out}/show.out 2>&1 || rc=$?
        echo $rc > {out}/show.rc
        mkdir {out}/after
        cp -a {folder}/. {out}/after/
        rm -f {folder}/filler {folder}/big
        rc=0; {filmlog} add "Paris, Texas" --year 1984 >/dev/null 2>{out}/freed.err || rc=$?
        echo $rc > {out}/freed.rc
        cp {journal} {out}/freed.json
    """


def one_error_line_text(stderr: str) -> str:
    assert len(stderr.splitlines()) == 1 and stderr.startswith("error: "), stderr
    return stderr


def run_disk_full(journal: Path, tmp_path: Path, tmpfs_options: str, fill: bool) -> Path:
    runner = namespace()
    if runner.prefix is None:
        pytest.skip(f"no real disk-full test here: {runner.reason}")
    out = tmp_path / "out"
    (out / "before").mkdir(parents=True)
    script = disk_full_script(journal.parent, out, tmpfs_options, fill)
    done = runner.run(script, env={"FILMLOG_DB": str(journal)})
    assert done.returncode == 0, done.stderr
    return out


def test_a_real_full_disk_changes_nothing_and_the_next_write_works(journal: Path, tmp_path: Path):
    """A tmpfs just big enough for the journal: its temp copy cannot be written."""
    folder = tmp_path / "disk"
    folder.mkdir()
    journal = folder / "journal.json"
    for n in range(40):
        title = f"Film {n} " + "with a long title " * 8
        assert cli_at(journal, "add", title, "--review", "Words. " * 150).code == 0
    shutil.rmtree(paths.backup_dir(journal))  # room for the journal only
    before = journal.read_bytes()
    assert TINY // 4 < len(before) < TINY // 2
    out = run_disk_full(journal, tmp_path, f"size={TINY}", fill=True)
    assert (out / "full.rc").read_text().strip() == "1"
    error = (out / "full.err").read_text()
    assert error.startswith(f"error: could not write journal {journal}: No space left on device")
    assert len(error.splitlines()) == 1
    if REAL_DATA.is_dir():
        assert (out / "import.rc").read_text().strip() == "1"
        assert "No space left on device" in (out / "import.err").read_text()
    assert (out / "show.rc").read_text().strip() == "0", "reading still works on a full disk"
    assert (out / "after" / "journal.json").read_bytes() == before
    assert [p for p in (out / "after").iterdir() if p.name.endswith(".tmp")] == []
    assert (out / "freed.rc").read_text().strip() == "0", (out / "freed.err").read_text()
    assert len(json.loads((out / "freed.json").read_bytes())["watches"]) == 41
    figure("real disk full (tmpfs): refused cleanly, journal unchanged, next write works")


def test_a_disk_out_of_inodes_changes_nothing(journal: Path, tmp_path: Path):
    """No room for one more file: the temp file (or the backup folder) cannot be made."""
    folder = tmp_path / "disk"
    folder.mkdir()
    journal = folder / "journal.json"
    assert cli_at(journal, "add", "Heat", "--year", "1995").code == 0
    assert cli_at(journal, "add", "Alien", "--year", "1979").code == 0
    before = journal.read_bytes()
    files = len(list(folder.rglob("*"))) + 1  # what is there, and the tmpfs's root
    out = run_disk_full(journal, tmp_path, f"size=1m,nr_inodes={files}", fill=False)
    assert (out / "full.rc").read_text().strip() == "1", (out / "full.err").read_text()
    assert "No space left on device" in one_error_line_text((out / "full.err").read_text())
    assert (out / "after" / "journal.json").read_bytes() == before
