"""The Rich-free layout of filmlog.screen: widths, wrapping, cutting, rules, tables, styles."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filmlog import screen
from filmlog.screen import Column, Text, cell_len, rule, table, truncate, wrap

WORDS = st.lists(
    st.sampled_from(
        ["a", "to", "Heat", "Salò,", "8½", "[REC]²", "🎬", "東京物語", "x" * 23, "e\u0301te", "—"]
    ),
    min_size=0,
    max_size=30,
)


def plains(lines: list[Text]) -> list[str]:
    return [line.plain for line in lines]


@pytest.mark.parametrize(
    ("text", "cells"),
    [("Heat", 4), ("8½", 2), ("🎬", 2), ("東京", 4), ("e\u0301", 1), ("a\u200db", 2), ("", 0)],
)
def test_cells_count_wide_and_zero_width_characters(text, cells):
    assert cell_len(text) == cells


def test_control_characters_never_reach_the_terminal():
    text = Text("The Thing \x1b[31m\x07\x9b red\tend")
    assert text.plain == "The Thing [31m red    end"


def test_words_wrap_at_spaces_and_keep_styles():
    text = Text("Leaving ", "1").append("Las Vegas", "2")
    lines = wrap(text, 12)
    assert plains(lines) == ["Leaving Las", "Vegas"]
    assert lines[0].runs == [("Leaving ", "1"), ("Las", "2")]
    assert lines[1].runs == [("Vegas", "2")]


def test_a_word_longer_than_the_width_is_folded_or_cut():
    assert plains(wrap(Text("a Supercalifragilistic b"), 8)) == [
        "a",
        "Supercal",
        "ifragili",
        "stic b",
    ]
    assert plains(wrap(Text("a Supercalifragilistic b"), 8, "ellipsis")) == ["a", "Superca…", "b"]


def test_line_feeds_are_kept_and_leading_spaces_of_a_line_too():
    assert plains(wrap(Text("one\n\n  two three"), 9)) == ["one", "", "  two", "three"]


@settings(max_examples=300)
@given(words=WORDS, width=st.integers(min_value=2, max_value=60))
def test_wrapping_fits_the_width_and_loses_no_character(words, width):
    text = Text(" ".join(words))
    lines = wrap(text, width)
    assert all(line.cell_len <= width for line in lines)
    assert "".join(plains(lines)).replace(" ", "") == text.plain.replace(" ", "")


@given(words=WORDS, width=st.integers(min_value=1, max_value=40))
def test_cutting_fits_the_width_and_marks_the_cut(words, width):
    text = Text(" ".join(words))
    cut = truncate(text, width)
    assert cut.cell_len <= width
    if text.cell_len > width:
        assert cut.plain.endswith("…")
        assert text.plain.startswith(cut.plain[:-1])
    else:
        assert cut.plain == text.plain


def test_rules_span_the_width_with_the_title_centred_or_left():
    centred = rule(Text("Heat (1995)"), 30).plain
    assert centred == "──────── Heat (1995) ─────────"
    left = rule(Text("Review, 2024-01-05"), 30, align="left").plain
    assert left == "Review, 2024-01-05 ───────────"
    assert cell_len(rule(Text("🎬" * 40), 30).plain) == 30


def test_tables_line_cells_up_under_a_ruled_heading():
    lines = table(
        [
            Column("#", [Text("1"), Text("12")]),
            Column("Film", [Text("Leaving Las Vegas (1995)"), Text("Heat")], width=12),
            Column("Seen", [Text("2"), Text("10")], justify="right"),
        ]
    )
    assert [line.plain.rstrip() for line in lines] == [
        "#   Film          Seen",
        "──────────────────────",
        "1   Leaving Las      2",
        "    Vegas (1995)",
        "12  Heat            10",
    ]
    assert lines[0].runs[0] == ("#", screen.BOLD)


def test_a_column_that_does_not_wrap_is_cut_with_an_ellipsis():
    lines = table(
        [Column("Where", [Text("Prince Charles Cinema")], width=8, wrap=False, overflow="ellipsis")]
    )
    assert lines[-1].plain == "Prince …"


def _env(monkeypatch, **values):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_styles_only_on_a_terminal_and_never_with_no_color_or_a_dumb_one(monkeypatch):
    line = [Text("Heat", "1")]
    for env, stream, wanted in (
        ({}, _Tty(), "\x1b[1mHeat\x1b[0m\n"),
        ({}, io.StringIO(), "Heat\n"),
        ({"FORCE_COLOR": "1"}, io.StringIO(), "\x1b[1mHeat\x1b[0m\n"),
        ({"NO_COLOR": "1"}, _Tty(), "Heat\n"),
        ({"TERM": "dumb"}, _Tty(), "Heat\n"),
    ):
        _env(monkeypatch, **env)
        screen.write(line, stream)
        assert stream.getvalue() == wanted, env


def test_width_comes_from_columns_then_the_terminal_then_80(monkeypatch):
    _env(monkeypatch, COLUMNS="120")
    assert screen.width(io.StringIO()) == 120
    _env(monkeypatch, COLUMNS="wide")
    assert screen.width(io.StringIO()) == 80
    assert screen.piped(io.StringIO())
    monkeypatch.setattr(screen.os, "get_terminal_size", lambda fd: screen.os.terminal_size((66, 9)))
    assert screen.width(_Tty()) == 66
    assert not screen.piped(_Tty())


def test_written_lines_carry_no_trailing_spaces(monkeypatch):
    _env(monkeypatch)
    out = io.StringIO()
    screen.write(
        table([Column("A", [Text("x"), Text("long")]), Column("B", [Text(""), Text("")])]), out
    )
    assert all(line == line.rstrip() for line in out.getvalue().splitlines())
