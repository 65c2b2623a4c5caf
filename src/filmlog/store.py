"""The journal file: TinyDB on a storage that cannot lose what the user wrote.

Every change runs inside :meth:`Store.transaction`, which

1. takes an exclusive lock on a separate ``<journal>.lock`` file for the whole
   read-change-write (the lock file is never deleted, so two processes can never hold
   locks on different inodes);
2. reads the journal strictly: an empty, truncated, non-JSON, wrongly shaped or
   newer-schema file is refused, never overwritten;
3. changes the data in memory only (documents in place; TinyDB for the meta record);
4. on success writes the whole journal once: a temp file in the same folder, fsync,
   a hard link of the old journal into the rolling backups, an atomic replace, an
   fsync of the folder.

Readers take no lock: the replace is atomic, so they see the old or the new file.
This is the only module that imports TinyDB, and it hands out models, never documents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import itertools
import math
import operator
import os
import re
import stat
import time
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from filmlog import paths
from filmlog.errors import (
    InvalidInput,
    JournalError,
    JournalLocked,
    JournalUnreadable,
    JournalWriteFailed,
)
from filmlog.models import (
    Disc,
    Film,
    Watch,
    WatchlistItem,
    compact_doc,
    disc_from_doc,
    disc_to_doc,
    film_from_doc,
    film_to_doc,
    model,
    slugify,
    title_keys,
    watch_from_doc,
    watch_to_doc,
    watchlist_from_doc,
    watchlist_to_doc,
)

SCHEMA_VERSION = 2
META = "_meta"
TABLES = ("films", "watches", "discs", "watchlist")
BOM = b"\xef\xbb\xbf"
KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 30
LOCK_TIMEOUT_S = 60.0
LOCK_NOTICE_AFTER_S = 1.0


def _compact_documents(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2: documents leave out the fields that hold their default."""
    for name in TABLES:
        data[name] = {key: compact_doc(name, doc) for key, doc in data[name].items()}
    data[META]["1"]["schema"] = 2
    return data


# Migrations take the parsed journal of version N and return version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _compact_documents}
# Versions whose documents are already valid in the next one (it only stores them in
# less space): reading skips those migrations, the first change runs them.
READ_AS_NEXT: frozenset[int] = frozenset({1})


# --------------------------------------------------------------------------- fault hook

# Tests set FILMLOG_FAULTS to crash, fail or stall a write at a named step, the way
# SQLite's test suite injects I/O errors. Unset (always, for users) it costs one lookup.
# Forms: "fail@N" (EIO at the Nth file operation), "enospc@N", "kill@STEP" (SIGKILL
# this process at a step), "pause@STEP" (print the step on stderr and sleep).
_fault_counter = [0]


def _step(name: str) -> None:
    spec = os.environ.get("FILMLOG_FAULTS")
    if not spec:
        return
    _fault_counter[0] += 1
    for rule in spec.split(","):
        action, _, where = rule.partition("@")
        if where not in (name, str(_fault_counter[0])):
            continue
        if action == "fail":
            raise OSError(errno.EIO, f"injected I/O error at {name}")
        if action == "enospc":
            raise OSError(errno.ENOSPC, f"injected disk full at {name}")
        if action == "kill":
            import signal

            os.kill(os.getpid(), signal.SIGKILL)
        if action == "pause":
            os.write(2, f"paused at {name}\n".encode())
            time.sleep(3600)


# --------------------------------------------------------------------------- load / dump


def empty_journal() -> dict[str, Any]:
    """The data of a journal with nothing in it."""
    data: dict[str, Any] = {name: {} for name in TABLES}
    data[META] = {"1": {"schema": SCHEMA_VERSION, "next_watch": 1, "next_disc": 1}}
    return data


