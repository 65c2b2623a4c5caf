"""``filmlog search``: what matches, how results are grouped, snippets, JSON, the screen."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmlog.errors import InvalidInput
from filmlog.models import CastMember, Film, Watch, fold
from filmlog.render.search import search_results
from filmlog.search import Query, search, snippet, spread_fold
from filmlog.store import Store
from tests.helpers import REAL_DATA, invoke, rendered

GROUPS = [
    "films", "people", "tags", "places", "genres", "reviews", "notes", "synopses", "based_on",
    "discs",
]  # fmt: skip

D = dt.date

ATRACO = Film(id="atraco-2012", title="¡Atraco!", year=2012, directors=("Eduard Cortés",))
HEAT = Film(
    id="heat-1995",
    title="Heat",
    year=1995,
    aka=("Fuego contra fuego",),
    directors=("Michael Mann",),
    writers=("Michael Mann",),
    cast=(CastMember("Al Pacino", "Vincent Hanna"), CastMember("Robert De Niro", "Neil")),
)
THIEF = Film(id="thief-1981", title="Thief", year=1981, directors=("Michael Mann",))
AMELIE = Film(
    id="amelie-2001",
    title="Amélie",
    year=2001,
    aka=("Le Fabuleux Destin d'Amélie Poulain",),
    composers=("Yann Tiersen",),
    cast=(CastMember("Audrey Tautou", "Amélie Poulain"),),
)
THEATRE = Film(
    id="theatre-of-blood-1973",
    title="Theatre of Blood",
    year=1973,
    notes="Seen on TV as a child.\nThe CAFÉ murder stayed with me for years.",
)
ODD = Film(id="heat-x", title="Heat [/] x")
FILMS = [ATRACO, HEAT, THIEF, AMELIE, THEATRE, ODD]

CAFE_REVIEW = (
    "A long first paragraph about nothing in particular, written to push the match far\n"
    "from the start of the review.\n\n"
    "The Café des 2 Moulins is the heart of it; the CAFE is where everything happens,\n"
    "and then the story wanders off for a good while longer before it ends."
)


def viewings() -> list[Watch]:
    return [
        Watch(1, "heat-1995", D(2023, 5, 1), tags=("heist", "35mm"), with_=("Sam",)),
        Watch(2, "heat-1995", D(2024, 1, 6), tags=("Heist",), review="A heist film. Heat rules."),
        Watch(3, "atraco-2012", D(2024, 1, 7), tags=("heist",), review="The atraco is fun."),
        Watch(4, "amelie-2001", D(2024, 2, 1), rating=4, review=CAFE_REVIEW),
        Watch(5, "thief-1981", D(2024, 3, 1), with_=("Michael Mann Jr",)),
    ]


def test_accents_case_and_punctuation_are_ignored() -> None:
    for text in ("atraco", "ATRACO", "¡atraco!", "Atracó"):
        hits = search(FILMS, viewings(), text).films
        assert [h.film.id for h in hits] == ["atraco-2012"], text
    assert [h.film.id for h in search(FILMS, viewings(), "amelie").films] == ["amelie-2001"]


def test_matches_start_at_a_word_and_several_words_are_a_phrase() -> None:
    titles = [h.film.title for h in search(FILMS, viewings(), "heat").films]
    assert titles == ["Heat", "Heat [/] x"]
    assert [h.film.title for h in search(FILMS, viewings(), "of blood").films] == [
        "Theatre of Blood"
    ]
    assert not search(FILMS, viewings(), "blood of").films
    assert not search(FILMS, viewings(), "eat").films


def test_an_alias_finds_its_film_and_says_which_alias() -> None:
    (hit,) = search(FILMS, viewings(), "fuego").films
    assert hit.film.id == "heat-1995"
    assert hit.alias == "Fuego contra fuego"
    assert hit.to_json() == {
        "film": "heat-1995",
        "title": "Heat",
        "year": 1995,
        "matched": "aka",
        "aka": "Fuego contra fuego",
        "watches": 2,
        "seen": True,
    }


def test_a_film_seen_without_a_dated_viewing_is_seen() -> None:
    rated = Film(id="alien-1979", title="Alien", year=1979, seen=True)
    unseen = Film(id="aliens-1986", title="Aliens", year=1986)
    hits = {h.film.id: h for h in search([rated, unseen], [], "alien").films}
    assert (hits["alien-1979"].seen, hits["alien-1979"].watches) == (True, 0)
    assert hits["aliens-1986"].seen is False
    assert hits["alien-1979"].to_json()["seen"] is True
    lines = [line.rstrip() for line in _screen(search([rated, unseen], [], "alien"))]
    assert lines == [
        "Films  2",
        "  Alien (1979)  seen, no dated viewing",
        "  Aliens (1986)  not seen",
    ]


def test_actors_are_found_by_the_role_they_play() -> None:
    (pacino,) = search(FILMS, viewings(), "vincent hanna").people
    assert pacino.name == "Al Pacino"
    assert [(c.film.id, c.describe()) for c in pacino.credits] == [
        ("heat-1995", "cast as Vincent Hanna")
    ]
    (tautou,) = search(FILMS, viewings(), "poulain").people
    assert tautou.name == "Audrey Tautou"
    # A role that is only a word inside another word does not match.
    assert not search(FILMS, viewings(), "anna").people
    lines = [line.rstrip() for line in _screen(search(FILMS, viewings(), "hanna"))]
    assert lines == ["People  1", "  Al Pacino  1 film", "    cast: Heat (1995) as Vincent Hanna"]


def test_a_role_matched_exactly_ranks_with_exact_names() -> None:
    films = [
        Film(id="a", title="A", cast=(CastMember("Neil Young Jr", "Himself"),)),
        Film(id="b", title="B", cast=(CastMember("Robert De Niro", "Neil Young"),)),
    ]
    assert [p.name for p in search(films, [], "neil young").people] == [
        "Robert De Niro",
        "Neil Young Jr",
    ]


def _screen(results) -> list[str]:
    return [line.rstrip() for line in rendered(search_results(results)).splitlines()]


def test_exact_titles_come_first_then_the_most_seen() -> None:
    films = [
        Film(id="a", title="Heat Wave"),
        Film(id="b", title="Heat Lightning"),
        Film(id="c", title="Heat"),
    ]
    seen = [
        Watch(1, "b", D(2024, 1, 1)),
        Watch(2, "b", D(2024, 1, 2)),
        Watch(3, "a", D(2024, 1, 3)),
    ]
    assert [h.film.id for h in search(films, seen, "heat").films] == ["c", "b", "a"]


def test_people_are_grouped_with_every_credit() -> None:
    results = search(FILMS, viewings(), "michael mann")
    assert [p.name for p in results.people] == ["Michael Mann", "Michael Mann Jr"]
    mann = results.people[0]
    assert [(c.film.id, c.describe()) for c in mann.credits] == [
        ("thief-1981", "director"),
        ("heat-1995", "director"),
        ("heat-1995", "writer"),
    ]
    assert mann.films == 2
    assert results.people[1].credits[0].describe() == "watched with"
    (pacino,) = search(FILMS, viewings(), "pacino").people
    assert pacino.credits[0].describe() == "cast as Vincent Hanna"
    (tiersen,) = search(FILMS, viewings(), "tiersen").people
    assert tiersen.credits[0].role == "composer"
    assert search(FILMS, viewings(), "cortes").people[0].name == "Eduard Cortés"


def test_tags_count_viewings_with_spellings_merged() -> None:
    (tag,) = search(FILMS, viewings(), "heist").tags
    assert tag.tag == "heist"
    assert tag.watches == 3
    assert [f.id for f in tag.films] == ["heat-1995", "atraco-2012"]


def test_reviews_show_the_match_in_context() -> None:
    results = search(FILMS, viewings(), "cafe")
    (hit,) = results.reviews
    assert hit.matches == 2
    text, spans = hit.snippet.text, hit.snippet.spans
    assert [text[s:e] for s, e in spans] == ["Café", "CAFE"]
    assert text.startswith("…")
    assert text.endswith("…")
    assert "\n" not in text
    assert "The Café des 2 Moulins is the heart of it; the CAFE is where" in text
    assert len(text) < len(CAFE_REVIEW)


def test_film_notes_are_searched_too() -> None:
    (hit,) = search(FILMS, viewings(), "cafe").notes
    assert hit.film.id == "theatre-of-blood-1973"
    assert hit.snippet.text == "Seen on TV as a child. The CAFÉ murder stayed with me for years."
    assert hit.to_json()["highlights"] == [[27, 31]]


def test_a_short_review_is_shown_whole() -> None:
    (hit,) = search(FILMS, viewings(), "atraco").reviews
    assert hit.snippet.text == "The atraco is fun."
    assert hit.snippet.spans == ((4, 10),)


def test_every_kind_of_match_is_reported_once_in_its_group() -> None:
    results = search(FILMS, viewings(), "heat")
    assert results.counts() == {
        "films": 2, "people": 0, "tags": 0, "places": 0, "genres": 0, "reviews": 1,
        "notes": 0, "synopses": 0, "based_on": 0, "discs": 0,
    }  # fmt: skip
    assert results.reviews[0].watch.id == 2


def test_a_query_without_letters_or_digits_is_refused() -> None:
    with pytest.raises(InvalidInput, match="nothing to search for"):
        search(FILMS, viewings(), " ¡! ")


@given(st.text(max_size=40) | st.text(alphabet="aé& .,ßﬁ½İ\u0301", max_size=40))
def test_spread_folding_is_fold_and_points_back_into_the_text(text: str) -> None:
    spread, origins = spread_fold(text)
    assert " ".join(spread.split()) == fold(text)
    if origins is None:
        assert len(spread) == len(text)
    else:
        assert len(origins) == len(spread)
        assert origins == sorted(origins)
        assert all(0 <= i < len(text) for i in origins)


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=8))
def test_every_span_folds_to_the_query(text: str, word: str) -> None:
    try:
        query = Query.of(word)
    except InvalidInput:
        return
    for start, end in query.spans(text):
        # A character such as ¼ folds to several words ("1 4"); the span covers it whole.
        assert (" " + query.folded) in (" " + fold(text[start:end]))
    found = (" " + query.folded) in (" " + fold(text))
    assert bool(query.spans(text)) == query.matches(text) == found


@given(st.text(max_size=300), st.integers(0, 300))
def test_snippets_keep_their_highlights_on_the_same_text(text: str, at: int) -> None:
    if not text.strip():
        return
    at = min(at, len(text) - 1)
    if text[at].isspace():
        return
    cut = snippet(text, [(at, at + 1)], context=20)
    ((start, end),) = cut.spans
    assert cut.text[start:end] == text[at]


# --------------------------------------------------------------------------- the command


@pytest.fixture
def filled(journal: Path) -> Path:
    with Store.transaction(journal) as store:
        store.save_films(FILMS)
        store.add_watches(viewings())
    return journal


def test_search_json_shape(cli, filled) -> None:
    r = cli("search", "heat", "--json")
    assert r.code == 0, r.stderr
    doc = r.json()
    assert list(doc) == ["query", "counts", *GROUPS]
    assert doc["query"] == "heat"
    assert doc["counts"] == {
        "films": 2, "people": 0, "tags": 0, "places": 0, "genres": 0, "reviews": 1,
        "notes": 0, "synopses": 0, "based_on": 0, "discs": 0,
    }  # fmt: skip
    assert doc["films"][0]["title"] == "Heat"
    (review,) = doc["reviews"]
    assert review == {
        "watch": 2,
        "film": "heat-1995",
        "title": "Heat",
        "year": 1995,
        "date": "2024-01-06",
        "rating": None,
        "matches": 1,
        "snippet": "A heist film. Heat rules.",
        "highlights": [[14, 18]],
    }


def test_search_limit_cuts_each_group_and_counts_stay_totals(cli, filled) -> None:
    doc = cli("search", "heat", "--json", "--limit", "1").json()
    assert doc["counts"]["films"] == 2
    assert len(doc["films"]) == 1
    r = cli("search", "heat", "--limit", "1")
    assert "… 1 more; use --limit or --json" in r.stdout
    assert cli("search", "heat", "--limit", "0").code == 2


def test_search_screen_groups_results_and_prints_titles_literally(cli, filled) -> None:
    r = cli("search", "heat", env={"COLUMNS": "80"})
    assert r.code == 0, r.stderr
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    assert lines == [
        "Films  2",
        "  Heat (1995)  seen 2 times  Michael Mann",
        "  Heat [/] x  not seen",
        "",
        "Reviews  1",
        "  #2 2024-01-06  Heat (1995)",
        "    A heist film. Heat rules.",
    ]


def test_search_screen_lists_people_and_their_roles(cli, filled) -> None:
    lines = [line.rstrip() for line in cli("search", "mann").stdout.splitlines()]
    assert lines == [
        "People  2",
        "  Michael Mann  2 films",
        "    director: Thief (1981), Heat (1995)",
        "    writer: Heat (1995)",
        "  Michael Mann Jr  1 film",
        "    watched with: Thief (1981)",
    ]
    lines = [line.rstrip() for line in cli("search", "35mm").stdout.splitlines()]
    assert lines == ["Tags  1", "  35mm  1 viewing: Heat (1995)"]


def test_search_screen_shows_review_and_note_snippets(cli, filled) -> None:
    lines = [
        line.rstrip() for line in cli("search", "café", env={"COLUMNS": "80"}).stdout.splitlines()
    ]
    assert lines == [
        "Reviews  1",
        "  #4 2024-02-01  Amélie (2001)  ★★★★  2 matches",
        "    …to push the match far from the start of the review. The Café des 2 Moulins",
        "    is the heart of it; the CAFE is where…",
        "",
        "Film notes  1",
        "  Theatre of Blood (1973)",
        "    Seen on TV as a child. The CAFÉ murder stayed with me for years.",
    ]


def test_review_hits_are_highlighted_with_a_style() -> None:
    results = search(FILMS, viewings(), "cafe")
    shown = rendered(search_results(results), color=True)
    assert "\x1b[1;7mCafé\x1b[0m" in shown
    assert "\x1b[1;7mCAFE\x1b[0m" in shown


def test_nothing_found_says_so_and_exits_0(cli, filled) -> None:
    r = cli("search", "zabriskie")
    assert (r.code, r.stdout) == (0, "")
    assert r.stderr == "Nothing in the journal matches 'zabriskie'.\n"
    doc = cli("search", "zabriskie", "--json").json()
    assert set(doc["counts"].values()) == {0}
    assert set(doc["counts"]) == set(GROUPS)


def test_search_on_an_empty_journal(cli, empty_journal) -> None:
    before = empty_journal.read_bytes()
    r = cli("search", "heat")
    assert r.code == 0
    assert "Nothing in the journal matches" in r.stderr
    assert empty_journal.read_bytes() == before


def test_search_refuses_an_empty_query(cli, filled) -> None:
    r = cli("search", "!!")
    assert r.code == 2
    assert r.stderr.startswith("error: '!!' has nothing to search for")


# --------------------------------------------------------------------------- a real export


@pytest.fixture(scope="module")
def extratone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extratone Letterboxd export, imported once with filmlog's own importer."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA} (CI has them beside the project)")
    journal = tmp_path_factory.mktemp("extratone") / "journal.json"
    folder = str(REAL_DATA / "lbx-extratone")
    result = invoke(["--db", str(journal), "import", "letterboxd", folder])
    assert result.code == 0, result.stderr
    return journal


def real_search(journal: Path, *args: str) -> dict[str, Any]:
    result = invoke(["--db", str(journal), "search", *args, "--json"])
    assert result.code == 0, result.stderr
    return result.json()


def reviews_mentioning(word: str) -> tuple[list[str], list[str]]:
    """Watched dates of the export's reviews that use ``word``, and names of those without."""
    with (REAL_DATA / "lbx-extratone" / "reviews.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    using = [
        r for r in rows if re.search(rf"(?<![a-z0-9]){word}", html.unescape(r["Review"]).lower())
    ]
    dated = sorted((r["Watched Date"] for r in using if r["Watched Date"]), reverse=True)
    return dated, sorted(r["Name"] for r in using if not r["Watched Date"])


