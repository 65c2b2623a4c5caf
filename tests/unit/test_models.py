"""The grammars users type and the strict stored documents."""

from __future__ import annotations

import datetime as dt

import pytest

from filmlog.errors import InvalidDocument, InvalidInput
from filmlog.models import (
    DATE_HELP,
    RATING_HELP,
    CastMember,
    Disc,
    Film,
    FilmIds,
    Purchase,
    Scores,
    Watch,
    WatchlistItem,
    clean_line,
    clean_text,
    disc_from_doc,
    disc_to_doc,
    film_from_doc,
    film_to_doc,
    fold,
    format_rating,
    parse_cast,
    parse_date,
    parse_medium,
    parse_rating,
    parse_score,
    parse_year,
    score_word,
    slugify,
    split_title_year,
    stars,
    title_key,
    watch_from_doc,
    watch_to_doc,
    watchlist_from_doc,
    watchlist_to_doc,
)

# A Wednesday, so that weekday names fall on both sides of it.
TODAY = dt.date(2024, 5, 15)


# --------------------------------------------------------------------------- ratings


@pytest.mark.parametrize(
    ("typed", "rating"),
    [
        ("4", 4.0),
        ("4.5", 4.5),
        ("4½", 4.5),
        ("4 ½", 4.5),
        ("★★★★½", 4.5),
        ("★★★★", 4.0),
        ("★★★☆☆", 3.0),
        ("½", 0.5),
        ("★", 1.0),
        ("0.5", 0.5),
        ("5", 5.0),
        ("9/10", 4.5),
        ("7/10", 3.5),
        ("1/10", 0.5),
        ("10/10", 5.0),
        ("4/5", 4.0),
        ("4.5/5", 4.5),
        (" 3 ", 3.0),
        ("4.50", 4.5),
        ("4,5", 4.5),
        ("3,0", 3.0),
        ("4,5/5", 4.5),
        (4, 4.0),
        (2.5, 2.5),
    ],
)
def test_ratings_in_the_grammar(typed, rating):
    assert parse_rating(typed) == rating


@pytest.mark.parametrize(
    "typed",
    ["0", "5.5", "4.3", "11/10", "abc", "", "  ", "0/10", "-1", "6", "★★★★★★", "½½", "4.5½",
     "9/9", "4/", "/10", "four", "4,3", "4,", ",5", "4,5½", "4.5,0", "1e1", "☆☆☆", "3/10.0"],
)  # fmt: skip
def test_ratings_outside_the_grammar_say_what_is_accepted(typed):
    with pytest.raises(InvalidInput) as caught:
        parse_rating(typed)
    assert caught.value.exit_code == 2
    assert caught.value.hint == RATING_HELP
    for example in ("4.5", "4½", "★★★★½", "9/10"):
        assert example in str(caught.value)


@pytest.mark.parametrize(("typed", "score"), [("good", 4), ("POOR", 1), ("ok", 3), ("4½", 4.5)])
def test_disc_scores_take_words_or_ratings(typed, score):
    assert parse_score(typed) == score


def test_a_disc_score_outside_the_grammar_lists_the_words():
    with pytest.raises(InvalidInput, match="excellent"):
        parse_score("superb")


@pytest.mark.parametrize(
    ("rating", "shown", "number", "word"),
    [(4.5, "★★★★½", "4.5", "good"), (5.0, "★★★★★", "5", "excellent"), (0.5, "½", "0.5", "poor")],
)
def test_stars_numbers_and_words(rating, shown, number, word):
    assert stars(rating) == shown
    assert format_rating(rating) == number
    assert score_word(rating) == word
    assert parse_rating(stars(rating)) == rating


def test_no_rating_shows_nothing():
    assert stars(None) == ""
    assert format_rating(None) == ""


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", dt.date(2024, 5, 14)),
        ("3 days ago", dt.date(2024, 5, 12)),
        ("1 day ago", dt.date(2024, 5, 14)),
        ("0 days ago", TODAY),
        ("10 DAYS AGO", dt.date(2024, 5, 5)),
        ("monday", dt.date(2024, 5, 13)),
        ("tuesday", dt.date(2024, 5, 14)),
        # The weekday of today itself means a week ago: the most recent *past* one.
        ("wednesday", dt.date(2024, 5, 8)),
        ("Thursday", dt.date(2024, 5, 9)),
        ("fri", dt.date(2024, 5, 10)),
        ("  sunday ", dt.date(2024, 5, 12)),
    ],
)
def test_dates_in_the_grammar(typed, day):
    assert parse_date(typed, today=TODAY) == day


@pytest.mark.parametrize(
    "typed",
    ["2024-02-30", "2023-02-29", "2024-13-01", "tomorrow", "next week", "last friday",
     "2 weeks ago", "-3 days ago", "2024-1-5", "2024-01-05T10:00", "", "15/05/2024", "fr",
     "999999 days ago", "99999999999999999999999 days ago"],
)  # fmt: skip
def test_dates_outside_the_grammar_say_what_is_accepted(typed):
    with pytest.raises(InvalidInput) as caught:
        parse_date(typed, today=TODAY)
    assert caught.value.exit_code == 2
    assert caught.value.hint in (DATE_HELP, "films are younger than that")


