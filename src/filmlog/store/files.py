"""Files that cannot be half-written: atomic replace, folder fsync, rolling backups.

Used for the journal (through :class:`filmlog.store.storage.JournalStorage`) and for
every file an export writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path

import msgspec

from filmlog import paths
from filmlog.errors import JournalError
from filmlog.store import faults

KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 30


def real_path(path: Path) -> Path:
    """The file a path names once every symlink is followed (the file that is changed)."""
    return Path(os.path.realpath(path))


def read_bytes(path: Path) -> bytes | None:
    """The journal's bytes, or None when it does not exist yet."""
    try:
        faults.step("read")
        # Not blocking on a FIFO, and never reading a device without end.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise JournalError(
                    f"journal {path} is not a regular file (a device, pipe or socket)",
                    "choose another --db",
                )
            return file.read()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise JournalError(
            f"journal {path} cannot exist: a part of its folder path is a file",
            "choose another --db",
        ) from None
    except IsADirectoryError:
        raise JournalError(
            f"journal {path} is a folder, not a file", "choose another --db"
        ) from None
    except OSError as exc:
        raise JournalError(f"cannot read journal {path}: {exc.strerror}") from None


# --------------------------------------------------------------------------- atomic write


def atomic_write(target: Path, raw: bytes, *, follow_link: bool = True) -> None:
    """Write ``raw`` to ``target`` so that a crash leaves the old file or the new one.

    A file that exists keeps its permission bits (a journal shared with a group stays
    shared); a new one is private. ``follow_link``: through a symlink (a journal kept in
    a synced folder) the file it names is replaced; without it (an export) a symlink at
    ``target`` is itself replaced, and nothing is ever written through one.
    """
    if follow_link:
        target = real_path(target)
    folder = target.parent
    try:
        info: os.stat_result | None = os.lstat(target)
    except OSError:
        info = None
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise IsADirectoryError(
            errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL,
            "it is a folder" if stat.S_ISDIR(info.st_mode) else "it is not a regular file",
        )
    mode = stat.S_IMODE(info.st_mode) if info is not None and stat.S_ISREG(info.st_mode) else None
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    fd = -1
    created = False
    try:
        faults.step("tmp-open")
        # Never through a link someone planted at the temp name: a temp file of ours
        # left by a killed process is removed, anything else there makes the write fail.
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.lstat(tmp).st_mode):
                tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        created = True
        if mode is not None and mode != 0o600 and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        faults.step("tmp-write")
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        faults.step("tmp-fsync")
        os.fsync(fd)
        faults.step("tmp-close")
        os.close(fd)
        fd = -1
        faults.step("replace")
        os.replace(tmp, target)
        if not follow_link:
            remove_dead_temps(target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    fsync_dir(folder)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def temp_files(target: Path) -> list[Path]:
    """Temp files ``atomic_write`` left beside ``target`` when a process was killed."""
    real = real_path(target)
    pattern = re.compile(rf"^\.{re.escape(real.name)}\.\d+\.tmp$")
    try:
        return sorted(real.parent / n for n in os.listdir(real.parent) if pattern.match(n))
    except OSError:
        return []


def remove_stale_temps(journal: Path) -> None:
    """Delete temp files of killed writers (call only while holding the journal's lock)."""
    for tmp in temp_files(journal):
        with contextlib.suppress(OSError):
            tmp.unlink()


def remove_dead_temps(target: Path) -> None:
    """Delete temp files beside an export's ``target`` left by writers that were killed.

    Exports take no lock, so only a temp file whose process no longer runs is removed
    (checked where the system can say so without harm: not on Windows, whose os.kill
    ends the process).
    """
    if os.name != "posix":
        return
    for tmp in temp_files(target):
        pid = int(tmp.name.rsplit(".", 2)[-2])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                tmp.unlink()
        except OSError:
            pass  # alive, another user's


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        faults.step("dir-fsync")
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# --------------------------------------------------------------------------- backups


class Backup(msgspec.Struct, frozen=True):
    """A backup file of the journal and when it was taken."""

    path: Path
    taken: dt.datetime


_BACKUP_NAME = re.compile(r"^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{6})(?:-\d+)?\.json$")


def list_backups(journal: Path) -> list[Backup]:
    """The journal's backups, newest first."""
    folder = paths.backup_dir(journal)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        match = _BACKUP_NAME.match(name)
        if match:
            # Not strptime: its first use costs every change 3 ms of imports and set-up.
            try:
                year, month, day, hour, minute, second, micro = map(int, match.groups())
                taken = dt.datetime(year, month, day, hour, minute, second, micro)
            except ValueError:  # not a real time: not a name this program gave
                continue
            found.append(Backup(folder / name, taken))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _backup_target(journal: Path) -> Path:
    folder = paths.backup_dir(journal)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S.%f")
    target = folder / f"{stamp}.json"
    n = 1
    while target.exists():
        target = folder / f"{stamp}-{n}.json"
        n += 1
    return target


def keep_backup(journal: Path) -> Path | None:
    """Keep the current journal file as a backup (a hard link: no copy, no extra space).

    Through a symlink, the backup is of the file the link names, never of the link.
    """
    source = real_path(journal)
    if not source.exists():
        return None
    folder = paths.backup_dir(journal)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = _backup_target(journal)
    faults.step("backup")
    try:
        os.link(source, target, follow_symlinks=True)
    except (OSError, NotImplementedError):
        _copy_durably(source, target)
    return target


def _copy_durably(source: Path, target: Path) -> None:
    raw = source.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        # A short copy (disk full) must not stay behind to be offered as a backup.
        os.close(fd)
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    os.close(fd)


def prune_backups(journal: Path) -> None:
    """Keep the newest backups and one a day for a month; delete the rest."""
    keep_days: set[dt.date] = set()
    for index, backup in enumerate(list_backups(journal)):
        day = backup.taken.date()
        if index < KEEP_RECENT_BACKUPS:
            keep_days.add(day)
            continue
        if day not in keep_days and len(keep_days) < KEEP_DAILY_BACKUPS + KEEP_RECENT_BACKUPS:
            keep_days.add(day)
            continue
        with contextlib.suppress(OSError):
            backup.path.unlink()


def backups_size(journal: Path) -> int:
    """Bytes the journal's backups take (a hard-linked backup counted in full)."""
    total = 0
    for backup in list_backups(journal):
        with contextlib.suppress(OSError):
            total += backup.path.stat().st_size
    return total


def tighten_backups(journal: Path) -> None:
    """Backups are never readable by more people than the journal is now."""
    try:
        allowed = stat.S_IMODE(os.stat(journal).st_mode)
    except OSError:
        return
    for backup in list_backups(journal):
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.lstat(backup.path).st_mode)
            if mode & ~allowed:
                os.chmod(backup.path, mode & allowed)
