"""``stats --json`` over real exports, imported with filmlog's own importers, against
figures worked out here from the CSV files alone: films per year, decades and release
years, weekdays, the calendar's days, the rating histogram, first watches, and (from an
IMDb export, the one kind that names them) directors and hours."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REAL_DATA, invoke

LETTERBOXD = ("extratone", "patrickmjones", "vinicius")
RATING_KEYS = ["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(newline="", encoding=encoding) as handle:
        return list(csv.DictReader(handle))


def watched_on(row: dict[str, str]) -> dt.date:
    return dt.date.fromisoformat(row["Watched Date"] or row["Date"])


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA} (CI has them beside the project)")
    made = {}
    for user in LETTERBOXD:
        journal = tmp_path_factory.mktemp(user) / "journal.json"
        result = invoke(
            ["--db", str(journal), "import", "letterboxd", str(REAL_DATA / f"lbx-{user}")]
        )
        assert result.code == 0, result.stderr
        made[user] = journal
    journal = tmp_path_factory.mktemp("imdb") / "journal.json"
    ratings = REAL_DATA / "imdb-aureliome" / "ratings.csv"
    result = invoke(["--db", str(journal), "import", "imdb", str(ratings), "--as-viewings"])
    assert result.code == 0, result.stderr
    made["imdb"] = journal
    return made


def stats_json(journal: Path, *args: str) -> dict[str, Any]:
    result = invoke(["--db", str(journal), "stats", "--json", *args])
    assert result.code == 0, result.stderr
    doc: dict[str, Any] = result.json()
    return doc


class Diary:
    """A Letterboxd diary, read with the csv module and nothing of filmlog."""

    def __init__(self, folder: Path, year: int | None = None) -> None:
        # A whole export's orphaned/diary.csv holds viewings too (of entries no longer
        # linked to a film page), and filmlog imports them.
        files = [folder / "diary.csv", folder / "orphaned" / "diary.csv"]
        self.rows = [
            r
            for path in files
            if path.is_file()
            for r in read_csv(path)
            if year is None or watched_on(r).year == year
        ]
        # Two different films can share a title and a year (patrickmjones logged two 1897
        # "The Haunted Castle"s); watched.csv lists each film once, so it tells how many
        # films a title and year stand for.
        self.listed = Counter((r["Name"], r["Year"]) for r in read_csv(folder / "watched.csv"))

    def films(self, rows: list[dict[str, str]]) -> int:
        logged = Counter((r["Name"], r["Year"]) for r in rows)
        return sum(min(n, max(1, self.listed[key])) for key, n in logged.items())

    def by_release(self, key_of: Any) -> dict[str, dict[str, int]]:
        groups: dict[Any, list[dict[str, str]]] = {}
        for row in self.rows:
            if row["Year"]:
                groups.setdefault(key_of(int(row["Year"])), []).append(row)
        return {
            k: {"films": self.films(rows), "viewings": len(rows)}
            for k, rows in sorted(groups.items())
        }

    def expected(self) -> dict[str, Any]:
        days = Counter(watched_on(r) for r in self.rows)
        weekdays = Counter(day.weekday() for day in (watched_on(r) for r in self.rows))
        ratings = Counter(r["Rating"] for r in self.rows if r["Rating"])
        return {
            "watches": len(self.rows),
            "films": self.films(self.rows),
            "first_watches": sum(r["Rewatch"] != "Yes" for r in self.rows),
            "ratings": {key: ratings[key] for key in RATING_KEYS},
            "days": {day.isoformat(): n for day, n in sorted(days.items())},
            "weekdays": {name: weekdays[i] for i, name in enumerate(WEEKDAYS)},
            "decades": {f"{d}s": v for d, v in self.by_release(lambda y: y // 10 * 10).items()},
            "release_years": {str(y): v for y, v in self.by_release(lambda y: y).items()},
        }


@pytest.mark.parametrize("user", LETTERBOXD)
def test_whole_diary_figures_match_the_export(journals, user) -> None:
    diary = Diary(REAL_DATA / f"lbx-{user}")
    expected = diary.expected()
    doc = stats_json(journals[user])
    assert {key: doc[key] for key in expected} == expected


@pytest.mark.parametrize("user", LETTERBOXD)
def test_every_year_of_the_diary_matches_the_export(journals, user) -> None:
    folder = REAL_DATA / f"lbx-{user}"
    years = sorted({watched_on(r).year for r in Diary(folder).rows})
    assert len(years) >= 2
    films_per_year = {}
    for year in years:
        expected = Diary(folder, year).expected()
        doc = stats_json(journals[user], "--year", str(year))
        assert {key: doc[key] for key in expected} == expected, year
        films_per_year[year] = doc["films"]
    # Films per year: a film seen in two years counts in each, once.
    assert sum(films_per_year.values()) >= stats_json(journals[user])["films"]


def test_highest_rated_and_most_watched_agree_with_the_diary(journals) -> None:
    folder = REAL_DATA / "lbx-extratone"
    year = 2021
    rows = [r for r in read_csv(folder / "diary.csv") if watched_on(r).year == year]
    doc = stats_json(journals["extratone"], "--year", str(year))
    best = max(float(r["Rating"]) for r in rows if r["Rating"])
    assert doc["highest_rated"][0]["rating"] == best
    # A film's rating in the year is that of its last rated viewing in the year.
    last: dict[tuple[str, str], float] = {}
    for row in sorted(rows, key=watched_on):
        if row["Rating"]:
            last[(row["Name"], row["Year"])] = float(row["Rating"])
    for film in doc["highest_rated"]:
        assert last[(film["title"], str(film["year"] or ""))] == film["rating"]
    seen = Counter((r["Name"], r["Year"]) for r in rows)
    for film in doc["most_watched"]:
        assert seen[(film["title"], str(film["year"] or ""))] == film["viewings"] > 1
    assert [f["viewings"] for f in doc["most_watched"]] == sorted(
        (f["viewings"] for f in doc["most_watched"]), reverse=True
    )


def test_directors_and_hours_of_an_imdb_export_match_its_rows(journals) -> None:
    rows = read_csv(REAL_DATA / "imdb-aureliome" / "ratings.csv")
    doc = stats_json(journals["imdb"])
    directed = Counter(
        name.strip() for r in rows for name in dict.fromkeys(r["Directors"].split(",")) if name
    )
    assert doc["directors"], "the export names directors"
    for entry in doc["directors"]:
        # One viewing a row: films and viewings agree.
        assert entry["films"] == entry["viewings"] == directed[entry["name"]], entry
    assert doc["directors"][0]["films"] == max(directed.values())
    minutes = sum(int(r["Runtime (mins)"]) for r in rows if r["Runtime (mins)"])
    assert doc["hours"] == round(minutes / 60, 1)
    decades = Counter(int(r["Year"]) // 10 * 10 for r in rows if r["Year"])
    assert {k: v["films"] for k, v in doc["decades"].items()} == {
        f"{d}s": n for d, n in sorted(decades.items())
    }
    # --by viewings keeps the count of viewings: here the same numbers, in the same order.
    by_viewings = stats_json(journals["imdb"], "--by", "viewings")
    assert [e["viewings"] for e in by_viewings["directors"]] == [
        e["viewings"] for e in doc["directors"]
    ]
