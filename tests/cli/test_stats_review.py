"""The year in review: films and viewings counted apart, the period's best and most
watched films, decades, countries, tags, companions, milestones, the calendar, weekdays,
``--by``, ``--on-this-day``, and the screen that shows them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from filmlog import stats
from filmlog.models import CastMember, Film, Watch
from filmlog.render.stats import Calendar, Heatmap, shade
from filmlog.store import Store
from tests.helpers import rendered

D = dt.date

HEAT = Film(
    id="heat-1995",
    title="Heat",
    year=1995,
    directors=("Michael Mann",),
    genres=("Crime",),
    runtime=170,
    countries=("United States",),
    cast=(CastMember("Al Pacino", "Vincent Hanna"), CastMember("Robert De Niro", "Neil")),
)
THIEF = Film(
    id="thief-1981",
    title="Thief",
    year=1981,
    directors=("Michael Mann",),
    genres=("Crime",),
    runtime=122,
    countries=("United States",),
    cast=(CastMember("James Caan", "Frank"),),
)
RONIN = Film(
    id="ronin-1998",
    title="Ronin",
    year=1998,
    directors=("John Frankenheimer",),
    genres=("Action",),
    runtime=122,
    countries=("United States", "United Kingdom"),
    cast=(CastMember("Robert De Niro", "Sam"),),
)
ODD = Film(id="odd", title="<b>Odd</b> [red]x[/]", runtime=5)
FILMS = {f.id: f for f in (HEAT, THIEF, RONIN, ODD)}


def watch(n: int, film: str, day: dt.date, **fields: object) -> Watch:
    return Watch(id=n, film=film, date=day, **fields)


# Heat three times in 2024 (twice with Sam), Thief once, Ronin once unfinished, Odd once.
VIEWINGS = [
    watch(1, "heat-1995", D(2024, 1, 5), rating=4, tags=("35mm",), with_=("Sam",)),
    watch(2, "heat-1995", D(2024, 3, 1), rating=5, rewatch=True, with_=("sam",), tags=("35mm",)),
    watch(3, "thief-1981", D(2024, 3, 1), rating=4.5, tags=("35MM", "neo-noir")),
    watch(4, "ronin-1998", D(2024, 6, 8), dnf=True),
    watch(5, "heat-1995", D(2024, 12, 30), rating=3.5, rewatch=True, review="*Still* great."),
    watch(6, "odd", D(2024, 12, 31), rating=1),
    watch(7, "heat-1995", D(2023, 3, 1), rating=5),
    watch(8, "thief-1981", D(2022, 3, 1)),
]


def year_2024(**options: object) -> stats.Stats:
    return stats.compute(
        VIEWINGS, FILMS.get, stats.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), **options
    )  # type: ignore[arg-type]


def test_people_count_films_with_viewings_beside_them() -> None:
    doc = year_2024().to_json()
    assert doc["by"] == "films"
    assert doc["directors"][0] == {"name": "Michael Mann", "count": 2, "films": 2, "viewings": 4}
    assert doc["actors"][0] == {"name": "Robert De Niro", "count": 2, "films": 2, "viewings": 4}
    assert {"name": "Al Pacino", "count": 1, "films": 1, "viewings": 3} in doc["actors"]
    # The keys stats always had keep counting viewings.
    assert doc["top_directors"][0] == {"name": "Michael Mann", "count": 4}
    assert doc["top_actors"][0] == {"name": "Robert De Niro", "count": 4}


def test_by_viewings_ranks_and_counts_viewings() -> None:
    doc = year_2024(by="viewings").to_json()
    assert doc["by"] == "viewings"
    assert doc["genres"] == [
        {"name": "Crime", "count": 4, "films": 2, "viewings": 4},
        {"name": "Action", "count": 1, "films": 1, "viewings": 1},
    ]
    # By films Al Pacino (1 film, 3 viewings) comes after Robert De Niro (2 films); by
    # viewings too, but James Caan (1 viewing) falls behind Al Pacino.
    names = [a["name"] for a in doc["actors"]]
    assert names == ["Robert De Niro", "Al Pacino", "James Caan"]


def test_countries_tags_and_companions_merge_spellings_and_count_films_once() -> None:
    doc = year_2024().to_json()
    assert doc["countries"] == [
        {"name": "United States", "count": 3, "films": 3, "viewings": 5},
        {"name": "United Kingdom", "count": 1, "films": 1, "viewings": 1},
    ]
    # "35mm" twice on Heat and "35MM" on Thief: two films, three viewings.
    assert doc["tags"][0] == {"name": "35mm", "count": 2, "films": 2, "viewings": 3}
    assert doc["companions"] == [{"name": "Sam", "count": 1, "films": 1, "viewings": 2}]


def test_best_most_watched_first_watches_and_unfinished() -> None:
    doc = year_2024().to_json()
    assert doc["first_watches"] == 4
    assert doc["rewatches"] == 2
    # A film's rating in the period is its last rating in it: Heat's 3.5 of December.
    assert [(f["film"], f["rating"]) for f in doc["highest_rated"]] == [
        ("thief-1981", 4.5),
        ("heat-1995", 3.5),
        ("odd", 1.0),
    ]
    assert doc["most_watched"] == [
        {"film": "heat-1995", "title": "Heat", "year": 1995, "viewings": 3}
    ]
    assert doc["unfinished"] == [
        {"film": "ronin-1998", "title": "Ronin", "year": 1998, "date": "2024-06-08"}
    ]
    # Ronin was not finished: the longest finished film is Heat.
    assert doc["longest_film"] == {
        "film": "heat-1995",
        "title": "Heat",
        "year": 1995,
        "runtime": 170,
    }
    assert doc["shortest_film"]["film"] == "odd"
    assert doc["best_reviews"] == [
        {
            "film": "heat-1995",
            "title": "Heat",
            "year": 1995,
            "date": "2024-12-30",
            "rating": 3.5,
            "review": "*Still* great.",
            "spoilers": False,
        }
    ]


def test_best_reviews_are_of_well_rated_films_only() -> None:
    panned = watch(9, "odd", D(2024, 12, 31), rating=1, review="Dreadful.")
    doc = stats.compute(
        [*VIEWINGS[:5], panned],
        FILMS.get,
        stats.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ).to_json()
    # Odd is among the highest rated of a year of four rated films, but 1 star is no
    # best: its review stays out, while Heat's (3.5) is in.
    assert "odd" in [f["film"] for f in doc["highest_rated"]]
    assert [r["film"] for r in doc["best_reviews"]] == ["heat-1995"]


def test_decades_release_years_days_and_weekdays() -> None:
    doc = year_2024().to_json()
    assert doc["decades"] == {
        "1980s": {"films": 1, "viewings": 1},
        "1990s": {"films": 2, "viewings": 4},
    }
    assert list(doc["release_years"]) == ["1981", "1995", "1998"]
    assert doc["days"] == {
        "2024-01-05": 1,
        "2024-03-01": 2,
        "2024-06-08": 1,
        "2024-12-30": 1,
        "2024-12-31": 1,
    }
    # 5 Jan 2024 a Friday, 1 Mar a Friday, 8 Jun a Saturday, 30 Dec a Monday, 31 a Tuesday.
    assert doc["weekdays"] == {
        "Mon": 1,
        "Tue": 1,
        "Wed": 0,
        "Thu": 0,
        "Fri": 3,
        "Sat": 1,
        "Sun": 0,
    }


def test_milestones_name_the_nth_film_of_the_period() -> None:
    films = {f"f{i}": Film(id=f"f{i}", title=f"Film {i}") for i in range(120)}
    viewings = [watch(i + 1, f"f{i}", D(2024, 1, 1) + dt.timedelta(days=i)) for i in range(120)]
    # A rewatch is no new film: the 10th film is still f9.
    viewings.append(watch(500, "f0", D(2024, 1, 3)))
    doc = stats.compute(viewings, films.get).to_json()
    assert [(m["n"], m["film"]) for m in doc["milestones"]] == [
        (1, "f0"),
        (10, "f9"),
        (25, "f24"),
        (50, "f49"),
        (100, "f99"),
    ]
    assert doc["milestones"][-1]["date"] == "2024-04-09"


def test_on_this_day_finds_earlier_years_newest_first() -> None:
    docs = [
        {"id": 1, "film": "heat-1995", "date": "2020-03-01", "rating": 4},
        {"id": 2, "film": "thief-1981", "date": "2023-03-01"},
        {"id": 3, "film": "heat-1995", "date": "2025-03-01"},  # the same year: not earlier
        {"id": 4, "film": "ronin-1998", "date": "2020-02-29"},
        {"id": 5, "film": "odd", "date": None},
    ]
    film_docs = {"heat-1995": {"id": "heat-1995", "title": "Heat", "year": 1995}}
    found = stats.on_this_day(docs, film_docs.get, D(2025, 3, 1))
    assert [(m.ref.film, m.n) for m in found] == [("thief-1981", 2), ("heat-1995", 5)]
    # 29 February shows on 28 February of a year without one.
    leap = stats.on_this_day(docs, film_docs.get, D(2025, 2, 28))
    assert [m.ref.film for m in leap] == ["ronin-1998"]


def test_heatmap_draws_a_cell_a_day_weeks_as_columns() -> None:
    days = {D(2024, 1, 1): 1, D(2024, 1, 3): 4, D(2024, 1, 10): 2}
    text = rendered(Heatmap(days, D(2024, 1, 1), D(2024, 1, 21)), width=40)
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[0].strip() == "Jan"
    # 1 January 2024 is a Monday: three full weeks, three columns.
    assert lines[1] == "Mon ░··"
    assert lines[3] == "Wed █▒·"
    assert lines[7] == "Sun ···"
    assert lines[8].endswith("more  busiest day: 4")
    assert [shade(n, 4) for n in range(5)] == [0, 1, 2, 3, 4]


def test_a_narrow_terminal_shows_the_latest_weeks() -> None:
    days = {D(2024, 12, 31): 1}
    text = rendered(Heatmap(days, D(2024, 1, 1), D(2024, 12, 31)), width=20)
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= 20 for line in lines)
    # Tuesday 31 December, the last column, the busiest day shown.
    assert lines[2].rstrip().endswith("█")


def test_the_calendar_heading_names_the_days_a_narrow_terminal_shows() -> None:
    heatmap = Heatmap({D(2024, 12, 31): 1}, D(2024, 1, 1), D(2024, 12, 31))
    wide = rendered(Calendar(heatmap), width=80).splitlines()[0]
    assert wide.split() == ["Calendar", "2024-01-01", "to", "2024-12-31"]
    narrow = rendered(Calendar(heatmap), width=40).splitlines()
    # 36 weeks fit: the last starts on Monday 30 December, the first 35 weeks before.
    assert narrow[0].split() == ["Calendar", "2024-04-29", "to", "2024-12-31"]


# --------------------------------------------------------------------------- the command


@pytest.fixture
def reviewed(journal: Path) -> Path:
    with Store.transaction(journal) as store:
        store.save_films(list(FILMS.values()))
        store.add_watches([watch(0, w.film, w.date, **_fields(w)) for w in VIEWINGS])  # type: ignore[arg-type]
    return journal


def _fields(w: Watch) -> dict[str, object]:
    return {
        "rating": w.rating,
        "tags": w.tags,
        "with_": w.with_,
        "rewatch": w.rewatch,
        "dnf": w.dnf,
        "review": w.review,
    }


def test_stats_by_viewings_from_the_command_line(cli, reviewed) -> None:
    films = cli("stats", "--year", "2024", "--json").json()
    viewings = cli("stats", "--year", "2024", "--by", "viewings", "--json").json()
    assert films["directors"][0]["count"] == 2
    assert viewings["directors"][0]["count"] == 4
    assert films["top_directors"] == viewings["top_directors"]


def test_stats_screen_shows_the_year_in_review_at_80_columns(cli, reviewed) -> None:
    r = cli("stats", "--year", "2024", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.code == 0, r.stderr
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    assert "First time      4 first watches, 2 rewatches" in text
    assert "Longest         170 min  Heat (1995)" in text
    assert "Calendar  2024-01-01 to 2024-12-31" in text
    mondays = next(line for line in lines if line.startswith("Mon "))
    assert len(mondays) == 4 + 53  # 2024 touches 53 weeks
    for heading in ("Highest rated", "Most watched", "Not finished", "Weekdays", "Decades"):
        assert heading in text
    assert "Top directors  films, v = viewings" in text
    director = next(line for line in lines if "Michael Mann" in line)
    assert director.split()[2:4] == ["2", "4v"]
    # User text prints as typed, never as markup.
    assert "<b>Odd</b> [red]x[/]" in text
    assert "Watched with" in text


def test_on_this_day_from_the_command_line(cli, reviewed) -> None:
    r = cli("stats", "--on-this-day", "--date", "2025-03-01", env={"COLUMNS": "80"})
    assert r.code == 0, r.stderr
    assert "On this day: 1 March" in r.stdout
    rows = [line for line in r.stdout.splitlines() if "ago" in line]
    assert "2024-03-01  1 year ago" in rows[0]
    assert "2022-03-01  3 years ago  Thief (1981)" in rows[-1]
    doc = cli("stats", "--on-this-day", "--date", "2025-03-01", "--json").json()
    assert doc["date"] == "2025-03-01"
    assert [(v["date"], v["film"], v["years_ago"]) for v in doc["viewings"]] == [
        ("2024-03-01", "thief-1981", 1),
        ("2024-03-01", "heat-1995", 1),
        ("2023-03-01", "heat-1995", 2),
        ("2022-03-01", "thief-1981", 3),
    ]
    empty = cli("stats", "--on-this-day", "--date", "2025-07-04")
    assert (empty.code, empty.stdout) == (0, "")
    assert "Nothing watched on 4 July in earlier years." in empty.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "people"], "neither 'films' nor 'viewings'"),
        (["--date", "2025-01-01"], "--date goes with --on-this-day"),
        (["--on-this-day", "--year", "2024"], "--on-this-day takes no period"),
        (["--on-this-day", "--date", "someday"], "is not a date"),
    ],
)
def test_stats_refuses_bad_options_and_leaves_the_journal(cli, reviewed, args, message) -> None:
    before = reviewed.read_bytes()
    r = cli("stats", *args)
    assert r.code == 2, r.stderr
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert reviewed.read_bytes() == before


def test_a_damaged_viewing_is_named_not_counted(cli, reviewed) -> None:
    data = json.loads(reviewed.read_text())
    doc_id = next(iter(data["watches"]))
    data["watches"][doc_id]["rating"] = 7
    reviewed.write_text(json.dumps(data))
    for args in (["stats"], ["stats", "--json"], ["stats", "--on-this-day"]):
        r = cli(*args)
        assert r.code == 1, args
        assert f"watches document {doc_id}" in r.stderr
        assert "Traceback" not in r.stderr


@pytest.mark.parametrize("first", [dt.date(2023, 4, 16), dt.date(2023, 4, 29), dt.date(2024, 1, 1)])
def test_calendar_month_names_never_run_together(first):
    last = first + dt.timedelta(days=363)
    header = rendered(Heatmap({first: 1}, first, last), width=80).splitlines()[0]
    names = header.split()
    assert all(len(name) == 3 for name in names), header  # "AprMay" would be 6
    # Twelve months or so, each named once.
    assert len(names) == len(set(names)) >= 11, header
