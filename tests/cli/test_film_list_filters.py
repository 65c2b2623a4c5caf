"""``filmlog film list``: seen films by default, filters, sort orders, table and JSON."""

from __future__ import annotations

import pytest

from tests.helpers import Result, stored


def ok(result: Result) -> Result:
    assert result.code == 0, result.stderr
    return result


@pytest.fixture
def films(cli, journal):
    """Seen: Heat (twice), Alien, Amélie; never seen: Thief; only on the watchlist: Ran."""
    for args in (
        ("add", "Heat", "--year", "1995", "--on", "2024-01-05", "--rating", "4"),
        ("add", "Heat", "--year", "1995", "--on", "2025-02-01", "--rating", "3"),
        ("add", "Alien", "--year", "1979", "--on", "2025-03-01", "--rating", "5"),
        ("add", "Amélie", "--year", "2001", "--on", "2023-01-01"),
        ("film", "set", "Heat (1995)", "--director", "Michael Mann", "--genre", "Crime"),
        ("film", "set", "Thief", "--year", "1981", "--director", "Michael Mann",
         "--genre", "crime", "--new"),
        ("film", "set", "Alien (1979)", "--director", "Ridley Scott", "--genre", "Science Fiction"),
        ("film", "set", "Amélie (2001)", "--genre", "Comedy", "--genre", "Romance"),
        ("watchlist", "add", "Ran", "--year", "1985"),
    ):  # fmt: skip
        ok(cli(*args))
    return journal


def listed(cli, *args: str) -> list[str]:
    return [f["title"] for f in ok(cli("film", "list", *args, "--json")).json()]


def table(cli, *args: str) -> list[str]:
    lines = ok(cli("film", "list", *args)).stdout.splitlines()
    assert lines[0].startswith("Film")
    return [line.split("  ")[0] for line in lines[2:]]


CASES = [
    ((), ["Alien", "Amélie", "Heat"]),
    (("--seen",), ["Alien", "Amélie", "Heat"]),
    (("--all",), ["Alien", "Amélie", "Heat", "Ran", "Thief"]),
    (("--unseen",), ["Ran", "Thief"]),
    (("--genre", "CRIME"), ["Heat"]),
    (("--genre", "crime", "--all"), ["Heat", "Thief"]),
    (("--genre", "science fiction"), ["Alien"]),
    (("--genre", "science"), []),
    (("--decade", "1990s"), ["Heat"]),
    (("--decade", "70s", "--all"), ["Alien"]),
    (("--decade", "2000s"), ["Amélie"]),
    (("--decade", "1980s", "--all"), ["Ran", "Thief"]),
    (("--director", "mann"), ["Heat"]),
    (("--director", "Michael Mann", "--unseen"), ["Thief"]),
    (("--sort", "year"), ["Alien", "Heat", "Amélie"]),
    (("--sort", "rating"), ["Alien", "Heat", "Amélie"]),
    (("--sort", "last-watched"), ["Alien", "Heat", "Amélie"]),
    (("--sort", "watches"), ["Heat", "Alien", "Amélie"]),
    (("--sort", "title", "--limit", "2"), ["Alien", "Amélie"]),
]


@pytest.mark.parametrize(("args", "wanted"), CASES, ids=[" ".join(a) or "-" for a, _ in CASES])
def test_filters_and_sorts_in_json_and_in_the_table(cli, films, args, wanted):
    assert listed(cli, *args) == wanted
    if wanted:
        assert table(cli, *args) == wanted
    else:
        result = ok(cli("film", "list", *args))
        assert result.stdout == "" and "no films match" in result.stderr


def test_rows_carry_their_viewings(cli, films):
    heat = next(f for f in ok(cli("film", "list", "--json")).json() if f["title"] == "Heat")
    assert (heat["watches"], heat["last_watched"], heat["average_rating"]) == (2, "2025-02-01", 3.5)
    assert heat["rating"] == 3  # the latest viewing's
    assert heat["directors"] == ["Michael Mann"] and heat["genres"] == ["Crime"]
    assert heat["cast"] == [] and heat["ids"] == {"imdb": None, "tmdb": None, "letterboxd": None}
    ran = next(f for f in ok(cli("film", "list", "--all", "--json")).json() if f["title"] == "Ran")
    assert (ran["watches"], ran["last_watched"], ran["rating"], ran["seen"]) == (
        0,
        None,
        None,
        False,
    )
    rows = ok(cli("film", "list", "--sort", "last-watched")).stdout.splitlines()[2:]
    assert "2025-02-01" in rows[1] and "3.5" in rows[1] and "★★★" in rows[1]


def test_a_film_seen_without_a_dated_viewing_is_seen(cli, films, journal):
    csv = journal.parent / "ratings.csv"
    csv.write_text(
        "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
        "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
        "tt0081505,9,2020-01-01,The Shining,The Shining,https://www.imdb.com/title/tt0081505/,"
        "Movie,8.4,146,1980,Horror,1000,1980-05-23,Stanley Kubrick\n",
        encoding="utf-8",
    )
    ok(cli("import", "imdb", str(csv)))
    assert "The Shining" in listed(cli)
    assert "The Shining" not in listed(cli, "--unseen")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sort", "mood"), "'mood' is not a sort order"),
        (("--decade", "1995"), "'1995' is not a decade"),
        (("--decade", "nineties"), "is not a decade"),
        (("--genre", "!!"), "--genre '!!' has nothing to match"),
        (("--director", ""), "has nothing to match"),
    ],
)
def test_bad_options_are_refused(cli, films, args, message):
    before = stored(films)
    for extra in ((), ("--json",)):
        result = cli("film", "list", *args, *extra)
        assert result.code == 2
        assert result.stdout == ""
        assert message in result.stderr and result.stderr.count("\n") == 1
    assert stored(films) == before


def test_an_empty_journal_says_how_to_start(cli, empty_journal):
    assert ok(cli("film", "list", "--all", "--json")).json() == []
    result = ok(cli("film", "list"))
    assert result.stdout == "" and "no films seen yet" in result.stderr
