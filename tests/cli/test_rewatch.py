"""``rewatch``: derived from earlier viewings unless given, and kept true on every path.

The rule: a viewing is a rewatch when its film has an earlier viewing (or is seen
without one), worked out again for every film a change touches (add, rm, edit --on,
edit --title, film merge, import); a flag the user gave (--rewatch/--first, an export's
Rewatch) stays, and --clear rewatch hands it back to the rule.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from filmlog.journal import rewatches_after
from filmlog.models import Film, Watch, count
from filmlog.store import Store
from tests.helpers import stored

DIARY = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
D = dt.date


def ok(result):
    assert result.code == 0, result.stderr
    return result


def flags(journal: Path) -> dict[int, bool]:
    """Each viewing's rewatch flag, by id."""
    return {int(k): w["rewatch"] for k, w in stored(journal)["watches"].items()}


def add(cli, title: str, on: str, *args: str) -> int:
    return ok(cli("add", title, "--on", on, *args, "--json")).json()["id"]


def test_rewatches_after_marks_later_viewings_only() -> None:
    def w(i: int, day: dt.date, rewatch: bool = False) -> Watch:
        return Watch(id=i, film="heat-1995", date=day, rewatch=rewatch)

    viewings = [w(1, D(2024, 1, 1)), w(2, D(2024, 3, 1)), w(3, D(2024, 3, 1)), w(4, D(2024, 5, 1))]
    assert [v.id for v in rewatches_after(viewings, D(2024, 3, 1), 2)] == [3, 4]
    assert [v.id for v in rewatches_after(viewings, D(2024, 3, 1))] == [4]  # not saved yet
    assert all(v.rewatch for v in rewatches_after(viewings, D(2023, 1, 1)))
    assert rewatches_after([w(5, D(2024, 9, 1), rewatch=True)], D(2024, 1, 1)) == []


def test_an_earlier_viewing_logged_late_makes_the_later_one_a_rewatch(cli, journal):
    today = add(cli, "Heat", "today", "--year", "1995")
    older = add(cli, "Heat", "2020-05-01", "--year", "1995")
    assert flags(journal) == {today: True, older: False}
    shown = ok(cli("show", "Heat", "--json")).json()["watches"]
    assert [(w["date"], w["rewatch"]) for w in shown] == [
        ("2020-05-01", False),
        (dt.date.today().isoformat(), True),
    ]
    assert ok(cli("stats", "--json")).json()["rewatches"] == 1


def test_the_same_day_counts_by_id_and_a_given_flag_stays(cli, journal):
    first = add(cli, "Heat", "2024-05-01", "--year", "1995", "--first")
    again = add(cli, "Heat", "2024-05-01", "--year", "1995")
    assert flags(journal) == {first: False, again: True}
    # An older viewing given as a rewatch (one from before the journal) stays one; the
    # viewing given as a first one stays the user's word too.
    old = add(cli, "Heat", "2020-01-01", "--year", "1995", "--rewatch")
    assert flags(journal) == {first: False, again: True, old: True}
    ok(cli("edit", str(first), "--clear", "rewatch"))
    assert flags(journal) == {first: True, again: True, old: True}


def test_edit_on_an_earlier_day_makes_the_later_viewings_rewatches(cli, journal):
    one = add(cli, "Heat", "2024-05-01", "--year", "1995")
    two = add(cli, "Heat", "2024-06-01", "--year", "1995", "--first")
    ok(cli("edit", str(two), "--on", "2024-04-01"))
    assert flags(journal) == {one: True, two: False}


def test_edit_on_a_later_day_works_both_flags_out_again(cli, journal):
    one = add(cli, "Heat", "2024-05-01", "--year", "1995")
    late = add(cli, "Heat", "2023-01-01", "--year", "1995")
    assert flags(journal) == {one: True, late: False}
    ok(cli("edit", str(late), "--on", "2024-06-01"))
    assert flags(journal) == {one: False, late: True}


def test_edit_day_of_a_films_only_viewing_keeps_it_a_first_viewing(cli, journal):
    only = add(cli, "Heat", "2024-05-01", "--year", "1995")
    ok(cli("edit", str(only), "--on", "2024-04-01"))
    assert flags(journal) == {only: False}


def test_edit_title_moving_a_viewing_lands_it_on_the_other_film(cli, journal):
    heat = add(cli, "Heat", "2024-06-01", "--year", "1995")
    typo = add(cli, "Heet", "2024-01-01", "--new")
    later_typo = add(cli, "Heet", "2024-07-01", "--first")
    ok(cli("edit", str(typo), "--title", "Heat", "--year", "1995"))
    assert flags(journal) == {heat: True, typo: False, later_typo: False}
    ok(cli("edit", str(later_typo), "--title", "Heat", "--year", "1995"))
    assert flags(journal)[later_typo] is False  # --first was the user's word
    ok(cli("edit", str(later_typo), "--clear", "rewatch"))
    assert flags(journal)[later_typo] is True  # derived: earlier viewings of Heat
    # Moved away and back again, a viewing's flag follows where it is.
    ok(cli("edit", str(typo), "--title", "Heet"))
    assert flags(journal) == {heat: False, typo: False, later_typo: True}
    ok(cli("edit", str(typo), "--title", "Heat", "--year", "1995"))
    assert flags(journal) == {heat: True, typo: False, later_typo: True}


