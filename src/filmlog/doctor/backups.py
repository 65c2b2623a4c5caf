"""The journal's backups: what each holds, the one to restore, and putting it back.

A backup is loaded as strictly as a journal about to be written: one that would not load
is listed with what is wrong, and never restored. ``restore`` puts a backup back
under the journal's lock, after keeping the current file (even a damaged one) as a
backup itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec
import orjson

from filmlog import paths, store
from filmlog.doctor.problems import _COUNTERS, _invalid_documents
from filmlog.errors import JournalError, JournalUnreadable, JournalWriteFailed, NotFound


class BackupInfo(msgspec.Struct, frozen=True):
    """A backup file: when it was taken and what it holds (or why it does not load)."""

    path: Path
    taken: dt.datetime
    size: int
    films: int | None = None
    watches: int | None = None
    error: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def loads(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "taken": self.taken.isoformat(timespec="seconds"),
            "bytes": self.size,
            "films": self.films,
            "watches": self.watches,
            "error": self.error,
        }


def describe_backups(journal: Path) -> list[BackupInfo]:
    """Every backup of the journal, newest first, with what each holds."""
    return [describe_backup(b.path, b.taken) for b in store.list_backups(journal)]


def describe_backup(path: Path, taken: dt.datetime) -> BackupInfo:
    """One backup: its size and counts, or why it does not load."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return BackupInfo(path, taken, 0, error=f"cannot be read ({exc.strerror})")
    try:
        data = load_backup(raw)
    except JournalUnreadable as exc:
        return BackupInfo(path, taken, len(raw), error=exc.message)
    return BackupInfo(path, taken, len(raw), len(data["films"]), len(data["watches"]))


def load_backup(raw: bytes) -> dict[str, Any]:
    """Parse a backup as strictly as a journal that is about to be written.

    Raises JournalUnreadable whose message says, in a few words, what is wrong.
    """
    if not raw.strip():
        raise JournalUnreadable("is empty")
    if raw.startswith(store.BOM):
        raise JournalUnreadable("starts with a byte-order mark")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise JournalUnreadable("is not valid JSON (it may be truncated)") from None
    checked, _ = store.migrate(store.check_shape(data, JournalUnreadable))
    for problem in _invalid_documents(checked):
        raise JournalUnreadable(problem.message)
    return checked


def find_backup(journal: Path, wanted: str | None) -> BackupInfo:
    """The backup to restore: by name or path, or else the newest one that loads."""
    backups = describe_backups(journal)
    if wanted is None:
        for backup in backups:
            if backup.loads:
                return backup
        if backups:
            raise JournalUnreadable(
                f"none of the {len(backups)} backups of {journal} loads",
                "'filmlog doctor' says what is wrong with each",
            )
        raise NotFound(
            f"journal {journal} has no backups yet",
            f"each change keeps one in {paths.backup_dir(journal)}",
        )
    for backup in backups:
        if wanted in (backup.name, backup.path.stem):
            return backup
    given = Path(wanted).expanduser()
    if given.is_file():
        with contextlib.suppress(OSError):
            return describe_backup(given, dt.datetime.fromtimestamp(given.stat().st_mtime))
    raise NotFound(f"no backup called {wanted!r}", "'filmlog doctor' lists the backups")


# --------------------------------------------------------------------------- restoring


class Restored(msgspec.Struct, frozen=True):
    """What ``restore`` did: the backup it put back, and where the replaced file went."""

    backup: BackupInfo
    kept: Path | None


def restore(
    journal: Path,
    backup: BackupInfo,
    on_wait: Callable[[], None] | None = None,
    wanted: str | None = None,
    *,
    recheck: Callable[[BackupInfo], None] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Restored:
    """Put ``backup`` back as the journal, atomically and under the journal's lock.

    ``backup`` is what ``find_backup(journal, wanted)`` chose (and the user agreed to);
    it is chosen again under the lock, and if a change made meanwhile would make it
    another backup, nothing is restored. The current file is kept as a backup first, even
    when it does not load. Id counters never go back: ids handed out since the backup was
    taken are not handed out again. ``on_wait`` is called once if another process keeps
    the lock for a while. ``recheck``, when given, checks the backup again under the
    lock instead (it raises to stop); ``meta`` is kept in the restored _meta record.
    """
    if not backup.loads:
        raise JournalUnreadable(
            f"backup {backup.path} {backup.error}; nothing was restored",
            "pick another with 'filmlog restore NAME' ('filmlog doctor' lists them)",
        )
    with store.journal_lock(journal, on_wait=on_wait) as held:
        if recheck is not None:
            recheck(backup)
        now = backup if recheck is not None else find_backup(journal, wanted)
        if now.path != backup.path:
            raise JournalError(
                f"journal {journal} changed while restore waited: the backup to restore "
                f"would now be {now.name}, not {backup.name}; nothing was restored",
                "run 'filmlog restore' again",
            )
        try:
            raw = backup.path.read_bytes()
            data = load_backup(raw)
        except OSError as exc:
            raise JournalError(f"cannot read backup {backup.path}: {exc.strerror}") from None
        except JournalUnreadable as exc:
            raise JournalUnreadable(
                f"backup {backup.path} {exc.message}; nothing was restored"
            ) from None
        _keep_counters(data, _current_meta(journal))
        # A note an undo left in the backup spoke of the journal it was in, not this one.
        data[store.META]["1"].pop("undo", None)
        data[store.META]["1"].update(meta or {})
        # Written without reading the current file, which may be the damaged one.
        storage = store.JournalStorage(journal, lock=held)
        storage.write(data)
        try:
            kept = storage.flush()
        except JournalWriteFailed as exc:
            raise JournalWriteFailed(
                f"could not restore journal {journal}: {exc.message.split(': ', 1)[-1]}",
                "the journal was not changed",
            ) from None
    return Restored(backup, kept)


def _current_meta(journal: Path) -> dict[str, Any]:
    """The id counters of the journal being replaced; none when it is damaged (a restore
    puts a damaged journal right), but a journal that cannot be read stops the restore."""
    raw = store.read_bytes(journal)
    if raw is None:
        return {}
    try:
        data = store.parse(raw, journal, for_write=False)
    except JournalUnreadable:
        return {}
    record = data[store.META]["1"]
    return record if isinstance(record, dict) else {}


def _keep_counters(data: dict[str, Any], current: Mapping[str, Any]) -> bool:
    record = data[store.META]["1"]
    changed = False
    for counter in _COUNTERS.values():
        now = current.get(counter)
        if isinstance(now, int) and not isinstance(now, bool) and now > record.get(counter, 1):
            record[counter] = now
            changed = True
    return changed


def counts(path: Path) -> tuple[int, int] | None:
    """(films, viewings) in a journal file, or None when it does not load."""
    try:
        raw = store.read_bytes(path)
        if raw is None:
            return None
        data = store.parse(raw, path, for_write=False)
    except (OSError, JournalError):
        return None
    return len(data["films"]), len(data["watches"])
