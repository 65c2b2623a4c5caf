"""``filmlog diary`` filters and the one period parser it shares with ``stats``."""

from __future__ import annotations

import datetime as dt

import pytest

from filmlog.errors import InvalidInput
from filmlog.period import DateRange, parse_month, period_from
from tests.helpers import Result

D = dt.date


def ok(result: Result) -> Result:
    assert result.code == 0, result.stderr
    return result


@pytest.fixture
def logged(cli, journal):
    """Six viewings of four films, each with something a filter picks out."""
    for args in (
        ("Heat", "--year", "1995", "--on", "2024-01-05", "--rating", "4", "--where",
         "Prince Charles Cinema", "--with", "Sam Jones", "--tag", "35mm", "--medium", "cinema"),
        ("Heat", "--year", "1995", "--on", "2025-03-02", "--rating", "5", "--like",
         "--medium", "blu-ray", "--review", "Better *every* time."),
        ("Thief", "--year", "1981", "--on", "2025-03-20", "--rating", "2", "--dnf",
         "--where", "Netflix", "--medium", "streaming"),
        ("8½", "--year", "1963", "--on", "2025-04-01", "--rating", "3.5", "--with", "Ana",
         "--with", "Sam Jones"),
        ("Amélie", "--year", "2001", "--on", "2023-12-31", "--rating", "4.5", "--like",
         "--review", "Paris."),
        ("Amélie", "--year", "2001", "--on", "2024-06-01", "--first"),
    ):  # fmt: skip
        ok(cli("add", *args))
    return journal


def titles(cli, *args: str) -> list[tuple[str, str]]:
    """(title, date) of each viewing ``diary --json`` lists, in its order."""
    return [(w["title"], w["date"]) for w in ok(cli("diary", *args, "--json")).json()]


def table_titles(cli, *args: str) -> list[str]:
    out = ok(cli("diary", *args)).stdout
    rows = out.splitlines()[2:]  # the heading and its rule
    return [name for row in rows for name in ("Heat", "Thief", "8½", "Amélie") if name in row]


CASES = [
    (("--film", "heat"), [("Heat", "2025-03-02"), ("Heat", "2024-01-05")]),
    (("--film", "Heat (1995)"), [("Heat", "2025-03-02"), ("Heat", "2024-01-05")]),
    (("--film", "8 1/2"), [("8½", "2025-04-01")]),
    (("--where", "charles"), [("Heat", "2024-01-05")]),
    (("--where", "NETFLIX"), [("Thief", "2025-03-20")]),
    (("--with", "sam"), [("8½", "2025-04-01"), ("Heat", "2024-01-05")]),
    (("--with", "sam jones", "--with", "ana"), [("8½", "2025-04-01")]),
    (("--liked",), [("Heat", "2025-03-02"), ("Amélie", "2023-12-31")]),
    (("--rewatch",), [("Heat", "2025-03-02")]),
    (("--first", "--film", "Amélie"), [("Amélie", "2024-06-01"), ("Amélie", "2023-12-31")]),
    (("--dnf",), [("Thief", "2025-03-20")]),
    (("--reviewed",), [("Heat", "2025-03-02"), ("Amélie", "2023-12-31")]),
    (("--max-rating", "3.5"), [("8½", "2025-04-01"), ("Thief", "2025-03-20")]),
    (
        ("--min-rating", "4", "--max-rating", "4.5"),
        [("Heat", "2024-01-05"), ("Amélie", "2023-12-31")],
    ),
    (("--month", "2025-03"), [("Thief", "2025-03-20"), ("Heat", "2025-03-02")]),
    (("--month", "2025-03", "--reverse"), [("Heat", "2025-03-02"), ("Thief", "2025-03-20")]),
    (("--year", "2024"), [("Amélie", "2024-06-01"), ("Heat", "2024-01-05")]),
    (
        ("--from", "2025-03-10", "--to", "2025-04-01"),
        [("8½", "2025-04-01"), ("Thief", "2025-03-20")],
    ),
    (("--reverse", "--limit", "2"), [("Amélie", "2023-12-31"), ("Heat", "2024-01-05")]),
    (("--liked", "--dnf"), []),
]


