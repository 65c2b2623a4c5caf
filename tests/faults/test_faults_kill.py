"""SIGKILL a writer anywhere: the journal is always the old one or the new one.

Kills are placed exactly at each step of a write (the store's fault hook), and at random
moments of a long run of real writes and imports. After every kill the journal is parsed
and compared with the two journals it may be: the one before the command, and the one
the command writes (computed on a scratch copy). Every confirmed change is present, and
the lock is free at once for the next writer.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from filmlog import paths
from tests.faults.support import (
    AFTER_REPLACE,
    BEFORE_REPLACE,
    Forker,
    cli_at,
    figure,
    loads_strictly,
    normalized,
    plan,
    read_state,
    record_steps,
    replay,
    rounds,
    spawn,
    temp_files,
)
from tests.helpers import REAL_DATA

HEAT = [
    "add",
    "Heat",
    "--year",
    "1995",
    "--on",
    "2024-03-01",
    "--rating",
    "4.5",
    "--review",
    "Tense.",
]


@pytest.fixture
def forker(tmp_path: Path):
    work = tmp_path / "forker"
    work.mkdir()
    helper = Forker(work)
    yield helper
    helper.close()


def put(journal: Path, raw: bytes | None) -> None:
    """Set the journal's bytes as a new file (never in place: backups share inodes)."""
    journal.unlink(missing_ok=True)
    if raw is not None:
        journal.write_bytes(raw)


def seed(journal: Path, count: int = 4) -> bytes:
    for n in range(count):
        result = cli_at(
            journal, "add", f"Seed {n}", "--year", str(2000 + n), "--on", f"2024-01-0{n + 1}"
        )
        assert result.code == 0, result.stderr
    raw = read_state(journal)
    assert raw is not None
    return raw


def lock_is_free(journal: Path) -> None:
    """A following write succeeds promptly (a stuck lock would make it fail)."""
    result = cli_at(
        journal,
        "add",
        "After The Kill",
        "--on",
        "2024-02-02",
        env={"FILMLOG_LOCK_TIMEOUT": "2"},
    )
    assert result.code == 0, result.stderr
    assert temp_files(journal) == [], "the next write clears what a killed writer left"


def commands(journal: Path) -> dict[str, tuple[bytes | None, list[str]]]:
    """(journal before, command) for every kind of write the suite kills."""
    seeded = seed(journal)
    older = journal.parent / "kept-aside" / "older.json"  # outside the pruned backups
    older.parent.mkdir()
    older.write_bytes(sorted(paths.backup_dir(journal).iterdir())[1].read_bytes())
    found: dict[str, tuple[bytes | None, list[str]]] = {
        "add": (seeded, HEAT),
        "add to a new journal": (None, HEAT),
        "edit": (seeded, ["edit", "2", "--rating", "1.5", "--tag", "edited", "--review", "New."]),
        "rm": (seeded, ["rm", "3", "--yes"]),
        "restore": (seeded, ["restore", str(older), "--yes"]),
        "film set": (seeded, ["film", "set", "Seed 1", "--director", "Someone", "--runtime", "99"]),
        "watchlist add": (seeded, ["watchlist", "add", "Stalker", "--year", "1979"]),
        "disc add": (seeded, ["disc", "add", "Seed 0", "--format", "blu-ray", "--verdict", "Fine"]),
    }
    export = journal.parent / "kept-aside" / "export.json"
    assert cli_at(journal, "export", "--format", "json", "--out", str(export)).code == 0
    found["import json --replace"] = (seeded, ["import", "json", str(export), "--replace"])
    if REAL_DATA.is_dir():
        found["import letterboxd"] = (
            seeded,
            ["import", "letterboxd", str(REAL_DATA / "lbx-extratone")],
        )
        found["import imdb"] = (
            seeded,
            ["import", "imdb", str(REAL_DATA / "imdb-aureliome" / "ratings.csv")],
        )
    return found


def test_a_kill_at_every_step_of_every_write_leaves_the_old_or_the_new_journal(
    journal: Path, forker: Forker, tmp_path: Path
):
    kills = 0
    for name, (before, args) in commands(journal).items():
        put(journal, before)
        steps, result = record_steps(journal, args)
        assert result.code == 0, (name, result.stderr)
        assert set(BEFORE_REPLACE) - {"backup", "read"} <= set(steps), (name, steps)
        expected_new = replay(before, args, tmp_path)
        for step in dict.fromkeys(steps):
            put(journal, before)
            status = forker.run(journal, args, faults=f"kill@{step}")
            assert status == -signal.SIGKILL, (name, step, status)
            kills += 1
            after = read_state(journal)
            if step in BEFORE_REPLACE:
                assert after == before, f"{name}: killed at {step}, the journal changed"
            else:
                assert step in AFTER_REPLACE
                assert normalized(after) == normalized(expected_new), f"{name} at {step}"
            if after is not None:
                loads_strictly(journal)
            lock_is_free(journal)
    figure(f"kills placed at each write step: {kills}, every journal old or new")