def test_moving_onto_a_film_seen_without_a_viewing_is_a_rewatch(cli, journal):
    with Store.transaction(journal) as s:
        s.save_film(Film(id="alien-1979", title="Alien", year=1979, seen=True))
    moved = add(cli, "Alein", "2024-01-01", "--new")
    ok(cli("edit", str(moved), "--title", "Alien"))
    assert flags(journal) == {moved: True}


def test_an_explicit_flag_on_edit_wins_over_the_derived_one(cli, journal):
    one = add(cli, "Heat", "2024-05-01", "--year", "1995")
    two = add(cli, "Heat", "2023-01-01", "--year", "1995")
    ok(cli("edit", str(two), "--on", "2024-06-01", "--first"))
    assert flags(journal) == {one: False, two: False}


@pytest.mark.parametrize(("wrong", "right", "rewatches"), [(15, 19, 33), (11, 19, 29)])
def test_merge_makes_every_viewing_after_the_first_a_rewatch(cli, journal, wrong, right, rewatches):
    """All dates differ and none was a rewatch: all but the earliest become rewatches."""
    start = D(2020, 1, 1)
    with Store.transaction(journal) as s:
        s.save_films(
            [
                Film(id="heat-1995", title="Heat", year=1995, seen=True),
                Film(id="heet-1995", title="Heet", year=1995, seen=True),
            ]
        )
        # Interleaved: the wrong film's viewings fall on odd days, the right one's on even.
        s.add_watches(
            [
                Watch(id=0, film="heet-1995", date=start + dt.timedelta(2 * i + 1))
                for i in range(wrong)
            ]
            + [
                Watch(id=0, film="heat-1995", date=start + dt.timedelta(2 * i))
                for i in range(right)
            ]
        )
    assert not any(flags(journal).values())
    result = ok(cli("film", "merge", "Heet", "--into", "Heat (1995)", "--yes"))
    assert f"{count(rewatches, 'viewing')} now rewatches" in result.stderr
    watches = stored(journal)["watches"].values()
    assert len(watches) == wrong + right
    assert sum(w["rewatch"] for w in watches) == rewatches
    assert [w["date"] for w in watches if not w["rewatch"]] == ["2020-01-01"]
    assert ok(cli("stats", "--json")).json()["rewatches"] == rewatches


def test_merge_never_turns_a_rewatch_back(cli, journal):
    first = add(cli, "Heat", "2024-01-01", "--year", "1995", "--rewatch")
    other = add(cli, "Heet", "2024-03-01", "--new")
    ok(cli("film", "merge", "Heet", "--into", "Heat (1995)", "--yes"))
    assert flags(journal) == {first: True, other: True}


def _export(folder: Path, *rows: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "diary.csv").write_text("\n".join([DIARY, *rows]) + "\n", encoding="utf-8")
    return folder


def test_import_keeps_its_rows_flags_and_marks_the_journals_later_viewings(cli, journal, tmp_path):
    mine = add(cli, "Heat", "2024-06-01", "--year", "1995")
    folder = _export(
        tmp_path / "lbx",
        "2024-01-01,Heat,1995,https://boxd.it/a1,,,,2024-01-01",
        "2024-09-01,Heat,1995,https://boxd.it/a2,,,,2024-09-01",
    )
    before = journal.read_bytes()
    preview = ok(cli("import", "letterboxd", str(folder), "--dry-run", "--json")).json()
    assert preview["updated"]["viewings"] == 1
    assert preview["viewing_changes"] == [{"id": mine, "film": "heat-1995", "fields": ["rewatch"]}]
    assert journal.read_bytes() == before

    summary = ok(cli("import", "letterboxd", str(folder), "--json")).json()
    assert (summary["added"]["viewings"], summary["updated"]["viewings"]) == (2, 1)
    # The imported rows keep Rewatch as the export gives it (empty: not a rewatch).
    assert flags(journal) == {mine: True, mine + 1: False, mine + 2: False}

    again = ok(cli("import", "letterboxd", str(folder), "--json")).json()
    assert (again["added"]["viewings"], again["updated"]["viewings"]) == (0, 0)
    assert again["unchanged"]["viewings"] == 2


def test_a_reimport_that_adds_an_earlier_row_counts_each_viewing_once(cli, journal, tmp_path):
    old_row = "2024-06-01,Heat,1995,https://boxd.it/a2,,,,2024-06-01"
    ok(cli("import", "letterboxd", str(_export(tmp_path / "one", old_row))))
    folder = _export(
        tmp_path / "two", "2024-01-01,Heat,1995,https://boxd.it/a1,,,,2024-01-01", old_row
    )
    summary = ok(cli("import", "letterboxd", str(folder), "--json")).json()
    assert summary["added"]["viewings"] == 1
    # An imported row's Rewatch is its user's word on Letterboxd: it stays.
    assert summary["updated"]["viewings"] == 0
    assert summary["unchanged"]["viewings"] == 1
    assert flags(journal) == {1: False, 2: False}


def test_imported_flags_stay_until_cleared_then_follow_the_rule(cli, journal, tmp_path):
    folder = _export(tmp_path / "lbx", "2024-06-01,Heat,1995,https://boxd.it/a1,,,,2024-06-01")
    ok(cli("import", "letterboxd", str(folder)))
    early = add(cli, "Heat", "2023-01-01", "--year", "1995")
    assert flags(journal) == {1: False, early: False}
    ok(cli("edit", "1", "--clear", "rewatch"))
    assert flags(journal) == {1: True, early: False}
