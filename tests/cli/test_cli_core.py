"""add, show, diary, edit, rm, path, --version and --db through the real CLI and journal."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from filmlog import __version__
from filmlog import journal as jn
from filmlog.cli import asking
from filmlog.models import Disc, Film, WatchlistItem
from filmlog.store import Store
from tests.helpers import invoke, run_process, stored

WATCH_KEYS = {
    "id", "film", "date", "logged", "rating", "medium", "where", "with", "tags", "rewatch",
    "liked", "dnf", "spoilers", "review", "disc", "source", "rewatch_given", "watchlist",
}  # fmt: skip
FILM_KEYS = {
    "id", "title", "year", "aka", "directors", "writers", "cast", "composers",
    "cinematographers", "based_on", "genres", "runtime", "certificate", "countries",
    "synopsis", "ids", "liked", "rating", "seen", "kind", "see_also", "notes", "seen_given",
    "rated",
}  # fmt: skip
DISC_KEYS = {
    "id", "films", "format", "edition", "label", "region", "released", "discs", "certificate",
    "packaging", "video", "audio", "scores", "extras", "pros", "cons", "verdict", "notes",
    "purchased",
}  # fmt: skip
ODD_TITLES = [
    "Heat [/] x",
    "[REC]²",
    "Salò, or the 120 Days of Sodom",
    "8½",
    "🎬 [bold]Films[/] :smile:",
]


def snapshot(path):
    return path.read_bytes() if path.exists() else None


def today() -> dt.date:
    return dt.date.today()


def assert_refused(result, code, *fragments):
    assert result.code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr


# --------------------------------------------------------------------------- add


def test_add_with_every_option(cli, journal, tmp_path):
    with Store.transaction(journal) as s:
        disc = s.add_disc(Disc(id=0, format="Blu-ray", label="Arrow"))
    result = cli(
        "add", "Leaving Las Vegas", "--year", "1995", "--on", "2024-03-01", "--rating", "4½",
        "--medium", "bluray", "--where", "Prince Charles Cinema", "--with", "Sam",
        "--with", "Alex", "--with", "Sam", "--tag", "35mm", "--tag", "cage", "--first",
        "--like", "--dnf", "--spoilers", "--review", "## Ben\n\nA *great* turn.",
        "--disc", str(disc.id), "--json",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    saved = result.json()
    data = stored(journal)
    assert saved == data["watches"]["1"]
    assert set(saved) == WATCH_KEYS
    assert saved | {"logged": None} == {
        "id": 1,
        "film": "leaving-las-vegas-1995",
        "date": "2024-03-01",
        "logged": None,
        "rating": 4.5,
        "medium": "blu-ray",
        "where": "Prince Charles Cinema",
        "with": ["Sam", "Alex"],
        "tags": ["35mm", "cage"],
        "rewatch": False,
        "liked": True,
        "dnf": True,
        "spoilers": True,
        "review": "## Ben\n\nA *great* turn.",
        "disc": disc.id,
        "source": None,
        "rewatch_given": True,
        "watchlist": None,
    }
    assert dt.datetime.fromisoformat(saved["logged"]).tzinfo is not None
    film = data["films"]["leaving-las-vegas-1995"]
    assert (film["title"], film["year"], film["liked"], film["seen"]) == (
        "Leaving Las Vegas",
        1995,
        True,
        True,
    )
    assert data["discs"][str(disc.id)]["films"] == ["leaving-las-vegas-1995"]


def test_add_prints_the_new_id_and_defaults_to_today(cli, journal):
    result = cli("add", "Heat", "--year", "1995")
    assert result.code == 0
    assert result.stdout == f"Logged #1: Heat (1995) on {today().isoformat()}  new film\n"
    assert result.stderr == ""
    assert stored(journal)["watches"]["1"]["date"] == today().isoformat()


@pytest.mark.parametrize(
    ("typed", "rating"),
    [("4", 4), ("4.5", 4.5), ("4½", 4.5), ("★★★★½", 4.5), ("½", 0.5), ("9/10", 4.5),
     ("7/10", 3.5), ("4/5", 4)],
)  # fmt: skip
def test_add_rating_grammar(cli, journal, typed, rating):
    result = cli("add", "Heat", "--rating", typed, "--json")
    assert result.code == 0, result.stderr
    assert result.json()["rating"] == rating


@pytest.mark.parametrize("typed", ["0", "5.5", "4.3", "11/10", "abc", "", "-1"])
def test_add_refuses_ratings_outside_the_grammar(cli, journal, typed):
    result = cli("add", "Heat", "--rating", typed)
    assert_refused(result, 2, "is not a rating", "4.5, 4½, ★★★★½, 9/10")
    assert not journal.exists()


@pytest.mark.parametrize(
    ("typed", "days_back"),
    [("today", 0), ("yesterday", 1), ("3 days ago", 3), ("1 day ago", 1)],
)
def test_add_relative_dates(cli, journal, typed, days_back):
    result = cli("add", "Heat", "--on", typed, "--json")
    assert result.json()["date"] == (today() - dt.timedelta(days=days_back)).isoformat()


@pytest.mark.parametrize("name", ["monday", "Friday", "sun"])
def test_add_weekday_is_the_most_recent_past_one(cli, journal, name):
    day = dt.date.fromisoformat(cli("add", "Heat", "--on", name, "--json").json()["date"])
    assert 1 <= (today() - day).days <= 7
    assert day.strftime("%A").casefold().startswith(name.casefold())


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2024-02-30", "not a real day"),
        ("tomorrow", "not a date"),
        ("next friday", "not a date"),
        ("in 3 days", "not a date"),
        ("2999-01-01", "in the future"),
        ("1066-10-14", "before 1870"),
        ("999999 days ago", "before 1870"),
        ("", "not a date"),
    ],
)
def test_add_refuses_dates_outside_the_grammar(cli, journal, typed, said):
    cli("add", "Heat", "--on", "2024-01-01")
    before = snapshot(journal)
    result = cli("add", "Heat", "--on", typed)
    assert_refused(result, 2, said)
    if said in ("not a date", "not a real day"):
        assert "YYYY-MM-DD, today, yesterday, 'N days ago'" in result.stderr
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--medium", "laserdisc"), "use one of cinema, blu-ray"),
        (("--year", "0"), "use four digits"),
        (("--year", "abc"), "'abc' is not a valid int"),
        (("--disc", "abc"), "'abc' is not an id"),
        (("--review", "x", "--review-file", "y"), "--review and --review-file both give"),
        (("--bogus",), "No such option: --bogus"),
    ],
)
def test_add_refuses_bad_options_with_exit_2(cli, journal, args, said):
    result = cli("add", "Heat", *args)
    assert_refused(result, 2, said)
    assert not journal.exists()


@pytest.mark.parametrize("title", ["", "   ", "?!"])
def test_add_refuses_a_title_without_letters(cli, journal, title):
    assert_refused(cli("add", title), 2, "a title needs at least one letter or digit")
    assert not journal.exists()


def test_add_missing_disc_or_review_file_is_exit_1(cli, journal, tmp_path):
    assert_refused(cli("add", "Heat", "--disc", "5"), 1, "no disc #5")
    assert_refused(cli("add", "Heat", "--review-file", str(tmp_path / "no.md")), 1, "cannot read")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("Salò".encode("latin-1"))
    assert_refused(cli("add", "Heat", "--review-file", str(latin1)), 2, "is not UTF-8 text")
    assert not journal.exists()


def test_add_refuses_text_that_is_not_utf8(cli, journal):
    assert_refused(cli("add", "Heat\udcff"), 2, "is not UTF-8 text")
    assert_refused(cli("add", "Heat", "--where", "Od\udce9on"), 2, "is not UTF-8 text")
    assert not journal.exists()


def test_add_review_from_a_file_and_from_stdin(cli, journal, tmp_path):
    review = tmp_path / "review.md"
    review.write_text("# Long essay\r\n\r\nOn *one* performance.\n\n", encoding="utf-8")
    first = cli("add", "Heat", "--review-file", str(review), "--json")
    assert first.json()["review"] == "# Long essay\n\nOn *one* performance."
    second = cli("add", "Heat", "--review-file", "-", "--json", input="Piped **in**.\n")
    assert second.json()["review"] == "Piped **in**."
    empty = cli("add", "Heat", "--review-file", "-", "--json", input="\n  \n")
    assert empty.json()["review"] is None
    review.write_bytes("\ufeffWith a byte-order mark.".encode())
    assert cli("add", "Heat", "--review-file", str(review), "--json").json()["review"] == (
        "With a byte-order mark."
    )


def test_add_review_from_stdin_that_is_not_utf8(cli, journal):
    before = snapshot(journal)
    result = invoke(["add", "Heat", "--review-file", "-"], input="Salò".encode("latin-1"))
    assert_refused(result, 2, "the text on stdin is not UTF-8")
    assert snapshot(journal) == before


def test_add_cleans_text_to_one_line(cli, journal):
    result = cli(
        "add", "The\tThing\x1b[31m", "--where", " Home\ncinema ", "--with", "Sam\x07",
        "--tag", " a  b ", "--tag", "", "--json",
    )  # fmt: skip
    saved = result.json()
    assert (saved["where"], saved["with"], saved["tags"]) == ("Home cinema", ["Sam"], ["a b"])
    assert stored(journal)["films"][saved["film"]]["title"] == "The Thing"


def test_title_with_year_and_conflicting_year_option(cli, journal):
    assert cli("add", "Heat (1995)", "--json").json()["film"] == "heat-1995"
    assert cli("add", "heat", "--year", "1995", "--json").json()["film"] == "heat-1995"
    before = snapshot(journal)
    assert_refused(cli("add", "Heat (1995)", "--year", "1996"), 2, "says 1995 but --year says 1996")
    assert snapshot(journal) == before


def test_rewatch_is_derived_from_earlier_viewings_unless_given(cli, journal):
    def rewatch(*args):
        return cli("add", "Heat", "--year", "1995", *args, "--json").json()["rewatch"]

    assert rewatch("--on", "2024-05-01") is False
    assert rewatch("--on", "2024-06-01") is True
    assert rewatch("--on", "2024-05-01") is True  # the same day again
    assert rewatch("--on", "2020-01-01") is False  # an older viewing logged late
    assert rewatch("--on", "2024-07-01", "--first") is False
    assert cli("add", "Alien", "--rewatch", "--json").json()["rewatch"] is True


def test_a_film_seen_without_a_dated_viewing_makes_the_first_one_a_rewatch(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979, seen=True))
    assert cli("add", "Alien", "--json").json()["rewatch"] is True


def test_a_newer_rated_viewing_updates_a_rating_kept_on_the_film(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979, rating=3.0, seen=True))
    cli("add", "Alien", "--on", "2024-05-01", "--rating", "5")
    assert stored(journal)["films"]["alien-1979"]["rating"] == 5
    cli("add", "Alien", "--on", "2020-01-01", "--rating", "1")  # older: kept
    cli("add", "Alien", "--on", "2024-06-01")  # unrated: kept
    assert stored(journal)["films"]["alien-1979"]["rating"] == 5
    assert cli("show", "alien", "--json").json()["film"]["rating"] == 5


def test_logging_a_film_takes_it_off_the_watchlist(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979))
        s.save_watchlist_items([WatchlistItem("alien-1979", dt.date(2024, 1, 1))])
    assert cli("add", "alien").code == 0
    assert stored(journal)["watchlist"] == {}


def test_watch_ids_are_never_reused_even_after_removing_the_newest(cli, journal):
    for _ in range(3):
        cli("add", "Heat")
    assert cli("rm", "3", "--yes").code == 0
    assert cli("add", "Heat", "--json").json()["id"] == 4
    assert sorted(stored(journal)["watches"], key=int) == ["1", "2", "4"]


def test_film_ids_are_slugs_of_title_and_year_and_unique(cli, journal):
    assert cli("add", "Leaving Las Vegas", "--year", "1995", "--json").json()["film"] == (
        "leaving-las-vegas-1995"
    )
    assert cli("add", "Mr. & Mrs. Smith", "--year", "2005", "--json").json()["film"] == (
        "mr-mrs-smith-2005"
    )
    # Another title (no "and") with the same slug gets its own id.
    assert cli("add", "Mr Mrs Smith", "--year", "2005", "--json").json()["film"] == (
        "mr-mrs-smith-2005-2"
    )
    assert cli("add", "Paris, Texas", "--json").json()["film"] == "paris-texas"


@pytest.mark.parametrize("title", ODD_TITLES)
def test_odd_titles_print_literally(cli, journal, title):
    added = cli("add", title, "--year", "2000", "--on", "2024-01-01", "--rating", "4")
    assert added.code == 0, added.stderr
    assert added.stdout.startswith(f"Logged #1: {title} (2000) on 2024-01-01")
    shown = cli("show", title)
    assert shown.code == 0, shown.stderr
    assert f"{title} (2000)" in shown.stdout
    diary = cli("diary")
    assert f"{title} (2000)" in diary.stdout
    assert cli("show", title, "--json").json()["film"]["title"] == title


# --------------------------------------------------------------------------- show


@pytest.fixture
def vegas(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(
            Film(
                id="leaving-las-vegas-1995",
                title="Leaving Las Vegas",
                year=1995,
                directors=("Mike Figgis",),
                runtime=111,
                genres=("Drama",),
            )
        )
        disc = s.add_disc(
            Disc(id=0, films=("leaving-las-vegas-1995",), format="Blu-ray", label="Arrow")
        )
    cli("add", "leaving las vegas", "--on", "2023-02-01", "--rating", "4", "--medium", "dvd")
    cli(
        "add", "Leaving Las Vegas", "--on", "2024-03-01", "--rating", "9/10", "--where", "BFI",
        "--with", "Sam", "--tag", "cage", "--disc", str(disc.id), "--spoilers",
        "--review", "## Ben Sanderson\n\nCage is *extraordinary*. [bold]x[/bold]\n\n- one\n- two",
    )  # fmt: skip
    return disc


def test_show_is_a_page_of_facts_rating_viewings_and_reviews(cli, vegas):
    result = cli("show", "leaving las vegas")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "Leaving Las Vegas (1995)" in out
    assert "★★★★½  4.5/5" in out
    assert "seen 2 times, first 2023-02-01, last 2024-03-01; average 4.25" in out
    assert "Directed by" in out and "Mike Figgis" in out
    assert "111 min" in out
    for fragment in ("2023-02-01", "★★★★", "dvd", "2024-03-01", "BFI", "Sam", "cage"):
        assert fragment in out
    assert f"Disc #{vegas.id}" in out
    # The review is rendered as Markdown: no heading marks or asterisks, Rich markup literal.
    assert "Review, 2024-03-01" in out
    assert "(spoilers)" in out
    assert "Ben Sanderson" in out and "## Ben" not in out
    assert "Cage is extraordinary." in out and "*extraordinary*" not in out
    assert "[bold]x[/bold]" in out
    assert "• one" in out


def test_show_json_matches_the_spec(cli, vegas):
    data = cli("show", "Leaving Las Vegas", "--json").json()
    assert set(data) == {"film", "watches", "discs", "summary"}
    assert set(data["film"]) == FILM_KEYS
    assert data["film"]["rating"] == 4.5  # the latest viewing's, as none is set on the film
    assert [set(w) for w in data["watches"]] == [WATCH_KEYS, WATCH_KEYS]
    assert [w["date"] for w in data["watches"]] == ["2023-02-01", "2024-03-01"]
    assert [set(d) for d in data["discs"]] == [DISC_KEYS]
    assert data["summary"] == {
        "watches": 2,
        "average_rating": 4.25,
        "last_rating": 4.5,
        "first_watched": "2023-02-01",
        "last_watched": "2024-03-01",
    }


def test_show_json_of_a_film_never_seen(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979))
    data = cli("show", "alien", "--json").json()
    assert data["watches"] == [] and data["discs"] == []
    assert data["summary"] == {
        "watches": 0,
        "average_rating": None,
        "last_rating": None,
        "first_watched": None,
        "last_watched": None,
    }
    assert "not seen yet" in cli("show", "alien").stdout


def test_show_of_an_unknown_film_is_exit_1(cli, empty_journal):
    before = empty_journal.read_bytes()
    assert_refused(cli("show", "Heat"), 1, "no film called 'Heat'")
    assert empty_journal.read_bytes() == before


# --------------------------------------------------------------------------- diary


@pytest.fixture
def diary_journal(cli):
    entries = [
        ("Heat (1995)", "2023-12-31", "3", "dvd", ["a"]),
        ("Alien (1979)", "2024-01-15", "4.5", "cinema", ["a", "b"]),
        ("Heat (1995)", "2024-06-01", "5", "blu-ray", ["B"]),
        ("Amélie (2001)", "2024-12-31", None, "streaming", []),
    ]
    for title, day, rating, medium, tags in entries:
        args = ["add", title, "--on", day, "--medium", medium]
        args += ["--rating", rating] if rating else []
        for tag in tags:
            args += ["--tag", tag]
        assert cli(*args).code == 0


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ((), [4, 3, 2, 1]),
        (("--from", "2024-01-01"), [4, 3, 2]),
        (("--to", "2024-01-15"), [2, 1]),
        (("--from", "2024-01-15", "--to", "2024-06-01"), [3, 2]),
        (("--year", "2024"), [4, 3, 2]),
        (("--year", "2023"), [1]),
        (("--year", "2024", "--to", "2024-05-01"), [2]),
        (("--tag", "b"), [3, 2]),
        (("--tag", "A", "--tag", "b"), [2]),
        (("--medium", "bluray"), [3]),
        (("--min-rating", "4"), [3, 2]),
        (("--min-rating", "9/10"), [3, 2]),
        (("--min-rating", "★★★★★"), [3]),
        (("--limit", "2"), [4, 3]),
        (("--tag", "a", "--limit", "1"), [2]),
        (("--year", "1999"), []),
    ],
)
def test_diary_filters(cli, diary_journal, args, ids):
    result = cli("diary", *args, "--json")
    assert result.code == 0, result.stderr
    assert [w["id"] for w in result.json()] == ids


def test_diary_json_is_watches_with_title_and_year(cli, diary_journal):
    rows = cli("diary", "--json").json()
    assert all(set(row) == WATCH_KEYS | {"title", "year"} for row in rows)
    assert (rows[0]["title"], rows[0]["year"], rows[0]["film"]) == ("Amélie", 2001, "amelie-2001")


def test_diary_table(cli, diary_journal):
    result = cli("diary")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "Date", "Film", "Rating", "Where", "Tags"]
    assert lines[2].split()[:4] == ["4", "2024-12-31", "Amélie", "(2001)"]
    assert "★★★★★ ↻" in lines[3]  # the second Heat is a rewatch
    assert len(lines) == 2 + 4


def test_a_long_diary_on_a_terminal_is_cut_and_says_how_many_rows_it_hid(
    cli, diary_journal, monkeypatch
):
    from filmlog.cli import diary

    monkeypatch.setattr(diary.common, "TTY_ROWS", 3)
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, with NO_COLOR set: no styles
    out = cli("diary").stdout
    assert "Alien" in out and "2023-12-31" not in out
    assert "… 1 more; use --limit or filters to see them" in out
    assert "2023-12-31" in cli("diary", "--limit", "4").stdout  # an explicit limit is obeyed


def test_diary_with_nothing_to_show_says_so_and_succeeds(cli, diary_journal):
    result = cli("diary", "--year", "1999")
    assert (result.code, result.stdout, result.stderr) == (0, "", "no viewings match\n")
    assert cli("diary", "--year", "1999", "--json").stdout == "[]\n"


@pytest.mark.parametrize(
    "args",
    [("--from", "soon"), ("--to", "2024-02-30"), ("--year", "0"), ("--min-rating", "6"),
     ("--medium", "laserdisc"), ("--limit", "0"), ("--year", "abc")],
)  # fmt: skip
def test_diary_refuses_bad_filters(cli, diary_journal, args):
    assert_refused(cli("diary", *args), 2)


# --------------------------------------------------------------------------- edit


@pytest.fixture
def one_viewing(cli, journal):
    assert cli("add", "Heat", "--year", "1995", "--on", "2024-05-01", "--rating", "3").code == 0
    return journal


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (("--on", "2024-04-30"), "date", "2024-04-30"),
        (("--rating", "★★★★½"), "rating", 4.5),
        (("--medium", "4k"), "medium", "uhd"),
        (("--where", "BFI"), "where", "BFI"),
        (("--with", "Sam", "--with", "Alex"), "with", ["Sam", "Alex"]),
        (("--tag", "x", "--tag", "y"), "tags", ["x", "y"]),
        (("--rewatch",), "rewatch", True),
        (("--like",), "liked", True),
        (("--dnf",), "dnf", True),
        (("--spoilers",), "spoilers", True),
        (("--review", "Better *second* time."), "review", "Better *second* time."),
    ],
)
def test_edit_changes_only_what_is_given(cli, one_viewing, args, field, value):
    before = stored(one_viewing)["watches"]["1"]
    result = cli("edit", "1", *args, "--json")
    assert result.code == 0, result.stderr
    after = stored(one_viewing)["watches"]["1"]
    assert result.json() == after
    assert after[field] == value
    # A flag given by hand is recorded as the user's word.
    also = {field, "rewatch_given"} if field == "rewatch" else {field}
    assert after.get("rewatch_given", False) is (field == "rewatch")
    assert {k: v for k, v in after.items() if k not in also} == {
        k: v for k, v in before.items() if k not in also
    }


@pytest.mark.parametrize(
    "args",
    [
        ("edit", "1", "--rating", "3"),
        ("edit", "1", "--on", "2024-05-01", "--dnf"),
        ("film", "set", "Heat", "--year", "1995", "--new-year", "1995"),
    ],
    ids=" ".join,
)
def test_a_change_to_what_is_already_there_writes_nothing(cli, one_viewing, args):
    # No new file, no backup, no step for undo: the next undo takes back the real change.
    cli("edit", "1", "--dnf")
    before = one_viewing.read_bytes()
    backups = sorted(p.name for p in one_viewing.with_name(one_viewing.name + ".backups").iterdir())
    result = cli(*args)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(("No change to #1: Heat (1995)", "Nothing changed: Heat"))
    assert one_viewing.read_bytes() == before
    after = sorted(p.name for p in one_viewing.with_name(one_viewing.name + ".backups").iterdir())
    assert after == backups
    assert cli("undo", "--yes").code == 0
    assert stored(one_viewing)["watches"]["1"].get("dnf", False) is False


def test_edit_flags_turn_off_again(cli, one_viewing):
    cli("edit", "1", "--rewatch", "--like", "--dnf", "--spoilers")
    saved = cli("edit", "1", "--first", "--no-like", "--finished", "--no-spoilers", "--json").json()
    assert [saved[k] for k in ("rewatch", "liked", "dnf", "spoilers")] == [False] * 4


def test_edit_like_likes_the_film_as_add_does(cli, one_viewing):
    cli("edit", "1", "--like")
    assert stored(one_viewing)["films"]["heat-1995"]["liked"] is True


def test_edit_review_file_and_disc(cli, one_viewing, tmp_path):
    with Store.transaction(one_viewing) as s:
        disc = s.add_disc(Disc(id=0, format="UHD"))
    review = tmp_path / "r.md"
    review.write_text("From a file.\n", encoding="utf-8")
    saved = cli("edit", "1", "--review-file", str(review), "--disc", str(disc.id), "--json").json()
    assert (saved["review"], saved["disc"]) == ("From a file.", disc.id)
    assert_refused(cli("edit", "1", "--disc", "99"), 1, "no disc #99")


def test_edit_clear_empties_fields(cli, one_viewing):
    cli("edit", "1", "--medium", "dvd", "--where", "BFI", "--with", "Sam", "--tag", "x")
    cli("edit", "1", "--review", "Words.")
    args = []
    for name in ("rating", "medium", "where", "with", "tags", "review"):
        args += ["--clear", name]
    saved = cli("edit", "1", *args, "--json").json()
    assert [saved[k] for k in ("rating", "medium", "where", "review", "disc")] == [None] * 5
    assert saved["with"] == [] and saved["tags"] == []
    assert_refused(cli("edit", "1", "--clear", "date"), 2, "--clear 'date' is not a field")
    before = snapshot(one_viewing)
    assert_refused(cli("edit", "1", "--rating", "4", "--clear", "rating"), 2, "contradict")
    assert_refused(cli("edit", "1", "--review", "x", "--clear", "review"), 2, "contradict")
    assert snapshot(one_viewing) == before


def test_edit_moves_a_viewing_to_another_film(cli, one_viewing):
    cli("add", "Heat", "--year", "1986", "--on", "2024-01-01")
    result = cli("edit", "1", "--title", "heat", "--year", "1986")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Updated #1: Heat (1986) on 2024-05-01")
    assert stored(one_viewing)["watches"]["1"]["film"] == "heat-1986"
    assert_refused(cli("edit", "1", "--title", "heat"), 1, "matches 2 films")
    assert_refused(cli("edit", "1", "--title", "Nothing Like It"), 1, "no film called")


def test_edit_errors_change_nothing(cli, one_viewing):
    before = snapshot(one_viewing)
    assert_refused(cli("edit", "1"), 2, "nothing to change")
    assert_refused(cli("edit", "9", "--rating", "4"), 1, "no viewing #9")
    assert_refused(cli("edit", "1", "--rating", "4.3"), 2, "is not a rating")
    assert_refused(cli("edit", "1", "--on", "tomorrow"), 2, "is not a date")
    assert_refused(cli("edit", "x", "--rating", "4"), 2, "'x' is not an id")
    assert snapshot(one_viewing) == before


# --------------------------------------------------------------------------- rm


def test_rm_with_yes_deletes(cli, one_viewing):
    result = cli("rm", "1", "--yes")
    assert result.code == 0
    assert result.stderr == "Deleted viewing #1 of Heat (1995) on 2024-05-01.\n"
    assert stored(one_viewing)["watches"] == {}


def test_rm_off_a_terminal_refuses_without_yes(cli, one_viewing):
    before = snapshot(one_viewing)
    assert_refused(cli("rm", "1"), 2, "without a terminal", "--yes")
    assert snapshot(one_viewing) == before


def test_rm_on_a_terminal_asks(cli, one_viewing, monkeypatch):
    monkeypatch.setattr(asking, "interactive", lambda: True)
    before = snapshot(one_viewing)
    declined = cli("rm", "1", input="n\n")
    assert declined.code == 1
    assert "Delete viewing #1 of Heat (1995) on 2024-05-01? [y/n] (n):" in declined.stderr
    assert "error: nothing deleted" in declined.stderr
    assert snapshot(one_viewing) == before
    accepted = cli("rm", "1", input="y\n")
    assert accepted.code == 0
    assert stored(one_viewing)["watches"] == {}


def test_rm_asks_before_locking_the_journal(cli, one_viewing, monkeypatch):
    from filmlog.store import journal_lock

    def confirm(question):
        with journal_lock(one_viewing, timeout=0):  # another filmlog could write meanwhile
            return True

    monkeypatch.setattr(asking, "confirm", confirm)
    assert cli("rm", "1").code == 0
    assert stored(one_viewing)["watches"] == {}


def test_rm_unknown_viewing_is_exit_1(cli, one_viewing):
    assert_refused(cli("rm", "2", "--yes"), 1, "no viewing #2")


# --------------------------------------------------------------------------- path, version, --db


def test_version(cli):
    assert cli("--version").stdout == f"filmlog {__version__}\n"
    process = run_process(["--version"])
    assert (process.returncode, process.stdout) == (0, f"filmlog {__version__}\n")


def test_path_names_the_journal_backups_drafts_and_lock(cli, journal):
    result = cli("path")
    assert result.stdout.splitlines() == [
        f"journal:  {journal}",
        f"backups:  {journal}.backups",
        f"drafts:   {journal}.drafts",
        f"lock:     {journal}.lock",
    ]
    data = cli("path", "--json").json()
    assert data == {
        "journal": str(journal),
        "backups": f"{journal}.backups",
        "drafts": f"{journal}.drafts",
        "lock": f"{journal}.lock",
        "exists": False,
    }


def test_db_option_wins_over_the_environment(cli, journal, tmp_path):
    other = tmp_path / "other" / "films.json"
    assert cli("--db", str(other), "add", "Heat").code == 0
    assert other.exists() and not journal.exists()
    assert cli("--db", str(other), "path", "--json").json()["journal"] == str(other)
    assert cli("add", "Alien").code == 0  # FILMLOG_DB
    assert list(stored(journal)["films"]) == ["alien"]
    assert list(stored(other)["films"]) == ["heat"]


def test_without_db_or_environment_the_user_data_folder_is_used(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("FILMLOG_DB")
    assert cli("path", "--json").json()["journal"] == str(
        tmp_path / "xdg" / "filmlog" / "journal.json"
    )


# --------------------------------------------------------------------------- errors


def test_an_unexpected_error_is_one_line_without_traceback(cli, journal, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(jn.viewings, "log_watch", broken)
    result = cli("add", "Heat")
    assert_refused(result, 1, "unexpected ZeroDivisionError", "FILMLOG_DEBUG=1")
    assert not journal.exists()


def test_ctrl_c_exits_130_and_changes_nothing(cli, one_viewing, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(jn.viewings, "log_watch", interrupted)
    before = snapshot(one_viewing)
    result = cli("add", "Heat")
    assert result.code == 130
    assert "Traceback" not in result.stderr
    assert snapshot(one_viewing) == before


def test_debug_lets_the_traceback_through(journal, monkeypatch):
    from filmlog.cli.app import run

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(jn.viewings, "log_watch", broken)
    monkeypatch.setenv("FILMLOG_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run(["add", "Heat"])


def test_a_real_process_prints_one_error_line(journal):
    process = run_process(["add", "Heat", "--rating", "4.3"])
    assert process.returncode == 2
    assert process.stderr.startswith("error: '4.3' is not a rating")
    assert process.stderr.count("\n") == 1
    assert not journal.exists()


def test_a_stored_title_cannot_break_the_error_line(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="a", title="Two\nLines\x1b[2J", year=2000))
        s.save_film(Film(id="b", title="two lines 2j", year=2001))
    result = cli("show", "two lines 2j")
    assert_refused(result, 1, "Two Lines (2000)")


def test_an_unreadable_journal_is_refused_and_left_alone(cli, journal):
    cli("add", "Heat")
    cli("add", "Heat")
    journal.write_bytes(b'{"_meta": {"1": {"schema": 1}}, "films": {')
    for args in (("add", "Heat"), ("show", "Heat"), ("diary",), ("edit", "1", "--rating", "4")):
        result = cli(*args)
        assert_refused(result, 1, str(journal), "newest backup", "not valid JSON")
    assert journal.read_bytes() == b'{"_meta": {"1": {"schema": 1}}, "films": {'


def test_json_output_is_plain(cli, diary_journal, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    out = cli("diary", "--json").stdout
    assert "\x1b" not in out
    assert json.loads(out)[0]["title"] == "Amélie"


def test_ids_are_taken_as_filmlog_prints_them(cli, journal):
    assert cli("add", "Heat", "--year", "1995", "--on", "2024-05-01").code == 0
    assert cli("disc", "add", "Heat", "--year", "1995", "--format", "Blu-ray").code == 0
    assert cli("edit", "#1", "--rating", "4", "--disc", "#1").code == 0
    assert cli("disc", "edit", "#1", "--label", "Arrow").code == 0
    watch = stored(journal)["watches"]["1"]
    assert (watch["rating"], watch["disc"]) == (4, 1)
    refused = cli("edit", "one", "--rating", "4")
    assert refused.code == 2 and "'one' is not an id" in refused.stderr
    assert cli("rm", "#1", "--yes").code == 0
    assert stored(journal)["watches"] == {}