def test_a_kill_before_the_first_write_leaves_no_journal_and_no_temp_file(
    journal: Path, forker: Forker
):
    assert forker.run(journal, HEAT, faults="kill@tmp-fsync") == -signal.SIGKILL
    assert not journal.exists()
    assert len(temp_files(journal)) == 1  # what the killed writer left...
    lock_is_free(journal)  # ...is removed by the next write, under the lock
    assert len(loads_strictly(journal)["watches"]) == 1


@pytest.mark.slow
def test_random_sigkills_during_a_long_run_of_writes(journal: Path, forker: Forker, tmp_path: Path):
    """Kill a writer loop at random moments; check each journal against old and new."""
    rng = random.Random(7)
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    index = 0
    confirmed: set[int] = set()  # ids of viewings whose add returned, and not removed since
    outcomes = {"old": 0, "new": 0, "between commands": 0}
    total = rounds(120)
    for _ in range(total):
        before = read_state(journal)
        job = forker.start(journal, drive_from=index, snapshots=snapshots)
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(job.pid, signal.SIGKILL)
        assert forker.reap() == -signal.SIGKILL, job.output()
        lines = job.progress_lines()
        assert not any(line.startswith("fail") for line in lines), (lines, job.output())
        done = [int(line.split()[1]) for line in lines if line.startswith("done")]
        old = (snapshots / f"{done[-1]}.json").read_bytes() if done else before
        in_flight = done[-1] + 1 if done else index
        began = f"begin {in_flight}" in lines
        after = read_state(journal)
        if after == old:
            outcomes["old" if began else "between commands"] += 1
            index = in_flight
        else:
            assert began, "the journal changed although no command had started"
            expected = replay(old, plan(in_flight, old), tmp_path)
            assert normalized(after) == normalized(expected), f"torn by a kill in {in_flight}"
            outcomes["new"] += 1
            index = in_flight + 1
        data = loads_strictly(journal) if after is not None else {"watches": {}}
        if done:  # the last confirmed journal holds every viewing confirmed so far
            confirmed = {int(k) for k in json.loads(old)["watches"]}
        if after != old and plan(in_flight, old)[0] == "rm":
            confirmed.discard(int(plan(in_flight, old)[1]))
        assert confirmed <= {int(k) for k in data["watches"]}, "a confirmed viewing is lost"
        for snapshot in snapshots.iterdir():
            snapshot.unlink()
    lock_is_free(journal)
    figure(
        f"random SIGKILLs during writes: {total} "
        f"(killed mid-command: old journal {outcomes['old']}, new journal {outcomes['new']}; "
        f"between commands {outcomes['between commands']}); "
        f"{index} commands, {len(loads_strictly(journal)['watches'])} viewings, nothing lost"
    )
    if total >= 20:  # the loop is meant to kill commands, not the gaps between them
        assert outcomes["old"] + outcomes["new"] > total // 2, outcomes


@pytest.mark.slow
def test_random_sigkills_of_real_filmlog_processes(journal: Path, tmp_path: Path):
    """Whole ``python -m filmlog`` processes, killed anywhere from start-up to exit."""
    rng = random.Random(11)
    seed(journal)
    landed = {"old": 0, "new": 0}
    total = rounds(24)
    for n in range(total):
        before = read_state(journal)
        args = plan(1000 + n, before)
        proc = spawn(args)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        after = read_state(journal)
        if after == before:
            landed["old"] += 1
        else:
            assert normalized(after) == normalized(replay(before, args, tmp_path))
            landed["new"] += 1
        loads_strictly(journal)
    lock_is_free(journal)
    figure(
        f"real processes SIGKILLed at random: {total} ({landed['old']} old, {landed['new']} new)"
    )


@pytest.mark.slow
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real exports not found at {REAL_DATA}")
def test_random_sigkills_during_an_import(journal: Path, forker: Forker, tmp_path: Path):
    """An import writes once: killed anywhere, the journal has none of it or all of it."""
    rng = random.Random(5)
    before = seed(journal)
    args = ["import", "letterboxd", str(REAL_DATA / "lbx-extratone")]
    imported = replay(before, args, tmp_path)
    started = time.monotonic()
    assert forker.run(journal, args) == 0
    duration = time.monotonic() - started
    landed = {"old": 0, "new": 0}
    total = rounds(30)
    for _ in range(total):
        put(journal, before)
        job = forker.start(journal, args)
        time.sleep(rng.uniform(0.0, duration))
        os.kill(job.pid, signal.SIGKILL)
        status = forker.reap()
        after = read_state(journal)
        if after == before:
            landed["old"] += 1
            assert status == -signal.SIGKILL
        else:
            assert normalized(after) == normalized(imported)
            landed["new"] += 1
        lock_is_free(journal)
    figure(f"random SIGKILLs during an import: {total} ({landed['old']} none, {landed['new']} all)")
    if total >= 20:
        assert landed["old"] > 0, "no kill landed before the import's write"
