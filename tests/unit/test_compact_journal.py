"""The journal stores documents compact: fields holding their default are left out.

Schema 2. The readers take a missing field as its default, every save replaces the stored
document, a schema-1 journal (every field written out) reads the same and is compacted by
the first change, and ``--json`` and ``export --format json`` keep the full shapes.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from filmlog import store
from filmlog.models import (
    CastMember,
    Disc,
    Film,
    FilmIds,
    Purchase,
    Scores,
    Watch,
    WatchlistItem,
    compact_doc,
    disc_from_doc,
    disc_to_doc,
    film_from_doc,
    film_to_doc,
    full_doc,
    watch_from_doc,
    watch_to_doc,
    watchlist_from_doc,
    watchlist_to_doc,
)
from filmlog.store import Store, list_backups
from tests.helpers import KEYS, stored, stored_raw
from tests.unit.test_properties import ROUND_TRIPS, through_json

DAY = dt.date(2024, 5, 1)
TABLE_OF = {
    film_to_doc: "films",
    watch_to_doc: "watches",
    disc_to_doc: "discs",
    watchlist_to_doc: "watchlist",
}


# --------------------------------------------------------------------------- the stored form


def test_a_model_with_only_its_required_fields_stores_only_them():
    cases = [
        (film_to_doc, film_from_doc, Film("heat-1995", "Heat"), {"id", "title"}),
        (watch_to_doc, watch_from_doc, Watch(1, "heat-1995", DAY), {"id", "film", "date"}),
        (disc_to_doc, disc_from_doc, Disc(1), {"id"}),
        (watchlist_to_doc, watchlist_from_doc, WatchlistItem("x", DAY), {"film", "added"}),
    ]
    for to_doc, from_doc, model, keys in cases:
        table = TABLE_OF[to_doc]
        doc = compact_doc(table, to_doc(model))
        assert doc.keys() == keys, table
        assert from_doc(doc) == model
        assert full_doc(table, doc) == to_doc(model)


def test_nested_objects_keep_only_their_set_fields():
    film = Film(
        "heat-1995",
        "Heat",
        ids=FilmIds(imdb="tt0113277"),
        cast=(CastMember("Al Pacino", "Hanna"), CastMember("Amy Brenneman")),
    )
    doc = compact_doc("films", film_to_doc(film))
    assert doc["ids"] == {"imdb": "tt0113277"}
    assert doc["cast"] == [{"name": "Al Pacino", "role": "Hanna"}, {"name": "Amy Brenneman"}]
    assert film_from_doc(doc) == film
    disc = Disc(1, scores=Scores(picture=4.5), purchased=Purchase(shop="Fopp"))
    disc_doc = compact_doc("discs", disc_to_doc(disc))
    assert (disc_doc["scores"], disc_doc["purchased"]) == ({"picture": 4.5}, {"shop": "Fopp"})
    assert disc_from_doc(disc_doc) == disc


def test_values_that_only_look_like_defaults_are_kept():
    # 0 is not false and 0 is not null: kept, so the strict reader still refuses them.
    doc = {"id": 1, "film": "x", "date": "2024-05-01", "rewatch": 0, "disc": 0, "kind": "short"}
    assert compact_doc("watches", doc) == doc
    assert compact_doc("films", {"id": "x", "title": "X", "kind": "short"})["kind"] == "short"
    assert "kind" not in compact_doc("films", {"id": "x", "title": "X", "kind": "film"})
    # A field this version does not know is kept as it is.
    assert compact_doc("watches", {**doc, "mood": None})["mood"] is None


def test_full_doc_gives_each_document_its_own_lists():
    one = full_doc("watches", {"id": 1, "film": "x", "date": "2024-05-01"})
    two = full_doc("watches", {"id": 2, "film": "x", "date": "2024-05-01"})
    one["tags"].append("mutated")
    one["with"].append("someone")
    assert two["tags"] == [] and two["with"] == []
    assert full_doc("discs", {"id": 1})["scores"] is not full_doc("discs", {"id": 2})["scores"]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_model_survives_its_compact_document(data):
    for strategy, to_doc, from_doc in ROUND_TRIPS:
        model = data.draw(strategy)
        table = TABLE_OF[to_doc]
        doc = to_doc(model)
        compact = compact_doc(table, doc)
        assert from_doc(through_json(compact)) == model
        assert full_doc(table, compact) == doc
        assert compact_doc(table, full_doc(table, compact)) == compact


# --------------------------------------------------------------------------- saves replace


def test_every_save_replaces_the_stored_document(journal):
    film = Film("heat-1995", "Heat", 1995, genres=("Crime",), ids=FilmIds(imdb="tt0113277"))
    with Store.transaction(journal) as s:
        s.save_film(film)
        s.save_films([Film("thief-1981", "Thief", 1981, liked=True, notes="Mann")])
        first = s.add_watch(Watch(0, "heat-1995", DAY, rating=4, tags=("a",), spoilers=True))
        second = s.add_watches([Watch(0, "heat-1995", DAY, review="Long.", liked=True)])[0]
        disc = s.add_disc(Disc(0, ("heat-1995",), label="Arrow", scores=Scores(film=5)))
        s.save_watchlist_items([WatchlistItem("thief-1981", DAY, note="soon")])
    with Store.transaction(journal) as s:
        s.save_film(Film("heat-1995", "Heat", 1995))
        s.save_films([Film("thief-1981", "Thief", 1981)])
        s.save_watch(Watch(first.id, "heat-1995", DAY))
        s.save_watches([Watch(second.id, "heat-1995", DAY)])
        s.save_disc(Disc(disc.id, ("heat-1995",)))
        s.save_watchlist_items([WatchlistItem("thief-1981", DAY)])
    raw = stored_raw(journal)
    assert raw["films"]["heat-1995"] == {"id": "heat-1995", "title": "Heat", "year": 1995}
    assert raw["films"]["thief-1981"] == {"id": "thief-1981", "title": "Thief", "year": 1981}
    for key in (str(first.id), str(second.id)):
        assert raw["watches"][key] == {"id": int(key), "film": "heat-1995", "date": "2024-05-01"}
    assert raw["discs"][str(disc.id)] == {"id": disc.id, "films": ["heat-1995"]}
    assert raw["watchlist"]["thief-1981"] == {"film": "thief-1981", "added": "2024-05-01"}


def test_clearing_a_field_from_the_command_line_clears_it(cli, journal):
    assert cli("add", "Heat", "--year", "1995", "--spoilers", "--like").code == 0
    assert cli("film", "set", "Heat", "--certificate", "15", "--like").code == 0
    assert cli("disc", "add", "Heat", "--packaging", "Steelbook").code == 0
    assert cli("edit", "1", "--no-spoilers", "--no-like").code == 0
    assert cli("film", "set", "Heat", "--clear", "certificate", "--no-like").code == 0
    assert cli("disc", "edit", "1", "--clear", "packaging").code == 0
    raw = stored_raw(journal)
    assert {"spoilers", "liked"}.isdisjoint(raw["watches"]["1"])
    assert {"certificate", "liked"}.isdisjoint(raw["films"]["heat-1995"])
    assert "packaging" not in raw["discs"]["1"]
    shown = cli("show", "Heat", "--json").json()
    assert shown["watches"][0]["spoilers"] is False
    assert shown["film"]["certificate"] is None
    assert shown["discs"][0]["packaging"] is None


def test_json_output_keeps_the_full_shape(cli, journal):
    assert cli("add", "Heat", "--year", "1995").code == 0
    shown = cli("show", "Heat", "--json").json()
    assert shown["film"].keys() == film_to_doc(Film("x", "x")).keys()
    assert shown["film"]["ids"] == {"imdb": None, "tmdb": None, "letterboxd": None}
    assert set(watch_to_doc(Watch(1, "x", DAY))) <= shown["watches"][0].keys()
    diary = cli("diary", "--json").json()
    assert diary[0]["tags"] == [] and diary[0]["rating"] is None and diary[0]["dnf"] is False


# --------------------------------------------------------------------------- schema 1


def build(cli, db: Path) -> None:
    for args in (
        ["add", "Heat", "--year", "1995", "--on", "2024-01-05", "--rating", "4.5",
         "--tag", "mann", "--review", "Tense *and* long.", "--medium", "blu-ray"],
        ["add", "Heat", "--year", "1995", "--on", "2024-03-01"],
        ["add", "Thief", "--year", "1981", "--on", "2023-12-24", "--rating", "4", "--like"],
        ["film", "set", "Heat", "--director", "Michael Mann", "--cast", "Al Pacino as Hanna",
         "--cast", "Amy Brenneman", "--genre", "Crime", "--runtime", "170", "--imdb", "tt0113277"],
        ["disc", "add", "Heat", "--label", "Arrow", "--picture", "5", "--shop", "Fopp"],
        ["watchlist", "add", "Collateral", "--year", "2004"],
    ):  # fmt: skip
        result = cli("--db", str(db), *args)
        assert result.code == 0, (args, result.stderr)


def as_schema_1(journal: Path, target: Path) -> None:
    """The journal as filmlog wrote it before schema 2: every field of every document."""
    data = stored(journal)
    data["_meta"]["1"]["schema"] = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(store.dump(data))


READS = [
    ["show", "Heat"], ["show", "Heat", "--json"], ["show", "Thief", "--json"],
    ["diary"], ["diary", "--json"], ["diary", "--limit", "1"],
    ["film", "list"], ["film", "list", "--json"], ["disc", "list"], ["disc", "list", "--json"],
    ["watchlist", "list"], ["watchlist", "list", "--json"],
    ["stats"], ["stats", "--json"], ["search", "mann"], ["search", "pacino", "--json"],
    ["export"], ["export", "--format", "json"], ["export", "--format", "csv"],
    ["export", "--format", "letterboxd"], ["export", "Heat"],
]  # fmt: skip


def by_public_id(exported: str) -> dict[str, Any]:
    """An export's tables keyed by the ids users know instead of TinyDB's document ids."""
    data = json.loads(exported)
    for table, key in KEYS.items():
        data[table] = {str(doc[key]): doc for doc in data[table].values()}
    return data


def test_a_schema_1_journal_reads_the_same_and_its_first_change_compacts_it(cli, tmp_path):
    current = tmp_path / "now" / "journal.json"
    build(cli, current)
    old = tmp_path / "old" / "journal.json"
    as_schema_1(current, old)
    old_bytes = old.read_bytes()
    assert len(old_bytes) > len(current.read_bytes())
    assert '"spoilers": false' in old_bytes.decode()
    for args in READS:
        now = cli("--db", str(current), *args)
        then = cli("--db", str(old), *args)
        assert now.code == then.code == 0, (args, then.stderr)
        if args == ["export", "--format", "json"]:
            # The same documents; films and watchlist entries, keyed by slug before
            # schema 3, are numbered in another order than the journal built today.
            assert by_public_id(then.stdout) == by_public_id(now.stdout)
        else:
            assert then.stdout == now.stdout, args
    assert old.read_bytes() == old_bytes
    assert list_backups(old) == []
    doctor = cli("--db", str(old), "doctor", "--json").json()
    assert doctor["ok"] is True and doctor["schema"] == 1

    for db in (current, old):
        assert cli("--db", str(db), "film", "set", "Thief", "--genre", "Crime").code == 0
    assert stored_raw(old) == stored_raw(current)
    data = stored_raw(old)
    assert data["_meta"]["1"]["schema"] == store.SCHEMA_VERSION == 4
    for table in store.TABLES:
        for doc in data[table].values():
            assert compact_doc(table, doc) == doc
    logged = data["watches"]["2"]["logged"]
    assert data["watches"]["2"] == {
        "id": 2, "film": "heat-1995", "date": "2024-03-01", "logged": logged, "rewatch": True
    }  # fmt: skip
    assert any(b.path.read_bytes() == old_bytes for b in list_backups(old))


def test_a_transaction_that_changes_nothing_still_migrates(tmp_path, cli):
    current = tmp_path / "now" / "journal.json"
    build(cli, current)
    old = tmp_path / "old" / "journal.json"
    as_schema_1(current, old)
    with Store.transaction(old):
        pass
    # The same documents (films, keyed by slug before schema 3, are numbered anew).
    assert stored_raw(old) == stored_raw(current)
    assert old.read_bytes().count(b"\n") == current.read_bytes().count(b"\n")


def test_reading_a_schema_1_journal_does_not_compact_it(tmp_path, cli, monkeypatch):
    current = tmp_path / "now" / "journal.json"
    build(cli, current)
    old = tmp_path / "old" / "journal.json"
    as_schema_1(current, old)
    ran: list[int] = []
    original = store.MIGRATIONS[1]

    def compact(data):
        ran.append(1)
        return original(data)

    monkeypatch.setitem(store.MIGRATIONS, 1, compact)
    # Full documents are valid schema-2 documents: a read takes them as they are.
    read = Store.open(old)
    by_id = operator.attrgetter("id")
    assert sorted(read.films(), key=by_id) == sorted(Store.open(current).films(), key=by_id)
    assert read.raw_data()["_meta"]["1"]["schema"] == store.SCHEMA_VERSION
    assert ran == []
    with Store.transaction(old):
        pass
    assert ran == [1]
    assert stored_raw(old) == stored_raw(current)


# --------------------------------------------------------------------------- import json


def test_import_json_takes_full_and_compact_documents_of_either_schema(cli, tmp_path):
    source = tmp_path / "source" / "journal.json"
    build(cli, source)
    export = tmp_path / "export.json"
    assert cli("--db", str(source), "export", "-f", "json", "-o", str(export)).code == 0
    exported = json.loads(export.read_text())
    assert exported["watches"]["2"]["with"] == [] and exported["_meta"]["1"]["schema"] == 4
    schema_1 = tmp_path / "schema-1.json"
    as_schema_1(source, schema_1)
    for n, given_file in enumerate((export, source, schema_1)):
        fresh = tmp_path / f"fresh-{n}" / "journal.json"
        result = cli("--db", str(fresh), "import", "json", str(given_file))
        assert result.code == 0, (given_file, result.stderr)
        again = tmp_path / f"again-{n}.json"
        assert cli("--db", str(fresh), "export", "-f", "json", "-o", str(again)).code == 0
        if given_file == schema_1:  # keyed by slug: films are numbered anew
            assert stored_raw(fresh) == stored_raw(source)
            assert by_public_id(again.read_text()) == by_public_id(export.read_text())
        else:
            assert fresh.read_bytes() == source.read_bytes(), given_file
            assert again.read_bytes() == export.read_bytes()
