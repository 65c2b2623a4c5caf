"""``filmlog doctor`` finds what is wrong; ``filmlog restore`` puts a backup back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from filmlog import store
from filmlog.models import count
from tests.faults.support import cli_at, folder_state, loads_strictly, one_error_line
from tests.helpers import KEYS, stored


def build(journal: Path) -> None:
    for args in (
        ["add", "Heat", "--year", "1995", "--on", "2024-01-01", "--rating", "4.5"],
        ["add", "Alien", "--year", "1979", "--on", "2024-01-02"],
        ["disc", "add", "Alien", "--format", "blu-ray", "--verdict", "Sharp."],
        ["watchlist", "add", "Ikiru", "--year", "1952"],
    ):
        result = cli_at(journal, *args)
        assert result.code == 0, result.stderr


def rewrite(journal: Path, change: Any) -> None:
    """Change the journal file by hand. ``change`` finds documents by the ids users know
    (film slugs, viewing numbers); the file keys them by TinyDB document id, kept as they
    were (a new document takes its own id as its document id, if free)."""
    data = json.loads(journal.read_bytes())
    doc_ids: dict[tuple[str, int], str] = {}
    for table, key in KEYS.items():
        for doc_id, doc in data[table].items():
            doc_ids[table, id(doc)] = doc_id
        data[table] = {str(doc[key]): doc for doc in data[table].values()}
    change(data)
    for table in KEYS:
        numbered: dict[str, Any] = {}
        for key, doc in data[table].items():
            doc_id = doc_ids.get((table, id(doc)), key)
            numbered[doc_id if doc_id not in numbered else str(len(numbered) + 100)] = doc
        data[table] = numbered
    journal.unlink()
    journal.write_bytes(store.dump(data))


def problems(journal: Path) -> list[tuple[str, str]]:
    result = cli_at(journal, "doctor", "--json")
    report = result.json()
    assert result.code == (0 if report["ok"] else 1)
    if not report["ok"]:
        assert one_error_line(result).startswith(
            f"error: {count(len(report['problems']), 'problem')} found in journal {journal}"
        )
    return [(p["kind"], p["message"]) for p in report["problems"]]


def test_a_healthy_journal(journal: Path):
    build(journal)
    text = cli_at(journal, "doctor")
    assert text.code == 0, text.stderr
    assert text.stdout.splitlines()[0] == f"journal   {journal}"
    assert "3 films · 2 viewings · 1 disc · 1 on the watchlist" in text.stdout
    assert "healthy   loads strictly" in text.stdout
    report = cli_at(journal, "doctor", "--json").json()
    assert report["ok"] is True
    assert report["counts"] == {"films": 3, "watches": 2, "discs": 1, "watchlist": 1, "lists": 0}
    backups = report["backups"]
    assert len(backups) == 3
    assert [b["watches"] for b in backups] == [2, 2, 1]
    assert all(b["error"] is None and b["taken"] for b in backups)
    assert backups[0]["name"] in text.stdout


def test_no_journal_yet_is_healthy(journal: Path):
    result = cli_at(journal, "doctor", "--json")
    assert result.code == 0
    assert result.json()["exists"] is False
    assert result.json()["backups"] == []


def test_a_document_that_breaks_the_model(journal: Path):
    build(journal)
    rewrite(journal, lambda d: d["watches"]["2"].update(rating=7))
    rewrite(journal, lambda d: d["films"]["heat-1995"].update(title=""))
    assert problems(journal) == [
        ("invalid", "films document 1: film 'heat-1995': 'title' should be a non-empty string"),
        (
            "invalid",
            "watches document 2: viewing 2: 'rating' should be a rating from 0.5 to 5 "
            "in half steps, or null",
        ),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["watches"]["1"].update(film="gone-2001"),
            "viewing 1: film 'gone-2001' is not in the journal",
        ),
        (lambda d: d["watches"]["2"].update(disc=42), "viewing 2: disc #42 is not in the journal"),
        (
            lambda d: d["discs"]["1"].update(films=["alien-1979", "gone-2001"]),
            "disc 1: film 'gone-2001' is not in the journal",
        ),
        (
            lambda d: d["films"].pop("ikiru-1952"),
            "watchlist entry ikiru-1952: film 'ikiru-1952' is not in the journal",
        ),
        (
            lambda d: d["films"]["heat-1995"].update(see_also=["alien-1979", "thief-1981"]),
            "film heat-1995: see-also 'thief-1981' is not in the journal",
        ),
    ],
)
def test_dangling_references(journal: Path, change: Any, expected: str):
    build(journal)
    rewrite(journal, change)
    assert problems(journal) == [("dangling", expected)]


def test_ids_used_twice(journal: Path):
    build(journal)
    data = json.loads(journal.read_bytes())
    data["watches"]["7"] = dict(data["watches"]["2"])
    data["_meta"]["1"]["next_watch"] = 8
    journal.unlink()
    journal.write_bytes(store.dump(data))
    assert problems(journal) == [
        ("duplicate", "viewing id 2 is used twice (watches documents 2 and 7)"),
    ]


def test_an_id_written_twice_in_the_file(journal: Path):
    """A bad merge can leave one key twice; JSON readers silently keep the last."""
    build(journal)
    raw = journal.read_text()
    first = raw.index('"watches": {') + len('"watches": {')
    twice = raw[:first] + '\n    "2": {"id": 2},' + raw[first:]
    journal.unlink()
    journal.write_text(twice)
    assert (
        "duplicate",
        "watches document 2 is written twice; only the last one is read "
        "(keep one copy in an editor)",
    ) in problems(journal)


def test_a_counter_behind_the_highest_id(journal: Path):
    build(journal)
    rewrite(journal, lambda d: d["_meta"]["1"].update(next_watch=2))
    assert problems(journal) == [
        (
            "counter",
            "the next viewing id would be 2 but viewing #2 exists "
            "(filmlog skips past it rather than overwrite)",
        )
    ]


def test_unreadable_journal_and_backups_are_described(journal: Path):
    build(journal)
    newest = store.list_backups(journal)[0].path
    damaged = newest.read_bytes()[:100]
    newest.unlink()
    newest.write_bytes(damaged)
    journal.write_bytes(b"")  # in place, as an editor or sync tool might
    text = cli_at(journal, "doctor")
    assert text.code == 1
    assert f"problem   journal {journal} is empty" in text.stdout
    assert f"{newest.name}  " in text.stdout
    assert "does not load: is not valid JSON (it may be truncated)" in text.stdout
    report = cli_at(journal, "doctor", "--json").json()
    assert report["backups"][0]["error"] == "is not valid JSON (it may be truncated)"
    assert report["backups"][0]["watches"] is None


def test_temp_files_of_an_interrupted_write_are_a_note_not_a_problem(journal: Path):
    build(journal)
    (journal.parent / f".{journal.name}.4242.tmp").write_text("{")
    report = cli_at(journal, "doctor", "--json")
    assert report.code == 0
    assert "1 temp file left by an interrupted write" in report.json()["notes"][0]


def test_a_hard_linked_journal_is_a_note(journal: Path, tmp_path: Path):
    build(journal)
    (tmp_path / "synced-copy.json").hardlink_to(journal)
    report = cli_at(journal, "doctor", "--json")
    assert report.code == 0
    assert "another name (a hard link)" in report.json()["notes"][0]
    assert cli_at(journal, "add", "Ran", "--year", "1985").code == 0
    assert cli_at(journal, "doctor", "--json").json()["notes"] == []


def test_a_byte_order_mark_is_a_problem_but_the_rest_is_still_checked(journal: Path):
    build(journal)
    raw = journal.read_bytes()
    rewrite(journal, lambda d: d["watches"]["1"].update(film="gone-2001"))
    journal.write_bytes(store.BOM + journal.read_bytes())
    kinds = [kind for kind, _ in problems(journal)]
    assert kinds == ["unreadable", "dangling"]
    assert raw


# --------------------------------------------------------------------------- restore


def test_restore_puts_the_newest_backup_back_and_keeps_the_current_file(journal: Path):
    build(journal)
    assert cli_at(journal, "add", "Ran", "--year", "1985", "--on", "2024-01-05").code == 0
    current = journal.read_bytes()
    newest = store.list_backups(journal)[0]
    result = cli_at(journal, "restore", "--yes")
    assert result.code == 0, result.stderr
    kept = store.list_backups(journal)[0].path
    assert result.stdout.splitlines() == [
        f"Restored {newest.path.name} (3 films, 2 viewings) to {journal}.",
        f"The file it replaced is kept as backup {kept.name}.",
    ]
    assert kept.read_bytes() == current
    restored = loads_strictly(journal)
    assert len(restored["watches"]) == 2
    # Viewing #3 existed before the restore; its id is not handed out again.
    added = cli_at(journal, "add", "Stalker", "--year", "1979", "--json")
    assert added.json()["id"] == 4
    assert cli_at(journal, "doctor").code == 0


def test_restore_by_name_stem_or_path(journal: Path, tmp_path: Path):
    build(journal)
    oldest = store.list_backups(journal)[-1].path
    for wanted in (oldest.name, oldest.stem, str(oldest)):
        result = cli_at(journal, "restore", wanted, "--yes")
        assert result.code == 0, result.stderr
        assert len(loads_strictly(journal)["watches"]) == 1
    outside = tmp_path / "copy.json"
    outside.write_bytes(oldest.read_bytes())
    assert cli_at(journal, "restore", str(outside), "--yes").code == 0


def test_restore_asks_first_and_refuses_without_a_terminal(journal: Path):
    build(journal)
    before = folder_state(journal)
    result = cli_at(journal, "restore")
    assert result.code == 2
    assert "--yes" in one_error_line(result)
    assert folder_state(journal) == before


def test_restore_refuses_an_unknown_or_damaged_backup(journal: Path, tmp_path: Path):
    build(journal)
    before = folder_state(journal)
    tmp_path = tmp_path / "elsewhere"
    tmp_path.mkdir()
    unknown = cli_at(journal, "restore", "20990101T000000.000000.json", "--yes")
    assert unknown.code == 1
    assert "no backup called '20990101T000000.000000.json'" in one_error_line(unknown)
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'{"_meta": ')
    refused = cli_at(journal, "restore", str(damaged), "--yes")
    assert refused.code == 1
    assert one_error_line(refused).startswith(
        f"error: backup {damaged} is not valid JSON (it may be truncated); nothing was restored"
    )
    invalid = tmp_path / "invalid.json"
    data = json.loads(journal.read_bytes())
    data["watches"]["1"]["date"] = "last week"
    invalid.write_bytes(store.dump(data))
    refused = cli_at(journal, "restore", str(invalid), "--yes")
    assert refused.code == 1
    assert "viewing 1: 'date' should be a date" in one_error_line(refused)
    assert folder_state(journal) == before


def test_restore_with_no_backups(journal: Path):
    result = cli_at(journal, "restore", "--yes")
    assert result.code == 1
    assert one_error_line(result).startswith(f"error: journal {journal} has no backups yet")


def test_restore_skips_backups_that_do_not_load(journal: Path):
    build(journal)
    good = store.list_backups(journal)[1]
    newest = store.list_backups(journal)[0].path
    newest.unlink()
    newest.write_bytes(b"")
    assert cli_at(journal, "restore", "--yes").code == 0
    expected = json.loads(good.path.read_bytes())
    expected["_meta"]["1"]["next_disc"] = 2  # the disc added since keeps its id
    assert json.loads(journal.read_bytes()) == expected


def test_restore_chooses_its_backup_again_under_the_lock(journal: Path, monkeypatch):
    """A change that lands while restore waits for the lock is not restored over blindly."""
    from filmlog.cli import asking
    from filmlog.models import Film

    build(journal)
    asked: list[str] = []

    def confirm_then_change(question: str) -> bool:
        asked.append(question)
        # Another filmlog changes the journal between the question and the lock.
        with store.Store.transaction(journal) as s:
            s.save_film(Film("ran-1985", "Ran", 1985))
        return True

    monkeypatch.setattr(asking, "confirm", confirm_then_change)
    result = cli_at(journal, "restore")
    assert asked
    assert result.code == 1
    assert "changed while restore waited" in one_error_line(result)
    assert "ran-1985" in {f["id"] for f in loads_strictly(journal)["films"].values()}


def test_stale_derived_flags_and_a_disc_that_no_longer_holds_the_film(journal: Path):
    build(journal)
    cli_at(journal, "add", "Heat", "--year", "1995", "--on", "2024-06-01")
    cli_at(journal, "disc", "add", "Heat", "--year", "1995", "--format", "dvd")
    heat = [w for w in stored(journal)["watches"].values() if w["film"] == "heat-1995"]
    assert problems(journal) == []
    first, second = sorted(heat, key=lambda w: w["date"])

    def change(data: Any) -> None:
        data["films"]["alien-1979"]["seen"] = False
        data["watches"][str(second["id"])]["rewatch"] = False
        data["watches"][str(first["id"])]["disc"] = 1

    rewrite(journal, change)
    assert sorted(problems(journal)) == sorted(
        [
            ("stale", "film alien-1979: seen is false, but its viewings make it true"),
            (
                "stale",
                f"viewing {second['id']}: rewatch is false, but the earlier viewings make it true",
            ),
            ("stale", f"viewing {first['id']}: disc #1 does not hold film 'heat-1995'"),
        ]
    )
