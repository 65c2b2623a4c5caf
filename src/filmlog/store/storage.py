"""The journal's TinyDB storage: a strict reader and a writer that cannot lose a journal.

``TinyDB(path, storage=JournalStorage, lock=held)`` is the journal opened for a change:
it reads the file once, strictly (an empty, truncated, non-JSON, wrongly shaped or
newer-schema file is refused, never overwritten), keeps the tables in memory while
TinyDB changes them, and ``flush`` writes the whole journal once: a rolling backup of
the old file, a temp file, fsync, an atomic replace and an fsync of the folder, while
the lock is still held. Without a lock the storage only reads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from filmlog.errors import JournalError, JournalWriteFailed
from filmlog.paths import backup_dir
from filmlog.store import faults, schema
from filmlog.store.files import (
    atomic_write,
    backups_size,
    keep_backup,
    prune_backups,
    read_bytes,
    remove_stale_temps,
    tighten_backups,
)
from filmlog.store.lock import HeldLock
from filmlog.store.schema import META, dump, empty_journal, migrate, parse


class JournalStorage(Storage):
    """TinyDB storage over the journal file; see the module's docstring."""

    def __init__(self, path: Path, lock: HeldLock | None = None) -> None:
        self.path = path
        self.lock = lock
        self._data: dict[str, Any] | None = None
        self.migrated = False
        self.dirty = False
        self.writes = 0  # every change comes through write(): caches compare this

    @property
    def writable(self) -> bool:
        return self.lock is not None

    def read(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._load()
        return self._data

    def _load(self) -> dict[str, Any]:
        raw = read_bytes(self.path)
        if raw is None:
            return empty_journal()
        data = parse(raw, self.path, for_write=self.writable)
        if not self.writable:
            return migrate(data, reading=True)[0]
        _refuse_write_protected(self.path)
        if data[META]["1"]["schema"] < schema.SCHEMA_VERSION:
            keep_backup(self.path)  # before any migration code runs
        data, self.migrated = migrate(data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        if not self.writable:
            raise JournalError("internal: the journal was opened read-only")
        self._data = data
        self.dirty = True
        self.writes += 1

    def flush(self) -> Path | None:
        """Write the journal if anything changed (or an upgrade is due), once.

        Returns the backup kept of the file it replaced, if any.
        """
        if self._data is None or not (self.dirty or self.migrated):
            return None
        assert self.lock is not None
        self.lock.check(self.path)
        kept = persist(self.path, dump(self._data))
        self.dirty = self.migrated = False
        return kept

    def close(self) -> None:
        pass


def persist(path: Path, raw: bytes) -> Path | None:
    """Replace the journal with ``raw`` after keeping the current file as a backup.

    Returns the backup (None when there was no journal yet).

    Call only while holding the journal's lock. On failure the journal is as it was and
    JournalWriteFailed says why.
    """
    kept = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = keep_backup(path)
        try:
            atomic_write(path, raw)
        except BaseException:
            # The journal is unchanged: a backup of it would only crowd out older ones.
            if kept is not None:
                with contextlib.suppress(OSError):
                    kept.unlink()
            raise
    except OSError as exc:
        detail = exc.strerror or str(exc)
        if exc.filename and not str(exc.filename).endswith((path.name, ".tmp")):
            detail += f": {exc.filename}"  # the backups folder, say
        hint = "nothing was changed"
        if exc.errno == errno.ENOSPC:
            hint += f"; the backups in {backup_dir(path)} hold {_size(backups_size(path))}"
        raise JournalWriteFailed(f"could not write journal {path}: {detail}", hint) from None
    with contextlib.suppress(OSError):
        faults.step("prune")
        remove_stale_temps(path)
        prune_backups(path)
        tighten_backups(path)
    return kept


def _refuse_write_protected(path: Path) -> None:
    """A journal the user made read-only is not to be rewritten (root could, regardless)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise JournalError(
            f"journal {path} is write-protected (mode {stat.S_IMODE(mode):o}); nothing was changed",
            f"make it writable (chmod u+w {path}) to change it; reading commands still work",
        )


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1000:
            return f"{count} {unit}"
        count //= 1000
    return f"{count} GB"
