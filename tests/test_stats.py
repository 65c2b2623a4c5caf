"""``filmlog stats``: the aggregations, the JSON contract, the screen, and a real diary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from filmlog import stats
from filmlog.errors import InvalidInput
from filmlog.models import CastMember, Film, Watch
from filmlog.render_stats import bar
from filmlog.store import Store

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
    return Watch(id=n, film=film, date=day, **fields)  # type: ignore[arg-type]


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
FILMS = {f.id: f for f in (HEAT, THIEF, VEGAS)}


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
    past = stats.compute(viewings, FILMS, stats.period_of(year=2024), today=D(2026, 1, 1))
    assert list(past.to_json()["by_month"]) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert past.monthly
    current = stats.compute(viewings, FILMS, stats.period_of(year=2025), today=D(2025, 6, 9))
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
    }
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
    assert stats.compute(viewings, FILMS, stats.period_of(year=2024)).watches == 3
    period = stats.period_of(start=D(2024, 6, 30), year=2024)
    assert period == stats.Period(D(2024, 6, 30), D(2024, 12, 31))
    assert stats.compute(viewings, FILMS, period).watches == 2
    assert stats.compute(viewings, FILMS, stats.Period(end=D(2024, 1, 1))).watches == 2
    with pytest.raises(InvalidInput, match="starts"):
        stats.period_of(start=D(2024, 2, 1), end=D(2024, 1, 1))


def test_bars_scale_to_the_largest_count_in_eighths() -> None:
    assert bar(10, 10, 8) == "████████"
    assert bar(5, 10, 8) == "████"
    assert bar(1, 16, 8) == "▌"
    assert bar(1, 1000, 8) == "▏"
    assert bar(0, 10, 8) == ""


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
    assert set(doc) == SPEC_KEYS | ADDED_KEYS
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
    row = next(line for line in lines if line.startswith("★★★★★"))
    assert row.startswith("★★★★★ 1 ")
    left, right = row[:38], row[41:]
    assert left.split()[2] == "█" * 30
    assert right.split()[:2] == ["Oct", "0"]
    jan = next(line for line in lines if " Jan 3 " in line)
    assert jan.split()[-1] == "█" * 32
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


def test_stats_on_an_empty_journal_says_so(cli, journal) -> None:
    r = cli("stats")
    assert (r.code, r.stdout) == (0, "")
    assert "No viewings in the journal yet" in r.stderr
    assert not journal.exists()
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
