"""``watchlist add/list/rm``; logging a viewing takes a film off the list."""

from __future__ import annotations

import datetime as dt

from tinydb import Query, TinyDB

from tests.helpers import stored


def ok(result):
    assert result.code == 0, result.stderr
    return result


TODAY = dt.date.today().isoformat()


def test_add_list_and_json_shape(cli, journal):
    result = ok(cli("watchlist", "add", "Paris, Texas", "--year", "1984", "--note", "Sam: the end"))
    assert result.stdout == "Added to your watchlist: Paris, Texas (1984)\n"
    ok(cli("watchlist", "add", "Heat (1995)"))
    assert ok(cli("watchlist", "list", "--json")).json() == [
        {
            "film": "heat-1995",
            "title": "Heat",
            "year": 1995,
            "added": TODAY,
            "note": None,
        },
        {
            "film": "paris-texas-1984",
            "title": "Paris, Texas",
            "year": 1984,
            "added": TODAY,
            "note": "Sam: the end",
        },
    ]
    table = ok(cli("watchlist", "list")).stdout
    assert "Paris, Texas (1984)" in table and "Sam: the end" in table and TODAY in table
    # The films exist in the journal, unseen.
    assert stored(journal)["films"]["paris-texas-1984"]["seen"] is False
    assert "on your watchlist" in ok(cli("show", "Paris, Texas")).stdout


def test_adding_again_keeps_the_date_and_replaces_the_note(cli, journal):
    ok(cli("watchlist", "add", "Heat", "--year", "1995", "--note", "old"))
    # Changed by a script with plain TinyDB, as a user may.
    with TinyDB(journal) as db:
        db.table("watchlist").update({"added": "2020-01-01"}, Query().film == "heat-1995")
    result = ok(cli("watchlist", "add", "heat", "--note", "new"))
    assert result.stdout == "Already on your watchlist: Heat (1995) (since 2020-01-01)\n"
    entry = ok(cli("watchlist", "list", "--json")).json()[0]
    assert (entry["added"], entry["note"]) == ("2020-01-01", "new")


def test_logging_a_viewing_takes_the_film_off(cli, journal):
    ok(cli("watchlist", "add", "Heat", "--year", "1995"))
    ok(cli("watchlist", "add", "Thief", "--year", "1981"))
    ok(cli("add", "heat", "--rating", "4"))
    assert [e["title"] for e in ok(cli("watchlist", "list", "--json")).json()] == ["Thief"]
    assert "heat-1995" not in stored(journal)["watchlist"]
    assert "on your watchlist" not in ok(cli("show", "Heat")).stdout


def test_rm_takes_a_film_off_and_keeps_the_film(cli, journal):
    ok(cli("watchlist", "add", "Heat", "--year", "1995"))
    result = ok(cli("watchlist", "rm", "HEAT"))
    assert "Took Heat (1995) off your watchlist." in result.stderr
    data = stored(journal)
    assert data["watchlist"] == {}
    assert "heat-1995" in data["films"]


def test_rm_of_a_film_not_on_the_list_exits_1(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    before = journal.read_bytes()
    result = cli("watchlist", "rm", "Heat")
    assert result.code == 1
    assert "Heat (1995) is not on your watchlist" in result.stderr
    missing = cli("watchlist", "rm", "Nothing Like It")
    assert missing.code == 1
    assert "no film called 'Nothing Like It'" in missing.stderr
    assert journal.read_bytes() == before


def test_same_title_films_are_told_apart_by_year(cli, journal):
    ok(cli("watchlist", "add", "Heat", "--year", "1995"))
    ok(cli("watchlist", "add", "Heat", "--year", "1986", "--note", "the Burt Reynolds one"))
    entries = ok(cli("watchlist", "list", "--json")).json()
    assert sorted((e["title"], e["year"]) for e in entries) == [("Heat", 1986), ("Heat", 1995)]
    table = ok(cli("watchlist", "list")).stdout
    assert "Heat (1986)" in table and "Heat (1995)" in table

    before = journal.read_bytes()
    result = cli("watchlist", "rm", "Heat")
    assert result.code == 1
    assert "Heat (1986), Heat (1995)" in result.stderr
    assert journal.read_bytes() == before
    assert cli("watchlist", "add", "Heat").code == 1

    ok(cli("watchlist", "rm", "Heat", "--year", "1986"))
    assert [e["year"] for e in ok(cli("watchlist", "list", "--json")).json()] == [1995]
    # With only one Heat left on the list, the title alone is enough.
    ok(cli("watchlist", "rm", "Heat"))
    assert stored(journal)["watchlist"] == {}


def test_an_alias_finds_the_film_on_the_list(cli):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--aka", "Vegas Blues"))
    ok(cli("watchlist", "add", "Vegas Blues"))
    assert ok(cli("watchlist", "list", "--json")).json()[0]["film"] == "leaving-las-vegas-1995"


def test_empty_watchlist(cli, empty_journal):
    assert ok(cli("watchlist", "list", "--json")).json() == []
    result = ok(cli("watchlist", "list"))
    assert result.stdout == ""
    assert "your watchlist is empty" in result.stderr


def test_add_json_prints_the_entry(cli):
    entry = ok(cli("watchlist", "add", "Heat", "--year", "1995", "--json")).json()
    assert entry == {
        "film": "heat-1995",
        "title": "Heat",
        "year": 1995,
        "added": TODAY,
        "note": None,
    }


def test_adding_a_film_already_seen_says_so(cli):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    result = ok(cli("watchlist", "add", "Heat"))
    assert result.stdout == "Added to your watchlist: Heat (1995)  you have seen it before\n"