def test_a_viewing_cannot_be_in_the_future_but_a_filter_can():
    with pytest.raises(InvalidInput, match="in the future") as caught:
        parse_date("2024-05-16", today=TODAY)
    assert caught.value.hint == "a viewing happens on or before today"
    assert parse_date("2024-05-16", today=TODAY, allow_future=True) == dt.date(2024, 5, 16)


def test_a_day_in_the_future_is_refused_in_the_words_of_what_it_dates():
    with pytest.raises(InvalidInput) as caught:
        parse_date("2030-01-01", today=TODAY, what="purchase")
    assert str(caught.value) == (
        "'2030-01-01' is in the future (a purchase happens on or before today)"
    )


def test_a_viewing_cannot_predate_cinema():
    with pytest.raises(InvalidInput, match="before 1870"):
        parse_date("0001-01-01", today=TODAY)
    assert parse_date("1895-12-28", today=TODAY) == dt.date(1895, 12, 28)


# --------------------------------------------------------------------------- other values


@pytest.mark.parametrize(
    ("typed", "year"), [(1995, 1995), ("1995", 1995), (None, None), ("", None)]
)
def test_years(typed, year):
    assert parse_year(typed) == year


@pytest.mark.parametrize("typed", [0, 1869, 2201, -5, "abc", "19 95"])
def test_implausible_years_are_refused(typed):
    with pytest.raises(InvalidInput, match="four digits"):
        parse_year(typed)


@pytest.mark.parametrize(
    ("typed", "medium"),
    [("cinema", "cinema"), ("Blu-ray", "blu-ray"), ("bluray", "blu-ray"), ("Blu Ray", "blu-ray"),
     ("4K", "uhd"), ("theatre", "cinema"), ("stream", "streaming"), (" VHS ", "vhs")],
)  # fmt: skip
def test_media(typed, medium):
    assert parse_medium(typed) == medium


@pytest.mark.parametrize("typed", ["laserdisc", "", "blu"])
def test_unknown_media_list_the_choices(typed):
    with pytest.raises(InvalidInput) as caught:
        parse_medium(typed)
    assert "cinema, blu-ray, uhd, dvd, streaming, tv, digital, vhs, other" in str(caught.value)


def test_cast_entries():
    assert parse_cast("Nicolas Cage as Ben Sanderson") == CastMember(
        "Nicolas Cage", "Ben Sanderson"
    )
    assert parse_cast(" Elisabeth Shue ") == CastMember("Elisabeth Shue", "")
    with pytest.raises(InvalidInput, match="Name as Role"):
        parse_cast(" as Ben")


# --------------------------------------------------------------------------- titles and text


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Salò, or the 120 Days of Sodom", "salo or the 120 days of sodom"),
        ("Amélie", "AMELIE"),
        ("8½", "8 1/2"),
        ("Mr. & Mrs. Smith", "mr and mrs smith"),
        ("Heat [/] x", "heat x"),
        ("[REC]²", "rec 2"),
        ("Léon: The Professional", "Leon - the professional"),
    ],
)
def test_titles_compare_without_case_accents_or_punctuation(one, other):
    assert title_key(one) == title_key(other)


def test_different_titles_stay_different():
    assert title_key("Heat") != title_key("Heathers")
    assert fold("Salò, or the 120 Days of Sodom") == "salo or the 120 days of sodom"


@pytest.mark.parametrize(
    ("title", "year", "slug"),
    [
        ("Leaving Las Vegas", 1995, "leaving-las-vegas-1995"),
        ("Salò, or the 120 Days of Sodom", 1975, "salo-or-the-120-days-of-sodom-1975"),
        ("Heat", None, "heat"),
        ("!!!", 2000, "film-2000"),
        ("千と千尋の神隠し", 2001, "千と千尋の神隠し-2001"),
    ],
)
def test_film_ids_are_slugs_of_title_and_year(title, year, slug):
    assert slugify(title, year) == slug


@pytest.mark.parametrize(
    ("typed", "split"),
    [
        ("Heat (1995)", ("Heat", 1995)),
        ("  Heat(1995) ", ("Heat", 1995)),
        ("Heat", ("Heat", None)),
        ("Heat (95)", ("Heat (95)", None)),
        ("1984 (1500)", ("1984 (1500)", None)),
    ],
)
def test_title_with_year(typed, split):
    assert split_title_year(typed) == split


def test_clean_line_removes_what_could_drive_a_terminal():
    assert clean_line("Heat\x1b[31m red\tx\n y\x00") == "Heat red x y"
    assert clean_line("  [REC]²  🎬 ") == "[REC]² 🎬"


def test_clean_text_keeps_paragraphs():
    assert clean_text("# Title\r\n\r\nBody\x1b text\x07\n\tindented\n") == (
        "# Title\n\nBody text\n\tindented"
    )


