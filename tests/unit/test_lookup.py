"""Finding a film by what a user types: never a silent guess."""

from __future__ import annotations

import pytest

from filmlog import journal as jn
from filmlog.cli import asking
from filmlog.errors import AmbiguousTitle, FilmNotFound, InvalidInput
from filmlog.models import Film
from filmlog.store import Store
from tests.helpers import stored

FILMS = [
    Film(id="heat-1995", title="Heat", year=1995, directors=("Michael Mann",)),
    Film(id="heat-1986", title="Heat", year=1986, directors=("Dick Richards",)),
    Film(id="salo-1975", title="Salò, or the 120 Days of Sodom", year=1975, aka=("Salò",)),
    Film(id="amelie-2001", title="Amélie", year=2001, aka=("Le Fabuleux Destin d'Amélie Poulain",)),
    Film(id="8-1963", title="8½", year=1963),
    Film(id="rec-2-2009", title="[REC]²", year=2009),
    Film(id="leon-1994", title="Léon: The Professional", year=1994),
    Film(id="paris-texas", title="Paris, Texas"),
]


@pytest.fixture
def films(journal):
    with Store.transaction(journal) as s:
        s.save_films(FILMS)
    return Store.open(journal)


@pytest.mark.parametrize(
    ("typed", "film_id"),
    [
        ("salo or the 120 days of sodom", "salo-1975"),
        ("SALÒ, OR THE 120 DAYS OF SODOM", "salo-1975"),
        ("salo", "salo-1975"),  # an alias
        ("amelie", "amelie-2001"),
        ("le fabuleux destin d amelie poulain", "amelie-2001"),
        # ½ folds to "1 2", so the way people type it on a keyboard finds it.
        ("8 1/2", "8-1963"),
        ("8½", "8-1963"),
        ("rec 2", "rec-2-2009"),
        ("[rec]2", "rec-2-2009"),
        ("Leon - the professional", "leon-1994"),
        ("Heat (1995)", "heat-1995"),
        ("heat(1986)", "heat-1986"),
        ("paris texas", "paris-texas"),
    ],
)
def test_titles_are_found_whatever_the_case_accents_and_punctuation(films, typed, film_id):
    assert jn.resolve_title(films, typed).id == film_id


def test_year_picks_between_remakes(films):
    assert jn.resolve_title(films, "heat", 1986).id == "heat-1986"
    with pytest.raises(FilmNotFound):
        jn.resolve_title(films, "heat", 2001)


def test_several_matches_without_a_chooser_list_the_candidates(films):
    with pytest.raises(AmbiguousTitle) as caught:
        jn.resolve_title(films, "heat")
    message = str(caught.value)
    assert "Heat (1986)" in message
    assert "Heat (1995)" in message
    assert "--year" in message
    assert caught.value.exit_code == 1
    assert {f.id for f in caught.value.candidates} == {"heat-1986", "heat-1995"}  # type: ignore[attr-defined]


def test_several_matches_ask_the_chooser_oldest_first(films):
    offered: list[list[str]] = []

    def choose(candidates):
        offered.append([f.label for f in candidates])
        return candidates[1]

    assert jn.resolve_title(films, "HEAT", choose=choose).id == "heat-1995"
    assert offered == [["Heat (1986)", "Heat (1995)"]]


def test_a_single_match_never_asks(films):
    def choose(candidates):
        raise AssertionError("asked")

    assert jn.resolve_title(films, "heat (1995)", choose=choose).id == "heat-1995"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("haet", "Heat (1995)"),
        ("amelei", "Amélie (2001)"),
        ("sodom", "Salò, or the 120 Days of Sodom (1975)"),
        ("leon the profesional", "Léon: The Professional (1994)"),
    ],
)
def test_typos_get_did_you_mean(films, typed, suggested):
    with pytest.raises(FilmNotFound) as caught:
        jn.resolve_title(films, typed)
    assert suggested in caught.value.suggestions  # type: ignore[attr-defined]
    assert "did you mean" in str(caught.value)


def test_remakes_are_each_suggested_with_their_year(films):
    assert set(jn.suggestions(films, "haet")) >= {"Heat (1986)", "Heat (1995)"}


