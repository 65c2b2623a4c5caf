"""Messages a new user meets first: help without arguments, an empty --db."""

from __future__ import annotations

import pytest

from tests.helpers import run_process


@pytest.mark.parametrize("args", [(), ("film",), ("disc",), ("watchlist",), ("import",)])
def test_no_arguments_prints_the_help_and_no_error_line(cli, journal, args):
    result = cli(*args)
    assert result.code == 2
    assert "Usage: filmlog" in result.stdout
    assert "Commands" in result.stdout
    assert result.stderr == ""
    assert not journal.exists()


def test_no_arguments_in_a_real_process(journal):
    result = run_process([])
    assert result.returncode == 2
    assert "Usage: filmlog" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "", "diary"),
        ("diary", "--db", ""),
        ("--db=", "add", "Heat"),
        ("--db", "   ", "add", "Heat"),
    ],
)
def test_an_empty_db_is_a_usage_error(cli, journal, tmp_path, args):
    result = cli(*args)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: the journal path is empty (give --db a file, e.g. --db films.json)\n"
    )
    assert not journal.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_blank_journal_path_in_the_environment_is_a_usage_error(cli, journal, monkeypatch):
    monkeypatch.setenv("FILMLOG_DB", "  ")
    result = cli("add", "Heat")
    assert result.code == 2
    assert result.stderr.startswith("error: the journal path is empty")


def test_db_still_takes_a_file(cli, tmp_path):
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "add", "Heat").code == 0
    assert other.exists()
