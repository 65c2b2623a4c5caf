"""A whole real Letterboxd account export (lists, likes, deleted/, orphaned/, profile),
every count checked against the source files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.helpers import stored

USER = "lbx-vinicius"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def list_rows(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The list row and the film rows of a Letterboxd list file."""
    text = path.read_text(encoding="utf-8")
    lines = io.StringIO(text, newline="").readlines()
    records = list(csv.reader(io.StringIO("".join(lines[1:]), newline="")))
    blank = records.index([])
    head = dict(zip(records[0], records[1], strict=True))
    films = [dict(zip(records[blank + 1], r, strict=True)) for r in records[blank + 2 :]]
    return head, films


@pytest.fixture
def folder(real_data: Path) -> Path:
    path = real_data / USER
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    return path


def test_lists_and_favourites(cli, journal, folder):
    result = cli("import", "letterboxd", str(folder), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["problems"] == []
    files = sorted((folder / "lists").glob("*.csv"))
    assert len(files) == 10
    data = stored(journal)
    by_source = {doc["source"]: doc for doc in data["lists"].values()}
    films = data["films"]
    entries = 0
    for path in files:
        head, rows = list_rows(path)
        assert summary["files"][f"lists/{path.name}"] == len(rows)
        made = by_source[f"letterboxd:{head['URL']}"]
        assert made["name"] == head["Name"].strip()
        assert made["created"] == head["Date"]
        assert [films[e["film"]]["ids"]["letterboxd"] for e in made["entries"]] == [
            r["URL"] for r in sorted(rows, key=lambda r: int(r["Position"]))
        ]
        assert [e["position"] for e in made["entries"]] == list(range(1, len(rows) + 1))
        entries += len(rows)
    assert summary["details"]["lists"] == 10
    assert summary["details"]["list_entries"] == entries == 192

    (profile,) = read_csv(folder / "profile.csv")
    favourites = [u.strip() for u in profile["Favorite Films"].split(",")]
    made = by_source["letterboxd:profile:favourites"]
    assert made["ranked"] is True and made["name"] == "Favourites"
    assert [films[e["film"]]["ids"]["letterboxd"] for e in made["entries"]] == favourites
    assert summary["details"]["favourites"] == 4
    assert summary["added"]["lists"] == 11

    likes = read_csv(folder / "likes" / "films.csv")
    assert summary["details"]["likes"] == len(likes) == 381
    liked = {f["ids"]["letterboxd"] for f in films.values() if f["liked"]}
    assert liked == {r["Letterboxd URI"] for r in likes}


def test_a_second_import_changes_nothing(cli, journal, folder):
    assert cli("import", "letterboxd", str(folder)).code == 0
    before = journal.read_bytes()
    again = cli("import", "letterboxd", str(folder), "--json").json()
    assert again["written"] is False
    assert set(again["added"].values()) == {0}
    assert set(again["updated"].values()) == {0}
    assert set(again["removed"].values()) == {0}
    assert again["unchanged"]["lists"] == 11
    assert journal.read_bytes() == before


def test_deleted_orphaned_and_links_are_counted(cli, journal, folder):
    result = cli("import", "letterboxd", str(folder), "--json")
    summary = result.json()
    diary = read_csv(folder / "diary.csv")
    orphaned = read_csv(folder / "orphaned" / "diary.csv")
    deleted = read_csv(folder / "deleted" / "diary.csv")
    deleted_reviews = read_csv(folder / "deleted" / "reviews.csv")
    assert summary["files"]["orphaned/diary.csv"] == len(orphaned) == 3
    assert summary["files"]["deleted/diary.csv"] == len(deleted) == 104
    assert summary["files"]["deleted/reviews.csv"] == len(deleted_reviews) == 10
    assert summary["details"]["orphaned"] == 3
    # Nothing of deleted/ was ever imported into this new journal: all of it is left out.
    joined = sum(
        any(
            (r["Letterboxd URI"] and r["Letterboxd URI"] == d["Letterboxd URI"])
            or (r["Name"], r["Watched Date"]) == (d["Name"], d["Watched Date"])
            for d in deleted
        )
        for r in deleted_reviews
    )
    assert (
        summary["details"]["deleted_not_imported"] == len(deleted) + len(deleted_reviews) - joined
    )
    assert summary["details"]["deleted_removed"] == 0
    assert summary["details"]["lists_deleted"] == 24
    reviews = read_csv(folder / "reviews.csv")
    assert summary["details"]["reviews_joined"] == sum(bool(r["Watched Date"]) for r in reviews)
    assert summary["details"]["reviews_undated"] == sum(not r["Watched Date"] for r in reviews)
    assert sum(w["review"] is not None for w in stored(journal)["watches"].values()) == 60
    ratings = read_csv(folder / "ratings.csv")
    assert summary["details"]["ratings"] == len(ratings) == 721
    watchlist = read_csv(folder / "watchlist.csv")
    assert summary["details"]["watchlist"] == summary["added"]["watchlist"] == len(watchlist)
    links = [read_csv(folder / "likes" / n) for n in ("reviews.csv", "lists.csv")]
    assert summary["details"]["links_left_out"] == sum(map(len, links)) == 356
    data = stored(journal)
    rows = list(data["watches"].values())
    assert len(rows) == len(diary) + len(orphaned) == summary["details"]["viewings"]
    sources = {w["source"] for w in rows}
    for row in orphaned:
        assert f"letterboxd:{row['Name']} ({row['Year']}) on {row['Watched Date']} #1" in sources
    gone = {f"letterboxd:{r['Letterboxd URI']}" for r in deleted if r["Letterboxd URI"]}
    assert not gone & sources
    assert len(data["lists"]) == 11


DIARY_HEAD = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
REVIEW_HEAD = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date"


def write_csv(path: Path, header: str, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header.split(","), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def older_snapshot(folder: Path, target: Path) -> tuple[Path, str, str]:
    """The same account earlier: the rows deleted since still in its diary and reviews,
    the newest 20 diary rows not logged yet, one viewing and one film rated otherwise.
    Returns the folder and the URIs of the viewing and the film whose ratings changed."""
    import shutil

    shutil.copytree(folder, target)
    shutil.rmtree(target / "deleted")
    diary = read_csv(folder / "diary.csv")
    newest = sorted(diary, key=lambda r: r["Date"])[-20:]
    kept = [r for r in diary if r not in newest]
    changed = next(r for r in kept if r["Rating"] == "4")
    older = [dict(r, Rating="3") if r is changed else r for r in kept]
    write_csv(target / "diary.csv", DIARY_HEAD, older + read_csv(folder / "deleted" / "diary.csv"))
    reviews = read_csv(folder / "reviews.csv")
    newest_uris = {r["Letterboxd URI"] for r in newest}
    reviews = [r for r in reviews if r["Letterboxd URI"] not in newest_uris]
    write_csv(
        target / "reviews.csv", REVIEW_HEAD, reviews + read_csv(folder / "deleted" / "reviews.csv")
    )
    ratings = read_csv(folder / "ratings.csv")
    film = next(r for r in ratings if r["Rating"] == "5")
    write_csv(
        target / "ratings.csv",
        "Date,Name,Year,Letterboxd URI,Rating",
        [dict(r, Rating="2") if r is film else r for r in ratings],
    )
    return target, changed["Letterboxd URI"], film["Letterboxd URI"]


def viewings_of(journal: Path) -> list[tuple[object, ...]]:
    data = stored(journal)
    return sorted(
        (w["source"], w["date"] or "", w["rating"] or 0, w["review"] or "", tuple(w["tags"]))
        for w in data["watches"].values()
    )


def test_an_older_then_a_newer_snapshot_gives_the_newer_account(cli, journal, folder, tmp_path):
    older, viewing_uri, film_uri = older_snapshot(folder, tmp_path / "older")
    first = cli("import", "letterboxd", str(older), "--json")
    assert first.code == 0 and first.json()["problems"] == []
    deleted = read_csv(folder / "deleted" / "diary.csv")
    assert len(stored(journal)["watches"]) == 908 - 20 + 3 + len(deleted) + 2  # + undated

    newer = cli("import", "letterboxd", str(folder), "--json")
    assert newer.code == 0, newer.stderr
    summary = newer.json()
    assert summary["added"]["viewings"] == 20
    assert summary["removed"]["viewings"] == summary["details"]["deleted_removed"] == 106
    assert summary["details"]["deleted_kept"] == 0

    fresh = tmp_path / "fresh.json"
    assert cli("--db", str(fresh), "import", "letterboxd", str(folder)).code == 0
    assert viewings_of(journal) == viewings_of(fresh)
    by_source = {w["source"]: w for w in stored(journal)["watches"].values()}
    assert by_source[f"letterboxd:{viewing_uri}"]["rating"] == 4
    films = {f["ids"]["letterboxd"]: f for f in stored(journal)["films"].values()}
    assert films[film_uri]["rating"] == 5
    assert {f: d["rating"] for f, d in films.items()} == {
        f["ids"]["letterboxd"]: f["rating"] for f in stored(fresh)["films"].values()
    }
    # And once more: nothing changes.
    before = journal.read_bytes()
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert journal.read_bytes() == before
