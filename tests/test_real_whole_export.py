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