# --------------------------------------------------------------------------- documents


def full_film() -> Film:
    return Film(
        id="leaving-las-vegas-1995",
        title="Leaving Las Vegas",
        year=1995,
        aka=("Las Vegas Blues",),
        directors=("Mike Figgis",),
        writers=("Mike Figgis",),
        cast=(CastMember("Nicolas Cage", "Ben Sanderson"), CastMember("Elisabeth Shue", "")),
        composers=("Mike Figgis",),
        cinematographers=("Declan Quinn",),
        based_on="Leaving Las Vegas by John O'Brien",
        genres=("Drama", "Romance"),
        runtime=111,
        certificate="UK 18",
        countries=("USA",),
        synopsis="A screenwriter goes to Las Vegas.",
        ids=FilmIds("tt0113627", "451", "leaving-las-vegas"),
        liked=True,
        rating=4.5,
        seen=True,
        kind="film",
        see_also=("barfly-1987",),
        notes="Cage's best.",
    )


def test_film_document_has_every_field_of_the_spec():
    doc = film_to_doc(full_film())
    assert set(doc) == {
        "id", "title", "year", "aka", "directors", "writers", "cast", "composers",
        "cinematographers", "based_on", "genres", "runtime", "certificate", "countries",
        "synopsis", "ids", "liked", "rating", "seen", "kind", "see_also", "notes", "seen_given",
        "rated",
    }  # fmt: skip
    assert doc["cast"][0] == {"name": "Nicolas Cage", "role": "Ben Sanderson"}
    assert doc["ids"] == {"imdb": "tt0113627", "tmdb": "451", "letterboxd": "leaving-las-vegas"}
    assert film_from_doc(doc) == full_film()


def test_watch_document_stores_with_under_its_spec_name():
    watch = Watch(
        id=7,
        film="heat-1995",
        date=dt.date(2024, 5, 1),
        logged="2024-05-01T22:00:00+01:00",
        rating=4.5,
        medium="cinema",
        where="Prince Charles Cinema",
        with_=("Sam",),
        tags=("35mm",),
        rewatch=True,
        liked=True,
        dnf=False,
        spoilers=True,
        review="# Great\n\nYes.",
        disc=3,
        source="letterboxd:diary:12",
    )
    doc = watch_to_doc(watch)
    assert doc["with"] == ["Sam"]
    assert "with_" not in doc
    assert doc["date"] == "2024-05-01"
    assert watch_from_doc(doc) == watch


def test_disc_and_watchlist_documents_round_trip():
    disc = Disc(
        id=2,
        films=("heat-1995",),
        format="Blu-ray",
        label="Arrow",
        released=dt.date(2020, 1, 1),
        discs=2,
        scores=Scores(film=5, picture=4, audio=3.5, extras=None),
        extras=("Making-of",),
        pros=("Sharp",),
        cons=("Pricey",),
        verdict="Buy it.",
        purchased=Purchase(dt.date(2021, 3, 4), "£20", "HMV"),
    )
    doc = disc_to_doc(disc)
    assert doc["scores"] == {"film": 5, "picture": 4, "audio": 3.5, "extras": None}
    assert doc["purchased"] == {"date": "2021-03-04", "price": "£20", "shop": "HMV"}
    assert disc_from_doc(doc) == disc
    item = WatchlistItem("heat-1995", dt.date(2024, 1, 2), "with Sam")
    assert watchlist_from_doc(watchlist_to_doc(item)) == item


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"date": "2024-02-30"}, "'date'"),
        ({"date": 20240501}, "'date'"),
        ({"rating": 4.3}, "'rating'"),
        ({"rating": True}, "'rating'"),
        ({"medium": "laserdisc"}, "'medium'"),
        ({"with": "Sam"}, "'with'"),
        ({"id": "7"}, "'id'"),
        ({"film": ""}, "'film'"),
        ({"rewatch": "yes"}, "'rewatch'"),
    ],
)
def test_stored_viewings_are_read_strictly(change, named):
    doc = {"id": 7, "film": "heat-1995", "date": "2024-05-01"} | change
    with pytest.raises(InvalidDocument) as caught:
        watch_from_doc(doc)
    assert named in str(caught.value)
    assert "viewing" in str(caught.value)


def test_a_viewing_without_a_day_is_an_undated_review_but_the_field_is_required():
    undated = watch_from_doc({"id": 7, "film": "heat-1995", "date": None, "review": "Loud."})
    assert undated.date is None and undated.review == "Loud."
    with pytest.raises(InvalidDocument, match="'date' should be a date YYYY-MM-DD, or null"):
        watch_from_doc({"id": 7, "film": "heat-1995"})


def test_stored_films_are_read_strictly():
    with pytest.raises(InvalidDocument, match="'title'"):
        film_from_doc({"id": "x"})
    with pytest.raises(InvalidDocument, match="cast"):
        film_from_doc({"id": "x", "title": "X", "cast": [{"role": "Ben"}]})
    with pytest.raises(InvalidDocument, match="not an object"):
        film_from_doc(["x"])
