"""``film merge`` keeps the folded film's facts: text joined, lists unioned, empty facts
filled, and a value it cannot keep named in the output (or asked about on a terminal)."""

from __future__ import annotations

from filmlog.models import CastMember, Film, FilmIds
from filmlog.store import Store
from tests.helpers import stored

RIGHT = Film(
    id="heat-1995",
    title="Heat",
    year=1995,
    directors=("Michael Mann",),
    cast=(CastMember("Al Pacino", "Vincent Hanna"),),
    genres=("Crime",),
    runtime=170,
    synopsis="A thief and a detective.",
    notes="Seen at the BFI.",
    ids=FilmIds(imdb="tt0113277"),
)
WRONG = Film(
    id="heet-1996",
    title="Heet",
    year=1996,
    aka=("Heat: the director's cut",),
    directors=("Michael Mann", "M. Mann"),
    writers=("Michael Mann",),
    cast=(CastMember("Robert De Niro", "Neil McCauley"), CastMember("Al Pacino", "Vincent Hanna")),
    genres=("Thriller",),
    countries=("US",),
    composers=("Elliot Goldenthal",),
    runtime=171,
    certificate="UK 15",
    based_on="L.A. Takedown",
    synopsis="A thief and a detective.",
    notes="Streaming copy, wrong metadata.",
    ids=FilmIds(imdb="tt9999999", tmdb="949", letterboxd="heat-1995"),
    see_also=("thief-1981",),
)


def journal_with(journal, *films: Film) -> None:
    with Store.transaction(journal) as store:
        store.save_films([*films, Film(id="thief-1981", title="Thief", year=1981)])


def test_merge_keeps_every_fact_of_the_folded_film(cli, journal):
    journal_with(journal, RIGHT, WRONG)
    result = cli("film", "merge", "Heet", "--into", "Heat", "--yes")
    assert result.code == 0, result.stderr
    film = stored(journal)["films"]["heat-1995"]
    assert "heet-1996" not in stored(journal)["films"]
    assert film["aka"] == ["Heet", "Heat: the director's cut"]
    assert film["directors"] == ["Michael Mann", "M. Mann"]
    assert film["writers"] == ["Michael Mann"]
    assert film["genres"] == ["Crime", "Thriller"]
    assert film["countries"] == ["US"]
    assert film["composers"] == ["Elliot Goldenthal"]
    assert [c["name"] for c in film["cast"]] == ["Al Pacino", "Robert De Niro"]
    assert (film["certificate"], film["based_on"]) == ("UK 15", "L.A. Takedown")
    assert film["synopsis"] == "A thief and a detective."  # the same text is not repeated
    assert film["notes"] == "Seen at the BFI.\n\nStreaming copy, wrong metadata."
    assert film["see_also"] == ["thief-1981"]
    assert film["ids"] == {"imdb": "tt0113277", "tmdb": "949", "letterboxd": "heat-1995"}
    # Where both had a value, the kept film's stays and the output names the other.
    assert (film["year"], film["runtime"]) == (1995, 170)
    notes = result.stderr
    assert "not kept from Heet (1996): year 1996, runtime 171, imdb tt9999999" in notes, notes


def test_merge_fills_a_missing_year(cli, journal):
    journal_with(journal, Film(id="heat", title="Heat"), WRONG)
    assert cli("film", "merge", "Heet", "--into", "Heat", "--yes").code == 0
    film = stored(journal)["films"]["heat"]
    assert (film["year"], film["runtime"]) == (1996, 171)


def test_merge_without_differences_says_nothing_was_left_out(cli, journal):
    journal_with(journal, RIGHT, Film(id="heet", title="Heet", runtime=170))
    result = cli("film", "merge", "Heet", "--into", "Heat", "--yes")
    assert result.code == 0, result.stderr
    assert "not kept" not in result.stderr


def test_on_a_terminal_merge_asks_which_value_to_keep(cli, journal, monkeypatch):
    journal_with(journal, RIGHT, WRONG)
    monkeypatch.setattr("filmlog.cli.asking.interactive", lambda: True)
    # year: keep 1995; runtime: take 171; imdb: keep tt0113277.
    result = cli("film", "merge", "Heet", "--into", "Heat", "--yes", input="1\n2\n\n")
    assert result.code == 0, result.stderr
    assert "runtime:\n  1. 170 (Heat (1995))\n  2. 171 (Heet (1996))\n" in result.stderr
    film = stored(journal)["films"]["heat-1995"]
    assert (film["year"], film["runtime"], film["ids"]["imdb"]) == (1995, 171, "tt0113277")
    assert "not kept from Heet (1996): year 1996, imdb tt9999999" in result.stderr