def test_nothing_near_suggests_nothing(films):
    with pytest.raises(FilmNotFound) as caught:
        jn.resolve_title(films, "Zzyzx Road")
    assert "did you mean" not in str(caught.value)


def test_a_title_without_letters_is_bad_input(films):
    with pytest.raises(InvalidInput):
        jn.resolve_title(films, " !? ")


def test_title_year_and_a_different_year_option_is_refused(films):
    with pytest.raises(InvalidInput, match="says 1995 but --year says 1986"):
        jn.resolve_title(films, "Heat (1995)", 1986)


def test_a_film_really_titled_with_a_year_in_brackets(journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="x-1999-2020", title="X (1999)", year=2020))
        film, created = jn.find_or_create_film(s, "X (1999)", 2020)
    assert (film.id, created) == ("x-1999-2020", False)
    assert jn.resolve_title(Store.open(journal), "x (1999)", 2020).id == "x-1999-2020"


def test_find_or_create_reuses_or_creates(films, journal):
    with Store.transaction(journal) as s:
        assert jn.find_or_create_film(s, "amelie") == (s.film("amelie-2001"), False)
        film, created = jn.find_or_create_film(s, "Heat", 2001)  # a third Heat
        assert created
        assert (film.id, film.title, film.year) == ("heat-2001", "Heat", 2001)
        film, created = jn.find_or_create_film(s, "Alien (1979)")
        assert (film.id, film.title, film.year, created) == ("alien-1979", "Alien", 1979, True)
        # A film known without a year takes the year given.
        film, created = jn.find_or_create_film(s, "Paris, Texas", 1984)
        assert (film.id, film.year, created) == ("paris-texas", 1984, False)
        with pytest.raises(AmbiguousTitle):
            jn.find_or_create_film(s, "heat")


def test_new_titles_are_cleaned_to_one_line(journal):
    with Store.transaction(journal) as s:
        film, _ = jn.find_or_create_film(s, "  The\tThing\x1b[2J \n")
    assert film.title == "The Thing"


# --------------------------------------------------------------------------- through the CLI


@pytest.fixture
def remakes(cli):
    assert cli("add", "Heat", "--year", "1995", "--on", "2024-01-01").code == 0
    assert cli("add", "Heat", "--year", "1986", "--on", "2024-01-02").code == 0


def test_off_a_terminal_several_matches_exit_1_with_candidates(cli, remakes, journal):
    before = journal.read_bytes()
    for command in (("show", "heat"), ("add", "heat", "--rating", "4")):
        result = cli(*command)
        assert result.code == 1
        assert result.stderr.startswith("error: 'heat' matches 2 films: Heat (1986), Heat (1995)")
        assert result.stderr.count("\n") == 1
    assert journal.read_bytes() == before


def test_on_a_terminal_the_user_picks(cli, remakes, journal, monkeypatch):
    monkeypatch.setattr(asking, "interactive", lambda: True)
    result = cli("add", "heat", "--rating", "4", input="2\n")
    assert result.code == 0, result.stderr
    assert "Several films match:\n  1. Heat (1986)\n  2. Heat (1995)\nWhich one (1-2):" in (
        result.stderr
    )
    assert "Logged #3: Heat (1995)" in result.stdout
    assert stored(journal)["watches"]["3"]["film"] == "heat-1995"
    shown = cli("show", "heat", input="1\n")
    assert "Heat (1986)" in shown.stdout
    assert "Heat (1995)" not in shown.stdout


def test_on_a_terminal_a_choice_not_on_the_list_is_asked_again(cli, remakes, journal, monkeypatch):
    monkeypatch.setattr(asking, "interactive", lambda: True)
    result = cli("add", "heat", input="3\nx\n0\n²\n 2 \n")
    assert result.code == 0, result.stderr
    assert result.stderr.count("Which one (1-2):") == 5
    for typed in ("3", "x", "0", "²"):
        assert f"{typed!r} is not on the list: type a number from 1 to 2.\n" in result.stderr
    assert "Error" not in result.stderr and "error" not in result.stderr
    assert stored(journal)["watches"]["3"]["film"] == "heat-1995"


