"""Letterboxd lists (lists/*.csv) and the profile's favourite films become filmlog lists."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import stored

FILMS = "Date,Name,Year,Letterboxd URI"
PROFILE = (
    "Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,"
    "Pronoun,Favorite Films"
)


def list_file(name: str, description: str, *entries: str, url: str = "https://boxd.it/L1") -> str:
    head = f'2022-01-15,{name},,{url},"{description}"'
    return "\n".join(
        [
            "Letterboxd list export v7",
            "Date,Name,Tags,URL,Description",
            head,
            "",
            "Position,Name,Year,URL,Description",
            *entries,
        ]
    )


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    return folder


def base(tmp_path: Path, lists: dict[str, str], profile: str = "") -> Path:
    files = {
        "watched.csv": "\n".join(
            [
                FILMS,
                "2020-01-01,Scream,1996,https://boxd.it/24EC",
                "2020-01-01,Scream 2,1997,https://boxd.it/24Es",
            ]
        ),
        **{f"lists/{k}": v for k, v in lists.items()},
    }
    if profile:
        files["profile.csv"] = f'{PROFILE}\n2019-03-11,me,,,,,,,,"{profile}"'
    return write(tmp_path / "lbx", files)


def test_a_list_file_becomes_a_list(cli, journal, tmp_path):
    folder = base(
        tmp_path,
        {
            "panico.csv": list_file(
                "Pânico",
                "Ranked by <i>me</i>\nline two 🐂",
                "1,Scream 2,1997,https://boxd.it/24Es,the best",
                "2,Scream,1996,https://boxd.it/24EC,",
                "3,Scream,2022,https://boxd.it/o0lg,",
            )
        },
    )
    result = cli("import", "letterboxd", str(folder), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["files"]["lists/panico.csv"] == 3
    assert summary["added"]["lists"] == 1
    assert summary["details"]["lists"] == 1 and summary["details"]["list_entries"] == 3
    data = stored(journal)
    (panico,) = data["lists"].values()
    assert panico["id"] == "panico" and panico["name"] == "Pânico"
    assert panico["description"] == "Ranked by *me*\\\nline two 🐂"  # a hard line break
    assert panico["created"] == "2022-01-15" and panico["source"] == "letterboxd:https://boxd.it/L1"
    assert [(e["position"], e["film"], e["note"]) for e in panico["entries"]] == [
        (1, "scream-2-1997", "the best"),
        (2, "scream-1996", None),
        (3, "scream-2022", None),
    ]
    # A film only on a list is added to the journal, not marked seen.
    assert data["films"]["scream-2022"]["seen"] is False
    assert data["films"]["scream-2022"]["ids"]["letterboxd"] == "https://boxd.it/o0lg"
    before = journal.read_bytes()
    again = cli("import", "letterboxd", str(folder), "--json").json()
    assert again["written"] is False and again["unchanged"]["lists"] == 1
    assert journal.read_bytes() == before


def test_favourites_become_a_ranked_list(cli, journal, tmp_path):
    folder = base(
        tmp_path, {}, profile="https://boxd.it/24Es, https://boxd.it/24EC, https://boxd.it/x"
    )
    result = cli("import", "letterboxd", str(folder), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["details"]["favourites"] == 2
    assert [s["message"] for s in summary["skipped"]] == [
        "favourite film https://boxd.it/x is not among the export's films"
    ]
    shown = cli("list", "show", "favourites", "--json").json()
    assert shown["ranked"] is True
    assert [e["film"] for e in shown["entries"]] == ["scream-2-1997", "scream-1996"]


def test_a_newer_export_updates_a_list_unless_changed_in_filmlog(cli, journal, tmp_path):
    one = "1,Scream,1996,https://boxd.it/24EC,"
    two = "2,Scream 2,1997,https://boxd.it/24Es,"
    folder = base(tmp_path, {"p.csv": list_file("Pânico", "", one)})
    assert cli("import", "letterboxd", str(folder)).code == 0
    newer = base(tmp_path, {"p.csv": list_file("Pânico!", "new", one, two)})
    result = cli("import", "letterboxd", str(newer), "--json").json()
    assert result["updated"]["lists"] == 1
    shown = cli("list", "show", "panico", "--json").json()
    assert shown["name"] == "Pânico!" and shown["description"] == "new" and shown["films"] == 2

    assert cli("list", "edit", "panico", "--move", "Scream 2", "--to", "1").code == 0
    newest = base(tmp_path, {"p.csv": list_file("Pânico", "", one, two)})
    kept = cli("import", "letterboxd", str(newest), "--json").json()
    assert kept["updated"]["lists"] == 0
    assert [s["message"] for s in kept["skipped"]] == [
        "kept the list 'Pânico!' as the journal has it (changed in filmlog since an earlier import)"
    ]
    assert cli("list", "show", "panico", "--json").json()["name"] == "Pânico!"

    assert cli("list", "rm", "panico", "--yes").code == 0
    gone = cli("import", "letterboxd", str(newest), "--json").json()
    assert gone["added"]["lists"] == 0
    assert "deleted after an earlier import" in gone["skipped"][0]["message"]


def test_a_list_of_the_same_name_as_one_made_in_filmlog_is_kept_apart(cli, journal, tmp_path):
    assert cli("list", "new", "Pânico").code == 0
    folder = base(
        tmp_path, {"p.csv": list_file("Pânico", "", "1,Scream,1996,https://boxd.it/24EC,")}
    )
    assert cli("import", "letterboxd", str(folder)).code == 0
    assert sorted(stored(journal)["lists"]) == ["panico", "panico-2"]


def test_a_bad_list_file_names_its_file_and_line(cli, journal, tmp_path):
    folder = base(
        tmp_path,
        {
            "a.csv": list_file(
                "A", "two\n\nparagraphs", "1,Scream,1996,https://boxd.it/24EC,", "x,Scream 2,1997,,"
            ),
            "b.csv": "Date,Name\n2020-01-01,Heat",
        },
    )
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 2
    assert "lists/a.csv:9: 'x' is not a position" in result.stderr
    assert "lists/b.csv:1: not a Letterboxd list export" in result.stderr
    assert not journal.exists()
