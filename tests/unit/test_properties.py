"""Properties: models survive the stored document and the real file; add never crashes."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from filmlog.models import (
    MEDIA,
    CastMember,
    Disc,
    Film,
    FilmIds,
    Purchase,
    Scores,
    Watch,
    WatchlistItem,
    disc_from_doc,
    disc_to_doc,
    film_from_doc,
    film_to_doc,
    watch_from_doc,
    watch_to_doc,
    watchlist_from_doc,
    watchlist_to_doc,
)
from filmlog.store import Store, dump
from tests.helpers import invoke

# Text as users and imports produce it: any script, emoji, control characters, and
# strings that look like Rich markup, Markdown or HTML.
MARKUP = st.sampled_from(
    ["[bold]", "[/]", "[REC]²", "**x**", "# h", "<b>", "-->", "\\", '"', "\x1b[31m", "½", "🎬"]
)
TEXT = st.one_of(st.text(max_size=30), MARKUP, st.lists(MARKUP, max_size=4).map("".join))
NAME = TEXT.filter(bool)
TEXTS = st.lists(TEXT, max_size=3).map(tuple)
MAYBE_TEXT = st.none() | TEXT
RATING = st.none() | st.integers(1, 10).map(lambda n: n / 2)
DATE = st.dates(dt.date(1870, 1, 1), dt.date(2100, 12, 31))
WHOLE = st.integers(-(2**53), 2**53)

films = st.builds(
    Film,
    id=NAME,
    title=NAME,
    year=st.none() | WHOLE,
    aka=TEXTS,
    directors=TEXTS,
    writers=TEXTS,
    cast=st.lists(st.builds(CastMember, NAME, TEXT), max_size=3).map(tuple),
    composers=TEXTS,
    cinematographers=TEXTS,
    based_on=MAYBE_TEXT,
    genres=TEXTS,
    runtime=st.none() | WHOLE,
    certificate=MAYBE_TEXT,
    countries=TEXTS,
    synopsis=MAYBE_TEXT,
    ids=st.builds(FilmIds, MAYBE_TEXT, MAYBE_TEXT, MAYBE_TEXT),
    liked=st.booleans(),
    rating=RATING,
    seen=st.booleans(),
    kind=NAME,
    see_also=TEXTS,
    notes=MAYBE_TEXT,
)
watches = st.builds(
    Watch,
    id=WHOLE,
    film=NAME,
    date=DATE,
    logged=TEXT,
    rating=RATING,
    medium=st.none() | st.sampled_from(MEDIA),
    where=MAYBE_TEXT,
    with_=TEXTS,
    tags=TEXTS,
    rewatch=st.booleans(),
    liked=st.booleans(),
    dnf=st.booleans(),
    spoilers=st.booleans(),
    review=MAYBE_TEXT,
    disc=st.none() | WHOLE,
    source=MAYBE_TEXT,
)
discs = st.builds(
    Disc,
    id=WHOLE,
    films=TEXTS,
    format=MAYBE_TEXT,
    edition=MAYBE_TEXT,
    label=MAYBE_TEXT,
    region=MAYBE_TEXT,
    released=st.none() | DATE,
    discs=st.none() | WHOLE,
    certificate=MAYBE_TEXT,
    packaging=MAYBE_TEXT,
    video=MAYBE_TEXT,
    audio=MAYBE_TEXT,
    scores=st.builds(Scores, RATING, RATING, RATING, RATING),
    extras=TEXTS,
    pros=TEXTS,
    cons=TEXTS,
    verdict=MAYBE_TEXT,
    notes=MAYBE_TEXT,
    purchased=st.builds(Purchase, st.none() | DATE, MAYBE_TEXT, MAYBE_TEXT),
)
watchlist_items = st.builds(WatchlistItem, film=NAME, added=DATE, note=MAYBE_TEXT)

ROUND_TRIPS = [
    (films, film_to_doc, film_from_doc),
    (watches, watch_to_doc, watch_from_doc),
    (discs, disc_to_doc, disc_from_doc),
    (watchlist_items, watchlist_to_doc, watchlist_from_doc),
]


def through_json(doc: dict) -> dict:
    """A document as the journal file would give it back."""
    return json.loads(dump({"doc": doc}).decode("utf-8"))["doc"]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_model_survives_its_stored_document(data):
    for strategy, to_doc, from_doc in ROUND_TRIPS:
        model = data.draw(strategy)
        assert from_doc(through_json(to_doc(model))) == model


@settings(max_examples=40, deadline=None)
@given(
    film=films,
    watch=watches,
    disc=discs,
    item=watchlist_items,
)
def test_models_survive_the_real_journal_file(film, watch, disc, item):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        with Store.transaction(path) as s:
            s.save_film(film)
            added = s.add_watch(watch)
            added_disc = s.add_disc(disc)
            s.save_watchlist_items([item])
        back = Store.open(path)
        assert back.film(film.id) == film
        assert back.watch(added.id) == added
        assert added == replace(watch, id=1)
        assert back.disc(added_disc.id) == added_disc
        assert back.watchlist() == [item]
        # Writing what was read gives the same bytes.
        raw = path.read_bytes()
        with Store.transaction(path) as s:
            s.save_film(s.film(film.id))  # type: ignore[arg-type]
        assert path.read_bytes() == raw


# --------------------------------------------------------------------------- fuzzing add

GARBAGE = st.one_of(st.text(max_size=12), MARKUP, st.just(""), st.just("\udcff"))
RATINGS = st.one_of(
    st.sampled_from(["4", "4.5", "4½", "★★★★½", "½", "9/10", "7/10", "4/5", "0", "5.5", "11/10"]),
    GARBAGE,
)
DATE_WORDS = ["today", "yesterday", "3 days ago", "friday", "mon", "2024-02-29", "2024-02-30",
              "tomorrow", "2999-01-01", "1800-01-01", "99999999 days ago"]  # fmt: skip
DATES = st.one_of(
    st.sampled_from(DATE_WORDS),
    DATE.map(dt.date.isoformat),
    GARBAGE,
)
MEDIA_TYPED = st.one_of(st.sampled_from([*MEDIA, "bluray", "4K", "theatre"]), GARBAGE)
YEARS = st.one_of(st.integers(1850, 2250).map(str), GARBAGE)
TITLE_WORDS = ["Heat", "heat (1995)", "Heat [/] x", "[REC]²", "Salò, or the 120 Days of Sodom",
               "salo or the 120 days of sodom", "8½", "8 1/2", "Amélie", "🎬"]  # fmt: skip
TITLES = st.one_of(
    st.sampled_from(TITLE_WORDS),
    st.text(max_size=25),
    MARKUP,
)
OPTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("--year"), YEARS),
        st.tuples(st.just("--on"), DATES),
        st.tuples(st.just("--rating"), RATINGS),
        st.tuples(st.just("--medium"), MEDIA_TYPED),
        st.tuples(st.just("--where"), GARBAGE),
        st.tuples(st.just("--with"), GARBAGE),
        st.tuples(st.just("--tag"), GARBAGE),
        st.tuples(st.just("--review"), GARBAGE),
        st.tuples(st.just("--disc"), st.one_of(st.integers(-2, 3).map(str), GARBAGE)),
        st.tuples(st.sampled_from(["--rewatch", "--first", "--like", "--dnf", "--spoilers"])),
        st.tuples(st.just("--review-file"), st.just("-")),
        st.tuples(st.just("--json")),
    ),
    max_size=6,
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=TITLES, options=OPTIONS, stdin=st.text(max_size=20))
def test_fuzzed_add_never_crashes_and_refusals_change_nothing(tmp_path, title, options, stdin):
    journal = tmp_path / "fuzz.json"
    args = ["add"]
    for option in options:
        # "--name=value" so that a value starting with "-" stays a value.
        args.append(option[0] if len(option) == 1 else f"{option[0]}={option[1]}")
    args += ["--", title]
    before = journal.read_bytes() if journal.exists() else None
    result = invoke(args, input=stdin, env={"FILMLOG_DB": str(journal)})
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.stdout + result.stderr
    assert "unexpected" not in result.stderr, result.stderr
    if result.code == 0:
        assert journal.exists()
        if "--json" in args:
            assert json.loads(result.stdout)["id"] >= 1
        else:
            assert result.stdout.startswith("Logged #")
    else:
        assert result.stderr.startswith("error: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        after = journal.read_bytes() if journal.exists() else None
        assert after == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


FILTERS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["--from", "--to"]), DATES),
        st.tuples(st.just("--year"), YEARS),
        st.tuples(st.just("--tag"), GARBAGE),
        st.tuples(st.just("--medium"), MEDIA_TYPED),
        st.tuples(st.just("--min-rating"), RATINGS),
        st.tuples(st.just("--limit"), st.one_of(st.integers(-1, 5).map(str), GARBAGE)),
    ),
    max_size=4,
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(filters=FILTERS, as_json=st.booleans())
def test_fuzzed_diary_filters_never_crash_or_write(tmp_path, filters, as_json):
    journal = tmp_path / "diary.json"
    env = {"FILMLOG_DB": str(journal)}
    if not journal.exists():
        for day, rating in (("2023-12-31", "3"), ("2024-06-01", "4.5")):
            invoke(["add", "Heat", "--on", day, "--rating", rating, "--tag", "a"], env=env)
    before = journal.read_bytes()
    args = ["diary", *(f"{name}={value}" for name, value in filters)]
    result = invoke([*args, "--json"] if as_json else args, env=env)
    assert result.code in (0, 2), result
    assert "Traceback" not in result.stdout + result.stderr
    if result.code == 0 and as_json:
        assert isinstance(json.loads(result.stdout), list)
    if result.code == 2:
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert journal.read_bytes() == before
