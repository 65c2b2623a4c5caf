"""`filmlog facts fill`: film facts from IMDb's dataset files, matched and filled offline."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from filmlog.imdb_datasets import HEADERS
from tests.helpers import stored, stored_raw

N = None  # written as \N, IMDb's missing value

BASICS = [
    (
        "tt0245429",
        "movie",
        "Spirited Away",
        "Sen to Chihiro no kamikakushi",
        0,
        2001,
        N,
        125,
        "Animation,Adventure,Family",
    ),
    ("tt0113277", "movie", "Heat", "Heat", 0, 1995, N, 170, "Action,Crime,Drama"),
    # look-alikes: the same title another year, a TV episode of the same name and year
    ("tt0093164", "movie", "Heat", "Heat", 0, 1986, N, 101, "Action,Crime,Drama"),
    ("tt0500001", "tvEpisode", "Heat", "Heat", 0, 1995, N, 44, "Drama"),
    # a film and its remake
    ("tt0054215", "movie", "Psycho", "Psycho", 0, 1960, N, 109, "Horror,Mystery,Thriller"),
    ("tt0155975", "movie", "Psycho", "Psycho", 0, 1998, N, 105, "Horror,Mystery,Thriller"),
    # two films of one title and year, equally voted: nothing tells them apart
    ("tt5000001", "movie", "Twins", "Twins", 0, 2005, N, 90, "Drama"),
    ("tt5000002", "movie", "Twins", "Twins", 0, 2005, N, 95, "Comedy"),
    # two of one title and year, one far better known
    ("tt0375679", "movie", "Crash", "Crash", 0, 2004, N, 112, "Crime,Drama,Thriller"),
    ("tt5000003", "movie", "Crash", "Crash", 0, 2004, N, 80, "Thriller"),
    # an original-language title with accents, released a year before the journal says
    (
        "tt0211915",
        "movie",
        "Amélie",
        "Le fabuleux destin d'Amélie Poulain",
        0,
        2001,
        N,
        122,
        "Comedy,Romance",
    ),
    ("tt0067023", "tvMovie", "Duel", "Duel", 0, 1971, N, 90, "Action,Thriller"),
]
AKAS = [
    ("tt0054215", 1, "Psycho", "US", N, "imdbDisplay", N, 0),
    ("tt0245429", 1, "Sen to Chihiro no kamikakushi", N, N, "original", N, 1),
    ("tt0245429", 2, "Spirited Away", "US", N, "imdbDisplay", N, 0),
    ("tt0245429", 3, "Chihiros Reise ins Zauberland", "DE", N, "imdbDisplay", N, 0),
    ("tt0245429", 4, "Sen and Chihiro's Spiriting Away", "US", N, "working", N, 0),
    ("tt0245429", 5, "El viaje de Chihiro", "ES", N, "imdbDisplay", N, 0),
]
RATINGS = [
    ("tt0245429", 8.6, 900000),
    ("tt0113277", 8.3, 700000),
    ("tt0093164", 5.0, 3000),
    ("tt0500001", 7.0, 20),
    ("tt0375679", 7.7, 450000),
    ("tt5000003", 4.0, 100),
    ("tt5000001", 6.0, 50),
    ("tt5000002", 6.0, 50),
]
CREW = [
    ("tt0245429", "nm0594503", "nm0594503"),
    ("tt0113277", "nm0000520", "nm0000520"),
    ("tt0155975", "nm0001752", "nm0000000,nm0000001"),
    ("tt0211915", "nm0400441", "nm0400441,nm0516060"),
    ("tt0067023", "nm0000229", "nm0554924"),
]
PRINCIPALS = [
    ("tt0113277", 1, "nm0000199", "actor", N, '["Lt. Vincent Hanna"]'),
    ("tt0113277", 2, "nm0000134", "actor", N, '["Neil McCauley"]'),
    ("tt0113277", 3, "nm0000520", "director", N, N),
    ("tt0113277", 4, "nm0000040", "composer", N, N),
    ("tt0113277", 5, "nm0005683", "cinematographer", "director of photography", N),
    ("tt0245429", 2, "nm0421560", "actor", N, '["Haku"]'),
    ("tt0245429", 1, "nm0768110", "actress", N, '["Chihiro Ogino","Chihiro"]'),
    ("tt0245429", 3, "nm0416111", "composer", N, N),
    ("tt0155975", 1, "nm0000620", "actor", N, '["Norman Bates"]'),
]
NAMES = [
    ("nm0594503", "Hayao Miyazaki", 1941, N, "writer,director", "tt0245429"),
    ("nm0000520", "Michael Mann", 1943, N, "director", "tt0113277"),
    ("nm0000199", "Al Pacino", 1940, N, "actor", "tt0113277"),
    ("nm0000134", "Robert De Niro", 1943, N, "actor", "tt0113277"),
    ("nm0000040", "Elliot Goldenthal", 1954, N, "composer", "tt0113277"),
    ("nm0005683", "Dante Spinotti", 1943, N, "cinematographer", "tt0113277"),
    ("nm0421560", "Miyu Irino", 1988, N, "actor", "tt0245429"),
    ("nm0768110", "Rumi Hiiragi", 1987, N, "actress", "tt0245429"),
    ("nm0416111", "Joe Hisaishi", 1950, N, "composer", "tt0245429"),
    ("nm0001752", "Gus Van Sant", 1952, N, "director", "tt0155975"),
    ("nm0000000", "Joseph Stefano", 1922, N, "writer", "tt0155975"),
    ("nm0000001", "Robert Bloch", 1917, N, "writer", "tt0155975"),
    ("nm0000620", "Vince Vaughn", 1970, N, "actor", "tt0155975"),
    ("nm0400441", "Jean-Pierre Jeunet", 1953, N, "director", "tt0211915"),
    ("nm0516060", "Guillaume Laurant", 1961, N, "writer", "tt0211915"),
    ("nm0000229", "Steven Spielberg", 1946, N, "director", "tt0067023"),
    ("nm0554924", "Richard Matheson", 1926, N, "writer", "tt0067023"),
]
TABLES = {
    "title.basics": BASICS,
    "title.akas": AKAS,
    "title.ratings": RATINGS,
    "title.crew": CREW,
    "title.principals": PRINCIPALS,
    "name.basics": NAMES,
}


def tsv(name: str, rows: Sequence[Sequence[Any]]) -> bytes:
    """A dataset file's bytes as IMDb writes them: header, tabs, \\N for missing values."""
    lines = ["\t".join(HEADERS[name])]
    lines += ["\t".join("\\N" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def write_datasets(
    folder: Path, tables: dict[str, Sequence[Sequence[Any]]] | None = None, gz: bool = True
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (tables or TABLES).items():
        data = tsv(name, rows)
        if gz:
            (folder / f"{name}.tsv.gz").write_bytes(gzip.compress(data))
        else:
            (folder / f"{name}.tsv").write_bytes(data)
    return folder


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    return write_datasets(tmp_path / "imdb")


def films(journal: Path) -> dict[str, dict[str, Any]]:
    return stored(journal)["films"]


def make(cli, *films: tuple[str, ...]) -> None:
    for args in films:
        result = cli("film", "set", *args, "--new")
        assert result.code == 0, result.stderr


JOURNAL = (
    ("Heat", "--year", "1995"),
    ("Spirited Away", "--year", "2001"),
    ("Psycho", "--year", "1998"),
    ("Twins", "--year", "2005"),
    ("Crash", "--year", "2004"),
    ("Amelie", "--year", "2002"),
    ("Duel", "--year", "1971"),
    ("Nothing Like It", "--year", "2010"),
)


def test_each_film_matches_its_title_and_each_look_alike_is_refused(cli, journal, datasets):
    make(cli, *JOURNAL)
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--json")
    assert result.code == 0, result.stderr
    out = result.json()
    matched = {m["film"]: m["match"]["imdb"] for m in out["matched"]}
    assert matched == {
        "heat-1995": "tt0113277",  # not the 1986 film, not the TV episode
        "spirited-away-2001": "tt0245429",
        "psycho-1998": "tt0155975",  # the remake, not the 1960 film
        "crash-2004": "tt0375679",  # far more votes
        "amelie-2002": "tt0211915",  # accents folded, one year off
        "duel-1971": "tt0067023",  # a TV film fits a film
    }
    refused = {r["film"]: r for r in out["refused"]}
    assert set(refused) == {"twins-2005", "nothing-like-it-2010"}
    assert {c["imdb"] for c in refused["twins-2005"]["candidates"]} == {"tt5000001", "tt5000002"}
    assert refused["nothing-like-it-2010"]["candidates"] == []

    stored_films = films(journal)
    heat = stored_films["heat-1995"]
    assert heat["ids"]["imdb"] == "tt0113277"
    assert heat["runtime"] == 170
    assert heat["genres"] == ["Action", "Crime", "Drama"]
    assert heat["directors"] == ["Michael Mann"]
    assert heat["writers"] == ["Michael Mann"]
    assert heat["cast"] == [
        {"name": "Al Pacino", "role": "Lt. Vincent Hanna"},
        {"name": "Robert De Niro", "role": "Neil McCauley"},
    ]
    assert heat["composers"] == ["Elliot Goldenthal"]
    assert heat["cinematographers"] == ["Dante Spinotti"]
    assert heat["kind"] == "film"
    spirited = stored_films["spirited-away-2001"]
    # billing order, not file order; several characters joined
    assert [c["name"] for c in spirited["cast"]] == ["Rumi Hiiragi", "Miyu Irino"]
    assert spirited["cast"][0]["role"] == "Chihiro Ogino / Chihiro"
    # the original title first; working titles left out
    assert spirited["aka"] == [
        "Sen to Chihiro no kamikakushi",
        "Chihiros Reise ins Zauberland",
        "El viaje de Chihiro",
    ]
    assert stored_films["duel-1971"]["kind"] == "tv movie"
    assert stored_films["amelie-2002"]["year"] == 2002  # the user's year stays
    for film_id in ("twins-2005", "nothing-like-it-2010"):
        assert stored_films[film_id]["ids"]["imdb"] is None
        assert stored_films[film_id]["runtime"] is None
    # the fill remembers what it set, per film
    record = stored_raw(journal)["_meta"]["1"]["facts_filled"]
    assert "runtime=" in record["heat-1995"]
    assert "twins-2005" not in record


def test_the_films_left_alone_list_those_with_candidates_first(cli, journal, datasets):
    # "Aardvark" sorts before "Twins", but one word from the user settles Twins.
    make(cli, *JOURNAL, ("Aardvark Nights", "--year", "1990"))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--dry-run")
    assert result.code == 0, result.stderr
    left = result.stdout.split("Left alone (3):\n", 1)[1].splitlines()
    films = [line.strip().split(":")[0] for line in left if line.startswith("  ") and ":" in line]
    assert films[:3] == ["Twins (2005)", "Aardvark Nights (1990)", "Nothing Like It (2010)"]


def test_the_original_language_title_and_an_alternative_title_match(cli, journal, datasets):
    make(cli, ("Sen to Chihiro no Kamikakushi", "--year", "2001"))
    make(cli, ("El viaje de Chihiro", "--year", "2001"))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--json")
    assert result.code == 0, result.stderr
    out = result.json()
    assert {m["film"]: m["how"] for m in out["matched"]} == {
        "sen-to-chihiro-no-kamikakushi-2001": "title and year",
        "el-viaje-de-chihiro-2001": "alternative title and year",
    }
    # two films turned out to be one: a merge is suggested
    assert out["shared_ids"] == [
        {
            "imdb": "tt0245429",
            "films": ["sen-to-chihiro-no-kamikakushi-2001", "el-viaje-de-chihiro-2001"],
        }
    ]
    text = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert "share the IMDb id tt0245429: the same film?" in text.stdout
    assert "filmlog film merge" in text.stdout


def test_typed_facts_stay_unless_overwrite(cli, journal, datasets):
    make(cli, ("Heat", "--year", "1995", "--runtime", "171", "--director", "M. Mann"))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert result.code == 0, result.stderr
    assert "Kept your facts" in result.stdout
    assert "Heat (1995): runtime, directors" in result.stdout
    heat = films(journal)["heat-1995"]
    assert heat["runtime"] == 171
    assert heat["directors"] == ["M. Mann"]
    assert heat["writers"] == ["Michael Mann"]  # empty, so filled
    result = cli("facts", "fill", "Heat", "--imdb-datasets", str(datasets), "--overwrite")
    assert result.code == 0, result.stderr
    heat = films(journal)["heat-1995"]
    assert heat["runtime"] == 170
    assert heat["directors"] == ["Michael Mann"]


def test_dry_run_shows_every_match_and_writes_nothing(cli, journal, datasets):
    make(cli, *JOURNAL)
    before = journal.read_bytes()
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--dry-run")
    assert result.code == 0, result.stderr
    assert journal.read_bytes() == before
    assert "Heat (1995) = Heat (1995, movie, tt0113277, 700,000 votes) by title and year" in (
        result.stdout
    )
    assert "Psycho (1998) = Psycho (1998, movie, tt0155975) by title and year" in result.stdout
    assert "Twins (2005): several titles fit it equally well" in result.stdout
    assert "Dry run: nothing was written." in result.stdout


def test_a_second_run_changes_nothing(cli, journal, datasets):
    make(cli, *JOURNAL)
    assert cli("facts", "fill", "--imdb-datasets", str(datasets)).code == 0
    before = journal.read_bytes()
    result = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert result.code == 0, result.stderr
    assert journal.read_bytes() == before
    assert "Nothing to change" in result.stdout


def test_a_later_fill_refreshes_its_own_facts_but_not_the_users(cli, journal, tmp_path):
    make(cli, ("Heat", "--year", "1995"))
    folder = write_datasets(tmp_path / "old")
    assert cli("facts", "fill", "--imdb-datasets", str(folder)).code == 0
    # the user corrects the genres; IMDb later corrects the runtime and the genres
    assert cli("film", "set", "Heat", "--clear", "genre", "--genre", "Heist").code == 0
    newer = dict(TABLES)
    newer["title.basics"] = [
        (*row[:7], 171, "Crime,Drama") if row[0] == "tt0113277" else row for row in BASICS
    ]
    folder = write_datasets(tmp_path / "new", newer)
    result = cli("facts", "fill", "--imdb-datasets", str(folder))
    assert result.code == 0, result.stderr
    # What it set before and now changes is said to be updated, not filled.
    assert "Matched 1 of 1 film; changed 1\nUpdated: runtime 1\n" in result.stdout
    assert "Filled:" not in result.stdout
    heat = films(journal)["heat-1995"]
    assert heat["runtime"] == 171
    assert heat["genres"] == ["Heist"]


def test_imdb_id_settles_a_film_by_hand(cli, journal, datasets):
    make(cli, *JOURNAL)
    result = cli(
        "facts",
        "fill",
        "Twins",
        "--year",
        "2005",
        "--imdb-datasets",
        str(datasets),
        "--imdb",
        "https://www.imdb.com/title/tt5000002/",
    )
    assert result.code == 0, result.stderr
    twins = films(journal)["twins-2005"]
    assert twins["ids"]["imdb"] == "tt5000002"
    assert twins["runtime"] == 95
    assert films(journal)["heat-1995"]["runtime"] is None  # only the film named
    refused = cli("facts", "fill", "--imdb-datasets", str(datasets), "--imdb", "tt5000002")
    assert refused.code == 2
    assert "--imdb settles one film" in refused.stderr


def test_a_film_with_an_imdb_id_is_matched_by_it(cli, journal, datasets):
    # the title would match the 1995 film; the id says it is the 1986 one
    make(cli, ("Heat", "--year", "1995", "--imdb", "tt0093164"))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["matched"][0]["how"] == "IMDb id"
    assert films(journal)["heat-1995"]["runtime"] == 101


def test_plain_tsv_files_are_read_too(cli, journal, tmp_path):
    make(cli, ("Heat", "--year", "1995"))
    folder = write_datasets(tmp_path / "plain", gz=False)
    result = cli("facts", "fill", "--imdb-datasets", str(folder))
    assert result.code == 0, result.stderr
    assert films(journal)["heat-1995"]["runtime"] == 170


def test_an_imdb_import_then_lands_on_the_filled_film(cli, journal, datasets, tmp_path):
    make(cli, ("Spirited Away", "--year", "2001"))
    assert cli("facts", "fill", "--imdb-datasets", str(datasets)).code == 0
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
        "Genres,Num Votes,Release Date,Directors\n"
        "tt0245429,9,2024-01-02,Sen to Chihiro no kamikakushi,"
        "https://www.imdb.com/title/tt0245429/,movie,8.6,125,2001,Animation,900000,"
        "2001-07-20,Hayao Miyazaki\n",
        encoding="utf-8",
    )
    result = cli("import", "imdb", str(ratings))
    assert result.code == 0, result.stderr
    stored_films = films(journal)
    assert list(stored_films) == ["spirited-away-2001"]
    assert stored_films["spirited-away-2001"]["rating"] == 4.5


@pytest.mark.parametrize("damage", ["missing", "folder", "header", "truncated"])
def test_bad_dataset_files_are_one_line_errors_and_nothing_is_written(
    cli, journal, datasets, damage
):
    make(cli, ("Heat", "--year", "1995"))
    before = journal.read_bytes()
    target = datasets / "title.principals.tsv.gz"
    if damage == "missing":
        target.unlink()
    elif damage == "folder":
        target.unlink()
        target.mkdir()
    elif damage == "header":
        target.write_bytes(gzip.compress(b"Const,Your Rating,Title\ntt1,5,X\n"))
    else:
        whole = gzip.compress(tsv("title.principals", PRINCIPALS * 50))
        target.write_bytes(whole[: len(whole) // 2])
    result = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "title.principals.tsv.gz" in lines[0]
    if damage == "folder":
        assert "is not a file" in lines[0]
    assert journal.read_bytes() == before


def test_a_folder_that_is_not_there_is_an_error(cli, journal, tmp_path):
    make(cli, ("Heat", "--year", "1995"))
    result = cli("facts", "fill", "--imdb-datasets", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert "does not exist" in result.stderr


def test_after_a_real_letterboxd_import_show_and_stats_have_the_facts(
    cli, journal, real_data, tmp_path
):
    result = cli("import", "letterboxd", str(real_data / "lbx-extratone"))
    assert result.code == 0, result.stderr
    assert "no runtime for any" in cli("stats").stdout
    viewed = {w["film"] for w in stored(journal)["watches"].values() if w["date"]}
    known = [f for f in films(journal).values() if f["year"] and f["id"] in viewed][:25]
    basics, crew, principals, names = [], [], [], []
    for n, film in enumerate(known):
        tconst = f"tt9{n:06d}"
        basics.append(
            (tconst, "movie", film["title"], film["title"], 0, film["year"], N, 90 + n, "Drama")
        )
        # a look-alike: a TV episode of the same name and year
        basics.append(
            (
                f"tt8{n:06d}",
                "tvEpisode",
                film["title"],
                film["title"],
                0,
                film["year"],
                N,
                22,
                "Comedy",
            )
        )
        crew.append((tconst, f"nm9{n:06d}", N))
        principals.append((tconst, 1, f"nm8{n:06d}", "actress", N, f'["Lead {n}"]'))
        names.append((f"nm9{n:06d}", f"Director {n}", N, N, "director", tconst))
        names.append((f"nm8{n:06d}", f"Actress {n}", N, N, "actress", tconst))
    folder = write_datasets(
        tmp_path / "imdb",
        {
            "title.basics": basics,
            "title.akas": [],
            "title.ratings": [],
            "title.crew": crew,
            "title.principals": principals,
            "name.basics": names,
        },
    )
    result = cli("facts", "fill", "--imdb-datasets", str(folder), "--json")
    assert result.code == 0, result.stderr
    assert len(result.json()["matched"]) == len(known)
    page = cli("show", f"{known[0]['title']} ({known[0]['year']})", "--json").json()
    assert page["film"]["directors"] == ["Director 0"]
    assert page["film"]["cast"] == [{"name": "Actress 0", "role": "Lead 0"}]
    assert page["film"]["runtime"] == 90
    assert page["film"]["ids"]["imdb"] == "tt9000000"
    text = cli("show", f"{known[0]['title']} ({known[0]['year']})").stdout
    assert "Director 0" in text and "Actress 0" in text
    stats = cli("stats", "--json").json()
    assert stats["hours"] > 0
    assert stats["top_directors"] and stats["top_directors"][0]["name"].startswith("Director ")
    assert stats["top_actors"] and stats["top_actors"][0]["name"].startswith("Actress ")
    screen = cli("stats").stdout
    assert "no runtime for any" not in screen
    assert "Director " in screen


def test_the_suggested_merge_makes_one_film(cli, journal, datasets):
    make(cli, ("Sen to Chihiro no Kamikakushi", "--year", "2001"))
    make(cli, ("El viaje de Chihiro", "--year", "2001"))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert result.code == 0, result.stderr
    command = next(
        line.strip() for line in result.stdout.splitlines() if "filmlog film merge" in line
    )
    import shlex

    args = shlex.split(command)[1:]
    assert args[:3] == ["film", "merge", "El viaje de Chihiro (2001)"]
    merged = cli(*args, "--yes")
    assert merged.code == 0, merged.stderr
    assert list(films(journal)) == ["sen-to-chihiro-no-kamikakushi-2001"]


def test_a_letterboxd_import_lands_on_a_film_an_imdb_import_made(cli, journal, datasets, tmp_path):
    # IMDb's old exports name a film by one title only: the original one here
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
        "Genres,Num Votes,Release Date,Directors\n"
        "tt0245429,9,2024-01-02,Sen to Chihiro no kamikakushi,"
        "https://www.imdb.com/title/tt0245429/,movie,8.6,125,2001,Animation,900000,"
        "2001-07-20,Hayao Miyazaki\n",
        encoding="utf-8",
    )
    assert cli("import", "imdb", str(ratings)).code == 0
    assert cli("facts", "fill", "--imdb-datasets", str(datasets)).code == 0
    export = tmp_path / "letterboxd"
    export.mkdir()
    (export / "diary.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2024-02-01,Spirited Away,2001,https://boxd.it/2b0k,5,,,2024-02-01\n",
        encoding="utf-8",
    )
    result = cli("import", "letterboxd", str(export))
    assert result.code == 0, result.stderr
    stored_films = films(journal)
    assert list(stored_films) == ["sen-to-chihiro-no-kamikakushi-2001"]
    assert [w["film"] for w in stored(journal)["watches"].values()] == [
        "sen-to-chihiro-no-kamikakushi-2001"
    ]


def test_other_titles_are_added_to_the_users_own(cli, journal, datasets):
    make(cli, ("Spirited Away", "--year", "2001", "--aka", "Chihiro"))
    assert cli("facts", "fill", "--imdb-datasets", str(datasets)).code == 0
    assert films(journal)["spirited-away-2001"]["aka"] == [
        "Chihiro",
        "Sen to Chihiro no kamikakushi",
        "Chihiros Reise ins Zauberland",
        "El viaje de Chihiro",
    ]


def test_a_film_without_a_year_is_not_settled_by_votes(cli, journal, datasets):
    make(cli, ("Crash",), ("Duel",))
    result = cli("facts", "fill", "--imdb-datasets", str(datasets), "--json")
    assert result.code == 0, result.stderr
    out = result.json()
    assert [r["film"] for r in out["refused"]] == ["crash"]
    assert [(m["film"], m["match"]["imdb"], m["how"]) for m in out["matched"]] == [
        ("duel", "tt0067023", "title (the film has no year)")
    ]
    assert films(journal)["duel"]["year"] == 1971  # a missing year is filled


def test_an_empty_journal_has_nothing_to_fill(cli, empty_journal, datasets):
    result = cli("facts", "fill", "--imdb-datasets", str(datasets))
    assert result.code == 0
    assert "no films to fill" in result.stderr


def test_ctrl_c_while_the_files_are_read_leaves_the_journal_unchanged(cli, journal, datasets):
    import signal

    from tests.faults.support import spawn, wait_for_line

    make(cli, *JOURNAL)
    before = journal.read_bytes()
    proc = spawn(
        ["facts", "fill", "--imdb-datasets", str(datasets)],
        FILMLOG_DB=str(journal),
        FILMLOG_FAULTS="pause@dataset title.principals",
    )
    try:
        wait_for_line(proc.stderr, "paused at dataset title.principals", proc)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        assert proc.stderr is not None
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert err.splitlines() == ["error: interrupted"]
    assert journal.read_bytes() == before


def test_an_imdb_id_the_datasets_lack_is_an_error(cli, journal, datasets):
    make(cli, ("Twins", "--year", "2005"))
    before = journal.read_bytes()
    result = cli("facts", "fill", "Twins", "--imdb-datasets", str(datasets), "--imdb", "tt7777777")
    assert result.code == 1
    assert "tt7777777 is not in title.basics" in result.stderr
    assert journal.read_bytes() == before
    result = cli("facts", "fill", "--year", "2005", "--imdb-datasets", str(datasets))
    assert result.code == 2
    assert "--year picks between films of a TITLE" in result.stderr


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize("block", [5, 64, 1 << 22])
def test_lines_are_whole_whatever_the_block_size(tmp_path, monkeypatch, newline, block):
    from filmlog.imdb_datasets import files as imdb_datasets

    monkeypatch.setattr(imdb_datasets, "BLOCK", block)
    data = tsv("title.ratings", RATINGS).replace(b"\n", newline)
    for gz in (False, True):
        path = tmp_path / ("title.ratings.tsv" + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(data) if gz else data)
        seen = []
        for lines in imdb_datasets.blocks(path, "title.ratings"):
            seen.extend(lines)
        assert seen == ["\t".join(str(v) for v in row).encode() for row in RATINGS], (gz, block)
        # the last line without its line break is read too
        path.write_bytes(data.rstrip())
        assert sum(len(b) for b in imdb_datasets.blocks(path, "title.ratings")) == len(RATINGS)
