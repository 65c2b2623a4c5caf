"""Shortcuts taken for speed give the same results as the plain way (timings are in
benchmarks/, not here)."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filmlog.cli import common
from filmlog.errors import InvalidDocument
from filmlog.models import Film, Watch, fold, title_key, title_keys
from filmlog.store import Store

TITLES = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(
        ["Amélie", "Salò & Sodom", "8½", "Ｒｅｃ＆Ｒｏｌｌ", "Straße", "İstanbul", "A_B",
         "Émile_Zola", "Ø", "東京物語", "Ло́лита", "L\u0131la", "Heat\n2", "\u034fx", "ǅemal", "①②"]
    ),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLES, max_size=12))
def test_titles_keyed_together_get_the_keys_they_get_one_by_one(titles):
    assert title_keys(titles) == [title_key(t) for t in titles]


@settings(max_examples=300, deadline=None)
@given(TITLES)
def test_a_title_key_is_the_folded_words_run_together(title):
    # "Did you mean" looks for titles holding typed words only among the titles whose
    # key holds the words run together.
    assert title_key(title) == "".join(fold(title).split())


def test_viewings_newest_first_break_ties_by_the_higher_id(journal):
    rng = random.Random(5)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(6)) for _ in range(40)]
    with Store.transaction(journal) as s:
        s.save_film(Film("heat-1995", "Heat", 1995))
        s.add_watches([Watch(0, "heat-1995", day) for day in days])
    newest = list(Store.open(journal).watches_newest_first())
    assert [(w.date, w.id) for w in newest] == sorted(
        ((w.date, w.id) for w in newest), reverse=True
    )
    assert len(newest) == 40


def test_a_damaged_viewing_is_named_not_a_crash_of_the_sort(journal):
    with Store.transaction(journal) as s:
        s.save_film(Film("heat-1995", "Heat", 1995))
        s.add_watches([Watch(0, "heat-1995", dt.date(2024, 1, day)) for day in (1, 2, 3)])
    data = json.loads(journal.read_text())
    del data["watches"]["2"]["date"]
    journal.write_text(json.dumps(data))
    with pytest.raises(InvalidDocument, match="viewing 2: 'date' should be a date"):
        list(Store.open(journal).watches_newest_first())


def test_the_journal_a_command_opened_stays_referenced_until_the_next(cli, journal, tmp_path):
    # Freeing a large parsed journal costs more than the process's exit: it is kept.
    assert cli("add", "Heat", "--year", "1995").code == 0
    assert cli("diary").code == 0
    (kept,) = common._opened
    assert kept.path == journal
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "add", "Thief").code == 0
    assert [s.path for s in common._opened] == [other]
