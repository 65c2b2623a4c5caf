"""``export --format csv`` (the diary) and ``--format letterboxd`` (Letterboxd's importer)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest

from filmlog.export.csv_diary import COLUMNS
from filmlog.export.letterboxd import MAX_BYTES, review_html
from filmlog.html_markdown import html_to_markdown
from filmlog.models import Film, FilmIds, Watch
from filmlog.store import Store
from tests.export_support import FIRST_REVIEW, build_complete_journal, parse_page

LETTERBOXD_COLUMNS = [
    "Title",
    "Year",
    "Directors",
    "imdbID",
    "tmdbID",
    "LetterboxdURI",
    "Rating",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_diary_has_every_field_of_every_viewing(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "--format", "csv")
    assert result.code == 0, result.stderr
    assert result.stdout.split("\n", 1)[0] == ",".join(COLUMNS)
    diary = rows(result.stdout)
    assert [(r["id"], r["date"], r["title"]) for r in diary] == [
        ("1", "2019-11-02", "Leaving Las Vegas"),
        ("2", "2024-01-05", "Leaving Las Vegas"),
        ("3", "2024-02-01", "Heat"),
    ]
    first = diary[0]
    assert first["review"] == FIRST_REVIEW
    assert first["with"] == "Sam"
    assert first["tags"] == "35mm, retrospective"
    assert first["where"] == "Prince Charles Cinema"
    assert first["rating"] == "4.5"
    assert first["spoilers"] == "true"
    assert diary[1]["disc"] == "1"
    assert diary[1]["rewatch"] == "true"
    only = rows(cli("export", "Heat", "--format", "csv").stdout)
    assert [r["title"] for r in only] == ["Heat"]


def test_letterboxd_columns_and_values(cli, journal):
    build_complete_journal(journal)
    with Store.transaction(journal) as store:
        store.save_film(
            Film(
                id="thief-1981",
                title="Thief",
                year=1981,
                seen=True,
                rating=4,
                ids=FilmIds(letterboxd="thief"),
            )
        )
    result = cli("export", "--format", "letterboxd")
    assert result.code == 0, result.stderr
    assert result.stdout.split("\n", 1)[0] == ",".join(LETTERBOXD_COLUMNS)
    table = rows(result.stdout)
    assert [(r["Title"], r["WatchedDate"], r["Rating"], r["Rewatch"]) for r in table] == [
        ("Leaving Las Vegas", "2019-11-02", "4.5", ""),
        ("Leaving Las Vegas", "2024-01-05", "5", "Yes"),
        ("Heat", "2024-02-01", "", ""),
        ("Thief", "", "4", ""),
    ]
    first = table[0]
    assert first["imdbID"] == "tt0113627"
    assert first["tmdbID"] == "451"
    assert first["Year"] == "1995"
    assert first["Directors"] == "Mike Figgis"
    assert first["LetterboxdURI"] == "https://boxd.it/1Yb2"
    assert first["Tags"] == "35mm, retrospective"
    assert "<i>decided</i>" in first["Review"]
    assert "&lt;i&gt;Raw HTML stays text&lt;/i&gt;" in first["Review"]
    assert table[3]["LetterboxdURI"] == "https://letterboxd.com/film/thief/"


@pytest.mark.parametrize(
    "markdown",
    [
        "Plain words.\n\nA second paragraph.",
        "Some *italics*, **bold** and [a link](https://letterboxd.com/film/heat-1995/).",
        "> Quoted line\n\nAfter the quote.",
        "Literal \\<b> and 3 < 4 & so on.",
        "Line one\\\nline two",
        "> Quoted\\\n> over two lines\n\nAfter the quote.",
    ],
)
def test_letterboxd_reviews_come_back_through_the_importer(markdown):
    assert html_to_markdown(review_html(markdown)) == markdown


@pytest.mark.parametrize(
    "letterboxd",
    [
        "God bless America!\nAnd God bless Tom Cruise!",
        "<blockquote>Ne soyez pas DIABOLIQUES!\nMerci pour eux.</blockquote>\n\nMine.\nAnd more.",
        "Line one\nline two\n\nA <i>new</i> paragraph.",
    ],
)
def test_letterboxd_line_breaks_go_back_out_as_they_came(letterboxd):
    assert review_html(html_to_markdown(letterboxd)) == letterboxd


def big_journal(journal: Path, viewings: int, review_bytes: int) -> None:
    with Store.transaction(journal) as store:
        store.save_film(Film(id="heat-1995", title="Heat", year=1995))
        store.add_watches(
            [
                Watch(
                    id=0,
                    film="heat-1995",
                    date=dt.date(2000, 1, 1) + dt.timedelta(days=n),
                    review=f"Viewing {n}. " + "word " * (review_bytes // 5),
                )
                for n in range(viewings)
            ]
        )


def test_letterboxd_files_stay_under_one_megabyte(cli, journal, tmp_path):
    big_journal(journal, 700, 3000)
    before = journal.read_bytes()
    refused = cli("export", "--format", "letterboxd")
    assert refused.code == 2
    assert "needs 3 files" in refused.stderr and "--out FOLDER/" in refused.stderr
    single = cli("export", "--format", "letterboxd", "--out", str(tmp_path / "one.csv"))
    assert single.code == 2 and not (tmp_path / "one.csv").exists()
    out = tmp_path / "letterboxd"
    (out).mkdir()
    (out / "diary-7.csv").write_text("left over")
    result = cli("export", "--format", "letterboxd", "--out", str(out))
    assert result.code == 0, result.stderr
    assert "diary-7.csv" in result.stderr and "earlier export" in result.stderr
    files = sorted(out.glob("diary-[0-9].csv"))
    assert [p.name for p in files] == ["diary-1.csv", "diary-2.csv", "diary-3.csv", "diary-7.csv"]
    written = files[:3]
    assert all(p.stat().st_size <= MAX_BYTES for p in written)
    all_rows = [r for p in written for r in rows(p.read_text(encoding="utf-8"))]
    assert len(all_rows) == 700
    assert [r["Review"].split(".")[0] for r in all_rows] == [f"Viewing {n}" for n in range(700)]
    assert journal.read_bytes() == before


def test_a_row_too_big_for_letterboxd_is_named(cli, journal):
    big_journal(journal, 1, 1_100_000)
    result = cli("export", "--format", "letterboxd")
    assert result.code == 1
    assert "Heat (1995) on 2000-01-01" in result.stderr


def test_csv_and_json_go_into_a_folder_under_their_own_names(cli, journal, tmp_path):
    build_complete_journal(journal)
    assert cli("export", "-f", "csv", "-o", f"{tmp_path}/out/").code == 0
    assert cli("export", "-f", "json", "-o", f"{tmp_path}/out/").code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["diary.csv", "filmlog.json"]


# --------------------------------------------------------------------------- real exports


def test_a_real_letterboxd_diary_goes_back_out_row_for_row(cli, journal, real_data, tmp_path):
    source = real_data / "lbx-extratone"
    imported = cli("import", "letterboxd", str(source))
    assert imported.code == 0, imported.stderr
    result = cli("export", "--format", "letterboxd")
    assert result.code == 0, result.stderr
    ours = rows(result.stdout)
    theirs = rows((source / "diary.csv").read_text(encoding="utf-8"))

    def key(title, year, date, rating, rewatch):
        return (title, year, date, rating, rewatch)

    assert Counter(
        key(r["Title"], r["Year"], r["WatchedDate"], r["Rating"], r["Rewatch"] == "Yes")
        for r in ours
        if r["WatchedDate"]
    ) == Counter(
        key(r["Name"], r["Year"], r["Watched Date"], r["Rating"], r["Rewatch"] == "Yes")
        for r in theirs
    )


def test_a_real_journal_exports_to_valid_pages(cli, journal, real_data, tmp_path):
    for name in ("lbx-patrickmjones", "lbx-extratone"):
        imported = cli("import", "letterboxd", str(real_data / name))
        assert imported.code == 0, imported.stderr
    before = journal.read_bytes()
    out = tmp_path / "pages"
    result = cli("export", "--out", f"{out}/")
    assert result.code == 0, result.stderr
    pages = list(out.iterdir())
    assert len(pages) > 3000
    for path in pages:
        page = parse_page(path.read_text(encoding="utf-8"))
        assert page.html_tokens() == [], path.name
        assert page.meta is not None and page.meta["title"], path.name
        levels = [level for level, _ in page.headings()]
        if path.name != "index.md":
            assert levels[0] == 1 and levels.count(1) == 1, path.name
    assert journal.read_bytes() == before