@pytest.mark.parametrize("word", ["documentary", "beautiful", "netflix", "vehemently"])
def test_real_reviews_are_found_where_the_export_has_them(extratone, word) -> None:
    dated, undated = reviews_mentioning(word)
    assert dated or undated
    doc = real_search(extratone, word)
    # Reviews without a watched date are undated entries of their films: found last.
    assert [hit["date"] for hit in doc["reviews"]] == dated + [None] * len(undated)
    assert sorted(h["title"] for h in doc["reviews"] if h["date"] is None) == undated
    assert doc["notes"] == []
    for hit in doc["reviews"]:
        start, end = hit["highlights"][0]
        assert fold(hit["snippet"][start:end]) == word


def test_real_titles_are_found_without_their_accents_and_punctuation(extratone) -> None:
    assert "Amélie" in [f["title"] for f in real_search(extratone, "amelie")["films"]]
    assert "Homecoming: A Film by Beyoncé" in [
        f["title"] for f in real_search(extratone, "film by beyonce")["films"]
    ]
    assert "Mission: Impossible – Fallout" in [
        f["title"] for f in real_search(extratone, "mission impossible fallout")["films"]
    ]


def test_real_tags_count_their_viewings(extratone, real_data) -> None:
    tagged = []
    for name in ("diary.csv", "reviews.csv"):
        with (real_data / "lbx-extratone" / name).open(newline="", encoding="utf-8") as f:
            tagged += [
                r
                for r in csv.DictReader(f)
                if "sierra" in [t.strip() for t in r["Tags"].split(",")]
                and (name == "diary.csv" or not r["Watched Date"])  # undated reviews too
            ]
    (tag,) = real_search(extratone, "sierra")["tags"]
    assert tag["tag"] == "sierra"
    assert tag["watches"] == len(tagged)
    assert {f["title"] for f in tag["films"]} == {r["Name"] for r in tagged}
