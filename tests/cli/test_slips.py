"""Slips are easy to make right: typos do not create films, derived state stays true,
the watchlist is not silently lost, and ``undo`` takes the last change back.

Each test runs the exact sequence a user would and then reads the stored journal.
"""

from __future__ import annotations

import pytest

from tests.helpers import stored


def ok(result):
    assert result.code == 0, result.stderr
    return result


def test_a_typo_is_refused_without_a_terminal_and_new_says_it_is_a_new_film(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    for args in (
        ("add", "Heet"),
        ("film", "set", "Heet", "--director", "Michael Mann"),
        ("watchlist", "add", "Heet"),
        ("disc", "add", "Heet", "--format", "blu-ray"),
    ):
        refused = cli(*args)
        assert refused.code == 1, args
        assert refused.stderr == (
            "error: 'Heet' is not in your journal (did you mean 'Heat (1995)'? "
            "--new adds 'Heet' as a new film)\n"
        )
    data = stored(journal)
    assert list(data["films"]) == ["heat-1995"]
    assert (len(data["watches"]), data["discs"], data["watchlist"]) == (1, {}, {})
    ok(cli("add", "Heet", "--new", "--on", "2024-01-02"))
    assert set(stored(journal)["films"]) == {"heat-1995", "heet"}


def test_a_title_with_no_near_match_is_created_and_a_remake_is_no_typo(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("add", "Alien", "--on", "2024-01-02"))
    ok(cli("add", "Heat", "--year", "1986", "--on", "2024-01-03"))
    ok(cli("add", "Film 2", "--on", "2024-01-04"))
    ok(cli("add", "Film 3", "--on", "2024-01-05"))
    assert set(stored(journal)["films"]) == {
        "heat-1995", "alien", "heat-1986", "film-2", "film-3"
    }  # fmt: skip


def test_a_choice_between_near_films_is_asked_again_as_it_was_asked(cli, journal, monkeypatch):
    from filmlog.cli import asking

    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("add", "Heat", "--year", "1986", "--on", "2024-01-02"))
    answers = iter(["", "2"])
    monkeypatch.setattr(asking, "interactive", lambda: True)
    monkeypatch.setattr(asking, "ask", lambda q: next(answers))
    result = ok(cli("add", "Heet", "--on", "2024-02-01"))
    assert "'' is not an answer here: type a number from 1 to 2, n or new." in result.stderr
    assert [w["film"] for w in stored(journal)["watches"].values()].count("heat-1995") == 2


def test_a_terminal_is_asked_before_the_lock_and_yes_logs_the_near_film(cli, journal, monkeypatch):
    from filmlog.cli import asking

    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    asked: list[str] = []
    monkeypatch.setattr(asking, "interactive", lambda: True)
    monkeypatch.setattr(asking, "ask", lambda q: asked.append(q) or "y")
    ok(cli("add", "Heet", "--on", "2024-02-01"))
    assert asked == ["Heet is not in your journal. Did you mean Heat (1995)? [Y/n/new]"]
    assert {w["film"] for w in stored(journal)["watches"].values()} == {"heat-1995"}
    monkeypatch.setattr(asking, "ask", lambda q: "new")
    ok(cli("add", "Heet", "--on", "2024-03-01"))
    monkeypatch.setattr(asking, "ask", lambda q: "n")
    assert cli("add", "Haet", "--year", "1995").code == 1
    assert set(stored(journal)["films"]) == {"heat-1995", "heet"}


