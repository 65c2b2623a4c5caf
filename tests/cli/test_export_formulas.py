"""CSV and Letterboxd exports never hand a spreadsheet a formula to run, and filmlog reads
its own Letterboxd file back as it was."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from filmlog.models import Film, FilmIds, Watch, from_spreadsheet_cell, spreadsheet_cell
from filmlog.store import Store
from tests.helpers import stored

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1", "-1", "@SUM(A1)", "'=already", "'71"]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def assert_no_formula(table: list[dict[str, str]]) -> None:
    for row in table:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), row


def formula_journal(journal: Path) -> None:
    with Store.transaction(journal) as store:
        store.save_films(
            [
                Film(
                    id=f"f{n}",
                    title=title,
                    year=2000 + n,
                    directors=("=cmd|' /C calc'!A0",),
                    ids=FilmIds(imdb=f"tt{1000000 + n}"),
                    seen=True,
                )
                for n, title in enumerate(FORMULAS)
            ]
        )
        store.add_watches(
            [
                Watch(
                    id=0,
                    film=f"f{n}",
                    date=dt.date(2024, 1, 1 + n),
                    rating=4.5,
                    where="+44 20 7494 3654",
                    with_=("@sam",),
                    tags=("-2+3", "35mm"),
                    review=review,
                )
                for n, review in enumerate(
                    ["=1+1", "- a list\n- of points", "@here", "Plain.", "+1 for Mann", "'=x"]
                )
            ]
        )


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'=1", "''=1"),
        ("'71", "'71"),
        ("Heat", "Heat"),
        ("", ""),
    ],
)
def test_cells_are_neutralized_and_read_back(text, cell):
    assert spreadsheet_cell(text) == cell
    assert from_spreadsheet_cell(cell) == text


def test_csv_export_neutralizes_text_and_leaves_numbers(cli, journal):
    formula_journal(journal)
    result = cli("export", "--format", "csv")
    assert result.code == 0, result.stderr
    table = rows(result.stdout)
    assert [r["title"] for r in table] == [spreadsheet_cell(t) for t in FORMULAS]
    assert table[0]["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert {r["where"] for r in table} == {"'+44 20 7494 3654"}
    assert {r["with"] for r in table} == {"'@sam"}
    assert {r["tags"] for r in table} == {"'-2+3, 35mm"}
    assert table[0]["review"] == "'=1+1"
    assert table[5]["review"] == "''=x"
    assert [(r["id"], r["year"], r["rating"], r["date"]) for r in table][:2] == [
        ("1", "2000", "4.5", "2024-01-01"),
        ("2", "2001", "4.5", "2024-01-02"),
    ]
    assert_no_formula(table)


def test_letterboxd_export_neutralizes_text_and_leaves_numbers(cli, journal):
    formula_journal(journal)
    result = cli("export", "--format", "letterboxd")
    assert result.code == 0, result.stderr
    table = rows(result.stdout)
    assert [r["Title"] for r in table] == [spreadsheet_cell(t) for t in FORMULAS]
    assert {r["Directors"] for r in table} == {"'=cmd|' /C calc'!A0"}
    assert {r["Tags"] for r in table} == {"'-2+3, 35mm"}
    # The review is HTML to Letterboxd: its first character becomes a character reference.
    assert [r["Review"][:6] for r in table] == [
        "&#61;1",
        "&#45; ",
        "&#64;h",
        "Plain.",
        "&#43;1",
        "&#39;=",
    ]
    assert [(r["Year"], r["imdbID"], r["Rating"], r["WatchedDate"]) for r in table][:2] == [
        ("2000", "tt1000000", "4.5", "2024-01-01"),
        ("2001", "tt1000001", "4.5", "2024-01-02"),
    ]
    assert_no_formula(table)


@pytest.mark.parametrize("shape", ["file", "folder"])
def test_a_letterboxd_export_imports_back_as_it_was(cli, journal, tmp_path, shape):
    formula_journal(journal)
    with Store.transaction(journal) as store:
        store.save_film(Film(id="seen", title="-Seen only", year=1999, seen=True, rating=3.5))
    out = f"{tmp_path}/diary.csv" if shape == "file" else f"{tmp_path}/lbx/"
    assert cli("export", "--format", "letterboxd", "--out", out).code == 0
    before = stored(journal)
    fresh = tmp_path / "fresh.json"
    result = cli("--db", str(fresh), "import", "letterboxd", out)
    assert result.code == 0, result.stderr
    after = stored(fresh)

    def films(data):
        return sorted(
            (f["title"], f["year"], f["rating"], f["seen"]) for f in data["films"].values()
        )

    def viewings(data):
        title = {f["id"]: f["title"] for f in data["films"].values()}
        return sorted(
            (title[w["film"]], w["date"], w["rating"], w["rewatch"], w["tags"], w["review"])
            for w in data["watches"].values()
        )

    assert films(after) == films(before)
    assert viewings(after) == viewings(before)
    again = cli("--db", str(fresh), "import", "letterboxd", out)
    assert again.code == 0, again.stderr
    assert stored(fresh) == after
