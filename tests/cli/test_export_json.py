"""``export --format json`` and ``import json``: a lossless round trip, checked before writing."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmlog.models import (
    CastMember,
    Disc,
    Film,
    FilmIds,
    Scores,
    Watch,
    WatchlistItem,
    clean_line,
    full_doc,
    without_terminal_codes,
)
from filmlog.store import Store, dump, list_backups
from tests.export_support import build_complete_journal
from tests.helpers import run_process, stored_file, stored_raw


def in_full(journal: Path) -> dict:
    """The journal file's data, every document with the fields it leaves out put back."""
    data = stored_file(journal)
    for table in ("films", "watches", "discs", "watchlist"):
        data[table] = {key: full_doc(table, doc) for key, doc in data[table].items()}
    return data


def export_json(cli, db: Path, out: Path) -> bytes:
    result = cli("--db", str(db), "export", "--format", "json", "--out", str(out))
    assert result.code == 0, result.stderr
    return out.read_bytes()


def test_the_export_is_the_journal_itself_with_every_document_in_full(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "--format", "json")
    assert result.code == 0, result.stderr
    # The journal's own data and encoding, each document with every field of the model.
    assert result.stdout.encode() == dump(in_full(journal))
    exported = result.json()
    assert exported["_meta"] == stored_raw(journal)["_meta"]
    assert stored_raw(journal)["watches"]["3"].keys() == {"id", "film", "date", "logged"}
    watch = exported["watches"]["3"]
    assert watch["spoilers"] is False and watch["disc"] is None and watch["with"] == []
    assert exported["discs"]["1"]["purchased"].keys() == {"date", "price", "shop"}


def test_import_into_an_empty_journal_then_export_again_is_identical(cli, journal, tmp_path):
    build_complete_journal(journal)
    first = export_json(cli, journal, tmp_path / "backup.json")
    fresh = tmp_path / "fresh" / "journal.json"
    result = cli("--db", str(fresh), "import", "json", str(tmp_path / "backup.json"))
    assert result.code == 0, result.stderr
    source = tmp_path / "backup.json"
    assert result.stdout == (
        f"Restored 2 films, 3 viewings, 1 disc, 1 watchlist entry and 0 lists from {source}.\n"
    )
    assert fresh.read_bytes() == journal.read_bytes()
    assert export_json(cli, fresh, tmp_path / "again.json") == first
    shown = cli("--db", str(fresh), "show", "Leaving Las Vegas", "--json").json()
    assert shown["discs"][0]["label"] == "Arrow Video"


def test_import_refuses_a_journal_that_is_not_empty(cli, journal, tmp_path):
    build_complete_journal(journal)
    backup = tmp_path / "backup.json"
    export_json(cli, journal, backup)
    assert cli("add", "Thief", "--year", "1981").code == 0
    before = journal.read_bytes()
    result = cli("import", "json", str(backup))
    assert result.code == 1
    assert result.stderr.startswith(f"error: journal {journal} is not empty; nothing was imported")
    assert "--replace" in result.stderr
    assert journal.read_bytes() == before


def test_replace_keeps_the_journal_it_replaces(cli, journal, tmp_path):
    build_complete_journal(journal)
    original = journal.read_bytes()
    backup = tmp_path / "backup.json"
    export_json(cli, journal, backup)
    assert cli("add", "Thief", "--year", "1981").code == 0
    before = journal.read_bytes()
    result = cli("import", "json", str(backup), "--replace")
    assert result.code == 0, result.stderr
    assert journal.read_bytes() == original
    kept = list_backups(journal)[0].path
    assert kept.read_bytes() == before
    assert f"kept as {kept}" in result.stderr


