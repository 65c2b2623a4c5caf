"""``filmlog tags``: every tag with how many viewings and films carry it."""

from __future__ import annotations

import pytest

from tests.helpers import Result, stored


def ok(result: Result) -> Result:
    assert result.code == 0, result.stderr
    return result


@pytest.fixture
def tagged(cli, journal):
    for args in (
        ("Heat", "--year", "1995", "--on", "2024-01-01", "--tag", "35mm, heist"),
        ("Heat", "--year", "1995", "--on", "2024-02-01", "--tag", "35MM"),
        ("Thief", "--year", "1981", "--on", "2024-03-01", "--tag", "35mm", "--tag", "Neo-noir"),
        ("Alien", "--year", "1979", "--on", "2024-04-01"),
    ):
        ok(cli("add", *args))
    return journal


def test_tags_with_counts_most_used_first(cli, tagged):
    assert ok(cli("tags", "--json")).json() == [
        {"tag": "35mm", "watches": 3, "films": 2},
        {"tag": "heist", "watches": 1, "films": 1},
        {"tag": "Neo-noir", "watches": 1, "films": 1},
    ]
    lines = ok(cli("tags")).stdout.splitlines()
    assert lines[0].split() == ["Tag", "Viewings", "Films"]
    assert [line.split() for line in lines[2:]] == [
        ["35mm", "3", "2"],
        ["heist", "1", "1"],
        ["Neo-noir", "1", "1"],
    ]


def test_tags_by_name_and_limited(cli, tagged):
    by_name = ok(cli("tags", "--sort", "name", "--json")).json()
    assert [t["tag"] for t in by_name] == ["35mm", "heist", "Neo-noir"]
    assert [t["tag"] for t in ok(cli("tags", "-n", "1", "--json")).json()] == ["35mm"]


def test_no_tags_yet(cli, journal):
    ok(cli("add", "Alien", "--year", "1979"))
    assert ok(cli("tags", "--json")).json() == []
    result = ok(cli("tags"))
    assert result.stdout == "" and "no tags yet" in result.stderr


def test_a_bad_sort_is_refused_and_nothing_changes(cli, tagged):
    before = stored(tagged)
    result = cli("tags", "--sort", "size")
    assert result.code == 2 and "'size' is not a sort order" in result.stderr
    assert stored(tagged) == before


def test_a_missing_journal_is_said_to_be_missing(cli, journal):
    result = cli("tags")
    assert result.code == 1 and "does not exist" in result.stderr
