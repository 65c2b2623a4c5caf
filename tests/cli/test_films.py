"""``film set``, ``film list``, ``film merge``, and the mislabelled streaming listing."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from filmlog.catalog import disc_field, film_field, parse_imdb, parse_runtime, parse_tmdb
from filmlog.errors import InvalidInput
from tests.helpers import stored


def ok(result):
    assert result.code == 0, result.stderr
    return result


def film_doc(journal, film_id):
    return stored(journal)["films"][film_id]


def test_film_set_creates_the_film_with_every_fact(cli, journal):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--genre", "Drama"))
    ok(cli("film", "set", "Barfly", "--year", "1987"))
    result = ok(
        cli(
            "film", "set", "leaving las vegas", "--year", "1995",
            "--director", "Mike Figgis",
            "--writer", "Mike Figgis", "--writer", "John O'Brien",
            "--cast", "Nicolas Cage as Ben Sanderson", "--cast", "Elisabeth Shue as Sera",
            "--composer", "Mike Figgis",
            "--cinematographer", "Declan Quinn",
            "--genre", "Romance",
            "--runtime", "1h51",
            "--certificate", "UK 18",
            "--country", "United States",
            "--based-on", "Leaving Las Vegas, the novel by John O'Brien",
            "--synopsis", "A screenwriter drinks himself to death in Las Vegas.",
            "--aka", "Vegas Blues",
            "--imdb", "https://www.imdb.com/title/tt0113627/?ref_=x",
            "--tmdb", "https://www.themoviedb.org/movie/451-leaving-las-vegas",
            "--see-also", "Barfly (1987)",
            "--like",
            "--rating", "★★★★½",
            "--notes", "Cage's best.",
        )
    )  # fmt: skip
    assert result.stdout.startswith("Updated Leaving Las Vegas (1995)")
    doc = film_doc(journal, "leaving-las-vegas-1995")
    assert doc["directors"] == ["Mike Figgis"]
    assert doc["writers"] == ["Mike Figgis", "John O'Brien"]
    assert doc["cast"] == [
        {"name": "Nicolas Cage", "role": "Ben Sanderson"},
        {"name": "Elisabeth Shue", "role": "Sera"},
    ]
    assert doc["composers"] == ["Mike Figgis"]
    assert doc["cinematographers"] == ["Declan Quinn"]
    assert doc["genres"] == ["Drama", "Romance"]
    assert doc["runtime"] == 111
    assert doc["certificate"] == "UK 18"
    assert doc["countries"] == ["United States"]
    assert doc["based_on"] == "Leaving Las Vegas, the novel by John O'Brien"
    assert doc["synopsis"] == "A screenwriter drinks himself to death in Las Vegas."
    assert doc["aka"] == ["Vegas Blues"]
    assert doc["ids"] == {"imdb": "tt0113627", "tmdb": "451", "letterboxd": None}
    assert doc["see_also"] == ["barfly-1987"]
    assert doc["liked"] is True
    assert doc["rating"] == 4.5
    assert doc["notes"] == "Cage's best."
    assert doc["seen"] is False


def test_a_new_film_is_created_and_said_so(cli, journal):
    result = ok(cli("film", "set", "Thief", "--year", "1981", "--director", "Michael Mann"))
    assert result.stdout.startswith("New film Thief (1981)")
    assert film_doc(journal, "thief-1981")["directors"] == ["Michael Mann"]


def test_a_value_with_commas_stays_one_value(cli, journal):
    ok(
        cli(
            "film", "set", "Heat", "--year", "1995",
            "--based-on", "L.A. Takedown, a TV film",
            "--aka", "Heat, the L.A. crime saga",
            "--cast", "Al Pacino as Lt. Vincent Hanna, LAPD",
        )
    )  # fmt: skip
    doc = film_doc(journal, "heat-1995")
    assert doc["aka"] == ["Heat, the L.A. crime saga"]
    assert doc["cast"] == [{"name": "Al Pacino", "role": "Lt. Vincent Hanna, LAPD"}]
    assert doc["based_on"] == "L.A. Takedown, a TV film"


def test_repeating_adds_to_what_is_there_once(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime"))
    ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "crime", "--genre", "Thriller"))
    ok(cli("film", "set", "Heat", "--year", "1995", "--cast", "Al Pacino"))
    ok(cli("film", "set", "Heat", "--year", "1995", "--cast", "Al Pacino as Vincent Hanna"))
    doc = film_doc(journal, "heat-1995")
    assert doc["genres"] == ["Crime", "Thriller"]
    # A role given later completes the actor listed without one.
    assert doc["cast"] == [{"name": "Al Pacino", "role": "Vincent Hanna"}]


def test_an_actor_in_two_roles_is_kept_twice(cli, journal):
    ok(
        cli(
            "film", "set", "Dead Ringers", "--year", "1988",
            "--cast", "Jeremy Irons as Beverly Mantle", "--cast", "Jeremy Irons as Elliot Mantle",
        )
    )  # fmt: skip
    assert [c["role"] for c in film_doc(journal, "dead-ringers-1988")["cast"]] == [
        "Beverly Mantle",
        "Elliot Mantle",
    ]


def test_remove_takes_one_wrong_value_off(cli, journal):
    ok(
        cli(
            "film", "set", "Heat", "--year", "1995",
            "--genre", "Crime", "--genre", "Comedy",
            "--cast", "Al Pacino as Vincent Hanna", "--cast", "Wrong Person as Nobody",
            "--aka", "Hete", "--see-also", "Thief (1981)", "--see-also", "Collateral (2004)",
        )
    )  # fmt: skip
    ok(
        cli(
            "film", "set", "Heat", "--year", "1995",
            "--remove", "genre=comedy",
            "--remove", "cast=Wrong Person",
            "--remove", "aka=Hete",
            "--remove", "see-also=Collateral",
        )
    )  # fmt: skip
    doc = film_doc(journal, "heat-1995")
    assert doc["genres"] == ["Crime"]
    assert doc["cast"] == [{"name": "Al Pacino", "role": "Vincent Hanna"}]
    assert doc["aka"] == []
    assert doc["see_also"] == ["thief-1981"]


def test_clear_empties_a_field_and_values_alongside_replace_it(cli, journal):
    ok(
        cli(
            "film", "set", "Heat", "--year", "1995", "--genre", "Comedy",
            "--runtime", "170", "--certificate", "PG", "--imdb", "tt0113277", "--like",
        )
    )  # fmt: skip
    ok(
        cli(
            "film", "set", "Heat", "--year", "1995",
            "--clear", "genres", "--genre", "Crime",
            "--clear", "certificate", "--clear", "imdb", "--clear", "like",
            "--clear", "runtime", "--runtime", "170 min",
        )
    )  # fmt: skip
    doc = film_doc(journal, "heat-1995")
    assert doc["genres"] == ["Crime"]
    assert doc["certificate"] is None
    assert doc["ids"]["imdb"] is None
    assert doc["liked"] is False
    assert doc["runtime"] == 170


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runtime", "long"], "is not a runtime"),
        (["--runtime", "0"], "is not a runtime"),
        (["--rating", "7"], "is not a rating"),
        (["--imdb", "0113277"], "is not an IMDb id"),
        (["--tmdb", "heat"], "is not a TMDb id"),
        (["--tmdb", "¹"], "'¹' is not a TMDb id"),
        (["--tmdb", "٤٥١"], "is not a TMDb id"),
        (["--imdb", "tt٠١١٣٢٧٧"], "is not an IMDb id"),
        (["--cast", " as Vincent Hanna"], "names no actor"),
        (["--clear", "mood"], "is not a film field"),
        (["--remove", "genre"], "needs FIELD=VALUE"),
        (["--remove", "runtime=170"], "single value"),
        (["--certificate", "  "], "is empty"),
        (["--new-year", "95"], "not a plausible year"),
        (["--new-title", "!!"], "at least one letter"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(cli, journal, args, message):
    ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime"))
    before = journal.read_bytes()
    result = cli("film", "set", "Heat", "--year", "1995", "--genre", "Drama", *args)
    assert result.code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert journal.read_bytes() == before


def test_removing_a_value_that_is_not_there_exits_1_and_names_what_is(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime"))
    before = journal.read_bytes()
    result = cli("film", "set", "Heat", "--year", "1995", "--remove", "genre=Comedy")
    assert result.code == 1
    assert "Heat (1995) has no genres 'Comedy'" in result.stderr
    assert "it has: Crime" in result.stderr
    assert journal.read_bytes() == before


def test_nothing_to_change_is_a_usage_error(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    result = cli("film", "set", "Heat")
    assert result.code == 2
    assert "nothing to change for Heat (1995)" in result.stderr


def test_setting_what_is_already_there_says_nothing_changed(cli):
    ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime"))
    result = ok(cli("film", "set", "Heat", "--genre", "crime"))
    assert result.stdout.startswith("Nothing changed: Heat (1995)")


def test_the_films_own_rating_wins_over_the_latest_viewing(cli):
    ok(cli("add", "Heat", "--year", "1995", "--rating", "3", "--on", "2024-01-01"))
    ok(cli("film", "set", "Heat", "--rating", "5"))
    assert ok(cli("show", "Heat", "--json")).json()["film"]["rating"] == 5
    ok(cli("film", "set", "Heat", "--clear", "rating"))
    assert ok(cli("show", "Heat", "--json")).json()["film"]["rating"] == 3


def test_rename_and_correct_the_year_keep_the_id(cli, journal):
    ok(cli("add", "Hete", "--year", "1959", "--on", "2024-01-01"))
    ok(cli("film", "set", "Hete", "--new-title", "Heat", "--new-year", "1995"))
    doc = film_doc(journal, "hete-1959")
    assert (doc["title"], doc["year"]) == ("Heat", 1995)
    assert ok(cli("show", "Heat (1995)", "--json")).json()["watches"][0]["id"] == 1


def test_rename_onto_another_film_is_refused(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    ok(cli("film", "set", "Hete", "--year", "1995", "--new"))
    before = journal.read_bytes()
    result = cli("film", "set", "Hete", "--new-title", "Heat")
    assert result.code == 1
    assert "another film is already called Heat (1995)" in result.stderr
    assert "film merge" in result.stderr
    assert journal.read_bytes() == before


def test_see_also_creates_a_missing_film_and_refuses_itself(cli, journal):
    result = ok(cli("film", "set", "Heat", "--year", "1995", "--see-also", "Thief (1981)"))
    assert "Thief (1981) is new to the journal" in result.stderr
    assert film_doc(journal, "thief-1981")["title"] == "Thief"
    result = cli("film", "set", "Heat", "--year", "1995", "--see-also", "heat")
    assert result.code == 2
    assert "cannot be its own see-also" in result.stderr


def test_a_see_also_near_a_known_title_is_refused_unless_created(cli, journal):
    ok(cli("film", "set", "Thief", "--year", "1981"))
    ok(cli("film", "set", "Heat", "--year", "1995"))
    before = journal.read_bytes()
    result = cli("film", "set", "Heat", "--year", "1995", "--see-also", "Thef (1981)")
    assert result.code == 1
    assert result.stderr == (
        "error: no film called 'Thef (1981)' in the journal "
        "(did you mean 'Thief (1981)'? --new adds 'Thef (1981)' as a new film)\n"
    )
    assert journal.read_bytes() == before
    # A refused see-also refuses the whole command, even after a good one.
    result = cli("film", "set", "Heat", "--see-also", "Thief", "--see-also", "Thef", "--genre", "X")
    assert result.code == 1
    assert journal.read_bytes() == before

    result = ok(cli("film", "set", "Heat", "--see-also", "Thef (1981)", "--create"))
    assert "Thef (1981) is new to the journal" in result.stderr
    assert film_doc(journal, "heat-1995")["see_also"] == ["thef-1981"]
    assert "--create" in ok(cli("film", "set", "--help")).stdout


def test_film_set_json_prints_the_film(cli):
    data = ok(cli("film", "set", "Heat", "--year", "1995", "--genre", "Crime", "--json")).json()
    assert data["id"] == "heat-1995"
    assert data["genres"] == ["Crime"]


def test_user_text_is_never_markup(cli):
    ok(
        cli(
            "film", "set", "Heat [/] x", "--year", "1995",
            "--cast", "[bold]Al[/bold] as [red]Hanna", "--director", ":smile: [/]",
        )
    )  # fmt: skip
    shown = ok(cli("show", "Heat [/] x")).stdout
    assert "Heat [/] x (1995)" in shown
    assert "[bold]Al[/bold]" in shown
    assert "[red]Hanna" in shown
    assert ":smile: [/]" in shown
    assert "Heat [/] x   1995   :smile: [/]" in ok(cli("film", "list", "--all")).stdout


# --------------------------------------------------------------------------- film list


def test_film_list_json_adds_watches_last_watched_and_average(cli):
    ok(cli("add", "Heat", "--year", "1995", "--rating", "4", "--on", "2024-01-01"))
    ok(cli("add", "Heat", "--year", "1995", "--rating", "5", "--on", "2024-03-01"))
    ok(cli("film", "set", "Thief", "--year", "1981"))
    films = ok(cli("film", "list", "--all", "--json")).json()
    assert [f["id"] for f in films] == ["heat-1995", "thief-1981"]
    heat, thief = films
    assert (heat["watches"], heat["last_watched"], heat["average_rating"]) == (2, "2024-03-01", 4.5)
    assert heat["rating"] == 5
    assert heat["title"] == "Heat" and heat["year"] == 1995
    assert (thief["watches"], thief["last_watched"], thief["average_rating"]) == (0, None, None)
    assert thief["cast"] == [] and thief["ids"]["imdb"] is None


def test_film_list_table_sort_and_limit(cli):
    ok(cli("add", "Heat", "--year", "1995", "--rating", "4", "--on", "2024-01-01"))
    ok(cli("add", "Alien", "--year", "1979", "--rating", "5", "--on", "2023-01-01"))
    ok(cli("film", "set", "Thief", "--year", "1981", "--director", "Michael Mann"))
    table = ok(cli("film", "list", "--all")).stdout
    lines = [line for line in table.splitlines() if line.strip()]
    assert lines[0].split()[:3] == ["Film", "Year", "Directed"]
    assert [line.split()[0] for line in lines[2:]] == ["Alien", "Heat", "Thief"]
    assert "Michael Mann" in table and "★★★★★" in table
    by_watched = ok(cli("film", "list", "--all", "--sort", "watched", "--json")).json()
    assert [f["title"] for f in by_watched] == ["Heat", "Alien", "Thief"]
    by_year = ok(cli("film", "list", "-a", "--sort", "year", "--limit", "2", "--json")).json()
    assert [f["title"] for f in by_year] == ["Alien", "Thief"]
    assert cli("film", "list", "--sort", "mood").code == 2


def test_film_list_of_an_empty_journal(cli, empty_journal):
    assert ok(cli("film", "list", "--json")).json() == []
    result = ok(cli("film", "list"))
    assert result.stdout == ""
    assert "no films seen yet" in result.stderr


# --------------------------------------------------------------------------- same title


def test_films_of_the_same_title_are_told_apart_by_year(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995", "--director", "Michael Mann"))
    ok(cli("film", "set", "Heat", "--year", "1986", "--director", "Dick Richards"))
    assert film_doc(journal, "heat-1995")["directors"] == ["Michael Mann"]
    assert film_doc(journal, "heat-1986")["directors"] == ["Dick Richards"]

    before = journal.read_bytes()
    result = cli("film", "set", "Heat", "--genre", "Crime")
    assert result.code == 1
    assert "Heat (1986), Heat (1995)" in result.stderr
    assert "--year" in result.stderr
    assert journal.read_bytes() == before

    ok(cli("film", "set", "Heat (1986)", "--genre", "Thriller"))
    assert film_doc(journal, "heat-1986")["genres"] == ["Thriller"]
    assert film_doc(journal, "heat-1995")["genres"] == []

    table = ok(cli("film", "list", "--all")).stdout
    assert "1986" in table and "1995" in table
    years = [(f["title"], f["year"]) for f in ok(cli("film", "list", "--all", "--json")).json()]
    assert years == [("Heat", 1986), ("Heat", 1995)]


# ----------------------------------------------------------------- the mislabelled listing


def test_alias_set_first_sends_the_listing_title_to_the_right_film(cli, journal):
    ok(
        cli(
            "film", "set", "Leaving Las Vegas", "--year", "1995",
            "--runtime", "111", "--aka", "Vegas Blues",
        )
    )  # fmt: skip
    # The service lists it under another title: logging under that title lands right.
    added = ok(cli("add", "Vegas Blues", "--where", "Netflix", "--on", "2024-05-01"))
    assert "Leaving Las Vegas (1995)" in added.stdout
    data = stored(journal)
    assert list(data["films"]) == ["leaving-las-vegas-1995"]
    assert data["watches"]["1"]["film"] == "leaving-las-vegas-1995"
    page = ok(cli("show", "vegas blues", "--json")).json()
    assert (page["film"]["title"], page["film"]["year"], page["film"]["runtime"]) == (
        "Leaving Las Vegas",
        1995,
        111,
    )
    assert "Also known as  Vegas Blues" in ok(cli("show", "Vegas Blues")).stdout


def test_listed_as_records_the_wrong_title_while_logging(cli, journal):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--runtime", "111"))
    ok(
        cli(
            "add", "Leaving Las Vegas", "--year", "1995", "--where", "Netflix",
            "--listed-as", "Vegas Blues (2003)", "--on", "2024-05-01",
        )
    )  # fmt: skip
    doc = film_doc(journal, "leaving-las-vegas-1995")
    # The listing's wrong year is not kept with the alias, and the film's facts stay.
    assert doc["aka"] == ["Vegas Blues"]
    assert (doc["year"], doc["runtime"]) == (1995, 111)
    page = ok(cli("show", "Vegas Blues", "--json")).json()
    assert page["film"]["id"] == "leaving-las-vegas-1995"
    assert page["summary"]["watches"] == 1
    # Later viewings under the listing title land on the film too.
    ok(cli("add", "Vegas Blues", "--on", "2024-06-01"))
    assert len(stored(journal)["films"]) == 1


def test_merge_folds_a_viewing_logged_under_the_wrong_title(cli, journal):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--runtime", "111"))
    # Logged straight from the listing: wrong title, wrong year.
    ok(cli("add", "Vegas Blues", "--year", "2003", "--where", "Netflix", "--rating", "4"))
    assert set(stored(journal)["films"]) == {"leaving-las-vegas-1995", "vegas-blues-2003"}

    result = cli("film", "merge", "Vegas Blues", "--into", "Leaving Las Vegas")
    assert result.code == 2  # it asks first, and nobody can answer here
    assert len(stored(journal)["films"]) == 2

    result = ok(cli("film", "merge", "Vegas Blues", "--into", "Leaving Las Vegas", "--yes"))
    assert "Merged Vegas Blues (2003) into Leaving Las Vegas (1995)" in result.stderr
    data = stored(journal)
    assert list(data["films"]) == ["leaving-las-vegas-1995"]
    assert data["watches"]["1"]["film"] == "leaving-las-vegas-1995"
    film = data["films"]["leaving-las-vegas-1995"]
    assert film["aka"] == ["Vegas Blues"]
    assert (film["year"], film["runtime"], film["seen"]) == (1995, 111, True)
    page = ok(cli("show", "Vegas Blues", "--json")).json()
    assert page["film"]["title"] == "Leaving Las Vegas"
    assert page["summary"]["watches"] == 1
    # The folded film's id is never given out again.
    ok(cli("film", "set", "Vegas Blues", "--year", "2003"))
    assert "vegas-blues-2003-2" in stored(journal)["films"]


def test_merge_moves_discs_watchlist_and_see_also_links(cli, journal):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--director", "Mike Figgis"))
    ok(cli("watchlist", "add", "Vegas Blues", "--year", "2003", "--note", "Netflix"))
    ok(cli("disc", "add", "Vegas Blues", "--year", "2003", "--format", "dvd"))
    ok(
        cli(
            "film", "set", "Barfly", "--year", "1987",
            "--see-also", "Vegas Blues (2003)", "--director", "Barbet Schroeder",
        )
    )  # fmt: skip
    ok(cli("film", "set", "Vegas Blues", "--year", "2003", "--genre", "Drama"))
    ok(cli("film", "merge", "Vegas Blues (2003)", "--into", "Leaving Las Vegas", "--yes"))
    data = stored(journal)
    assert data["discs"]["1"]["films"] == ["leaving-las-vegas-1995"]
    assert list(data["watchlist"]) == ["leaving-las-vegas-1995"]
    assert data["watchlist"]["leaving-las-vegas-1995"]["note"] == "Netflix"
    assert data["films"]["barfly-1987"]["see_also"] == ["leaving-las-vegas-1995"]
    target = data["films"]["leaving-las-vegas-1995"]
    assert target["directors"] == ["Mike Figgis"]  # its own facts stay
    assert target["genres"] == ["Drama"]  # facts it lacked are taken over


def test_merge_refuses_a_film_into_itself(cli):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995", "--aka", "Vegas Blues"))
    result = cli("film", "merge", "Vegas Blues", "--into", "Leaving Las Vegas", "--yes")
    assert result.code == 2
    assert "same film" in result.stderr


def test_edit_moves_a_viewing_and_the_alias_finds_it(cli, journal):
    ok(cli("film", "set", "Leaving Las Vegas", "--year", "1995"))
    ok(cli("add", "Vegas Blues", "--year", "2003", "--on", "2024-05-01"))
    ok(cli("edit", "1", "--title", "Leaving Las Vegas"))
    ok(cli("film", "merge", "Vegas Blues", "--into", "Leaving Las Vegas", "--yes"))
    assert stored(journal)["watches"]["1"]["film"] == "leaving-las-vegas-1995"
    assert ok(cli("show", "vegas blues", "--json")).json()["summary"]["watches"] == 1


def test_help_documents_remove_and_clear(cli):
    text = ok(cli("film", "set", "--help")).stdout
    for option in ("--remove", "--clear", "--aka", "--see-also", "--new-title", "--like"):
        assert option in text


# --------------------------------------------------------------------------- grammars


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("111", 111), ("111 min", 111), ("1h51", 111), ("1h 51m", 111), ("1:51", 111), ("2h", 120)],
)
def test_runtime_grammar(typed, minutes):
    assert parse_runtime(typed) == minutes


@given(st.integers(1, 100_000))
def test_runtimes_in_minutes_or_hours_agree(minutes):
    hours, rest = divmod(minutes, 60)
    assert parse_runtime(str(minutes)) == minutes
    assert parse_runtime(f"{hours}h{rest:02d}") == minutes
    assert parse_runtime(f"{hours}:{rest:02d}") == minutes


@given(st.text(max_size=30))
@example("¹")
@example("²³")
@example("tt¹²³⁴⁵⁶⁷")
@example("themoviedb.org/movie/¹")
def test_grammars_refuse_with_invalid_input_only(text):
    for parse in (parse_runtime, parse_imdb, parse_tmdb, film_field, disc_field):
        try:
            parse(text)
        except InvalidInput as exc:
            assert exc.exit_code == 2
            assert exc.hint


@pytest.mark.parametrize(
    ("typed", "tmdb"),
    [("451", "451"), ("00451", "451"), ("https://www.themoviedb.org/movie/451-x", "451"),
     ("9" * 5000, "9" * 5000)],
)  # fmt: skip
def test_tmdb_ids_are_ascii_digits_of_any_length(typed, tmdb):
    assert parse_tmdb(typed) == tmdb


@pytest.mark.parametrize("typed", ["¹", "٤٥١", "４５１", "themoviedb.org/movie/٤٥١"])
def test_digits_of_other_scripts_are_not_ids(typed):
    for parse in (parse_tmdb, parse_imdb):
        with pytest.raises(InvalidInput):
            parse(typed)
    with pytest.raises(InvalidInput):
        parse_imdb("tt" + typed)


@pytest.mark.parametrize(
    ("name", "field"),
    [("director", "directors"), ("--see-also", "see_also"), ("Based_On", "based_on"),
     ("alias", "aka"), ("like", "liked"), ("imdb", "imdb")],
)  # fmt: skip
def test_film_fields_are_named_as_users_type_them(name, field):
    assert film_field(name) == field
