"""The journal file: format, backups, schema migrations and the strict load."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re

import pytest

from filmlog import paths, store
from filmlog.errors import JournalError, JournalLocked, JournalUnreadable
from filmlog.models import Disc, Film, Watch, WatchlistItem
from filmlog.store import Store, list_backups
from tests.helpers import stored, stored_raw


def heat() -> Film:
    return Film(id="heat-1995", title="Heat", year=1995)


def viewing(day: str = "2024-05-01", **fields: object) -> Watch:
    return Watch(id=0, film="heat-1995", date=dt.date.fromisoformat(day), **fields)  # type: ignore[arg-type]


def write_heat(journal, times: int = 1) -> None:
    for _ in range(times):
        with Store.transaction(journal) as s:
            s.save_film(heat())
            s.add_watch(viewing())


# --------------------------------------------------------------------------- the file


def test_a_missing_journal_reads_as_empty_and_is_not_created(journal):
    s = Store.open(journal)
    assert s.is_empty()
    assert s.films() == []
    assert not journal.exists()


def test_the_journal_is_utf8_json_indented_with_sorted_keys(journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="salo-1975", title="Salò, or the 120 Days of Sodom", year=1975))
        s.add_watch(Watch(id=0, film="salo-1975", date=dt.date(2024, 1, 2), tags=("🎬",)))
    raw = journal.read_bytes()
    text = raw.decode("utf-8")
    assert "Salò" in text  # not \u00f2
    assert "🎬" in text
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_journal_carries_its_schema_version(journal):
    write_heat(journal)
    meta = json.loads(journal.read_text())["_meta"]["1"]
    assert meta["schema"] == store.SCHEMA_VERSION


def test_a_transaction_that_changes_nothing_writes_nothing(journal):
    write_heat(journal)
    before = journal.stat().st_mtime_ns, journal.read_bytes()
    with Store.transaction(journal) as s:
        s.films()
    assert (journal.stat().st_mtime_ns, journal.read_bytes()) == before
    assert len(list_backups(journal)) == 0


def test_a_failed_transaction_writes_nothing(journal):
    write_heat(journal)
    before = journal.read_bytes()
    with pytest.raises(RuntimeError), Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979))
        raise RuntimeError("boom")
    assert journal.read_bytes() == before


def test_writes_leave_no_temporary_files_and_keep_a_lock_file(journal):
    write_heat(journal, 3)
    names = sorted(p.name for p in journal.parent.iterdir())
    assert names == ["journal.json", "journal.json.backups", "journal.json.lock"]


def test_reading_only_store_refuses_changes(journal):
    write_heat(journal)
    with pytest.raises(JournalError, match="read-only"):
        Store.open(journal).save_film(heat())


def test_models_come_back_as_they_were_saved(journal):
    film = Film(id="heat-1995", title="Heat", year=1995, aka=("Heat: The Movie",), rating=4.5)
    with Store.transaction(journal) as s:
        s.save_film(film)
        added = s.add_watch(viewing(rating=4.5, with_=("Sam",), review="# Yes"))
        disc = s.add_disc(Disc(id=0, films=("heat-1995",), format="Blu-ray"))
        s.save_watchlist_items([WatchlistItem("alien-1979", dt.date(2024, 1, 1), "soon")])
    s = Store.open(journal)
    assert s.film("heat-1995") == film
    assert s.watch(added.id) == added
    assert s.disc(disc.id) == disc
    assert s.discs("heat-1995") == [disc]
    assert s.watchlist() == [WatchlistItem("alien-1979", dt.date(2024, 1, 1), "soon")]
    entry = ("heat-1995", "Heat", 1995, ("Heat: The Movie",))
    assert s.films_titled("heat") == s.films_titled("heatthemovie") == [entry]
    assert s.films_keyed_with("themov") == [entry]
    assert s.films_keyed_with("heatx") == []


def test_viewings_are_listed_by_day(journal):
    with Store.transaction(journal) as s:
        s.save_film(heat())
        s.add_watches([viewing("2024-05-03"), viewing("2024-05-01"), viewing("2024-05-02")])
    s = Store.open(journal)
    assert [w.date.day for w in s.watches()] == [1, 2, 3]
    assert [w.id for w in s.watches_newest_first()] == [1, 3, 2]
    assert s.watch_count() == 3


# --------------------------------------------------------------------------- ids


def test_watch_ids_count_up_and_are_never_reused(journal):
    write_heat(journal, 3)
    with Store.transaction(journal) as s:
        s.remove_watch(3)
    with Store.transaction(journal) as s:
        assert s.add_watch(viewing()).id == 4
    assert sorted(Store.open(journal).raw_data()["watches"]) == ["1", "2", "4"]


def test_a_counter_behind_the_viewings_never_overwrites_one(journal):
    journal.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema": 1}},
                "watches": {"1": {"id": 1, "film": "x", "date": "2020-01-01"}},
            }
        )
    )
    with Store.transaction(journal) as s:
        assert s.add_watch(viewing()).id == 2
    assert Store.open(journal).watch(1).film == "x"  # type: ignore[union-attr]


def test_film_ids_are_unique_slugs(journal):
    with Store.transaction(journal) as s:
        first = s.new_film_id("Mr. & Mrs. Smith", 2005)
        s.save_film(Film(id=first, title="Mr. & Mrs. Smith", year=2005))
        second = s.new_film_id("Mr Mrs Smith", 2005)
    assert first == "mr-mrs-smith-2005"
    assert second == "mr-mrs-smith-2005-2"


# --------------------------------------------------------------------------- backups


def test_each_write_keeps_the_previous_journal_as_a_backup(journal):
    write_heat(journal)
    first = journal.read_bytes()
    assert list_backups(journal) == []  # nothing existed before the first write
    write_heat(journal)
    backups = list_backups(journal)
    assert len(backups) == 1
    assert backups[0].path.read_bytes() == first
    assert backups[0].path.parent == paths.backup_dir(journal)


def test_backups_are_pruned_to_the_recent_ones(journal, monkeypatch):
    monkeypatch.setattr(store.files, "KEEP_RECENT_BACKUPS", 3)
    write_heat(journal, 7)
    backups = list_backups(journal)
    assert len(backups) == 3
    # The newest backup is the journal as it was before the last write.
    assert json.loads(backups[0].path.read_text())["_meta"]["1"]["next_watch"] == 7


def test_older_backups_keep_one_a_day(journal, monkeypatch):
    monkeypatch.setattr(store.files, "KEEP_RECENT_BACKUPS", 2)
    folder = paths.backup_dir(journal)
    folder.mkdir(parents=True)
    old = []
    for day in (1, 2, 3):
        for hour in (9, 18):
            path = folder / f"202401{day:02d}T{hour:02d}0000.000000.json"
            path.write_text("{}")
            old.append(path)
    write_heat(journal, 3)  # two new backups (the first write had no journal to keep)
    kept = {b.path.name for b in list_backups(journal)}
    assert len(kept) == 2 + 3
    for day in (1, 2, 3):  # the newest of each older day survives
        assert f"202401{day:02d}T180000.000000.json" in kept
        assert f"202401{day:02d}T090000.000000.json" not in kept


def test_backup_names_give_their_time_and_other_names_are_not_backups(journal):
    folder = paths.backup_dir(journal)
    folder.mkdir(parents=True)
    names = ["20240131T235959.123456.json", "20240131T235959.123456-2.json",
             "20241399T000000.000000.json", "20240131T235959.json", "notes.json"]  # fmt: skip
    for name in names:
        (folder / name).write_text("{}")
    found = {b.path.name: b.taken for b in list_backups(journal)}
    taken = dt.datetime(2024, 1, 31, 23, 59, 59, 123456)
    assert found == {names[0]: taken, names[1]: taken}


# --------------------------------------------------------------------------- migrations


def test_a_migration_runs_after_a_backup_of_the_old_journal(journal, monkeypatch):
    write_heat(journal)
    old_bytes = journal.read_bytes()
    backed_up_first: list[bool] = []
    current = store.SCHEMA_VERSION

    def to_next(data):
        backed_up_first.append(any(b.path.read_bytes() == old_bytes for b in list_backups(journal)))
        for doc in data["films"].values():
            doc["title"] = doc["title"].upper()
        data["_meta"]["1"]["schema"] = current + 1
        return data

    monkeypatch.setattr(store.schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store.MIGRATIONS, current, to_next)
    # Reading migrates in memory and leaves the file alone.
    assert Store.open(journal).film("heat-1995").title == "HEAT"  # type: ignore[union-attr]
    assert journal.read_bytes() == old_bytes
    # A transaction backs up, migrates and writes, even when it changes nothing else.
    with Store.transaction(journal):
        pass
    assert backed_up_first == [False, True]
    data = stored_raw(journal)
    assert data["_meta"]["1"]["schema"] == current + 1
    assert data["films"]["heat-1995"]["title"] == "HEAT"
    # Once migrated, nothing runs again.
    with Store.transaction(journal):
        pass
    assert len(backed_up_first) == 2


def test_migrations_chain_from_any_older_schema(journal, monkeypatch):
    write_heat(journal)
    data = json.loads(journal.read_text())
    data["_meta"]["1"]["schema"] = 1
    journal.write_text(json.dumps(data))
    monkeypatch.setattr(store.schema, "SCHEMA_VERSION", 3)

    def bump(version):
        def migrate(data):
            data["_meta"]["1"]["schema"] = version + 1
            data["_meta"]["1"].setdefault("steps", []).append(version)
            return data

        return migrate

    monkeypatch.setitem(store.MIGRATIONS, 1, bump(1))
    monkeypatch.setitem(store.MIGRATIONS, 2, bump(2))
    with Store.transaction(journal):
        pass
    meta = json.loads(journal.read_text())["_meta"]["1"]
    assert (meta["schema"], meta["steps"]) == (3, [1, 2])


# --------------------------------------------------------------------------- strict load

REFUSED = {
    "empty": (b"", "is empty"),
    "blank": (b"  \n", "is empty"),
    "truncated": (b'{"_meta": {"1": {"schema": 1}}, "films": {', "not valid JSON"),
    "not json": (b"films: []\n", "not valid JSON"),
    "a list": (b"[]", "not a JSON object"),
    "no schema": (b'{"films": {}}', "no schema version"),
    "schema zero": (b'{"_meta": {"1": {"schema": 0}}}', "impossible schema"),
    "newer schema": (b'{"_meta": {"1": {"schema": 99}}}', "newer filmlog"),
    "table a list": (b'{"_meta": {"1": {"schema": 1}}, "films": []}', "damaged 'films'"),
    "unknown table": (b'{"_meta": {"1": {"schema": 1}}, "people": {}}', "unknown table"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_journal_that_is_not_one_is_refused_and_left_alone(journal, case):
    write_heat(journal, 2)
    newest = list_backups(journal)[0].path
    raw, why = REFUSED[case]
    journal.write_bytes(raw)
    for attempt in (lambda: Store.open(journal), lambda: Store.transaction(journal).__enter__()):
        with pytest.raises(JournalUnreadable) as caught:
            attempt()
        message = str(caught.value)
        assert why in message
        assert str(journal) in message
        assert str(newest) in message
        assert journal.read_bytes() == raw


def test_a_refusal_without_backups_says_so(journal):
    journal.write_bytes(b"{")
    with pytest.raises(JournalUnreadable, match="no backup exists yet"):
        Store.open(journal)


def test_a_byte_order_mark_is_read_but_never_written_over(journal):
    write_heat(journal)
    raw = b"\xef\xbb\xbf" + journal.read_bytes()
    journal.write_bytes(raw)
    assert Store.open(journal).film("heat-1995") == heat()
    with pytest.raises(JournalUnreadable, match="byte-order mark"), Store.transaction(journal):
        pass
    assert journal.read_bytes() == raw


def test_a_journal_path_that_is_a_folder_is_an_error(tmp_path):
    with pytest.raises(JournalError, match="is a folder"):
        Store.open(tmp_path)


def test_journal_files_are_private(journal):
    write_heat(journal)
    assert journal.stat().st_mode & 0o077 == 0 or os.name == "nt"


def test_a_write_keeps_the_journals_permission_bits(journal):
    write_heat(journal)
    journal.chmod(0o640)
    write_heat(journal)
    assert journal.stat().st_mode & 0o777 == 0o640
    journal.chmod(0o604)
    store.atomic_write(journal, journal.read_bytes())
    assert journal.stat().st_mode & 0o777 == 0o604


def test_an_export_file_keeps_its_permission_bits_and_a_new_one_is_private(tmp_path):
    shared = tmp_path / "diary.csv"
    shared.write_text("old")
    shared.chmod(0o644)
    store.atomic_write(shared, b"new")
    assert (shared.read_bytes(), shared.stat().st_mode & 0o777) == (b"new", 0o644)
    fresh = tmp_path / "fresh.csv"
    store.atomic_write(fresh, b"new")
    assert fresh.stat().st_mode & 0o077 == 0


# --------------------------------------------------------------------------- the lock


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf", "1,5"])
def test_a_bad_lock_timeout_is_a_clear_usage_error(cli, journal, monkeypatch, value):
    monkeypatch.setenv("FILMLOG_LOCK_TIMEOUT", value)
    result = cli("add", "Heat", "--on", "2024-01-01")
    assert result.code == 2
    assert result.stderr == (
        f"error: FILMLOG_LOCK_TIMEOUT={value!r} is not a number of seconds "
        "(give it 0 or more, or unset it to wait 60 s)\n"
    )
    assert not journal.exists()


@pytest.mark.parametrize(("value", "limit"), [("", 60.0), (" 2.5 ", 2.5), ("0", 0.0)])
def test_the_lock_timeout_comes_from_the_environment(monkeypatch, value, limit):
    monkeypatch.setenv("FILMLOG_LOCK_TIMEOUT", value)
    assert store.lock_timeout() == limit


def test_a_change_gives_up_saying_how_long_it_waited(journal, monkeypatch):
    write_heat(journal)
    before = journal.read_bytes()
    monkeypatch.setattr(store.lock, "LOCK_NOTICE_AFTER_S", 0.0)
    monkeypatch.setenv("FILMLOG_LOCK_TIMEOUT", "0.2")
    waits = []
    with (
        store.journal_lock(journal, timeout=0),
        pytest.raises(JournalLocked) as refused,
        Store.transaction(journal, on_wait=lambda: waits.append(1)) as s,
    ):
        s.add_watch(viewing())
    assert waits == [1], "said once, however long the wait"
    assert re.fullmatch(
        rf"journal {re.escape(str(journal))} is busy: gave up after waiting 0\.\d s "
        r"for another filmlog to finish with it \(try again when it has finished\)",
        str(refused.value),
    )
    assert journal.read_bytes() == before


def test_a_change_that_gets_the_lock_at_once_says_nothing(journal):
    waits = []
    with Store.transaction(journal, on_wait=lambda: waits.append(1)) as s:
        s.save_film(heat())
    assert waits == []


def test_a_command_says_it_is_waiting_then_carries_on(cli, journal, monkeypatch):
    from filmlog.cli import common

    monkeypatch.setattr(store.lock, "LOCK_NOTICE_AFTER_S", 0.0)
    holder = contextlib.ExitStack()
    holder.enter_context(store.journal_lock(journal, timeout=0))
    said = []

    def waiting(path):
        said.append(path)
        real_note(path)
        holder.close()  # the other filmlog finishes

    real_note = common.waiting_note
    monkeypatch.setattr(common, "waiting_note", waiting)
    result = cli("add", "Heat", "--year", "1995", "--on", "2024-01-01")
    assert result.code == 0, result.stderr
    assert said == [journal]
    assert result.stderr.splitlines()[0] == (
        f"waiting for another filmlog to finish with {journal}…"
    )
    assert len(stored(journal)["watches"]) == 1


def test_a_command_that_times_out_says_so_on_stderr(cli, journal, monkeypatch):
    monkeypatch.setattr(store.lock, "LOCK_NOTICE_AFTER_S", 0.0)
    monkeypatch.setenv("FILMLOG_LOCK_TIMEOUT", "0.1")
    with store.journal_lock(journal, timeout=0):
        result = cli("add", "Heat", "--on", "2024-01-01")
    assert result.code == 1
    waiting, error = result.stderr.splitlines()
    assert waiting == f"waiting for another filmlog to finish with {journal}…"
    assert error.startswith(f"error: journal {journal} is busy: gave up after waiting 0.")
    assert not journal.exists()


def test_restore_says_it_is_waiting_too(cli, journal, monkeypatch):
    from filmlog.cli import common

    write_heat(journal, times=2)
    monkeypatch.setattr(store.lock, "LOCK_NOTICE_AFTER_S", 0.0)
    holder = contextlib.ExitStack()
    holder.enter_context(store.journal_lock(journal, timeout=0))
    said = []

    def waiting(path):
        said.append(path)
        holder.close()

    monkeypatch.setattr(common, "waiting_note", waiting)
    result = cli("restore", "--yes")
    assert result.code == 0, result.stderr
    assert said == [journal]
