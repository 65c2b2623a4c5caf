"""The screens as a film lover uses them: odd titles, long text, narrow and wide terminals."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.helpers import Result

ODD_TITLES = ["Salò, or the 120 Days of Sodom", "8½", "[REC]²", "Heat [/] x", "東京物語"]


@pytest.fixture
def odd(cli, journal):
    for args in (
        ("add", "Salò, or the 120 Days of Sodom", "--year", "1975", "--on", "2024-01-02",
         "--rating", "3", "--medium", "cinema", "--where", "Prince Charles Cinema, London",
         "--with", "Alexandra Constantinopoulou", "--tag", "festival"),
        ("add", "8½", "--year", "1963", "--on", "2024-01-03", "--rating", "5", "--like",
         "--review", "# Fellini\n\nA *dream*."),
        ("add", "[REC]²", "--year", "2009", "--on", "2024-01-04", "--rating", "2.5"),
        ("add", "Heat [/] x", "--year", "1995", "--on", "2024-01-05", "--rating", "4.5",
         "--rewatch", "--dnf"),
        ("add", "東京物語", "--year", "1953", "--on", "2024-01-07", "--rating", "5"),
        ("film", "set", "8½", "--year", "1963", "--director", "Federico Fellini",
         "--aka", "Otto e mezzo", "--cast", "Marcello Mastroianni as Guido Anselmi",
         "--cinematographer", "Gianni Di Venanzo"),
        ("disc", "add", "8½", "--year", "1963", "--format", "bluray", "--label", "Criterion",
         "--edition", "Special Edition", "--region", "A", "--film-score", "5",
         "--picture", "good", "--extra", "Interviews", "--verdict", "Essential"),
        ("watchlist", "add", "Stalker", "--year", "1979", "--note", "Tarkovsky"),
    ):  # fmt: skip
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)
    return journal


SCREENS = [
    *(("show", title) for title in ODD_TITLES),
    ("diary",),
    ("film", "list"),
    ("disc", "list"),
    ("watchlist", "list"),
]


def _at(cli, monkeypatch, width: int, *args: str) -> Result:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*args)
    assert result.code == 0, result.stderr
    return result


@pytest.mark.parametrize("width", [20, 24, 28, 32])
@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_no_line_is_wider_than_a_narrow_terminal(cli, odd, monkeypatch, args, width):
    output = _at(cli, monkeypatch, width, *args).stdout
    wide = [line for line in output.splitlines() if cell_len(line) > width]
    assert wide == [], output


def test_facts_go_under_their_labels_when_there_is_no_room_beside_them(cli, odd, monkeypatch):
    lines = [line.rstrip() for line in _at(cli, monkeypatch, 20, "show", "8½").stdout.splitlines()]
    at = lines.index("Also known as")
    assert lines[at + 1 : at + 3] == ["  Otto e mezzo", "Directed by"]
    assert "  Gianni Di Venanzo" in lines


def test_a_narrowed_date_folds_instead_of_being_cut_short(cli, odd, monkeypatch):
    output = _at(cli, monkeypatch, 20, "show", "8½").stdout
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("2  2024-01"))
    first, second = lines[at].split()[1], lines[at + 1].split()[0]
    assert first + second == "2024-01-03", output


HOSTILE_REVIEW = (
    "<b>Bold</b> and <kbd>x</kbd> stay as typed, [bold]so[/] does markup.\n\n"
    "<div>a raw HTML block</div>\n\n"
    "An escape \x1b[31mred\x1b[0m, a link \x1b]8;;http://x\x07here\x1b]8;;\x07 and \u202eevil."
)


def test_hostile_reviews_and_titles_print_literally(cli, journal, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    title = "[bold]x[/] <b>Bold</b> \u202eevil\x1b[2J"
    added = cli("add", title, "--year", "2001", "--review", HOSTILE_REVIEW)
    assert added.code == 0, added.stderr
    for args in (("show", title), ("diary",), ("film", "list")):
        output = _at(cli, monkeypatch, 100, *args).stdout
        text = re.sub(r"\x1b\[[0-9;]*m", "", output)
        assert "[bold]x[/] <b>Bold</b>" in text, args
        assert "\x1b[2J" not in output and "\u202e" not in output and "\x1b]" not in output
        assert "\x07" not in output
    shown = re.sub(r"\x1b\[[0-9;]*m", "", _at(cli, monkeypatch, 100, "show", title).stdout)
    assert "<b>Bold</b> and <kbd>x</kbd> stay as typed, [bold]so[/] does markup." in shown
    assert "<div>a raw HTML block</div>" in shown


def test_a_plain_review_keeps_its_paragraphs(cli, journal, monkeypatch):
    review = "First line\nof one paragraph.\n\n\nA second paragraph."
    assert cli("add", "Heat", "--review", review).code == 0
    output = _at(cli, monkeypatch, 100, "show", "Heat").stdout
    assert "First line of one paragraph.\n\nA second paragraph." in output.replace(" \n", "\n")


@pytest.mark.parametrize(
    "args", [*(("show", title) for title in ODD_TITLES), ("stats",)], ids=" ".join
)
@pytest.mark.parametrize("width", [50, 80, 120])
def test_a_blank_line_between_parts_of_a_screen_is_empty(cli, odd, monkeypatch, args, width):
    # Copied from a terminal or piped to a file, the gap before "Viewings", the cast or a
    # chart holds no run of spaces.
    output = _at(cli, monkeypatch, width, *args).stdout
    assert "\n\n" in output
    assert not [line for line in output.splitlines() if line and not line.strip()]
