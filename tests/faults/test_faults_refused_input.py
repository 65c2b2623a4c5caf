"""Refused input changes nothing: not the journal, not its backups, no temp file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.faults.support import cli_at, folder_state, one_error_line

REFUSED: list[tuple[list[str], int]] = [
    (["add", "Heat", "--rating", "6"], 2),
    (["add", "Heat", "--rating", "four"], 2),
    (["add", "Heat", "--rating", "4.3"], 2),
    (["add", "Heat", "--on", "someday"], 2),
    (["add", "Heat", "--on", "2024-02-30"], 2),
    (["add", "Heat", "--on", "2999-01-01"], 2),
    (["add", "Heat", "--medium", "laserdisc"], 2),
    (["add", "Heat", "--year", "10000"], 2),
    (["add", "Heat", "--year", "nineteen"], 2),
    (["add", "!!!"], 2),
    (["add", "Heat", "--disc", "99"], 1),
    (["add", "Heat", "--review-file", "/nonexistent/review.md"], 1),
    (["add", "Heat", "--review", "x", "--review-file", "-"], 2),
    (["add", "Heat", "--unknown-option"], 2),
    (["add"], 2),
    (["edit", "99", "--rating", "3"], 1),
    (["edit", "1"], 2),
    (["edit", "1", "--clear", "title"], 2),
    (["edit", "1", "--rating", "9"], 2),
    (["edit", "1", "--title", "No Such Film"], 1),
    (["edit", "one", "--rating", "3"], 2),
    (["rm", "99", "--yes"], 1),
    (["rm", "1"], 2),
    (["film", "set", "No Such Film Here (1901)", "--runtime", "-5"], 2),
    (["disc", "add", "Heat", "--picture", "superb"], 2),
    (["restore", "nothing-like-this.json", "--yes"], 1),
]


@pytest.fixture
def filled(journal: Path) -> Path:
    for args in (
        ["add", "Heat", "--year", "1995", "--on", "2024-01-01", "--rating", "4"],
        ["add", "Heat", "--year", "1986", "--on", "2024-01-02"],
        ["add", "Alien", "--year", "1979", "--on", "2024-01-03"],
    ):
        assert cli_at(journal, *args).code == 0
    return journal


@pytest.mark.parametrize(("args", "code"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_refused_input_changes_nothing(filled: Path, args: list[str], code: int):
    before = folder_state(filled)
    if args[:2] == ["add", "Heat"] and "--year" not in args:
        args = [*args, "--year", "1995"]  # two films are called Heat; pick one
    result = cli_at(filled, *args)
    assert result.code == code, (result.stdout, result.stderr)
    one_error_line(result)
    assert folder_state(filled) == before


def test_an_ambiguous_title_changes_nothing(filled: Path):
    before = folder_state(filled)
    result = cli_at(filled, "add", "Heat", "--on", "2024-02-01")
    assert result.code == 1
    assert "matches 2 films: Heat (1986), Heat (1995)" in one_error_line(result)
    assert folder_state(filled) == before


WORDS = st.sampled_from(
    [
        "--year",
        "--on",
        "--rating",
        "--medium",
        "--where",
        "--with",
        "--tag",
        "--rewatch",
        "--first",
        "--like",
        "--dnf",
        "--spoilers",
        "--review",
        "--disc",
        "--json",
        "--",
        "-y",
        "-r",
        "-d",
        "-t",
        "1995",
        "0",
        "-1",
        "4.5",
        "4½",
        "★★★★½",
        "9/10",
        "11/10",
        "today",
        "yesterday",
        "3 days ago",
        "friday",
        "2024-02-29",
        "2023-02-29",
        "cinema",
        "blu-ray",
        "Heat",
        "Heat (1995)",
        "[REC]²",
        "Heat [/] x",
        "",
        " ",
        "\x00",
        "🎬",
    ]
)
ARGS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=8)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(args=ARGS)
def test_fuzzed_add_never_tracebacks_and_changes_nothing_unless_it_succeeds(
    filled: Path, args: list[str]
):
    before = folder_state(filled)
    result = cli_at(filled, "add", *args)
    assert "Traceback" not in result.stderr
    assert not result.stderr.startswith("error: unexpected "), result.stderr
    assert result.code in (0, 1, 2), result
    if result.code != 0:
        one_error_line(result)
        assert folder_state(filled) == before
