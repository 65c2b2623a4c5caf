"""List tables on a pipe (stdout not a terminal, COLUMNS unset): one row a line."""

from __future__ import annotations

import os
import re

import pytest

from filmlog.render import console

LONG = (
    "The Assassination of Jesse James by the Coward Robert Ford, "
    "or How a Very Long Title Outgrows Any Terminal"
)
PLACE = "Prince Charles Cinema, Leicester Square, London, Screen One"
NOTE = "A long note about seeing it again, on the biggest screen that still shows 35mm prints"


@pytest.fixture
def long_rows(cli, journal):
    for args in (
        ("add", LONG, "--year", "2007", "--on", "2024-03-01", "--where", PLACE, "--rating", "4.5"),
        ("add", "Heat", "--year", "1995", "--on", "2024-03-02", "--tag", "35mm"),
        ("film", "set", LONG, "--year", "2007", "--director", "Andrew Dominik"),
        ("disc", "add", "Heat", "--year", "1995", "--label", "Arrow", "--format", "Blu-ray",
         "--edition", "Limited Edition 4K Restoration with a Long Name", "--film", LONG),
        ("watchlist", "add", "Thief", "--year", "1981", "--note", NOTE),
        ("watchlist", "add", "Heat", "--year", "1995"),
    ):  # fmt: skip
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)
    return journal


@pytest.fixture
def no_columns(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)


def _lines(text: str) -> list[str]:
    assert text.endswith("\n")
    return text[:-1].split("\n")


@pytest.mark.parametrize(
    ("args", "rows", "wanted"),
    [
        (("diary",), 2, [f"{LONG} (2007)", PLACE]),
        (("film", "list", "--all"), 3, [LONG, "Andrew Dominik"]),
        (("disc", "list"), 1, [f"Heat (1995); {LONG} (2007)", "Long Name"]),
        (("watchlist", "list"), 2, [NOTE]),
    ],
)
def test_piped_tables_print_one_row_a_line(cli, long_rows, no_columns, args, rows, wanted):
    result = cli(*args)
    assert result.code == 0, result.stderr
    lines = _lines(result.stdout)
    # A header, its rule, then one line a row.
    assert len(lines) == 2 + rows, result.stdout
    assert set(lines[1]) == {"─"}
    body = lines[2:]
    for text in wanted:
        assert sum(text in line for line in body) == 1, (text, result.stdout)
    assert all(line == line.rstrip() for line in lines)
    assert max(len(line) for line in lines) < 400


def test_piped_show_and_stats_keep_their_usual_width(cli, long_rows, no_columns):
    for args in (("show", "Heat", "--year", "1995"), ("stats",), ("search", "heat")):
        result = cli(*args)
        assert result.code == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= 100, args


def test_with_columns_set_tables_fit_that_width(cli, long_rows, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for args in (("diary",), ("film", "list"), ("disc", "list"), ("watchlist", "list")):
        result = cli(*args)
        assert result.code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 60, args
        assert len(lines) > 4, args


def test_on_a_terminal_tables_fit_the_terminal(cli, long_rows, no_columns, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, as Rich sees it (NO_COLOR is set)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=0: os.terminal_size((70, 30)))
    result = cli("diary")
    assert result.code == 0, result.stderr
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()
    assert max(len(line) for line in lines) <= 70
    assert len(lines) > 4


def test_piped_means_no_terminal_and_no_columns(monkeypatch):
    def piped() -> bool:
        return console.piped(console.console())

    monkeypatch.delenv("COLUMNS", raising=False)
    assert piped()
    monkeypatch.setenv("COLUMNS", "120")
    assert not piped()
    monkeypatch.setenv("COLUMNS", "wide")
    assert piped()
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not piped()
