"""Ctrl-C (SIGINT) and SIGTERM during a write or an import.

A write paused by the fault hook at each step is interrupted there: before the atomic
replace nothing changes and the temp file is removed; after it the change is whole.
Ctrl-C exits 130 and SIGTERM 143, each with one ``error: interrupted`` line.
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.faults.support import (
    AFTER_REPLACE,
    BEFORE_REPLACE,
    cli_at,
    figure,
    loads_strictly,
    normalized,
    read_state,
    replay,
    rounds,
    spawn,
    temp_files,
    wait_for_line,
)
from tests.helpers import REAL_DATA

EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
ADD = ["add", "Paris, Texas", "--year", "1984", "--on", "2024-02-01", "--rating", "5"]


def seeded(journal: Path) -> bytes:
    for title in ("Heat", "Alien", "Ran"):
        assert cli_at(journal, "add", title, "--on", "2024-01-01").code == 0
    raw = read_state(journal)
    assert raw is not None
    return raw


def put(journal: Path, raw: bytes) -> None:
    journal.unlink()
    journal.write_bytes(raw)


def interrupt_at(step: str, args: list[str], signum: signal.Signals) -> tuple[int, str]:
    proc = spawn(args, FILMLOG_FAULTS=f"pause@{step}")
    try:
        wait_for_line(proc.stderr, f"paused at {step}", proc)
        proc.send_signal(signum)
        proc.wait(timeout=30)
        assert proc.stderr is not None and proc.stdout is not None
        err = proc.stderr.read()  # the rest of it: the hook's line was read already
        proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, err


def check_interrupted(
    journal: Path, before: bytes, expected: bytes | None, args: list[str], tmp: Path
) -> int:
    checked = 0
    for signum in (signal.SIGINT, signal.SIGTERM):
        for step in (*BEFORE_REPLACE, *AFTER_REPLACE):
            put(journal, before)
            code, err = interrupt_at(step, args, signum)
            checked += 1
            assert code == EXIT[signum], (step, signum, err)
            assert err.splitlines() == ["error: interrupted"], err
            after = read_state(journal)
            if step in BEFORE_REPLACE:
                assert after == before, f"{signum.name} at {step} changed the journal"
            else:
                assert normalized(after) == normalized(expected), f"{signum.name} at {step}"
            assert temp_files(journal) == [], f"{signum.name} at {step} left a temp file"
            assert cli_at(journal, "diary", env={"FILMLOG_LOCK_TIMEOUT": "2"}).code == 0
    return checked


def test_ctrl_c_and_sigterm_at_each_step_of_an_add(journal: Path, tmp_path: Path):
    before = seeded(journal)
    count = check_interrupted(journal, before, replay(before, ADD, tmp_path), ADD, tmp_path)
    figure(f"SIGINT/SIGTERM placed at each step of an add: {count}")


@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real exports not found at {REAL_DATA}")
def test_ctrl_c_and_sigterm_at_each_step_of_an_import(journal: Path, tmp_path: Path):
    before = seeded(journal)
    args = ["import", "letterboxd", str(REAL_DATA / "lbx-extratone")]
    count = check_interrupted(journal, before, replay(before, args, tmp_path), args, tmp_path)
    figure(f"SIGINT/SIGTERM placed at each step of an import: {count}")


def test_sigterm_while_waiting_for_the_lock_changes_nothing(journal: Path):
    before = seeded(journal)
    holder = spawn(ADD, FILMLOG_FAULTS="pause@locked")
    try:
        wait_for_line(holder.stderr, "paused at locked", holder)
        waiter = spawn(["add", "Ikiru", "--on", "2024-01-01"])
        time.sleep(0.8)  # long enough to be waiting; the outcome does not depend on it
        waiter.send_signal(signal.SIGTERM)
        _, err = waiter.communicate(timeout=30)
        assert waiter.returncode == 143, err
        assert err == "error: interrupted\n"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
    assert read_state(journal) == before


@pytest.mark.slow
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real exports not found at {REAL_DATA}")
def test_signals_at_random_moments_of_an_import(journal: Path, tmp_path: Path):
    """Unchanged or fully imported, whenever the signal lands."""
    rng = random.Random(3)
    before = seeded(journal)
    args = ["import", "letterboxd", str(REAL_DATA / "lbx-patrickmjones")]
    imported = replay(before, args, tmp_path)
    started = time.monotonic()
    whole = spawn(args)
    whole.communicate(timeout=120)
    duration = time.monotonic() - started
    outcomes = {"unchanged": 0, "imported": 0}
    total = rounds(24)
    for n in range(total):
        put(journal, before)
        signum = (signal.SIGINT, signal.SIGTERM)[n % 2]
        proc = spawn(args)
        time.sleep(rng.uniform(0.1, duration))
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
        # Before the CLI is running the interpreter's own default applies (-2 / -15, or a
        # KeyboardInterrupt while the interpreter itself is still importing its modules,
        # before any filmlog code runs: on a busy machine that can take 0.1 s).
        before_filmlog = (
            proc.returncode == 1
            and err.rstrip().endswith("KeyboardInterrupt")
            and "filmlog" not in err
        )
        assert proc.returncode in (0, EXIT[signum], -signum) or before_filmlog, err
        if proc.returncode == EXIT[signum]:
            assert err.splitlines()[-1] == "error: interrupted", err
        after = read_state(journal)
        if after == before:
            outcomes["unchanged"] += 1
        else:
            assert normalized(after) == normalized(imported), "a half import"
            loads_strictly(journal)
            outcomes["imported"] += 1
        assert temp_files(journal) == []
    figure(
        f"SIGINT/SIGTERM at random moments of an import: {total} "
        f"({outcomes['unchanged']} unchanged, {outcomes['imported']} fully imported)"
    )
