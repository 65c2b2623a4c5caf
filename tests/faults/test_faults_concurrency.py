"""Many real filmlog processes writing one journal at once.

Every writer holds the journal's lock for its whole read-change-write, so no change is
lost to another: the count at the end is what was confirmed, ids are unique, and the
file is valid. Readers take no lock and always see a whole journal.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

from tests.faults.support import (
    cli_at,
    figure,
    loads_strictly,
    one_error_line,
    read_state,
    spawn,
    wait_for_line,
)
from tests.helpers import REAL_DATA


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        results.append((proc.returncode, out, err))
    return results


def test_thirty_adds_started_at_once_on_a_new_journal_leave_thirty_viewings(journal: Path):
    procs = [
        spawn(["add", f"Film {n}", "--year", str(1960 + n), "--on", "2024-05-01", "--json"])
        for n in range(30)
    ]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 30, [err for _, _, err in results]
    ids = sorted(json.loads(out)["id"] for _, out, _ in results)
    assert ids == list(range(1, 31)), "each writer got its own id"
    data = loads_strictly(journal)
    assert sorted(int(k) for k in data["watches"]) == ids
    assert len(data["films"]) == 30
    assert data["_meta"]["1"]["next_watch"] == 31


def test_fifty_mixed_writers_and_readers_lose_nothing(journal: Path):
    """30 adds, 10 edits and 5 deletions race, with 5 readers among them."""
    for n in range(15):
        assert cli_at(journal, "add", f"Old {n}", "--on", "2024-01-01").code == 0
    adds = [
        spawn(["add", f"New {n % 12}", "--year", "2001", "--on", "2024-06-01", "--json"])
        for n in range(30)
    ]
    edits = [spawn(["edit", str(n), "--rating", "4", "--tag", f"edit-{n}"]) for n in range(1, 11)]
    rms = [spawn(["rm", str(n), "--yes"]) for n in range(11, 16)]
    readers = [spawn(["diary", "--json"]) for _ in range(5)]
    added = finish(adds)
    assert all(code == 0 for code, _, _ in added), [err for *_, err in added]
    assert all(code == 0 for code, _, _ in finish(edits + rms))
    for code, out, err in finish(readers):
        assert code == 0, err
        json.loads(out)  # a reader sees a whole journal, never half of one
    new_ids = {json.loads(out)["id"] for _, out, _ in added}
    assert len(new_ids) == 30
    data = loads_strictly(journal)
    watches = data["watches"]
    assert set(watches) == {str(n) for n in range(1, 11)} | {str(i) for i in new_ids}
    assert min(new_ids) == 16, "ids are never reused, even after rm"
    for n in range(1, 11):
        assert watches[str(n)]["tags"] == [f"edit-{n}"], "an edit was lost to another writer"
        assert watches[str(n)]["rating"] == 4
    assert len({w["film"] for w in watches.values() if w["film"].startswith("new-")}) == 12
    figure("writers held at once: 45 (30 add, 10 edit, 5 rm) + 5 readers; nothing lost")


def test_imports_race_with_adds(journal: Path):
    """Imports write once, under the same lock: adds before and after them all survive."""
    if not REAL_DATA.is_dir():
        import pytest

        pytest.skip(f"real exports not found at {REAL_DATA}")
    export = str(REAL_DATA / "lbx-extratone")
    procs = [spawn(["import", "letterboxd", export, "--json"]) for _ in range(4)]
    procs += [
        spawn(["add", f"Racer {n}", "--year", "1999", "--on", "2024-07-01", "--json"])
        for n in range(26)
    ]
    results = finish(procs)
    assert all(code == 0 for code, _, _ in results), [err for *_, err in results]
    data = loads_strictly(journal)
    sources = [w for w in data["watches"].values() if w.get("source")]
    # The diary's 317 rows and the 22 reviews without a watched date, each imported once.
    assert len(sources) == 317 + 22, "the export's diary, imported exactly once"
    racers = [w for w in data["watches"].values() if w["film"].startswith("racer-")]
    assert len(racers) == 26
    assert len(data["watches"]) == 317 + 22 + 26
    figure("writers held at once: 30 (4 imports of the same export, 26 adds); nothing lost")


def test_a_writer_that_dies_holding_the_lock_frees_it_for_the_next(journal: Path):
    assert cli_at(journal, "add", "Heat", "--on", "2024-01-01").code == 0
    holder = spawn(["add", "Alien", "--on", "2024-01-02"], FILMLOG_FAULTS="pause@locked")
    wait_for_line(holder.stderr, "paused at locked", holder)
    waiters = [spawn(["add", f"Waiter {n}", "--on", "2024-01-03"]) for n in range(5)]
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    assert all(code == 0 for code, _, _ in finish(waiters))
    data = loads_strictly(journal)
    assert len(data["watches"]) == 6
    assert not any(w["film"].startswith("alien") for w in data["watches"].values())


def test_a_writer_that_waits_too_long_gives_up_and_changes_nothing(journal: Path):
    assert cli_at(journal, "add", "Heat", "--on", "2024-01-01").code == 0
    before = read_state(journal)
    holder = spawn(["add", "Alien", "--on", "2024-01-02"], FILMLOG_FAULTS="pause@locked")
    try:
        wait_for_line(holder.stderr, "paused at locked", holder)
        result = cli_at(journal, "add", "Ran", env={"FILMLOG_LOCK_TIMEOUT": "0.3"})
        assert result.code == 1
        line = one_error_line(result)
        assert line.startswith(f"error: journal {journal} is busy: gave up after waiting ")
        assert read_state(journal) == before
        reader = cli_at(journal, "show", "Heat", "--json")
        assert reader.code == 0, "readers never wait for the lock"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
