"""The journal is a TinyDB database: plain TinyDB reads what filmlog writes, and filmlog
reads what a script writes with plain TinyDB."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB

from filmlog import store
from filmlog.errors import JournalLocked
from filmlog.models import Film
from filmlog.store import Store, list_backups
from tests.helpers import stored_raw

DATA = Path(__file__).resolve().parents[1] / "data"


def ok(result):
    assert result.code == 0, result.stderr
    return result


def build(cli) -> None:
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-05", "--rating", "4.5"))
    ok(cli("film", "set", "Heat", "--director", "Michael Mann", "--cast", "Al Pacino as Hanna"))
    ok(cli("disc", "add", "Heat", "--format", "blu-ray", "--label", "Arrow", "--picture", "5"))
    ok(cli("watchlist", "add", "Ikiru", "--year", "1952", "--note", "Kurosawa"))
    ok(cli("add", "8½", "--year", "1963", "--on", "2024-02-01"))


def test_plain_tinydb_reads_every_table(cli, journal):
    build(cli)
    with TinyDB(journal, access_mode="r") as db:
        assert db.tables() == {"_meta", "films", "watches", "discs", "watchlist", "lists"}
        films = db.table("films").all()
        watches = db.table("watches").all()
        discs = db.table("discs").all()
        watchlist = db.table("watchlist").all()
        assert sorted(f["id"] for f in films) == ["8½-1963", "heat-1995", "ikiru-1952"]
        assert all(isinstance(f.doc_id, int) for f in films)
        heat = db.table("films").get(Query().id == "heat-1995")
        assert heat is not None
        assert heat["directors"] == ["Michael Mann"]
        # A viewing's document id is its number.
        assert [(w.doc_id, w["id"], w["film"]) for w in watches] == [
            (1, 1, "heat-1995"),
            (2, 2, "8½-1963"),
        ]
        assert [(d.doc_id, d["label"]) for d in discs] == [(1, "Arrow")]
        assert [(i["film"], i["note"]) for i in watchlist] == [("ikiru-1952", "Kurosawa")]
        assert db.table("_meta").get(doc_id=1)["schema"] == store.SCHEMA_VERSION


def test_a_viewing_a_script_inserts_is_read_and_can_be_changed(cli, journal):
    build(cli)
    with TinyDB(journal) as db:
        db.table("watches").insert({"id": 3, "film": "heat-1995", "date": "2024-03-01"})
    diary = ok(cli("diary", "--json")).json()
    assert [w["id"] for w in diary] == [3, 2, 1]
    ok(cli("edit", "3", "--rating", "4"))
    assert stored_raw(journal)["watches"]["3"]["rating"] == 4
    # The next id filmlog gives skips past the script's.
    assert ok(cli("add", "Thief", "--year", "1981", "--json")).json()["id"] == 4


def test_a_bad_document_from_a_script_is_named_never_a_traceback(cli, journal):
    build(cli)
    with TinyDB(journal) as db:
        doc_id = db.table("watches").insert({"film": "heat-1995", "date": "last week"})
    before = journal.read_bytes()
    for args in (["diary"], ["show", "Heat"], ["stats"], ["add", "Heat", "--on", "2024-05-01"]):
        result = cli(*args)
        assert result.code == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        line = result.stderr.strip()
        assert line.startswith(f"error: journal {journal}: watches document {doc_id}: "), line
        assert "'filmlog doctor'" in line
    assert journal.read_bytes() == before
    report = cli("doctor", "--json").json()
    assert [p["message"] for p in report["problems"]] == [
        f"watches document {doc_id}: viewing None: 'date' should be a date YYYY-MM-DD or null"
    ]


def test_fields_a_script_or_newer_filmlog_adds_survive_a_save(cli, journal):
    build(cli)
    with TinyDB(journal) as db:
        db.table("watches").update({"mood": "rainy"}, doc_ids=[1])
        db.table("films").update({"letterboxd_uri": "x"}, Query().id == "heat-1995")
    ok(cli("edit", "1", "--rating", "3", "--tag", "rewatch-worthy"))
    ok(cli("film", "set", "Heat", "--runtime", "170"))
    raw = stored_raw(journal)
    assert raw["watches"]["1"]["mood"] == "rainy"
    assert raw["watches"]["1"]["rating"] == 3
    assert raw["films"]["heat-1995"]["letterboxd_uri"] == "x"
    assert raw["films"]["heat-1995"]["runtime"] == 170


def test_a_document_id_written_twice_is_refused_for_writing(cli, journal):
    build(cli)
    raw = journal.read_text()
    at = raw.index('"watches": {') + len('"watches": {')
    merged = raw[:at] + '\n    "2": {"id": 2, "film": "8½-1963", "date": "2024-02-02"},' + raw[at:]
    journal.write_text(merged)
    before = journal.read_bytes()
    result = cli("add", "Ran", "--year", "1985")
    assert result.code == 1
    assert result.stderr.startswith(
        f"error: journal {journal} has document '2' of table 'watches' twice "
        "(a merge kept both copies); it was left untouched"
    )
    assert journal.read_bytes() == before
    assert ok(cli("diary")).stdout, "reads still work"
    messages = [p["message"] for p in cli("doctor", "--json").json()["problems"]]
    assert any("watches document 2 is written twice" in m for m in messages), messages


def test_a_lock_file_replaced_while_held_stops_the_change(journal):
    with Store.transaction(journal) as s:
        s.save_film(Film("heat-1995", "Heat", 1995))
    before = journal.read_bytes()
    lock = journal.with_name(journal.name + ".lock")
    with (
        pytest.raises(JournalLocked, match="was removed or replaced while this change held it"),
        Store.transaction(journal) as s,
    ):
        s.save_film(Film("ran-1985", "Ran", 1985))
        lock.unlink()
        # Another filmlog could now lock the new file and write at the same time.
        with store.journal_lock(journal, timeout=0):
            pass
    assert journal.read_bytes() == before


# Fields added to the JSON shapes since those reads were recorded.
NEWER_FIELDS = frozenset({"seen_given", "rewatch_given", "watchlist"})


def _without(value: Any, names: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(v, names) for v in value]
    return value


EVERY_FILM = ["film", "list", "--all", "--json"]


def test_an_old_journal_reads_the_same_and_is_upgraded_after_a_backup(cli, journal):
    """A journal written by the filmlog before schema 3 (films keyed by slug)."""
    shutil.copy(DATA / "schema-2-journal.json", journal)
    old = journal.read_bytes()
    expected = json.loads((DATA / "schema-2-reads.json").read_text(encoding="utf-8"))
    for read in expected:  # the filmlog of then listed every film; now --all does
        if read["args"] == ["film", "list", "--json"]:
            read["args"] = EVERY_FILM

    def reads_as_before() -> None:
        for read in expected:
            output = _without(ok(cli(*read["args"])).json(), NEWER_FIELDS)
            if read["args"][0] == "stats":  # the year in review added keys, kept the old
                output = {key: output[key] for key in read["output"]}
            assert output == read["output"], read["args"]

    reads_as_before()
    assert journal.read_bytes() == old, "reading never writes"
    ok(cli("watchlist", "add", "Ran", "--year", "1985"))
    ok(cli("watchlist", "rm", "Ran"))
    assert any(b.path.read_bytes() == old for b in list_backups(journal))
    assert json.loads(journal.read_text())["_meta"]["1"]["schema"] == store.SCHEMA_VERSION
    with TinyDB(journal, access_mode="r") as db:
        assert {f["id"] for f in db.table("films").all()} >= {"heat-1995", "8½-1963"}
    # The watchlist's film stays as a film the journal knows.
    films = [f for f in ok(cli(*EVERY_FILM)).json() if f["id"] != "ran-1985"]
    films = _without(films, NEWER_FIELDS)
    film_list = next(r for r in expected if r["args"] == EVERY_FILM)
    assert films == film_list["output"]
    expected.remove(film_list)
    reads_as_before()


def test_filmlog_runs_where_posix_only_modules_are_missing(tmp_path):
    """Windows has no fcntl, no SIGHUP and no signal masks."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import _signal, signal, sys\n"
        "sys.modules['fcntl'] = None\n"
        "import os\n"
        "del os.O_NONBLOCK, os.O_NOFOLLOW\n"
        "for module in (signal, _signal):\n"
        "    del module.SIGHUP\n"
        "    del module.pthread_sigmask\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "FILMLOG_DB": str(tmp_path / "journal.json"),
        "PYTHONWARNINGS": "ignore",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "filmlog", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    added = run("add", "Heat", "--year", "1995", "--on", "2024-01-01", "--rating", "4")
    assert added.returncode == 0, added.stderr
    shown = run("show", "Heat", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["film"]["title"] == "Heat"
    review = tmp_path / "review.md"
    review.write_text("Tense.", encoding="utf-8")
    edited = run("edit", "1", "--review-file", str(review))
    assert edited.returncode == 0, edited.stderr
    exported = run("export", "--format", "csv", "--out", str(tmp_path / "diary.csv"))
    assert exported.returncode == 0, exported.stderr
