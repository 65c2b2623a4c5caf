"""Helpers for tests: run the CLI in-process or as a real process, read the journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from typer.testing import CliRunner

from filmlog import models
from filmlog.cli.app import run

REAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def invoke(
    args: Sequence[str], input: str | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run the real CLI entry (with its error boundary) in-process."""
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as (out, err, _):
        try:
            code = run(list(args))
        except SystemExit as exc:  # pragma: no cover - run() returns codes
            code = int(exc.code or 0)
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(code, out.getvalue().decode(), err.getvalue().decode())


def run_process(
    args: Sequence[str],
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m filmlog`` as a real process (for locking, signals, crashes)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "filmlog", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )


# The field each table's documents are known by (a film's slug, a viewing's number...).
KEYS = {"films": "id", "watches": "id", "discs": "id", "watchlist": "film", "lists": "id"}


def stored(journal: Path) -> dict[str, Any]:
    """The journal's data with every document in its full shape, read through the models
    (the file leaves out fields that hold their default; see ``stored_raw``)."""
    data = stored_raw(journal)
    for table, to_doc, from_doc in (
        ("films", models.film_to_doc, models.film_from_doc),
        ("watches", models.watch_to_doc, models.watch_from_doc),
        ("discs", models.disc_to_doc, models.disc_from_doc),
        ("watchlist", models.watchlist_to_doc, models.watchlist_from_doc),
        ("lists", models.list_to_doc, models.list_from_doc),
    ):
        data[table] = {key: to_doc(from_doc(doc)) for key, doc in data[table].items()}
    return data


def stored_raw(journal: Path) -> dict[str, Any]:
    """The journal's documents exactly as written, read with plain TinyDB and its default
    storage, each table keyed by the id users know (film slug, viewing number...)."""
    with TinyDB(journal, access_mode="r") as db:
        data: dict[str, Any] = {"_meta": {"1": dict(db.table("_meta").get(doc_id=1) or {})}}
        for table, key in KEYS.items():
            data[table] = {str(doc[key]): dict(doc) for doc in db.table(table).all()}
    return data


def stored_file(journal: Path) -> dict[str, Any]:
    """The journal file as plain JSON, keyed by TinyDB document ids as it is laid out."""
    return json.loads(journal.read_text(encoding="utf-8"))


def rendered(renderable: Any, width: int = 100, color: bool = False) -> str:
    """What a screen looks like at ``width`` columns, with colour codes or without."""
    from rich.console import Console

    console = Console(
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()
