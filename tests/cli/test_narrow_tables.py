"""Tables at narrow widths break no heading and no word; the less important columns go."""

from __future__ import annotations

import pytest

from tests.helpers import Result

PLACE = "Prince Charles Cinema"


@pytest.fixture
def page(cli, journal):
    for args in (
        ("film", "set", "Leaving Las Vegas", "--year", "1995", "--director", "Mike Figgis",
         "--based-on", "Leaving Las Vegas, the novel by John O'Brien",
         "--cast", "Nicolas Cage as Ben Sanderson", "--cast", "Elisabeth Shue as Sera",
         "--cast", "Mykelti Williamson as Sergeant Drucker"),
        ("disc", "add", "Leaving Las Vegas", "--year", "1995", "--format", "bluray",
         "--label", "Arrow Video", "--edition", "Limited Edition 4K Restoration",
         "--region", "B", "--film", "Heat (1995)", "--film-score", "5", "--picture", "4",
         "--audio", "3.5", "--extras", "2"),
        ("add", "Leaving Las Vegas", "--year", "1995", "--on", "2019-05-01", "--medium",
         "cinema", "--where", PLACE, "--with", "Sam Jones", "--with", "Alex", "--tag", "35mm",
         "--tag", "rewatch-worthy", "--rating", "4.5", "--like", "--review", "Wonderful."),
        ("add", "Leaving Las Vegas", "--year", "1995", "--on", "2024-03-02", "--disc", "1",
         "--rating", "5", "--dnf", "--tag", "director's cut"),
        ("add", "Leaving Las Vegas", "--year", "1995", "--on", "2024-04-02", "--medium",
         "streaming", "--where", "Netflix"),
        ("add", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb",
         "--year", "1964", "--on", "2024-05-01", "--where", "Home"),
        ("film", "set", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb",
         "--year", "1964", "--director", "Stanley Kubrick"),
        ("watchlist", "add", "Thief", "--year", "1981", "--note",
         "Because the score by Tangerine Dream is said to be extraordinary"),
    ):  # fmt: skip
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)
    return journal


COMMANDS = [
    ("show", "Leaving Las Vegas"),
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


def _words(text: str) -> list[str]:
    return [w for w in text.split() if set(w) != {"─"}]


def _fragments(narrow: str, whole: str) -> list[str]:
    """Words of ``narrow`` that are neither words of ``whole`` nor a start of one cut with …."""
    known = set(_words(whole))
    return [
        word
        for word in _words(narrow)
        if word not in known
        and not (word.endswith("…") and any(k.startswith(word[:-1]) for k in known))
    ]


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_heading_or_word_is_broken(cli, page, monkeypatch, args, width):
    whole = _at(cli, monkeypatch, 1000, *args).stdout
    narrow = _at(cli, monkeypatch, width, *args).stdout
    assert max(len(line) for line in narrow.splitlines()) <= width
    assert _fragments(narrow, whole) == [], narrow


def _viewings_header(output: str) -> list[str]:
    lines = [line.rstrip() for line in output.splitlines()]
    return lines[lines.index("Viewings") + 1].split()


def test_show_viewings_drop_people_then_tags_then_place(cli, page, monkeypatch):
    show = ("show", "Leaving Las Vegas")
    assert _viewings_header(_at(cli, monkeypatch, 100, *show).stdout) == [
        "#", "Date", "Rating", "Medium", "Where", "With", "Tags",
    ]  # fmt: skip
    assert _viewings_header(_at(cli, monkeypatch, 60, *show).stdout) == [
        "#", "Date", "Rating", "Medium", "Where",
    ]  # fmt: skip
    assert _viewings_header(_at(cli, monkeypatch, 40, *show).stdout) == [
        "#", "Date", "Rating", "Medium",
    ]  # fmt: skip
    narrow = _at(cli, monkeypatch, 60, *show).stdout
    assert "Prince Charles" in narrow  # the place wraps at a space, not inside a word


def test_show_cast_keeps_names_and_roles_whole(cli, page, monkeypatch):
    output = _at(cli, monkeypatch, 40, "show", "Leaving Las Vegas").stdout
    assert "Mykelti Williamson   Sergeant Drucker" in output


def test_film_list_at_40_columns_keeps_the_titles(cli, page, monkeypatch):
    output = _at(cli, monkeypatch, 40, "film", "list").stdout
    assert output.splitlines()[0].split() == ["Film", "Year", "Seen", "Rating"]
    assert "Leaving Las Vegas" in output
    assert "Dr. Strangelove" in output


def test_disc_list_drops_scores_before_the_edition(cli, page, monkeypatch):
    header = _at(cli, monkeypatch, 60, "disc", "list").stdout.splitlines()[0].split()
    assert header[:3] == ["#", "Films", "Edition"]
    assert "Extras" not in header
    assert "Extras" in _at(cli, monkeypatch, 100, "disc", "list").stdout


def test_wide_enough_tables_are_as_before(cli, page, monkeypatch):
    output = _at(cli, monkeypatch, 200, "show", "Leaving Las Vegas").stdout
    assert f"{PLACE}  Sam Jones, Alex  35mm, rewatch-worthy" in output


def test_diary_at_80_columns_gives_titles_room_and_keeps_the_place(cli, page, monkeypatch):
    output = _at(cli, monkeypatch, 80, "diary").stdout
    assert output.splitlines()[0].split() == ["#", "Date", "Film", "Rating", "Where"]
    assert "Leaving Las Vegas (1995)" in output
    assert "cinema · Prince Charles" in output
    assert "…" not in output
