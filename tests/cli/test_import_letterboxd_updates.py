"""A newer Letterboxd export: changed values update the journal unless changed in filmlog;
deleted rows are removed; a viewing deleted in filmlog never comes back."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_import_letterboxd import DIARY, RATINGS, export
from tests.helpers import stored

HEAT = "2024-01-03,Heat,1995,https://boxd.it/a1,{rating},,,2024-01-02"
THIEF = "2024-02-03,Thief,1981,https://boxd.it/b1,3,,,2024-02-02"


def snapshot(tmp_path: Path, name: str, rating: str = "4", film_rating: str = "4", **more):
    return export(
        tmp_path / name,
        diary=[DIARY, HEAT.format(rating=rating), THIEF],
        ratings=[RATINGS, f"2024-01-03,Heat,1995,https://boxd.it/h,{film_rating}"],
        **more,
    )


def by_source(journal: Path) -> dict[str, dict]:
    return {w["source"]: w for w in stored(journal)["watches"].values()}


def test_a_newer_rating_updates_what_nobody_changed(cli, journal, tmp_path):
    assert cli("import", "letterboxd", str(snapshot(tmp_path, "old"))).code == 0
    newer = snapshot(tmp_path, "new", rating="4.5", film_rating="5")
    result = cli("import", "letterboxd", str(newer), "--json").json()
    assert result["updated"]["viewings"] == 1 and result["updated"]["films"] == 1
    assert by_source(journal)["letterboxd:https://boxd.it/a1"]["rating"] == 4.5
    assert stored(journal)["films"]["heat-1995"]["rating"] == 5


def test_a_value_changed_in_filmlog_wins_and_is_reported(cli, journal, tmp_path):
    assert cli("import", "letterboxd", str(snapshot(tmp_path, "old"))).code == 0
    heat = by_source(journal)["letterboxd:https://boxd.it/a1"]
    assert cli("edit", str(heat["id"]), "--rating", "2").code == 0
    assert cli("film", "set", "Heat", "--rating", "1").code == 0
    newer = snapshot(tmp_path, "new", rating="4.5", film_rating="5")
    result = cli("import", "letterboxd", str(newer), "--json").json()
    assert result["updated"]["viewings"] == 0 and result["updated"]["films"] == 0
    messages = " ".join(s["message"] for s in result["skipped"])
    assert "kept viewing" in messages and "rating differ" in messages
    assert "kept the journal's rating of Heat (1995): 1 (the export says 5)" in messages
    assert by_source(journal)["letterboxd:https://boxd.it/a1"]["rating"] == 2
    assert stored(journal)["films"]["heat-1995"]["rating"] == 1


def test_deleted_rows_are_removed_unless_changed_and_never_come_back(cli, journal, tmp_path):
    assert cli("import", "letterboxd", str(snapshot(tmp_path, "old"))).code == 0
    thief = by_source(journal)["letterboxd:https://boxd.it/b1"]
    assert cli("edit", str(thief["id"]), "--tag", "mine").code == 0
    newer = export(
        tmp_path / "new",
        diary=[DIARY],
        ratings=[RATINGS, "2024-01-03,Heat,1995,https://boxd.it/h,4"],
    )
    export(newer / "deleted", diary=[DIARY, HEAT.format(rating="4"), THIEF])
    result = cli("import", "letterboxd", str(newer))
    assert result.code == 0, result.stderr
    assert "Removed (deleted on Letterboxd): 1 viewing, 0 lists" in result.stdout
    assert "1 deleted row removed, 1 deleted row kept (changed in filmlog)" in result.stdout
    assert "kept viewing" in result.stdout and "tags changed in filmlog since" in result.stdout
    assert set(by_source(journal)) == {"letterboxd:https://boxd.it/b1"}
    # The older export, imported again, does not bring the deleted viewing back.
    again = cli("import", "letterboxd", str(tmp_path / "old"), "--json").json()
    assert again["added"]["viewings"] == 0
    assert any("not brought back" in s["message"] for s in again["skipped"])
    assert set(by_source(journal)) == {"letterboxd:https://boxd.it/b1"}


def test_a_viewing_deleted_in_filmlog_is_not_imported_again(cli, journal, tmp_path):
    old = snapshot(tmp_path, "old")
    assert cli("import", "letterboxd", str(old)).code == 0
    heat = by_source(journal)["letterboxd:https://boxd.it/a1"]
    assert cli("rm", str(heat["id"]), "--yes").code == 0
    again = cli("import", "letterboxd", str(old))
    assert again.code == 0
    assert "deleted since imported: 1" in again.stdout
    assert "letterboxd:https://boxd.it/a1" not in by_source(journal)


def test_orphaned_rows_are_imported_like_the_diary(cli, journal, tmp_path):
    folder = snapshot(tmp_path, "lbx")
    export(folder / "orphaned", diary=[DIARY, "2020-11-29,Among Us,2020,,3.5,,,2020-11-28"])
    result = cli("import", "letterboxd", str(folder), "--json").json()
    assert result["details"]["orphaned"] == 1 and result["details"]["viewings"] == 3
    assert by_source(journal)["letterboxd:Among Us (2020) on 2020-11-28 #1"]["rating"] == 3.5


def import_undated_review(cli, tmp_path: Path, text: str) -> None:
    """A Letterboxd review of Citizen Kane written without a watched date, imported."""
    folder = export(
        tmp_path / "lbx",
        reviews=[
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
            f"2018-09-25,Citizen Kane,1941,https://boxd.it/wT2EP,5,,{text},,",
        ],
    )
    assert cli("import", "letterboxd", str(folder)).code == 0


def test_an_undated_review_is_exported_and_counts_as_seen(cli, journal, tmp_path):
    import_undated_review(cli, tmp_path, "I <b>loved</b> it")
    page = cli("export", "Citizen Kane").stdout
    assert "### undated · ★★★★★" in page and "I **loved** it" in page
    assert "\nwatched: []\n" in page and "seen (no dated viewing)" in page
    diary = cli("export", "--format", "csv").stdout.splitlines()
    assert diary[1].split(",")[1] == ""  # no day
    # A viewing logged later is a rewatch: the review says the film was seen before.
    logged = cli("add", "Citizen Kane", "--on", "2024-05-01", "--json").json()
    assert logged["rewatch"] is True


def test_an_undated_review_is_edited_and_deleted_by_its_id(cli, journal, tmp_path):
    import_undated_review(cli, tmp_path, "Loved it")
    (review,) = stored(journal)["watches"].values()
    edited = cli("edit", str(review["id"]), "--rating", "4.5")
    assert edited.code == 0 and "on undated" in edited.stdout
    removed = cli("rm", str(review["id"]), "--yes")
    assert removed.code == 0 and f"viewing #{review['id']} of Citizen Kane (1941) on undated" in (
        removed.stdout + removed.stderr
    )
