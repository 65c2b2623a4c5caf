"""``filmlog stats``: the aggregations, the JSON contract, the screen, and a real diary."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from filmlog import stats
from filmlog.errors import InvalidInput
from filmlog.models import CastMember, Film, Watch
from filmlog.period import period_from
from filmlog.render.stats import Row, chart
from filmlog.store import Store
from tests.helpers import REAL_DATA, invoke, rendered

D = dt.date

SPEC_KEYS = {
    "watches",
    "films",
    "rewatches",
    "hours",
    "average_rating",
    "ratings",
    "by_year",
    "by_month",
    "media",
    "top_directors",
    "top_actors",
    "top_genres",
}
ADDED_KEYS = {"period", "dnf", "missing_runtime", "where", "streak"}
RATING_KEYS = ["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]


def watch(n: int, film: str, day: dt.date, **fields: object) -> Watch:
    return Watch(id=n, film=film, date=day, **fields)


HEAT = Film(
    id="heat-1995",
    title="Heat",
    year=1995,
    directors=("Michael Mann",),
    genres=("Crime", "Thriller"),
    runtime=170,
    cast=(CastMember("Al Pacino", "Vincent Hanna"), CastMember("Robert De Niro", "Neil")),
)
THIEF = Film(
    id="thief-1981",
    title="Thief",
    year=1981,
    directors=("Michael Mann",),
    genres=("crime",),
    runtime=122,
    cast=(CastMember("James Caan", "Frank"),),
)
VEGAS = Film(
    id="leaving-las-vegas-1995",
    title="Leaving Las Vegas",
    year=1995,
    directors=("Mike Figgis",),
    genres=("Drama",),
    cast=(CastMember("Nicolas Cage", "Ben"), CastMember("Nicolas Cage", "Ben (voice)")),
)
FILMS = {f.id: f for f in (HEAT, THIEF, VEGAS)}.get


def test_totals_count_viewings_films_rewatches_and_unfinished() -> None:
    result = stats.compute(
        [
            watch(1, "heat-1995", D(2024, 1, 5), rating=4.5),
            watch(2, "heat-1995", D(2024, 2, 1), rating=5, rewatch=True),
            watch(3, "thief-1981", D(2024, 2, 2), rating=4),
            watch(4, "leaving-las-vegas-1995", D(2024, 2, 3), dnf=True),
        ],
        FILMS,
    )
    assert (result.watches, result.films, result.rewatches, result.dnf) == (4, 3, 1, 1)
    assert result.average_rating == 4.5
    assert result.rated == 3


def test_hours_come_from_runtimes_of_finished_viewings_and_name_what_is_missing() -> None:
    result = stats.compute(
        [
            watch(1, "heat-1995", D(2024, 1, 5)),
            watch(2, "heat-1995", D(2024, 1, 6)),
            watch(3, "thief-1981", D(2024, 1, 7), dnf=True),
            watch(4, "leaving-las-vegas-1995", D(2024, 1, 8)),
            watch(5, "gone-from-the-journal", D(2024, 1, 9)),
        ],
        FILMS,
    )
    assert result.minutes == 340
    assert result.hours == 5.7
    assert result.missing_runtime == 2
    assert result.to_json()["hours"] == 5.7


def test_rating_histogram_has_all_ten_buckets_in_order_with_zeros() -> None:
    result = stats.compute(
        [
            watch(1, "heat-1995", D(2024, 1, 1), rating=0.5),
            watch(2, "heat-1995", D(2024, 1, 2), rating=4.5),
            watch(3, "heat-1995", D(2024, 1, 3), rating=4.5),
            watch(4, "heat-1995", D(2024, 1, 4)),
        ],
        FILMS,
    )
    ratings = result.to_json()["ratings"]
    assert list(ratings) == RATING_KEYS
    assert ratings == {**dict.fromkeys(RATING_KEYS, 0), "0.5": 1, "4.5": 2}
    assert result.average_rating == round((0.5 + 4.5 + 4.5) / 3, 2)


def test_no_ratings_means_a_null_average_and_an_all_zero_histogram() -> None:
    doc = stats.compute([watch(1, "heat-1995", D(2024, 1, 1))], FILMS).to_json()
    assert doc["average_rating"] is None
    assert set(doc["ratings"].values()) == {0}


def test_years_and_months_run_from_first_to_last_viewing_with_empty_ones_kept() -> None:
    result = stats.compute(
        [
            watch(1, "heat-1995", D(2021, 11, 30)),
            watch(2, "heat-1995", D(2021, 11, 1)),
            watch(3, "heat-1995", D(2023, 2, 14)),
        ],
        FILMS,
    )
    doc = result.to_json()
    assert doc["by_year"] == {"2021": 2, "2022": 0, "2023": 1}
    assert list(doc["by_month"])[:3] == ["2021-11", "2021-12", "2022-01"]
    assert list(doc["by_month"])[-1] == "2023-02"
    assert len(doc["by_month"]) == 16
    assert sum(doc["by_month"].values()) == 3
    assert not result.monthly


def test_a_calendar_year_shows_every_month_up_to_the_current_one() -> None:
    viewings = [watch(1, "heat-1995", D(2024, 3, 3)), watch(2, "heat-1995", D(2025, 4, 2))]
    past = stats.compute(
        viewings, FILMS, stats.Period(D(2024, 1, 1), D(2024, 12, 31)), today=D(2026, 1, 1)
    )
    assert list(past.to_json()["by_month"]) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert past.monthly
    current = stats.compute(
        viewings, FILMS, stats.Period(D(2025, 1, 1), D(2025, 12, 31)), today=D(2025, 6, 9)
    )
    assert current.to_json()["by_month"] == {
        "2025-01": 0,
        "2025-02": 0,
        "2025-03": 0,
        "2025-04": 1,
        "2025-05": 0,
        "2025-06": 0,
    }


def test_media_where_and_people_are_ranked_by_viewings_with_spellings_merged() -> None:
    result = stats.compute(
        [
            watch(1, "heat-1995", D(2024, 1, 1), medium="cinema", where="Prince Charles Cinema"),
            watch(2, "thief-1981", D(2024, 1, 2), medium="streaming", where="netflix"),
            watch(3, "heat-1995", D(2024, 1, 3), medium="streaming", where="Netflix"),
            watch(4, "leaving-las-vegas-1995", D(2024, 1, 4), medium="streaming", where="Netflix"),
            watch(5, "leaving-las-vegas-1995", D(2024, 1, 5)),
        ],
        FILMS,
    )
    doc = result.to_json()
    assert doc["media"] == {"streaming": 3, "cinema": 1}
    assert list(doc["media"]) == ["streaming", "cinema"]
    assert result.no_medium == 1
    assert doc["where"] == [
        {"name": "Netflix", "count": 3},
        {"name": "Prince Charles Cinema", "count": 1},
    ]
    assert doc["top_directors"] == [
        {"name": "Michael Mann", "count": 3},
        {"name": "Mike Figgis", "count": 2},
    ]
    # "Crime" and "crime" are one genre; the commoner spelling wins.
    assert doc["top_genres"] == [
        {"name": "Crime", "count": 3},
        {"name": "Drama", "count": 2},
        {"name": "Thriller", "count": 2},
    ]
    # An actor in two roles of one film counts once per viewing.
    assert {"name": "Nicolas Cage", "count": 2} in doc["top_actors"]


def test_top_lists_stop_at_ten_and_break_ties_by_name() -> None:
    films = {
        f"f{i}": Film(id=f"f{i}", title=f"F{i}", directors=(f"Director {i:02d}",))
        for i in range(15)
    }.get
    viewings = [watch(i + 1, f"f{i}", D(2024, 1, 1)) for i in range(15)]
    viewings.append(watch(99, "f14", D(2024, 1, 2)))
    top = stats.compute(viewings, films).to_json()["top_directors"]
    assert len(top) == 10
    assert top[0] == {"name": "Director 14", "count": 2}
    assert [t["name"] for t in top[1:]] == [f"Director {i:02d}" for i in range(9)]


def test_longest_streak_counts_days_not_viewings_and_keeps_the_earliest_tie() -> None:
    days = [D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 2), D(2024, 1, 3), D(2024, 1, 10)]
    days += [D(2024, 1, 31), D(2024, 2, 1), D(2024, 2, 2)]
    streak = stats.longest_streak(days)
    assert streak == stats.Streak(3, D(2024, 1, 1), D(2024, 1, 3))
    assert stats.longest_streak([D(2024, 5, 5)]) == stats.Streak(1, D(2024, 5, 5), D(2024, 5, 5))
    assert stats.longest_streak([]) is None
    across_years = stats.longest_streak([D(2023, 12, 31), D(2024, 1, 1)])
    assert across_years == stats.Streak(2, D(2023, 12, 31), D(2024, 1, 1))


def test_period_keeps_only_its_days_and_year_narrows_from_and_to() -> None:
    viewings = [
        watch(1, "heat-1995", D(2023, 12, 31)),
        watch(2, "heat-1995", D(2024, 1, 1)),
        watch(3, "heat-1995", D(2024, 6, 30)),
        watch(4, "heat-1995", D(2024, 12, 31)),
        watch(5, "heat-1995", D(2025, 1, 1)),
    ]
    assert stats.compute(viewings, FILMS, stats.Period(D(2024, 1, 1), D(2024, 12, 31))).watches == 3
    days = period_from(start=D(2024, 6, 30), year=2024)
    period = stats.Period(days.start, days.end)
    assert period == stats.Period(D(2024, 6, 30), D(2024, 12, 31))
    assert stats.compute(viewings, FILMS, period).watches == 2
    assert stats.compute(viewings, FILMS, stats.Period(end=D(2024, 1, 1))).watches == 2
    with pytest.raises(InvalidInput, match="starts"):
        period_from(start=D(2024, 2, 1), end=D(2024, 1, 1))


def test_bars_scale_to_the_largest_count_in_eighths() -> None:
    rows = [Row(Text("a"), 10), Row(Text("b"), 5), Row(Text("c"), 1), Row(Text("d"), 0)]
    lines = [line.rstrip() for line in rendered(chart(Text("T"), rows), width=21).splitlines()]
    # 1 cell of label, 2 of count, a space after each: 16 cells of bar.
    assert lines == ["T", "a 10 " + "█" * 16, "b  5 " + "█" * 8, "c  1 █▌", "d  0"]


# --------------------------------------------------------------------------- the command


def make_journal(journal: Path, films: list[Film], viewings: list[Watch]) -> None:
    with Store.transaction(journal) as store:
        store.save_films(films)
        store.add_watches(viewings)


@pytest.fixture
def year_2024(journal: Path) -> Path:
    odd = Film(id="heat-x", title="Heat [/] x", directors=("[bold]Nobody[/]",), runtime=90)
    make_journal(
        journal,
        [HEAT, THIEF, VEGAS, odd],
        [
            watch(0, "heat-1995", D(2024, 1, 5), rating=4.5, medium="cinema", where="BFI [IMAX]"),
            watch(0, "heat-1995", D(2024, 1, 6), rating=5, medium="blu-ray", rewatch=True),
            watch(0, "thief-1981", D(2024, 1, 7), rating=4, medium="streaming", where="Netflix"),
            watch(0, "leaving-las-vegas-1995", D(2024, 3, 2), rating=3.5, dnf=True),
            watch(0, "heat-x", D(2024, 11, 30), rating=0.5, medium="streaming", where="Netflix"),
            watch(0, "thief-1981", D(2023, 6, 1), rating=2, medium="vhs"),
        ],
    )
    return journal


def test_stats_json_has_the_spec_keys_and_the_documented_additions(cli, year_2024) -> None:
    r = cli("stats", "--json")
    assert r.code == 0, r.stderr
    doc = r.json()
    # The year in review added more (tests/cli/test_stats_review.py).
    assert set(doc) >= SPEC_KEYS | ADDED_KEYS
    assert doc["watches"] == 6
    assert doc["films"] == 4
    assert doc["by_year"] == {"2023": 1, "2024": 5}
    assert doc["streak"] == {"days": 3, "from": "2024-01-05", "to": "2024-01-07"}
    assert doc["period"] == {
        "from": None,
        "to": None,
        "first_watched": "2023-06-01",
        "last_watched": "2024-11-30",
    }
    assert doc["top_directors"][0] == {"name": "Michael Mann", "count": 4}


def test_stats_for_one_year(cli, year_2024) -> None:
    doc = cli("stats", "--year", "2024", "--json").json()
    assert doc["watches"] == 5
    assert doc["period"]["from"] == "2024-01-01"
    assert doc["period"]["to"] == "2024-12-31"
    assert doc["by_year"] == {"2024": 5}
    assert len(doc["by_month"]) == 12
    assert doc["by_month"]["2024-01"] == 3
    # 170 + 170 + 122 + 90 minutes; the unfinished Leaving Las Vegas is not counted.
    assert doc["hours"] == round(552 / 60, 1)
    assert doc["missing_runtime"] == 0
    assert doc["dnf"] == 1
    assert doc["media"] == {"streaming": 2, "blu-ray": 1, "cinema": 1}


def test_stats_from_and_to(cli, year_2024) -> None:
    doc = cli("stats", "--from", "2024-01-06", "--to", "2024-03-02", "--json").json()
    assert doc["watches"] == 3
    assert doc["by_month"] == {"2024-01": 2, "2024-02": 0, "2024-03": 1}


def test_stats_screen_at_80_columns(cli, year_2024) -> None:
    r = cli("stats", "--year", "2024", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    assert lines[0].startswith("Stats: 2024  (viewings 2024-01-05 to 2024-11-30) ──")
    text = "\n".join(line.rstrip() for line in lines)
    assert "Viewings        5  4 films, 1 rewatch, 1 not finished" in text
    assert "Hours           9.2  (unfinished ones not counted)" in text
    assert "Average         ★★★½  3.50 from 5 ratings" in text
    assert "Longest streak  3 days in a row, 2024-01-05 to 2024-01-07" in text
    # Ratings on the left, months on the right, side by side.
    assert "Ratings  5 ratings" in text
    assert "Viewings per month  2024" in text
    # The right chart starts where its heading does, three cells after the left one.
    right_at = next(line for line in lines if "Viewings per month" in line).index("Viewings")
    assert 38 <= right_at <= 42
    row = next(line for line in lines if line.startswith("★★★★★"))
    assert row.startswith("★★★★★ 1 ")
    left, right = row[: right_at - 3], row[right_at:]
    # The largest count's bar fills its column after the label, the count and two spaces.
    assert left.split()[2] == "█" * (right_at - 3 - len("★★★★★ 1 "))
    assert right.split()[:2] == ["Oct", "0"]
    jan = next(line for line in lines if " Jan 3 " in line)
    assert jan.split()[-1] == "█" * (80 - right_at - len("Jan 3 "))
    assert "Dec 0" in text
    # Names that look like markup print as typed.
    assert "BFI [IMAX]" in text
    assert "[bold]Nobody[/]" in text
    for heading in ("Media", "Where", "Top directors", "Top genres", "Top actors"):
        assert heading in text
    assert "Al Pacino" in text
    assert "not recorded 1" in text


def test_stats_screen_stacks_sections_on_a_narrow_terminal(cli, year_2024) -> None:
    r = cli("stats", env={"COLUMNS": "50"})
    assert r.code == 0, r.stderr
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    assert all(len(line) <= 50 for line in lines)
    assert "Viewings per year" in lines
    assert any(line.startswith("2023 1 ") for line in lines)


def test_stats_on_an_empty_journal_says_so(cli, empty_journal) -> None:
    before = empty_journal.read_bytes()
    r = cli("stats")
    assert (r.code, r.stdout) == (0, "")
    assert "No viewings in the journal yet" in r.stderr
    assert empty_journal.read_bytes() == before
    doc = cli("stats", "--json").json()
    assert doc["watches"] == 0
    assert doc["average_rating"] is None
    assert doc["streak"] is None
    assert doc["by_month"] == {}


def test_stats_on_an_empty_period_says_so(cli, year_2024) -> None:
    r = cli("stats", "--year", "1999")
    assert r.code == 0
    assert r.stderr.strip() == "No viewings in 1999."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "soon"], "is not a date"),
        (["--from", "2024-02-01", "--to", "2024-01-01"], "starts (2024-02-01) after"),
        (["--year", "99"], "not a plausible year"),
    ],
)
def test_stats_refuses_bad_periods(cli, year_2024, args, message) -> None:
    r = cli("stats", *args)
    assert r.code == 2
    assert r.stderr.startswith("error: ")
    assert message in r.stderr


# --------------------------------------------------------------------------- a real diary

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
REAL = [("extratone", 2021), ("patrickmjones", 2020)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def watched_on(row: dict[str, str]) -> dt.date:
    return dt.date.fromisoformat(row["Watched Date"] or row["Date"])


def expected_from_export(folder: Path, year: int | None = None) -> dict[str, Any]:
    """What ``stats --json`` must say, worked out from the export's CSV files alone."""
    rows = [r for r in read_csv(folder / "diary.csv") if year is None or watched_on(r).year == year]
    days = sorted(watched_on(r) for r in rows)
    # A diary row names its film by title and year. Two different films can share both
    # (patrickmjones logged two 1897 "The Haunted Castle"s on one day); watched.csv lists
    # each film once, so it tells how many films a title and year stand for.
    listed = Counter((r["Name"], r["Year"]) for r in read_csv(folder / "watched.csv"))
    logged = Counter((r["Name"], r["Year"]) for r in rows)
    films = sum(min(n, max(1, listed[key])) for key, n in logged.items())
    ratings = [r["Rating"] for r in rows if r["Rating"]]
    if year is None:
        years = range(days[0].year, days[-1].year + 1)
        months = [
            (y, m)
            for y in years
            for m in range(1, 13)
            if (days[0].year, days[0].month) <= (y, m) <= (days[-1].year, days[-1].month)
        ]
    else:
        years = range(year, year + 1)
        months = [(year, m) for m in range(1, 13)]
    per_year = Counter(d.year for d in days)
    per_month = Counter((d.year, d.month) for d in days)
    dates = set(days)
    streak: tuple[int, dt.date, dt.date] | None = None
    for first in sorted(dates):
        if first - dt.timedelta(days=1) in dates:
            continue
        last = first
        while last + dt.timedelta(days=1) in dates:
            last += dt.timedelta(days=1)
        length = (last - first).days + 1
        if streak is None or length > streak[0]:
            streak = (length, first, last)
    assert streak is not None
    return {
        "period": {
            "from": f"{year}-01-01" if year else None,
            "to": f"{year}-12-31" if year else None,
            "first_watched": days[0].isoformat(),
            "last_watched": days[-1].isoformat(),
        },
        "watches": len(rows),
        "films": films,
        "rewatches": sum(r["Rewatch"] == "Yes" for r in rows),
        "dnf": 0,
        # A Letterboxd export has no runtimes, media, places, people or genres.
        "hours": 0,
        "missing_runtime": len(rows),
        "average_rating": round(statistics.mean(float(r) for r in ratings), 2) if ratings else None,
        "ratings": {key: ratings.count(key) for key in RATING_KEYS},
        "by_year": {str(y): per_year[y] for y in years},
        "by_month": {f"{y}-{m:02d}": per_month[(y, m)] for y, m in months},
        "media": {},
        "where": [],
        "top_directors": [],
        "top_actors": [],
        "top_genres": [],
        "streak": {
            "days": streak[0],
            "from": streak[1].isoformat(),
            "to": streak[2].isoformat(),
        },
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each real Letterboxd export imported once, with filmlog's own importer."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA} (CI has them beside the project)")
    journals = {}
    for user, _ in REAL:
        journal = tmp_path_factory.mktemp(user) / "journal.json"
        folder = str(REAL_DATA / f"lbx-{user}")
        result = invoke(["--db", str(journal), "import", "letterboxd", folder])
        assert result.code == 0, result.stderr
        journals[user] = journal
    return journals


@pytest.mark.parametrize(("user", "year"), REAL)
def test_stats_of_a_real_diary_match_the_export(imported, real_data, user, year) -> None:
    folder = real_data / f"lbx-{user}"
    whole = invoke(["--db", str(imported[user]), "stats", "--json"])
    assert whole.code == 0, whole.stderr
    # The keys stats had before the year in review; tests/cli/test_stats_review.py checks
    # the others against the export.
    expected = expected_from_export(folder)
    assert {key: whole.json()[key] for key in expected} == expected
    one_year = invoke(["--db", str(imported[user]), "stats", "--year", str(year), "--json"])
    assert one_year.code == 0, one_year.stderr
    expected = expected_from_export(folder, year)
    assert {key: one_year.json()[key] for key in expected} == expected


def test_real_stats_screen_at_80_columns(imported, real_data) -> None:
    expected = expected_from_export(real_data / "lbx-extratone", 2021)
    r = invoke(
        ["--db", str(imported["extratone"]), "stats", "--year", "2021"],
        env={"COLUMNS": "80", "NO_COLOR": "1"},
    )
    assert r.code == 0, r.stderr
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    assert all(len(line) <= 80 for line in lines)
    n, films, rewatches = expected["watches"], expected["films"], expected["rewatches"]
    assert f"Viewings        {n}  {films} films, {rewatches} rewatches" in lines
    assert f"Hours           unknown: no runtime for any of the {n} viewings" in lines
    average = expected["average_rating"]
    rated = sum(expected["ratings"].values())
    assert any(line.endswith(f"  {average:.2f} from {rated} ratings") for line in lines)
    streak = expected["streak"]
    assert (
        f"Longest streak  {streak['days']} days in a row, {streak['from']} to {streak['to']}"
        in lines
    )
    # The months chart is the right half of the two-column grid; each bar is as long as
    # its count allows against the busiest month.
    right_at = next(line for line in lines if "Viewings per month" in line).index("Viewings")
    months = {
        line[right_at : right_at + 3]: line[right_at + 3 :]
        for line in lines
        # "Decades" below starts with "Dec" too.
        if line[right_at : right_at + 3] in MONTH_NAMES and line[right_at + 3 : right_at + 4] == " "
    }
    counts = expected["by_month"]
    assert list(months) == list(MONTH_NAMES)
    busiest = max(counts.values())
    for number, name in enumerate(MONTH_NAMES, 1):
        count = counts[f"2021-{number:02d}"]
        shown = months[name].split()
        assert int(shown[0]) == count
        if count == busiest:
            assert shown[1] == "█" * (80 - right_at - len("Jan") - len(str(busiest)) - 2)
        elif count == 0:
            assert len(shown) == 1
    ratings = [line[: right_at - 3].split() for line in lines if line[:1] in ("½", "★")]
    assert [(r[0], int(r[1])) for r in ratings] == [
        ("★" * int(float(key)) + ("½" if key.endswith(".5") else ""), value)
        for key, value in expected["ratings"].items()
    ]
    assert "No directors, actors, genres and runtimes recorded" in r.stdout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--from", "2130-01-01"], "No viewings on or after 2130-01-01: that is still to come."),
        (["--from", "2025-02-01"], "No viewings on or after 2025-02-01."),
        (["--to", "1999-12-31"], "No viewings on or before 1999-12-31."),
        (
            ["--from", "1999-01-01", "--to", "1999-03-31"],
            "No viewings from 1999-01-01 to 1999-03-31.",
        ),
        (["--from", "1999-05-01", "--to", "1999-05-01"], "No viewings on 1999-05-01."),
        (["--year", "2150"], "No viewings in 2150: that is still to come."),
    ],
)
def test_an_empty_period_is_named_in_plain_words(cli, year_2024, args, line) -> None:
    r = cli("stats", *args)
    assert (r.code, r.stdout, r.stderr) == (0, "", line + "\n")