@pytest.mark.parametrize(("args", "wanted"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_each_filter_in_json_and_in_the_table(cli, logged, args, wanted):
    assert titles(cli, *args) == wanted
    if wanted:
        assert table_titles(cli, *args) == [title for title, _ in wanted]
    else:
        result = ok(cli("diary", *args))
        assert result.stdout == ""
        assert "no viewings match" in result.stderr


def test_without_filters_every_viewing_newest_first(cli, logged):
    days = [day for _, day in titles(cli)]
    assert days == sorted(days, reverse=True) and len(days) == 6
    assert [day for _, day in titles(cli, "--reverse")] == sorted(days)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2024-05-01", "--to", "2024-01-01"), "starts (2024-05-01) after it ends"),
        (("--year", "2024", "--month", "2025-03"), "--month 2025-03 is not in --year 2024"),
        (("--from", "2025-04-01", "--month", "2025-03"), "after it ends"),
        (("--from", "2024-13-01"), "2024-13-01"),
        (("--to", "someday"), "someday"),
        (("--month", "2025-13"), "'2025-13' is not a month"),
        (("--month", "March"), "is not a month"),
        (("--year", "12"), "12 is not a plausible year"),
        (("--min-rating", "4", "--max-rating", "2"), "--min-rating 4 is above --max-rating 2"),
        (("--max-rating", "11/10"), "11/10"),
        (("--where", "!!"), "--where '!!' has nothing to match"),
        (("--with", " "), "has nothing to match"),
    ],
)
def test_bad_ranges_and_values_are_refused_in_one_line(cli, logged, args, message):
    before = logged.read_bytes()
    for extra in ((), ("--json",)):
        result = cli("diary", *args, *extra)
        assert result.code == 2, result
        assert result.stdout == ""
        assert message in result.stderr
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1
    assert logged.read_bytes() == before


def test_stats_refuses_a_reversed_range_as_diary_does(cli, logged):
    diary = cli("diary", "--from", "2024-05-01", "--to", "2024-01-01")
    stats = cli("stats", "--from", "2024-05-01", "--to", "2024-01-01")
    assert diary.code == stats.code == 2
    assert diary.stderr == stats.stderr


def test_an_unknown_film_is_not_found(cli, logged):
    result = cli("diary", "--film", "Heath", "--json")
    assert result.code == 1
    assert "Heath" in result.stderr and result.stdout == ""


# --------------------------------------------------------------------------- the period


def test_period_from_combines_the_options():
    assert period_from() == DateRange() and not period_from()
    assert period_from("2024-02-01", None, 2024) == DateRange(D(2024, 2, 1), D(2024, 12, 31))
    assert period_from(month="2024-02") == DateRange(D(2024, 2, 1), D(2024, 2, 29))
    assert period_from(year=2025, month="2025-12") == DateRange(D(2025, 12, 1), D(2025, 12, 31))
    assert period_from(D(2024, 1, 1), "2024-01-01") == DateRange(D(2024, 1, 1), D(2024, 1, 1))
    assert parse_month("1999-1") == (D(1999, 1, 1), D(1999, 1, 31))
    with pytest.raises(InvalidInput, match="after it ends"):
        period_from("2024-01-02", "2024-01-01")
    with pytest.raises(InvalidInput, match="not a month"):
        parse_month("2024-00")


def test_stats_takes_the_same_month_as_the_diary(cli, journal):
    for title, day in (("Heat", "2025-02-28"), ("Alien", "2025-03-01"), ("Ran", "2025-03-31")):
        assert cli("add", title, "--on", day, "--new").code == 0
    figures = cli("stats", "--month", "2025-03", "--json").json()
    diary = cli("diary", "--month", "2025-03", "--json").json()
    assert figures["watches"] == len(diary) == 2
    assert (figures["period"]["from"], figures["period"]["to"]) == ("2025-03-01", "2025-03-31")
    before = journal.read_bytes()
    for command in ("stats", "diary"):
        refused = cli(command, "--month", "2025-13")
        assert refused.code == 2 and "is not a month" in refused.stderr
    assert journal.read_bytes() == before


def test_reviews_without_a_day_are_counted_in_a_note(cli, logged):
    from filmlog.models import Watch
    from filmlog.store import Store

    with Store.transaction(logged) as store:
        store.add_watch(Watch(0, "heat-1995", None, review="Written later, undated."))
    result = ok(cli("diary", "--json"))
    assert len(result.json()) == 6  # the diary is dated viewings
    note = "note: 1 review without a day is not in the diary ('filmlog show TITLE' has them)"
    assert note in result.stderr
    assert note in ok(cli("diary", "--reviewed")).stderr
    # Filters it would not pass, or a period, leave it out of the count.
    assert "without a day" not in ok(cli("diary", "--tag", "35mm")).stderr
    assert "without a day" not in ok(cli("diary", "--year", "2024")).stderr