def dump(data: dict[str, Any]) -> bytes:
    """The journal's bytes: UTF-8 JSON, indented, keys sorted, so it diffs well."""
    return orjson.dumps(
        data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


def parse(raw: bytes, path: Path, *, for_write: bool) -> dict[str, Any]:
    """Parse and check a journal's bytes; refuse anything that is not a journal."""

    def refuse(why: str) -> JournalUnreadable:
        return JournalUnreadable(f"journal {path} {why}; it was left untouched", _backup_hint(path))

    if not raw or raw.isspace():  # strip() would copy a large journal
        raise refuse("is empty")
    if raw.startswith(BOM):
        if for_write:
            raise refuse("starts with a byte-order mark (an editor added it)")
        raw = raw[len(BOM) :]
    # The cyclic collector would walk every parsed object several times over while
    # a large journal is built; nothing parsed here forms cycles.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise refuse(
            f"is not valid JSON ({exc.args[0].split(':')[0]}); it may be truncated"
        ) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return check_shape(data, refuse)


def check_shape(data: object, refuse: Callable[[str], JournalError]) -> dict[str, Any]:
    """The cheap structural check every load makes; the full one is ``filmlog doctor``."""
    if not isinstance(data, dict):
        raise refuse("is not a filmlog journal (not a JSON object)")
    meta = data.get(META)
    record = meta.get("1") if isinstance(meta, dict) else None
    schema = record.get("schema") if isinstance(record, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise refuse("is not a filmlog journal (no schema version)")
    if schema < 1:
        raise refuse(f"has an impossible schema version ({schema})")
    if schema > SCHEMA_VERSION:
        raise refuse(
            f"was written by a newer filmlog (schema {schema}, this one reads {SCHEMA_VERSION})"
        )
    unknown = sorted(set(data) - {META, *TABLES})
    if unknown:
        raise refuse(f"is not a filmlog journal (unknown table {unknown[0]!r})")
    for name in TABLES:
        table = data.setdefault(name, {})
        # map() runs isinstance over a large table in C
        if not isinstance(table, dict) or not all(map(isinstance, table.values(), _DICTS)):
            raise refuse(f"has a damaged {name!r} table")
    return data


_DICTS = itertools.repeat(dict)


def migrate(data: dict[str, Any], *, reading: bool = False) -> tuple[dict[str, Any], bool]:
    """Bring older journals up to SCHEMA_VERSION; returns (data, whether it changed).

    ``reading`` (data that will not be written back) skips the migrations in READ_AS_NEXT.
    """
    record = data[META]["1"]
    start = record["schema"]
    while record["schema"] < SCHEMA_VERSION:
        if reading and record["schema"] in READ_AS_NEXT:
            record["schema"] += 1
            continue
        data = MIGRATIONS[record["schema"]](data)
        record = data[META]["1"]
    return data, record["schema"] != start


def _backup_hint(path: Path) -> str:
    newest = newest_backup(path)
    if newest is None:
        return "no backup exists yet"
    return f"newest backup: {newest}; 'filmlog restore' puts it back"


# --------------------------------------------------------------------------- backups


@model
class Backup:
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


def newest_backup(journal: Path) -> Path | None:
    """The most recent backup of the journal that loads, if any.

    ``restore`` keeps even a damaged journal as a backup; that one is never offered.
    """
    for backup in list_backups(journal):
        try:
            check_shape(orjson.loads(backup.path.read_bytes()), JournalUnreadable)
        except (OSError, orjson.JSONDecodeError, JournalError):
            continue
        return backup.path
    return None


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
    """Keep the current journal file as a backup (a hard link: no copy, no extra space)."""
    if not journal.exists():
        return None
    folder = paths.backup_dir(journal)
    folder.mkdir(parents=True, exist_ok=True)
    target = _backup_target(journal)
    _step("backup")
    try:
        os.link(journal, target)
    except OSError:
        _copy_durably(journal, target)
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


# --------------------------------------------------------------------------- atomic write


def atomic_write(target: Path, raw: bytes) -> None:
    """Write ``raw`` to ``target`` so that a crash leaves the old file or the new one.

    Used for the journal and for every file an export writes. A file that exists keeps
    its permission bits (a journal shared with a group stays shared); a new one is private.
    """
    # Through a symlink (a journal kept in a synced folder), replace the file it names.
    target = Path(os.path.realpath(target))
    folder = target.parent
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    fd = -1
    try:
        _step("tmp-open")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if mode is not None and mode != 0o600 and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        _step("tmp-write")
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        _step("tmp-fsync")
        os.fsync(fd)
        _step("tmp-close")
        os.close(fd)
        fd = -1
        _step("replace")
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def temp_files(target: Path) -> list[Path]:
    """Temp files ``atomic_write`` left beside ``target`` when a process was killed."""
    real = Path(os.path.realpath(target))
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


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        _step("dir-fsync")
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# --------------------------------------------------------------------------- lock


@contextlib.contextmanager
def journal_lock(
    journal: Path, timeout: float | None = None, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold ``<journal>.lock`` exclusively; the kernel frees it if the process dies.

    ``timeout`` defaults to FILMLOG_LOCK_TIMEOUT (else 60 s); ``on_wait`` is called once
    when another process has kept us waiting for about a second.
    """
    import fcntl

    limit = lock_timeout() if timeout is None else timeout
    # Every path to one journal (a symlink, the file itself) must share one lock.
    lock_file = paths.lock_path(Path(os.path.realpath(journal)))
    try:
        journal.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    except (NotADirectoryError, FileExistsError):
        raise JournalError(
            f"journal {journal} cannot exist: a part of its folder path is a file",
            "choose another --db",
        ) from None
    except OSError as exc:
        raise JournalError(
            f"cannot change journal {journal}: its lock file {lock_file.name} "
            f"cannot be opened ({exc.strerror})",
            "is the journal folder writable? reading commands still work",
        ) from None
    try:
        started = time.monotonic()
        deadline = started + limit
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                _step("locked")
                break
            except BlockingIOError:
                now = time.monotonic()
                if now >= deadline:
                    raise JournalLocked(
                        f"journal {journal} is busy: gave up after waiting "
                        f"{_seconds(now - started)} for another filmlog to finish with it",
                        "try again when it has finished",
                    ) from None
                if on_wait is not None and now - started >= LOCK_NOTICE_AFTER_S:
                    on_wait()
                    on_wait = None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            except OSError as exc:
                raise JournalError(f"cannot lock journal {journal}: {exc.strerror}") from None
        yield
    finally:
        os.close(fd)


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


# --------------------------------------------------------------------------- TinyDB glue


class _MemoryStorage(Storage):
    """TinyDB storage over the parsed journal; the Store decides when it reaches disk."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = False
        self.writes = 0  # every change comes through write(): caches compare this

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True
        self.writes += 1

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- the store

# (id, title, year, aka) of a film.
FilmEntry = tuple[str, str, int | None, tuple[str, ...]]


class Store:
    """The journal, opened for reading or inside a write transaction."""

    def __init__(self, path: Path, data: dict[str, Any], *, writable: bool) -> None:
        self.path = path
        self.writable = writable
        self._db = TinyDB(data, storage=_MemoryStorage)
        storage = self._db.storage
        assert isinstance(storage, _MemoryStorage)
        self._storage = storage
        self._meta = Table(self._storage, META, cache_size=0)
        self._titles: tuple[int, tuple[list[dict[str, Any]], list[str], list[int]]] | None = None

    # -- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open for reading. A missing journal reads as an empty one."""
        raw = _read_bytes(path)
        data = empty_journal() if raw is None else parse(raw, path, for_write=False)
        if raw is not None:
            data, _ = migrate(data, reading=True)
        return cls(path, data, writable=False)

    @classmethod
    @contextlib.contextmanager
    def transaction(cls, path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[Store]:
        """Lock, load, yield a writable store, and write once if anything changed.

        ``on_wait`` is called once if another process keeps the lock for a while.
        """
        with journal_lock(path, on_wait=on_wait):
            raw = _read_bytes(path)
            if raw is None:
                data, migrated = empty_journal(), False
            else:
                data = parse(raw, path, for_write=True)
                if data[META]["1"]["schema"] < SCHEMA_VERSION:
                    keep_backup(path)  # before any migration code runs
                data, migrated = migrate(data)
            store = cls(path, data, writable=True)
            yield store
            if store._storage.dirty or migrated:
                store._write()

    def _write(self) -> None:
        raw = dump(self._storage.data)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            kept = keep_backup(self.path)
            try:
                atomic_write(self.path, raw)
            except BaseException:
                # The journal is unchanged: a backup of it would only crowd out older ones.
                if kept is not None:
                    with contextlib.suppress(OSError):
                        kept.unlink()
                raise
        except OSError as exc:
            detail = exc.strerror or str(exc)
            if exc.filename and not str(exc.filename).endswith((self.path.name, ".tmp")):
                detail += f": {exc.filename}"  # the backups folder, say
            raise JournalWriteFailed(
                f"could not write journal {self.path}: {detail}", "nothing was changed"
            ) from None
        with contextlib.suppress(OSError):
            _step("prune")
            remove_stale_temps(self.path)
            prune_backups(self.path)
        self._storage.dirty = False

    def raw_data(self) -> dict[str, Any]:
        """The whole journal as plain data (for the JSON export and doctor)."""
        return self._storage.data

    # -- meta -------------------------------------------------------------------

    def _counter(self, name: str) -> int:
        record = self._meta.get(doc_id=1)
        return int(record.get(name, 1)) if record else 1

    def _take_id(self, name: str, count: int = 1) -> int:
        first = self._counter(name)
        self._meta.update({name: first + count}, doc_ids=[1])
        return first

    # -- films ------------------------------------------------------------------

    def films(self) -> list[Film]:
        """Every film."""
        return [film_from_doc(d) for d in self._table_docs("films")]

    def film(self, film_id: str) -> Film | None:
        """The film with this id, or None."""
        doc = self._storage.data["films"].get(film_id)
        return film_from_doc(doc) if doc is not None else None

    def film_index(self) -> list[FilmEntry]:
        """(id, title, year, aka) of every film: what title lookup needs, cheaply."""
        return [_film_entry(d) for d in self._table_docs("films")]

    def title_keys(self) -> list[str]:
        """The ``title_key`` of every film's title and aliases (a key may repeat)."""
        return self._title_keys()[1]

    def films_titled(self, key: str) -> list[FilmEntry]:
        """film_index entries of the films whose title or an alias has this ``title_key``."""
        docs, keys, owners = self._title_keys()
        found: dict[int, None] = {}
        at = -1
        with contextlib.suppress(ValueError):
            while True:
                at = keys.index(key, at + 1)
                found[owners[at]] = None
        return [_film_entry(docs[n]) for n in sorted(found)]

    def _title_keys(self) -> tuple[list[dict[str, Any]], list[str], list[int]]:
        # Built once and kept until films change: lookups and "did you mean" of one
        # command key the journal's titles once, and never build a model to do it.
        if self._titles is None or self._titles[0] != self._storage.writes:
            docs = self._table_docs("films")
            aliases = [(n, a) for n, d in enumerate(docs) if d.get("aka") for a in d["aka"]]
            names = [d["title"] for d in docs] + [a for _, a in aliases]
            owners = list(range(len(docs))) + [n for n, _ in aliases]
            self._titles = (self._storage.writes, (docs, title_keys(names), owners))
        return self._titles[1]

    def new_film_id(self, title: str, year: int | None, reserved: Container[str] = ()) -> str:
        """A slug of title and year that no film has, or had (nor one in ``reserved``)."""
        base = slugify(title, year)
        taken = self._storage.data["films"]
        retired = set(self._meta_list("retired_films"))
        candidate, n = base, 2
        while candidate in taken or candidate in retired or candidate in reserved:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def save_film(self, film: Film) -> None:
        """Insert or replace a film."""
        self._require_writable()
        self._upsert("films", film.id, compact_doc("films", film_to_doc(film)))

    def save_films(self, films: Iterable[Film]) -> None:
        """Insert or replace many films in one table update."""
        self._require_writable()
        self._bulk("films", ((f.id, compact_doc("films", film_to_doc(f))) for f in films))

    def remove_film(self, film_id: str) -> None:
        """Delete a film; its id is retired, never given to another film."""
        self._require_writable()
        self._remove("films", film_id)
        retired = self._meta_list("retired_films")
        if film_id not in retired:
            self._meta.update({"retired_films": [*retired, film_id]}, doc_ids=[1])

    # -- watches ----------------------------------------------------------------

    def watches(self, film_ids: Iterable[str] | None = None) -> list[Watch]:
        """Every viewing, or those of some films, oldest first."""
        docs = self._table_docs("watches")
        if film_ids is not None:
            wanted = set(film_ids)
            docs = [d for d in docs if d.get("film") in wanted]
        return sorted((watch_from_doc(d) for d in docs), key=lambda w: (w.date, w.id))

    def watches_newest_first(self) -> Iterator[Watch]:
        """Viewings newest first, built one at a time (so ``--limit`` costs little)."""
        docs = self._table_docs("watches")
        try:
            # Two stable sorts on keys taken in C: by id, then by day.
            docs.sort(key=_ID, reverse=True)
            docs.sort(key=_DATE, reverse=True)
        except (KeyError, TypeError):  # a damaged document: its reader will name it
            docs.sort(key=lambda d: (str(d.get("date")), int(d.get("id") or 0)), reverse=True)
        return (watch_from_doc(d) for d in docs)

    def watch(self, watch_id: int) -> Watch | None:
        """The viewing with this id, or None."""
        doc = self._storage.data["watches"].get(str(watch_id))
        return watch_from_doc(doc) if doc is not None else None

    def watch_count(self) -> int:
        """How many viewings the journal holds."""
        return len(self._storage.data["watches"])

    def add_watch(self, watch: Watch) -> Watch:
        """Store a new viewing under the next id (ids are never reused)."""
        return self.add_watches([watch])[0]

    def add_watches(self, watches: list[Watch]) -> list[Watch]:
        """Store new viewings in one table update, numbering them in order."""
        self._require_writable()
        first = self._take_id("next_watch", len(watches))
        taken = self._storage.data["watches"]
        if any(str(first + i) in taken for i in range(len(watches))):
            # The counter is behind (a hand-edited or merged journal): never overwrite.
            first = 1 + max((int(k) for k in taken if k.isdigit()), default=0)
            self._meta.update({"next_watch": first + len(watches)}, doc_ids=[1])
        numbered = [_with_id(w, first + i) for i, w in enumerate(watches)]
        self._bulk("watches", ((str(w.id), _watch_doc(w)) for w in numbered))
        return numbered

    def save_watch(self, watch: Watch) -> None:
        """Replace an existing viewing."""
        self._require_writable()
        self._upsert("watches", str(watch.id), _watch_doc(watch))

    def save_watches(self, watches: Iterable[Watch]) -> None:
        """Replace many existing viewings in one table update."""
        self._require_writable()
        self._bulk("watches", ((str(w.id), _watch_doc(w)) for w in watches))

    def remove_watch(self, watch_id: int) -> None:
        """Delete a viewing; its id is not given out again."""
        self._require_writable()
        self._remove("watches", str(watch_id))

    # -- discs ------------------------------------------------------------------

    def discs(self, film_id: str | None = None) -> list[Disc]:
        """Every disc, or those holding one film, by id."""
        docs = self._table_docs("discs")
        if film_id is not None:
            docs = [d for d in docs if film_id in (d.get("films") or ())]
        return sorted((disc_from_doc(d) for d in docs), key=lambda d: d.id)

    def disc(self, disc_id: int) -> Disc | None:
        """The disc with this id, or None."""
        doc = self._storage.data["discs"].get(str(disc_id))
        return disc_from_doc(doc) if doc is not None else None

    def add_disc(self, disc: Disc) -> Disc:
        """Store a new disc under the next disc id."""
        self._require_writable()
        numbered = _with_id(disc, self._take_id("next_disc"))
        if str(numbered.id) in self._storage.data["discs"]:
            raise JournalError(f"internal: disc #{numbered.id} already exists")
        self._upsert("discs", str(numbered.id), compact_doc("discs", disc_to_doc(numbered)))
        return numbered

    def save_disc(self, disc: Disc) -> None:
        """Replace an existing disc."""
        self._require_writable()
        self._upsert("discs", str(disc.id), compact_doc("discs", disc_to_doc(disc)))

    def remove_disc(self, disc_id: int) -> None:
        """Delete a disc; its id is not given out again."""
        self._require_writable()
        self._remove("discs", str(disc_id))

    # -- watchlist --------------------------------------------------------------

    def watchlist(self) -> list[WatchlistItem]:
        """Films to see, oldest addition first."""
        items = [watchlist_from_doc(d) for d in self._table_docs("watchlist")]
        return sorted(items, key=lambda i: (i.added, i.film))

    def on_watchlist(self, film_id: str) -> bool:
        """Whether a film is on the watchlist."""
        return film_id in self._storage.data["watchlist"]

    def save_watchlist_items(self, items: Iterable[WatchlistItem]) -> None:
        """Add or replace watchlist entries."""
        self._require_writable()
        self._bulk(
            "watchlist", ((i.film, compact_doc("watchlist", watchlist_to_doc(i))) for i in items)
        )

    def remove_from_watchlist(self, film_id: str) -> bool:
        """Take a film off the watchlist; False if it was not on it."""
        self._require_writable()
        return self._remove("watchlist", film_id)

    # -- whole journal ----------------------------------------------------------

    def replace_all(self, data: dict[str, Any]) -> None:
        """Replace the whole journal (restoring an export); data must pass check_shape
        and be of this schema. Documents are stored compact, whichever form they come in."""
        self._require_writable()
        for name in TABLES:
            data[name] = {key: compact_doc(name, doc) for key, doc in data[name].items()}
        self._storage.write(data)

    def is_empty(self) -> bool:
        """True when the journal holds no film, viewing, disc or watchlist entry."""
        return not any(self._storage.data[name] for name in TABLES)

    # -- helpers ----------------------------------------------------------------

    def _table_docs(self, name: str) -> list[dict[str, Any]]:
        return list(self._storage.data[name].values())

    def _meta_list(self, key: str) -> list[str]:
        record: dict[str, Any] = dict(self._meta.get(doc_id=1) or {})
        value = record.get(key) or []
        return [str(v) for v in value]

    # Documents change in place, then write() marks the journal changed. TinyDB's own
    # update copies the whole table twice per call (to re-key it), which made one saved
    # film cost as much as parsing the journal.

    def _bulk(self, table: str, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        batch = list(items)  # built in full first: a failing document changes nothing
        docs = self._storage.data[table]
        for key, doc in batch:
            docs[key] = doc
        self._storage.write(self._storage.data)

    def _upsert(self, table: str, key: str, doc: dict[str, Any]) -> None:
        # The new document replaces the old one: merged, a field cleared to its default
        # (and so left out of the stored form) would keep its old value.
        self._storage.data[table][key] = doc
        self._storage.write(self._storage.data)

    def _remove(self, table: str, key: str) -> bool:
        if self._storage.data[table].pop(key, None) is None:
            return False
        self._storage.write(self._storage.data)
        return True

    def _require_writable(self) -> None:
        if not self.writable:
            raise JournalError("internal: the journal was opened read-only")


_Numbered = TypeVar("_Numbered", Watch, Disc)
_ID = operator.itemgetter("id")
_DATE = operator.itemgetter("date")


def _watch_doc(watch: Watch) -> dict[str, Any]:
    return compact_doc("watches", watch_to_doc(watch))


def _film_entry(doc: dict[str, Any]) -> FilmEntry:
    return (doc["id"], doc["title"], doc.get("year"), tuple(doc.get("aka") or ()))


def _with_id(obj: _Numbered, new_id: int) -> _Numbered:
    return replace(obj, id=new_id)


def _read_bytes(path: Path) -> bytes | None:
    try:
        _step("read")
        return path.read_bytes()
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
