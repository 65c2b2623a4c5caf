"""``filmlog search``: what matches, how results are grouped, snippets, JSON, the screen."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from filmlog.errors import InvalidInput
from filmlog.models import CastMember, Film, Watch, fold
from filmlog.render_stats import search_results
from filmlog.search import Query, fold_with_origins, search, snippet
from filmlog.store import Store

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
THEATRE = Film(id="theatre-of-blood-1973", title="Theatre of Blood", year=1973)
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
    }


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


def test_a_short_review_is_shown_whole() -> None:
    (hit,) = search(FILMS, viewings(), "atraco").reviews
    assert hit.snippet.text == "The atraco is fun."
    assert hit.snippet.spans == ((4, 10),)


def test_every_kind_of_match_is_reported_once_in_its_group() -> None:
    results = search(FILMS, viewings(), "heat")
    assert results.counts() == {"films": 2, "people": 0, "tags": 0, "reviews": 1}
    assert results.reviews[0].watch.id == 2


def test_a_query_without_letters_or_digits_is_refused() -> None:
    with pytest.raises(InvalidInput, match="nothing to search for"):
        search(FILMS, viewings(), " ¡! ")


@given(st.text(max_size=40))
def test_folding_with_origins_is_fold_and_points_back_into_the_text(text: str) -> None:
    folded, origins = fold_with_origins(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)
    assert origins == sorted(origins)
    assert all(0 <= i < len(text) for i in origins)


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=8))
def test_every_span_folds_to_the_query(text: str, word: str) -> None:
    try:
        query = Query.of(word)
    except InvalidInput:
        return
    for start, end in query.spans(text):
        assert fold(text[start:end]).startswith(query.folded)
    assert bool(query.spans(text)) == query.matches(text)


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
    assert list(doc) == ["query", "counts", "films", "people", "tags", "reviews"]
    assert doc["query"] == "heat"
    assert doc["counts"] == {"films": 2, "people": 0, "tags": 0, "reviews": 1}
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


def test_review_hits_are_highlighted_with_a_style() -> None:
    results = search(FILMS, viewings(), "cafe")
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="standard", width=100).print(
        search_results(results)
    )
    assert "\x1b[1;7mCafé\x1b[0m" in out.getvalue()
    assert "\x1b[1;7mCAFE\x1b[0m" in out.getvalue()


def test_nothing_found_says_so_and_exits_0(cli, filled) -> None:
    r = cli("search", "zabriskie")
    assert (r.code, r.stdout) == (0, "")
    assert r.stderr == "Nothing in the journal matches 'zabriskie'.\n"
    doc = cli("search", "zabriskie", "--json").json()
    assert doc["counts"] == {"films": 0, "people": 0, "tags": 0, "reviews": 0}


def test_search_on_an_empty_journal(cli, journal) -> None:
    r = cli("search", "heat")
    assert r.code == 0
    assert "Nothing in the journal matches" in r.stderr
    assert not journal.exists()


def test_search_refuses_an_empty_query(cli, filled) -> None:
    r = cli("search", "!!")
    assert r.code == 2
    assert r.stderr.startswith("error: '!!' has nothing to search for")
