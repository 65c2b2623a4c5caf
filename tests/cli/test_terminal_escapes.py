"""Terminal escape codes and bidi overrides in imported files never reach the journal,
and never leave it in a Markdown or CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from filmlog.models import Film, Watch, clean_line, clean_text
from filmlog.store import Store
from tests.helpers import stored, stored_raw

# A window title change, a hyperlink, colour, a screen clear, a C1 CSI, a bidi override
# and an isolate: what a hostile export could hide in a title or a review.
OSC_TITLE = "\x1b]0;pwned\x07"
LINK = "\x1b]8;;https://evil.example/\x1b\\"
RED = "\x1b[31m"
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b1;31m"
RLO = "\u202e"
DAY = dt.date(2024, 1, 2)
ISOLATE = "\u2066"
BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\[2J|\[31m|pwned|evil")


def hostile(text: str) -> str:
    return f"{OSC_TITLE}{RED}{text[:2]}{LINK}{C1_CSI}{text[2:]}{RLO}{ISOLATE}{CLEAR}\x00"


def no_codes(data: object) -> None:
    dumped = json.dumps(data, ensure_ascii=False)
    assert not BAD.search(json.loads(json.dumps(dumped))), dumped


@pytest.mark.parametrize(
    ("raw", "line", "text"),
    [
        ("Heat" + RED + "!" + "\x1b[0m", "Heat!", "Heat!"),
        (OSC_TITLE + "Heat", "Heat", "Heat"),
        ("a" + LINK + "b" + "\x1b]8;;\x1b\\", "ab", "ab"),
        ("one\ntwo\tthree", "one two three", "one\ntwo\tthree"),
        ("x" + C1_CSI + "y", "xy", "xy"),
        ("right" + RLO + "left" + "\u202c", "rightleft", "rightleft"),
        ("ok \u200d\u200e\u05d0", "ok \u200d\u200e\u05d0", "ok \u200d\u200e\u05d0"),
        ("bell\x07 and \x1b(B charset", "bell and charset", "bell and  charset"),
        (
            "an unfinished \x1b]0;title\nnext line",
            "an unfinished next line",
            "an unfinished \nnext line",
        ),
    ],
)
def test_cleaning_drops_whole_sequences_not_just_the_escape(raw, line, text):
    assert clean_line(raw) == line
    assert clean_text(raw) == text


def test_letterboxd_import_strips_escapes(cli, journal, tmp_path):
    folder = tmp_path / "lbx"
    folder.mkdir()
    rows = [
        ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"],
        ["2024-01-03", hostile("Heat"), "1995", "", "4", "", hostile("35mm"), "2024-01-02"],
    ]
    reviews = [
        ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags",
         "Watched Date"],
        ["2024-01-03", hostile("Heat"), "1995", "", "4", "",
         "Line one " + hostile("bold") + "\n\nLine &#x202e;two&#8294;", "", "2024-01-02"],
    ]  # fmt: skip
    for name, table in (("diary.csv", rows), ("reviews.csv", reviews)):
        out = io.StringIO()
        csv.writer(out).writerows(table)
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
    result = cli("import", "letterboxd", str(folder))
    assert result.code == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    data = stored(journal)
    no_codes(data)
    (film,) = data["films"].values()
    assert film["title"] == "Heat"
    (watch,) = data["watches"].values()
    assert watch["tags"] == ["35mm"]
    assert watch["review"].startswith("Line one bold\n\nLine")


def test_imdb_import_strips_escapes(cli, journal, tmp_path):
    header = (
        "Const,Your Rating,Date Rated,Title,URL,Title Type,Runtime (mins),Year,Genres,Directors"
    )
    out = io.StringIO()
    csv.writer(out).writerow(
        ["tt0113277", "9", "2024-01-01", hostile("Heat"), "", "movie", "170", "1995",
         hostile("Crime"), hostile("Michael Mann")]
    )  # fmt: skip
    path = tmp_path / "ratings.csv"
    path.write_text(header + "\n" + out.getvalue(), encoding="utf-8")
    result = cli("import", "imdb", str(path))
    assert result.code == 0, result.stderr
    data = stored(journal)
    no_codes(data)
    (film,) = data["films"].values()
    assert (film["title"], film["directors"], film["genres"]) == (
        "Heat",
        ["Michael Mann"],
        ["Crime"],
    )


def test_json_import_strips_escapes_and_keeps_the_rest(cli, journal, tmp_path):
    with Store.transaction(journal) as store:
        store.save_film(Film(id="heat-1995", title="Heat", year=1995, notes="Two\n\tlines."))
        store.add_watches([Watch(id=0, film="heat-1995", date=DAY, review="# Mann\n\nGood.")])
    assert cli("export", "--format", "json", "--out", str(tmp_path / "clean.json")).code == 0
    exported = json.loads((tmp_path / "clean.json").read_text(encoding="utf-8"))
    exported["films"]["1"]["title"] = hostile("Heat")
    exported["films"]["1"]["notes"] = "Two\n\t" + RED + "lines." + RLO
    exported["watches"]["1"]["review"] = "# Mann" + CLEAR + "\n\nGood."
    exported["watches"]["1"]["tags"] = [hostile("tag")]
    hostile_file = tmp_path / "hostile.json"
    hostile_file.write_text(json.dumps(exported), encoding="utf-8")
    target = tmp_path / "restored.json"
    result = cli("--db", str(target), "import", "json", str(hostile_file))
    assert result.code == 0, result.stderr
    data = stored(target)
    no_codes(data)
    assert data["films"]["heat-1995"]["title"] == "Heat"
    assert data["films"]["heat-1995"]["notes"] == "Two\n\tlines."
    assert data["watches"]["1"]["review"] == "# Mann\n\nGood."
    assert data["watches"]["1"]["tags"] == ["tag"]
    # A clean export still comes back byte for byte.
    again = tmp_path / "again.json"
    assert cli("--db", str(again), "import", "json", str(tmp_path / "clean.json")).code == 0
    assert stored_raw(again) == stored_raw(journal)


def hostile_journal(journal: Path) -> None:
    """A journal holding escape codes (written by an older filmlog, or by hand)."""
    with Store.transaction(journal) as store:
        store.save_film(
            Film(id="heat-1995", title=hostile("Heat"), year=1995, directors=(hostile("Mann"),))
        )
        store.add_watches(
            [
                Watch(
                    id=0,
                    film="heat-1995",
                    date=DAY,
                    where=hostile("Prince Charles"),
                    tags=(hostile("35mm"),),
                    review="Para one." + CLEAR + "\n\n" + hostile("Para two."),
                )
            ]
        )


@pytest.mark.parametrize("fmt", ["markdown", "csv", "letterboxd"])
def test_exports_leave_escapes_out(cli, journal, fmt):
    hostile_journal(journal)
    result = cli("export", "--format", fmt)
    assert result.code == 0, result.stderr
    assert not BAD.search(result.stdout), result.stdout
    assert "Heat" in result.stdout and "Para two." in result.stdout
