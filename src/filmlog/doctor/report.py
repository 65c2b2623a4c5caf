"""``filmlog doctor``: the journal checked thoroughly, its backups described.

``check`` goes further than the load every command makes: it validates every document
against the model, follows every reference between films, viewings and discs, looks for
ids given twice and for counters that would hand out an id again (see ``problems``), and
describes each backup (see ``backups``). It notes what is odd but not wrong, such as the
temp files of an interrupted write.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmlog import store
from filmlog.doctor.backups import BackupInfo, describe_backups
from filmlog.doctor.problems import Problem, check_data, duplicate_keys
from filmlog.errors import JournalError
from filmlog.models import count


@dataclass(slots=True)
class Report:
    """What ``filmlog doctor`` found."""

    journal: Path
    exists: bool
    size: int | None = None
    schema: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    backups: list[BackupInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "journal": str(self.journal),
            "exists": self.exists,
            "ok": self.ok,
            "bytes": self.size,
            "schema": self.schema,
            "counts": self.counts,
            "problems": [p.to_json() for p in self.problems],
            "notes": self.notes,
            "backups": [b.to_json() for b in self.backups],
        }


def check(journal: Path) -> Report:
    """Check the journal file and describe its backups. Reads only; takes no lock."""
    report = Report(journal=journal, exists=False)
    report.backups = describe_backups(journal)
    leftovers = store.temp_files(journal)
    if leftovers:
        report.notes.append(
            f"{count(len(leftovers), 'temp file')} left by an interrupted write "
            f"(e.g. {leftovers[0].name}); the next change removes them"
        )
    try:
        raw = store.read_bytes(journal)
    except JournalError as exc:
        report.problems.append(Problem("unreadable", str(exc)))
        return report
    if raw is None:
        report.notes.append("the journal does not exist yet; the first change creates it")
        return report
    report.exists = True
    report.size = len(raw)
    with contextlib.suppress(OSError):
        if journal.stat().st_nlink > 1:
            report.notes.append(
                "the journal file has another name (a hard link): each change writes a new "
                "file, so that other name keeps the old journal; link with a symlink instead"
            )
    data = _load_for_check(raw, journal, report)
    if data is None:
        return report
    record = data[store.META]["1"]
    report.schema = record["schema"]
    if report.schema < store.SCHEMA_VERSION:
        report.notes.append(
            f"schema {report.schema}: the next change upgrades it (after keeping a backup)"
        )
    report.counts = {name: len(data[name]) for name in store.TABLES}
    report.problems.extend(check_data(store.migrate(data, reading=True)[0]))
    report.problems.extend(duplicate_keys(raw))
    return report


def _load_for_check(raw: bytes, journal: Path, report: Report) -> dict[str, Any] | None:
    try:
        return store.parse(raw, journal, for_write=True)
    except JournalError as exc:
        report.problems.append(Problem("unreadable", str(exc)))
    # A byte-order mark or a repeated id stops writes, not reads: check the rest anyway.
    try:
        return store.parse(raw, journal, for_write=False)
    except JournalError:
        return None
