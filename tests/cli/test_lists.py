"""Lists: list new/add/rm/show/ls/edit, the stored documents, doctor and the JSON backup."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from filmlog import doctor
from filmlog.errors import InvalidDocument
from filmlog.models import FilmList, ListEntry, list_from_doc, list_to_doc
from tests.helpers import Result, stored, stored_file

Cli = Callable[..., Result]


@pytest.fixture
def films(cli: Cli) -> None:
    assert cli("add", "Heat", "--year", "1995", "--on", "2024-01-02", "--rating", "4.5").code == 0
    assert cli("film", "set", "Perfect Days", "--year", "2023").code == 0
    assert cli("film", "set", "Thief", "--year", "1981").code == 0


def test_new_add_show_and_json(cli: Cli, journal: Path, films: None) -> None:
    made = cli("list", "new", "Best Ever", "--ranked", "--description", "Mine")
    assert made.code == 0, made.stderr
    assert cli("list", "add", "best ever", "heat", "--note", "the diner").code == 0
    assert cli("list", "add", "Best Ever", "Perfect Days (2023)", "--at", "1").code == 0
    assert cli("list", "add", "Best Ever", "Thief").code == 0

    shown = cli("list", "show", "BEST EVER")
    assert shown.code == 0
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["Best", "Ever", "ranked,", "3", "films"] and lines[1] == "Mine"
    head = next(n for n, line in enumerate(lines) if line.split()[:2] == ["Rank", "Film"])
    assert "Rating" in lines[head] and "Seen" in lines[head]
    assert [line.split()[1] for line in lines[head + 2 :]] == ["Perfect", "Heat", "Thief"]
    heat = next(line for line in lines if "Heat" in line)
    assert "★★★★½" in heat and "✓" in heat and "the diner" in heat

    data = cli("list", "show", "best-ever", "--json").json()
    assert data["name"] == "Best Ever" and data["ranked"] is True and data["description"] == "Mine"
    assert [(e["position"], e["film"]) for e in data["entries"]] == [
        (1, "perfect-days-2023"),
        (2, "heat-1995"),
        (3, "thief-1981"),
    ]
    assert data["entries"][1] == {
        "position": 2,
        "film": "heat-1995",
        "title": "Heat",
        "year": 1995,
        "note": "the diner",
        "rating": 4.5,
        "seen": True,
    }
    # Stored: one document in the lists table, the entries' empty notes left out.
    doc = next(iter(stored_file(journal)["lists"].values()))
    assert doc["id"] == "best-ever"
    assert doc["entries"][0] == {"film": "perfect-days-2023", "position": 1}
    assert stored(journal)["lists"]["best-ever"]["entries"][0]["note"] is None


def test_add_again_moves_and_keeps_one_entry(cli: Cli, films: None) -> None:
    cli("list", "new", "Mine")
    for title in ("Heat", "Thief", "Perfect Days"):
        cli("list", "add", "Mine", title)
    moved = cli("list", "add", "Mine", "Perfect Days", "--at", "1", "--note", "first")
    assert moved.code == 0 and "Moved" in moved.stderr
    entries = cli("list", "show", "Mine", "--json").json()["entries"]
    assert [e["film"] for e in entries] == ["perfect-days-2023", "heat-1995", "thief-1981"]
    assert entries[0]["note"] == "first"


def test_edit_rename_move_ranked_description(cli: Cli, films: None) -> None:
    cli("list", "new", "Mine")
    for title in ("Heat", "Thief"):
        cli("list", "add", "Mine", title)
    result = cli(
        "list",
        "edit",
        "mine",
        "--rename",
        "Ours",
        "--ranked",
        "-d",
        "x",
        "--move",
        "Thief",
        "--to",
        "1",
    )
    assert result.code == 0, result.stderr
    data = cli("list", "show", "ours", "--json").json()
    assert data["id"] == "ours" and data["ranked"] and data["description"] == "x"
    assert [e["film"] for e in data["entries"]] == ["thief-1981", "heat-1995"]
    assert cli("list", "show", "mine").code == 1
    assert cli("list", "edit", "ours", "--move", "Heat").code == 2


def test_rm_entry_then_list(cli: Cli, journal: Path, films: None) -> None:
    cli("list", "new", "Mine")
    cli("list", "add", "Mine", "Heat")
    cli("list", "add", "Mine", "Thief")
    assert cli("list", "rm", "Mine", "Heat").code == 0
    assert [e["film"] for e in cli("list", "show", "Mine", "--json").json()["entries"]] == [
        "thief-1981"
    ]
    assert cli("list", "rm", "Mine", "Heat").code == 1
    refused = cli("list", "rm", "Mine")
    assert refused.code == 2 and "--yes" in refused.stderr
    assert cli("list", "rm", "Mine", "--yes").code == 0
    assert cli("list", "ls", "--json").json() == []
    assert "heat-1995" in stored(journal)["films"]


def test_errors_name_what_is_wrong(cli: Cli, films: None) -> None:
    cli("list", "new", "Best Ever")
    again = cli("list", "new", "best  ever!")
    assert again.code == 1 and "already exists" in again.stderr
    missing = cli("list", "show", "Best Evr")
    assert missing.code == 1 and "did you mean 'Best Ever'" in missing.stderr
    typo = cli("list", "add", "Best Ever", "Heet")
    assert typo.code == 1 and "Heat (1995)" in typo.stderr
    assert cli("list", "add", "Best Ever", "Heat", "--at", "0").code == 2
    assert cli("list", "new", "!!!").code == 2


def test_ls_lists_every_list(cli: Cli, films: None) -> None:
    cli("list", "new", "B list")
    cli("list", "new", "A list", "--ranked")
    cli("list", "add", "A list", "Heat")
    data = cli("list", "ls", "--json").json()
    assert [(d["name"], d["films"], d["ranked"]) for d in data] == [
        ("A list", 1, True),
        ("B list", 0, False),
    ]
    shown = cli("list", "ls")
    assert "A list" in shown.stdout and "B list" in shown.stdout


def test_codec_is_strict() -> None:
    film_list = FilmList("x", "X", entries=(ListEntry("heat-1995", 1, "n"),), ranked=True)
    assert list_from_doc(list_to_doc(film_list)) == film_list
    with pytest.raises(InvalidDocument, match="position"):
        list_from_doc({"id": "x", "name": "X", "entries": [{"film": "a", "position": 0}]})
    with pytest.raises(InvalidDocument, match="film"):
        list_from_doc({"id": "x", "name": "X", "entries": [{"position": 1}]})
    with pytest.raises(InvalidDocument, match="name"):
        list_from_doc({"id": "x"})


def test_doctor_reports_bad_lists_and_missing_films(cli: Cli, journal: Path, films: None) -> None:
    cli("list", "new", "Mine")
    cli("list", "add", "Mine", "Heat")
    data = json.loads(journal.read_text())
    doc = next(iter(data["lists"].values()))
    doc["entries"].append({"film": "nowhere-2000", "position": 2})
    data["lists"]["9"] = {"id": "bad", "name": "Bad", "ranked": "yes"}
    journal.write_text(json.dumps(data))
    report = doctor.check(journal)
    messages = [p.message for p in report.problems]
    assert any("'nowhere-2000' is not in the journal" in m for m in messages)
    assert any("lists document 9" in m and "ranked" in m for m in messages)


def test_journal_without_lists_table_reads_as_none(cli: Cli, journal: Path, films: None) -> None:
    data = json.loads(journal.read_text())
    del data["lists"]
    data["_meta"]["1"]["schema"] = 3
    journal.write_text(json.dumps(data))
    assert cli("list", "ls", "--json").json() == []
    assert cli("list", "new", "Mine").code == 0
    upgraded = json.loads(journal.read_text())
    assert upgraded["_meta"]["1"]["schema"] == 4 and len(upgraded["lists"]) == 1


def test_json_backup_round_trips_lists(
    cli: Cli, journal: Path, tmp_path: Path, films: None
) -> None:
    cli("list", "new", "Mine", "--ranked", "-d", "two\nlines")
    cli("list", "add", "Mine", "Heat", "--note", "a note")
    assert " · 1 list\n" in cli("doctor").stdout
    backup = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "--out", str(backup)).code == 0
    other = tmp_path / "other.json"
    restored = cli("--db", str(other), "import", "json", str(backup))
    assert restored.code == 0 and "1 list" in restored.stdout
    assert stored(other)["lists"] == stored(journal)["lists"]
    again = tmp_path / "again.json"
    cli("--db", str(other), "export", "--format", "json", "--out", str(again))
    assert again.read_bytes() == backup.read_bytes()


def test_markdown_folder_export_has_a_page_per_list(cli, tmp_path: Path, films: None) -> None:
    from tests.export_support import parse_page

    cli("list", "new", "Best <b>Ever</b>", "--ranked", "-d", "## Why\n\nBecause *I* say.")
    cli("list", "add", "Best <b>Ever</b>", "Heat", "--note", "the *diner*")
    cli("list", "add", "Best <b>Ever</b>", "Thief")
    out = tmp_path / "pages"
    assert cli("export", "--out", f"{out}/").code == 0
    page_text = (out / "list-best-b-ever-b.md").read_text(encoding="utf-8")
    page = parse_page(page_text)
    assert page.html_tokens() == []
    assert "# Best \\<b\\>Ever\\</b\\>" in page_text
    assert "## Why" in page_text and "Because *I* say." in page_text
    assert "1. [Heat (1995)](heat-1995.md) ★★★★½ — the \\*diner\\*" in page_text
    assert "2. [Thief (1981)](thief-1981.md)" in page_text
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "## Lists" in index
    assert "(list-best-b-ever-b.md) · 2 films" in index


def test_film_merge_moves_list_entries_to_the_right_film(cli, journal: Path, films: None) -> None:
    assert cli("film", "set", "Heat 2", "--year", "1995").code == 0
    cli("list", "new", "Mine")
    for title in ("Heat 2", "Thief", "Heat"):
        cli("list", "add", "Mine", title)
    cli("list", "new", "Other")
    cli("list", "add", "Other", "Heat 2", "--note", "kept")
    assert cli("film", "merge", "Heat 2", "--into", "Heat", "--yes").code == 0
    lists = stored(journal)["lists"]
    assert [e["film"] for e in lists["mine"]["entries"]] == ["heat-1995", "thief-1981"]
    assert lists["other"]["entries"] == [{"film": "heat-1995", "position": 1, "note": "kept"}]
    assert doctor.check(journal).ok
