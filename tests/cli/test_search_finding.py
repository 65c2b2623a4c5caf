"""``filmlog search`` finds what ``show`` finds, and reads places, genres, synopses,
sources and disc notes; snippets are plain text, never raw Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from filmlog.models import CastMember, Disc, Film, Watch
from filmlog.search import candidates, plain_text, search, search_documents
from filmlog.store import Store
from tests.helpers import Result, stored

REVIEW = (
    "# Why it works\n\n"
    "A **gorgeous** night in *Las Vegas*, lit like [the strip](https://example.com/neon-city) "
    "and scored with `mood`.\n\n"
    "- the casino\n- the desert\n"
)


def ok(result: Result) -> Result:
    assert result.code == 0, result.stderr
    return result


@pytest.fixture
def filled(cli, journal):
    for args in (
        ("add", "8½", "--year", "1963", "--on", "2024-01-01", "--where", "Prince Charles Cinema"),
        ("add", "Heat", "--year", "1995", "--on", "2024-02-01", "--where", "Netflix",
         "--review", REVIEW),
        ("add", "Heat", "--year", "1986", "--on", "2024-03-01", "--new"),
        ("film", "set", "Heat (1995)", "--genre", "Crime", "--genre", "Neo-noir",
         "--synopsis", "A thief and a detective circle each other across Los Angeles.",
         "--based-on", "L.A. Takedown (a television film)", "--aka", "Fuego contra fuego"),
        ("film", "set", "8½ (1963)", "--genre", "Drama"),
        ("disc", "add", "Heat (1995)", "--format", "blu-ray", "--label", "Criterion",
         "--note", "A *lovely* grain, with [notes](https://example.com/grainy) by the DP.",
         "--verdict", "The one to own", "--pro", "New 4K scan"),
    ):  # fmt: skip
        ok(cli(*args))
    return journal


def found(cli, text: str) -> dict:
    return ok(cli("search", text, "--json")).json()


@pytest.mark.parametrize("text", ["8 1/2", "8½", "8 ½", "8-1/2"])
def test_a_title_is_found_as_show_finds_it(cli, filled, text):
    assert ok(cli("show", text)).code == 0
    doc = found(cli, text)
    assert [f["film"] for f in doc["films"]] == ["8½-1963"]
    assert "8½" in ok(cli("search", text)).stdout


def test_a_title_with_its_year_finds_that_film_only(cli, filled):
    assert [f["film"] for f in found(cli, "Heat")["films"]] == ["heat-1986", "heat-1995"]
    assert [f["film"] for f in found(cli, "Heat (1995)")["films"]] == ["heat-1995"]
    assert [f["film"] for f in found(cli, "heat 1986")["films"]] == ["heat-1986"]
    ok(cli("film", "set", "Blade Runner 2049", "--year", "2017"))
    ok(cli("film", "set", "Blade Runner", "--year", "1982"))
    assert [f["film"] for f in found(cli, "blade runner 2049")["films"]] == [
        "blade-runner-2049-2017"
    ]
    assert [f["film"] for f in found(cli, "Blade Runner (1982)")["films"]] == ["blade-runner-1982"]
    alias = found(cli, "fuego contra-fuego")["films"]
    assert [(f["film"], f["matched"]) for f in alias] == [("heat-1995", "aka")]


def test_places_genres_synopses_and_sources(cli, filled):
    doc = found(cli, "charles")
    assert doc["places"] == [
        {
            "place": "Prince Charles Cinema",
            "watches": 1,
            "films": [{"film": "8½-1963", "title": "8½", "year": 1963}],
        }
    ]
    assert [(g["genre"], g["count"]) for g in found(cli, "noir")["genres"]] == [("Neo-noir", 1)]
    (synopsis,) = found(cli, "detective")["synopses"]
    assert synopsis["film"] == "heat-1995"
    assert synopsis["snippet"][slice(*synopsis["highlights"][0])] == "detective"
    (source,) = found(cli, "takedown")["based_on"]
    assert source["snippet"] == "L.A. Takedown (a television film)"
    table = ok(cli("search", "noir")).stdout
    assert "Genres" in table and "Neo-noir" in table


def test_disc_notes_are_searched_as_plain_text(cli, filled):
    (disc,) = found(cli, "lovely grain")["discs"]
    assert disc["field"] == "notes"
    assert disc["films"] == [{"film": "heat-1995", "title": "Heat", "year": 1995}]
    assert disc["snippet"] == "A lovely grain, with notes by the DP."
    assert disc["snippet"][slice(*disc["highlights"][0])] == "lovely grain"
    assert [d["field"] for d in found(cli, "criterion")["discs"]] == ["label"]
    assert [d["field"] for d in found(cli, "one to own")["discs"]] == ["verdict"]
    table = ok(cli("search", "grain")).stdout
    assert "Disc notes" in table and "A lovely grain" in table and "*" not in table


def test_review_snippets_are_plain_text(cli, filled):
    (review,) = found(cli, "las vegas")["reviews"]
    assert "*" not in review["snippet"] and "https" not in review["snippet"]
    assert (
        "A gorgeous night in Las Vegas, lit like the strip and scored with mood."
        in (review["snippet"])
    )
    assert review["snippet"][slice(*review["highlights"][0])] == "Las Vegas"
    # A word only in a link's address or in markup is nothing a reader sees.
    assert found(cli, "neon city")["reviews"] == []
    assert found(cli, "grainy")["discs"] == []
    shown = ok(cli("search", "casino")).stdout
    assert "the casino" in shown and "- the casino" not in shown


def test_search_reads_and_never_writes(cli, filled):
    before = stored(filled)
    ok(cli("search", "heat"))
    assert stored(filled) == before
    result = cli("search", "!?")
    assert result.code == 2 and "nothing to search for" in result.stderr


def test_plain_text_of_markdown():
    assert plain_text(REVIEW) == (
        "Why it works\n\nA gorgeous night in Las Vegas, lit like the strip and scored with "
        "mood.\n\nthe casino\n\nthe desert"
    )
    assert plain_text("Just words, twice.\nOn two lines") == "Just words, twice.\nOn two lines"
    assert plain_text("1. first\n2. second") == "first\n\nsecond"
    assert plain_text("Tom &amp; Jerry \\*not emphasis\\*") == "Tom & Jerry *not emphasis*"
    html = "Before.\n\n<div class='x'>A <b>block</b> of HTML</div>\n\nAfter <i>that</i>."
    assert plain_text(html) == "Before.\n\nA block of HTML\n\nAfter that."


# ------------------------------------------------------------------- the candidates


D = dt.date
FILMS = [
    Film(id="a", title="Straße der Vergessenen", year=1990, genres=("Drama",)),
    Film(id="b", title="Tom & Jerry", year=1992, synopsis="Cat—mouse chase in the café."),
    Film(id="c", title="Heat", year=1995, cast=(CastMember("Al Pacino", "Vincent Hanna"),)),
    Film(id="d", title="Theatre of Blood", notes="*Grand* guignol; **the** critics die."),
    Film(id="e", title="Amélie", aka=("Le Fabuleux Destin d'Amélie Poulain",)),
    Film(id="f", title="Ikiru", based_on="The Death of Ivan Ilyich"),
]
WATCHES = [
    Watch(1, "c", D(2024, 1, 1), where="Prince Charles Cinema", with_=("Sam Jones",)),
    Watch(2, "a", D(2024, 1, 2), tags=("heist", "35mm"), review="Ein *schöner* Film."),
    Watch(3, "e", D(2024, 1, 3), review="Paris & the\nCAFE des 2 Moulins"),
    Watch(4, "f", D(2024, 1, 4), where="MUBI", review="plain words only"),
]
DISCS = [Disc(1, films=("c",), notes="Grain & *all*", pros=("New 4K scan",), label="Arrow")]


@pytest.mark.parametrize(
    "text",
    [
        "strasse", "straße", "and", "tom and jerry", "mouse", "cafe", "café", "hanna",
        "charles cinema", "sam", "heist", "35", "schoner", "grand", "critics die", "amelie",
        "poulain", "ivan", "mubi", "words only", "grain", "4k", "arrow", "paris and the cafe",
        "drama", "e",
    ],
)  # fmt: skip
def test_the_candidates_hold_everything_search_finds(tmp_path: Path, text: str):
    journal = tmp_path / "c.json"
    with Store.transaction(journal) as store:
        store.save_films(FILMS)
        store.add_watches(WATCHES)
        for disc in DISCS:
            store.save_disc(disc)
    data = Store.open(journal).raw_data()
    whole = search(FILMS, WATCHES, text, DISCS)
    assert whole, text
    picked = candidates(data, text)
    narrowed = search_documents(data, text)
    assert narrowed.to_json() == whole.to_json()
    assert len(picked.films) + len(picked.watches) < len(FILMS) + len(WATCHES) or text == "e"
