"""The journal's lock: ``<journal>.lock``, held through ``filelock`` for a whole change."""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from filmlog import paths
from filmlog.errors import InvalidInput, JournalError, JournalLocked
from filmlog.store import faults
from filmlog.store.files import real_path

LOCK_TIMEOUT_S = 60.0
LOCK_NOTICE_AFTER_S = 1.0
_POLL_S = 0.01


class HeldLock:
    """A lock this process holds; it can tell whether its file was swapped meanwhile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity: tuple[int, int] | None = None

    def acquired(self, fd: int) -> None:
        info = os.fstat(fd)
        self.identity = (info.st_dev, info.st_ino)

    def look(self) -> None:
        info = os.stat(self.path)
        self.identity = (info.st_dev, info.st_ino)

    def check(self, journal: Path) -> None:
        """Refuse to go on if the lock file was deleted or replaced while held.

        Another process could then take a lock on the new file and write at the same
        time; the change is abandoned instead, and the journal is left as it was.
        """
        try:
            info = os.stat(self.path)
            now: tuple[int, int] | None = (info.st_dev, info.st_ino)
        except OSError:
            now = None
        if self.identity is not None and now != self.identity:
            raise JournalLocked(
                f"journal {journal}: its lock file {self.path.name} was removed or replaced "
                "while this change held it; nothing was written",
                "leave the .lock file beside the journal alone and try again",
            )


@contextlib.contextmanager
def journal_lock(
    journal: Path, timeout: float | None = None, on_wait: Callable[[], None] | None = None
) -> Iterator[HeldLock]:
    """Hold ``<journal>.lock`` exclusively; the system frees it if the process dies.

    ``timeout`` defaults to FILMLOG_LOCK_TIMEOUT (else 60 s); ``on_wait`` is called once
    when another process has kept us waiting for about a second. The lock file is never
    deleted, so two processes can never hold locks on different files.
    """
    from filelock import FileLock, Timeout, UnixFileLock, WindowsFileLock

    limit = lock_timeout() if timeout is None else timeout
    # Every path to one journal (a symlink, the file itself) must share one lock.
    held = HeldLock(paths.lock_path(real_path(journal)))
    # Native locks (flock, LockFileEx) hand over the locked descriptor; filelock's soft
    # fallback, for systems with neither, does not: its marker file is looked at instead.
    native = issubclass(FileLock, UnixFileLock | WindowsFileLock)
    lock = FileLock(
        held.path,
        mode=0o600,
        thread_local=False,
        poll_interval=_POLL_S,
        on_acquired=held.acquired if native else None,
    )
    started = time.monotonic()
    try:
        journal.parent.mkdir(parents=True, exist_ok=True)
        first = min(LOCK_NOTICE_AFTER_S, limit) if on_wait is not None else limit
        try:
            lock.acquire(timeout=first)
        except Timeout:
            waited = time.monotonic() - started
            if on_wait is None or waited >= limit:
                raise
            on_wait()
            lock.acquire(timeout=max(0.0, limit - (time.monotonic() - started)))
    except Timeout:
        raise JournalLocked(
            f"journal {journal} is busy: gave up after waiting "
            f"{_seconds(time.monotonic() - started)} for another filmlog to finish with it",
            "try again when it has finished",
        ) from None
    except (NotADirectoryError, FileExistsError):
        raise JournalError(
            f"journal {journal} cannot exist: a part of its folder path is a file",
            "choose another --db",
        ) from None
    except OSError as exc:
        raise JournalError(
            f"cannot change journal {journal}: its lock file {held.path.name} "
            f"cannot be opened ({exc.strerror})",
            "is the journal folder writable? reading commands still work",
        ) from None
    try:
        if held.identity is None:
            held.look()
        faults.step("locked")
    except OSError as exc:
        lock.release()
        raise JournalError(f"cannot lock journal {journal}: {exc.strerror}") from None
    try:
        yield held
    finally:
        lock.release()


def lock_timeout() -> float:
    """How long a change waits for the lock: FILMLOG_LOCK_TIMEOUT seconds, else 60."""
    text = os.environ.get("FILMLOG_LOCK_TIMEOUT", "").strip()
    if not text:
        return LOCK_TIMEOUT_S
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InvalidInput(
            f"FILMLOG_LOCK_TIMEOUT={text!r} is not a number of seconds",
            f"give it 0 or more, or unset it to wait {LOCK_TIMEOUT_S:.0f} s",
        )
    return value


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 10 else f"{value:.1f}".removesuffix(".0") + " s"
