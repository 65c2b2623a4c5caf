"""Journals filmlog must refuse, never overwrite: every writing command stops with one
clear line naming the file and the newest backup, and leaves every byte (and every
backup) as it was. Reading commands go on where reading is possible; ``restore`` mends.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from filmlog import store
from tests.faults.support import (
    cli_at,
    figure,
    filmlog_command,
    folder_state,
    iterate_cuts,
    loads_strictly,
    namespace,
    one_error_line,
    python_env,
    rounds,
    temp_files,
)
from tests.helpers import REAL_DATA


def good_journal(journal: Path) -> bytes:
    for args in (
        ["add", "Heat", "--year", "1995", "--on", "2024-01-01", "--rating", "4.5"],
        ["add", "Alien", "--year", "1979", "--on", "2024-01-02", "--review", "In space."],
        ["add", "Heat", "--year", "1995", "--on", "2024-01-03"],
    ):
        assert cli_at(journal, *args).code == 0
    return journal.read_bytes()


def _data(raw: bytes) -> dict:
    return json.loads(raw)


def _with(raw: bytes, change: Callable[[dict], object]) -> bytes:
    data = _data(raw)
    change(data)
    return json.dumps(data, indent=2).encode()


# name -> (make the bad bytes from a good journal, what the error says)
BAD: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "empty": (lambda raw: b"", "is empty"),
    "whitespace only": (lambda raw: b"\n  \n", "is empty"),
    "zero bytes (a crash on some file systems)": (lambda raw: b"\0" * 4096, "not valid JSON"),
    "truncated in half": (lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    "truncated by one byte": (lambda raw: raw.rstrip()[:-1], "not valid JSON"),
    "not JSON": (lambda raw: b"Heat 1995 4.5 stars\n", "not valid JSON"),
    "binary garbage": (lambda raw: bytes(range(256)) * 8, "not valid JSON"),
    "invalid UTF-8 inside a string": (
        lambda raw: raw.replace(b'"Heat"', b'"He\xffat"', 1),
        "not valid JSON",
    ),
    "a merge conflict": (
        lambda raw: b"<<<<<<< HEAD\n" + raw + b"=======\n{}\n>>>>>>> theirs\n",
        "not valid JSON",
    ),
    "a JSON list": (lambda raw: b"[]\n", "not a JSON object"),
    "a JSON string": (lambda raw: b'"journal"\n', "not a JSON object"),
    "JSON null": (lambda raw: b"null\n", "not a JSON object"),
    "no _meta": (lambda raw: _with(raw, lambda d: d.pop("_meta")), "no schema version"),
    "schema as text": (
        lambda raw: _with(raw, lambda d: d["_meta"]["1"].update(schema="1")),
        "no schema version",
    ),
    "schema true": (
        lambda raw: _with(raw, lambda d: d["_meta"]["1"].update(schema=True)),
        "no schema version",
    ),
    "schema 0": (
        lambda raw: _with(raw, lambda d: d["_meta"]["1"].update(schema=0)),
        "impossible schema version",
    ),
    "newer schema": (
        lambda raw: _with(raw, lambda d: d["_meta"]["1"].update(schema=99)),
        "written by a newer filmlog (schema 99",
    ),
    "unknown table": (
        lambda raw: _with(raw, lambda d: d.update(ratings={})),
        "unknown table 'ratings'",
    ),
    "a table that is a list": (
        lambda raw: _with(raw, lambda d: d.update(watches=[])),
        "damaged 'watches' table",
    ),
    "a viewing that is not an object": (
        lambda raw: _with(raw, lambda d: d["watches"].update({"9": "x"})),
        "damaged 'watches' table",
    ),
    "a byte-order mark": (lambda raw: store.BOM + raw, "byte-order mark"),
}
READABLE = {"a byte-order mark"}  # reading commands still work on these

WRITES = [
    ["add", "Ran", "--year", "1985", "--on", "2024-02-01"],
    ["add", "Heat", "--year", "1995", "--on", "2024-02-02"],
    ["edit", "1", "--rating", "2"],
    ["rm", "2", "--yes"],
    ["film", "set", "Heat", "--director", "Michael Mann"],
    ["watchlist", "add", "Ikiru", "--year", "1952"],
    ["disc", "add", "Heat", "--format", "blu-ray"],
]
if REAL_DATA.is_dir():
    WRITES.append(["import", "letterboxd", str(REAL_DATA / "lbx-extratone")])
    WRITES.append(["import", "imdb", str(REAL_DATA / "imdb-aureliome" / "ratings.csv")])


def refuses_every_write(journal: Path, says: str) -> int:
    before = folder_state(journal)
    newest = store.newest_backup(journal)
    for args in WRITES:
        result = cli_at(journal, *args)
        assert result.code == 1, (args, result.stdout, result.stderr)
        line = one_error_line(result)
        assert f"journal {journal} " in line, line
        assert says in line, line
        hint = f"newest backup: {newest};" if newest else "no backup exists yet"
        assert hint in line, line
        assert folder_state(journal) == before, f"{args[0]} changed something"
        assert temp_files(journal) == []
    return len(WRITES)


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_journal_is_refused_and_left_as_it_was(journal: Path, name: str):
    make, says = BAD[name]
    good = good_journal(journal)
    bad = make(good)
    journal.unlink()
    journal.write_bytes(bad)
    refuses_every_write(journal, says)
    assert journal.read_bytes() == bad

    for args in (["show", "Heat", "--json"], ["diary", "--json"]):
        result = cli_at(journal, *args)
        if name in READABLE:
            assert result.code == 0, result.stderr
            assert result.json()
        else:
            assert result.code == 1
            assert says in one_error_line(result)

    doctor = cli_at(journal, "doctor", "--json")
    assert doctor.code == 1
    report = doctor.json()
    assert says in report["problems"][0]["message"]
    assert [b["watches"] for b in report["backups"]] == [2, 1]

    restored = cli_at(journal, "restore", "--yes")
    assert restored.code == 0, restored.stderr
    kept = store.list_backups(journal)[0].path
    assert kept.read_bytes() == bad, "the refused file is kept, byte for byte"
    assert len(loads_strictly(journal)["watches"]) == 2
    if name not in READABLE:  # a backup that does not load is never offered
        assert store.newest_backup(journal) == store.list_backups(journal)[1].path
    assert cli_at(journal, "add", "Ran", "--on", "2024-03-01").code == 0


def test_journals_cut_at_any_byte_are_refused(journal: Path):
    good = good_journal(journal)
    tried = 0
    for cut in iterate_cuts(good, rounds(40)):
        journal.unlink()
        journal.write_bytes(cut)
        before = folder_state(journal)
        result = cli_at(journal, "add", "Ran", "--on", "2024-02-01")
        assert result.code == 1, len(cut)
        assert "it may be truncated" in one_error_line(result) or "is empty" in result.stderr
        assert folder_state(journal) == before
        tried += 1
    figure(
        f"bad journals tried: {len(BAD)} kinds x {len(WRITES)} writing commands, "
        f"plus {tried} truncations; every one refused, every byte kept"
    )


def test_a_journal_without_any_backup_says_so(journal: Path):
    journal.write_bytes(b"")
    result = cli_at(journal, "add", "Ran")
    assert one_error_line(result) == (
        f"error: journal {journal} is empty; it was left untouched (no backup exists yet; "
        "it holds nothing, so deleting it starts a new journal)"
    )
    assert journal.read_bytes() == b""


def test_doctor_suggests_restore_only_with_a_backup_to_restore(journal: Path):
    journal.write_bytes(b"")
    result = cli_at(journal, "doctor")
    assert result.code == 1
    assert "deleting it starts a new journal" in result.stdout
    assert "filmlog restore" not in result.stderr


def test_a_journal_path_under_a_file(tmp_path: Path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    journal = blocker / "journal.json"
    for args in (["add", "Heat"], ["show", "Heat"], ["diary"], ["restore", "--yes"]):
        result = cli_at(journal, *args)
        assert result.code == 1, args
        line = one_error_line(result)
        assert str(journal) in line, line
    add = cli_at(journal, "add", "Heat")
    assert one_error_line(add) == (
        f"error: journal {journal} cannot exist: a part of its folder path is a file "
        "(choose another --db)"
    )
    assert blocker.read_text() == "mine\n"


def test_a_journal_that_is_a_folder(journal: Path):
    journal.mkdir()
    (journal / "keep.txt").write_text("x")
    for args in (["add", "Heat"], ["diary"]):
        result = cli_at(journal, *args)
        assert result.code == 1
        assert one_error_line(result) == (
            f"error: journal {journal} is a folder, not a file (choose another --db)"
        )
    assert (journal / "keep.txt").read_text() == "x"


def test_a_journal_in_a_read_only_folder(journal: Path, tmp_path: Path):
    """Writes refused with one clear line; show, diary and doctor still read it."""
    folder = tmp_path / "ro"
    folder.mkdir()
    journal = folder / "journal.json"
    good_journal(journal)
    before = folder_state(journal)
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "add": "add Ran --on 2024-02-01",
        "edit": "edit 1 --rating 1",
        "show": "show Heat --json",
        "diary": "diary --json",
        "doctor": "doctor",
        "restore": "restore --yes",
    }
    runs = "\n".join(
        f"rc=0; {filmlog_command()} {args} >{out}/{name}.out 2>{out}/{name}.err || rc=$?\n"
        f"echo $rc > {out}/{name}.rc"
        for name, args in commands.items()
    )
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            done = subprocess.run(["sh", "-c", runs], env=python_env(FILMLOG_DB=str(journal)))
        finally:
            folder.chmod(0o755)
        assert done.returncode == 0
    else:
        runner = namespace()
        if runner.prefix is None:
            pytest.skip(f"running as root, where permissions do not stop writes: {runner.reason}")
        script = f"mount --bind {folder} {folder}\nmount -o remount,bind,ro {folder}\n{runs}"
        done = runner.run(script, env={"FILMLOG_DB": str(journal)})
        assert done.returncode == 0, done.stderr

    def outcome(name: str) -> tuple[int, str, str]:
        return (
            int((out / f"{name}.rc").read_text()),
            (out / f"{name}.out").read_text(),
            (out / f"{name}.err").read_text(),
        )

    for name in ("add", "edit", "restore"):
        code, _, err = outcome(name)
        assert code == 1, (name, err)
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
        assert str(journal) in err, err
    for name in ("show", "diary"):
        code, stdout, err = outcome(name)
        assert code == 0, (name, err)
        assert json.loads(stdout)
    assert outcome("doctor")[0] == 0
    assert folder_state(journal) == before


def test_a_backups_folder_that_is_a_file_stops_writes_with_a_clear_line(journal: Path):
    good_journal(journal)
    backups = store.list_backups(journal)
    for backup in backups:
        backup.path.unlink()
    folder = backups[0].path.parent
    folder.rmdir()
    folder.write_text("not a folder")
    before = folder_state(journal)
    result = cli_at(journal, "add", "Ran", "--on", "2024-02-01")
    assert result.code == 1
    assert one_error_line(result) == (
        f"error: could not write journal {journal}: File exists: {folder} (nothing was changed)"
    )
    assert folder_state(journal) == before