def test_did_you_mean_offers_close_titles_only_and_a_prefix_or_bare_year_is_understood(cli):
    ok(cli("film", "set", "Everything Everywhere All at Once", "--year", "2022"))
    ok(cli("film", "set", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb"))
    ok(cli("add", "Heat", "--year", "1995"))
    her = cli("show", "Her")
    assert her.code == 1
    assert her.stderr == "error: no film called 'Her' in the journal\n"
    assert cli("show", "dr strangelove", "--json").json()["film"]["title"].startswith("Dr. S")
    assert cli("show", "Heat 1995", "--json").json()["film"]["id"] == "heat-1995"


def test_rm_of_a_films_only_viewing_makes_it_unseen_and_puts_the_watchlist_entry_back(cli, journal):
    ok(cli("watchlist", "add", "Heat", "--year", "1995", "--note", "Sam says: the diner"))
    entry = stored(journal)["watchlist"]["heat-1995"]
    added = ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    assert "off your watchlist" in added.stderr
    data = stored(journal)
    assert data["watchlist"] == {}
    assert data["films"]["heat-1995"]["seen"] is True
    assert data["watches"]["1"]["watchlist"] == {"added": entry["added"], "note": entry["note"]}
    ok(cli("rm", "1", "--yes"))
    data = stored(journal)
    assert data["watchlist"] == {"heat-1995": entry}
    assert data["films"]["heat-1995"]["seen"] is False


def test_moving_a_viewing_away_and_back_works_its_flags_out_again(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-02-01"))
    ok(cli("add", "Alien", "--on", "2024-03-01"))
    ok(cli("edit", "1", "--title", "Alien"))
    data = stored(journal)
    assert [data["watches"][i]["rewatch"] for i in "123"] == [False, False, True]
    ok(cli("edit", "1", "--title", "Heat (1995)"))
    data = stored(journal)
    assert [data["watches"][i]["rewatch"] for i in "123"] == [False, True, False]
    ok(cli("rm", "1", "--yes"))
    ok(cli("rm", "2", "--yes"))
    assert stored(journal)["films"]["heat-1995"]["seen"] is False


def test_undo_takes_back_the_last_change_and_again_the_one_before(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-02-01", "--tag", "35mm"))
    ok(cli("rm", "1", "--yes"))
    assert list(stored(journal)["watches"]) == ["2"]
    refused = cli("undo")
    assert refused.code == 2 and "pass --yes" in refused.stderr
    first = ok(cli("undo", "--yes"))
    assert "bring back 1 viewing: #1" in first.stderr
    data = stored(journal)
    assert sorted(data["watches"]) == ["1", "2"]
    assert data["watches"]["2"]["rewatch"] is True
    ok(cli("undo", "--yes"))
    assert list(stored(journal)["watches"]) == ["1"]
    # The first change made the journal: there is nothing before it to go back to.
    assert cli("undo", "--yes").code == 1
    # A change after an undo is the one the next undo takes back.
    ok(cli("add", "Alien", "--on", "2024-03-01"))
    ok(cli("undo", "--yes"))
    data = stored(journal)
    assert (list(data["watches"]), list(data["films"])) == (["1"], ["heat-1995"])
    # Ids given out are never given out again, even after an undo.
    assert ok(cli("add", "Alien", "--on", "2024-03-02", "--json")).json()["id"] == 4


def test_undo_refuses_when_the_journal_changed_behind_filmlogs_back(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("add", "Alien", "--on", "2024-03-01"))
    ok(cli("restore", "--yes"))
    refused = cli("undo", "--yes")
    assert refused.code == 1
    assert refused.stderr.startswith("error: nothing to undo")


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Film 9", "--year", "2000"),
        ("add", "Heat 2"),
        ("watchlist", "add", "Heat 3"),
        ("film", "set", "Film 10", "--new", "--genre", "Drama"),
    ],
    ids=" ".join,
)
def test_a_new_sequel_is_not_called_a_typo_of_the_film_before_it(cli, journal, args):
    ok(cli("add", "Film 8", "--year", "2000", "--on", "2024-01-01"))
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-02"))
    result = ok(cli(*args))
    assert "did you mean" not in result.stderr


def test_a_new_film_that_is_a_typo_still_gets_its_note(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-02"))
    result = ok(cli("add", "Heet", "--new"))
    assert result.stderr == "note: Heet is new to the journal (did you mean Heat (1995)?)\n"


def test_undo_names_films_and_watchlist_entries_by_title(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    ok(cli("watchlist", "add", "Stalker", "--year", "1979"))
    result = cli("undo")  # no terminal: says on stderr what it would do, wants --yes
    assert "remove 1 film: Stalker (1979)" in result.stderr
    assert "remove 1 watchlist entry: Stalker (1979)" in result.stderr


def test_undo_of_the_change_that_made_the_journal_says_so(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-01-01"))
    before = journal.read_bytes()
    refused = cli("undo", "--yes")
    assert refused.code == 1
    assert refused.stderr.startswith("error: nothing to undo: the last change created the journal")
    assert "'filmlog rm'" in refused.stderr
    assert journal.read_bytes() == before


def test_edit_adds_tags_and_people_and_remove_and_clear_take_them_off(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01", "--tag", "heist"))
    out = ok(cli("edit", "1", "--tag", "rewatch-worthy", "--with", "Sam")).stdout
    assert "  tags: heist → heist, rewatch-worthy\n" in out
    assert "  with: none → Sam\n" in out
    ok(cli("edit", "1", "--tag", "neo-noir, 35mm", "--with", "Kim"))
    watch = stored(journal)["watches"]["1"]
    assert watch["tags"] == ["heist", "rewatch-worthy", "neo-noir", "35mm"]
    assert watch["with"] == ["Sam", "Kim"]
    ok(cli("edit", "1", "--remove", "tag=35mm", "--remove", "with=sam"))
    watch = stored(journal)["watches"]["1"]
    assert (watch["tags"], watch["with"]) == (["heist", "rewatch-worthy", "neo-noir"], ["Kim"])
    missing = cli("edit", "1", "--remove", "tag=comedy")
    assert missing.code == 1
    assert missing.stderr == (
        "error: viewing #1 has no tag 'comedy' (it has: heist, rewatch-worthy, neo-noir)\n"
    )
    assert cli("edit", "1", "--remove", "rating=4").code == 2
    assert cli("edit", "1", "--remove", "tag").code == 2
    ok(cli("edit", "1", "--clear", "tags", "--tag", "noir", "--clear", "with"))
    watch = stored(journal)["watches"]["1"]
    assert (watch["tags"], watch["with"]) == (["noir"], [])


def test_add_splits_tags_at_commas(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--tag", "neo-noir, 35mm", "--tag", "Heist"))
    assert stored(journal)["watches"]["1"]["tags"] == ["neo-noir", "35mm", "Heist"]


def test_film_rm_refuses_while_viewings_or_discs_point_to_it_and_asks_first(cli, journal):
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    ok(cli("disc", "add", "Heat", "--format", "blu-ray"))
    refused = cli("film", "rm", "Heat", "--yes")
    assert refused.code == 1
    assert refused.stderr == (
        "error: Heat (1995) has 1 viewing and 1 disc; nothing deleted "
        "(--with-viewings and --with-discs to delete them with the film)\n"
    )
    unasked = cli("film", "rm", "Heat", "--with-viewings", "--with-discs")
    assert unasked.code == 2
    data = stored(journal)
    assert (list(data["films"]), len(data["watches"]), len(data["discs"])) == (["heat-1995"], 1, 1)


def test_film_rm_takes_its_viewings_and_own_discs_and_leaves_no_dangling_reference(
    cli, journal, monkeypatch
):
    from filmlog.cli import asking

    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    ok(cli("add", "Thief", "--on", "2024-05-02"))
    ok(cli("watchlist", "add", "Collateral"))
    ok(cli("disc", "add", "Heat", "--format", "blu-ray"))
    ok(cli("disc", "add", "Heat", "--format", "dvd"))
    ok(cli("disc", "edit", "2", "--film", "Thief"))
    ok(cli("edit", "2", "--disc", "2"))
    ok(cli("film", "set", "Thief", "--see-also", "Heat (1995)", "--see-also", "Collateral"))
    asked: list[str] = []
    monkeypatch.setattr(asking, "interactive", lambda: True)
    monkeypatch.setattr(asking, "confirm", lambda q: asked.append(q) or True)
    done = ok(cli("film", "rm", "Heat", "--with-viewings", "--with-discs"))
    assert asked == [
        "Delete Heat (1995) and its 1 viewing and 1 disc; "
        "dropped from 1 disc holding other films, out of the see-also of 1 film?"
    ]
    assert done.stderr.startswith("Deleted Heat (1995) and its 1 viewing and 1 disc")
    ok(cli("film", "rm", "Collateral"))
    data = stored(journal)
    assert list(data["films"]) == ["thief"]
    assert data["films"]["thief"].get("see_also", []) == []
    assert list(data["discs"]) == ["2"] and data["discs"]["2"]["films"] == ["thief"]
    assert [(w["film"], w.get("disc")) for w in data["watches"].values()] == [("thief", 2)]
    assert data["watchlist"] == {}
    assert {"heat-1995", "collateral"} <= set(data["_meta"]["1"]["retired_films"])
    ok(cli("add", "Heat", "--year", "1995", "--new"))
    assert "heat-1995" not in stored(journal)["films"]


READS = (
    ("diary",),
    ("show", "Heat"),
    ("film", "list"),
    ("stats",),
    ("search", "heat"),
    ("watchlist", "list"),
    ("disc", "list"),
)


def test_reads_of_a_journal_that_does_not_exist_say_which_journal_they_read(cli, journal):
    said = (
        f"error: journal {journal} does not exist yet "
        "(see 'filmlog path'; 'filmlog add' starts it)\n"
    )
    for args in READS:
        for json in ((), ("--json",)):
            result = cli(*args, *json)
            assert (result.code, result.stdout, result.stderr) == (1, "", said), args
    assert not journal.exists()


def test_an_empty_diary_says_no_viewings_yet_and_a_filtered_one_no_viewings_match(
    cli, empty_journal
):
    assert ok(cli("diary")).stderr == "no viewings yet\n"
    assert ok(cli("diary", "--json")).json() == []
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    assert ok(cli("diary", "--tag", "noir")).stderr == "no viewings match\n"


def _csv(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_refuses_a_future_day_as_add_does(cli, journal, tmp_path):
    import datetime as dt

    soon = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    header = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
    folder = tmp_path / "lbx"
    _csv(
        folder / "diary.csv",
        [
            header,
            f"2024-01-03,Heat,1995,https://boxd.it/a1,4,,,{soon}",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,1850-01-01",
        ],
    )
    refused = cli("import", "letterboxd", str(folder))
    assert refused.code == 2
    assert refused.stderr.splitlines()[:2] == [
        f"diary.csv:2: Watched Date {soon} is in the future",
        "diary.csv:3: Watched Date 1850-01-01 is before 1870",
    ]
    assert not journal.exists()
    every = cli("import", "letterboxd", str(folder), "--skip-bad")
    assert every.code == 1
    assert every.stderr.splitlines()[-1] == (
        "error: every row was bad (2 bad rows); nothing was imported"
    )
    assert not journal.exists() or stored(journal)["watches"] == {}
    imdb = _csv(
        tmp_path / "ratings.csv",
        [
            "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
            "Genres,Num Votes,Release Date,Directors",
            f"tt0113277,8,{soon},Heat,,movie,,,1995,,,,",
            "tt0089881,9,2020-01-01,Ran,,movie,,,1985,,,,",
        ],
    )
    some = cli("import", "imdb", str(imdb), "--skip-bad")
    assert some.code == 0, some.stderr
    assert some.stderr == f"ratings.csv:2: Date Rated {soon} is in the future\n"
    assert list(stored(journal)["films"]) == ["ran-1985"]


def test_a_second_log_of_a_film_on_the_same_day_is_noted_or_asked_about(cli, journal, monkeypatch):
    from filmlog.cli import asking

    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    again = ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    assert "note: Heat (1995) is already logged on 2024-05-01 (#1); logged it again as #2" in (
        again.stderr
    )
    asked: list[str] = []
    monkeypatch.setattr(asking, "interactive", lambda: True)
    # Asked as every yes/no question is (Rich's Confirm: "[y/n] (n)"), no by default.
    monkeypatch.setattr(asking, "confirm", lambda q: asked.append(q) or False)
    refused = cli("add", "Heat", "--year", "1995", "--on", "2024-05-01")
    assert (refused.code, refused.stderr) == (1, "error: nothing logged\n")
    assert asked == ["Heat (1995) is already logged on 2024-05-01 (#2). Log it again?"]
    monkeypatch.setattr(asking, "confirm", lambda q: True)
    yes = ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-01"))
    assert "already logged" not in yes.stderr
    ok(cli("add", "Heat", "--year", "1995", "--on", "2024-05-02"))
    assert len(stored(journal)["watches"]) == 4


def test_film_rm_takes_the_film_out_of_every_list(cli, journal):
    for title, year in (("Heat", "1995"), ("Thief", "1981"), ("Ran", "1985")):
        assert cli("watchlist", "add", title, "--year", year).code == 0
    assert cli("list", "new", "Mann", "--ranked").code == 0
    for title in ("Heat", "Thief", "Ran"):
        assert cli("list", "add", "Mann", title).code == 0
    result = cli("film", "rm", "Thief", "--yes")
    assert result.code == 0, result.stderr
    entries = stored(journal)["lists"]["mann"]["entries"]
    assert [(e["film"], e["position"]) for e in entries] == [("heat-1995", 1), ("ran-1985", 2)]
    assert cli("doctor").code == 0
