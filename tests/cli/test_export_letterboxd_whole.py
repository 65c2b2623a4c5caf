"""``export --format letterboxd --out FOLDER/``: the diary, undated reviews, film ratings,
the watchlist and the lists, in files Letterboxd's importers take; and filmlog reads them
back into the same journal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from filmlog.export.letterboxd import MAX_BYTES
from tests.helpers import REAL_DATA, stored


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def journal_summary(path: Path) -> dict[str, list[object]]:
    """What a round trip must keep, by film title and year (ids may be numbered anew)."""
    data = stored(path)
    films = data["films"]
    label = {k: (f["title"], f["year"]) for k, f in films.items()}
    return {
        "films": sorted(
            (f["title"], f["year"] or 0, f["rating"] or 0, f["seen"], f["ids"]["letterboxd"] or "")
            for f in films.values()
        ),
        "viewings": sorted(
            (
                label[w["film"]],
                w["date"] or "",
                w["rating"] or 0,
                tuple(w["tags"]),
                w["review"] or "",
                w["rewatch"],
                w["dnf"],
            )
            for w in data["watches"].values()
        ),
        "watchlist": sorted((label[i["film"]], i["added"]) for i in data["watchlist"].values()),
        "lists": sorted(
            (
                item["name"],
                item["description"] or "",
                item["ranked"],
                tuple((label[e["film"]], e["note"] or "") for e in item["entries"]),
            )
            for item in data["lists"].values()
        ),
    }


def build(cli) -> None:
    steps = [
        ["add", "Heat", "--year", "1995", "--on", "2024-01-02", "--rating", "4", "--tag", "noir",
         "--review", "**Loud** and long."],
        ["add", "Heat", "--on", "2024-03-02", "--rating", "4.5"],
        ["add", "Thief", "--year", "1981", "--on", "2024-02-02", "--dnf", "--tag", "late"],
        ["film", "set", "Thief", "--rating", "3"],
        ["film", "set", "Collateral", "--year", "2004", "--rating", "3.5"],
        ["add", "The Wire", "--year", "2002", "--on", "2024-02-03", "--rating", "5"],
        ["watchlist", "add", "Manhunter", "--year", "1986"],
        ["list", "new", "Mann", "--ranked", "--description", "By *preference*"],
        ["list", "add", "Mann", "Heat", "--note", "the diner"],
        ["list", "add", "Mann", "Thief"],
        ["list", "add", "Mann", "The Wire"],
        ["list", "new", "Empty one"],
    ]  # fmt: skip
    for args in steps:
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)


def make_undated_review_and_series(journal: Path) -> None:
    """A review without a day (as Letterboxd imports bring) and a TV series."""
    import json

    data = json.loads(journal.read_text())
    for doc in data["films"].values():
        if doc["id"] == "the-wire-2002":
            doc["kind"] = "tv series"
        if doc["id"] == "collateral-2004":
            doc["seen"] = True  # a review says so
    data["watches"]["99"] = {
        "id": 99,
        "film": "collateral-2004",
        "date": None,
        "rating": 4,
        "review": "No day, *one* review.",
    }
    data["_meta"]["1"]["next_watch"] = 100
    journal.write_text(json.dumps(data))


def test_the_whole_journal_goes_out_and_comes_back(cli, journal, tmp_path):
    build(cli)
    make_undated_review_and_series(journal)
    out = tmp_path / "lbx"
    result = cli("export", "--format", "letterboxd", "--out", f"{out}/")
    assert result.code == 0, result.stderr
    assert "left out what Letterboxd does not hold (films only): 1 tv series" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "diary-1.csv",
        "list-empty-one-1.csv",
        "list-mann-1.csv",
        "lists.csv",
        "watchlist-1.csv",
    ]
    diary = rows(out / "diary-1.csv")
    assert all(r["Title"] != "The Wire" for r in diary)
    heat = [r for r in diary if r["Title"] == "Heat"]
    assert [(r["WatchedDate"], r["Rating"], r["Rewatch"]) for r in heat[:2]] == [
        ("2024-01-02", "4", ""),
        ("2024-03-02", "4.5", "Yes"),
    ]
    assert heat[0]["Review"] == "<b>Loud</b> and long."
    (thief,) = [r for r in diary if r["Title"] == "Thief" and r["WatchedDate"]]
    assert thief["Tags"] == "late, dnf"
    (undated,) = [r for r in diary if r["Review"] and not r["WatchedDate"]]
    assert (undated["Title"], undated["Rating"]) == ("Collateral", "4")
    rated = {r["Title"]: r["Rating"] for r in diary if not r["WatchedDate"] and not r["Review"]}
    assert rated == {"Thief": "3", "Collateral": "3.5"}
    assert [(r["Title"], r["Added"]) for r in rows(out / "watchlist-1.csv")] == [
        ("Manhunter", rows(out / "watchlist-1.csv")[0]["Added"])
    ]
    mann = rows(out / "list-mann-1.csv")
    assert [(r["Position"], r["Title"], r["Review"]) for r in mann] == [
        ("1", "Heat", "the diner"),
        ("2", "Thief", ""),
    ]
    index = rows(out / "lists.csv")
    assert [(r["File"], r["Name"], r["Ranked"]) for r in index] == [
        ("list-empty-one-1.csv", "Empty one", ""),
        ("list-mann-1.csv", "Mann", "Yes"),
    ]

    fresh = tmp_path / "fresh.json"
    back = cli("--db", str(fresh), "import", "letterboxd", str(out), "--json")
    assert back.code == 0, back.stderr
    assert back.json()["problems"] == []
    want = journal_summary(journal)
    got = journal_summary(fresh)
    wire = ("The Wire", 2002)
    want["films"] = [f for f in want["films"] if f[:2] != wire]
    want["viewings"] = [v for v in want["viewings"] if v[0] != wire]
    want["lists"] = [
        (n, d, r, tuple(e for e in entries if e[0] != wire)) for n, d, r, entries in want["lists"]
    ]
    assert got == want
    again = cli("--db", str(fresh), "import", "letterboxd", str(out), "--json").json()
    assert again["written"] is False


def test_each_file_is_split_under_a_megabyte(cli, journal, tmp_path):
    import json

    cli("list", "new", "Long")
    data = json.loads(journal.read_text())
    films = {}
    entries = []
    for n in range(1, 2401):
        films[str(n)] = {"id": f"film-{n}-2000", "title": f"Film {n}", "year": 2000}
        entries.append({"film": f"film-{n}-2000", "position": n, "note": "x" * 400})
    data["films"] = films
    (doc,) = data["lists"].values()
    doc["entries"] = entries
    journal.write_text(json.dumps(data))
    out = tmp_path / "lbx"
    assert cli("export", "--format", "letterboxd", "--out", f"{out}/").code == 0
    parts = sorted(out.glob("list-long-*.csv"))
    assert [p.name for p in parts] == ["list-long-1.csv", "list-long-2.csv"]
    assert all(p.stat().st_size <= MAX_BYTES for p in parts)
    fresh = tmp_path / "fresh.json"
    assert cli("--db", str(fresh), "import", "letterboxd", str(out)).code == 0
    (back,) = stored(fresh)["lists"].values()
    assert len(back["entries"]) == 2400 and back["entries"][-1]["note"] == "x" * 400


def test_a_real_account_round_trips(cli, journal, tmp_path):
    folder = REAL_DATA / "lbx-vinicius"
    if not folder.is_dir():
        import pytest

        pytest.skip(f"{folder} is not here")
    assert cli("import", "letterboxd", str(folder)).code == 0
    out = tmp_path / "lbx"
    assert cli("export", "--format", "letterboxd", "--out", f"{out}/").code == 0
    fresh = tmp_path / "fresh.json"
    back = cli("--db", str(fresh), "import", "letterboxd", str(out), "--json")
    assert back.code == 0 and back.json()["problems"] == []
    assert journal_summary(fresh) == journal_summary(journal)
    summary = journal_summary(fresh)
    assert (len(summary["films"]), len(summary["viewings"])) == (1829, 911)
    assert (len(summary["watchlist"]), len(summary["lists"])) == (231, 11)