def test_on_a_terminal_a_wrong_choice_then_no_answer_changes_nothing(
    cli, remakes, journal, monkeypatch
):
    monkeypatch.setattr(asking, "interactive", lambda: True)
    before = journal.read_bytes()
    result = cli("add", "heat", input="3\n")
    assert result.code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: aborted"
    assert journal.read_bytes() == before


def test_on_a_terminal_no_answer_changes_nothing(cli, remakes, journal, monkeypatch):
    monkeypatch.setattr(asking, "interactive", lambda: True)
    before = journal.read_bytes()
    result = cli("add", "heat", input="")
    assert result.code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: aborted"
    assert journal.read_bytes() == before


def test_show_suggests_near_titles(cli, remakes):
    result = cli("show", "haet")
    assert result.code == 1
    assert result.stderr == (
        "error: no film called 'haet' in the journal "
        "(did you mean 'Heat (1986)' or 'Heat (1995)'?)\n"
    )


def test_add_refuses_a_near_title_unless_new_says_it_is_a_new_film(cli, remakes, journal):
    refused = cli("add", "Haet")
    assert refused.code == 1
    assert refused.stderr == (
        "error: 'Haet' is not in your journal (did you mean 'Heat (1986)' or "
        "'Heat (1995)'? --new adds 'Haet' as a new film)\n"
    )
    assert "haet" not in stored(journal)["films"]
    # A year no near film has says it is another film.
    result = cli("add", "Haet", "--year", "2000")
    assert result.code == 0
    assert "new to the journal (did you mean Heat (1986) or Heat (1995)?)" in result.stderr
    assert "haet-2000" in stored(journal)["films"]


def test_show_year_option_and_title_year(cli, remakes):
    assert cli("show", "heat", "--year", "1986", "--json").json()["film"]["id"] == "heat-1986"
    assert cli("show", "Heat (1995)", "--json").json()["film"]["id"] == "heat-1995"
    conflict = cli("show", "Heat (1995)", "--year", "1986")
    assert conflict.code == 2
    assert conflict.stderr.startswith("error: 'Heat (1995)' says 1995 but --year says 1986")


def test_a_film_is_found_by_its_id_too(films):
    assert jn.resolve_title(films, "heat-1986").id == "heat-1986"
    assert jn.resolve_title(films, "rec-2-2009").title == "[REC]²"
    with pytest.raises(FilmNotFound):
        jn.resolve_title(films, "heat-1986", 1995)  # the id and the year disagree


def test_films_of_one_title_and_year_are_told_apart_by_their_ids(journal):
    twins = [Film(id="castle-1897", title="Castle", year=1897)]
    twins.append(Film(id="castle-1897-2", title="Castle", year=1897))
    with Store.transaction(journal) as s:
        s.save_films(twins)
    store = Store.open(journal)
    with pytest.raises(AmbiguousTitle) as refused:
        jn.resolve_title(store, "Castle (1897)")
    assert "[castle-1897], Castle (1897) [castle-1897-2]" in refused.value.message
    assert refused.value.hint == "give the id in brackets instead of the title"
    assert jn.resolve_title(store, "castle-1897-2").id == "castle-1897-2"


def test_a_missing_leading_article_is_a_typo_not_a_new_film(journal):
    with Store.transaction(journal) as s:
        s.save_films([Film(id="the-neon-demon-2016", title="The Neon Demon", year=2016)])
    pick, near = jn.pick_film(Store.open(journal), "Neon Demon", None, None)
    assert pick.film_id is None
    assert [c.id for c in near] == ["the-neon-demon-2016"]


def test_a_film_near_by_its_title_and_an_alias_is_suggested_once(journal):
    vegas = Film(id="llv-1995", title="Leaving Las Vegas", year=1995, aka=("Leavin Las Vegs",))
    with Store.transaction(journal) as s:
        s.save_films([vegas])
    _, near = jn.pick_film(Store.open(journal), "Leavng Las Vegas", None, None)
    assert [c.id for c in near] == ["llv-1995"]
