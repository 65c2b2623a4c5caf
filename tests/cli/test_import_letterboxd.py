"""``filmlog import letterboxd``: real and synthetic exports, idempotent, all-or-nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from msgspec.structs import replace

from filmlog import store as store_module
from filmlog.models import Film
from filmlog.store import Store
from tests.helpers import stored

DIARY = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
REVIEWS = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date"
RATINGS = "Date,Name,Year,Letterboxd URI,Rating"
FILMS = "Date,Name,Year,Letterboxd URI"
TAG = re.compile(r"(?<!\\)</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>")
USERS = ("lbx-patrickmjones", "lbx-extratone")


def export(folder: Path, newline: str = "\n", **files: list[str]) -> Path:
    """Write an export folder: ``diary=[header, row, ...]``; likes -> likes/films.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {"likes": "likes/films.csv"}
    for key, lines in files.items():
        path = folder / names.get(key, f"{key}.csv")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return folder


def zip_folder(folder: Path, target: Path, inner: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, inner + path.relative_to(folder).as_posix())
    return target


def watches(journal: Path) -> list[dict]:
    return sorted(stored(journal)["watches"].values(), key=lambda w: w["id"])


def films(journal: Path) -> dict[str, dict]:
    return stored(journal)["films"]


# --------------------------------------------------------------------------- diary


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_diary_rows_become_viewings(cli, journal, tmp_path, newline):
    folder = export(
        tmp_path / "lbx",
        newline,
        diary=[
            DIARY,
            '2024-01-03,Heat,1995,https://boxd.it/a1,4.5,,"35mm, with-sam",2024-01-02',
            '2024-01-05,"Salò, or the 120 Days of Sodom",1975,https://boxd.it/a2,0.5,Yes,,',
            "2024-01-06,[REC]²,2007,https://boxd.it/a3,,,,2024-01-06",
            "2024-01-07,Deep-Fried Fingers,,https://boxd.it/a4,,,short,2024-01-07",
            "2024-01-08,Nausicaä of the Valley of the Wind 🌬️,1984,,5,,,2024-01-08",
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert "Added: 5 films, 5 viewings" in result.stdout
    rows = watches(journal)
    by_title = {films(journal)[w["film"]]["title"]: w for w in rows}
    heat = by_title["Heat"]
    assert heat["date"] == "2024-01-02"
    assert heat["logged"] == "2024-01-03"
    assert heat["rating"] == 4.5
    assert heat["tags"] == ["35mm", "with-sam"]
    assert heat["rewatch"] is False
    assert heat["source"] == "letterboxd:https://boxd.it/a1"
    salo = by_title["Salò, or the 120 Days of Sodom"]
    assert salo["date"] == "2024-01-05"  # no Watched Date: the Date column
    assert salo["rewatch"] is True
    assert salo["rating"] == 0.5
    assert by_title["Deep-Fried Fingers"]["film"] == "deep-fried-fingers"
    assert films(journal)["deep-fried-fingers"]["year"] is None
    nausicaa = by_title["Nausicaä of the Valley of the Wind 🌬️"]
    assert nausicaa["source"] == (
        "letterboxd:Nausicaä of the Valley of the Wind 🌬️ (1984) on 2024-01-08 #1"
    )
    assert all(f["seen"] for f in films(journal).values())
    assert all(f["rating"] is None for f in films(journal).values())


def test_rewatch_is_kept_as_given_not_derived(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-01,Heat,1995,https://boxd.it/a1,,Yes,,2024-01-01",
            "2024-02-01,Heat,1995,https://boxd.it/a2,,,,2024-02-01",
        ],
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert [w["rewatch"] for w in watches(journal)] == [True, False]


def test_same_film_twice_on_one_day_is_two_viewings(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-01,Heat,1995,https://boxd.it/a1,4,,,2024-01-01",
            "2024-01-01,Heat,1995,https://boxd.it/a2,5,Yes,,2024-01-01",
            "2024-01-01,Her Story,2015,,,,game,2024-01-01",
            "2024-01-01,Her Story,2015,,,,game,2024-01-01",
        ],
    )
    first = cli("import", "letterboxd", str(folder))
    assert first.code == 0, first.stderr
    rows = watches(journal)
    assert len(rows) == 4
    assert len(films(journal)) == 2
    assert [w["source"] for w in rows if w["film"] == "her-story-2015"] == [
        "letterboxd:Her Story (2015) on 2024-01-01 #1",
        "letterboxd:Her Story (2015) on 2024-01-01 #2",
    ]
    before = journal.read_bytes()
    again = cli("import", "letterboxd", str(folder))
    assert again.code == 0
    assert "Already in the journal: 2 films, 4 viewings" in again.stdout
    assert journal.read_bytes() == before


def test_a_reimport_follows_a_film_renamed_in_the_journal(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-01,Her Story,2015,,,,game,2024-01-01",
            "2024-02-01,Her Story,2015,,,,game,2024-02-01",
        ],
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    with Store.transaction(journal) as store:
        film = store.film("her-story-2015")
        assert film is not None
        store.save_film(replace(film, title="Her Story (the game)"))
    before = journal.read_bytes()
    again = cli("import", "letterboxd", str(folder))
    assert again.code == 0, again.stderr
    assert "Added: 0 films, 0 viewings" in again.stdout
    assert journal.read_bytes() == before


def test_viewing_ids_follow_the_watched_dates(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2021-06-13,Soylent Green,1973,https://boxd.it/b1,,,on-vhs,1996-08-24",
            "2019-01-02,Brick,2005,https://boxd.it/b2,,,,2012-10-29",
        ],
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert [(w["id"], w["date"]) for w in watches(journal)] == [
        (1, "1996-08-24"),
        (2, "2012-10-29"),
    ]


# --------------------------------------------------------------------------- reviews


def test_reviews_join_their_diary_rows_as_markdown(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        "\r\n",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02",
            "2024-01-04,Never Hike Alone,2017,,,,youtube,2024-01-04",
        ],
        reviews=[
            REVIEWS,
            '2024-01-03,Heat,1995,https://boxd.it/a1,4,,"<b>Loud</b> and <i>long</i>.\r\n\r\n'
            "<blockquote>Don't let yourself get attached.</blockquote>It&#39;s great 😢\",,"
            "2024-01-02",
            "2024-01-04,Never Hike Alone,2017,,,,\"<a href='https://letterboxd.com/film/x/'>"
            'Fan</a> film, ""better"" than most",youtube,2024-01-04',
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    rows = watches(journal)
    assert len(rows) == 2
    assert rows[0]["review"] == (
        "**Loud** and *long*.\n\n> Don't let yourself get attached.\n\nIt's great 😢"
    )
    assert rows[1]["review"] == '[Fan](https://letterboxd.com/film/x/) film, "better" than most'


def test_review_without_a_day_is_an_undated_entry_of_its_film(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        reviews=[
            REVIEWS,
            '2018-09-25,Citizen Kane,1941,https://boxd.it/wT2EP,5,,"I <i>vehemently</i> hate it",,',
        ],
        watched=[FILMS, "2018-09-25,Citizen Kane,1941,https://boxd.it/29Nu"],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    (review,) = watches(journal)
    assert review["date"] is None and review["logged"] == "2018-09-25"
    assert review["rating"] == 5 and review["review"] == "I *vehemently* hate it"
    assert review["source"] == "letterboxd:https://boxd.it/wT2EP"
    kane = films(journal)["citizen-kane-1941"]
    assert kane["seen"] is True and kane["notes"] is None
    assert kane["ids"]["letterboxd"] == "https://boxd.it/29Nu"
    assert "In the export: 1 viewing, 1 review without a day" in result.stdout
    before = journal.read_bytes()
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert journal.read_bytes() == before
    # Shown on the film's page, rendered; found by search; never in the diary or stats.
    page = cli("show", "citizen kane")
    assert "Review, undated  ★★★★★" in page.stdout and "I vehemently hate it" in page.stdout
    assert "*" not in page.stdout.split("Review, undated")[1]
    assert cli("search", "vehemently", "--json").json()["reviews"][0]["date"] is None
    assert cli("diary", "--json").json() == []
    assert cli("stats", "--json").json()["watches"] == 0
    assert cli("show", "citizen kane", "--json").json()["summary"]["first_watched"] is None


def test_an_undated_review_imported_into_notes_before_moves_out_of_them(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        reviews=[REVIEWS, "2018-09-25,Citizen Kane,1941,https://boxd.it/wT2EP,5,,Great,,"],
    )
    assert cli("film", "set", "Citizen Kane", "--year", "1941", "--notes", "Mine.").code == 0
    old = "Letterboxd review, 2018-09-25, ★★★★★ (https://boxd.it/wT2EP):\n\nGreat"
    data = json.loads(journal.read_text())
    (doc,) = data["films"].values()
    doc["notes"] = f"Mine.\n\n{old}"
    journal.write_text(json.dumps(data))
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert films(journal)["citizen-kane-1941"]["notes"] == "Mine."
    assert [w["review"] for w in watches(journal)] == ["Great"]


def test_review_with_a_day_but_no_diary_row_is_a_viewing(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        reviews=[REVIEWS, "2020-01-02,Heat,1995,https://boxd.it/r1,4,,Great.,,2020-01-01"],
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    [watch] = watches(journal)
    assert watch["date"] == "2020-01-01"
    assert watch["review"] == "Great."
    assert watch["source"] == "letterboxd:https://boxd.it/r1"


def test_a_later_export_fills_in_a_new_review(cli, journal, tmp_path):
    diary = [DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02"]
    assert cli("import", "letterboxd", str(export(tmp_path / "one", diary=diary))).code == 0
    later = export(
        tmp_path / "two",
        diary=diary,
        reviews=[REVIEWS, "2024-01-03,Heat,1995,https://boxd.it/a1,4,,Loud.,,2024-01-02"],
    )
    result = cli("import", "letterboxd", str(later), "--json")
    assert result.code == 0
    summary = result.json()
    assert summary["updated"]["viewings"] == 1
    assert summary["viewing_changes"] == [{"id": 1, "film": "heat-1995", "fields": ["review"]}]
    assert watches(journal)[0]["review"] == "Loud."


def test_a_reimport_keeps_what_was_edited_in_the_journal(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx", diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02"]
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert cli("edit", "1", "--rating", "2", "--medium", "cinema").code == 0
    again = cli("import", "letterboxd", str(folder))
    assert again.code == 0
    assert "diary.csv:2: kept viewing #1 as the journal has it (rating differ" in again.stdout
    assert watches(journal)[0]["rating"] == 2
    assert watches(journal)[0]["medium"] == "cinema"


# --------------------------------------------------------------------------- film files


def test_ratings_watched_likes_and_watchlist(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02"],
        ratings=[RATINGS, "2024-01-03,Heat,1995,https://boxd.it/29Pq,4.5"],
        watched=[
            FILMS,
            "2024-01-03,Heat,1995,https://boxd.it/29Pq",
            '2017-12-15,"I, Daniel Blake",2016,https://boxd.it/bq2s',
        ],
        likes=[FILMS, '2017-12-16,"I, Daniel Blake",2016,https://boxd.it/bq2s'],
        watchlist=[
            FILMS,
            "2019-06-23,Heaven’s Waiting,,https://boxd.it/m4l6",
            "2019-06-24,Heat,1995,https://boxd.it/29Pq",
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    known = films(journal)
    assert set(known) == {"heat-1995", "i-daniel-blake-2016", "heaven-s-waiting"}
    heat = known["heat-1995"]
    assert (heat["rating"], heat["seen"], heat["ids"]["letterboxd"]) == (
        4.5,
        True,
        "https://boxd.it/29Pq",
    )
    blake = known["i-daniel-blake-2016"]
    assert (blake["seen"], blake["liked"], blake["rating"]) == (True, True, None)
    assert known["heaven-s-waiting"]["seen"] is False
    assert len(watches(journal)) == 1
    watchlist = stored(journal)["watchlist"]
    assert watchlist["heaven-s-waiting"]["added"] == "2019-06-23"
    assert watchlist["heat-1995"]["added"] == "2019-06-24"


def test_a_new_viewing_takes_a_film_off_the_watchlist_unless_the_export_keeps_it(
    cli, journal, tmp_path
):
    assert cli("watchlist", "add", "Heat", "--year", "1995").code == 0
    assert cli("watchlist", "add", "Ran", "--year", "1985").code == 0
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,,,,2024-01-02",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,2024-01-02",
        ],
        watchlist=[FILMS, "2019-01-01,Ran,1985,https://boxd.it/ran"],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert set(stored(journal)["watchlist"]) == {"ran-1985"}


def test_two_films_of_one_name_and_year_are_kept_apart(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2020-06-16,The Haunted Castle,1897,https://boxd.it/1cDpqx,,,short,2020-06-16",
            "2020-06-16,The Haunted Castle,1897,https://boxd.it/1cDutr,,,short,2020-06-16",
        ],
        watched=[
            FILMS,
            "2020-06-16,The Haunted Castle,1897,https://boxd.it/6Pki",
            "2020-06-16,The Haunted Castle,1897,https://boxd.it/3y76",
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert "the export has 2 films called 'The Haunted Castle (1897)'" in result.stdout
    castles = {k: v["ids"]["letterboxd"] for k, v in films(journal).items()}
    assert castles == {
        "the-haunted-castle-1897": "https://boxd.it/6Pki",
        "the-haunted-castle-1897-2": "https://boxd.it/3y76",
    }
    assert sorted(w["film"] for w in watches(journal)) == sorted(castles)
    before = journal.read_bytes()
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- matching


def test_films_already_in_the_journal_are_matched_by_title_and_year(cli, journal, tmp_path):
    assert cli("add", "heat", "--year", "1995", "--on", "2020-01-01").code == 0
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,,,,2024-01-02",
            "2024-01-03,Heat,1986,https://boxd.it/a2,,,,2024-01-02",
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert sorted(films(journal)) == ["heat-1986", "heat-1995"]
    assert [w["film"] for w in watches(journal)] == ["heat-1995", "heat-1995", "heat-1986"]


def test_an_undated_film_takes_the_year_only_when_the_export_has_one(cli, journal, tmp_path):
    assert cli("add", "Heat", "--on", "2020-01-01").code == 0
    assert cli("add", "Dracula", "--on", "2020-01-01").code == 0
    folder = export(
        tmp_path / "lbx",
        watched=[
            FILMS,
            "2024-01-03,Heat,1995,https://boxd.it/h",
            "2024-01-03,Dracula,1931,https://boxd.it/d1",
            "2024-01-03,Dracula,1992,https://boxd.it/d2",
        ],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    known = films(journal)
    assert known["heat"]["year"] == 1995
    assert known["dracula"]["year"] is None
    assert {known[k]["year"] for k in ("dracula-1931", "dracula-1992")} == {1931, 1992}


def test_two_journal_films_that_fit_one_row_stop_the_import(cli, journal, tmp_path):
    with Store.transaction(journal) as store:
        store.save_films(
            [
                Film(id="heat-1995", title="Heat", year=1995),
                Film(id="heat-x", title="HEAT", year=1995),
            ]
        )
    before = journal.read_bytes()
    folder = export(
        tmp_path / "lbx", diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,,,,2024-01-02"]
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    assert "diary.csv:2: 'Heat (1995)' matches 2 films in the journal" in result.stderr
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- bad input


def test_every_bad_row_is_reported_and_nothing_is_written(cli, journal, tmp_path):
    assert cli("add", "Ran", "--year", "1985", "--on", "2020-01-01").code == 0
    before = journal.read_bytes()
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,x,,,2024-01-02",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,2024-01-02",
            "2024-01-03,,1985,https://boxd.it/a3,,,,2024-01-02",
            "2024-01-03,Alien,79,https://boxd.it/a4,,,,2024-01-02",
            "2024-01-03,Alien,1979,https://boxd.it/a5,,Maybe,,2024-01-02",
            '2024-01-03,"Multi\nline",1979,https://boxd.it/a6,,,,2024-13-02',
            "2024-01-03,Too,1979,few",
        ],
        ratings=[RATINGS, "2024-01-03,Heat,1995,https://boxd.it/h,6"],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert lines == [
        "diary.csv:2: 'x' is not a rating",
        "diary.csv:4: no film name",
        "diary.csv:5: 79 is not a plausible year",
        "diary.csv:6: 'Maybe' is not a Rewatch value (Yes or empty)",
        "diary.csv:7: '2024-13-02' is not a date (Watched Date should be YYYY-MM-DD)",
        "diary.csv:9: has 4 fields where the header has 8",
        "ratings.csv:2: '6' is not a rating",
        "error: 7 bad rows in the export; nothing was imported "
        "(fix them, or pass --skip-bad to import the other rows)",
    ]
    assert "Nothing was written." in result.stdout
    assert journal.read_bytes() == before


def test_skip_bad_imports_the_good_rows(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,x,,,2024-01-02",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,2024-01-02",
        ],
    )
    result = cli("import", "letterboxd", str(folder), "--skip-bad")
    assert result.code == 0
    assert result.stderr == "diary.csv:2: 'x' is not a rating\n"
    assert "Left out 1 bad row" in result.stdout
    assert [films(journal)[w["film"]]["title"] for w in watches(journal)] == ["Ran"]


def test_a_stray_byte_costs_its_row_not_the_file(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,2024-01-02",
            "2024-01-04,Alien,1979,https://boxd.it/al,,,,2024-01-03",
        ],
    )
    diary = folder / "diary.csv"
    diary.write_bytes(diary.read_bytes().replace(b"Ran,", b"R\xffan,"))
    result = cli("import", "letterboxd", str(folder), "--skip-bad")
    assert result.code == 0, result.stderr
    assert result.stderr == "diary.csv:3: not UTF-8 text (byte 0xff)\n"
    assert "diary.csv (2 rows)" in result.stdout
    assert "Left out 1 bad row" in result.stdout
    titles = [films(journal)[w["film"]]["title"] for w in watches(journal)]
    assert titles == ["Heat", "Alien"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("Watched Date", "Watched Day", 1),  # a column it needs
        lambda text: text.replace(",Ran,", ',"Ran' + "x" * 200_000 + ",", 1),  # CSV ends
    ],
    ids=["a missing column", "not CSV from a row on"],
)
def test_skip_bad_never_skips_a_whole_file(cli, journal, tmp_path, damage):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,4,,,2024-01-02",
            "2024-01-03,Ran,1985,https://boxd.it/a2,,,,2024-01-02",
        ],
        watched=[FILMS, "2024-01-01,Alien,1979,https://boxd.it/al"],
    )
    diary = folder / "diary.csv"
    diary.write_text(damage(diary.read_text(encoding="utf-8")), encoding="utf-8")
    for args in ((), ("--dry-run",)):
        result = cli("import", "letterboxd", str(folder), "--skip-bad", *args)
        assert result.code == 2, result.stdout
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith("error: diary.csv cannot be read as a whole; nothing was imported")
        assert "never a whole file" in last
        assert result.stdout == ""  # no summary of what the other files would add
        assert not journal.exists()


def test_dates_are_needed_only_where_they_are_used(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            ",Heat,1995,https://boxd.it/a1,,,,2024-01-02",
            ",Ran,1985,https://boxd.it/a2,,,,",
        ],
        watched=[FILMS, ",Alien,1979,https://boxd.it/al"],
        watchlist=[FILMS, ",Brazil,1985,https://boxd.it/br"],
    )
    result = cli("import", "letterboxd", str(folder), "--skip-bad")
    assert result.stderr.splitlines() == [
        "diary.csv:3: no Watched Date and no Date",
        "watchlist.csv:2: no Date",
    ]
    assert result.code == 0
    [heat] = watches(journal)
    assert (heat["date"], heat["logged"]) == ("2024-01-02", "")
    assert films(journal)["alien-1979"]["seen"] is True


def test_imdb_after_letterboxd_adds_the_original_title_as_an_alias(cli, journal, tmp_path):
    folder = export(tmp_path / "lbx", watched=[FILMS, "2024-01-01,Oldboy,2003,https://boxd.it/o"])
    assert cli("import", "letterboxd", str(folder)).code == 0
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
        "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
        'tt0364569,8,2020-01-01,"Oldboy","Oldeuboi",,Movie,8.3,120,2003,Action,1,,'
        '"Park Chan-wook"\n',
        encoding="utf-8",
    )
    assert cli("import", "imdb", str(ratings)).code == 0
    [oldboy] = films(journal).values()
    assert (oldboy["title"], oldboy["aka"], oldboy["rating"]) == ("Oldboy", ["Oldeuboi"], 4)
    assert oldboy["ids"] == {"imdb": "tt0364569", "tmdb": None, "letterboxd": "https://boxd.it/o"}
    assert cli("show", "oldeuboi").code == 0


def test_a_missing_column_names_the_file(cli, journal, tmp_path):
    folder = export(tmp_path / "lbx", diary=["Date,Name,Year", "2024-01-01,Heat,1995"])
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    assert result.stderr.startswith(
        "diary.csv:1: no 'Letterboxd URI' column (the header has 'Date', 'Name', 'Year')\n"
    )
    assert not journal.exists()


def test_not_utf8_is_refused(cli, journal, tmp_path):
    folder = tmp_path / "lbx"
    folder.mkdir()
    (folder / "watched.csv").write_bytes(f"{FILMS}\n2024-01-01,L\xe9on,1994,x\n".encode("latin-1"))
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    assert "watched.csv:2: not UTF-8 text (byte 0xe9)" in result.stderr


def _zip_bytes() -> bytes:
    """A small zip's bytes (a truncated export is its first few)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("diary.csv", "Date,Name,Year,Letterboxd URI\n" * 50)
    return buffer.getvalue()


_ZIP = _zip_bytes()


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        (lambda p: p, 1, "does not exist"),
        (lambda p: (p.mkdir(), p)[1], 2, "has no Letterboxd export files"),
        (lambda p: (p.write_text("hello"), p)[1], 2, "is neither a folder nor a zip file"),
        (lambda p: (p.write_bytes(_ZIP[:60]), p)[1], 2, "is a damaged or incomplete zip file"),
    ],
)
def test_a_path_that_is_not_an_export(cli, journal, tmp_path, setup, code, message):
    path = setup(tmp_path / "thing")
    result = cli("import", "letterboxd", str(path))
    assert result.code == code
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert not journal.exists()


def test_one_file_of_an_export_asks_for_the_whole_export(cli, journal, tmp_path):
    folder = export(tmp_path / "lbx", diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,,,,"])
    result = cli("import", "letterboxd", str(folder / "diary.csv"))
    assert result.code == 2
    assert result.stderr.startswith(f"error: {folder / 'diary.csv'} is one file of a Letterboxd")
    assert "import the whole export" in result.stderr
    assert not journal.exists()


def test_an_imdb_export_is_sent_to_import_imdb(cli, journal, tmp_path):
    folder = export(
        tmp_path / "imdb",
        ratings=["Const,Your Rating,Date Rated,Title,URL", "tt0113277,9,2024-01-01,Heat,x"],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {folder} looks like an IMDb export (ratings.csv has IMDb's columns) "
        f"(import it with: filmlog import imdb {folder}/ratings.csv)"
    ]
    assert not journal.exists()


# --------------------------------------------------------------------------- zip, dry run


def test_zip_and_folder_layouts_read_the_same_files(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,,,,2024-01-02"],
        likes=[FILMS, "2024-01-03,Heat,1995,https://boxd.it/h"],
    )
    export(
        folder / "deleted", diary=[DIARY, "2024-01-03,Gone,1990,https://boxd.it/g,,,,2024-01-02"]
    )
    export(folder / "orphaned", diary=[DIARY, "2024-01-03,Heat,1995,,,,,2024-01-01"])
    export(folder / "elsewhere", diary=[DIARY, "broken"])
    results = []
    for name, path in (
        ("folder", folder),
        ("zip", zip_folder(folder, tmp_path / "top.zip")),
        ("nested-zip", zip_folder(folder, tmp_path / "nested.zip", "letterboxd-me-2024/")),
    ):
        db = tmp_path / f"{name}.json"
        result = cli("--db", str(db), "import", "letterboxd", str(path))
        assert result.code == 0, (name, result.stderr)
        results.append(db.read_bytes())
        assert set(stored(db)["films"]) == {"heat-1995"}
        assert stored(db)["films"]["heat-1995"]["liked"] is True
        assert len(stored(db)["watches"]) == 2  # the diary's and the orphaned row
    assert results[0] == results[1] == results[2]


def test_a_folder_holding_only_the_unpacked_export_is_read_and_named(cli, journal, tmp_path):
    outer = tmp_path / "download"
    inner = export(outer / "letterboxd-me-2024", diary=[DIARY, "2024-01-03,Heat,1995,,,,,"])
    (outer / ".DS_Store").write_bytes(b"\0")
    result = cli("import", "letterboxd", str(outer))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Letterboxd export {inner}"
    assert set(films(journal)) == {"heat-1995"}
    again = cli("import", "letterboxd", str(outer), "--json").json()
    assert again["path"] == str(inner)


def test_an_export_beside_other_things_is_named_never_guessed(cli, journal, tmp_path):
    inner = export(
        tmp_path / "tmp" / "letterboxd-me-2024", diary=[DIARY, "2024-01-03,Heat,1995,,,,,"]
    )
    (tmp_path / "tmp" / "notes.txt").write_text("mine")
    (tmp_path / "tmp" / "photos").mkdir()
    result = cli("import", "letterboxd", str(tmp_path / "tmp"))
    assert result.code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'tmp'} has no Letterboxd export files (diary.csv...) "
        f"({inner} holds one: give that folder)\n"
    )
    export(tmp_path / "tmp" / "letterboxd-you-2024", watched=[FILMS, "2024-01-03,Ran,1985,x"])
    (tmp_path / "tmp" / "notes.txt").unlink()
    (tmp_path / "tmp" / "photos").rmdir()
    several = cli("import", "letterboxd", str(tmp_path / "tmp"))
    assert several.code == 2
    assert "these folders hold exports: " in several.stderr
    assert "import one at a time" in several.stderr
    assert not journal.exists()


def test_a_zip_is_read_at_its_top_or_in_the_one_folder_holding_all_of_it(cli, journal, tmp_path):
    folder = export(tmp_path / "lbx", diary=[DIARY, "2024-01-03,Heat,1995,,,,,"])
    nested = zip_folder(folder, tmp_path / "nested.zip", "letterboxd-me-2024/")
    with zipfile.ZipFile(nested, "a") as archive:
        archive.writestr("__MACOSX/letterboxd-me-2024/._diary.csv", b"\0")
    result = cli("import", "letterboxd", str(nested), "--dry-run")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Letterboxd export {nested}/letterboxd-me-2024"
    with zipfile.ZipFile(nested, "a") as archive:
        archive.writestr("readme.txt", "not part of the export")
    refused = cli("import", "letterboxd", str(nested))
    assert refused.code == 2
    assert f"error: {nested} has no Letterboxd export files" in refused.stderr
    deeper = zip_folder(folder, tmp_path / "deeper.zip", "a/b/")
    assert cli("import", "letterboxd", str(deeper)).code == 2
    assert not journal.exists()


def test_the_summary_counts_in_singular_and_plural(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[
            DIARY,
            "2024-01-03,Heat,1995,https://boxd.it/a1,4,Yes,,2024-01-02",
            "2024-01-04,Heat,1995,https://boxd.it/a2,4,Yes,,2024-01-03",
            "2024-01-05,Ran,1985,https://boxd.it/a3,,Yes,,2024-01-04",
        ],
        watchlist=[FILMS, "2024-01-03,Ikiru,1952,https://boxd.it/i"],
        likes=[FILMS, "2024-01-03,Heat,1995,https://boxd.it/h"],
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert "In the export: 3 viewings, 3 rewatches, 1 like, 1 watchlist entry\n" in result.stdout


def test_dry_run_writes_nothing(cli, journal, tmp_path):
    assert cli("add", "Ran", "--year", "1985", "--on", "2020-01-01").code == 0
    before = journal.read_bytes()
    folder = export(
        tmp_path / "lbx",
        diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,,,,2024-01-02"],
        ratings=[RATINGS, "2024-01-03,Ran,1985,https://boxd.it/r,4"],
    )
    result = cli("import", "letterboxd", str(folder), "--dry-run")
    assert result.code == 0, result.stderr
    assert "Would add: 1 film, 1 viewing" in result.stdout
    assert "update Ran (1985): ids, rating" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert journal.read_bytes() == before
    summary = cli("import", "letterboxd", str(folder), "--dry-run", "--json").json()
    assert summary["dry_run"] is True and summary["written"] is False
    assert summary["added"] == {"films": 1, "viewings": 1, "watchlist": 0, "lists": 0}
    assert journal.read_bytes() == before


def test_json_summary(cli, journal, tmp_path):
    folder = export(
        tmp_path / "lbx",
        diary=[DIARY, "2024-01-03,Heat,1995,https://boxd.it/a1,4,Yes,,2024-01-02"],
    )
    summary = cli("import", "letterboxd", str(folder), "--json").json()
    assert summary["source"] == "letterboxd"
    assert summary["written"] is True
    assert summary["files"] == {"diary.csv": 1}
    assert summary["added"] == {"films": 1, "viewings": 1, "watchlist": 0, "lists": 0}
    assert summary["details"]["rewatches"] == 1
    assert summary["problems"] == [] and summary["skipped"] == []
    again = cli("import", "letterboxd", str(folder), "--json").json()
    assert again["written"] is False
    assert again["unchanged"] == {"films": 1, "viewings": 1, "watchlist": 0, "lists": 0}


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from filmlog.render.progress import progress_bars

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress_bars(enabled=True) as progress:
        assert progress is not None
        progress("checking rows", 5, 10)
    with progress_bars(enabled=False) as progress:
        assert progress is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bars(enabled=True) as progress:
        assert progress is None


def test_a_ten_thousand_row_diary_writes_the_journal_once(cli, journal, tmp_path, monkeypatch):
    rows = [DIARY]
    for n in range(10_000):
        film = n % 2500
        day = f"20{10 + n % 14}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        rows.append(f"{day},Film {film},{1950 + film % 70},https://boxd.it/d{n},,,,{day}")
    folder = export(tmp_path / "lbx", diary=rows)
    writes = []
    real_write = store_module.atomic_write

    def counting(path: Path, raw: bytes) -> None:
        writes.append(path)
        real_write(path, raw)

    monkeypatch.setattr(store_module.storage, "atomic_write", counting)
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert writes == [journal]
    journal_data = stored(journal)
    assert len(journal_data["watches"]) == 10_000
    assert len(journal_data["films"]) == 2500
    writes.clear()
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert writes == []


# --------------------------------------------------------------------------- real exports


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("user", USERS)
def test_real_export_counts(cli, journal, real_data, user):
    folder = real_data / user
    diary = read_csv(folder / "diary.csv")
    reviews = read_csv(folder / "reviews.csv")
    ratings = read_csv(folder / "ratings.csv")
    watched = read_csv(folder / "watched.csv")
    watchlist = read_csv(folder / "watchlist.csv")
    result = cli("import", "letterboxd", str(folder), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["problems"] == []
    data = stored(journal)
    rows = list(data["watches"].values())
    known = data["films"]

    undated = [r for r in reviews if not r["Watched Date"]]
    loose = [w for w in rows if w["date"] is None]
    rows = [w for w in rows if w["date"] is not None]
    assert len(rows) == len(diary)
    assert len(loose) == len(undated)
    assert sum(w["rewatch"] for w in rows) == sum(r["Rewatch"] == "Yes" for r in diary)
    assert sum(bool(w["tags"]) for w in rows) == sum(bool(r["Tags"]) for r in diary)
    assert sorted(w["date"] for w in rows) == sorted(r["Watched Date"] or r["Date"] for r in diary)
    assert Counter(w["rating"] for w in rows) == Counter(
        float(r["Rating"]) if r["Rating"] else None for r in diary
    )
    assert Counter(w["rating"] for w in loose) == Counter(
        float(r["Rating"]) if r["Rating"] else None for r in undated
    )
    uris = {r["Letterboxd URI"] for r in diary if r["Letterboxd URI"]}
    assert {w["source"] for w in rows} >= {f"letterboxd:{u}" for u in uris}

    dated = [r for r in reviews if r["Watched Date"]]
    assert sum(w["review"] is not None for w in rows) == len(dated)
    assert {w["source"] for w in loose} == {f"letterboxd:{r['Letterboxd URI']}" for r in undated}
    assert all(w["review"] for w in loose)
    assert summary["details"]["reviews_joined"] == len(dated)
    assert summary["details"]["reviews_undated"] == len(undated)

    rated = {r["Letterboxd URI"]: float(r["Rating"]) for r in ratings}
    assert {f["ids"]["letterboxd"]: f["rating"] for f in known.values() if f["rating"]} == rated

    assert len(data["watchlist"]) == len({r["Letterboxd URI"] for r in watchlist})

    viewed = {w["film"] for w in rows}
    seen_only = [f for f in known.values() if f["seen"] and f["id"] not in viewed]
    pairs = Counter((r["Name"], r["Year"]) for r in watched) - Counter(
        (r["Name"], r["Year"]) for r in diary
    )
    assert len(seen_only) == sum(pairs.values())
    assert summary["details"]["seen_without_viewing"] == len(seen_only)

    by_source = {w["source"]: w for w in rows}
    texts = [w["review"] for w in rows + loose if w["review"]] + [
        f["notes"] for f in known.values() if f["notes"]
    ]
    for text in texts:
        assert not TAG.search(text), text[:200]
        assert "&#39;" not in text and "&quot;" not in text and "\r" not in text
    for review in dated:
        if review["Letterboxd URI"]:
            text = by_source[f"letterboxd:{review['Letterboxd URI']}"]["review"]
            assert {c for c in review["Review"] if ord(c) > 0xFFFF} <= set(text)
    emoji = {c for r in reviews for c in r["Review"] if ord(c) > 0xFFFF}
    assert emoji <= set("".join(texts))


@pytest.mark.parametrize("user", USERS)
def test_real_export_reimport_changes_nothing(cli, journal, real_data, user):
    assert cli("import", "letterboxd", str(real_data / user)).code == 0
    before = journal.read_bytes()
    again = cli("import", "letterboxd", str(real_data / user), "--json")
    assert again.code == 0
    summary = again.json()
    assert summary["written"] is False
    assert summary["added"] == {"films": 0, "viewings": 0, "watchlist": 0, "lists": 0}
    assert summary["updated"] == {"films": 0, "viewings": 0, "watchlist_removed": 0, "lists": 0}
    assert summary["removed"] == {"viewings": 0, "lists": 0}
    assert journal.read_bytes() == before


@pytest.mark.parametrize("user", USERS)
def test_real_export_as_zip_gives_the_same_journal(cli, journal, real_data, tmp_path, user):
    folder = real_data / user
    archive = tmp_path / f"letterboxd-{user}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.glob("*.csv")):
            z.write(path, f"letterboxd-{user}-utc/{path.name}")
        z.writestr(f"letterboxd-{user}-utc/deleted/diary.csv", DIARY + "\n2020-01-01,X,,,,,,\n")
    from_folder = tmp_path / "folder.json"
    from_zip = tmp_path / "zip.json"
    assert cli("--db", str(from_folder), "import", "letterboxd", str(folder)).code == 0
    assert cli("--db", str(from_zip), "import", "letterboxd", str(archive)).code == 0
    # The same journal, but for the record that the deleted row is not to be imported.
    one, other = stored(from_folder), stored(from_zip)
    assert one.pop("_meta")["1"]["imported"] != other.pop("_meta")["1"]["imported"]
    assert one == other
    assert json.loads(from_zip.read_bytes())["watches"]