def test_dry_run_checks_and_writes_nothing(cli, journal, tmp_path):
    build_complete_journal(journal)
    backup = tmp_path / "backup.json"
    export_json(cli, journal, backup)
    fresh = tmp_path / "fresh.json"
    result = cli("--db", str(fresh), "import", "json", str(backup), "--dry-run", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["films"] == 2
    assert result.json()["written"] is False
    assert not fresh.exists()


def test_stdin_works_too(cli, journal, tmp_path):
    build_complete_journal(journal)
    raw = journal.read_bytes()
    fresh = tmp_path / "fresh.json"
    result = cli("--db", str(fresh), "import", "json", "-", input=raw.decode())
    assert result.code == 0, result.stderr
    assert fresh.read_bytes() == raw


def damaged(journal: Path, tmp_path: Path, change) -> Path:
    data = json.loads(journal.read_text())
    change(data)
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data))
    return path


def set_rating(data):
    data["watches"]["1"]["rating"] = 7


def doc_id_of(data, slug):
    return next(n for n, doc in data["films"].items() if doc["id"] == slug)


def wrong_key(data):
    data["films"]["other-id"] = data["films"].pop(doc_id_of(data, "heat-1995"))


def same_id_twice(data):
    data["watches"]["99"] = dict(data["watches"]["1"])


def low_counter(data):
    data["_meta"]["1"]["next_watch"] = 2


def bad_disc_date(data):
    data["discs"]["1"]["released"] = "22/05/2023"


def newer_schema(data):
    data["_meta"]["1"]["schema"] = 99


def string_id(data):
    data["watches"]["1"]["id"] = "1"


def test_every_document_is_checked_before_anything_is_written(cli, journal, tmp_path):
    build_complete_journal(journal)
    fresh = tmp_path / "fresh.json"
    for change, message in (
        (set_rating, "viewing 1: 'rating' should be a rating from 0.5 to 5"),
        (wrong_key, "has a 'films' document whose id 'other-id' is not a number"),
        (same_id_twice, "watches documents 1 and 99 both have the id 1"),
        (low_counter, "'next_watch' is 2, but a viewing has id 3"),
        (bad_disc_date, "disc 1: 'released' should be a date"),
        (newer_schema, "was written by a newer filmlog"),
        (string_id, "viewing '1': 'id' should be a whole number"),
    ):
        path = damaged(journal, tmp_path, change)
        result = cli("--db", str(fresh), "import", "json", str(path))
        assert result.code == 2, (message, result.stderr)
        assert message in result.stderr
        assert "nothing was imported" in result.stderr
        assert not fresh.exists()


def test_files_that_are_not_exports_are_refused(cli, tmp_path, journal):
    cases = {
        "empty.json": (b"", "is empty"),
        "cut.json": (b'{"films": {', "is not valid JSON"),
        "list.json": (b"[]", "is not a filmlog journal"),
        "other.json": (b'{"name": "x"}', "is not a filmlog journal"),
    }
    for name, (raw, message) in cases.items():
        (tmp_path / name).write_bytes(raw)
        result = cli("import", "json", str(tmp_path / name))
        assert result.code == 2, result.stderr
        assert message in result.stderr
    missing = cli("import", "json", str(tmp_path / "nope.json"))
    assert missing.code == 1 and "does not exist" in missing.stderr
    folder = cli("import", "json", str(tmp_path))
    assert folder.code == 2
    assert not journal.exists()


def test_references_to_missing_things_are_kept_and_reported(cli, journal, tmp_path):
    build_complete_journal(journal)
    path = damaged(journal, tmp_path, lambda d: d["films"].pop(doc_id_of(d, "heat-1995")))
    fresh = tmp_path / "fresh.json"
    result = cli("--db", str(fresh), "import", "json", str(path))
    assert result.code == 0, result.stderr
    assert "viewing #3 names film 'heat-1995'" in result.stderr
    assert json.loads(fresh.read_text())["watches"]["3"]["film"] == "heat-1995"


def test_json_export_is_never_of_one_film(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "Heat", "--format", "json")
    assert result.code == 2
    assert "always the whole journal" in result.stderr


