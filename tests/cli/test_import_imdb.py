"""``filmlog import imdb``: every export layout, Latin-1, localised labels, no invented viewings."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from msgspec.structs import replace

from filmlog.models import title_key
from filmlog.store import Store
from tests.helpers import stored

OLD = (
    "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
    "Num Votes,Release Date,Directors"
)
NEW = (
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"
)
WATCHLIST = (
    "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,"
    "IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated"
)
PRE_2017 = (
    '"position","const","created","modified","description","Title","Title type","Directors",'
    '"You rated","IMDb Rating","Runtime (mins)","Year","Genres","Num. Votes",'
    '"Release Date (month/day/year)","URL"'
)
KINDS = {
    "movie": "film",
    "tvSeries": "tv series",
    "tvMiniSeries": "tv mini series",
    "tvMovie": "tv movie",
    "video": "video",
    "short": "short",
    "tvSpecial": "tv special",
    "tvEpisode": "tv episode",
    "tvShort": "tv short",
    "Film": "film",
    "Serie TV": "tv series",
    "Mini serie TV": "tv mini series",
    "Corto": "short",
    "Speciale TV": "tv special",
    "Episodio TV": "tv episode",
    "Video": "video",
}


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def films(journal: Path) -> dict[str, dict]:
    return stored(journal)["films"]


def test_old_layout_in_latin1(cli, journal, tmp_path):
    path = write(
        tmp_path / "ratings.csv",
        [
            OLD,
            "tt0110413,10,2011-08-30,Léon,https://www.imdb.com/title/tt0110413/,movie,8.5,110,"
            '1994,"Action, Crime, Drama",1000,1994-09-14,Luc Besson',
            "tt0100150,7,2011-08-30,Miller's Crossing,https://www.imdb.com/title/tt0100150/,movie,"
            '7.7,115,1990,"Crime, Drama, Thriller",130579,1990-09-21,"Joel Coen, Ethan Coen"',
            "tt0903747,9,2015-01-01,Breaking Bad,https://www.imdb.com/title/tt0903747/,tvSeries,"
            "9.5,,2008,Drama,1,2008-01-20,",
            "tt0103644,1,2015-01-01,Alien³,https://www.imdb.com/title/tt0103644/,movie,6.4,114,"
            "1992,Horror,1,1992-05-22,David Fincher",
        ],
        encoding="latin-1",
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    assert "ratings.csv is not UTF-8; it was read as Latin-1" in result.stdout
    known = films(journal)
    leon = known["leon-1994"]
    assert leon["title"] == "Léon"
    assert (leon["rating"], leon["seen"], leon["ids"]["imdb"]) == (5, True, "tt0110413")
    assert (leon["runtime"], leon["genres"], leon["kind"]) == (
        110,
        ["Action", "Crime", "Drama"],
        "film",
    )
    assert known["miller-s-crossing-1990"]["directors"] == ["Joel Coen", "Ethan Coen"]
    assert known["miller-s-crossing-1990"]["rating"] == 3.5
    bad = known["breaking-bad-2008"]
    assert (bad["kind"], bad["runtime"], bad["directors"], bad["rating"]) == (
        "tv series",
        None,
        [],
        4.5,
    )
    alien = next(f for f in known.values() if f["ids"]["imdb"] == "tt0103644")
    assert (alien["title"], alien["rating"]) == ("Alien³", 0.5)
    assert stored(journal)["watches"] == {}


def test_new_layout_keeps_the_original_title_and_the_localised_one_as_an_alias(
    cli, journal, tmp_path
):
    path = write(
        tmp_path / "ratings.csv",
        [
            NEW,
            'tt0064757,6,2025-12-01,"Agente 007 - Al servizio segreto di Sua Maestà",'
            '"On Her Majesty\'s Secret Service",https://www.imdb.com/title/tt0064757,Film,6.7,142,'
            '1969,"Azione, Avventura",1,"1969-12-18","Peter R. Hunt"',
            'tt5580390,7,2025-12-01,"Predestination","Predestination",'
            "https://www.imdb.com/title/tt2397535,Film,7.4,97,2014,"
            '"Fantascienza, Thriller",1,"2014-08-28","Michael Spierig,Peter Spierig"',
            'tt0475784,8,2025-12-01,"Westworld - Dove tutto è concesso","Westworld",'
            "https://www.imdb.com/title/tt0475784,Serie TV,8.5,62,2016,Drammatico,1,"
            '"2016-10-02",',
            'tt7366338,9,2025-12-01,"Chernobyl","Chernobyl",https://www.imdb.com/title/tt7366338,'
            'Mini serie TV,9.3,330,2019,Drammatico,1,"2019-05-06",',
        ],
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    known = films(journal)
    bond = known["on-her-majesty-s-secret-service-1969"]
    assert bond["aka"] == ["Agente 007 - Al servizio segreto di Sua Maestà"]
    assert bond["rating"] == 3
    assert known["predestination-2014"]["aka"] == []
    assert known["predestination-2014"]["directors"] == ["Michael Spierig", "Peter Spierig"]
    assert known["westworld-2016"]["kind"] == "tv series"
    assert known["chernobyl-2019"]["kind"] == "tv mini series"
    shown = cli("show", "Agente 007 - Al servizio segreto di Sua Maesta", "--json")
    assert shown.code == 0
    assert shown.json()["film"]["title"] == "On Her Majesty's Secret Service"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("movie", "film"),
        ("Movie", "film"),
        ("TV Series", "tv series"),
        ("TV Mini Series", "tv mini series"),
        ("tvMovie", "tv movie"),
        ("TV Movie", "tv movie"),
        ("Short", "short"),
        ("Corto", "short"),
        ("video", "video"),
        ("tvSpecial", "tv special"),
        ("Speciale TV", "tv special"),
        ("tvEpisode", "tv episode"),
        ("Episodio TV", "tv episode"),
        ("tvShort", "tv short"),
        ("videoGame", "video game"),
    ],
)
def test_title_types_become_kinds(label, kind):
    from filmlog.importers.imdb import kind_of

    assert kind_of(label) == kind


def test_an_unknown_title_type_is_kept_and_noted(cli, journal, tmp_path):
    path = write(
        tmp_path / "ratings.csv",
        [OLD, "tt1234567,8,2020-01-01,Thing,,Hörspiel,,,2020,,,,"],
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    assert "ratings.csv:2: title type 'Hörspiel' is not one filmlog knows" in result.stdout
    assert films(journal)["thing-2020"]["kind"] == "hörspiel"


@pytest.mark.parametrize(("points", "stars"), [(n, n / 2) for n in range(1, 11)])
def test_ten_points_are_halved_to_stars(cli, journal, tmp_path, points, stars):
    path = write(tmp_path / "r.csv", [OLD, f"tt0000001,{points},2020-01-01,X,,movie,,,2000,,,,"])
    assert cli("import", "imdb", str(path)).code == 0
    assert films(journal)["x-2000"]["rating"] == stars


def test_watchlist_export(cli, journal, tmp_path):
    path = write(
        tmp_path / "watchlist.csv",
        [
            WATCHLIST,
            '1,tt0111161,2024-01-05,2024-01-05,"Sam says, see it",The Shawshank Redemption,'
            "The Shawshank Redemption,https://www.imdb.com/title/tt0111161/,Movie,9.3,142,1994,"
            "Drama,2900000,1994-10-14,Frank Darabont,,",
            "2,tt0468569,2023-07-09,2024-02-01,,The Dark Knight,The Dark Knight,https://imdb.com/,"
            "Movie,9,152,2008,Action,3041074,2008-07-18,Christopher Nolan,8,2025-02-02",
        ],
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    watchlist = stored(journal)["watchlist"]
    assert watchlist["the-shawshank-redemption-1994"] == {
        "film": "the-shawshank-redemption-1994",
        "added": "2024-01-05",
        "note": "Sam says, see it",
    }
    assert watchlist["the-dark-knight-2008"]["added"] == "2023-07-09"
    known = films(journal)
    assert known["the-shawshank-redemption-1994"]["seen"] is False
    assert known["the-dark-knight-2008"]["rating"] == 4
    assert known["the-dark-knight-2008"]["seen"] is True


def test_pre_2017_layout(cli, journal, tmp_path):
    path = write(
        tmp_path / "old.csv",
        [
            PRE_2017,
            '"1","tt0110912","Sat Dec 31 00:00:00 2016","Sat Dec 31 00:00:00 2016","",'
            '"Pulp Fiction","Feature Film","Quentin Tarantino","9","8.9","154","1994",'
            '"crime, drama","1","1994-10-14","http://www.imdb.com/title/tt0110912/"',
        ],
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    film = films(journal)["pulp-fiction-1994"]
    assert (film["rating"], film["kind"], film["directors"]) == (4.5, "film", ["Quentin Tarantino"])
    assert film["rated"] == "2016-12-31"
    # A list export that is not named as a watchlist is a list of its own.
    (old,) = stored(journal)["lists"].values()
    assert old["name"] == "old" and old["source"] == "imdb:list:old"
    assert [e["film"] for e in old["entries"]] == ["pulp-fiction-1994"]
    assert stored(journal)["watchlist"] == {}


def test_a_list_export_keeps_its_order_and_reads_month_day_year_dates(cli, journal, tmp_path):
    header = "Position,Const,Created,Modified,Description,Title,URL,Title Type,Year"
    path = write(
        tmp_path / "Best of the 90s.csv",
        [
            header,
            '2,tt0110912,12/31/2016,1/2/2017,"the diner",Pulp Fiction,,movie,1994',
            "1,tt0113277,1/5/2017,,,Heat,,movie,1995",
            "3,tt0114814,2/28/2017,,,The Usual Suspects,,movie,1995",
        ],
    )
    result = cli("import", "imdb", str(path), "--json")
    assert result.code == 0, result.stderr
    shown = cli("list", "show", "best of the 90s", "--json").json()
    assert shown["created"] == "2016-12-31" and shown["source"] == "imdb:list:Best of the 90s"
    assert [(e["film"], e["note"]) for e in shown["entries"]] == [
        ("heat-1995", None),
        ("pulp-fiction-1994", "the diner"),
        ("the-usual-suspects-1995", None),
    ]
    assert stored(journal)["watchlist"] == {}
    before = journal.read_bytes()
    assert cli("import", "imdb", str(path)).code == 0
    assert journal.read_bytes() == before


def test_a_viewing_from_a_rating_after_one_logged_is_a_rewatch(cli, journal, tmp_path):
    assert cli("add", "Heat", "--year", "1995", "--on", "2020-01-01").code == 0
    path = write(tmp_path / "ratings.csv", [OLD, "tt0113277,9,2021-07-31,Heat,,movie,,,1995,,,,"])
    assert cli("import", "imdb", str(path), "--as-viewings").code == 0
    watches = cli("show", "Heat", "--json").json()["watches"]
    assert [(w["date"], w["rewatch"]) for w in watches] == [
        ("2020-01-01", False),
        ("2021-07-31", True),
    ]


def test_date_rated_is_kept_and_as_viewings_logs_a_viewing_on_it(cli, journal, tmp_path):
    path = write(tmp_path / "ratings.csv", [OLD, "tt0113277,9,2021-07-31,Heat,,movie,,,1995,,,,"])
    result = cli("import", "imdb", str(path), "--as-viewings", "--json")
    assert result.code == 0, result.stderr
    page = cli("show", "Heat", "--json").json()
    assert page["film"]["rated"] == "2021-07-31" and page["film"]["rating"] == 4.5
    assert [(w["date"], w["rating"], w["source"]) for w in page["watches"]] == [
        ("2021-07-31", 4.5, "imdb:tt0113277")
    ]
    assert "rated 2021-07-31" in cli("show", "Heat").stdout
    assert cli("show", "Heat", "--json").json()["watches"][0]["rewatch"] is False
    before = journal.read_bytes()
    assert cli("import", "imdb", str(path), "--as-viewings").code == 0
    assert journal.read_bytes() == before
    # A newer export: the rating changed on IMDb, and nobody changed it in filmlog.
    newer = write(tmp_path / "new.csv", [OLD, "tt0113277,7,2024-01-02,Heat,,movie,,,1995,,,,"])
    assert cli("import", "imdb", str(newer)).code == 0
    film = films(journal)["heat-1995"]
    assert (film["rating"], film["rated"]) == (3.5, "2024-01-02")


def test_bad_rows_are_all_reported_and_nothing_is_written(cli, journal, tmp_path):
    path = write(
        tmp_path / "ratings.csv",
        [
            OLD,
            "tt0000001,11,2020-01-01,A,,movie,,,2000,,,,",
            "tt0000002,x,2020-01-01,B,,movie,,,2000,,,,",
            "123,5,2020-01-01,C,,movie,,,2000,,,,",
            "tt0000004,5,2020-01-01,D,,movie,,abc,2000,,,,",
            "tt0000005,5,2020-01-01,E,,movie,,,20,,,,",
            "tt0000006,,2020-01-01,F,,movie,,,2000,,,,",
            "tt0000007,5,2020-01-01,,,movie,,,2000,,,,",
            "tt0000008,5,2020-01-01,Good,,movie,,,2000,,,,",
        ],
    )
    result = cli("import", "imdb", str(path))
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "ratings.csv:2: '11' is not a rating from 1 to 10",
        "ratings.csv:3: 'x' is not a rating from 1 to 10",
        "ratings.csv:4: '123' is not an IMDb id (tt followed by digits)",
        "ratings.csv:5: 'abc' is not a runtime in minutes",
        "ratings.csv:6: 20 is not a plausible year",
        "ratings.csv:7: no rating (Your Rating is empty)",
        "ratings.csv:8: no title",
        "error: 7 bad rows in the export; nothing was imported "
        "(fix them, or pass --skip-bad to import the other rows)",
    ]
    assert not journal.exists()
    skipped = cli("import", "imdb", str(path), "--skip-bad")
    assert skipped.code == 0
    assert list(films(journal)) == ["good-2000"]


def test_not_an_imdb_export(cli, journal, tmp_path):
    result = cli("import", "imdb", str(write(tmp_path / "x.csv", ["a,b", "1,2"])))
    assert result.code == 2
    assert "no 'Const' column" in result.stderr
    folder = cli("import", "imdb", str(tmp_path))
    assert folder.code == 2 and "is a folder" in folder.stderr
    missing = cli("import", "imdb", str(tmp_path / "nope.csv"))
    assert missing.code == 1 and "does not exist" in missing.stderr
    assert not journal.exists()


def test_imdb_fills_in_a_film_from_letterboxd_and_keeps_its_rating(cli, journal, tmp_path):
    assert cli("add", "Heat", "--year", "1995", "--on", "2020-01-01").code == 0
    assert cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime").code == 0
    with Store.transaction(journal) as store:
        film = store.film("heat-1995")
        assert film is not None
        store.save_film(replace(film, rating=4.0))
    path = write(
        tmp_path / "ratings.csv",
        [OLD, 'tt0113277,10,2020-01-01,Heat,,movie,8.3,170,1995,"Crime, Drama",1,,Michael Mann'],
    )
    result = cli("import", "imdb", str(path), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["added"]["films"] == 0
    assert summary["film_changes"] == [
        {
            "film": "heat-1995",
            "title": "Heat",
            "year": 1995,
            "fields": ["runtime", "directors", "ids", "rated"],
        }
    ]
    assert [s["message"] for s in summary["skipped"]] == [
        "kept the journal's genres of Heat (1995): Crime (the export says Crime, Drama)",
        "kept the journal's rating of Heat (1995): 4 (the export says 5)",
    ]
    heat = films(journal)["heat-1995"]
    assert (heat["rating"], heat["runtime"], heat["ids"]["imdb"]) == (4, 170, "tt0113277")
    assert len(stored(journal)["watches"]) == 1


def test_dry_run_and_reimport_change_nothing(cli, journal, tmp_path):
    path = write(tmp_path / "r.csv", [OLD, "tt0000001,8,2020-01-01,X,,movie,,,2000,,,,"])
    dry = cli("import", "imdb", str(path), "--dry-run")
    assert dry.code == 0
    assert "Would add: 1 film" in dry.stdout
    assert not journal.exists()
    assert cli("import", "imdb", str(path)).code == 0
    before = journal.read_bytes()
    again = cli("import", "imdb", str(path), "--json").json()
    assert again["written"] is False
    assert again["unchanged"]["films"] == 1
    assert journal.read_bytes() == before


def test_a_zipped_export_names_the_file_it_read(cli, journal, tmp_path):
    csv_file = write(tmp_path / "r.csv", [OLD, "tt0000001,8,2020-01-01,X,,movie,,,2000,,,,"])
    archive = tmp_path / "imdb.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(csv_file, "export/ratings.csv")
    result = cli("import", "imdb", str(archive), "--dry-run")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"IMDb export {archive}/export/ratings.csv",
        "Read: ratings.csv (1 row)",
    ]
    assert cli("import", "imdb", str(csv_file), "--json").json()["path"] == str(csv_file)


# --------------------------------------------------------------------------- real exports

REAL = {
    "imdb-ronilaukkarinen/imdb_ratings.csv": "latin-1",
    "imdb-aureliome/ratings.csv": "utf-8",
}


def read_real(path: Path, encoding: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_export_counts(cli, journal, real_data, name):
    path = real_data / name
    rows = read_real(path, REAL[name])
    result = cli("import", "imdb", str(path), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["problems"] == []
    data = stored(journal)
    known = list(data["films"].values())
    assert data["watches"] == {}
    assert len(known) == len({r["Const"] for r in rows})
    by_id = {f["ids"]["imdb"]: f for f in known}
    assert all(f["seen"] for f in known)
    assert Counter(f["rating"] for f in known) == Counter(int(r["Your Rating"]) / 2 for r in rows)
    assert Counter(f["kind"] for f in known) == Counter(KINDS[r["Title Type"]] for r in rows)
    for row in rows:
        film = by_id[row["Const"]]
        title = row.get("Original Title") or row["Title"]
        assert film["title"] == title
        if title_key(row["Title"]) != title_key(title):
            assert film["aka"] == [row["Title"]]
        else:
            assert film["aka"] == []
        assert film["year"] == (int(row["Year"]) if row["Year"] else None)
        assert film["runtime"] == (int(row["Runtime (mins)"]) if row["Runtime (mins)"] else None)
        directors = [d.strip() for d in row["Directors"].split(",") if d.strip()]
        assert film["directors"] == directors
        assert film["genres"] == [g.strip() for g in row["Genres"].split(",") if g.strip()]
    before = journal.read_bytes()
    again = cli("import", "imdb", str(path), "--json").json()
    assert again["written"] is False
    assert journal.read_bytes() == before


def test_real_latin1_titles_come_through(cli, journal, real_data):
    path = real_data / "imdb-ronilaukkarinen/imdb_ratings.csv"
    assert cli("import", "imdb", str(path)).code == 0
    titles = {f["title"] for f in films(journal).values()}
    assert "Léon" in titles
    assert any("Alien³" in t for t in titles)
    assert not any("\ufffd" in t or "Ã" in t for t in titles)