def test_round_trip_in_real_processes(journal, tmp_path):
    build_complete_journal(journal)
    out = tmp_path / "backup.json"
    exported = run_process(["export", "-f", "json", "-o", str(out)])
    assert exported.returncode == 0, exported.stderr
    fresh = tmp_path / "fresh.json"
    restored = run_process(["--db", str(fresh), "import", "json", str(out)])
    assert restored.returncode == 0, restored.stderr
    assert fresh.read_bytes() == journal.read_bytes()
    assert out.read_bytes() == dump(in_full(journal))


# --------------------------------------------------------------------------- property

HOSTILE = [
    "<b>Bold</b>",
    "[REC]²",
    "*batteries not included",
    "# Hashtag | Pipe",
    "Heat [/] x",
    "\x00\x01\x1b[31m\x7f",
    "\r\n\t\u2028\u2029\ufeff",
    '"quoted" \\ backslash',
    "🎬😢👩‍👩‍👧",
    "Salò, or the 120 Days of Sodom",
    "---\ntitle: injected\n---",
]
# What a journal can hold: every way in (commands, imports) takes terminal escape codes
# out, and control characters out of one-line texts.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(HOSTILE),
).map(clean_line)
NONEMPTY = TEXT.filter(bool)
LONG = st.builds(
    lambda s, n: without_terminal_codes(s * n),
    st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(HOSTILE)),
    st.integers(1, 4000),
)
TEXTS = st.lists(TEXT, max_size=3).map(tuple)


@st.composite
def journals(draw):
    films = []
    for n in range(draw(st.integers(1, 4))):
        films.append(
            Film(
                id=f"film-{n}",
                title=draw(NONEMPTY),
                year=draw(st.none() | st.integers(1870, 2200)),
                aka=draw(TEXTS),
                directors=draw(TEXTS),
                cast=tuple(
                    CastMember(draw(NONEMPTY), draw(TEXT)) for _ in range(draw(st.integers(0, 2)))
                ),
                synopsis=draw(st.none() | LONG),
                ids=FilmIds(imdb=draw(st.none() | TEXT), letterboxd=draw(st.none() | TEXT)),
                rating=draw(st.none() | st.sampled_from([0.5, 3, 4.5, 5])),
                notes=draw(st.none() | TEXT),
            )
        )
    discs = [
        Disc(
            id=0,
            films=(films[0].id,),
            label=draw(st.none() | TEXT),
            extras=draw(TEXTS),
            pros=draw(TEXTS),
            verdict=draw(st.none() | TEXT),
            scores=Scores(film=draw(st.none() | st.sampled_from([1.0, 4.5]))),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    watches = [
        Watch(
            id=0,
            film=draw(st.sampled_from(films)).id,
            date=draw(st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))),
            logged=draw(TEXT),
            rating=draw(st.none() | st.sampled_from([0.5, 2, 3.5, 5])),
            where=draw(st.none() | TEXT),
            with_=draw(TEXTS),
            tags=draw(TEXTS),
            review=draw(st.none() | LONG),
            source=draw(st.none() | TEXT),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    listed = [WatchlistItem(films[-1].id, dt.date(2024, 1, 1), draw(st.none() | TEXT))]
    return films, discs, watches, listed


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(journals())
def test_export_import_export_is_the_identity(cli, content):
    films, discs, watches, listed = content
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        original = root / "original.json"
        with Store.transaction(original) as store:
            store.save_films(films)
            for disc in discs:
                store.add_disc(disc)
            store.add_watches(watches)
            store.save_watchlist_items(listed)
        first = export_json(cli, original, root / "first.json")
        assert first == dump(in_full(original))
        restored = root / "restored.json"
        result = cli("--db", str(restored), "import", "json", str(root / "first.json"))
        assert result.code == 0, result.stderr
        assert restored.read_bytes() == original.read_bytes()
        assert export_json(cli, restored, root / "second.json") == first
        assert Store.open(restored).films() == Store.open(original).films()
        assert Store.open(restored).watches() == Store.open(original).watches()
